package demo

import (
	"strings"
	"time"
)

// shufaTable: every one of the 71 units reported 书面述法 for 2022 (handed in
// from December 2022 to mid-January 2023); for 2021 most reported in
// writing and the townships' heads in person, handed in early in 2022.
func shufaTable(g *gen) (*table, error) {
	g.seed("shufa")
	t := &table{ledger: "shufa", file: "09-述法台账.xlsx", title: "偃师区党政主要负责人述法情况统计表",
		header: []string{"序号", "年度", "单位", "述法人", "职务", "述法形式", "提交日期", "评议结果"}}
	seq := 0
	add := func(year int, u unit, form string, from, to time.Time) {
		seq++
		rating := "好"
		switch r := g.r.Float64(); {
		case r < 0.25:
			rating = "较好"
		case r < 0.3:
			rating = "一般"
		}
		t.add(seq, year, g.typed(u), g.person(), headTitle(u), form, g.workday(from, to), rating)
	}
	for _, u := range subordinateUnits() {
		form := "书面"
		if u.Kind == "镇" && g.chance(0.5) {
			form = "现场"
		}
		add(2021, u, form, date("2022-01-04"), date("2022-02-25"))
	}
	for _, u := range subordinateUnits() {
		add(2022, u, "书面", date("2022-12-01"), date("2023-01-13"))
	}
	// The 区委书记 and the 区长 reported in person at the city's 现场述法
	// meeting: one on-site session.
	for _, u := range units {
		if u.Parent == "" {
			title := "区长"
			if u.Kind == "党委" {
				title = "区委书记"
			}
			seq++
			t.add(seq, 2022, u.Name, g.person(), title, "现场", date("2023-01-10"), "好")
		}
	}
	return t, nil
}

// headTitle is the title of a unit's principal leader.
func headTitle(u unit) string {
	switch {
	case u.Kind == "镇":
		return "党委书记"
	case u.Kind == "街道":
		return "党工委书记"
	case strings.HasSuffix(u.Name, "局") || strings.HasSuffix(u.Name, "分局"):
		return "局长"
	case strings.HasSuffix(u.Name, "部"):
		return "部长"
	case strings.HasSuffix(u.Name, "纪委监委"):
		return "书记"
	case strings.HasSuffix(u.Name, "大队"):
		return "大队长"
	case strings.HasSuffix(u.Name, "公司"):
		return "经理"
	}
	return "主任"
}
