package check_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

func read(t *testing.T, src string) manifest.Manifest {
	t.Helper()
	m, err := manifest.Read([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestCompare: the same app in two shapes (a legacy portal download and az
// ad app show output naming its permissions, in another order, with a
// repeat and upper-case GUIDs) is equal; each difference is reported once,
// positioned in the stored manifest where it is there.
func TestCompare(t *testing.T) {
	stored := `{
	"name": "Calendar sync",
	"availableToOtherTenants": true,
	"replyUrlsWithType": [{"url": "https://acme.example/auth", "type": "Web"}],
	"requiredResourceAccess": [
		{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [
			{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope"},
			{"id": "37f7f235-527c-4136-accd-4a02d197296e", "type": "Scope"}]}]
}`
	live := `{"appId": "11111111-2222-3333-4444-555555555555", "signInAudience": "azureadmultipleorgs",
	"web": {"redirectUris": ["https://acme.example/auth"]},
	"requiredResourceAccess": [{"resourceAppId": "Microsoft Graph", "resourceAccess": [
		{"id": "openid", "type": "Scope"}, {"id": "E1FE6DD8-BA31-4D61-89E7-88639DA4683D", "type": "Scope"}, {"id": "User.Read", "type": "Scope"}]}]}`
	cat := permissions.Builtin()
	if got := check.Compare(read(t, stored), read(t, live), cat); len(got) != 0 {
		t.Fatalf("the same app in two shapes differs: %v", got)
	}

	changed := `{"appId": "11111111-2222-3333-4444-555555555555", "signInAudience": "AzureADMyOrg",
	"web": {"redirectUris": ["https://acme.example/other"]},
	"requiredResourceAccess": [{"resourceAppId": "Microsoft Graph", "resourceAccess": [
		{"id": "openid", "type": "Scope"}, {"id": "Mail.Send", "type": "Role"}]}]}`
	var got []string
	for _, f := range check.Compare(read(t, stored), read(t, changed), cat) {
		got = append(got, fmt.Sprintf("%s %s %s", f.Pos, f.Code, f.Msg))
	}
	want := []string{
		"7:11 only-stored Microsoft Graph User.Read (delegated) is listed here but not in the live app",
		"0:0 only-live the live app lists Microsoft Graph Mail.Send (application), which is not here",
		"0:0 audience-differs the sign-in audience is AzureADMultipleOrgs (accounts in any organizational directory) here and AzureADMyOrg (accounts in this organizational directory only) in the live app",
		"4:32 redirect-uri-only-stored replyUrlsWithType[0].url: Web redirect URI https://acme.example/auth is here but not in the live app",
		"0:0 redirect-uri-only-live the live app has Web redirect URI https://acme.example/other, which is not here",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("differences (-want +got):\n%s", diff)
	}
}

// TestCompareFragment: a file holding only requiredResourceAccess, as the
// az round trip keeps it, is compared by its permissions alone.
func TestCompareFragment(t *testing.T) {
	fragment := `[{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope"}]}]`
	live := `{"appId": "11111111-2222-3333-4444-555555555555", "signInAudience": "AzureADMyOrg", "web": {"redirectUris": ["https://acme.example/auth"]},
	"requiredResourceAccess": [{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}]}]}`
	cat := permissions.Builtin()
	if got := check.Compare(read(t, fragment), read(t, live), cat); len(got) != 0 {
		t.Errorf("a fragment against its app: %v", got)
	}
	if got := check.Compare(read(t, live), read(t, fragment), cat); len(got) != 0 {
		t.Errorf("an app against its fragment: %v", got)
	}
}
