package main

import (
	"context"
	"fmt"

	"fazhi/app"
)

func init() {
	register(&command{name: "migrate", summary: "创建或升级数据库结构（打开数据库时也会自动执行）",
		run: func(ctx context.Context, a *cli, args []string) error {
			ap, _, err := a.open(ctx, app.Create)
			if err != nil {
				return err
			}
			defer ap.Close()
			fmt.Fprintf(a.stdout, "数据库已是最新结构（%s）\n", ap.Engine())
			return nil
		}})
}
