package check_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
	"github.com/manifestpatch/manifestpatch/profile"
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
	want, _ := profile.Default().Want("")
	res, err := check.Plan(src, want, check.Options{})
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
	want := check.Want{Set: manifest.Set{{ResourceAppID: permissions.MicrosoftGraphID, ResourceAccess: []manifest.Access{
		{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}, // User.Read
		{ID: "37f7f235-527c-4136-accd-4a02d197296e", Type: manifest.Scope}, // openid
	}}}}
	res, _ := check.Plan(src, want, check.Options{})
	fmt.Printf("%s\n", res.Output)
	// Output:
	// {"requiredResourceAccess": [{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}, {"id": "openid", "type": "Scope"}]}]}
}

func ExampleResult_OK() {
	src := []byte(`{"requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "b633e1c5-b582-4048-a93e-9f11b44c7e96", "type": "Role"}]}]}`)
	want := check.Want{Set: manifest.Set{{ResourceAppID: permissions.MicrosoftGraphID, ResourceAccess: []manifest.Access{{ID: "b633e1c5-b582-4048-a93e-9f11b44c7e96", Type: manifest.Role}}}}}
	res, _ := check.Plan(src, want, check.Options{})
	fmt.Println(res.OK(false), res.OK(true)) // the application-permission lint fails only a strict check
	// Output:
	// true false
}

func ExampleWant_Join() {
	a, _ := profile.Default().Want("")
	p, _ := permissions.Builtin().ParsePermission("graph/Mail.Send", manifest.Role)
	b := check.Want{Set: manifest.Set{{ResourceAppID: p.ResourceAppID, ResourceAccess: []manifest.Access{{ID: p.ID, Type: p.Type}}}}}
	w := a.Join(b)
	fmt.Println(len(w.Set.Permissions()), w.SignInAudience)
	// Output:
	// 10 AzureADMultipleOrgs
}

func ExampleRules() {
	for _, c := range check.Rules()[:3] {
		fmt.Println(c.Code, c.Level)
	}
	// Output:
	// missing error
	// sign-in-audience error
	// redirect-uri error
}

func ExampleCheckAllow() {
	fmt.Println(check.CheckAllow([]string{"ews-retired"}))
	err := check.CheckAllow([]string{"missing"}) // a problem cannot be silenced
	why, _, _ := strings.Cut(err.Error(), ";")   // then the codes that can be
	fmt.Println(why)
	// Output:
	// <nil>
	// check: "missing": a problem that apply fixes, which cannot be silenced
}

func ExampleLevel_String() {
	fmt.Println(check.LevelError, check.LevelWarning, check.LevelNote)
	// Output:
	// error warning note
}

// Plan refuses to add a wanted permission beside a name that looks like
// that permission mistyped: the manifest would hold both. The error is a
// *manifest.ShapeError at the name.
func ExamplePlan_typo() {
	src := []byte(`{"displayName": "x", "requiredResourceAccess": [
  {"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Raed", "type": "Scope"}]}
]}`)
	p, _ := permissions.Builtin().ParsePermission("graph/User.Read", manifest.Scope)
	want := check.Want{Set: manifest.Set{{ResourceAppID: p.ResourceAppID, ResourceAccess: []manifest.Access{{ID: p.ID, Type: p.Type}}}}}
	_, err := check.Plan(src, want, check.Options{})
	var pe *manifest.ShapeError
	if errors.As(err, &pe) {
		fmt.Println(pe.Position())
		fmt.Println(pe)
	}
	// Output:
	// 2:66
	// 2:66: requiredResourceAccess[0].resourceAccess[0].id: "User.Raed" is not a delegated permission of Microsoft Graph; did you mean User.Read? Applying would add User.Read beside it: fix the name first
}

// NewPlanner refuses what Plan would refuse of every manifest: here a
// code that names no lint.
func ExampleNewPlanner() {
	want, _ := profile.Default().Want("")
	_, err := check.NewPlanner(want, check.Options{Allow: []string{"ews-retird"}})
	why, _, _ := strings.Cut(err.Error(), ";") // then the list of codes
	fmt.Println(why)
	// Output:
	// check: "ews-retird": no such lint or note
}

// A Planner checks what is wanted once and plans any number of
// manifests with it.
func ExamplePlanner_Plan() {
	want, _ := profile.Default().Want("")
	p, err := check.NewPlanner(want, check.Options{Allow: []string{"redirect-uri-unchecked"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, src := range []string{
		`{"displayName": "new app"}`,
		`{"displayName": "old app", "signInAudience": "AzureADMultipleOrgs", "requiredResourceAccess": []}`,
	} {
		res, err := p.Plan([]byte(src))
		if err != nil {
			fmt.Println(err)
			continue
		}
		_, audience := res.Report.Change(manifest.PathSignInAudience)
		fmt.Printf("%d findings, %d permissions to add, audience set: %v\n", len(res.Findings), len(res.Report.Added), audience)
	}
	// Output:
	// 10 findings, 9 permissions to add, audience set: true
	// 9 findings, 9 permissions to add, audience set: false
}
