package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"fazhi/app"
)

// upload posts a file to the import page as its form does, with the
// given extra fields.
func (c *client) upload(path, name, content string, fields url.Values) (int, string) {
	c.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", name)
	io.WriteString(fw, content)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", c.base)
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

var tokenRe = regexp.MustCompile(`name="token" value="([0-9a-f]+)"`)

func token(t *testing.T, body string) string {
	t.Helper()
	m := tokenRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no upload token in:\n%s", body)
	}
	return m[1]
}

// TestImportOptions_HTTP drives the import page's controls (issue 11):
// the confirm step for an implausible amount, the 清空空白单元格 checkbox,
// and the column mapping offered when the header does not match, saved
// for the next file of the same shape.
func TestImportOptions_HTTP(t *testing.T) {
	s, ap := demoServer(t)
	c := newClient(t, s)
	c.login("minzheng")
	const imp = "/ledgers/contract/import"
	head := "合同编号,合同名称,送审日期,审查意见,出具意见日期,合同金额（万元）,相对方\n"

	// An amount far beyond the usual range: refused until confirmed.
	st, body := c.upload(imp, "大额.csv", head+"MZ-2022-951,养老服务综合体建设合同,2022-03-01,同意,2022-03-10,200000,洛阳康养服务有限公司\n", nil)
	if st != http.StatusBadRequest || !strings.Contains(body, `name="confirm_amounts"`) || !strings.Contains(body, "合同金额") {
		t.Fatalf("implausible amount: %d\n%s", st, body)
	}
	tok := token(t, body)
	st, _, body = c.post(imp+"/preview", url.Values{"token": {tok}, "confirm_amounts": {"1"}})
	if st != http.StatusOK || !strings.Contains(body, `class="new">1<`) || !strings.Contains(body, "已确认超出常见范围的金额") {
		t.Fatalf("after confirming: %d\n%s", st, body)
	}
	if st, loc, _ := c.post(imp+"/confirm", url.Values{"token": {tok}}); st != http.StatusSeeOther || loc != "/ledgers/contract" {
		t.Fatalf("confirm: %d %s", st, loc)
	}
	_, _, rec := c.get("/ledgers/contract/record?key=MZ-2022-951")
	if !strings.Contains(rec, "200000") {
		t.Fatalf("the confirmed amount is not stored:\n%s", rec)
	}

	// A blank 相对方 keeps the stored value unless the box is ticked.
	blank := head + "MZ-2022-951,养老服务综合体建设合同,2022-03-01,同意,2022-03-10,200000,\n"
	st, body = c.upload(imp, "空白.csv", blank, url.Values{"confirm_amounts": {"1"}})
	if st == http.StatusOK || !strings.Contains(body, `name="confirm_amounts"`) {
		// the confirmation belongs to one upload: a new file asks again
		t.Fatalf("a new upload kept an earlier confirmation: %d", st)
	}
	st, _, body = c.post(imp+"/preview", url.Values{"token": {token(t, body)}, "confirm_amounts": {"1"}})
	if st != http.StatusOK || !strings.Contains(body, `class="unchanged">1<`) || !strings.Contains(body, "清空空白单元格：否") {
		t.Fatalf("blank cell without the box: %d\n%s", st, body)
	}
	st, body = c.upload(imp, "空白.csv", blank, url.Values{"clear_blank": {"1"}})
	tok = token(t, body)
	st, _, body = c.post(imp+"/preview", url.Values{"token": {tok}, "confirm_amounts": {"1"}, "clear_blank": {"1"}})
	if st != http.StatusOK || !strings.Contains(body, `class="changed">1<`) || !strings.Contains(body, "相对方：洛阳康养服务有限公司 → （空）") {
		t.Fatalf("blank cell with the box: %d\n%s", st, body)
	}
	if st, _, _ := c.post(imp+"/confirm", url.Values{"token": {tok}}); st != http.StatusSeeOther {
		t.Fatalf("confirm with the box ticked: %d", st)
	}
	v, err := ap.GetRecord(app.WithActor(context.Background(), app.LocalActor()), "contract", "MZ-2022-951")
	if err != nil || v.Record["counterparty"] != nil || v.Version != 2 {
		t.Errorf("the ticked box did not clear 相对方: %v %v", v.Record, err)
	}

	// Headers the ledger does not know: the page offers a field per column.
	odd := "编号,项目名称,送审日期,审查意见,出具意见日期,合同金额（万元）\n"
	st, body = c.upload(imp, "别样表头.csv", odd+"MZ-2022-952,社区食堂运营合同,2022-05-06,同意,2022-05-20,30\n", nil)
	if st != http.StatusBadRequest || !strings.Contains(body, `name="map_A"`) || !strings.Contains(body, `<option value="合同编号">`) {
		t.Fatalf("no column mapping offered: %d\n%s", st, body)
	}
	tok = token(t, body)
	st, _, body = c.post(imp+"/preview", url.Values{"token": {tok}, "remap": {"1"}, "map_A": {"合同编号"}, "map_B": {"合同名称"}})
	if st != http.StatusOK || !strings.Contains(body, `class="new">1<`) {
		t.Fatalf("mapped by hand: %d\n%s", st, body)
	}
	c.post(imp+"/confirm", url.Values{"token": {tok}})
	if _, _, rec := c.get("/ledgers/contract/record?key=MZ-2022-952"); !strings.Contains(rec, "社区食堂运营合同") {
		t.Fatalf("the mapped file was not imported")
	}
	// The next file of the same shape is read with the saved mapping.
	st, body = c.upload(imp, "别样表头2.csv", odd+"MZ-2022-953,老年大学教学服务合同,2022-06-01,同意,2022-06-08,12\n", nil)
	if st != http.StatusOK || !strings.Contains(body, `class="new">1<`) {
		t.Fatalf("the saved mapping was not used: %d\n%s", st, body)
	}
}
