// Package search defines full-text search over the ledgers people read as
// text (执法手册 entries and 行政规范性文件): which fields are searched, how a
// query is split into terms, how hits rank, and how a hit is shown with its
// matches highlighted. It knows nothing of SQL: store indexes the sources and
// runs the query; this package decides what is indexed and how results look.
//
// Chinese has no word boundaries, so a term matches as a plain substring, of
// any length, one character included.
package search

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Source declares one searchable ledger: which of its fields make up the
// title, the body and the context of a search document. Fields are joined
// with a space; a UnitRef field contributes its unit's name.
type Source struct {
	Kind   string   // document kind, e.g. handbook
	Ledger string   // ledger ID the documents come from
	Label  string   // Chinese name shown with each hit
	Title  []string // fields of the title (a hit here ranks first)
	Body   []string // fields of the body text (snippets come from here)
	// Context fields place the document (handbook and chapter, 文号 and
	// 制定机关); they are searched too, but a hit only here ranks last.
	Context []string
	// Info fields are shown with a hit but not searched (状态, 公布日期).
	Info []string
}

// Sources lists what fazhi search covers. Changing a source changes the
// generated index triggers; store rebuilds the index of that kind on the
// next start.
var Sources = []Source{
	{
		Kind: "handbook", Ledger: "handbook", Label: "执法手册",
		Title:   []string{"entry_title"},
		Body:    []string{"body", "basis"},
		Context: []string{"handbook", "chapter"},
	},
	{
		Kind: "normdoc", Ledger: "normdoc", Label: "规范性文件",
		Title:   []string{"title"},
		Body:    []string{"legality_opinion", "filing_result"},
		Context: []string{"doc_no", "issuer"},
		Info:    []string{"status", "published_on"},
	},
}

// SourceOf returns the source of kind, or nil.
func SourceOf(kind string) *Source {
	for i := range Sources {
		if Sources[i].Kind == kind {
			return &Sources[i]
		}
	}
	return nil
}

// MaxTerms bounds the number of terms of one query.
const MaxTerms = 8

// IndexMinRunes is the shortest term a trigram index can serve (SQLite FTS5
// trigram, PostgreSQL pg_trgm). Shorter terms are matched by scanning.
const IndexMinRunes = 3

// Query is a parsed search: every term must occur in the document (in its
// title, body or context).
type Query struct {
	Terms []string // lower-cased, distinct, longest first
	Kinds []string // restrict to these source kinds; empty: all
	Limit int      // at most this many hits; 0: DefaultLimit
}

// DefaultLimit is the number of hits shown when no limit is given.
const DefaultLimit = 20

// Parse splits s at spaces (ASCII or full-width) into terms.
func Parse(s string) (Query, error) {
	var q Query
	seen := map[string]bool{}
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\u3000' || r == '\t' || r == '\n' }) {
		t = string(fold([]rune(t)))
		if !seen[t] {
			seen[t] = true
			q.Terms = append(q.Terms, t)
		}
	}
	if len(q.Terms) == 0 {
		return q, errors.New("请输入要搜索的关键词")
	}
	if len(q.Terms) > MaxTerms {
		return q, fmt.Errorf("关键词最多%d个，实为%d个", MaxTerms, len(q.Terms))
	}
	// Longest first: the index serves the long terms, and a highlight
	// prefers the longer of two overlapping terms.
	for i := 1; i < len(q.Terms); i++ {
		for j := i; j > 0 && utf8.RuneCountInString(q.Terms[j]) > utf8.RuneCountInString(q.Terms[j-1]); j-- {
			q.Terms[j], q.Terms[j-1] = q.Terms[j-1], q.Terms[j]
		}
	}
	return q, nil
}

// Indexed reports whether term is long enough for a trigram index.
func Indexed(term string) bool { return utf8.RuneCountInString(term) >= IndexMinRunes }

// Hit is one document found, with how often the terms occur in each part.
// Hits rank by Rank: see Less.
type Hit struct {
	Kind     string
	RecordID int64
	Title    string
	Body     string
	Context  string
	Info     string
	// Occurrences of all terms, counted without overlap, per part.
	TitleCount, BodyCount, ContextCount int
}

// Tier is the first ranking key: 0 for a title hit, 1 for a body hit, 2 for
// a hit in the context only.
func (h Hit) Tier() int {
	switch {
	case h.TitleCount > 0:
		return 0
	case h.BodyCount > 0:
		return 1
	}
	return 2
}

// Less orders hits: title hits before body hits before context-only hits;
// within a tier, more occurrences (title plus body) first, then more context
// occurrences, then by kind and record (oldest first) so the order is stable.
// store implements the same order in SQL (so that LIMIT keeps the best);
// this function is its specification and is used to check it.
func Less(a, b Hit) bool {
	if a.Tier() != b.Tier() {
		return a.Tier() < b.Tier()
	}
	if x, y := a.TitleCount+a.BodyCount, b.TitleCount+b.BodyCount; x != y {
		return x > y
	}
	if a.ContextCount != b.ContextCount {
		return a.ContextCount > b.ContextCount
	}
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	return a.RecordID < b.RecordID
}

// Result is the answer to a query.
type Result struct {
	Hits  []Hit
	Total int // documents matching, beyond Limit too
}
