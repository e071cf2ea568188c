package check_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/profile"
)

// TestLintPortalDownload runs the lints over a realistic portal download in
// the Microsoft Graph format: the calendar-sync set with a second, empty
// Microsoft Graph entry, and secrets and a certificate at several stages
// of their life.
func TestLintPortalDownload(t *testing.T) {
	src, err := os.ReadFile("testdata/portal-graph.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Read(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range check.Lint(m, check.LintOptions{Want: profile.Default().Set(), Now: lintDay}) {
		got = append(got, fmt.Sprintf("%s %s %s: %s", f.Pos, f.Level, f.Code, f.Msg))
		for _, secret := range []string{"Qx7", "m2P", "zZ9"} {
			if strings.Contains(f.Msg, secret) {
				t.Errorf("%s: the message shows a secret's hint: %s", f.Code, f.Msg)
			}
		}
	}
	want := []string{
		"99:27 warning ews-retired: Office 365 Exchange Online EWS.AccessAsUser.All (delegated): Exchange Web Services in Exchange Online is disabled in phases since 2026-10-01 unless the tenant allow-lists this app in EwsAllowedAppIDs; it ends for good on 2027-04-01, with no exceptions (MC1227454); for a calendar sync, use Microsoft Graph's delegated Calendars.ReadWrite.Shared and MailboxSettings.Read instead (the calendar-sync-graph profile)",
		"134:30 warning aad-graph-retired: Azure AD Graph is retired: new apps were blocked from 2024-09-01 and all apps from 2025-02-01; extended access ended 2025-08-31, so calls to it fail (its permissions are still accepted manifest data)",
		"143:30 warning repeated-resource: Microsoft Graph is listed in another entry too (line 105); list each resource app once, with all its permissions in one resourceAccess",
		"143:30 error empty-access: the entry for Microsoft Graph has no permissions; Microsoft Graph rejects it (\"requiredResourceAccess.resourceAccess value is required but is empty or missing\"): apply removes it, or fills it with the wanted permissions of its resource",
		`62:28 warning secret-expiring: client secret "vendor 2024" (key id 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d) expired on 2026-11-20 (passwordCredentials[0].endDateTime): whatever still uses it cannot sign in; create a new secret (the setup guide asks for a 24-month expiry) and give it to the vendor, then delete this one`,
		`80:28 note secret-expiring: client secret "test" (key id 2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f) expires on 2026-12-20, in 23 days (passwordCredentials[2].endDateTime): create a new secret (the setup guide asks for a 24-month expiry) and give it to the vendor before then`,
		`45:28 note secret-expiring: certificate "CN=calendar-sync" (key id 8d2c6f1e-3b4a-4e5f-9c7d-1a2b3c4d5e6f) expires on 2026-12-05, in 8 days (keyCredentials[0].endDateTime): upload a new certificate before then`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestLintCredentials: the legacy format's endDate counts too, end dates
// that are not dates are passed over, and the 30 days are counted from
// the day given.
func TestLintCredentials(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"legacy endDate, expired", `{"name": "x", "passwordCredentials": [{"customKeyIdentifier": null, "endDate": "2025-05-24T09:05:30.5481774Z", "keyId": "93b47c79-e299-4cec-b4a3-a05303d575e2", "value": null, "hint": "ywd"}]}`,
			[]string{"1:80 warning secret-expiring"}},
		{"legacy certificate, 30 days left", `{"name": "x", "keyCredentials": [{"endDate": "2026-12-26T12:00:00Z", "keyId": "93b47c79-e299-4cec-b4a3-a05303d575e2"}]}`,
			[]string{"1:46 note secret-expiring"}},
		{"31 days left", `{"displayName": "x", "passwordCredentials": [{"endDateTime": "2026-12-27T12:00:01Z"}]}`, nil},
		{"placeholder", `{"displayName": "x", "passwordCredentials": [{"endDateTime": "${{SECRET_END}}"}]}`, nil},
		{"no end", `{"displayName": "x", "passwordCredentials": [{"keyId": "93b47c79-e299-4cec-b4a3-a05303d575e2"}]}`, nil},
		{"bare date, no zone", `{"displayName": "x", "passwordCredentials": [{"endDateTime": "2026-11-01"}, {"endDateTime": "2026-12-01T00:00:00"}]}`,
			[]string{"1:62 warning secret-expiring", "1:93 note secret-expiring"}},
	}
	for _, tt := range tests {
		m, err := manifest.Read([]byte(tt.src))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []string
		for _, f := range check.Lint(m, check.LintOptions{Now: lintDay}) {
			got = append(got, fmt.Sprintf("%s %s %s", f.Pos, f.Level, f.Code))
			if strings.Contains(f.Msg, "ywd") {
				t.Errorf("%s: the message shows the hint: %s", tt.name, f.Msg)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: findings (-want +got):\n%s", tt.name, diff)
		}
	}
}
