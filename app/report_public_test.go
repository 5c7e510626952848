package app_test

import (
	"strings"
	"testing"

	"fazhi/app"
	"fazhi/internal/testdb"
)

// TestPublicReport_StrikesPartyNames: the public HTML strikes out every
// party to a record of the year or the years around it that the
// narrative names (an applicant of a 2021 case, a plaintiff company),
// matched by storage inside the text, and leaves other words alone.
func TestPublicReport_StrikesPartyNames(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, demoDSN(t, e))
		text := "标题：偃师区{{year}}年度法治政府建设情况的报告\n---\n" +
			"{{year}}年共收到行政复议申请{{reconsideration.received}}起，申请人石雪梅的案件维持原行政行为；" +
			"洛阳宏鑫物流有限公司诉土地征收补偿一案已审结。偃师区人民法院依法审理。\n"
		if _, _, err := ap.SaveReport(local, 2022, text, "测试"); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if _, err := ap.RenderReport(local, &b, app.ReportOptions{Year: 2022, Format: "html", Force: true, Public: true}); err != nil {
			t.Fatal(err)
		}
		h := b.String()
		for _, name := range []string{"石雪梅", "洛阳宏鑫物流有限公司"} {
			if strings.Contains(h, name) {
				t.Errorf("public html names the party %s", name)
			}
		}
		if !strings.Contains(h, "申请人某某的案件") || !strings.Contains(h, "偃师区人民法院依法审理") {
			t.Errorf("public html: the names not struck out as 某某, or other words changed:\n%s", h[strings.Index(h, "<body>"):])
		}
	})
}
