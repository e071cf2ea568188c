package permissions_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// TestConsentCalendarSync: the flags leave every calendar-sync permission
// to users, yet tenant policy likely keeps the mail and calendar ones for
// an administrator.
func TestConsentCalendarSync(t *testing.T) {
	got := make(map[string]string)
	for _, r := range permissions.DefaultProfile().Permissions {
		p, ok := permissions.Lookup(r.ResourceAppID, r.ID, r.Type)
		if !ok {
			t.Fatalf("%s %s not in the catalog", r.Resource, r.Name)
		}
		got[r.Resource+" "+r.Name] = permissions.ConsentFor(p).Short()
	}
	want := map[string]string{
		"Office 365 Exchange Online EAS.AccessAsUser.All": "unknown", // its source gives no consent flag
		"Office 365 Exchange Online EWS.AccessAsUser.All": "admin likely",
		"Microsoft Graph profile":                         "user, unless policy",
		"Microsoft Graph offline_access":                  "user, unless policy",
		"Microsoft Graph Calendars.ReadWrite.Shared":      "admin likely",
		"Microsoft Graph Calendars.Read.Shared":           "admin likely",
		"Microsoft Graph User.Read":                       "user, unless policy",
		"Microsoft Graph openid":                          "user, unless policy",
		"Azure AD Graph User.Read":                        "user, unless policy",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("consent (-want +got):\n%s", diff)
	}
}
