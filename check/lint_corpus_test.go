package check_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/profile"
)

// TestLintCorpus runs every lint over the real manifests in
// ../shared/corpus, as check does (against the calendar-sync set), and
// asserts the codes per file: the mistakes known to be in them are found,
// and the lints that should stay silent do.
func TestLintCorpus(t *testing.T) {
	const dir = "../../shared/corpus"
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no real manifests: %s is absent (it sits beside the repository, not in it)", dir)
	}
	want := map[string][]string{
		"04-agent-bridge.json": nil,
		// Three delegated ids listed as "Role": each is one wrong-type
		// finding, not also an application permission nobody asked for.
		// Application.ReadWrite.All, a control-plane role.
		"05-review-bot.json": {"application-permission", "privileged", "wrong-type"},
		// Directory.ReadWrite.All, a control-plane role.
		"07-eionet2-user-management.json": {"application-permission", "privileged"},
		"08-Zapp.ie.json":                 nil,
		// Mail.Read beside Mail.ReadWrite.
		"10-email_helper.json":              {"redundant"},
		"12-copilot-pro-dev-samples.json":   nil,
		"13-msteams-bot-msgraph-azbot.json": nil,
		"15-TeamsAI-GraphSample.json":       nil,
		// A client secret that ended on 2025-05-24.
		"16-TeamsAI-GraphSample-aad.json":             {"secret-expiring"},
		"19-microsoft-teams-apps-kpi-management.json": nil,
		"20-MSTeamsAppWithACS.json":                   nil,
		"22-MeetingPlugin-build.json":                 nil,
		// Calendars.Read, OnlineMeetings.Read, AppCatalog.Read.All and
		// Directory.Read.All beside their ReadWrite forms; AppCatalog.Submit
		// and Directory.ReadWrite.All, control-plane scopes.
		"23-TeamsForSustainability.json": {"privileged", "redundant"},
	}
	got := make(map[string][]string)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := manifest.Read(src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var codes []string
		for _, l := range check.Lint(m, check.LintOptions{Want: profile.Default().Set(), Now: lintDay}) {
			if !slices.Contains(codes, l.Code) {
				codes = append(codes, l.Code)
			}
			if l.Pos.Line == 0 {
				t.Errorf("%s: %s has no position", filepath.Base(f), l.Code)
			}
		}
		slices.Sort(codes)
		got[filepath.Base(f)] = codes
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("codes per file (-want +got):\n%s", diff)
	}
}

// TestLintCorpusWrongTypeAlone: in 05-review-bot.json each delegated id
// listed as "Role" gets one finding at its position, wrong-type.
func TestLintCorpusWrongTypeAlone(t *testing.T) {
	src, err := os.ReadFile("../../shared/corpus/05-review-bot.json")
	if err != nil {
		t.Skipf("no real manifests: %v", err)
	}
	m, err := manifest.Read(src)
	if err != nil {
		t.Fatal(err)
	}
	at := make(map[string][]string)
	for _, l := range check.Lint(m, check.LintOptions{Want: profile.Default().Set(), Now: lintDay}) {
		at[l.Pos.String()] = append(at[l.Pos.String()], l.Code)
	}
	for _, pos := range []string{"11:17", "15:17", "35:17"} {
		if diff := cmp.Diff([]string{"wrong-type"}, at[pos]); diff != "" {
			t.Errorf("%s: findings (-want +got):\n%s", pos, diff)
		}
	}
}
