package app

import (
	"context"
	"strings"

	"fazhi/ledger"
)

// recordValues is a record's values by field label as the audit trail
// keeps them (auditValue masks the personal ones). Empty values are left out.
func recordValues(d *ledger.Definition, r ledger.Record) map[string]string {
	out := map[string]string{}
	for i := range d.Fields {
		f := &d.Fields[i]
		if v, ok := r[f.Name]; ok && v != nil {
			if s := f.Format(v, nil); s != "" {
				out[f.Label] = auditValue(f, s)
			}
		}
	}
	return out
}

// recordChange is the before/after of fields that differ between two
// versions of a record.
func recordChange(d *ledger.Definition, before, after ledger.Record) AuditDetail {
	b, a := recordValues(d, before), recordValues(d, after)
	det := AuditDetail{Before: map[string]string{}, After: map[string]string{}}
	for i := range d.Fields {
		l := d.Fields[i].Label
		if b[l] != a[l] {
			if v, ok := b[l]; ok {
				det.Before[l] = v
			}
			if v, ok := a[l]; ok {
				det.After[l] = v
			}
		}
	}
	return det
}

func recordTarget(d *ledger.Definition, r ledger.Record) string {
	return d.Name + "“" + d.KeyText(r) + "”"
}

// auditClearViews audits the records of views the actor sees with
// personal fields unmasked (个人信息保护: every unmasked view audited): one
// entry per read, naming the records and the fields shown in clear.
func (a *App) auditClearViews(ctx context.Context, d *ledger.Definition, what string, views []RecordView) error {
	var keys []string
	fields := map[string]bool{}
	for _, v := range views {
		if v.Masked {
			continue
		}
		shown := false
		for i := range d.Fields {
			f := &d.Fields[i]
			if s, ok := v.Record[f.Name].(string); ok && f.Masked() && s != "" {
				fields[f.Label], shown = true, true
			}
		}
		if shown {
			keys = append(keys, v.Key)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	var labels []string
	for i := range d.Fields {
		if fields[d.Fields[i].Label] {
			labels = append(labels, d.Fields[i].Label)
		}
	}
	target := d.Name + "“" + keys[0] + "”"
	if len(keys) > 1 {
		target = d.Name + " " + what
		if len(keys) <= 20 {
			target += "：" + strings.Join(keys, "、")
		}
	}
	return a.audit(ctx, "record.view", target, AuditDetail{Note: "未遮蔽显示：" + strings.Join(labels, "、"), Count: len(keys)})
}
