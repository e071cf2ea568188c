package permissions_test

import (
	"fmt"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

func ExampleDefaultProfile() {
	p := permissions.DefaultProfile()
	fmt.Println(p.Name, len(p.Permissions), p.SignInAudience)
	// Output:
	// calendar-sync 9 AzureADMultipleOrgs
}

func ExampleLookupProfile() {
	p, ok := permissions.LookupProfile("Calendar-Sync")
	fmt.Println(p.Name, ok)
	_, ok = permissions.LookupProfile("no-such-profile")
	fmt.Println(ok)
	// Output:
	// calendar-sync true
	// false
}

func ExampleProfiles() {
	for _, p := range permissions.Profiles() {
		fmt.Println(p.Name)
	}
	// Output:
	// calendar-sync
}

func ExampleProfile_RedirectURIFor() {
	u, err := permissions.DefaultProfile().RedirectURIFor("Acme")
	fmt.Println(u, err)
	// Output:
	// https://acme.sensehq.com/settings/calendar-sync/auth-result <nil>
}

func ExampleProfile_Set() {
	for _, r := range permissions.DefaultProfile().Set() {
		fmt.Println(r.ResourceAppID, len(r.ResourceAccess))
	}
	// Output:
	// 00000002-0000-0ff1-ce00-000000000000 2
	// 00000003-0000-0000-c000-000000000000 6
	// 00000002-0000-0000-c000-000000000000 1
}

func ExamplePermission_Key() {
	p, _ := permissions.LookupValue(permissions.MicrosoftGraphID, "Mail.Send", manifest.Role)
	fmt.Printf("%+v\n", p.Key())
	// Output:
	// {ResourceAppID:00000003-0000-0000-c000-000000000000 ID:b633e1c5-b582-4048-a93e-9f11b44c7e96 Type:Role}
}

func ExampleConsentAdvice_Short() {
	for _, v := range []string{"User.Read", "Calendars.ReadWrite", "Directory.Read.All"} {
		p, _ := permissions.LookupValue(permissions.MicrosoftGraphID, v, manifest.Scope)
		fmt.Printf("%s: %s\n", v, permissions.ConsentFor(p).Short())
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
