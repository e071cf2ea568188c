package check_test

import (
	"fmt"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
)

// A stored manifest against the live app, as az ad app show prints it:
// the names and the order are not differences; the missing permission is.
func ExampleCompare() {
	stored, _ := manifest.Read([]byte(`{"signInAudience": "AzureADMultipleOrgs", "requiredResourceAccess": [
	{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [
		{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope"},
		{"id": "b633e1c5-b582-4048-a93e-9f11b44c7e96", "type": "Role"}]}]}`))
	live, _ := manifest.Read([]byte(`{"appId": "11111111-2222-3333-4444-555555555555", "signInAudience": "AzureADMultipleOrgs",
	"requiredResourceAccess": [{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}]}]}`))
	for _, d := range check.Compare(stored, live, nil) {
		fmt.Printf("%s: %s [%s]\n", d.Pos, d.Msg, d.Code)
	}
	// Output:
	// 4:10: Microsoft Graph Mail.Send (application) is listed here but not in the live app [only-stored]
}
