package manifest_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/manifest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/apply")

var modes = []manifest.Mode{manifest.Merge, manifest.Overwrite}

// TestGolden applies calendarSet to each testdata/apply/*.json in
// both modes, compares with NAME.MODE.golden, and applies again to show that
// nothing changes the second time.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/apply/*.json")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	want := calendarSet
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range modes {
			name := strings.TrimSuffix(filepath.Base(in), ".json")
			t.Run(name+"/"+mode.String(), func(t *testing.T) {
				out, _, err := manifest.Apply(src, want, manifest.Options{Mode: mode})
				if err != nil {
					t.Fatal(err)
				}
				golden := strings.TrimSuffix(in, ".json") + "." + mode.String() + ".golden"
				if *update {
					if err := os.WriteFile(golden, out, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				wantOut, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(string(wantOut), string(out)); diff != "" {
					t.Errorf("Apply mismatch (-want +got):\n%s", diff)
				}
				checkApply(t, src, out, want, mode)
			})
		}
	}
}

// TestNoChange shows that a manifest already holding the set comes back as
// the very same bytes in both modes.
func TestNoChange(t *testing.T) {
	src, err := os.ReadFile("testdata/apply/complete.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range modes {
		out, rep, err := manifest.Apply(src, calendarSet, manifest.Options{Mode: mode})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Changed || !bytes.Equal(out, src) || len(rep.Added)+len(rep.Removed) > 0 {
			t.Errorf("%v: changed a complete manifest: %+v", mode, rep)
		}
	}
}

// TestCorpus runs both modes over the real manifests in ../shared/corpus
// and checks every promise on each.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../shared/corpus/*.json")
	if len(files) == 0 {
		t.Skip("../shared/corpus not present")
	}
	want := calendarSet
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range modes {
			t.Run(filepath.Base(f)+"/"+mode.String(), func(t *testing.T) {
				out, rep, err := manifest.Apply(src, want, manifest.Options{Mode: mode})
				if err != nil {
					t.Fatal(err)
				}
				if !rep.Changed {
					t.Errorf("no change, but no corpus file holds the whole set")
				}
				checkApply(t, src, out, want, mode)
			})
		}
	}
}

func TestReport(t *testing.T) {
	src, err := os.ReadFile("testdata/apply/duplicates.json")
	if err != nil {
		t.Fatal(err)
	}
	graph := "00000003-0000-0000-c000-000000000000"
	userRead := manifest.Permission{ResourceAppID: graph, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}
	openid := manifest.Permission{ResourceAppID: graph, ID: "37f7f235-527c-4136-accd-4a02d197296e", Type: manifest.Scope}
	mail := manifest.Permission{ResourceAppID: graph, ID: "e383f46e-2787-4529-855e-0e479a3ffac0", Type: manifest.Scope}
	want := manifest.Set{{ResourceAppID: graph, ResourceAccess: []manifest.Access{{ID: openid.ID, Type: manifest.Scope}, {ID: mail.ID, Type: manifest.Scope}}}}

	_, rep, err := manifest.Apply(src, want, manifest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(manifest.Report{Added: []manifest.Permission{mail}, Duplicates: []manifest.Permission{userRead}, Schema: manifest.SchemaFragment, Changed: true}, rep); diff != "" {
		t.Errorf("merge report (-want +got):\n%s", diff)
	}

	_, rep, err = manifest.Apply(src, want, manifest.Options{Mode: manifest.Overwrite})
	if err != nil {
		t.Fatal(err)
	}
	wantRep := manifest.Report{Added: []manifest.Permission{mail}, Removed: []manifest.Permission{userRead}, Duplicates: []manifest.Permission{userRead},
		Moved: []manifest.Permission{openid}, Schema: manifest.SchemaFragment, Changed: true}
	if diff := cmp.Diff(wantRep, rep); diff != "" {
		t.Errorf("overwrite report (-want +got):\n%s", diff)
	}
}

// TestInputUntouched shows that Apply never writes to its input.
func TestInputUntouched(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/apply/*.json")
	for _, in := range inputs {
		src, _ := os.ReadFile(in)
		keep := bytes.Clone(src)
		for _, mode := range modes {
			manifest.Apply(src[:len(src):len(src)], calendarSet, manifest.Options{Mode: mode})
			manifest.Apply(src, calendarSet, manifest.Options{Mode: mode})
		}
		if !bytes.Equal(src, keep) {
			t.Errorf("%s: input modified", in)
		}
	}
}

// TestSpell shows that permissions added to an entry that names its
// resource are written by name, and new entries by GUID.
func TestSpell(t *testing.T) {
	src := []byte(`[{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}]}]`)
	graph := "00000003-0000-0000-c000-000000000000"
	names := map[string]string{"37f7f235-527c-4136-accd-4a02d197296e": "openid", "e1fe6dd8-ba31-4d61-89e7-88639da4683d": "User.Read"}
	opts := namesOptions(graph, names)
	want := manifest.Set{
		{ResourceAppID: graph, ResourceAccess: []manifest.Access{{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}, {ID: "37f7f235-527c-4136-accd-4a02d197296e", Type: manifest.Scope}}},
		{ResourceAppID: "00000002-0000-0000-c000-000000000000", ResourceAccess: []manifest.Access{{ID: "311a71cc-e848-46a1-bdf8-97ff7156d8e6", Type: manifest.Scope}}},
	}
	out, _, err := manifest.Apply(src, want, opts)
	if err != nil {
		t.Fatal(err)
	}
	wantOut := `[{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}, {"id": "openid", "type": "Scope"}]}, {"resourceAppId": "00000002-0000-0000-c000-000000000000", "resourceAccess": [{"id": "311a71cc-e848-46a1-bdf8-97ff7156d8e6", "type": "Scope"}]}]`
	if diff := cmp.Diff(wantOut, string(out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	again, rep, err := manifest.Apply(out, want, opts)
	if err != nil || rep.Changed || !bytes.Equal(again, out) {
		t.Errorf("second Apply changed the output (%v):\n%s", err, again)
	}
}

// TestOverwriteKeepsSpelling shows that Overwrite is the smallest edit: an
// entry that names its resource keeps its names, the resources that stay
// keep their order, and only what is not wanted goes.
func TestOverwriteKeepsSpelling(t *testing.T) {
	src := []byte(`{"displayName": "x", "requiredResourceAccess": [
  {"resourceAppId": "00000002-0000-0ff1-ce00-000000000000", "resourceAccess": [{"id": "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", "type": "Scope"}]},
  {"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "Mail.Read", "type": "Scope"}, {"id": "User.Read", "type": "Scope"}]},
  {"resourceAppId": "00000009-0000-0000-c000-000000000000", "resourceAccess": [{"id": "a", "type": "Role"}]}
]}`)
	graph := "00000003-0000-0000-c000-000000000000"
	names := map[string]string{"37f7f235-527c-4136-accd-4a02d197296e": "openid", "e1fe6dd8-ba31-4d61-89e7-88639da4683d": "User.Read", "570282fd-fa5c-430d-a7fd-fc8dc98a9dca": "Mail.Read"}
	opts := namesOptions(graph, names)
	opts.Mode = manifest.Overwrite
	want := manifest.Set{
		{ResourceAppID: graph, ResourceAccess: []manifest.Access{{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}, {ID: "37f7f235-527c-4136-accd-4a02d197296e", Type: manifest.Scope}}},
		{ResourceAppID: "00000002-0000-0ff1-ce00-000000000000", ResourceAccess: []manifest.Access{{ID: "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", Type: manifest.Scope}}},
		{ResourceAppID: "00000002-0000-0000-c000-000000000000", ResourceAccess: []manifest.Access{{ID: "311a71cc-e848-46a1-bdf8-97ff7156d8e6", Type: manifest.Scope}}},
	}
	out, rep, err := manifest.Apply(src, want, opts)
	if err != nil {
		t.Fatal(err)
	}
	wantOut := `{"displayName": "x", "requiredResourceAccess": [
  {"resourceAppId": "00000002-0000-0ff1-ce00-000000000000", "resourceAccess": [{"id": "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", "type": "Scope"}]},
  {"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}, {"id": "openid", "type": "Scope"}]},
  {"resourceAppId": "00000002-0000-0000-c000-000000000000", "resourceAccess": [{"id": "311a71cc-e848-46a1-bdf8-97ff7156d8e6", "type": "Scope"}]}
]}`
	if diff := cmp.Diff(wantOut, string(out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	wantRemoved := []manifest.Permission{
		{ResourceAppID: graph, ID: "570282fd-fa5c-430d-a7fd-fc8dc98a9dca", Type: manifest.Scope},
		{ResourceAppID: "00000009-0000-0000-c000-000000000000", ID: "a", Type: manifest.Role},
	}
	if diff := cmp.Diff(wantRemoved, rep.Removed); diff != "" {
		t.Errorf("Removed (-want +got):\n%s", diff)
	}
	again, rep, err := manifest.Apply(out, want, opts)
	if err != nil || rep.Changed || !bytes.Equal(again, out) {
		t.Errorf("second Apply changed the output (%v):\n%s", err, again)
	}
}

// TestApplyReads: with Options.Read, Report.Manifest is what Read returns
// for the same input, so a caller who needs both parses once.
func TestApplyReads(t *testing.T) {
	files, _ := filepath.Glob("testdata/apply/*.json")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := manifest.Read(src)
		if err != nil {
			continue
		}
		_, rep, err := manifest.Apply(src, nil, manifest.Options{Read: true})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if diff := cmp.Diff(want, rep.Manifest); diff != "" {
			t.Errorf("%s: Report.Manifest differs from Read (-want +got):\n%s", f, diff)
		}
	}
}

// namesOptions maps "Microsoft Graph" to graph and the names in names (by
// id) both ways, as a catalog would for a template that names its
// permissions.
func namesOptions(graph string, names map[string]string) manifest.Options {
	return manifest.Options{
		Canonical: func(p manifest.Permission) manifest.Permission {
			if p.ResourceAppID == "Microsoft Graph" {
				p.ResourceAppID = graph
			}
			for id, n := range names {
				if p.ID == n {
					p.ID = id
				}
			}
			return p
		},
		Spell: func(p manifest.Permission) manifest.Permission {
			if n, ok := names[p.ID]; ok {
				p.ID = n
			}
			return p
		},
	}
}

// TestRewriteNilCanon: a nil mapping maps nothing. Rewrite still reads
// the file, so what is not a manifest is still an error.
func TestRewriteNilCanon(t *testing.T) {
	src := []byte(`{"requiredResourceAccess": [{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}]}]}`)
	out, err := manifest.Rewrite(src, nil)
	if err != nil || !bytes.Equal(out, src) {
		t.Errorf("Rewrite(src, nil) = %q, %v; want src unchanged", out, err)
	}
	if _, err := manifest.Rewrite([]byte(`{"requiredResourceAccess": 1}`), nil); err == nil {
		t.Errorf("Rewrite of a malformed manifest with a nil canon: no error")
	}
}
