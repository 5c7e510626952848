package app

import (
	"context"

	"fazhi/search"
)

// Search finds handbook entries and normative documents containing every
// term of input (any Chinese substring), best first; deleted records are
// never hits and records of non-public ledgers only within the actor's scope.
func (a *App) Search(ctx context.Context, input string, limit int, kinds []string) (search.Query, search.Result, error) {
	act, err := actor(ctx)
	if err != nil {
		return search.Query{}, search.Result{}, err
	}
	if err := require(act, permRead, "搜索"); err != nil {
		return search.Query{}, search.Result{}, err
	}
	q, err := search.Parse(input)
	if err != nil {
		return q, search.Result{}, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	q.Limit = limit
	for _, k := range kinds {
		if search.SourceOf(k) == nil {
			return q, search.Result{}, errorf(Invalid, "搜索范围只能是 handbook（执法手册）或 normdoc（规范性文件），实为“%s”", k)
		}
	}
	q.Kinds = kinds
	res, err := a.db.Search(ctx, q, act.readScope())
	return q, res, err
}
