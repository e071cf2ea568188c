package check_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
	"github.com/manifestpatch/manifestpatch/profile"
)

// lintDay is the day the tests lint on: between the start of the EWS
// phase-out and its end.
var lintDay = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func lintCodes(t *testing.T, src string, want manifest.Set) []string {
	t.Helper()
	m, err := manifest.Read([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range check.Lint(m, check.LintOptions{Want: want, Now: lintDay}) {
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
			[]string{"2:19 repeated-resource", "2:19 uppercase-guid", "2:85 duplicate"}},
		{"upper-case id", "[" + entry(graph, acc(strings.ToUpper(userRead), "Scope")) + "]", []string{"1:86 uppercase-guid"}},
		// A name the catalog does not know is an unknown name, not a
		// malformed GUID; on a resource it does not know, the resource is
		// the one finding.
		{"unknown names", "[" + entry(graph, acc("not-a-guid", "Scope")) + ",\n" + entry("Contoso API", acc("x", "Scope")) + "]",
			[]string{"1:86 unknown-name", "2:19 unknown-name"}},
		{"GUID with a digit too few", "[" + entry(graph, acc("e1fe6dd8-ba31-4d61-89e7-88639da4683", "Scope")) + ",\n" + entry("{00000003-0000-0000-c000-000000000000}", acc(userRead, "Scope")) + "]",
			[]string{"1:86 malformed-guid", "2:19 malformed-guid"}},
		// Template placeholders are filled in when the template is built.
		{"placeholders", "[" + entry("${{API_APP_ID}}", acc("access_as_user", "Scope")) + ",\n" + entry(graph, acc("${{SCOPE_ID}}", "Role")) + "]", nil},
		// A resource the catalog lists no permissions of: nothing is
		// malformed, and a name is a note.
		{"unlisted resource", "[" + entry("7d312290-28c8-473c-a0ed-8e53749b6d6d", acc("user_impersonation", "Scope"), acc("00000000-1111-2222-3333-444444444444", "Scope")) + "]",
			[]string{"1:86 unknown-name"}},
		// Hidden by Microsoft, still enabled: known, nothing to say.
		{"hidden", "[" + entry(graph, acc("32ea53ac-4a89-4cde-bac4-727c6fb9ac29", "Scope"), acc("9127ba42-f79f-43b1-be80-f23ecd42377e", "Scope")) + "]", nil},
		{"removed by Microsoft", "[" + entry(graph, acc("f20584af-9290-4153-9280-ff8bb2c0ea7f", "Role")) + "]", []string{"1:86 removed"}},
		{"by name is fine", "[" + entry("Microsoft Graph", acc("User.Read", "Scope")) + "]", nil},
		{"unknown graph id", "[" + entry(graph, acc("00000000-1111-2222-3333-444444444444", "Scope")) + "]", []string{"1:86 unknown-permission"}},
		{"unknown id elsewhere", "[" + entry("11111111-2222-3333-4444-555555555555", acc("00000000-1111-2222-3333-444444444444", "Scope")) + "]", nil},
		// A delegated permission's id listed as a Role is one mistake: no
		// such application permission exists to warn about.
		{"wrong type", "[" + entry(graph, acc("024d486e-b451-40bb-833d-3e66d98c5c73", "Role")) + "]", []string{"1:86 wrong-type"}},
		{"unknown role", "[" + entry(graph, acc("00000000-1111-2222-3333-444444444444", "Role")) + "]", []string{"1:86 unknown-permission"}},
		{"empty resourceAccess", "[" + entry(graph) + ",\n" + entry(exo, acc("266d2589-20b5-4f91-9a03-89247d1be8da", "Scope")) + "]", []string{"1:20 empty-access"}},
		{"resource in two entries", "[" + entry(graph, acc(userRead, "Scope")) + ",\n" + entry("Microsoft Graph", acc("openid", "Scope")) + "]", []string{"2:19 repeated-resource"}},
		{"lower beside higher", "[" + entry(graph, acc("465a38f9-76ea-45b9-9f34-9e8b0d4b0b42", "Scope"), acc("1ec239c2-d7c9-4623-a91a-a9775856bb36", "Scope")) + "]", []string{"1:86 redundant"}},
		{"lower beside higher by name", "[" + entry("Microsoft Graph", acc("Mail.Read", "Scope"), acc("Mail.ReadWrite", "Scope")) + "]", []string{"1:65 redundant"}},
		{"higher of the other type", "[" + entry(graph, acc("465a38f9-76ea-45b9-9f34-9e8b0d4b0b42", "Scope"), acc("ef54d2bf-783f-4e0f-bca1-3210c0444d99", "Role")) + "]", []string{"1:151 application-permission"}},
		{"calendars work hours", "[" + entry(graph, acc("d91697b0-a708-4c11-a712-8fb2dc081aa2", "Role"), acc("470229df-a15a-4b08-9d95-8c534862b362", "Role")) + "]",
			[]string{"1:86 calendars-all", "1:86 application-permission", "1:150 calendars-all", "1:150 application-permission", "1:150 redundant"}},
		{"exchange calendars events", "[" + entry(exo, acc("ef54d2bf-783f-4e0f-bca1-3210c0444d99", "Role")) + "]", []string{"1:86 calendars-all", "1:86 application-permission"}},
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
	for _, p := range permissions.Builtin().ResourcePermissions(permissions.MicrosoftGraphID) {
		if !p.Enabled && p.Removed == "" {
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

// limitsManifest returns a Microsoft Graph manifest with the audience and
// n entries of per permissions each, one entry a line.
func limitsManifest(audience string, n, per int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"signInAudience": %q, "requiredResourceAccess": [`, audience)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n{\"resourceAppId\": \"%08x-0000-0000-0000-000000000000\", \"resourceAccess\": [", i)
		for j := 0; j < per; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"id": "%08x-0000-0000-0000-%012x", "type": "Scope"}`, i, j)
		}
		b.WriteString("]}")
	}
	b.WriteString("]}")
	return b.String()
}

func TestLintLimits(t *testing.T) {
	tests := []struct {
		name     string
		audience string
		n, per   int
		want     []string
	}{
		// The 51st resource and the 401st permission are reported where
		// they start.
		{"organizational", "AzureADMultipleOrgs", 51, 8, []string{"52:19 too-many-resources", "52:85 too-many-permissions"}},
		{"organizational at the limits", "AzureADMyOrg", 50, 8, nil},
		// Personal accounts: 30 permissions at most, and no resource
		// limit of their own.
		{"personal", "AzureADandPersonalMicrosoftAccount", 4, 8, []string{"5:469 too-many-permissions"}},
		{"personal only", "PersonalMicrosoftAccount", 31, 1, []string{"32:85 too-many-permissions"}},
		{"personal at the limit", "PersonalMicrosoftAccount", 3, 10, nil},
		{"organizational, 32 permissions", "AzureADMyOrg", 4, 8, nil},
	}
	for _, tt := range tests {
		got := lintCodes(t, limitsManifest(tt.audience, tt.n, tt.per), nil)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: lints (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestNotWantedOnlyInOverwrite: a permission beyond the wanted set is a
// problem where overwrite removes it, and nothing in merge mode, which
// keeps it.
func TestNotWantedOnlyInOverwrite(t *testing.T) {
	src := []byte(`[{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "User.Read", "type": "Scope"}, {"id": "Mail.Read", "type": "Scope"}]}]`)
	want := check.Want{Set: profile.Default().Set()}
	for _, tt := range []struct {
		mode manifest.Mode
		want []string
	}{
		{manifest.Merge, nil},
		{manifest.Overwrite, []string{"1:124 error not-wanted"}},
	} {
		res, err := check.Plan(src, want, check.Options{Mode: tt.mode, Now: lintDay})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range res.Findings {
			if f.Code == "not-wanted" {
				got = append(got, fmt.Sprintf("%s %s %s", f.Pos, f.Level, f.Code))
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%v: not-wanted findings (-want +got):\n%s", tt.mode, diff)
		}
	}
}

// TestNotWantedAtFirstListing: a permission overwrite removes is reported
// once, where the manifest first lists it, however it is written there
// (by name, or by GUID in another case) and however often it repeats.
func TestNotWantedAtFirstListing(t *testing.T) {
	src := []byte(`[{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [` +
		`{"id": "Mail.Read", "type": "Scope"}, ` +
		`{"id": "570282FD-FA5C-430D-A7FD-FC8DC98A9DCA", "type": "Scope"}, ` +
		`{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Role"}]}, ` +
		`{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "570282fd-fa5c-430d-a7fd-fc8dc98a9dca", "type": "Scope"}]}]`)
	res, err := check.Plan(src, check.Want{Set: profile.Default().Set()}, check.Options{Mode: manifest.Overwrite, Now: lintDay})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		if f.Code == "not-wanted" {
			got = append(got, fmt.Sprintf("%s %s", f.Pos, f.Permission.ID))
		}
	}
	want := []string{"1:86 570282fd-fa5c-430d-a7fd-fc8dc98a9dca", "1:189 e1fe6dd8-ba31-4d61-89e7-88639da4683d"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("not-wanted findings (-want +got):\n%s", diff)
	}
}

// TestLintWantedSet: the wanted set decides not-wanted and keeps a
// permission it asks for from being called redundant; a wrong type is one
// finding even beside a wanted set.
func TestLintWantedSet(t *testing.T) {
	profile := profile.Default().Set()
	calendarSync := `[{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "Calendars.ReadWrite.Shared", "type": "Scope"}, {"id": "Calendars.Read.Shared", "type": "Scope"}]}]`
	wrongType := `[{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "024d486e-b451-40bb-833d-3e66d98c5c73", "type": "Role"}]}]`
	tests := []struct {
		name  string
		src   string
		want  manifest.Set
		codes []string
	}{
		{"calendar-sync's own pair, no wanted set", calendarSync, nil, []string{"1:120 redundant"}},
		{"calendar-sync's own pair, wanted", calendarSync, profile, nil},
		{"wrong type beside a wanted set", wrongType, profile, []string{"1:86 wrong-type"}},
	}
	for _, tt := range tests {
		got := lintCodes(t, tt.src, tt.want)
		if diff := cmp.Diff(tt.codes, got); diff != "" {
			t.Errorf("%s: lints (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestLintByDate: the EWS finding reads by the day it is given.
func TestLintByDate(t *testing.T) {
	src := `[{"resourceAppId": "00000002-0000-0ff1-ce00-000000000000", "resourceAccess": [{"id": "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", "type": "Scope"}]}]`
	m, err := manifest.Read([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	const label = "Office 365 Exchange Online EWS.AccessAsUser.All (delegated): "
	tests := []struct {
		day  time.Time
		want string
	}{
		{time.Date(2026, 9, 30, 23, 0, 0, 0, time.UTC), label + "Exchange Web Services in Exchange Online will be disabled in phases from 2026-10-01 unless the tenant allow-lists this app in EwsAllowedAppIDs, and shut down on 2027-04-01 with no exceptions (MC1227454); for a calendar sync, use Microsoft Graph's delegated Calendars.ReadWrite.Shared and MailboxSettings.Read instead (the calendar-sync-graph profile)"},
		{time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), label + "Exchange Web Services in Exchange Online is disabled in phases since 2026-10-01 unless the tenant allow-lists this app in EwsAllowedAppIDs; it ends for good on 2027-04-01, with no exceptions (MC1227454); for a calendar sync, use Microsoft Graph's delegated Calendars.ReadWrite.Shared and MailboxSettings.Read instead (the calendar-sync-graph profile)"},
		{time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC), label + "Exchange Web Services in Exchange Online is disabled in phases since 2026-10-01 unless the tenant allow-lists this app in EwsAllowedAppIDs; it ends for good on 2027-04-01, with no exceptions (MC1227454); for a calendar sync, use Microsoft Graph's delegated Calendars.ReadWrite.Shared and MailboxSettings.Read instead (the calendar-sync-graph profile)"},
		{time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC), label + "no longer works: Exchange Web Services in Exchange Online was shut down on 2027-04-01 (MC1227454); for a calendar sync, use Microsoft Graph's delegated Calendars.ReadWrite.Shared and MailboxSettings.Read instead (the calendar-sync-graph profile)"},
	}
	for _, tt := range tests {
		fs := check.Lint(m, check.LintOptions{Now: tt.day})
		var got []string
		for _, f := range fs {
			got = append(got, f.Msg)
		}
		if diff := cmp.Diff([]string{tt.want}, got); diff != "" {
			t.Errorf("%s: messages (-want +got):\n%s", tt.day.Format(time.DateOnly), diff)
		}
	}
}

// TestLintLevels: notes never fail a check; the rest are lints.
func TestLintLevels(t *testing.T) {
	src := `[{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "d91697b0-a708-4c11-a712-8fb2dc081aa2", "type": "Role"}]}]`
	m, err := manifest.Read([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := make(map[string]check.Level)
	for _, f := range check.Lint(m, check.LintOptions{Now: lintDay}) {
		got[f.Code] = f.Level
	}
	want := map[string]check.Level{"calendars-all": check.LevelNote, "application-permission": check.LevelWarning}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
}

// TestLintFindingsPerRule: past MaxFindingsPerRule findings of one rule,
// one more says how many were left out, at the first of them and at the
// highest level among them, so what fails a check still fails it.
func TestLintFindingsPerRule(t *testing.T) {
	n := check.MaxFindingsPerRule + 5
	var b strings.Builder
	b.WriteString(`{"requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id": "%08x-0000-4000-8000-000000000000", "type": "Scope"}`, i)
	}
	b.WriteString("]}]}")
	m, err := manifest.Read([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var unknown []check.Finding
	for _, f := range check.Lint(m, check.LintOptions{Now: lintDay}) {
		if f.Code == "unknown-permission" {
			unknown = append(unknown, f)
		}
	}
	if len(unknown) != check.MaxFindingsPerRule+1 {
		t.Fatalf("%d unknown-permission findings, want %d", len(unknown), check.MaxFindingsPerRule+1)
	}
	last := unknown[len(unknown)-1]
	if want := "5 more unknown-permission findings from here on, not listed one by one (1000 are)"; last.Msg != want || last.Pos.Line != check.MaxFindingsPerRule+1 || last.Level != unknown[0].Level {
		t.Errorf("the last finding is %v %v %q; want at line %d, %v, %q", last.Pos, last.Level, last.Msg, check.MaxFindingsPerRule+1, unknown[0].Level, want)
	}
}

// TestPrivileged: every control-plane permission of the catalog, of every
// resource, draws one privileged finding, and none of calendar sync's
// nine does.
func TestPrivileged(t *testing.T) {
	cat := permissions.Builtin()
	var set manifest.Set
	n := 0
	for _, r := range cat.Resources() {
		var access []manifest.Access
		for _, p := range cat.ResourcePermissions(r.AppID) {
			if p.Tier == permissions.TierControlPlane {
				access = append(access, manifest.Access{ID: p.ID, Type: p.Type})
			}
		}
		if len(access) > 0 {
			set = append(set, manifest.Resource{ResourceAppID: r.AppID, ResourceAccess: access})
			n += len(access)
		}
	}
	if n < 400 {
		t.Fatalf("%d control-plane permissions in the catalog; want over 400", n)
	}
	count := func(s manifest.Set) int {
		type access struct {
			ID   string        `json:"id"`
			Type manifest.Type `json:"type"`
		}
		type entry struct {
			App    string   `json:"resourceAppId"`
			Access []access `json:"resourceAccess"`
		}
		var rra []entry
		for _, r := range s {
			e := entry{App: r.ResourceAppID}
			for _, a := range r.ResourceAccess {
				e.Access = append(e.Access, access{a.ID, a.Type})
			}
			rra = append(rra, e)
		}
		src, err := json.Marshal(map[string]any{"displayName": "x", "requiredResourceAccess": rra})
		if err != nil {
			t.Fatal(err)
		}
		res, err := check.Plan(src, check.Want{}, check.Options{})
		if err != nil {
			t.Fatal(err)
		}
		k := 0
		for _, f := range res.Findings {
			if f.Code == "privileged" {
				k++
			}
		}
		return k
	}
	if got := count(set); got != n {
		t.Errorf("%d privileged findings for %d control-plane permissions", got, n)
	}
	if got := count(profile.Default().Set()); got != 0 {
		t.Errorf("calendar sync's permissions draw %d privileged findings; want none", got)
	}
}

// TestLimits: each limit forbids what it names, at the permission's
// position, an error; with Only, what is neither wanted nor permitted is
// not-allowed; a limit a permission has no data for does not forbid it.
func TestLimits(t *testing.T) {
	src := []byte(`{"displayName": "x", "requiredResourceAccess": [
 {"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [
  {"id": "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9", "type": "Role"},
  {"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope"},
  {"id": "a154be20-db9c-4678-8ab7-66f6cc099a59", "type": "Scope"}]},
 {"resourceAppId": "00000002-0000-0000-c000-000000000000", "resourceAccess": [
  {"id": "311a71cc-e848-46a1-bdf8-97ff7156d8e6", "type": "Scope"}]}]}`)
	graph := permissions.MicrosoftGraphID
	userRead := manifest.Set{{ResourceAppID: graph, ResourceAccess: []manifest.Access{{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}}}}
	userReadAll := manifest.Set{{ResourceAppID: graph, ResourceAccess: []manifest.Access{{ID: "a154be20-db9c-4678-8ab7-66f6cc099a59", Type: manifest.Scope}}}}
	tests := []struct {
		name   string
		limits check.Limits
		want   []string // "line code: message tail"
	}{
		{"none", check.Limits{}, nil},
		{"by name", check.Limits{Forbid: userReadAll}, []string{"5 forbidden: Microsoft Graph User.Read.All (delegated) is forbidden: it is on the list of forbidden permissions"}},
		{"by resource", check.Limits{ForbidResources: []string{"Azure AD Graph"}}, []string{"7 forbidden: Azure AD Graph User.Read (delegated) is forbidden: every permission of Azure AD Graph is forbidden"}},
		{"application", check.Limits{NoApplication: true}, []string{"3 forbidden: Microsoft Graph Application.ReadWrite.All (application) is forbidden: application permissions are forbidden"}},
		{"tier", check.Limits{MaxTier: permissions.TierUserAccess}, []string{
			"3 forbidden: Microsoft Graph Application.ReadWrite.All (application) is forbidden: its EntraOps tier ControlPlane is above UserAccess, the most allowed"}},
		{"level", check.Limits{MaxLevel: 2}, []string{
			"3 forbidden: Microsoft Graph Application.ReadWrite.All (application) is forbidden: its privilege level 4 of 5 is above 2, the most allowed",
			"5 forbidden: Microsoft Graph User.Read.All (delegated) is forbidden: its privilege level 3 of 5 is above 2, the most allowed"}},
		{"only", check.Limits{Only: true, Permit: userReadAll, NoApplication: true}, []string{
			"3 forbidden: Microsoft Graph Application.ReadWrite.All (application) is forbidden: application permissions are forbidden",
			"7 not-allowed: Azure AD Graph User.Read (delegated) is neither wanted nor permitted here"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := check.Plan(src, check.Want{Set: userRead}, check.Options{Limits: &tt.limits})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				if f.Code == "forbidden" || f.Code == "not-allowed" {
					if f.Level != check.LevelError {
						t.Errorf("%s is a %s", f.Code, f.Level)
					}
					got = append(got, fmt.Sprintf("%d %s: %s", f.Pos.Line, f.Code, f.Msg))
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			if len(got) > 0 && res.OK(false) {
				t.Error("a forbidden permission passes check")
			}
		})
	}
	if _, err := check.NewPlanner(check.Want{Set: userRead}, check.Options{Limits: &check.Limits{Forbid: userRead}}); err == nil {
		t.Error("a wanted permission that is forbidden was accepted")
	}
}
