package profile_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
	"github.com/manifestpatch/manifestpatch/profile"
)

// lintDay is the day the steps are worded for: EWS is being disabled in
// phases, not yet shut down.
var lintDay = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func stepByID(steps []profile.Step, id string) (profile.Step, bool) {
	for _, st := range steps {
		if st.ID == id {
			return st, true
		}
	}
	return profile.Step{}, false
}

// TestStepsOrder: the EWS allow list comes after consent and before the
// secret goes to the vendor.
func TestStepsOrder(t *testing.T) {
	var ids []string
	for _, st := range profile.Default().StepsFor(manifest.Setup{}, nil, lintDay) {
		ids = append(ids, st.ID)
	}
	want := []string{"create", "audience", "redirect-uri", "permissions", "upload", "consent", "ews-allow-list", "secret", "service-account"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
}

// TestStepsEWSAllowList: the step carries the manifest's app id, reads by
// the day, and never puts what is not a GUID into a command.
func TestStepsEWSAllowList(t *testing.T) {
	const app = "3c9d7e21-4a5b-4c6d-8e9f-a0b1c2d3e4f5"
	before := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	after := time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		appID     string
		day       time.Time
		note      []string // parts the note holds
		allow     string   // the id the add command allows; "" for no commands
		noteLacks string
	}{
		{"app id, between", strings.ToUpper(app), lintDay, []string{"The app id to allow is " + app + ".", "Since 2026-10-01", "up to 24 hours", "writes the whole list", "ends for good on 2027-04-01"}, app, ""},
		{"app id, before", app, before, []string{"From 2026-10-01 Exchange Online disables EWS in phases"}, app, "Since 2026-10-01"},
		{"no app id", "", lintDay, []string{"The manifest has no appId yet"}, "<appId>", "The app id to allow"},
		{"placeholder", "${{AAD_APP_CLIENT_ID}}'; Remove-Mailbox", lintDay, []string{`is not a GUID (a template placeholder?)`}, "<appId>", "The app id to allow"},
		{"after the shutdown", app, after, []string{"No longer possible", "shut down on 2027-04-01"}, "", "24 hours"},
	}
	for _, tt := range tests {
		st, ok := stepByID(profile.Default().StepsFor(manifest.Setup{AppID: tt.appID}, nil, tt.day), "ews-allow-list")
		if !ok {
			t.Fatalf("%s: no EWS allow-list step", tt.name)
		}
		for _, part := range tt.note {
			if !strings.Contains(st.Note, part) {
				t.Errorf("%s: note lacks %q:\n%s", tt.name, part, st.Note)
			}
		}
		if tt.noteLacks != "" && strings.Contains(st.Note, tt.noteLacks) {
			t.Errorf("%s: note says %q:\n%s", tt.name, tt.noteLacks, st.Note)
		}
		var want []string
		if tt.allow != "" {
			want = []string{
				"Connect-ExchangeOnline",
				"Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Format-List EwsEnabled, EwsAllowedAppIDs",
				"$current = Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Select-Object -ExpandProperty EwsAllowedAppIDs",
				"$ids = @((@($current) -join ',') -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })",
				"if ($ids -notcontains '" + tt.allow + "') { Set-OrganizationConfig -EwsAllowedAppIDs ((@($ids) + '" + tt.allow + "') -join ',') }",
				"Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Format-List EwsEnabled, EwsAllowedAppIDs",
			}
		}
		if diff := cmp.Diff(want, st.Commands); diff != "" {
			t.Errorf("%s: commands (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestStepsPermissionsNote: the retirement note reads by the day.
func TestStepsPermissionsNote(t *testing.T) {
	for day, want := range map[time.Time]string{
		time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC): "will be disabled in phases from 2026-10-01",
		lintDay: "is disabled in phases since 2026-10-01",
		time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC): "no longer works",
	} {
		st, _ := stepByID(profile.Default().StepsFor(manifest.Setup{}, nil, day), "permissions")
		if !strings.Contains(st.Note, want) || !strings.Contains(st.Note, "Azure AD Graph is retired") {
			t.Errorf("%s: note %q, want it to say %q", day.Format(time.DateOnly), st.Note, want)
		}
	}
}

// TestStepsConditionalAccess: a profile asking only for baseline scopes
// gets the Conditional Access step after its permissions; calendar-sync,
// which asks for more, does not.
func TestStepsConditionalAccess(t *testing.T) {
	baseline := profile.Profile{
		Name: "sign-in",
		Permissions: []profile.Required{
			{Permission: manifest.Permission{ResourceAppID: permissions.MicrosoftGraphID, ID: "37f7f235-527c-4136-accd-4a02d197296e", Type: manifest.Scope}},
			{Permission: manifest.Permission{ResourceAppID: permissions.MicrosoftGraphID, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}},
		},
		Steps: []profile.Step{{ID: "create", Title: "Create"}, {ID: "permissions", Title: "Request"}, {ID: "consent", Title: "Consent"}},
	}
	var ids []string
	steps := baseline.StepsFor(manifest.Setup{}, nil, lintDay)
	for _, st := range steps {
		ids = append(ids, st.ID)
	}
	if diff := cmp.Diff([]string{"create", "permissions", "conditional-access", "consent"}, ids); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	if st, _ := stepByID(steps, "conditional-access"); !strings.Contains(st.Note, "from 2026-06-15 such sign-ins are evaluated against Azure AD Graph") {
		t.Errorf("note %q", st.Note)
	}
	if _, ok := stepByID(profile.Default().StepsFor(manifest.Setup{}, nil, lintDay), "conditional-access"); ok {
		t.Error("calendar-sync asks for more than baseline scopes, yet has the Conditional Access step")
	}
}

func TestBaselineOnly(t *testing.T) {
	set := func(ps ...manifest.Permission) manifest.Set {
		var s manifest.Set
		for _, p := range ps {
			s = append(s, manifest.Resource{ResourceAppID: p.ResourceAppID, ResourceAccess: []manifest.Access{{ID: p.ID, Type: p.Type}}})
		}
		return s
	}
	graph := func(id string, t manifest.Type) manifest.Permission {
		return manifest.Permission{ResourceAppID: permissions.MicrosoftGraphID, ID: id, Type: t}
	}
	tests := []struct {
		name string
		set  manifest.Set
		want bool
	}{
		{"empty", nil, false},
		{"openid and User.Read", set(graph("openid", manifest.Scope), graph("User.Read", manifest.Scope)), true},
		{"by GUID", set(graph("37f7f235-527c-4136-accd-4a02d197296e", manifest.Scope), graph("7427e0e9-2fba-42fe-b0c0-848c9e6a8182", manifest.Scope)), true},
		{"User.Read.All application", set(graph("User.Read.All", manifest.Role)), false},
		{"a calendar scope too", set(graph("openid", manifest.Scope), graph("Calendars.Read", manifest.Scope)), false},
		{"Azure AD Graph User.Read", set(manifest.Permission{ResourceAppID: permissions.AzureADGraphID, ID: "311a71cc-e848-46a1-bdf8-97ff7156d8e6", Type: manifest.Scope}), false},
		{"calendar-sync", profile.Default().Set(), false},
	}
	for _, tt := range tests {
		if got := profile.BaselineOnly(permissions.Builtin(), tt.set); got != tt.want {
			t.Errorf("%s: BaselineOnly = %v, want %v", tt.name, got, tt.want)
		}
	}
}
