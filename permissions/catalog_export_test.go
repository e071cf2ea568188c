package permissions

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/manifestpatch/manifestpatch/manifest"
)

func readExport(t *testing.T, name string) *Export {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata/export", name))
	if err != nil {
		t.Fatal(err)
	}
	e, err := ParseExport(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	e.Name = name
	return e
}

// TestParseExportShapes reads one export of each shape the tools write.
func TestParseExportShapes(t *testing.T) {
	tests := []struct {
		file  string
		want  []Resource
		perms []Permission // of the first resource
	}{
		{"az-sp-show-graph.json", []Resource{{AppID: graph, Name: "Microsoft Graph"}}, []Permission{
			{ID: "b633e1c5-b582-4048-a93e-9f11b44c7e96", Value: "Mail.Send", Type: manifest.Role, Consent: ConsentAdmin, DisplayName: "Send mail as any user", Enabled: true},
			{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Value: "User.Read", Type: manifest.Scope, Consent: ConsentUser, DisplayName: "Sign in and read user profile", Enabled: true},
			{ID: "309dfc0e-20c3-41c0-8e71-818806d50727", Value: "WorkPlan.Read", Type: manifest.Scope, Consent: ConsentUser, DisplayName: "Read your work plan", Enabled: true},
			{ID: "212428d0-6dae-4625-ae6f-5bfb845341d9", Value: "WorkPlan.Read.All", Type: manifest.Role, Consent: ConsentAdmin, DisplayName: "Read all users' work plans", Enabled: true},
		}},
		{"pwsh-exchange.json", []Resource{{AppID: exchange, Name: "Office 365 Exchange Online"}}, []Permission{
			{ID: "5b9be81f-2977-4d27-8faf-bb43af8fc705", Value: "Calendars.Read", Type: manifest.Scope, Consent: ConsentUser, DisplayName: "Read user calendars", Enabled: true},
			{ID: "266d2589-20b5-4f91-9a03-89247d1be8da", Value: "EAS.AccessAsUser.All", Type: manifest.Scope, Consent: ConsentAdmin, DisplayName: "Access mailboxes via Exchange ActiveSync", Enabled: true},
			{ID: "dc890d15-9560-4a4c-9b7f-a736ec74ec40", Value: "full_access_as_app", Type: manifest.Role, Consent: ConsentAdmin, DisplayName: "Use Exchange Web Services with full access to all mailboxes", Enabled: true},
		}},
		// The role only users can be assigned (Approver) is no permission.
		{"graph-list-contoso.json", []Resource{{AppID: "4a2af211-5a98-4855-be08-c0ec1f7a5f6e", Name: "Contoso Expenses API"}}, []Permission{
			{ID: "604cf8db-db8b-4b64-a23a-41eb24e67221", Value: "Expenses.Read", Type: manifest.Scope, Consent: ConsentUser, DisplayName: "Read your expense reports", Enabled: true},
			{ID: "59c80c83-b9ff-428e-9682-5bc99cf82c2b", Value: "Expenses.ReadWrite.All", Type: manifest.Role, Consent: ConsentAdmin, DisplayName: "Read and write all expense reports", Enabled: true},
		}},
		{"az-legacy-aad-graph.json", []Resource{{AppID: aadGraph, Name: "Windows Azure Active Directory"}}, []Permission{
			{ID: "6c2d1b1d-a490-4178-ba6b-7efceda9129b", Value: "Policy.Read.All", Type: manifest.Role, Consent: ConsentAdmin, DisplayName: "Read your organization's policies", Enabled: true},
			{ID: "80e5b1bf-3ad0-4365-943a-0ec983009b67", Value: "Policy.Read.All", Type: manifest.Scope, Consent: ConsentAdmin, DisplayName: "Read your organization's policies", Enabled: true},
			{ID: "311a71cc-e848-46a1-bdf8-97ff7156d8e6", Value: "User.Read", Type: manifest.Scope, Consent: ConsentUser, DisplayName: "Sign in and read user profile", Enabled: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			e := readExport(t, tt.file)
			for i := range tt.want {
				tt.want[i].Complete, tt.want[i].Export = true, tt.file
			}
			if diff := cmp.Diff(tt.want, e.Resources()); diff != "" {
				t.Errorf("builtin.Resources() mismatch (-want +got):\n%s", diff)
			}
			for i := range tt.perms {
				tt.perms[i].ResourceAppID = tt.want[0].AppID
			}
			if diff := cmp.Diff(tt.perms, e.resources[0].perms); diff != "" {
				t.Errorf("permissions mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseExportUTF16 reads what Windows PowerShell's > writes: UTF-16
// with a byte order mark.
func TestParseExportUTF16(t *testing.T) {
	data, err := os.ReadFile("testdata/export/pwsh-exchange.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, le := range []bool{true, false} {
		var b []byte
		if le {
			b = []byte{0xff, 0xfe}
		} else {
			b = []byte{0xfe, 0xff}
		}
		for _, u := range utf16.Encode([]rune(string(data))) {
			if le {
				b = append(b, byte(u), byte(u>>8))
			} else {
				b = append(b, byte(u>>8), byte(u))
			}
		}
		e, err := ParseExport(b)
		if err != nil {
			t.Fatalf("little-endian %t: %v", le, err)
		}
		if len(e.resources) != 1 || len(e.resources[0].perms) != 3 {
			t.Errorf("little-endian %t: read %+v", le, e.resources)
		}
	}
}

// manyKeys returns n members "K0": 0, … on one line, for the repeated-key
// check on objects with many members.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"K%d": 0`, i)
	}
	return b.String()
}

func TestParseExportErrors(t *testing.T) {
	const scope = `{"id": "%s", "value": "X.Read", "type": "User"}`
	tests := []struct {
		name, in string
		want     fault // Pos.Offset is not compared
	}{
		{"empty", ``, fault{Pos: manifest.Position{Line: 1, Column: 1}, Msg: "unexpected end of input", Err: manifest.ErrSyntax}},
		{"syntax", "{\n  \"appId\": 1,,\n}", fault{Pos: manifest.Position{Line: 2, Column: 14}, Msg: "unexpected character ',' looking for beginning of object key string", Err: manifest.ErrSyntax}},
		{"unclosed", "{\"appId\": \"x\"", fault{Pos: manifest.Position{Line: 1, Column: 14}, Msg: "unexpected end of input", Err: manifest.ErrSyntax}},
		{"trailing", `{"appId": "00000003-0000-0000-c000-000000000000", "appRoles": []} {}`, fault{Pos: manifest.Position{Line: 1, Column: 68}, Msg: "unexpected data after the top-level value", Err: manifest.ErrSyntax}},
		{"markdown", "# Title\n", fault{Pos: manifest.Position{Line: 1, Column: 1}, Msg: "unexpected character '#' looking for beginning of value", Err: manifest.ErrSyntax}},
		{"bad escape", `{"appId": "\q"}`, fault{Pos: manifest.Position{Line: 1, Column: 13}, Msg: "unexpected character 'q' in string escape code", Err: manifest.ErrSyntax}},
		{"bad literal", `{"appId": tru}`, fault{Pos: manifest.Position{Line: 1, Column: 14}, Msg: "unexpected character '}' in literal true (expecting 'e')", Err: manifest.ErrSyntax}},
		{"string", `"Microsoft Graph"`, fault{Pos: manifest.Position{Line: 1, Column: 1}, Msg: `want a service principal object, a list of them, or a {"value": [...]} response`, Err: manifest.ErrShape}},
		{"empty list", `{"value": []}`, fault{Pos: manifest.Position{Line: 1, Column: 1}, Msg: "lists no service principal", Err: manifest.ErrShape}},
		{"value not array", `{"value": {}}`, fault{Pos: manifest.Position{Line: 1, Column: 11}, Path: "value", Msg: "want an array of service principals", Err: manifest.ErrShape}},
		{"manifest", `{"requiredResourceAccess": []}`, fault{Pos: manifest.Position{Line: 1, Column: 1}, Msg: "no appId: not a service principal (export one with az ad sp show --id APPID)", Err: manifest.ErrShape}},
		{"bad appId", `{"value": [{"appId": "graph", "appRoles": []}]}`, fault{Pos: manifest.Position{Line: 1, Column: 22}, Path: "value[0].appId", Msg: "appId is not a GUID", Err: manifest.ErrShape}},
		{"no lists", `{"appId": "00000003-0000-0000-c000-000000000000"}`, fault{Pos: manifest.Position{Line: 1, Column: 1}, Msg: "no oauth2PermissionScopes, appRoles or oauth2Permissions: not a service principal export", Err: manifest.ErrShape}},
		{"scopes not array", `{"appId": "00000003-0000-0000-c000-000000000000", "oauth2PermissionScopes": {}}`, fault{Pos: manifest.Position{Line: 1, Column: 77}, Path: "oauth2PermissionScopes", Msg: "want an array", Err: manifest.ErrShape}},
		{"bad id", "{\"AppId\": \"00000003-0000-0000-c000-000000000000\",\n \"AppRoles\": [{\"Id\": \"nope\", \"Value\": \"X\"}]}", fault{Pos: manifest.Position{Line: 2, Column: 22}, Path: "AppRoles[0].Id", Msg: "id is not a GUID", Err: manifest.ErrShape}},
		{"no id", `[{"appId": "00000003-0000-0000-c000-000000000000", "appRoles": [{"value": "X"}]}]`, fault{Pos: manifest.Position{Line: 1, Column: 65}, Path: "[0].appRoles[0]", Msg: "no id", Err: manifest.ErrShape}},
		{"isEnabled", `{"appId": "00000003-0000-0000-c000-000000000000", "appRoles": [{"id": "b633e1c5-b582-4048-a93e-9f11b44c7e96", "value": "X", "isEnabled": "yes"}]}`, fault{Pos: manifest.Position{Line: 1, Column: 138}, Path: "appRoles[0].isEnabled", Msg: "isEnabled is not true or false", Err: manifest.ErrShape}},
		{"id twice", `{"appId": "00000003-0000-0000-c000-000000000000", "oauth2PermissionScopes": [` + strings.ReplaceAll(scope, "%s", "e1fe6dd8-ba31-4d61-89e7-88639da4683d") + `, ` + strings.ReplaceAll(scope, "%s", "E1FE6DD8-ba31-4d61-89e7-88639da4683d") + `]}`, fault{Pos: manifest.Position{Line: 1, Column: 168}, Path: "oauth2PermissionScopes[1].id", Msg: "e1fe6dd8-ba31-4d61-89e7-88639da4683d is listed twice (first at oauth2PermissionScopes[0].id)", Err: manifest.ErrShape}},
		{"app twice", `{"value": [{"appId": "00000003-0000-0000-c000-000000000000", "appRoles": []}, {"appId": "00000003-0000-0000-C000-000000000000", "appRoles": []}]}`, fault{Pos: manifest.Position{Line: 1, Column: 89}, Path: "value[1].appId", Msg: "00000003-0000-0000-c000-000000000000 is listed twice (first at value[0].appId)", Err: manifest.ErrShape}},
		{"key twice", "{\"appId\": \"00000003-0000-0000-c000-000000000000\",\n \"appRoles\": [],\n \"AppRoles\": []}", fault{Pos: manifest.Position{Line: 3, Column: 2}, Msg: `the key "AppRoles" appears twice, at 2:2 and 3:2; remove one of them`, Err: manifest.ErrDuplicateKey}},
		{"deep", strings.Repeat("[", 100) + strings.Repeat("]", 100), fault{Pos: manifest.Position{Line: 1, Column: 66}, Msg: "nested too deeply", Err: manifest.ErrTooDeep}},
		{"key twice among many", "{" + manyKeys(20) + ",\n \"K7\": 2}", fault{Pos: manifest.Position{Line: 2, Column: 2}, Msg: `the key "K7" appears twice, at 1:58 and 2:2; remove one of them`, Err: manifest.ErrDuplicateKey}},
		// What encoding/json would read as U+FFFD, or drop, is refused.
		{"invalid UTF-8", "{\"appId\": \"00000003-0000-0000-c000-000000000000\",\n \"displayName\": \"Gr\xe4ph\", \"appRoles\": []}", fault{Pos: manifest.Position{Line: 2, Column: 20}, Msg: "byte 0xe4 is not UTF-8; save the file as UTF-8", Err: manifest.ErrSyntax}},
		{"UTF-16 with an odd byte", "\xff\xfe{\x00}\x00}", fault{Pos: manifest.Position{Line: 1, Column: 1}, Msg: "the file is UTF-16 but has an odd number of bytes (7): it is cut short or not UTF-16", Err: manifest.ErrSyntax}},
		{"UTF-16 with an unpaired surrogate", "\xff\xfe{\x00\x00\xd8}\x00", fault{Pos: manifest.Position{Line: 1, Column: 2}, Msg: "an unpaired UTF-16 surrogate (U+D800): the file is not valid UTF-16", Err: manifest.ErrSyntax}},
		{"UTF-32", "\xff\xfe\x00\x00{\x00\x00\x00}\x00\x00\x00", fault{Pos: manifest.Position{Line: 1, Column: 1}, Msg: "the file is UTF-32, which is not read; save it as UTF-8", Err: manifest.ErrSyntax}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseExport([]byte(tt.in))
			got, ok := faultOf(err)
			if !ok {
				t.Fatalf("ParseExport error = %v (%T), want a *manifest.SyntaxError or *manifest.ShapeError", err, err)
			}
			got.Pos.Offset = 0
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("ParseExport error mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// fault is what a positioned error says: where, at which JSON path,
// what, and which of manifest's sentinels it wraps.
type fault struct {
	Pos  manifest.Position
	Path string
	Msg  string
	Err  error
}

// faultOf returns what err, a *manifest.SyntaxError or
// *manifest.ShapeError, says.
func faultOf(err error) (fault, bool) {
	var syn *manifest.SyntaxError
	var shape *manifest.ShapeError
	switch {
	case errors.As(err, &syn):
		return fault{Pos: syn.Pos, Msg: syn.Msg, Err: syn.Err}, true
	case errors.As(err, &shape):
		return fault{Pos: shape.Pos, Path: shape.Path, Msg: shape.Msg, Err: shape.Err}, true
	}
	return fault{}, false
}

func TestExportErrorString(t *testing.T) {
	_, err := ParseExport([]byte("{\"AppId\": \"00000003-0000-0000-c000-000000000000\",\n \"AppRoles\": [{\"Id\": \"nope\", \"Value\": \"X\"}]}"))
	if got, want := fmt.Sprint(err), "2:22: AppRoles[0].Id: id is not a GUID"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestWith lays each export over the built-in catalog.
func TestWith(t *testing.T) {
	c := Builtin().With(
		readExport(t, "az-sp-show-graph.json"),
		readExport(t, "pwsh-exchange.json"),
		readExport(t, "graph-list-contoso.json"),
		readExport(t, "az-legacy-aad-graph.json"),
	)

	// A permission newer than the built-in data joins it.
	p, ok := c.LookupValue(graph, "WorkPlan.Read", manifest.Scope)
	if !ok || p.ID != "309dfc0e-20c3-41c0-8e71-818806d50727" {
		t.Errorf("WorkPlan.Read = %+v, %t", p, ok)
	}
	if _, ok := Builtin().LookupValue(graph, "WorkPlan.Read", manifest.Scope); ok {
		t.Error("With changed the built-in catalog")
	}
	// The built-in permissions the export does not list stay.
	if got, want := len(c.ResourcePermissions(graph)), 1531+7+2; got != want {
		t.Errorf("Microsoft Graph has %d permissions, want %d", got, want)
	}
	// Where they differ, the export wins: Exchange's export says who
	// consents to EAS.AccessAsUser.All.
	if p, _ := c.Lookup(exchange, "266d2589-20b5-4f91-9a03-89247d1be8da", manifest.Scope); p.Consent != ConsentAdmin {
		t.Errorf("EAS.AccessAsUser.All consent %s, want admin", p.Consent)
	}
	// A resource only the export knows becomes known, by name and key.
	for _, q := range []string{"Contoso Expenses API", "ContosoExpensesAPI", "4A2AF211-5a98-4855-be08-c0ec1f7a5f6e"} {
		r, ok := c.LookupResource(q)
		want := Resource{AppID: "4a2af211-5a98-4855-be08-c0ec1f7a5f6e", Name: "Contoso Expenses API", Key: "ContosoExpensesAPI", Complete: true, Export: "graph-list-contoso.json"}
		if !ok {
			t.Errorf("builtin.LookupResource(%q) not found", q)
		} else if diff := cmp.Diff(want, r); diff != "" {
			t.Errorf("builtin.LookupResource(%q) mismatch (-want +got):\n%s", q, diff)
		}
	}
	if got := c.findValue("Expenses.ReadWrite.All"); len(got) != 1 || got[0].ID != "59c80c83-b9ff-428e-9682-5bc99cf82c2b" {
		t.Errorf("builtin.findValue(Expenses.ReadWrite.All) = %v", got)
	}
	if got := c.Canonical(manifest.Permission{ResourceAppID: "Contoso Expenses API", ID: "Expenses.Read", Type: manifest.Scope}); got.ID != "604cf8db-db8b-4b64-a23a-41eb24e67221" {
		t.Errorf("builtin.Canonical(Contoso Expenses API/Expenses.Read) = %+v", got)
	}
	if got := c.suggest("4a2af211-5a98-4855-be08-c0ec1f7a5f6e", "Expense.Read", 1); !cmp.Equal(got, []string{"Expenses.Read"}) {
		t.Errorf("Suggest = %v", got)
	}
	// The refreshed resources are complete and say where they come from;
	// Azure AD Graph stays retired.
	r, _ := c.LookupResource(aadGraph)
	if !r.Complete || !r.Deprecated || r.Export != "az-legacy-aad-graph.json" || r.Snapshot != "2026-08-20" {
		t.Errorf("Azure AD Graph after With: %+v", r)
	}
	wantSources := []source{{"Microsoft Graph", "2026-08-19"}, {"first-party", "2026-08-20"}, {"az-sp-show-graph.json", ""}, {"pwsh-exchange.json", ""}, {"graph-list-contoso.json", ""}, {"az-legacy-aad-graph.json", ""}}
	if diff := cmp.Diff(wantSources, c.snapshots()); diff != "" {
		t.Errorf("builtin.snapshots() mismatch (-want +got):\n%s", diff)
	}
	if got, want := len(c.Resources()), len(builtin.Resources())+1; got != want {
		t.Errorf("%d resources, want %d", got, want)
	}
	checkTables(t, c)
}

// TestWithConflicts: an export refreshes what the catalog says of a
// permission it lists with the same id, type and name, adds what the
// catalog lacks, and cannot relabel: a name given another id, an id given
// another name or type, and an application named as Microsoft Graph are
// conflicts, reported with their place, and the catalog keeps its entry.
func TestWithConflicts(t *testing.T) {
	e, err := ParseExport([]byte(`{"appId": "` + graph + `", "displayName": "Microsoft Graph", "oauth2PermissionScopes": [
		{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "value": "User.Read", "type": "Admin", "adminConsentDisplayName": "Renamed", "isEnabled": false},
		{"id": "0e263e50-5827-48a4-b97c-d940288653c7", "value": "User.ReadWrite", "type": "User"},
		{"id": "37f7f235-527c-4136-accd-4a02d197296e", "value": "Mail.Send", "type": "User"},
		{"id": "309dfc0e-20c3-41c0-8e71-818806d50727", "value": "WorkPlan.Read", "type": "User"}],
	 "appRoles": [{"id": "14dad69e-099b-42c9-810b-d002981feec1", "value": "Profile.Read.All", "allowedMemberTypes": ["Application"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	e.Name = "graph-sp.json"
	foreign, err := ParseExport([]byte(`{"appId": "11111111-2222-3333-4444-555555555555",
  "displayName": "Microsoft Graph", "appRoles": []}`))
	if err != nil {
		t.Fatal(err)
	}
	foreign.Name = "evil.json"
	c := (*Catalog)(nil).With(e, foreign)

	// The same id, type and name: the export's description, consent and
	// state win; the privilege level and tier, which an export does not
	// carry, are kept.
	want := Permission{ResourceAppID: graph, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Value: "User.Read", Type: manifest.Scope, Consent: ConsentAdmin, DisplayName: "Renamed", Level: 2, Tier: TierUserAccess}
	if got, _ := c.Lookup(graph, want.ID, manifest.Scope); !cmp.Equal(want, got) {
		t.Errorf("User.Read after With: %+v", got)
	}
	// The relabels are refused: User.ReadWrite keeps its id, openid its
	// name, profile its type; what is new joins.
	if got, _ := c.LookupValue(graph, "User.ReadWrite", manifest.Scope); got.ID != "b4e74841-8e56-480b-be8b-910348b18b4c" {
		t.Errorf("User.ReadWrite after With: %+v", got)
	}
	if got, _ := c.Lookup(graph, "37f7f235-527c-4136-accd-4a02d197296e", manifest.Scope); got.Value != "openid" {
		t.Errorf("openid after With: %+v", got)
	}
	if _, ok := c.Lookup(graph, "14dad69e-099b-42c9-810b-d002981feec1", manifest.Role); ok {
		t.Error("profile's id became an application role")
	}
	if _, ok := c.LookupValue(graph, "WorkPlan.Read", manifest.Scope); !ok {
		t.Error("a permission newer than the catalog did not join it")
	}
	// The name Microsoft Graph keeps meaning Microsoft Graph.
	if r, _ := c.LookupResource("Microsoft Graph"); r.AppID != graph {
		t.Errorf("Microsoft Graph is now %s", r.AppID)
	}
	if r, _ := c.LookupResource("11111111-2222-3333-4444-555555555555"); r.Name != "Microsoft Graph (11111111-2222-3333-4444-555555555555)" {
		t.Errorf("the foreign application is called %q", r.Name)
	}
	var got []string
	for _, x := range c.Conflicts() {
		got = append(got, x.Error())
	}
	wantConflicts := []string{
		// Directory.AccessAsUser.All's id, as User.ReadWrite.
		"graph-sp.json:3:10: oauth2PermissionScopes[1].id: gives Microsoft Graph's delegated permission 0e263e50-5827-48a4-b97c-d940288653c7 the name User.ReadWrite, which the catalog calls Directory.AccessAsUser.All; the catalog's name is kept",
		"graph-sp.json:4:10: oauth2PermissionScopes[2].id: gives Microsoft Graph's delegated permission 37f7f235-527c-4136-accd-4a02d197296e the name Mail.Send, which the catalog calls openid; the catalog's name is kept",
		"graph-sp.json:6:23: appRoles[0].id: lists 14dad69e-099b-42c9-810b-d002981feec1 as Microsoft Graph's application permission Profile.Read.All, which the catalog knows as its delegated permission profile; the catalog's is kept",
		`evil.json:2:18: displayName: names the application 11111111-2222-3333-4444-555555555555 "Microsoft Graph", which the catalog knows as the name of 00000003-0000-0000-c000-000000000000; the name keeps meaning 00000003-0000-0000-c000-000000000000, and this application is called "Microsoft Graph (11111111-2222-3333-4444-555555555555)"`,
	}
	if diff := cmp.Diff(wantConflicts, got); diff != "" {
		t.Errorf("conflicts (-want +got):\n%s", diff)
	}
	if Builtin().Conflicts() != nil {
		t.Error("the built-in catalog has conflicts")
	}
	checkTables(t, c)
}

func TestWithNothing(t *testing.T) {
	if Builtin().With() != Builtin() || (*Catalog)(nil).With() != Builtin() {
		t.Error("With() without exports made a new catalog")
	}
	var nilCat *Catalog
	if _, ok := nilCat.LookupResource("graph"); !ok {
		t.Error("a nil *Catalog does not act as the built-in one")
	}
}

// checkTables checks the invariants the lookups rely on.
func checkTables(t *testing.T, c *Catalog) {
	t.Helper()
	next := uint32(0)
	for i, r := range c.resources {
		if r.first != next || r.end < r.first {
			t.Errorf("resource %s: permissions [%d:%d], want them to start at %d", r.AppID, r.first, r.end, next)
		}
		next = r.end
		for _, e := range c.perms[r.first:r.end] {
			if int(e.res) != i {
				t.Errorf("%s %s: resource %d, want %d", r.Name, e.value, e.res, i)
			}
		}
	}
	if int(next) != len(c.perms) {
		t.Errorf("resources cover perms[:%d] of %d", next, len(c.perms))
	}
	for _, p := range c.perms {
		if got, ok := c.Lookup(c.resources[p.res].AppID, p.id, p.typ); !ok || got.Value != p.value {
			t.Errorf("builtin.Lookup(%s, %s, %s) = %q, %t", c.resources[p.res].AppID, p.id, p.typ, got.Value, ok)
		}
	}
	for _, r := range c.resources {
		if got, ok := c.LookupResource(r.AppID); !ok || got.AppID != r.AppID {
			t.Errorf("builtin.LookupResource(%s) = %s, %t", r.AppID, got.AppID, ok)
		}
	}
}

func BenchmarkWith(b *testing.B) {
	data, err := os.ReadFile("testdata/export/az-sp-show-graph.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for range b.N {
		e, err := ParseExport(data)
		if err != nil {
			b.Fatal(err)
		}
		Builtin().With(e)
	}
}

// FuzzParseExport: no input panics; an error has a position; an export
// that parses has only lower-case GUIDs and named permissions, each of
// which the catalog it refreshes finds as the export gives it (or as the
// built-in entry it agrees with up to case has it, refreshed), or, where
// the export contradicts the built-in entry, as the catalog has it, with
// the conflict reported.
func FuzzParseExport(f *testing.F) {
	files, _ := filepath.Glob("testdata/export/*.json")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"value": [{"AppId": "4A2AF211-5a98-4855-be08-c0ec1f7a5f6e", "AppRoles": null, "Oauth2PermissionScopes": [{"Id": "604cf8db-db8b-4b64-a23a-41eb24e67221", "Value": "User.Read", "Type": "User"}]}]}`))
	f.Add([]byte("\xff\xfe{\x00}\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := ParseExport(data)
		if err != nil {
			if f, ok := faultOf(err); !ok || f.Pos.Line < 1 || f.Pos.Column < 1 || f.Err == nil {
				t.Fatalf("ParseExport error %#v: want a *manifest.SyntaxError or *manifest.ShapeError with a position and a sentinel", err)
			}
			return
		}
		c := Builtin().With(e)
		for _, r := range e.resources {
			if !guidRE.MatchString(r.appID) {
				t.Fatalf("app id %q", r.appID)
			}
			for _, p := range r.perms {
				if !guidRE.MatchString(p.ID) || p.Value == "" || !p.Type.Valid() {
					t.Fatalf("permission %+v", p)
				}
				// Where the export contradicts a built-in entry (this id
				// with another name, or this name with another id), the
				// catalog keeps what it has, leaves the export's out,
				// and reports a conflict naming the id.
				got, ok := c.Lookup(r.appID, p.ID, p.Type)
				if ok && got == p {
					continue
				}
				// An export that agrees with the built-in entry up to the
				// case of its name (names are compared as Entra compares
				// them) is no conflict: the built-in entry keeps its name
				// and takes what the export adds (display name, consent,
				// enabled, published again).
				builtin, known := Builtin().Lookup(r.appID, p.ID, p.Type)
				if known && strings.EqualFold(builtin.Value, p.Value) {
					want := builtin
					if p.DisplayName != "" {
						want.DisplayName = p.DisplayName
					}
					if p.Consent != ConsentUnknown {
						want.Consent = p.Consent
					}
					want.Enabled, want.Removed = p.Enabled, ""
					if !ok || got != want {
						t.Fatalf("builtin.Lookup(%s, %s, %s) = %+v, %t; want the built-in entry refreshed by the export, %+v", r.appID, p.ID, p.Type, got, ok, want)
					}
					continue
				}
				named := slices.ContainsFunc(c.Conflicts(), func(x Conflict) bool { return strings.Contains(strings.ToLower(x.Msg), p.ID) })
				if !named || ok && !(known && got == builtin) {
					t.Fatalf("builtin.Lookup(%s, %s, %s) = %+v, %t; want %+v, or what the catalog has with a conflict naming the id (conflicts: %v)", r.appID, p.ID, p.Type, got, ok, p, c.Conflicts())
				}
			}
		}
	})
}
