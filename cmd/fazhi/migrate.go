package main

import (
	"context"
	"fmt"
)

func init() {
	register(&command{name: "migrate", summary: "创建或升级数据库结构（打开数据库时也会自动执行）",
		run: func(ctx context.Context, a *app, args []string) error {
			db, err := a.openDB(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			fmt.Fprintf(a.stdout, "数据库已是最新结构（%s）\n", db.Dialect)
			return nil
		}})
}
