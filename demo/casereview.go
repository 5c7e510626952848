package demo

import (
	"fmt"
	"time"
)

// enforcers are units whose case files are reviewed, with the 代字 of their
// penalty decisions.
var enforcers = []struct{ unit, abbr string }{
	{uMarket, "偃市监罚"}, {"偃师区城市管理局", "偃城管罚"}, {"偃师区交通运输局", "偃交罚"}, {"偃师区卫生健康委员会", "偃卫监罚"},
	{"偃师区农业农村局", "偃农罚"}, {"偃师区应急管理局", "偃应急罚"}, {"偃师区文化广电和旅游局", "偃文旅罚"}, {"偃师区水利局", "偃水罚"},
	{"偃师区林业局", "偃林罚"}, {"偃师区人力资源和社会保障局", "偃人社监罚"}, {uHousing, "偃建罚"}, {uUrbanEnforce, "偃城执罚"},
	{"偃师区槐新街道", "槐新综执罚"}, {"偃师区首阳山街道", "首阳山综执罚"}, {"偃师区岳滩镇", "岳滩综执罚"}, {"偃师区顾县镇", "顾县综执罚"},
	{"偃师区缑氏镇", "缑氏综执罚"}, {"偃师区府店镇", "府店综执罚"}, {"偃师区山化镇", "山化综执罚"}, {"偃师区邙岭镇", "邙岭综执罚"},
}

var reviewProblems = []string{"事实认定证据不够充分", "法律依据引用不准确", "未充分说明裁量理由", "送达程序不规范", "案卷装订顺序不规范",
	"未告知陈述、申辩权利的证据不全", "调查笔录要素不全", "法制审核意见不明确"}

// caseReviewTable: the yearly review of enforcement case files, December
// 2021, November 2022 and the first half of 2023.
func caseReviewTable(g *gen) (*table, error) {
	g.seed("case_review")
	t := &table{ledger: "case_review", file: "20-行政执法案卷评查台账.xlsx", title: "偃师区行政执法案卷评查结果登记表",
		header: []string{"序号", "案卷编号", "执法单位", "案件类型", "评查批次", "评查日期", "得分", "等次", "主要问题", "评查人"}}
	reviewers := []string{g.person(), g.person(), g.person(), g.person()}
	batch := func(name string, year int, from, to time.Time, perUnit int, fails int) {
		used := map[string]bool{}
		for i, e := range enforcers {
			for k := 0; k < perUnit; k++ {
				no := ""
				for no == "" || used[no] {
					no = fmt.Sprintf("%s〔%d〕%d号", e.abbr, year, g.between(1, 180))
				}
				used[no] = true
				score := g.between(700, 985)
				if fails > 0 && k == 0 && i%7 == 3 {
					score, fails = g.between(520, 590), fails-1
				}
				grade := "合格"
				switch {
				case score >= 900:
					grade = "优秀"
				case score < 600:
					grade = "不合格"
				}
				var problems any
				if grade != "优秀" {
					problems = pick(g, reviewProblems)
				}
				kind := "行政处罚"
				if g.chance(0.15) {
					kind = pick(g, []string{"行政强制", "行政检查"})
				}
				score10 := fmt.Sprintf("%d.%d", score/10, score%10)
				t.add(len(t.rows)+1, no, e.unit, kind, name, g.workday(from, to), score10, grade, problems, pick(g, reviewers))
			}
		}
	}
	batch("2021年度行政执法案卷评查", 2021, date("2021-12-06"), date("2021-12-17"), 2, 1)
	batch("2022年度行政执法案卷评查", 2022, date("2022-11-14"), date("2022-11-25"), 3, 2)
	batch("2023年上半年行政执法案卷评查", 2023, date("2023-06-05"), date("2023-06-16"), 1, 0)
	return t, nil
}
