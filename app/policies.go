package app

import (
	"context"
	"strings"
	"time"

	"fazhi/ledger"
)

// Policy is a published normative document in force, as the public list
// shows it.
type Policy struct {
	DocNo, Title, Issuer          string
	Published, Effective, Expires string // YYYY-MM-DD; "" when not set
}

// Policies lists the published normative documents in force on the
// business date — status 有效 or 已修改, published by then, not past their
// validity — newest first, optionally those whose 文号, title or issuer
// contain text. It needs no account: the public page behind the QR poster
// (《规章制定程序条例》 and 国办发〔2018〕37号 require normative documents to
// be published to the public).
func (a *App) Policies(ctx context.Context, text string) ([]Policy, time.Time, error) {
	asOf, err := a.AsOf(ctx)
	if err != nil {
		return nil, asOf, err
	}
	d := ledger.Normdoc
	q := ledger.Query{Scope: ledger.AllScope(), Conds: []ledger.Cond{ledger.In("status", "有效", "已修改")}, YearField: "published_on", Descending: true}
	recs, _, err := a.db.FindRecords(ctx, d, q)
	if err != nil {
		return nil, asOf, err
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return nil, asOf, err
	}
	text = strings.TrimSpace(text)
	var out []Policy
	for _, r := range recs {
		if pub, ok := r.Date("published_on"); ok && pub.After(asOf) {
			continue
		}
		if exp, ok := r.Date("expires_on"); ok && exp.Before(asOf) {
			continue
		}
		p := Policy{DocNo: r.String("doc_no"), Title: r.String("title"), Issuer: tree.Name(r.String("issuer")),
			Published: d.Field("published_on").Format(r["published_on"], nil),
			Effective: d.Field("effective_on").Format(r["effective_on"], nil),
			Expires:   d.Field("expires_on").Format(r["expires_on"], nil)}
		if text != "" && !strings.Contains(p.DocNo+p.Title+p.Issuer, text) {
			continue
		}
		out = append(out, p)
	}
	return out, asOf, nil
}

// PolicyDistricts lists the county-level districts whose catalogue of
// normative documents the public page shows (code and name, by code): a
// deployment of several districts asks the visitor which. No login needed:
// the catalogue is public (国务院办公厅关于加强行政规范性文件制定和监督
// 管理工作的通知, 国办发〔2018〕37号: documents in force are published).
func (a *App) PolicyDistricts(ctx context.Context) ([]District, error) {
	out, _, err := a.countyDistricts(ctx, "")
	return out, err
}
