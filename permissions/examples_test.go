package permissions_test

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryEntryPointHasAnExample: the examples are the documentation, so
// every exported function and method of the library's packages has one. Methods
// that only satisfy error or fmt.Stringer are not entry points.
func TestEveryEntryPointHasAnExample(t *testing.T) {
	for _, dir := range []string{".", "../manifest", "../check", "../profile"} {
		fset := token.NewFileSet()
		var code, tests []*ast.File
		names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range names {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(name, "_test.go") {
				tests = append(tests, f)
			} else {
				code = append(code, f)
			}
		}
		pkg, err := doc.NewFromFiles(fset, code, "example.com/"+filepath.Base(dir))
		if err != nil {
			t.Fatal(err)
		}
		have := make(map[string]bool)
		for _, e := range doc.Examples(tests...) {
			// ExampleF, ExampleF_suffix, ExampleT_M, ExampleT_M_suffix.
			parts := strings.Split(e.Name, "_")
			have[parts[0]] = true
			if len(parts) > 1 {
				have[parts[0]+"_"+parts[1]] = true
			}
		}
		check := func(name string) {
			if !have[name] {
				t.Errorf("%s: %s has no Example%s", pkg.Name, strings.Replace(name, "_", ".", 1), name)
			}
		}
		for _, f := range pkg.Funcs {
			check(f.Name)
		}
		for _, typ := range pkg.Types {
			for _, f := range typ.Funcs {
				check(f.Name)
			}
			for _, m := range typ.Methods {
				switch m.Name {
				case "Error", "Unwrap", "String":
					continue
				}
				check(typ.Name + "_" + m.Name)
			}
		}
	}
}
