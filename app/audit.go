package app

import (
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"fazhi/excel"
	"fazhi/ledger"
	"fazhi/store"
)

// The audit trail (等保 2.0 level 3, 安全审计, GB/T 22239-2019 8.1.4.3):
// every use case that changes or reveals something appends one entry —
// who, when (the wall clock), from where (the client address; 本机 on the
// command line), the action, its target and the values before and after
// (sensitive ones masked by auditValue). Entries are chained: entry n
// carries MAC_n = HMAC-SHA256(key, MAC_{n-1} ‖ canonical(entry n)), the key
// kept outside the database (AuditKeyPath), and the head (last seq, MAC)
// is stored with a keyed tag, so that an edited, inserted or deleted entry,
// deleted last entries and a chain recomputed without the key are all
// found by VerifyAudit. Entries are kept at least AuditRetention.

// AuditRetention is how long entries are kept at least: six months
// (网络安全法 第二十一条: 网络日志留存不少于六个月), counted as 180 days.
const AuditRetention = 180 * 24 * time.Hour

// LocalAddr is the "from where" of the command line.
const LocalAddr = "本机"

// Audit actions: the ID stored, and its Chinese name.
var AuditActions = []struct{ ID, Label string }{
	{"record.create", "新增记录"}, {"record.update", "修改记录"}, {"record.delete", "删除记录"}, {"record.restore", "恢复记录"},
	{"record.view", "查看未遮蔽个人信息"},
	{"import", "导入"}, {"import.units", "导入单位名录"}, {"export", "导出"}, {"download", "下载"},
	{"login", "登录"}, {"login.fail", "登录失败"}, {"login.locked", "登录被锁定拒绝"}, {"logout", "退出登录"},
	{"account.create", "创建账号"}, {"account.disable", "停用账号"}, {"account.enable", "启用账号"},
	{"account.password", "修改密码"}, {"account.reset", "重置密码"}, {"account.grant", "授予角色和数据范围"},
	{"setting.set", "修改设置"}, {"holiday.import", "导入节假日安排"},
	{"unit.alias", "设置单位别名"}, {"unit.unalias", "删除单位别名"},
	{"report.save", "保存报告"}, {"report.publish", "发布报告"},
	{"round.open", "发起报送"}, {"round.submit", "报送"}, {"round.accept", "接收报送"}, {"round.return", "退回报送"},
	{"cleanup.open", "发起清理"}, {"cleanup.conclude", "清理结论"}, {"cleanup.publish", "公布清理结果"},
	{"demo.load", "载入演示数据"},
	{"audit.list", "查看审计日志"}, {"audit.export", "导出审计日志"}, {"audit.verify", "校验审计日志"},
	{"audit.anchor", "锚定审计链头"}, {"audit.prune", "清理审计日志"},
}

// AuditActionLabel is the Chinese name of action id (the ID if unknown).
func AuditActionLabel(id string) string {
	for _, a := range AuditActions {
		if a.ID == id {
			return a.Label
		}
	}
	return id
}

type clientKey struct{}

// WithClientAddr returns ctx carrying the client address of the request
// (the web's, after trusted proxies); without one, entries say 本机.
func WithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientKey{}, addr)
}

// ClientAddr returns the client address of ctx, or 本机.
func ClientAddr(ctx context.Context) string {
	if s, ok := ctx.Value(clientKey{}).(string); ok && s != "" {
		return s
	}
	return LocalAddr
}

// AuditDetail is what an entry says beyond who, when, where and what:
// the values before and after (by field label; sensitive ones masked),
// and a note.
type AuditDetail struct {
	Before map[string]string `json:"before,omitempty"`
	After  map[string]string `json:"after,omitempty"`
	Note   string            `json:"note,omitempty"`
	Count  int               `json:"count,omitempty"`
}

// auditValue is the one place a value enters the audit trail: values of
// sensitive or personal fields (ID numbers, names of parties) are stored
// masked, never in clear.
func auditValue(f *ledger.Field, v string) string {
	if f != nil && f.Masked() && v != "" {
		return f.MaskText(v)
	}
	return v
}

// audit appends one entry for the actor of ctx.
func (a *App) audit(ctx context.Context, action, target string, d AuditDetail) error {
	act, _ := ActorFrom(ctx)
	return a.auditAs(ctx, act.Name(), roleOf(act), action, target, d)
}

func roleOf(act Actor) string {
	if act.Local {
		return "本机管理员"
	}
	return act.Role.Label()
}

// auditAs appends one entry naming who explicitly (a failed login names
// the account typed).
func (a *App) auditAs(ctx context.Context, who, role, action, target string, d AuditDetail) error {
	if who == "" {
		who = "（未登录）"
	}
	detail, err := json.Marshal(d)
	if err != nil {
		return err
	}
	e := store.AuditEntry{At: a.now(), Actor: who, Role: role, Addr: ClientAddr(ctx), Action: action, Target: target, Detail: string(detail)}
	if _, err := a.db.AppendAudit(context.WithoutCancel(ctx), e, a.seal); err != nil {
		return &Error{Code: Internal, Msg: "写入审计日志失败：" + err.Error(), Err: err}
	}
	return nil
}

// seal computes an entry's MAC and the tag of the head it becomes.
func (a *App) seal(prev string, e store.AuditEntry) (string, string) {
	m := auditMAC(a.auditKey, prev, e)
	return m, auditTag(a.auditKey, "head", e.Seq, m)
}

// auditMAC is HMAC-SHA256(key, prev ‖ canonical(e)) in hex. The canonical
// bytes are a version tag and each field with its length (8 bytes, big
// endian) before it, so no two different entries share their bytes.
func auditMAC(key []byte, prev string, e store.AuditEntry) string {
	m := hmac.New(sha256.New, key)
	put := func(s string) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		m.Write(n[:])
		m.Write([]byte(s))
	}
	put("fazhi-audit-v1")
	put(prev)
	put(strconv.FormatInt(e.Seq, 10))
	put(e.At.UTC().Format(store.AuditTimeFormat))
	for _, s := range []string{e.Actor, e.Role, e.Addr, e.Action, e.Target, e.Detail} {
		put(s)
	}
	return hex.EncodeToString(m.Sum(nil))
}

// auditTag is the keyed tag of a head or a prune checkpoint.
func auditTag(key []byte, kind string, seq int64, mac string) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "fazhi-audit-%s\x00%d\x00%s", kind, seq, mac)
	return hex.EncodeToString(m.Sum(nil))
}

// requireAuditor lets the 审计员 through; withLocal also the local
// administrator (verify and anchor read nothing of the entries).
func requireAuditor(ctx context.Context, what string, withLocal bool) (Actor, error) {
	act, err := actor(ctx)
	if err != nil {
		return act, err
	}
	if act.may(permAudit) || withLocal && act.Local {
		return act, nil
	}
	return act, errorf(Forbidden, "%s无权%s：仅审计员可以", act.describe(), what)
}

// AuditQuery selects entries of the audit trail.
type AuditQuery struct {
	Actor    string
	Action   string // an action ID, or a prefix such as "record."
	Target   string // a substring of the target
	From, To time.Time
	Page     int // 1-based; 0 is 1
	PageSize int // 0: 100; negative: all
}

// AuditView is one entry as the 审计员 reads it.
type AuditView struct {
	Seq         int64
	At          string // China time, 2006-01-02 15:04:05
	Actor, Role string
	Addr        string
	Action      string
	ActionLabel string
	Target      string
	Detail      string // before → after, readable
}

// AuditPage is one page of entries, newest first.
type AuditPage struct {
	Entries []AuditView
	Total   int
	Page    int
	Size    int
}

// AuditLog returns the entries matching q (审计员 only); reading the trail
// is itself audited. Errors: Forbidden.
func (a *App) AuditLog(ctx context.Context, q AuditQuery) (AuditPage, error) {
	if _, err := requireAuditor(ctx, "查看审计日志", false); err != nil {
		return AuditPage{}, err
	}
	f := storeFilter(q)
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PageSize == 0 {
		q.PageSize = 100
	}
	if q.PageSize > 0 {
		f.Limit, f.Offset = q.PageSize, (q.Page-1)*q.PageSize
	}
	if err := a.audit(ctx, "audit.list", describeQuery(q), AuditDetail{}); err != nil {
		return AuditPage{}, err
	}
	es, total, err := a.db.FindAudit(ctx, f)
	if err != nil {
		return AuditPage{}, err
	}
	out := AuditPage{Total: total, Page: q.Page, Size: q.PageSize}
	for _, e := range es {
		out.Entries = append(out.Entries, auditView(e))
	}
	return out, nil
}

func storeFilter(q AuditQuery) store.AuditFilter {
	return store.AuditFilter{Actor: strings.TrimSpace(q.Actor), Action: strings.TrimSpace(q.Action), Target: strings.TrimSpace(q.Target), From: q.From, To: q.To}
}

func describeQuery(q AuditQuery) string {
	var p []string
	if q.Actor != "" {
		p = append(p, "操作人="+q.Actor)
	}
	if q.Action != "" {
		p = append(p, "操作="+q.Action)
	}
	if q.Target != "" {
		p = append(p, "对象含="+q.Target)
	}
	if !q.From.IsZero() {
		p = append(p, "起="+q.From.In(ChinaTime).Format("2006-01-02 15:04"))
	}
	if !q.To.IsZero() {
		p = append(p, "止="+q.To.In(ChinaTime).Format("2006-01-02 15:04"))
	}
	if len(p) == 0 {
		return "全部"
	}
	return strings.Join(p, "，")
}

func auditView(e store.AuditEntry) AuditView {
	return AuditView{Seq: e.Seq, At: e.At.In(ChinaTime).Format("2006-01-02 15:04:05"), Actor: e.Actor, Role: e.Role,
		Addr: e.Addr, Action: e.Action, ActionLabel: AuditActionLabel(e.Action), Target: e.Target, Detail: readableDetail(e.Detail)}
}

// readableDetail renders an entry's JSON detail as 字段：旧 → 新；…
func readableDetail(s string) string {
	var d AuditDetail
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return s
	}
	keys := map[string]bool{}
	for k := range d.Before {
		keys[k] = true
	}
	for k := range d.After {
		keys[k] = true
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	var parts []string
	for _, k := range names {
		b, inB := d.Before[k]
		af, inA := d.After[k]
		switch {
		case inB && inA:
			parts = append(parts, fmt.Sprintf("%s：“%s” → “%s”", k, b, af))
		case inA:
			parts = append(parts, fmt.Sprintf("%s：“%s”", k, af))
		default:
			parts = append(parts, fmt.Sprintf("%s：原为“%s”", k, b))
		}
	}
	if d.Count > 0 {
		parts = append(parts, fmt.Sprintf("%d 条", d.Count))
	}
	if d.Note != "" {
		parts = append(parts, d.Note)
	}
	return strings.Join(parts, "；")
}

// ExportAudit writes the entries matching q (all pages) as an .xlsx
// workbook (审计员 only), and audits the export. It returns how many
// entries it wrote.
func (a *App) ExportAudit(ctx context.Context, w io.Writer, q AuditQuery) (int, error) {
	if _, err := requireAuditor(ctx, "导出审计日志", false); err != nil {
		return 0, err
	}
	if err := a.audit(ctx, "audit.export", describeQuery(q), AuditDetail{}); err != nil {
		return 0, err
	}
	es, _, err := a.db.FindAudit(ctx, storeFilter(q))
	if err != nil {
		return 0, err
	}
	rows := make([][]string, len(es))
	for i, e := range es {
		v := auditView(e)
		rows[i] = []string{strconv.FormatInt(v.Seq, 10), v.At, v.Actor, v.Role, v.Addr, v.ActionLabel, v.Target, v.Detail, e.MAC}
	}
	return len(rows), excel.WriteTable(w, "审计日志", []string{"序号", "时间", "操作人", "角色", "来源地址", "操作", "对象", "内容", "校验码"}, rows)
}

// Anchor is a published head of the chain: an administrator keeps it
// elsewhere (printed, in a file on another machine), and VerifyAudit
// checks the chain still holds it.
type Anchor struct {
	Seq int64
	MAC string
	At  time.Time
}

// String is the anchor's line in an anchor file.
func (an Anchor) String() string {
	return fmt.Sprintf("%s seq=%d mac=%s", an.At.UTC().Format(time.RFC3339), an.Seq, an.MAC)
}

// ParseAnchors reads anchor lines (as Anchor.String writes them; blank
// lines and lines starting with # are skipped). Errors: Invalid naming the
// line.
func ParseAnchors(r io.Reader) ([]Anchor, error) {
	var out []Anchor
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var an Anchor
		ok := 0
		for _, f := range strings.Fields(line) {
			switch {
			case strings.HasPrefix(f, "seq="):
				v, err := strconv.ParseInt(f[4:], 10, 64)
				if err == nil && v > 0 {
					an.Seq, ok = v, ok+1
				}
			case strings.HasPrefix(f, "mac="):
				if _, err := hex.DecodeString(f[4:]); err == nil && len(f) == 4+64 {
					an.MAC, ok = f[4:], ok+1
				}
			default:
				if t, err := time.Parse(time.RFC3339, f); err == nil {
					an.At = t
				}
			}
		}
		if ok != 2 {
			return nil, errorf(Invalid, "锚定文件第 %d 行格式不对：应为“时间 seq=序号 mac=64位十六进制”", n)
		}
		out = append(out, an)
	}
	return out, sc.Err()
}

// AnchorAudit appends an audit.anchor entry and returns the head after it,
// to be kept outside the database (审计员, or the local administrator).
func (a *App) AnchorAudit(ctx context.Context) (Anchor, error) {
	if _, err := requireAuditor(ctx, "锚定审计链头", true); err != nil {
		return Anchor{}, err
	}
	if err := a.audit(ctx, "audit.anchor", "审计链头", AuditDetail{}); err != nil {
		return Anchor{}, err
	}
	h, _, err := a.db.AuditHeadNow(ctx)
	if err != nil {
		return Anchor{}, err
	}
	return Anchor{Seq: h.Seq, MAC: h.MAC, At: a.now()}, nil
}

// AuditReport is the outcome of VerifyAudit.
type AuditReport struct {
	OK      bool
	Entries int   // entries checked
	From    int64 // first seq checked (after a prune checkpoint)
	Last    int64 // last seq found
	Broken  int64 // first broken entry's seq (0 when the whole chain or its head is wrong)
	Problem string
	Pruned  int64 // entries up to this seq were pruned (checkpoint)
	Anchors int   // anchors checked
	Key     string
}

// VerifyAudit checks the whole chain with the key: every entry's MAC, that
// seq runs without gaps from the last prune checkpoint (whose tag must be
// right) to the head (whose tag must be right and which must be the last
// entry), and that every anchor given is still in the chain. The first
// problem is reported in Chinese, naming the entry; a chain recomputed
// without the key fails at its first entry. 审计员 or the local
// administrator; the check is audited after it ran. Errors: Forbidden,
// Internal (storage).
func (a *App) VerifyAudit(ctx context.Context, anchors []Anchor) (AuditReport, error) {
	if _, err := requireAuditor(ctx, "校验审计日志", true); err != nil {
		return AuditReport{}, err
	}
	rep, err := a.verifyAudit(ctx, anchors)
	if err != nil {
		return rep, err
	}
	note := "通过"
	if !rep.OK {
		note = "未通过：" + rep.Problem
	}
	// A tampered trail may refuse the append (a forged entry holds the
	// next seq): the finding is what the caller needs then.
	if err := a.audit(ctx, "audit.verify", "审计日志", AuditDetail{Note: note, Count: rep.Entries}); err != nil && rep.OK {
		return rep, err
	}
	return rep, nil
}

func (a *App) verifyAudit(ctx context.Context, anchors []Anchor) (AuditReport, error) {
	rep := AuditReport{Key: auditKeyFingerprint(a.auditKey), Anchors: len(anchors)}
	fail := func(seq int64, format string, args ...any) (AuditReport, error) {
		rep.OK, rep.Broken, rep.Problem = false, seq, fmt.Sprintf(format, args...)
		return rep, nil
	}
	cp, hasCP, err := a.db.LastAuditCheckpoint(ctx)
	if err != nil {
		return rep, err
	}
	prev, expect := "", int64(1)
	if hasCP {
		if !hmac.Equal([]byte(cp.Tag), []byte(auditTag(a.auditKey, "prune", cp.Seq, cp.MAC))) {
			return fail(0, "清理检查点（第 %d 条）的校验码不符：检查点被改动，或所用密钥不是写入时的密钥", cp.Seq)
		}
		prev, expect, rep.Pruned = cp.MAC, cp.Seq+1, cp.Seq
	}
	rep.From = expect
	want := map[int64]string{}
	for _, an := range anchors {
		if hasCP && an.Seq < cp.Seq {
			continue // pruned: the checkpoint was checked instead
		}
		want[an.Seq] = an.MAC
	}
	if hasCP {
		if m, ok := want[cp.Seq]; ok && m != cp.MAC {
			return fail(cp.Seq, "第 %d 条与锚定的校验码不符（清理检查点）", cp.Seq)
		}
		delete(want, cp.Seq)
	}
	var broken *AuditReport
	err = a.db.EachAudit(ctx, func(e store.AuditEntry) error {
		switch {
		case e.Seq < expect:
			r, _ := fail(e.Seq, "第 %d 条审计记录位于清理检查点（第 %d 条）之前，不应存在：被插入", e.Seq, expect-1)
			broken = &r
		case e.Seq > expect:
			if expect == e.Seq-1 {
				r, _ := fail(expect, "第 %d 条审计记录缺失（第 %d 条之后是第 %d 条）：被删除", expect, expect-1, e.Seq)
				broken = &r
			} else {
				r, _ := fail(expect, "第 %d 至 %d 条审计记录缺失（第 %d 条之后是第 %d 条）：被删除", expect, e.Seq-1, expect-1, e.Seq)
				broken = &r
			}
		case !hmac.Equal([]byte(e.MAC), []byte(auditMAC(a.auditKey, prev, e))):
			r, _ := fail(e.Seq, "第 %d 条审计记录（%s %s %s）校验码不符：该条被改动、插入，或链被无密钥重算", e.Seq,
				e.At.In(ChinaTime).Format("2006-01-02 15:04:05"), e.Actor, AuditActionLabel(e.Action))
			broken = &r
		}
		if broken != nil {
			return errStop
		}
		if m, ok := want[e.Seq]; ok {
			if m != e.MAC {
				r, _ := fail(e.Seq, "第 %d 条与锚定的校验码不符：锚定之后链被改写", e.Seq)
				broken = &r
				return errStop
			}
			delete(want, e.Seq)
		}
		prev, expect = e.MAC, e.Seq+1
		rep.Entries++
		rep.Last = e.Seq
		return nil
	})
	if broken != nil {
		broken.Entries, broken.From, broken.Last, broken.Pruned = rep.Entries, rep.From, rep.Last, rep.Pruned
		return *broken, nil
	}
	if err != nil {
		return rep, err
	}
	last := expect - 1
	for seq := range want {
		if seq > last {
			return fail(last+1, "锚定的第 %d 条不在链中：链只到第 %d 条，末尾的记录被删除", seq, last)
		}
		return fail(seq, "锚定的第 %d 条不在链中", seq)
	}
	h, found, err := a.db.AuditHeadNow(ctx)
	if err != nil {
		return rep, err
	}
	if !found {
		return fail(0, "审计链头缺失：被删除")
	}
	if h.Seq > 0 && !hmac.Equal([]byte(h.Tag), []byte(auditTag(a.auditKey, "head", h.Seq, h.MAC))) {
		return fail(0, "审计链头（第 %d 条）的校验码不符：链头被改动，或所用密钥不是写入时的密钥", h.Seq)
	}
	switch {
	case h.Seq > last:
		if h.Seq == last+1 {
			return fail(last+1, "第 %d 条审计记录缺失：链头记为第 %d 条，链只到第 %d 条，末尾的记录被删除", last+1, h.Seq, last)
		}
		return fail(last+1, "第 %d 至 %d 条审计记录缺失：链头记为第 %d 条，链只到第 %d 条，末尾的记录被删除", last+1, h.Seq, h.Seq, last)
	case h.Seq < last:
		return fail(h.Seq+1, "第 %d 条审计记录在链头（第 %d 条）之后：被插入", h.Seq+1, h.Seq)
	case h.MAC != prev:
		return fail(last, "第 %d 条审计记录与链头记下的校验码不符", last)
	}
	rep.OK = true
	return rep, nil
}

var errStop = fmt.Errorf("stop")

// PruneAudit deletes the entries older than before (审计员 only), which must
// be at least AuditRetention ago: younger entries are refused. It writes a
// keyed checkpoint that VerifyAudit starts from, and audits itself. It
// returns the number of entries deleted. Errors: Forbidden, Invalid.
func (a *App) PruneAudit(ctx context.Context, before time.Time) (int, error) {
	act, err := requireAuditor(ctx, "清理审计日志", false)
	if err != nil {
		return 0, err
	}
	limit := a.now().Add(-AuditRetention)
	if before.After(limit) {
		return 0, errorf(Invalid, "审计日志至少保留 180 天（网络安全法第二十一条：不少于六个月）：只能清理 %s 之前的记录", limit.In(ChinaTime).Format("2006-01-02"))
	}
	n, cp, err := a.db.PruneAudit(ctx, before, act.Name(), a.now(), func(seq int64, mac string) string {
		return auditTag(a.auditKey, "prune", seq, mac)
	})
	if err != nil {
		return 0, err
	}
	note := fmt.Sprintf("清理 %s 之前的记录", before.In(ChinaTime).Format("2006-01-02"))
	if n > 0 {
		note += fmt.Sprintf("，检查点第 %d 条", cp.Seq)
	}
	return n, a.audit(ctx, "audit.prune", "审计日志", AuditDetail{Note: note, Count: n})
}
