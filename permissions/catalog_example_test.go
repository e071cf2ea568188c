package permissions_test

import (
	"errors"
	"fmt"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

const graph = "00000003-0000-0000-c000-000000000000"

func ExampleCatalog_Lookup() {
	p, ok := permissions.Builtin().Lookup(graph, "E1FE6DD8-BA31-4D61-89E7-88639DA4683D", manifest.Scope)
	fmt.Println(ok, p.Value, p.Consent, p.DisplayName)
	// Output:
	// true User.Read user Sign in and read user profile
}

func ExampleCatalog_LookupValue() {
	p, ok := permissions.Builtin().LookupValue(graph, "calendars.readwrite.shared", manifest.Scope)
	fmt.Println(ok, p.ID, p.Value)
	fmt.Printf("%+v\n", p.Key())
	// Output:
	// true 12466101-c9b8-439a-8589-dd09ee67e8e9 Calendars.ReadWrite.Shared
	// {ResourceAppID:00000003-0000-0000-c000-000000000000 ID:12466101-c9b8-439a-8589-dd09ee67e8e9 Type:Scope}
}

func ExampleCatalog_LookupResource() {
	for _, q := range []string{"graph", "Exchange Online", "Windows Azure Active Directory", "Contoso API"} {
		r, ok := permissions.Builtin().LookupResource(q)
		if !ok {
			fmt.Printf("%s: unknown\n", q)
			continue
		}
		fmt.Printf("%s: %s %s deprecated=%t\n", q, r.Name, r.AppID, r.Deprecated)
	}
	// Output:
	// graph: Microsoft Graph 00000003-0000-0000-c000-000000000000 deprecated=false
	// Exchange Online: Office 365 Exchange Online 00000002-0000-0ff1-ce00-000000000000 deprecated=false
	// Windows Azure Active Directory: Azure AD Graph 00000002-0000-0000-c000-000000000000 deprecated=true
	// Contoso API: unknown
}

func ExampleCatalog_ResourcePermissions() {
	// Windows 365
	for _, p := range permissions.Builtin().ResourcePermissions("0af06dc6-e4b5-4f28-818e-e78e62d137a5") {
		fmt.Println(p.Value, p.Type, p.ID, p.Consent)
	}
	// Output:
	// CloudPC.PartnerReadWrite.All Role c107831b-9c28-4609-b219-a7b3fc5cc190 admin
	// EndUser.Access Role 5184a2ce-115e-4318-9526-df3e39c2e839 admin
	// EndUser.Access Scope 5184a2ce-115e-4318-9526-df3e39c2e839 unknown
}

func ExampleCatalog_Resources() {
	for _, r := range permissions.Builtin().Resources()[:3] {
		fmt.Printf("%s %s complete=%t\n", r.AppID, r.Name, r.Complete)
	}
	// Output:
	// 00000003-0000-0000-c000-000000000000 Microsoft Graph complete=true
	// 00000002-0000-0ff1-ce00-000000000000 Office 365 Exchange Online complete=false
	// 00000002-0000-0000-c000-000000000000 Azure AD Graph complete=false
}

func ExampleCatalog_Version() {
	fmt.Println("catalog:", permissions.Builtin().Version())
	// Output:
	// catalog: Microsoft Graph 2026-08-19, first-party 2026-08-20
}

func ExampleParseExport() {
	// The output of az ad sp show --id 00000003-0000-0000-c000-000000000000,
	// cut down to one scope newer than the built-in catalog.
	data := []byte(`{
  "appId": "00000003-0000-0000-c000-000000000000",
  "displayName": "Microsoft Graph",
  "appRoles": [],
  "oauth2PermissionScopes": [
    {"adminConsentDisplayName": "Read your work plan", "id": "309dfc0e-20c3-41c0-8e71-818806d50727",
     "isEnabled": true, "type": "User", "value": "WorkPlan.Read"}
  ]
}`)
	e, err := permissions.ParseExport(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	e.Name = "graph-sp.json"
	for _, r := range e.Resources() {
		fmt.Println(r.AppID, r.Name)
	}

	_, err = permissions.ParseExport([]byte(`{"appId": "00000003-0000-0000-c000-000000000000",
  "appRoles": [{"id": "not-a-guid", "value": "X.Read.All"}]}`))
	fmt.Println(err)
	// Output:
	// 00000003-0000-0000-c000-000000000000 Microsoft Graph
	// 2:23: appRoles[0].id: id is not a GUID
}

func ExampleCatalog_With() {
	e, err := permissions.ParseExport([]byte(`{"appId": "00000003-0000-0000-c000-000000000000",
  "oauth2PermissionScopes": [{"id": "309dfc0e-20c3-41c0-8e71-818806d50727", "type": "User", "value": "WorkPlan.Read"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	e.Name = "graph-sp.json"
	c := permissions.Builtin().With(e)

	_, ok := permissions.Builtin().LookupValue(graph, "WorkPlan.Read", manifest.Scope)
	fmt.Println("built in:", ok)
	p, ok := c.LookupValue(graph, "WorkPlan.Read", manifest.Scope)
	fmt.Println("refreshed:", ok, p.ID, p.Consent)
	p, ok = c.LookupValue(graph, "User.Read", manifest.Scope)
	fmt.Println("kept:", ok, p.ID)
	fmt.Println(c.Version())
	// Output:
	// built in: false
	// refreshed: true 309dfc0e-20c3-41c0-8e71-818806d50727 user
	// kept: true e1fe6dd8-ba31-4d61-89e7-88639da4683d
	// Microsoft Graph 2026-08-19, first-party 2026-08-20, graph-sp.json
}

func ExampleBuiltin() {
	// A nil *Catalog is the built-in one, so a caller's zero value works.
	var c *permissions.Catalog
	r, _ := c.LookupResource("SharePoint Online")
	fmt.Println(r.Name, r.AppID, c == nil, permissions.Builtin() != nil)
	// Output:
	// Office 365 SharePoint Online 00000003-0000-0ff1-ce00-000000000000 true true
}

func ExampleCatalog_Canonical() {
	p := permissions.Builtin().Canonical(manifest.Permission{ResourceAppID: "Power BI Service", ID: "Dataset.Read.All", Type: manifest.Scope})
	fmt.Println(p.ResourceAppID, p.ID)
	// A name that means two permissions stays a name.
	p = permissions.Builtin().Canonical(manifest.Permission{ResourceAppID: "Exchange", ID: "User.ReadBasic.All", Type: manifest.Scope})
	fmt.Println(p.ResourceAppID, p.ID)
	// Output:
	// 00000009-0000-0000-c000-000000000000 7f33e027-4039-419b-938e-2f8ca153e68e
	// 00000002-0000-0ff1-ce00-000000000000 User.ReadBasic.All
}

func ExampleCatalog_Spell() {
	p := permissions.Builtin().Spell(manifest.Permission{ResourceAppID: graph, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope})
	fmt.Println(p.ID)
	// Output:
	// User.Read
}

func ExampleConsent() {
	for _, id := range []string{"e1fe6dd8-ba31-4d61-89e7-88639da4683d", "a154be20-db9c-4678-8ab7-66f6cc099a59"} {
		p, _ := permissions.Builtin().Lookup(graph, id, manifest.Scope)
		fmt.Println(p.Value, p.Consent)
	}
	// Exchange Online's export gives no consent for its scopes.
	p, _ := permissions.Builtin().Lookup(permissions.ExchangeOnlineID, "266d2589-20b5-4f91-9a03-89247d1be8da", manifest.Scope)
	fmt.Println(p.Value, p.Consent)
	// Output:
	// User.Read user
	// User.Read.All admin
	// EAS.AccessAsUser.All unknown
}

// graphExport is an az ad sp show export of Microsoft Graph cut down to
// one scope newer than the built-in catalog.
const graphExport = `{"appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph",
  "oauth2PermissionScopes": [{"adminConsentDisplayName": "Read your work plan",
    "id": "309dfc0e-20c3-41c0-8e71-818806d50727", "type": "User", "value": "WorkPlan.Read"}]}`

func refreshed() *permissions.Catalog {
	e, err := permissions.ParseExport([]byte(graphExport))
	if err != nil {
		panic(err)
	}
	e.Name = "graph-sp.json"
	return permissions.Builtin().With(e)
}

func ExampleCatalog_Query() {
	for _, p := range refreshed().Query("graph/WorkPlan.Read").Permissions {
		fmt.Println(p.ID, p.DisplayName)
	}
	// Output:
	// 309dfc0e-20c3-41c0-8e71-818806d50727 Read your work plan
}

func ExampleCatalog_Describe() {
	p := manifest.Permission{ResourceAppID: graph, ID: "309dfc0e-20c3-41c0-8e71-818806d50727", Type: manifest.Scope}
	fmt.Printf("%s: %q\n", permissions.Builtin().Describe(p), permissions.Builtin().Describe(p).Note())
	fmt.Printf("%s: %q\n", refreshed().Describe(p), refreshed().Describe(p).Note())
	// Output:
	// Microsoft Graph 309dfc0e-20c3-41c0-8e71-818806d50727 (delegated): "unknown: not in the catalog of 2026-08-19; a mistyped GUID, or newer than the catalog: see --catalog"
	// Microsoft Graph WorkPlan.Read (delegated): ""
}

func ExampleCatalog_ParsePermission() {
	p, err := refreshed().ParsePermission("Microsoft Graph/WorkPlan.Read", manifest.Scope)
	fmt.Println(p.ID, err)
	_, err = permissions.Builtin().ParsePermission("Exchange/User.ReadBasic.All", manifest.Scope)
	fmt.Println(err)
	// Output:
	// 309dfc0e-20c3-41c0-8e71-818806d50727 <nil>
	// Office 365 Exchange Online has 2 delegated permissions named User.ReadBasic.All (6222dbab-a24c-4210-9d91-2f47cf565614 and 9b005f11-86f0-45f7-8c27-4fff5d849916); give the id instead
}

func ExampleCatalog_Resolve() {
	p, err := refreshed().Resolve(manifest.Permission{ResourceAppID: "graph", ID: "WorkPlan.Read", Type: manifest.Scope})
	fmt.Println(p.ResourceAppID, p.ID, err)
	// Output:
	// 00000003-0000-0000-c000-000000000000 309dfc0e-20c3-41c0-8e71-818806d50727 <nil>
}

func ExampleCatalog_ResolveSet() {
	set, err := refreshed().ResolveSet([]manifest.Resource{{ResourceAppID: "Microsoft Graph", ResourceAccess: []manifest.Access{{ID: "WorkPlan.Read", Type: manifest.Scope}}}})
	fmt.Println(set, err)
	// Output:
	// [{00000003-0000-0000-c000-000000000000 [{309dfc0e-20c3-41c0-8e71-818806d50727 Scope}]}] <nil>
}

func ExampleCatalog_DescribeAll() {
	fmt.Println(refreshed().DescribeAll([]manifest.Permission{
		{ResourceAppID: graph, ID: "309dfc0e-20c3-41c0-8e71-818806d50727", Type: manifest.Scope},
		{ResourceAppID: graph, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope},
	}))
	// Output:
	// Microsoft Graph WorkPlan.Read, User.Read (delegated)
}

func ExamplePlan_catalog() {
	src := []byte(`{"requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000",
  "resourceAccess": [{"id": "309dfc0e-20c3-41c0-8e71-818806d50727", "type": "Scope"}]}]}`)
	for _, cat := range []*permissions.Catalog{nil, refreshed()} {
		res, err := check.Plan(src, check.Want{}, check.Options{Catalog: cat})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(len(res.Findings), "findings")
		for _, f := range res.Findings {
			fmt.Println(f.Level, f.Code)
		}
	}
	// Output:
	// 1 findings
	// warning unknown-permission
	// 0 findings
}

// An export's errors are manifest's: each knows its position, and a value
// of the wrong shape its JSON path.
func ExampleParseExport_error() {
	_, err := permissions.ParseExport([]byte(`{"appId": "00000003-0000-0000-c000-000000000000",
  "appRoles": [{"id": 7}]}`))
	var pe manifest.Positioned
	if errors.As(err, &pe) {
		fmt.Printf("graph-sp.json:%v\n", pe)
		fmt.Println(pe.Position(), errors.Is(err, manifest.ErrShape))
	}
	// Output:
	// graph-sp.json:2:23: appRoles[0].id: id is not a GUID
	// 2:23 true
}

func ExampleIsPlaceholder() {
	fmt.Println(permissions.IsPlaceholder("${{API_APP_ID}}"), permissions.IsPlaceholder("User.Read"))
	// Output:
	// true false
}

// A name given without its resource means Microsoft Graph's where Graph
// has it; AlsoOn says who else publishes one, for saying which was taken.
func ExampleCatalog_AlsoOn() {
	cat := permissions.Builtin()
	p, err := cat.ParsePermission("Calendars.Read.Shared", manifest.Scope)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.ResourceAppID)
	for _, r := range cat.AlsoOn(p) {
		fmt.Println("also on", r.Name)
	}
	// Output:
	// 00000003-0000-0000-c000-000000000000
	// also on Office 365 Exchange Online
}

// An export cannot relabel what the catalog knows: where it gives
// User.Read another id, the catalog keeps its own, and says so.
func ExampleCatalog_Conflicts() {
	e, err := permissions.ParseExport([]byte(`{"appId": "00000003-0000-0000-c000-000000000000",
  "oauth2PermissionScopes": [{"id": "0e263e50-5827-48a4-b97c-d940288653c7", "type": "User", "value": "User.Read"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	e.Name = "graph-sp.json"
	cat := permissions.Builtin().With(e)
	for _, c := range cat.Conflicts() {
		fmt.Println(c.Error())
	}
	p, _ := cat.LookupValue("00000003-0000-0000-c000-000000000000", "User.Read", manifest.Scope)
	fmt.Println(p.ID)
	// Output:
	// graph-sp.json:2:37: oauth2PermissionScopes[0].id: gives Microsoft Graph's delegated permission 0e263e50-5827-48a4-b97c-d940288653c7 the name User.Read, which the catalog calls Directory.AccessAsUser.All; the catalog's name is kept
	// e1fe6dd8-ba31-4d61-89e7-88639da4683d
}
