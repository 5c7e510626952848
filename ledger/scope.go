package ledger

import "fmt"

// ScopeKind is how far an account's data scope (数据权限) reaches over the
// unit tree, as staff know it from the admin systems they use.
type ScopeKind int

const (
	// ScopeNone is the zero scope: storage refuses it, so a read or write
	// that forgot to say whose records it may touch fails closed.
	ScopeNone    ScopeKind = iota
	ScopeAll               // 全部数据
	ScopeSubtree           // 本单位及下级单位
	ScopeUnit              // 本单位
	ScopeOwn               // 仅本人录入
)

// ScopeKinds maps the IDs used on the command line and in storage.
var ScopeKinds = map[string]ScopeKind{"all": ScopeAll, "subtree": ScopeSubtree, "unit": ScopeUnit, "own": ScopeOwn}

// String returns the scope kind's ID (all, subtree, unit, own).
func (k ScopeKind) String() string {
	for id, v := range ScopeKinds {
		if v == k {
			return id
		}
	}
	return "none"
}

// Label is the scope kind in Chinese.
func (k ScopeKind) Label() string {
	switch k {
	case ScopeAll:
		return "全部数据"
	case ScopeSubtree:
		return "本单位及下级单位"
	case ScopeUnit:
		return "本单位"
	case ScopeOwn:
		return "仅本人录入"
	}
	return "无"
}

// Scope says which records a read or a write may touch. A record has the
// unit that keeps it (录入单位, RecordUnit) and the unit it counts for (the
// ledger's Owner field, e.g. 被申请人). Reads see a record when either unit
// lies in the scope (the respondent may read the case against it); writes go
// by the recording unit only. ScopeOwn reaches the records the account
// itself entered.
//
// Scope is expressed over the unit tree, so a city or province deployment
// whose districts are subtrees needs no other access rule.
type Scope struct {
	Kind    ScopeKind
	Unit    string // unit code: the root of ScopeSubtree, the unit of ScopeUnit and ScopeOwn
	Account string // the account of ScopeOwn
	// District is the 行政区划代码 the scope lies within: reads see records
	// of that district, or of every district within a city or province
	// code; writes insert into that district. "" reaches every district
	// (the local administrator of a deployment), and writes go to the
	// database's one district.
	District string
}

// AllScope reaches every record: 司法局管理员, 领导 and the local administrator.
func AllScope() Scope { return Scope{Kind: ScopeAll} }

// Valid reports an error for a scope that cannot be applied.
func (s Scope) Valid() error {
	switch s.Kind {
	case ScopeAll:
		return nil
	case ScopeSubtree, ScopeUnit:
		if s.Unit == "" {
			return fmt.Errorf("数据范围“%s”缺少单位", s.Kind.Label())
		}
		return nil
	case ScopeOwn:
		if s.Account == "" {
			return fmt.Errorf("数据范围“仅本人录入”缺少账号")
		}
		return nil
	}
	return fmt.Errorf("未指定数据范围，拒绝访问")
}
