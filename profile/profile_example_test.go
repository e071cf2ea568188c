package profile_test

import (
	"fmt"

	"github.com/manifestpatch/manifestpatch/profile"
)

func ExampleDefault() {
	p := profile.Default()
	fmt.Println(p.Name, len(p.Permissions), p.SignInAudience)
	// Output:
	// calendar-sync 9 AzureADMultipleOrgs
}

func ExampleLookup() {
	p, ok := profile.Lookup("Calendar-Sync")
	fmt.Println(p.Name, ok)
	_, ok = profile.Lookup("no-such-profile")
	fmt.Println(ok)
	// Output:
	// calendar-sync true
	// false
}

func ExampleAll() {
	for _, p := range profile.All() {
		fmt.Println(p.Name)
	}
	// Output:
	// calendar-sync
	// calendar-sync-graph
}

func ExampleProfile_RedirectURIFor() {
	u, err := profile.Default().RedirectURIFor("Acme")
	fmt.Println(u, err)
	// Output:
	// https://acme.sensehq.com/settings/calendar-sync/auth-result <nil>
}

func ExampleProfile_Set() {
	for _, r := range profile.Default().Set() {
		fmt.Println(r.ResourceAppID, len(r.ResourceAccess))
	}
	// Output:
	// 00000002-0000-0ff1-ce00-000000000000 2
	// 00000003-0000-0000-c000-000000000000 6
	// 00000002-0000-0000-c000-000000000000 1
}

func ExampleAdminConsentURL() {
	u, _ := profile.AdminConsentURL("11111111-2222-3333-4444-555555555555", "")
	fmt.Println(u)
	// Output:
	// https://login.microsoftonline.com/organizations/adminconsent?client_id=11111111-2222-3333-4444-555555555555
}

func ExampleCheckTenant() {
	fmt.Println(profile.CheckTenant("contoso.onmicrosoft.com"))
	fmt.Println(profile.CheckTenant("contoso") != nil)
	// Output:
	// <nil>
	// true
}

func ExampleProfile_Want() {
	w, err := profile.Default().Want("acme")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(w.SignInAudience)
	fmt.Println(w.RedirectURIs)
	_, err = profile.Default().Want("acme.example.com")
	fmt.Println(err != nil)
	// Output:
	// AzureADMultipleOrgs
	// [https://acme.sensehq.com/settings/calendar-sync/auth-result]
	// true
}
