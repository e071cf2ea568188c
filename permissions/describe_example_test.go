package permissions_test

import (
	"errors"
	"fmt"

	"github.com/manifestpatch/manifestpatch/internal/wording"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

func ExampleCatalog_Describe_status() {
	for _, p := range []manifest.Permission{
		{ResourceAppID: permissions.MicrosoftGraphID, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope},
		{ResourceAppID: permissions.MicrosoftGraphID, ID: "024d486e-b451-40bb-833d-3e66d98c5c73", Type: manifest.Role},
		{ResourceAppID: permissions.MicrosoftGraphID, ID: "b633e1c5-b582-4048-a93e-9f11b44c7e96", Type: manifest.Scope},
		{ResourceAppID: permissions.MicrosoftGraphID, ID: "00000000-1111-2222-3333-444444444444", Type: manifest.Scope},
	} {
		d := permissions.Builtin().Describe(p)
		fmt.Printf("%s: %q\n", d, d.Note())
	}
	// Output:
	// Microsoft Graph User.Read (delegated): ""
	// Microsoft Graph Mail.ReadWrite (delegated, listed as "Role"): "wrong type: Mail.ReadWrite is a delegated permission, listed as \"Role\""
	// Microsoft Graph Mail.Send (application, listed as "Scope"): "wrong type: Mail.Send is an application permission, listed as \"Scope\""
	// Microsoft Graph 00000000-1111-2222-3333-444444444444 (delegated): "unknown: not in the catalog of 2026-08-19; a mistyped GUID, or newer than the catalog: see --catalog"
}

func ExampleDescription_String() {
	d := permissions.Builtin().Describe(manifest.Permission{ResourceAppID: "graph", ID: "Calendars.Read", Type: manifest.Scope})
	fmt.Println(d.String())
	// Output:
	// Microsoft Graph Calendars.Read (delegated)
}

func ExampleDescription_Note() {
	d := permissions.Builtin().Describe(manifest.Permission{ResourceAppID: "Microsoft Graph", ID: "User.Read", Type: manifest.Scope})
	fmt.Println(d.Note())
	// Output:
	// written by name
}

func ExampleCatalog_DescribeAll_profile() {
	fmt.Println(permissions.Builtin().DescribeAll([]manifest.Permission{
		{ResourceAppID: "exchange", ID: "EAS.AccessAsUser.All", Type: manifest.Scope},
		{ResourceAppID: "exchange", ID: "EWS.AccessAsUser.All", Type: manifest.Scope},
		{ResourceAppID: "graph", ID: "profile", Type: manifest.Scope},
		{ResourceAppID: "graph", ID: "offline_access", Type: manifest.Scope},
	}))
	// Output:
	// Office 365 Exchange Online EAS.AccessAsUser.All, EWS.AccessAsUser.All (delegated); Microsoft Graph profile, offline_access (delegated)
}

func ExampleCatalog_ParsePermission_errors() {
	p, _ := permissions.Builtin().ParsePermission("graph/Calendars.Read", manifest.Scope)
	fmt.Println(p.ID)
	_, err := permissions.Builtin().ParsePermission("graph/User.Read", manifest.Role)
	fmt.Println(err)
	_, err = permissions.Builtin().ParsePermission("graph/Calendar.Read", manifest.Scope)
	fmt.Println(err)
	// Output:
	// 465a38f9-76ea-45b9-9f34-9e8b0d4b0b42
	// User.Read on Microsoft Graph is a delegated permission, not an application one
	// unknown delegated permission "Calendar.Read" on Microsoft Graph; did you mean Calendars.Read, Calendars.ReadBasic or Calendars.ReadWrite?
}

func ExampleCatalog_Resolve_name() {
	p, err := permissions.Builtin().Resolve(manifest.Permission{ResourceAppID: "Microsoft Graph", ID: "User.Read", Type: manifest.Scope})
	fmt.Println(p.ResourceAppID, p.ID, err)
	// Output:
	// 00000003-0000-0000-c000-000000000000 e1fe6dd8-ba31-4d61-89e7-88639da4683d <nil>
}

func ExampleCatalog_ResolveSet_names() {
	m, _ := manifest.Read([]byte(`[{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "openid", "type": "Scope"}]}]`))
	set, err := permissions.Builtin().ResolveSet(m.Resources)
	fmt.Println(set, err)
	// Output:
	// [{00000003-0000-0000-c000-000000000000 [{37f7f235-527c-4136-accd-4a02d197296e Scope}]}] <nil>
}

func ExampleNameError() {
	_, err := permissions.Builtin().ParsePermission("Microsoft Grahp/User.Read", manifest.Scope)
	var ne *permissions.NameError
	if errors.As(err, &ne) {
		fmt.Println(ne.Query, ne.Suggestions)
	}
	fmt.Println(errors.Is(err, permissions.ErrUnknownName))
	// Output:
	// Microsoft Grahp [Microsoft Graph Microsoft Teams Azure Purview]
	// true
}

func ExampleCatalog_Query_suggestions() {
	for _, q := range []string{"graph", "Calendars.ReadWrite.Shared", "Calendar.Read"} {
		a := permissions.Builtin().Query(q)
		switch {
		case a.Resource != nil:
			fmt.Println(q, "is the resource", a.Resource.Name)
		case a.Found():
			fmt.Println(q, "is", a.Permissions[0].ID)
		default:
			fmt.Println(q, "is unknown; did you mean", wording.OrList(a.Suggestions)+"?")
		}
	}
	// Output:
	// graph is the resource Microsoft Graph
	// Calendars.ReadWrite.Shared is 12466101-c9b8-439a-8589-dd09ee67e8e9
	// Calendar.Read is unknown; did you mean Calendars.Read, Calendars.Read.All or Calendars.ReadBasic?
}

func ExampleAnswer_Found() {
	fmt.Println(permissions.Builtin().Query("User.Read").Found(), permissions.Builtin().Query("No.Such.Thing").Found())
	// Output:
	// true false
}

func ExampleCatalog_Canonical_name() {
	p := permissions.Builtin().Canonical(manifest.Permission{ResourceAppID: "Microsoft Graph", ID: "User.Read", Type: manifest.Scope})
	fmt.Println(p.ResourceAppID, p.ID)
	// Output:
	// 00000003-0000-0000-c000-000000000000 e1fe6dd8-ba31-4d61-89e7-88639da4683d
}

func ExampleCatalog_Spell_id() {
	p := permissions.Builtin().Spell(manifest.Permission{ResourceAppID: permissions.MicrosoftGraphID, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope})
	fmt.Println(p.ID)
	// Output:
	// User.Read
}

func ExamplePermission_Key() {
	p, _ := permissions.Builtin().LookupValue(permissions.MicrosoftGraphID, "Mail.Send", manifest.Role)
	fmt.Printf("%+v\n", p.Key())
	// Output:
	// {ResourceAppID:00000003-0000-0000-c000-000000000000 ID:b633e1c5-b582-4048-a93e-9f11b44c7e96 Type:Role}
}

func ExampleConsentAdvice_Short() {
	for _, v := range []string{"User.Read", "Calendars.ReadWrite", "Directory.Read.All"} {
		p, _ := permissions.Builtin().LookupValue(permissions.MicrosoftGraphID, v, manifest.Scope)
		fmt.Printf("%s: %s\n", v, permissions.Builtin().ConsentFor(p).Short())
	}
	// Output:
	// User.Read: user, unless policy
	// Calendars.ReadWrite: admin likely
	// Directory.Read.All: admin
}

func ExampleExport_Resources() {
	e, err := permissions.ParseExport([]byte(`{"appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph",
		"oauth2PermissionScopes": [{"id": "11111111-2222-3333-4444-555555555555", "value": "Example.Read", "type": "User", "isEnabled": true}],
		"appRoles": []}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range e.Resources() {
		fmt.Println(r.Name, r.AppID)
	}
	// Output:
	// Microsoft Graph 00000003-0000-0000-c000-000000000000
}

func ExampleDescription_Exists() {
	cat := permissions.Builtin()
	for _, id := range []string{"User.Read", "User.Raed", "00000000-1111-2222-3333-444444444444"} {
		d := cat.Describe(manifest.Permission{ResourceAppID: "graph", ID: id, Type: manifest.Scope})
		fmt.Println(id, d.Exists())
	}
	// Exchange Online's list is partial: an id it lacks may still exist.
	d := cat.Describe(manifest.Permission{ResourceAppID: "exchange", ID: "00000000-1111-2222-3333-444444444444", Type: manifest.Scope})
	fmt.Println("Exchange", d.Exists())
	// Output:
	// User.Read true
	// User.Raed false
	// 00000000-1111-2222-3333-444444444444 false
	// Exchange true
}
