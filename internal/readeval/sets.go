// Package readeval measures the HTML reader (internal/read) against
// go-trafilatura run with its defaults, on public evaluation sets that
// ship inside Go modules of our module graph. The sets are read from the
// module cache at run time; none of their pages or expected texts is part
// of this repository.
//
// Two sets are known:
//
//   - go-trafilatura's comparison set: pages under test-files/comparison
//     with, for each, a few snippets the main text must contain ("with")
//     and a few it must not ("without"), listed in the Go source of its
//     comparison script (scripts/comparison/data.go), which we parse and
//     never compile. A snippet found is a true positive (with) or a false
//     positive (without); precision, recall and F are pooled over all
//     snippets of all pages, as that script counts them.
//   - go-readability's test pages (Mozilla Readability's test set): each
//     source.html with an expected.html, the article as Readability's
//     maintainers expect it. Texts are compared as bags of word 4-grams
//     (ShingleMatch), the measure of the article-extraction benchmark.
package readeval

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Module paths of the sets, as in our go.mod graph.
const (
	TrafilaturaModule = "github.com/markusmobius/go-trafilatura"
	ReadabilityModule = "github.com/go-shiori/go-readability"
)

// ErrMissing is returned when a module's directory or its evaluation
// files are not on this machine.
var ErrMissing = errors.New("evaluation set not in the module cache")

// ModuleDir is the directory of module path in the module cache, at the
// version our go.mod selects ("go list -m" run in dir, the repository or
// any folder inside it).
func ModuleDir(ctx context.Context, dir, path string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}", path)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("go list -m %s: %w: %s", path, err, strings.TrimSpace(string(ee.Stderr)))
		}
		return "", fmt.Errorf("go list -m %s: %w", path, err)
	}
	d := strings.TrimSpace(string(out))
	if d == "" {
		return "", fmt.Errorf("%w: %s not downloaded", ErrMissing, path)
	}
	return d, nil
}

// SnippetPage is one page of go-trafilatura's comparison set.
type SnippetPage struct {
	URL     string
	Path    string   // the HTML file
	With    []string // snippets the main text must contain
	Without []string // snippets it must not contain
}

// SnippetPages reads the comparison set of the go-trafilatura module in
// dir: the entries of the map "comparisonData" in
// scripts/comparison/data.go whose file is present, sorted by file name.
// missing counts the entries whose file is not.
func SnippetPages(dir string) (pages []SnippetPage, missing int, err error) {
	src := filepath.Join(dir, "scripts", "comparison", "data.go")
	if _, err := os.Stat(src); err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrMissing, err)
	}
	entries, err := parseSnippets(src)
	if err != nil {
		return nil, 0, err
	}
	for _, e := range entries {
		found := false
		for _, sub := range []string{"comparison", "mock"} {
			p := filepath.Join(dir, "test-files", sub, e.Path)
			if _, err := os.Stat(p); err == nil {
				e.Path, found = p, true
				break
			}
		}
		if !found {
			missing++
			continue
		}
		pages = append(pages, e)
	}
	if len(pages) == 0 {
		return nil, missing, fmt.Errorf("%w: no page of %s found", ErrMissing, src)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	return pages, missing, nil
}

// parseSnippets reads the entries of a Go source file that declares
// `var comparisonData = map[string]T{URL: {File: ..., With: ..., Without: ...}}`.
// Only string literals are read; anything else is an error naming its
// position.
func parseSnippets(src string) ([]SnippetPage, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, src, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("parse snippets: %w", err)
	}
	var lit *ast.CompositeLit
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || lit != nil {
			return lit == nil
		}
		for i, name := range vs.Names {
			if name.Name == "comparisonData" && i < len(vs.Values) {
				lit, _ = vs.Values[i].(*ast.CompositeLit)
			}
		}
		return false
	})
	if lit == nil {
		return nil, fmt.Errorf("parse snippets: %s: no map literal comparisonData", src)
	}
	bad := func(n ast.Node, what string) error {
		return fmt.Errorf("parse snippets: %s: %s", fset.Position(n.Pos()), what)
	}
	var out []SnippetPage
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return nil, bad(el, "entry is not key: value")
		}
		url, err := stringLit(kv.Key)
		if err != nil {
			return nil, bad(kv.Key, err.Error())
		}
		body, ok := kv.Value.(*ast.CompositeLit)
		if !ok {
			return nil, bad(kv.Value, "entry value is not a literal")
		}
		p := SnippetPage{URL: url}
		for _, fe := range body.Elts {
			fkv, ok := fe.(*ast.KeyValueExpr)
			if !ok {
				return nil, bad(fe, "field is not key: value")
			}
			key, _ := fkv.Key.(*ast.Ident)
			if key == nil {
				return nil, bad(fkv.Key, "field name is not an identifier")
			}
			switch key.Name {
			case "File":
				if p.Path, err = stringLit(fkv.Value); err != nil {
					return nil, bad(fkv.Value, err.Error())
				}
			case "With", "Without":
				l, ok := fkv.Value.(*ast.CompositeLit)
				if !ok {
					return nil, bad(fkv.Value, key.Name+" is not a list")
				}
				for _, s := range l.Elts {
					v, err := stringLit(s)
					if err != nil {
						return nil, bad(s, err.Error())
					}
					if key.Name == "With" {
						p.With = append(p.With, v)
					} else {
						p.Without = append(p.Without, v)
					}
				}
			}
		}
		if p.Path == "" {
			return nil, bad(body, "entry without File")
		}
		out = append(out, p)
	}
	return out, nil
}

func stringLit(e ast.Expr) (string, error) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", fmt.Errorf("not a string literal")
	}
	return strconv.Unquote(b.Value)
}

// RefPage is one page of the Readability test set.
type RefPage struct {
	Name     string // the folder's name
	Path     string // source.html
	Expected string // expected.html
}

// RefPages lists the Readability test pages of the go-readability module
// in dir, sorted by name.
func RefPages(dir string) ([]RefPage, error) {
	root := filepath.Join(dir, "test-pages")
	ents, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMissing, err)
	}
	var out []RefPage
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		p := RefPage{
			Name:     e.Name(),
			Path:     filepath.Join(root, e.Name(), "source.html"),
			Expected: filepath.Join(root, e.Name(), "expected.html"),
		}
		if _, err := os.Stat(p.Path); err != nil {
			continue
		}
		if _, err := os.Stat(p.Expected); err != nil {
			continue
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no test page under %s", ErrMissing, root)
	}
	return out, nil
}
