package permissions

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/manifest"
)

// memoCases are permissions of every Status, written by GUID, by name and
// in upper case.
func memoCases() []manifest.Permission {
	const graph = "00000003-0000-0000-c000-000000000000"
	return []manifest.Permission{
		{ResourceAppID: graph, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}, // User.Read
		{ResourceAppID: strings.ToUpper(graph), ID: "E1FE6DD8-BA31-4D61-89E7-88639DA4683D", Type: manifest.Scope},
		{ResourceAppID: "Microsoft Graph", ID: "User.Read", Type: manifest.Scope},
		{ResourceAppID: graph, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Role},  // wrong type
		{ResourceAppID: graph, ID: "00000000-0000-0000-0000-000000000001", Type: manifest.Scope}, // unknown GUID
		{ResourceAppID: graph, ID: "User.Raed", Type: manifest.Scope},                            // unknown name: suggestions
		{ResourceAppID: "11111111-2222-3333-4444-555555555555", ID: "x", Type: manifest.Scope},   // unknown resource
		{ResourceAppID: "${{API_APP_ID}}", ID: "access_as_user", Type: manifest.Scope},           // placeholder
	}
}

// TestMemo holds Describe, Canonical and LookupResource, which answer from
// the memo after the first look-up, to what the catalog says without it,
// the first time and every time after, from several goroutines at once.
func TestMemo(t *testing.T) {
	cat := build(slicesOf(builtin)) // a catalog of its own, with an empty memo
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				for _, p := range memoCases() {
					want, c := builtin.lookUp(p), builtin.canonical(p)
					if diff := cmp.Diff(want, cat.Describe(p), cmp.AllowUnexported(Description{})); diff != "" {
						t.Errorf("Describe(%v) (-want +got):\n%s", p, diff)
					}
					if got := cat.Canonical(p); got != c {
						t.Errorf("Canonical(%v) = %v; want %v", p, got, c)
					}
				}
				for _, q := range []string{"00000003-0000-0000-c000-000000000000", "00000003-0000-0000-C000-000000000000", "Microsoft Graph", "graph", "AAD Graph", "Microsoft Grahp", "11111111-2222-3333-4444-555555555555", ""} {
					wantR, wantOK := builtin.lookupResource(q)
					if r, ok := cat.LookupResource(q); ok != wantOK || !cmp.Equal(r, wantR) {
						t.Errorf("LookupResource(%q) = %v, %v; want %v, %v", q, r, ok, wantR, wantOK)
					}
				}
			}
		}()
	}
	wg.Wait()
}

func slicesOf(c *Catalog) ([]resourceEntry, [][]entry, []source) {
	var perms [][]entry
	resources := append([]resourceEntry(nil), c.resources...)
	for _, r := range c.resources {
		perms = append(perms, append([]entry(nil), c.perms[r.first:r.end]...))
	}
	return resources, perms, c.sources
}

// TestMemoSuggestions: a caller that changes the suggestions it was given
// does not change what the next caller gets.
func TestMemoSuggestions(t *testing.T) {
	p := manifest.Permission{ResourceAppID: "Microsoft Graph", ID: "User.Raed", Type: manifest.Scope}
	d := Builtin().Describe(p)
	if len(d.Suggestions) == 0 {
		t.Fatalf("Describe(%v) suggests nothing", p)
	}
	want := d.Suggestions[0]
	d.Suggestions[0] = "changed"
	if got := Builtin().Describe(p).Suggestions[0]; got != want {
		t.Errorf("after a caller changed its copy, Describe suggests %q first; want %q", got, want)
	}
}

// TestMemoBounded: a manifest of many made-up permissions fills the memo
// to memoMax and no further.
func TestMemoBounded(t *testing.T) {
	cat := build(slicesOf(builtin))
	for i := range memoMax + 100 {
		cat.Describe(manifest.Permission{ResourceAppID: "00000003-0000-0000-c000-000000000000", ID: fmt.Sprintf("00000000-0000-0000-0000-%012d", i), Type: manifest.Scope})
	}
	n := 0
	cat.memo.perms.Range(func(any, any) bool { n++; return true })
	cat.memo.resources.Range(func(any, any) bool { n++; return true })
	if n != memoMax {
		t.Errorf("the memo holds %d entries; want %d", n, memoMax)
	}
}
