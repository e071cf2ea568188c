package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/manifestpatch/manifestpatch/permissions"
)

// exportDir holds service principal exports of each shape --catalog reads.
const exportDir = "../../permissions/testdata/export"

// TestCatalogScripts runs the --catalog scripts in testdata/catalog, with
// the exports copied into each script's export/ folder.
func TestCatalogScripts(t *testing.T) {
	exports, err := filepath.Glob(filepath.Join(exportDir, "*.json"))
	if err != nil || len(exports) != 4 {
		t.Fatalf("want the 4 exports in %s, found %v (%v)", exportDir, exports, err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/catalog",
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			dir := filepath.Join(env.WorkDir, "export")
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
			for _, f := range exports {
				data, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
					return err
				}
			}
			return nil
		},
	})
}

// TestCatalogExitCodes: a --catalog file that cannot be used is a usage
// error, whichever command reads names.
func TestCatalogExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"appId": "x", "appRoles": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(exportDir, "az-sp-show-graph.json")
	app := filepath.Join(dir, "app.json")
	if err := os.WriteFile(app, []byte(`{"requiredResourceAccess": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"lookup", "--catalog", bad, "graph"}, exitError},
		{[]string{"lookup", "--catalog", filepath.Join(dir, "missing.json"), "graph"}, exitError},
		{[]string{"show", "--catalog", bad, app}, exitError},
		{[]string{"check", "--catalog", bad, app}, exitError},
		{[]string{"apply", "--catalog", bad, "--stdout", app}, exitError},
		{[]string{"print", "--catalog", bad}, exitError},
		{[]string{"lookup", "--catalog", good, "Microsoft Graph/WorkPlan.Read"}, exitOK},
		{[]string{"lookup", "Microsoft Graph/WorkPlan.Read"}, exitChanges},
		{[]string{"print", "--catalog", good, "--scope", "Microsoft Graph/WorkPlan.Read"}, exitOK},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if got := run(tt.args, strings.NewReader(""), &stdout, &stderr); got != tt.want {
			t.Errorf("run(%q) = %d, want %d\nstderr: %s", tt.args, got, tt.want, stderr.String())
		}
		if tt.want == exitError && !strings.Contains(stderr.String(), "--catalog ") {
			t.Errorf("run(%q): stderr %q does not name --catalog", tt.args, stderr.String())
		}
	}
}

func TestVersionNamesCatalog(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--version"}, strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("--version exited %d: %s", code, stderr.String())
	}
	if want := "\ncatalog: Microsoft Graph 2026-08-19, first-party 2026-08-20\n"; !strings.HasSuffix(stdout.String(), want) {
		t.Errorf("--version printed %q, want it to end %q", stdout.String(), want)
	}
}

// TestLookupEveryPermission asks lookup for every permission of the
// catalog (the first-party data among them, which package permissions
// checks entry by entry), by RESOURCE/NAME and by GUID, and checks that each
// answer lists it.
func TestLookupEveryPermission(t *testing.T) {
	type want struct{ app, id, value string }
	var queries []string
	var wants []want
	for _, r := range permissions.Builtin().Resources() {
		for _, p := range permissions.Builtin().ResourcePermissions(r.AppID) {
			// The app id names the resource: it is the one name no other
			// resource can have.
			queries = append(queries, r.AppID+"/"+p.Value, p.ID)
			wants = append(wants, want{r.AppID, p.ID, p.Value}, want{r.AppID, p.ID, p.Value})
		}
	}
	var stdout, stderr bytes.Buffer
	args := append([]string{"lookup", "--format", "json"}, queries...)
	if code := run(args, strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("lookup exited %d: %s", code, stderr.String())
	}
	var recs []lookupJSON
	if err := json.Unmarshal(stdout.Bytes(), &recs); err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(queries) || len(queries) != 2*(2116+8+7) {
		t.Fatalf("%d answers to %d queries, want %d", len(recs), len(queries), 2*(2116+8+7))
	}
	for i, rec := range recs {
		w, found := wants[i], false
		for _, p := range rec.Permissions {
			found = found || p.ResourceAppID == w.app && p.ID == w.id && p.Permission == w.value
		}
		if !found {
			t.Errorf("lookup %q: %+v lacks %s %s on %s", rec.Query, rec.Permissions, w.value, w.id, w.app)
		}
	}
}
