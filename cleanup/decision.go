package cleanup

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fazhi/gongwen"
	"fazhi/ledger"
)

// List is one list of the decision: the documents given some conclusions.
type List struct {
	Heading     string   // e.g. 废止、宣布失效的规范性文件
	Conclusions []string // the conclusions it gathers
	Rows        []ledger.Record
}

// listSpecs are the three lists a cleanup decision publishes, in order.
// Documents kept in force (继续有效) are only counted.
var listSpecs = []List{
	{Heading: "废止、宣布失效的规范性文件", Conclusions: []string{"废止", "宣布失效"}},
	{Heading: "不再作为规范性文件管理的文件", Conclusions: []string{"不再作为规范性文件管理"}},
	{Heading: "需要修改的规范性文件", Conclusions: []string{"修改"}},
}

// Lists sorts rows into the decision's three lists, each ordered by
// publication date and 文号.
func Lists(rows []ledger.Record) []List {
	out := make([]List, len(listSpecs))
	copy(out, listSpecs)
	for i := range out {
		out[i].Rows = nil
		for _, r := range rows {
			if slices.Contains(out[i].Conclusions, r.String("conclusion")) {
				out[i].Rows = append(out[i].Rows, r)
			}
		}
		SortRows(out[i].Rows)
	}
	return out
}

// ItemText is how a document appears in a list: number, title and 文号.
func ItemText(n int, r ledger.Record) string {
	title := strings.TrimSpace(r.String("title"))
	if title == "" {
		return fmt.Sprintf("%d.%s", n, r.String("doc_no"))
	}
	return fmt.Sprintf("%d.《%s》（%s）", n, strings.Trim(title, "《》"), r.String("doc_no"))
}

// DecisionInput is what the decision is drawn from.
type DecisionInput struct {
	Organ       string   // the deciding government, e.g. 洛阳市偃师区人民政府
	IssuerNames []string // short names of the organs in scope, e.g. 区政府、区政府办公室
	Batch       Batch
	Rows        []ledger.Record // the batch's normdoc_cleanup records
	No          string          // 决定文号 (may be empty in a draft)
	Date        time.Time       // 成文日期
}

// DecisionTitle is the title of the decision of organ.
func DecisionTitle(organ string) string {
	return organ + "关于公布规范性文件清理结果的决定"
}

// Decision drafts 《…关于公布规范性文件清理结果的决定》 as a 公文: the
// result in figures, then the three lists, each document numbered with its
// title and 文号, then what follows for each list.
func Decision(in DecisionInput) (*gongwen.Document, error) {
	if strings.TrimSpace(in.Organ) == "" {
		return nil, errors.New("未指定作出决定的机关")
	}
	if len(in.Rows) == 0 {
		return nil, fmt.Errorf("清理批次“%s”中没有任何文件，无法起草决定", in.Batch.Name)
	}
	if in.Date.IsZero() {
		return nil, errors.New("未指定决定的日期")
	}
	sum := Summarize(in.Rows)
	if n := sum.Pending(); n > 0 {
		return nil, fmt.Errorf("清理批次“%s”还有%d件文件未作清理结论，全部作出结论后才能起草决定", in.Batch.Name, n)
	}
	level := organLevel(in.Organ)
	lists := Lists(in.Rows)

	scope := "现行有效的"
	if !in.Batch.Cutoff.IsZero() {
		scope = fmt.Sprintf("%s以前%s印发的", gongwen.FormatDate(in.Batch.Cutoff), strings.Join(in.IssuerNames, "、"))
	}
	var parts []string
	for i, l := range lists {
		if len(l.Rows) == 0 {
			continue
		}
		switch i {
		case 0:
			parts = append(parts, fmt.Sprintf("废止、宣布失效%d件", len(l.Rows)))
		case 1:
			parts = append(parts, fmt.Sprintf("不再作为规范性文件管理%d件", len(l.Rows)))
		case 2:
			parts = append(parts, fmt.Sprintf("需要修改%d件", len(l.Rows)))
		}
	}
	if n := sum.ByConclusion["继续有效"]; n > 0 {
		parts = append(parts, fmt.Sprintf("继续有效%d件", n))
	}
	blocks := []gongwen.Block{gongwen.Para(gongwen.Plain(fmt.Sprintf(
		"为维护社会主义法制统一，保障政令畅通，持续优化法治化营商环境，根据《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）等有关规定，%s人民政府对%s%d件规范性文件进行了全面清理。经清理，%s。现将清理结果公布如下：",
		level, scope, sum.Total, strings.Join(parts, "，"))))}

	section := 0
	var after []string
	for i, l := range lists {
		if len(l.Rows) == 0 {
			continue
		}
		section++
		blocks = append(blocks, gongwen.Head(1, fmt.Sprintf("%s%s（%d件）", gongwen.HeadingNumber(1, section), l.Heading, len(l.Rows))))
		for n, r := range l.Rows {
			blocks = append(blocks, gongwen.Para(gongwen.Plain(ItemText(n+1, r))))
		}
		after = append(after, []string{
			"废止、宣布失效的规范性文件，自本决定公布之日起停止执行",
			"不再作为规范性文件管理的文件，不得作为行政管理的依据",
			"需要修改的规范性文件，由原起草单位按照规定程序抓紧修改，修改后重新公布",
		}[i])
	}
	after = append(after, "各单位要严格落实规范性文件动态清理制度，清理结果及时向社会公布")
	blocks = append(blocks, gongwen.Para(gongwen.Plain(strings.Join(after, "；")+"。")))

	return &gongwen.Document{
		Issuer:      in.Organ + "文件",
		DocNumber:   in.No,
		Title:       DecisionTitle(in.Organ),
		Addressee:   addressee(level),
		Blocks:      blocks,
		Signatures:  []string{in.Organ},
		Date:        in.Date,
		Notes:       "此件公开发布",
		PrintedBy:   in.Organ + "办公室",
		PrintedDate: in.Date,
	}, nil
}

// organLevel is the level word of a government: 区 for 洛阳市偃师区人民政府.
func organLevel(organ string) string {
	for _, l := range []string{"区", "县", "市", "省"} {
		if strings.HasSuffix(organ, l+"人民政府") {
			return l
		}
	}
	return "本级"
}

// addressee is the usual 主送机关 of a government at level.
func addressee(level string) string {
	switch level {
	case "区", "县":
		return "各镇人民政府、街道办事处，" + level + "人民政府各部门，各有关单位"
	case "市", "省":
		return "各" + map[string]string{"市": "县（市、区）", "省": "省辖市"}[level] + "人民政府，" + level + "人民政府各部门"
	}
	return "各有关单位"
}
