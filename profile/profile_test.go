package profile

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/internal/retirement"
	"github.com/manifestpatch/manifestpatch/permissions"
)

func TestRedirectURIFor(t *testing.T) {
	const hint = "cannot form a host name: use 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen"
	tests := []struct {
		agency, want, err string
	}{
		{agency: "acme", want: "https://acme.sensehq.com/settings/calendar-sync/auth-result"},
		{agency: " Acme ", want: "https://acme.sensehq.com/settings/calendar-sync/auth-result"},
		{agency: strings.Repeat("a", 63), want: "https://" + strings.Repeat("a", 63) + ".sensehq.com/settings/calendar-sync/auth-result"},
		{agency: "", err: "profile: agency name is empty: give the organisation's name at the vendor, the NAME in https://NAME.sensehq.com/settings/calendar-sync/auth-result"},
		{agency: "  ", err: "profile: agency name is empty: give the organisation's name at the vendor, the NAME in https://NAME.sensehq.com/settings/calendar-sync/auth-result"},
		// Too long: it must not suggest itself.
		{agency: strings.Repeat("a", 64), err: `profile: agency "` + strings.Repeat("a", 64) + `" is 64 characters long; a host name label holds at most 63`},
		// The host or URL given whole suggests the agency's label alone.
		{agency: "acme.sensehq.com", err: `profile: agency "acme.sensehq.com" ` + hint + ` (as in "acme")`},
		{agency: "https://acme.sensehq.com", err: `profile: agency "https://acme.sensehq.com" ` + hint + ` (as in "acme")`},
		{agency: "https://Acme.sensehq.com/settings/calendar-sync/auth-result", err: `profile: agency "https://Acme.sensehq.com/settings/calendar-sync/auth-result" ` + hint + ` (as in "acme")`},
		{agency: "acme.example.org", err: `profile: agency "acme.example.org" ` + hint + ` (as in "acme-example-org")`},
		// Accents fold; other scripts get no misleading suggestion.
		{agency: "ünï", err: `profile: agency "ünï" ` + hint + ` (as in "uni")`},
		{agency: "Ærø Straße", err: `profile: agency "Ærø Straße" ` + hint + ` (as in "aero-strasse")`},
		{agency: "東京", err: `profile: agency "東京" ` + hint},
		{agency: "!!!", err: `profile: agency "!!!" ` + hint},
		{agency: "Acme Corp", err: `profile: agency "Acme Corp" ` + hint + ` (as in "acme-corp")`},
		{agency: "-acme-", err: `profile: agency "-acme-" ` + hint + ` (as in "acme")`},
	}
	p := Default()
	for _, tt := range tests {
		got, err := p.RedirectURIFor(tt.agency)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("RedirectURIFor(%q) (-want +got):\n%s", tt.agency, diff)
		}
		if diff := cmp.Diff(tt.err, gotErr); diff != "" {
			t.Errorf("RedirectURIFor(%q) error (-want +got):\n%s", tt.agency, diff)
		}
	}
}

// TestProfilesResolve: each built-in profile's permission, given by
// resource, name and type, is the catalog's: its GUID is the one the
// catalog gives that name, and its resource's name is the catalog's.
func TestProfilesResolve(t *testing.T) {
	cat := permissions.Builtin()
	n := 0
	for _, p := range All() {
		for _, r := range p.Permissions {
			n++
			got, ok := cat.LookupValue(r.ResourceAppID, r.Name, r.Type)
			if !ok || got.ID != r.ID || got.Removed != "" {
				t.Errorf("%s: %s %s (%s) is %+v, %v in the catalog; the profile says %s", p.Name, r.Resource, r.Name, r.Type, got, ok, r.ID)
			}
			if res, ok := cat.LookupResource(r.ResourceAppID); !ok || res.Name != r.Resource {
				t.Errorf("%s: resource %s is %q in the catalog; the profile says %q", p.Name, r.ResourceAppID, res.Name, r.Resource)
			}
		}
	}
	if n == 0 {
		t.Fatal("no built-in profile has permissions")
	}
}

// TestGraphCalendarSync: the profile ews-retired points to exists, asks
// for Microsoft Graph alone (no EWS, EAS or Azure AD Graph) with each
// replacement of EWS, and a manifest made with it draws neither a retired
// API's finding nor a privileged one, only its redirect-URI note.
func TestGraphCalendarSync(t *testing.T) {
	p, ok := Lookup(retirement.GraphCalendarSync)
	if !ok {
		t.Fatalf("no profile %s, which ews-retired names", retirement.GraphCalendarSync)
	}
	for _, r := range p.Permissions {
		if r.ResourceAppID != permissions.MicrosoftGraphID || retirement.EWS[r.Permission] || strings.HasPrefix(r.Name, "EAS.") {
			t.Errorf("%s asks for %s %s", p.Name, r.Resource, r.Name)
		}
	}
	set := p.Set()
	for _, q := range retirement.EWSReplacements {
		if !slices.ContainsFunc(p.Permissions, func(r Required) bool { return r.Permission == q.Permission && r.Name == q.Name }) {
			t.Errorf("%s lacks %v, a replacement of EWS", p.Name, q)
		}
	}
	want, err := p.Want("")
	if err != nil {
		t.Fatal(err)
	}
	res, err := check.Plan([]byte(`{"displayName": "sync", "signInAudience": "AzureADMyOrg"}`), want, check.Options{})
	if err != nil {
		t.Fatal(err)
	}
	again, err := check.Plan(res.Output, want, check.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, f := range again.Findings {
		codes = append(codes, f.Code)
	}
	if !again.OK(true) || !slices.Equal(codes, []string{"redirect-uri-unchecked"}) {
		t.Errorf("a manifest made with %s draws %v; want only redirect-uri-unchecked", p.Name, again.Findings)
	}
	if len(set) != 1 || len(set[0].ResourceAccess) != len(p.Permissions) {
		t.Errorf("%s's set is %v", p.Name, set)
	}
}
