package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// TestSARIF checks check --format sarif: a result per finding with its
// file, line and UTF-16 column and a level that follows --strict, one rule
// per code, and, where Microsoft's SARIF validator is installed (CI
// installs it), a log the validator accepts.
func TestSARIF(t *testing.T) {
	dir := t.TempDir()
	app := filepath.Join(dir, "app.json")
	// "é" is two bytes and one UTF-16 unit: the id's value on line 3
	// starts at byte column 36, UTF-16 column 35.
	os.WriteFile(app, []byte("{\"displayName\": \"x\",\n\"requiredResourceAccess\": [{\"resourceAppId\": \"00000003-0000-0000-c000-000000000000\",\n\"resourceAccess\": [{\"é\": 1, \"id\": \"b633e1c5-b582-4048-a93e-9f11b44c7e96\", \"type\": \"Role\"}]}]}\n"), 0o644)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\n  \"requiredResourceAccess\": [,]\n}\n"), 0o644)
	var out bytes.Buffer
	if code := run([]string{"check", "--format", "sarif", "--strict", app, bad}, strings.NewReader(""), &out, &bytes.Buffer{}); code != exitError {
		t.Fatalf("exit %d, want %d", code, exitError)
	}
	var log sarifLog
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.Bytes())
	}
	run := log.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	found := map[string]sarifResult{}
	for _, r := range run.Results {
		found[r.RuleID] = r
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s points at rule %s", r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].ID)
		}
	}
	app1 := found["application-permission"]
	if app1.Level != "error" { // --strict
		t.Errorf("application-permission level %q under --strict, want error", app1.Level)
	}
	if reg := app1.Locations[0].Physical.Region; reg.StartLine != 3 || reg.StartColumn != 35 {
		t.Errorf("application-permission at %d:%d, want 3:35 (UTF-16 units)", reg.StartLine, reg.StartColumn)
	}
	if r := found["missing"]; r.Level != "error" || r.Locations[0].Physical.Artifact.URI != "file://"+filepath.ToSlash(app) {
		t.Errorf("missing: %+v", r)
	}
	// The parse error is at the comma, 2:30, as the text format says.
	if r := found[sarifUnreadable]; r.Locations[0].Physical.Region != (sarifRegion{StartLine: 2, StartColumn: 30}) || r.Locations[0].Physical.Artifact.URI != "file://"+filepath.ToSlash(bad) {
		t.Errorf("unreadable: %+v", r)
	}
	validateSARIF(t, out.Bytes())
}

func TestArtifactURI(t *testing.T) {
	for name, want := range map[string]string{
		"app.json":            "app.json",
		"sub dir/app #1.json": "sub%20dir/app%20%231.json",
		"/repo/apps/app.json": "file:///repo/apps/app.json",
		"./apps/../app.json":  "./apps/../app.json",
	} {
		if got := artifactURI(name); got != want {
			t.Errorf("artifactURI(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestUTF16Column(t *testing.T) {
	src := []byte("\xEF\xBB\xBF{\"a\": \"€𝄞\", \"b\": 1}")
	off := bytes.Index(src, []byte(`"b"`))
	if got := utf16Column(src, manifest.Position{Offset: off, Line: 1}); got != 14 {
		t.Errorf("column %d, want 14: the BOM counts for nothing, € for one unit, 𝄞 for two", got)
	}
}

// validateSARIF runs Microsoft's SARIF validator (the npm package
// @microsoft/sarif-multitool) on log. CI installs it and sets
// SARIF_MULTITOOL; elsewhere the test says why it does not run it.
func validateSARIF(t *testing.T, log []byte) {
	tool := os.Getenv("SARIF_MULTITOOL")
	if tool == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must set SARIF_MULTITOOL to the sarif-multitool binary")
		}
		t.Log("SARIF_MULTITOOL not set: the log is not validated with Microsoft's validator (CI validates it)")
		return
	}
	f := filepath.Join(t.TempDir(), "check.sarif")
	os.WriteFile(f, log, 0o644)
	out, err := exec.Command(tool, "validate", f).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte(": error ")) {
		t.Fatalf("sarif-multitool validate: %v\n%s\n%s", err, out, log)
	}
	t.Logf("sarif-multitool validate:\n%s", out)
}

func TestSARIFVersion(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.0": "1.2.0",
		"v0.0.0-20261126-abc+dirty (commit abc, modified)": "0.0.0-20261126-abc+dirty",
		"(devel) (no commit recorded)":                     "",
	} {
		if got := sarifVersion(v); got != want {
			t.Errorf("sarifVersion(%q) = %q, want %q", v, got, want)
		}
	}
}
