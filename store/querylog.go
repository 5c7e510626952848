package store

import (
	"context"
	"database/sql"
	"sync"
)

// QueryLog collects the read-only queries the store runs under a context
// made by LogQueries, for tests that check their query plans (EXPLAIN of
// the SQL actually run, not of a copy).
type QueryLog struct {
	mu      sync.Mutex
	Queries []LoggedQuery
}

// LoggedQuery is one query as run: its SQL (placeholders as sent to the
// engine) and arguments.
type LoggedQuery struct {
	SQL  string
	Args []any
}

// All returns the queries logged so far.
func (l *QueryLog) All() []LoggedQuery {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]LoggedQuery(nil), l.Queries...)
}

func (l *QueryLog) add(q string, args []any) {
	l.mu.Lock()
	l.Queries = append(l.Queries, LoggedQuery{SQL: q, Args: append([]any(nil), args...)})
	l.mu.Unlock()
}

type queryLogKey struct{}

// LogQueries returns ctx under which every read-only record query
// (the handle of reads: lists, indicators, search) is added to l.
func LogQueries(ctx context.Context, l *QueryLog) context.Context {
	return context.WithValue(ctx, queryLogKey{}, l)
}

// logging is a querier that logs each query before running it.
type logging struct {
	q   querier
	log *QueryLog
}

func (l logging) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	l.log.add(q, args)
	return l.q.ExecContext(ctx, q, args...)
}

func (l logging) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	l.log.add(q, args)
	return l.q.QueryContext(ctx, q, args...)
}

func (l logging) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	l.log.add(q, args)
	return l.q.QueryRowContext(ctx, q, args...)
}

// logged wraps q when ctx carries a QueryLog.
func logged(ctx context.Context, q querier) querier {
	if l, ok := ctx.Value(queryLogKey{}).(*QueryLog); ok {
		return logging{q, l}
	}
	return q
}
