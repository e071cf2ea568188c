package permissions_test

import (
	"fmt"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

const graph = "00000003-0000-0000-c000-000000000000"

func ExampleLookup() {
	p, ok := permissions.Lookup(graph, "E1FE6DD8-BA31-4D61-89E7-88639DA4683D", manifest.Scope)
	fmt.Println(ok, p.Value, p.AdminConsent, p.DisplayName)
	// Output:
	// true User.Read false Sign in and read user profile
}

func ExampleLookupValue() {
	p, ok := permissions.LookupValue(graph, "calendars.readwrite.shared", manifest.Scope)
	fmt.Println(ok, p.ID, p.Value)
	fmt.Printf("%+v\n", p.Key())
	// Output:
	// true 12466101-c9b8-439a-8589-dd09ee67e8e9 Calendars.ReadWrite.Shared
	// {ResourceAppID:00000003-0000-0000-c000-000000000000 ID:12466101-c9b8-439a-8589-dd09ee67e8e9 Type:Scope}
}

func ExampleLookupResource() {
	for _, q := range []string{"graph", "Exchange Online", "Windows Azure Active Directory", "Contoso API"} {
		r, ok := permissions.LookupResource(q)
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

func ExampleFindValue() {
	for _, p := range permissions.FindValue("EWS.AccessAsUser.All") {
		r, _ := permissions.LookupResource(p.ResourceAppID)
		fmt.Println(r.Name, p.ID, p.Type)
	}
	// Output:
	// Microsoft Graph 9769c687-087d-48ac-9cb3-c37dde652038 Scope
	// Office 365 Exchange Online 3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5 Scope
}

func ExampleFindID() {
	for _, p := range permissions.FindID("405a51b5-8d8d-430b-9842-8be4b0e9f324") {
		fmt.Println(p.Value, p.Type)
	}
	// Output:
	// User.Export.All Role
	// User.Export.All Scope
}

func ExampleResourcePermissions() {
	for _, p := range permissions.ResourcePermissions("00000002-0000-0ff1-ce00-000000000000") {
		fmt.Println(p.Value, p.Type, p.ID)
	}
	// Output:
	// EAS.AccessAsUser.All Scope 266d2589-20b5-4f91-9a03-89247d1be8da
	// EWS.AccessAsUser.All Scope 3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5
	// full_access_as_app Role dc890d15-9560-4a4c-9b7f-a736ec74ec40
}

func ExampleResources() {
	for _, r := range permissions.Resources()[:3] {
		fmt.Printf("%s %s complete=%t\n", r.AppID, r.Name, r.Complete)
	}
	// Output:
	// 00000003-0000-0000-c000-000000000000 Microsoft Graph complete=true
	// 00000002-0000-0ff1-ce00-000000000000 Office 365 Exchange Online complete=false
	// 00000002-0000-0000-c000-000000000000 Azure AD Graph complete=false
}

func ExampleSuggest() {
	const name = "Calendar.Read"
	if _, ok := permissions.LookupValue(graph, name, manifest.Scope); !ok {
		fmt.Printf("unknown permission %s; did you mean %v?\n", name, permissions.Suggest(graph, name, 1))
	}
	// Output:
	// unknown permission Calendar.Read; did you mean [Calendars.Read]?
}

func ExampleSuggestResource() {
	fmt.Println(permissions.SuggestResource("Exchang Onlne", 1))
	// Output:
	// [Office 365 Exchange Online]
}

func ExampleSnapshot() {
	fmt.Println(permissions.Snapshot())
	// Output:
	// 2026-08-19
}
