package permissions_test

import (
	"errors"
	"fmt"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// Plan is apply and check in one call: Output is what apply writes, and
// OK is check's verdict.
func ExamplePlan() {
	src := []byte(`{
    "displayName": "calendar sync",
    "signInAudience": "AzureADMyOrg",
    "requiredResourceAccess": []
}
`)
	want, _ := permissions.DefaultProfile().Want("")
	res, err := permissions.Plan(src, want, permissions.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("changed:", res.Changed, "ok:", res.OK(false))
	for _, f := range res.Findings {
		fmt.Printf("%s [%s] %s\n", f.Level, f.Code, f.Msg)
	}
	// Output:
	// changed: true ok: false
	// error [missing] missing Office 365 Exchange Online EAS.AccessAsUser.All (delegated)
	// error [missing] missing Office 365 Exchange Online EWS.AccessAsUser.All (delegated)
	// error [missing] missing Microsoft Graph profile (delegated)
	// error [missing] missing Microsoft Graph offline_access (delegated)
	// error [missing] missing Microsoft Graph Calendars.ReadWrite.Shared (delegated)
	// error [missing] missing Microsoft Graph Calendars.Read.Shared (delegated)
	// error [missing] missing Microsoft Graph User.Read (delegated)
	// error [missing] missing Microsoft Graph openid (delegated)
	// error [missing] missing Azure AD Graph User.Read (delegated)
	// error [sign-in-audience] sign-in audience is AzureADMyOrg (accounts in this organizational directory only); want AzureADMultipleOrgs (accounts in any organizational directory)
	// note [redirect-uri-unchecked] redirect URI not checked: the profile's redirect URI needs the agency's name
}

// A template that names its permissions matches the wanted GUIDs, and what
// is added beside named permissions is written by name.
func ExamplePlan_names() {
	src := []byte(`{"requiredResourceAccess": [{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}]}]}`)
	want := permissions.Want{Set: manifest.Set{{ResourceAppID: permissions.MicrosoftGraphID, ResourceAccess: []manifest.Access{
		{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}, // User.Read
		{ID: "37f7f235-527c-4136-accd-4a02d197296e", Type: manifest.Scope}, // openid
	}}}}
	res, _ := permissions.Plan(src, want, permissions.Options{})
	fmt.Printf("%s\n", res.Output)
	// Output:
	// {"requiredResourceAccess": [{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}, {"id": "openid", "type": "Scope"}]}]}
}

func ExampleResult_OK() {
	src := []byte(`{"requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "b633e1c5-b582-4048-a93e-9f11b44c7e96", "type": "Role"}]}]}`)
	want := permissions.Want{Set: manifest.Set{{ResourceAppID: permissions.MicrosoftGraphID, ResourceAccess: []manifest.Access{{ID: "b633e1c5-b582-4048-a93e-9f11b44c7e96", Type: manifest.Role}}}}}
	res, _ := permissions.Plan(src, want, permissions.Options{})
	fmt.Println(res.OK(false), res.OK(true)) // the application-permission lint fails only a strict check
	// Output:
	// true false
}

func ExampleProfile_Want() {
	w, err := permissions.DefaultProfile().Want("acme")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(w.SignInAudience)
	fmt.Println(w.RedirectURIs)
	_, err = permissions.DefaultProfile().Want("acme.example.com")
	fmt.Println(err != nil)
	// Output:
	// AzureADMultipleOrgs
	// [https://acme.sensehq.com/settings/calendar-sync/auth-result]
	// true
}

func ExampleWant_Join() {
	a, _ := permissions.DefaultProfile().Want("")
	p, _ := permissions.ParsePermission("graph/Mail.Send", manifest.Role)
	b := permissions.Want{Set: manifest.Set{{ResourceAppID: p.ResourceAppID, ResourceAccess: []manifest.Access{{ID: p.ID, Type: p.Type}}}}}
	w := a.Join(b)
	fmt.Println(len(w.Set.Permissions()), w.SignInAudience)
	// Output:
	// 10 AzureADMultipleOrgs
}

func ExampleRules() {
	for _, c := range permissions.Rules()[:3] {
		fmt.Println(c.Code, c.Level)
	}
	// Output:
	// missing error
	// sign-in-audience error
	// redirect-uri error
}

func ExampleAllowCodes() {
	codes := permissions.AllowCodes()
	fmt.Println(codes[0], codes[len(codes)-1])
	// Output:
	// repeated-resource audience-flag
}

func ExampleCheckAllow() {
	fmt.Println(permissions.CheckAllow([]string{"ews-retired"}))
	err := permissions.CheckAllow([]string{"missing"}) // a problem cannot be silenced
	fmt.Println(errors.Is(err, permissions.ErrUnknownCode))
	// Output:
	// <nil>
	// true
}

func ExampleLevel_String() {
	fmt.Println(permissions.LevelError, permissions.LevelWarning, permissions.LevelNote)
	// Output:
	// error warning note
}

func ExampleDescribe() {
	for _, p := range []manifest.Permission{
		{ResourceAppID: permissions.MicrosoftGraphID, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope},
		{ResourceAppID: permissions.MicrosoftGraphID, ID: "024d486e-b451-40bb-833d-3e66d98c5c73", Type: manifest.Role},
		{ResourceAppID: permissions.MicrosoftGraphID, ID: "00000000-1111-2222-3333-444444444444", Type: manifest.Scope},
	} {
		d := permissions.Describe(p)
		fmt.Printf("%s: %q\n", d, d.Note())
	}
	// Output:
	// Microsoft Graph User.Read (delegated): ""
	// Microsoft Graph Mail.ReadWrite (delegated, listed as "Role"): "wrong type: Mail.ReadWrite is a delegated permission, listed as \"Role\""
	// Microsoft Graph 00000000-1111-2222-3333-444444444444 (delegated): "unknown: not in the catalog of 2026-08-19; a mistyped GUID, or newer than the catalog: see --catalog"
}

func ExampleDescription_String() {
	d := permissions.Describe(manifest.Permission{ResourceAppID: "graph", ID: "Calendars.Read", Type: manifest.Scope})
	fmt.Println(d.String())
	// Output:
	// Microsoft Graph Calendars.Read (delegated)
}

func ExampleDescription_Note() {
	d := permissions.Describe(manifest.Permission{ResourceAppID: "Microsoft Graph", ID: "User.Read", Type: manifest.Scope})
	fmt.Println(d.Note())
	// Output:
	// written by name
}

func ExampleDescribeAll() {
	fmt.Println(permissions.DescribeAll(permissions.DefaultProfile().Set().Permissions()[:4]))
	// Output:
	// Office 365 Exchange Online EAS.AccessAsUser.All, EWS.AccessAsUser.All (delegated); Microsoft Graph profile, offline_access (delegated)
}

func ExampleKind() {
	fmt.Println(permissions.Kind(manifest.Scope), permissions.Kind(manifest.Role))
	// Output:
	// delegated application
}

func ExampleParsePermission() {
	p, _ := permissions.ParsePermission("graph/Calendars.Read", manifest.Scope)
	fmt.Println(p.ID)
	_, err := permissions.ParsePermission("graph/User.Read", manifest.Role)
	fmt.Println(err)
	_, err = permissions.ParsePermission("graph/Calendar.Read", manifest.Scope)
	fmt.Println(err)
	// Output:
	// 465a38f9-76ea-45b9-9f34-9e8b0d4b0b42
	// User.Read on Microsoft Graph is a delegated permission, not an application one
	// unknown delegated permission "Calendar.Read" on Microsoft Graph; did you mean Calendars.Read, Calendars.ReadBasic or Calendars.ReadWrite?
}

func ExampleResolve() {
	p, err := permissions.Resolve(manifest.Permission{ResourceAppID: "Microsoft Graph", ID: "User.Read", Type: manifest.Scope})
	fmt.Println(p.ResourceAppID, p.ID, err)
	// Output:
	// 00000003-0000-0000-c000-000000000000 e1fe6dd8-ba31-4d61-89e7-88639da4683d <nil>
}

func ExampleResolveSet() {
	m, _ := manifest.Read([]byte(`[{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "openid", "type": "Scope"}]}]`))
	set, err := permissions.ResolveSet(m.Resources)
	fmt.Println(set, err)
	// Output:
	// [{00000003-0000-0000-c000-000000000000 [{37f7f235-527c-4136-accd-4a02d197296e Scope}]}] <nil>
}

func ExampleNameError() {
	_, err := permissions.ParsePermission("Microsoft Grahp/User.Read", manifest.Scope)
	var ne *permissions.NameError
	if errors.As(err, &ne) {
		fmt.Println(ne.Query, ne.Suggestions)
	}
	fmt.Println(errors.Is(err, permissions.ErrUnknownName))
	// Output:
	// Microsoft Grahp [Microsoft Graph Microsoft Teams Azure Purview]
	// true
}

func ExampleOrList() {
	fmt.Println(permissions.OrList([]string{"a", "b", "c"}))
	// Output:
	// a, b or c
}

func ExampleQuery() {
	for _, q := range []string{"graph", "Calendars.ReadWrite.Shared", "Calendar.Read"} {
		a := permissions.Query(q)
		switch {
		case a.Resource != nil:
			fmt.Println(q, "is the resource", a.Resource.Name)
		case a.Found():
			fmt.Println(q, "is", a.Permissions[0].ID)
		default:
			fmt.Println(q, "is unknown; did you mean", permissions.OrList(a.Suggestions)+"?")
		}
	}
	// Output:
	// graph is the resource Microsoft Graph
	// Calendars.ReadWrite.Shared is 12466101-c9b8-439a-8589-dd09ee67e8e9
	// Calendar.Read is unknown; did you mean Calendars.Read, Calendars.Read.All or Calendars.ReadBasic?
}

func ExampleAnswer_Found() {
	fmt.Println(permissions.Query("User.Read").Found(), permissions.Query("No.Such.Thing").Found())
	// Output:
	// true false
}

func ExampleAdminConsentURL() {
	u, _ := permissions.AdminConsentURL("11111111-2222-3333-4444-555555555555", "")
	fmt.Println(u)
	// Output:
	// https://login.microsoftonline.com/organizations/adminconsent?client_id=11111111-2222-3333-4444-555555555555
}

func ExampleCheckTenant() {
	fmt.Println(permissions.CheckTenant("contoso.onmicrosoft.com"))
	fmt.Println(permissions.CheckTenant("contoso") != nil)
	// Output:
	// <nil>
	// true
}

func ExampleCloseURI() {
	want := "https://acme.sensehq.com/settings/calendar-sync/auth-result"
	fmt.Println(permissions.CloseURI("http://acme.sensehq.com/settings/calendar-sync/auth-result/", want))
	fmt.Println(permissions.CloseURI("https://other.sensehq.com/settings/calendar-sync/auth-result", want))
	fmt.Printf("%q\n", permissions.CloseURI("https://example.com/", want))
	// Output:
	// http instead of https, a trailing slash
	// another agency's host other.sensehq.com
	// ""
}

func ExampleCanonical() {
	p := permissions.Canonical(manifest.Permission{ResourceAppID: "Microsoft Graph", ID: "User.Read", Type: manifest.Scope})
	fmt.Println(p.ResourceAppID, p.ID)
	// Output:
	// 00000003-0000-0000-c000-000000000000 e1fe6dd8-ba31-4d61-89e7-88639da4683d
}

func ExampleSpell() {
	p := permissions.Spell(manifest.Permission{ResourceAppID: permissions.MicrosoftGraphID, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope})
	fmt.Println(p.ID)
	// Output:
	// User.Read
}

// Plan refuses to add a wanted permission beside a name that looks like
// that permission mistyped: the manifest would hold both.
func ExamplePlanError_Position() {
	src := []byte(`{"displayName": "x", "requiredResourceAccess": [
  {"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Raed", "type": "Scope"}]}
]}`)
	p, _ := permissions.ParsePermission("graph/User.Read", manifest.Scope)
	want := permissions.Want{Set: manifest.Set{{ResourceAppID: p.ResourceAppID, ResourceAccess: []manifest.Access{{ID: p.ID, Type: p.Type}}}}}
	_, err := permissions.Plan(src, want, permissions.Options{})
	var pe *permissions.PlanError
	if errors.As(err, &pe) {
		fmt.Println(pe.Position())
		fmt.Println(pe)
	}
	// Output:
	// 2:66
	// 2:66: requiredResourceAccess[0].resourceAccess[0].id: "User.Raed" is not a delegated permission of Microsoft Graph; did you mean User.Read? Applying would add User.Read beside it: fix the name first
}
