package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLayering_NoUseCaseInCLI: cmd/fazhi parses flags, calls the
// application layer and prints (issue 8). Its non-test files import none of
// the store, importer and ledger packages nor os/user, and no command calls
// another: a function registered as a command's run is referred to only in
// its registration, the registry's run is called only by the dispatcher
// (cli.main), and nothing calls cli.main to dispatch argv again.
func TestLayering_NoUseCaseInCLI(t *testing.T) {
	t.Parallel()
	module := modulePath(t)
	forbidden := []string{module + "/store", module + "/importer", module + "/ledger", "os/user"}
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files[n] = f
	}
	if len(files) < 10 {
		t.Fatalf("only %d source files found: run from cmd/fazhi", len(files))
	}
	for n, f := range files {
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			for _, bad := range forbidden {
				if p == bad || strings.HasPrefix(p, bad+"/") {
					t.Errorf("%s imports %s: use cases and storage belong to package app", n, p)
				}
			}
		}
	}

	// The functions registered as commands: register(&command{run: f}).
	commands := map[string]bool{}
	registrations := map[*ast.Ident]bool{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			if id, ok := lit.Type.(*ast.Ident); !ok || id.Name != "command" {
				return true
			}
			for _, e := range lit.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "run" {
					if v, ok := kv.Value.(*ast.Ident); ok {
						commands[v.Name] = true
						registrations[v] = true
					}
				}
			}
			return true
		})
	}
	if len(commands) < 15 {
		t.Fatalf("found %d registered commands, expected every command of cmd/fazhi: has the registration changed shape?", len(commands))
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			dispatcher := fn.Recv != nil && fn.Name.Name == "main" // cli.main
			entry := fn.Recv == nil && fn.Name.Name == "main"      // func main calls cli.main once
			ast.Inspect(fn.Body, func(node ast.Node) bool {
				switch x := node.(type) {
				case *ast.Ident:
					if commands[x.Name] && !registrations[x] {
						t.Errorf("%s: %s refers to command function %s: a command calls the application layer, never another command", fset.Position(x.Pos()), fn.Name.Name, x.Name)
					}
				case *ast.SelectorExpr:
					if x.Sel.Name == "run" && !dispatcher {
						t.Errorf("%s: %s uses a command's run: only the dispatcher runs commands", fset.Position(x.Pos()), fn.Name.Name)
					}
				case *ast.CallExpr:
					if sel, ok := x.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "main" && !entry {
						t.Errorf("%s: %s calls cli.main, dispatching argv again", fset.Position(x.Pos()), fn.Name.Name)
					}
				}
				return true
			})
		}
	}
}

// modulePath reads the module path from the repository's go.mod.
func modulePath(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	t.Fatal("go.mod names no module")
	return ""
}
