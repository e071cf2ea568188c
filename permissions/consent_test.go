package permissions_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/permissions"
	"github.com/manifestpatch/manifestpatch/profile"
)

// TestConsentCalendarSync: the flags leave every calendar-sync permission
// to users, yet tenant policy likely keeps the mail and calendar ones for
// an administrator.
func TestConsentCalendarSync(t *testing.T) {
	got := make(map[string]string)
	for _, r := range profile.Default().Permissions {
		p, ok := permissions.Builtin().Lookup(r.ResourceAppID, r.ID, r.Type)
		if !ok {
			t.Fatalf("%s %s not in the catalog", r.Resource, r.Name)
		}
		got[r.Resource+" "+r.Name] = permissions.Builtin().ConsentFor(p).Short()
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

// TestConsentPolicies: each Microsoft-managed policy change keeps its
// scopes from users, with its own date and announcement; scopes it does
// not name keep their flag.
func TestConsentPolicies(t *testing.T) {
	tests := []struct {
		app, name string
		short     string
		why       string // a part of Policy
	}{
		{permissions.MicrosoftGraphID, "Files.Read.All", "admin likely", "since August 2025"},
		{permissions.MicrosoftGraphID, "Sites.ReadWrite.All", "admin likely", "MC1097272"},
		{permissions.MicrosoftGraphID, "Mail.Read", "admin likely", "since November 2025"},
		{permissions.MicrosoftGraphID, "MailboxSettings.ReadWrite", "admin likely", "mailbox"},
		{permissions.MicrosoftGraphID, "Chat.ReadWrite", "admin likely", "Teams chat"},
		{permissions.MicrosoftGraphID, "OnlineMeetings.Read", "admin likely", "meeting"},
		{permissions.MicrosoftGraphID, "Tasks.ReadWrite", "admin likely", "since July 2026"},
		{permissions.MicrosoftGraphID, "People.Read", "admin likely", "MC1304287"},
		{permissions.MicrosoftGraphID, "Contacts.ReadWrite.Shared", "admin likely", "MC1304287"},
		{permissions.ExchangeOnlineID, "EWS.AccessAsUser.All", "admin likely", "same mailbox"},
		// Not named by any change: the flag decides.
		{permissions.MicrosoftGraphID, "Contacts.Read", "user, unless policy", ""},
		{permissions.MicrosoftGraphID, "Files.Read", "user, unless policy", ""},
		{permissions.MicrosoftGraphID, "ChannelMessage.Send", "user, unless policy", ""},
		{permissions.MicrosoftGraphID, "User.Read", "user, unless policy", ""},
	}
	for _, tt := range tests {
		p, ok := permissions.Builtin().LookupValue(tt.app, tt.name, "Scope")
		if !ok {
			t.Fatalf("%s not in the catalog", tt.name)
		}
		c := permissions.Builtin().ConsentFor(p)
		if c.Short() != tt.short || !strings.Contains(c.Policy, tt.why) || (tt.why == "") != (c.Policy == "") {
			t.Errorf("ConsentFor(%s) = %q, policy %q; want %q, policy with %q", tt.name, c.Short(), c.Policy, tt.short, tt.why)
		}
		if tt.why != "" && !strings.Contains(c.String(), c.Policy) {
			t.Errorf("ConsentFor(%s).String() = %q, lacks the policy", tt.name, c.String())
		}
	}
	// An application permission is an administrator's whatever the policy.
	p, _ := permissions.Builtin().LookupValue(permissions.MicrosoftGraphID, "Tasks.ReadWrite.All", "Role")
	if c := permissions.Builtin().ConsentFor(p); c.AdminLikely || c.Policy != "" || c.Short() != "admin" {
		t.Errorf("ConsentFor(Tasks.ReadWrite.All role) = %+v", c)
	}
}
