package ledger

import "errors"

// Litigation is the 行政应诉案件 ledger: lawsuits in which a unit is the
// defendant, with the hearing and who appeared for the agency
// (行政诉讼法 art 3 para 3; 最高法《关于行政机关负责人出庭应诉若干问题的规定》2020).
var Litigation = func() *Definition {
	d := &Definition{
		ID:    "litigation",
		Name:  "行政应诉案件",
		Key:   []string{"case_no"},
		Owner: "defendant",
		Fields: []Field{
			{Name: "case_no", Label: "案号", Type: Text, Required: true, Normalize: normalizeCaseNo, Check: checkCaseNo, Note: "如 （2022）豫0381行初15号", Synonyms: []string{"案件编号", "诉讼案号", "法院案号"}},
			{Name: "instance", Label: "审级", Type: Enum, Required: true, Enum: []string{"一审", "二审", "再审"}, Values: instanceValues, Synonyms: []string{"审理程序", "诉讼程序"}},
			{Name: "court", Label: "法院", Type: Text},
			{Name: "plaintiff", Label: "原告", Type: Text, Required: true, Personal: true},
			{Name: "defendant", Label: "被告", Type: UnitRef, Required: true, Note: "单位名录中的单位名称", Synonyms: []string{"被告单位", "被告机关"}},
			{Name: "cause", Label: "案由", Type: Text},
			{Name: "complaint_received_on", Label: "收到起诉状副本日期", Type: Date, Required: true, Synonyms: []string{"收到起诉状日期", "收到应诉通知日期", "收案日期"}},
			{Name: "defence_filed_on", Label: "答辩提交日期", Type: Date},
			{Name: "hearing_on", Label: "开庭日期", Type: Date, Note: "未开庭的留空"},
			{Name: "appearer", Label: "出庭人员", Type: Text},
			{Name: "appearer_title", Label: "出庭人员职务", Type: Text},
			{Name: "appearance", Label: "出庭情况", Type: Enum, Required: true, Enum: AppearanceKinds, Values: appearanceValues, Ambiguous: appearanceAmbiguous, Synonyms: []string{"负责人出庭情况", "出庭应诉情况"}},
			{Name: "judged_on", Label: "裁判日期", Type: Date},
			{Name: "judgment", Label: "裁判结果", Type: Text},
			{Name: "lost", Label: "是否败诉", Type: Bool, Note: "是/否"},
			{Name: "performance", Label: "履行情况", Type: Text},
			{Name: "defence_due_on", Label: "答辩期限", Type: Date, Derived: true, Note: "自动计算：收到起诉状副本之日起15日"},
		},
		Deadlines: []Deadline{
			// 行政诉讼法 art 67: evidence and 答辩状 within 15 days of receiving the complaint.
			{Rule: "litigation.defence", From: "complaint_received_on", Due: "defence_due_on", Done: "defence_filed_on"},
		},
	}
	d.Checks = []RecordCheck{
		dateOrder(d, "complaint_received_on", "defence_filed_on"),
		dateOrder(d, "complaint_received_on", "hearing_on"),
		dateOrder(d, "complaint_received_on", "judged_on"),
		{Field: "appearance", Check: func(r Record) error {
			_, heard := r["hearing_on"]
			switch {
			case heard && r.String("appearance") == "未开庭":
				return errors.New("已填写开庭日期，出庭情况不能为“未开庭”")
			case !heard && r["appearance"] != nil && r.String("appearance") != "未开庭":
				return errors.New("未填写开庭日期，出庭情况应为“未开庭”")
			}
			return nil
		}},
	}
	return register(d)
}()

// AppearanceKinds are the values of 出庭情况; the first three count as a
// 负责人出庭 (出庭规定 2020 art 2: 正职、副职和其他参与分管的负责人).
var AppearanceKinds = []string{"正职负责人出庭", "副职负责人出庭", "其他负责人出庭", "工作人员出庭", "仅律师出庭", "未开庭"}
