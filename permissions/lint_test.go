package permissions_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

func lintCodes(t *testing.T, src string, want manifest.Set) []string {
	t.Helper()
	m, err := manifest.Read([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range permissions.Lint(m, want) {
		got = append(got, fmt.Sprintf("%s %s", f.Pos, f.Code))
	}
	return got
}

func TestLint(t *testing.T) {
	entry := func(app string, access ...string) string {
		return `{"resourceAppId": "` + app + `", "resourceAccess": [` + strings.Join(access, ", ") + `]}`
	}
	acc := func(id, typ string) string { return `{"id": "` + id + `", "type": "` + typ + `"}` }
	graph, exo, aad := permissions.MicrosoftGraphID, permissions.ExchangeOnlineID, permissions.AzureADGraphID
	userRead := "e1fe6dd8-ba31-4d61-89e7-88639da4683d"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"clean", "[" + entry(graph, acc(userRead, "Scope")) + "]", nil},
		{"aad graph", "[" + entry(aad, acc("311a71cc-e848-46a1-bdf8-97ff7156d8e6", "Scope")) + "]", []string{"1:20 aad-graph-retired"}},
		{"ews", "[" + entry(exo, acc("3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", "Scope"), acc("dc890d15-9560-4a4c-9b7f-a736ec74ec40", "Role")) + "]",
			[]string{"1:86 ews-retired", "1:151 ews-retired", "1:151 application-permission"}},
		{"duplicate across entries", "[" + entry(graph, acc(userRead, "Scope")) + ",\n" + entry(strings.ToUpper(graph), acc(userRead, "Scope")) + "]",
			[]string{"2:19 uppercase-guid", "2:85 duplicate"}},
		{"upper-case id", "[" + entry(graph, acc(strings.ToUpper(userRead), "Scope")) + "]", []string{"1:86 uppercase-guid"}},
		{"malformed", "[" + entry(graph, acc("not-a-guid", "Scope")) + ",\n" + entry("Contoso API", acc("x", "Scope")) + "]",
			[]string{"1:86 malformed-guid", "2:19 malformed-guid", "2:60 malformed-guid"}},
		{"by name is fine", "[" + entry("Microsoft Graph", acc("User.Read", "Scope")) + "]", nil},
		{"unknown graph id", "[" + entry(graph, acc("00000000-1111-2222-3333-444444444444", "Scope")) + "]", []string{"1:86 unknown-permission"}},
		{"unknown id elsewhere", "[" + entry("11111111-2222-3333-4444-555555555555", acc("00000000-1111-2222-3333-444444444444", "Scope")) + "]", nil},
		{"wrong type", "[" + entry(graph, acc("024d486e-b451-40bb-833d-3e66d98c5c73", "Role")) + "]", []string{"1:86 wrong-type", "1:86 application-permission"}},
	}
	for _, tt := range tests {
		got := lintCodes(t, tt.src, nil)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: lints (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestLintDisabled(t *testing.T) {
	var disabled permissions.Permission
	for _, p := range permissions.ResourcePermissions(permissions.MicrosoftGraphID) {
		if !p.Enabled {
			disabled = p
			break
		}
	}
	if disabled.ID == "" {
		t.Fatal("no disabled permission in the catalog")
	}
	src := fmt.Sprintf(`[{"resourceAppId": %q, "resourceAccess": [{"id": %q, "type": %q}]}]`, disabled.ResourceAppID, disabled.ID, disabled.Type)
	got := lintCodes(t, src, nil)
	if len(got) == 0 || !strings.HasSuffix(got[0], "disabled") {
		t.Errorf("lints %v, want disabled first", got)
	}
}

func TestLintLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := 0; i < 51; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"resourceAppId": "%08x-0000-0000-0000-000000000000", "resourceAccess": [`, i)
		for j := 0; j < 8; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"id": "%08x-0000-0000-0000-%012x", "type": "Scope"}`, i, j)
		}
		b.WriteString("]}")
	}
	b.WriteString("]")
	got := lintCodes(t, b.String(), nil)
	if diff := cmp.Diff([]string{"0:0 too-many-resources", "0:0 too-many-permissions"}, got); diff != "" {
		t.Errorf("lints (-want +got):\n%s", diff)
	}
}

func TestLintNotWanted(t *testing.T) {
	src := `[{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "User.Read", "type": "Scope"}, {"id": "Mail.Read", "type": "Scope"}]}]`
	want := permissions.DefaultProfile().Set()
	got := lintCodes(t, src, want)
	if diff := cmp.Diff([]string{"1:124 not-wanted"}, got); diff != "" {
		t.Errorf("lints (-want +got):\n%s", diff)
	}
}

// TestLintCorpus shows the lints on the real manifests: every file reads,
// and the mistakes known to be in them are found.
func TestLintCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../shared/corpus/*.json")
	if len(files) == 0 {
		t.Skip("../shared/corpus not present")
	}
	found := make(map[string]map[string]bool)
	for _, f := range files {
		src, _ := os.ReadFile(f)
		m, err := manifest.Read(src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		codes := make(map[string]bool)
		for _, l := range permissions.Lint(m, permissions.DefaultProfile().Set()) {
			codes[l.Code] = true
		}
		found[filepath.Base(f)] = codes
		var list []string
		for c := range codes {
			list = append(list, c)
		}
		sort.Strings(list)
		t.Logf("%s: %s", filepath.Base(f), strings.Join(list, " "))
	}
	for file, code := range map[string]string{
		"05-review-bot.json":              permissions.LintWrongType,
		"07-eionet2-user-management.json": permissions.LintApplicationPerm,
		"10-email_helper.json":            permissions.LintNotWanted,
	} {
		if !found[file][code] {
			t.Errorf("%s: no %s lint", file, code)
		}
	}
}
