package permissions_test

import (
	"fmt"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

func ExampleCatalog_ConsentFor() {
	for _, q := range []struct {
		name string
		typ  manifest.Type
	}{
		{"User.Read", manifest.Scope},
		{"Calendars.ReadWrite.Shared", manifest.Scope},
		{"Directory.Read.All", manifest.Scope},
		{"Mail.Send", manifest.Role},
	} {
		p, _ := permissions.Builtin().LookupValue(permissions.MicrosoftGraphID, q.name, q.typ)
		c := permissions.Builtin().ConsentFor(p)
		fmt.Printf("%s (%s): %s\n  %s\n", q.name, c.Short(), p.Type, c)
	}
	fmt.Println(permissions.Builtin().ConsentFor(permissions.Permission{}))
	// Output:
	// User.Read (user, unless policy): Scope
	//   user consent per Microsoft Graph; tenant policy may require an admin
	// Calendars.ReadWrite.Shared (admin likely): Scope
	//   user consent per Microsoft Graph; tenant policy likely requires an admin: since November 2025 Microsoft-managed consent policies keep mail, mailbox, calendar, Teams chat and meeting scopes from users in tenants that use them (20 scopes added to the policy of MC1097272; Microsoft publishes no list, and this scope is of that kind)
	// Directory.Read.All (admin): Scope
	//   admin consent per Microsoft Graph
	// Mail.Send (admin): Role
	//   admin consent: an application permission always needs an administrator
	// consent unknown: the catalog does not know this permission
}
