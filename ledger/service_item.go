package ledger

import "errors"

// ServiceItemKinds are the types of 政务服务事项 (the 8 kinds of the
// national 政务服务事项基本目录).
var ServiceItemKinds = []string{"行政许可", "行政确认", "行政裁决", "行政给付", "行政奖励", "行政备案", "其他行政权力", "公共服务"}

// ServiceItem is the 政务服务事项目录 ledger: one record per item of the
// district's 实施清单, with the standard elements that are uniform across
// the province (事项名称, 事项编码, 事项类型, 实施机关, 设定依据 …; GB/T
// 39554.1-2020) and the figures of 最多跑一次 and 一网通办. 纳入目录日期 and
// 取消日期 give the catalogue as it stood on any date.
var ServiceItem = func() *Definition {
	d := &Definition{
		ID:    "service_item",
		Name:  "政务服务事项目录",
		Key:   []string{"code"},
		Owner: "agency",
		Fields: []Field{
			{Name: "code", Label: "事项编码", Type: Text, Required: true, Normalize: normalizeCode},
			{Name: "name", Label: "事项名称", Type: Text, Required: true},
			{Name: "kind", Label: "事项类型", Type: Enum, Enum: ServiceItemKinds},
			{Name: "agency", Label: "实施主体", Type: UnitRef, Synonyms: []string{"实施机关", "实施部门", "办理部门"}},
			{Name: "agency_nature", Label: "实施主体性质", Type: Enum, Enum: []string{"法定机关", "授权组织", "受委托组织"}},
			{Name: "level", Label: "行使层级", Type: Enum, Enum: []string{"国家级", "省级", "市级", "县级", "乡级"}},
			{Name: "basis", Label: "设定依据", Type: Text},
			{Name: "conditions", Label: "受理条件", Type: Text},
			{Name: "materials", Label: "申请材料", Type: Text},
			{Name: "legal_days", Label: "法定办结时限（工作日）", Type: Int, Min: int64p(0), Words: promptWords, Synonyms: []string{"法定办结时限", "法定时限"}},
			{Name: "promised_days", Label: "承诺办结时限（工作日）", Type: Int, Min: int64p(0), Words: promptWords, Synonyms: []string{"承诺办结时限", "承诺时限"}},
			{Name: "visits", Label: "跑动次数", Type: Int, Required: true, Min: int64p(0), Note: "到办事现场次数，0 为全程网办", Synonyms: []string{"到办事现场次数", "到现场次数", "跑腿次数"}},
			{Name: "online", Label: "网上可办", Type: Bool, Required: true},
			{Name: "online_depth", Label: "网上办理深度", Type: Enum, Enum: []string{"一级", "二级", "三级", "四级"}, Note: "四级为全程网办"},
			{Name: "one_network", Label: "一网通办", Type: Bool, Required: true},
			{Name: "no_visit", Label: "不见面审批", Type: Bool},
			{Name: "immediate", Label: "即办件", Type: Bool},
			{Name: "fee", Label: "是否收费", Type: Bool},
			{Name: "fee_basis", Label: "收费依据及标准", Type: Text},
			{Name: "place", Label: "办理地点", Type: Text},
			{Name: "phone", Label: "咨询电话", Type: Text},
			{Name: "complaint_phone", Label: "监督投诉电话", Type: Text},
			{Name: "scope", Label: "通办范围", Type: Enum, Enum: []string{"全区", "跨区域", "全市", "全省", "全国"}},
			{Name: "listed_on", Label: "纳入目录日期", Type: Date},
			{Name: "cancelled_on", Label: "取消日期", Type: Date, Note: "事项取消或调出目录的日期；仍在目录中的留空"},
		},
	}
	d.Checks = []RecordCheck{
		dateOrder(d, "listed_on", "cancelled_on"),
		{Field: "promised_days", Check: func(r Record) error {
			// A promised time limit may only shorten the statutory one (行政许可法 art 42).
			p, okP := r.Int("promised_days")
			l, okL := r.Int("legal_days")
			if okP && okL && p > l {
				return errors.New("承诺办结时限不能长于法定办结时限")
			}
			return nil
		}},
		{Field: "one_network", Check: func(r Record) error {
			if on, _ := r["one_network"].(bool); on {
				if online, ok := r["online"].(bool); ok && !online {
					return errors.New("一网通办的事项必须网上可办")
				}
			}
			return nil
		}},
	}
	return register(d)
}()
