package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"fazhi/app"
	"fazhi/internal/termtext"
	"fazhi/search"
)

func init() {
	register(&command{name: "search", usage: "关键词 [--limit N] [--kind handbook|normdoc] [--json]",
		summary: "全文搜索执法手册和规范性文件（任意中文片段，含一两个字）",
		run:     runSearch})
}

func runSearch(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("search")
	limit := fs.Int("limit", search.DefaultLimit, "最多显示的条数")
	kind := fs.String("kind", "", "只搜索一类：handbook（执法手册）或 normdoc（规范性文件）")
	asJSON := fs.Bool("json", false, "以 JSON 输出")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{"用法: fazhi search 关键词 [--limit N]；多个关键词用空格分开，须同时出现"}
	}
	if *limit <= 0 {
		return usageError{fmt.Sprintf("--limit 应为正整数，实为 %d", *limit)}
	}
	input := strings.Join(pos, " ")
	var kinds []string
	if *kind != "" {
		if search.SourceOf(*kind) == nil {
			return usageError{fmt.Sprintf("--kind 只能是 handbook 或 normdoc，实为 %q", *kind)}
		}
		kinds = []string{*kind}
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	start := time.Now()
	q, res, err := ap.Search(ctx, input, *limit, kinds)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	if *asJSON {
		return a.searchJSON(q, res)
	}
	style := search.Brackets
	if f, ok := termtext.Raw(a.stdout).(*os.File); ok && isTerminal(f) && os.Getenv("NO_COLOR") == "" {
		style = search.ANSI
	}
	a.printSearch(input, q, res, style, elapsed)
	return nil
}

// snippetWidth is the number of characters of body text shown per hit.
const snippetWidth = 60

func (a *cli) printSearch(input string, q search.Query, res search.Result, style search.Style, elapsed time.Duration) {
	// Stored text is escaped before it is highlighted, so that the only
	// terminal codes written raw are the highlighting's own.
	out := a.stdout
	if style == search.ANSI {
		out = termtext.Raw(a.stdout)
	}
	esc := termtext.Escape
	input = esc(input)
	what := "“" + strings.Join(strings.Fields(input), "”“") + "”"
	if res.Total == 0 {
		fmt.Fprintf(out, "没有找到含%s的执法手册条目或规范性文件。\n", what)
		return
	}
	shown := ""
	if len(res.Hits) < res.Total {
		shown = fmt.Sprintf("，显示前 %d 条（--limit 可调整）", len(res.Hits))
	}
	fmt.Fprintf(out, "含%s的共 %d 条%s，用时 %d 毫秒：\n", what, res.Total, shown, elapsed.Milliseconds())
	hl := func(s string) string { return search.Render(search.Highlight(esc(s), q.Terms), style) }
	for i, h := range res.Hits {
		label := h.Kind
		if s := search.SourceOf(h.Kind); s != nil {
			label = s.Label
		}
		fmt.Fprintf(out, "\n%d. [%s] %s\n", i+1, label, hl(h.Title))
		where := hl(h.Context)
		if h.Info != "" {
			where = strings.TrimSpace(where + "　" + esc(h.Info))
		}
		if where != "" {
			fmt.Fprintf(out, "   %s\n", where)
		}
		if snip := search.Snippet(esc(h.Body), q.Terms, snippetWidth); len(snip) > 0 {
			fmt.Fprintf(out, "   %s\n", search.Render(snip, style))
		}
	}
}

type jsonHit struct {
	Kind     string `json:"kind"`
	RecordID int64  `json:"record_id"`
	Title    string `json:"title"`
	Context  string `json:"context"`
	Info     string `json:"info,omitempty"`
	Snippet  string `json:"snippet"` // matches in 【】
	Tier     int    `json:"tier"`    // 0 title hit, 1 body hit, 2 context only
	Count    int    `json:"count"`   // occurrences in title and body
}

func (a *cli) searchJSON(q search.Query, res search.Result) error {
	out := struct {
		Terms []string  `json:"terms"`
		Total int       `json:"total"`
		Hits  []jsonHit `json:"hits"`
	}{Terms: q.Terms, Total: res.Total, Hits: []jsonHit{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, jsonHit{Kind: h.Kind, RecordID: h.RecordID, Title: h.Title, Context: h.Context, Info: h.Info,
			Snippet: search.Render(search.Snippet(h.Body, q.Terms, snippetWidth), search.Brackets),
			Tier:    h.Tier(), Count: h.TitleCount + h.BodyCount})
	}
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
