package gencatalog

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	apps = `{"about": "", "apps": [
		{"key": "MicrosoftGraph", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "deprecated": false},
		{"key": "Office365ExchangeOnline", "appId": "00000002-0000-0ff1-ce00-000000000000", "displayName": "Office 365 Exchange Online", "deprecated": false},
		{"key": "MicrosoftTeams", "appId": "1fec8e78-bce4-4aaf-ab1b-5451cc387264", "displayName": "Microsoft Teams", "deprecated": false},
		{"key": "TeamsServices", "appId": "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", "displayName": "Microsoft Teams Services", "deprecated": false}
	]}`
	perms = `{"about": "", "snapshot": "2026-08-19", "resources": [
		{"appId": "00000003-0000-0000-c000-000000000000", "name": "Microsoft Graph", "complete": true, "permissions": [
			{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "value": "User.Read", "type": "Scope", "adminConsentRequired": false, "displayName": "Sign in and read user profile "},
			{"id": "b633e1c5-b582-4048-a93e-9f11b44c7e96", "value": "Mail.Send", "type": "Role", "adminConsentRequired": true, "displayName": "Send mail as any user", "isEnabled": false}
		]},
		{"appId": "00000002-0000-0ff1-ce00-000000000000", "name": "Office 365 Exchange Online", "complete": false, "permissions": [
			{"id": "266d2589-20b5-4f91-9a03-89247d1be8da", "value": "EAS.AccessAsUser.All", "type": "Scope", "adminConsentRequired": null, "displayName": "Access mailboxes via Exchange ActiveSync"}
		]}
	]}`
	firstParty = `{"about": "", "snapshot": "2026-08-20", "source": {}, "resources": [
		{"appId": "00000002-0000-0ff1-ce00-000000000000", "name": "Exchange Online", "completeInSourceTenant": true, "counts": {"Scope": 3, "Role": 1}, "permissions": [
			{"id": "266d2589-20b5-4f91-9a03-89247d1be8da", "value": "EAS.AccessAsUser.All", "type": "Scope"},
			{"id": "6222dbab-a24c-4210-9d91-2f47cf565614", "value": "User.ReadBasic.All", "type": "Scope"},
			{"id": "9b005f11-86f0-45f7-8c27-4fff5d849916", "value": "User.ReadBasic.All", "type": "Scope"},
			{"id": "b633e1c5-b582-4048-a93e-9f11b44c7e96", "value": "Mail.Send", "type": "Role", "adminConsentRequired": true}
		]},
		{"appId": "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", "name": "Microsoft Teams", "completeInSourceTenant": true, "permissions": [
			{"id": "0b4ab1e6-0b6c-4a7c-bb65-1a6c6b3b6b6c", "value": "user_impersonation", "type": "Scope"}
		]},
		{"appId": "475226c6-020e-4fb2-8a90-7a972cbfc1d4", "name": "Power Platform / Power Apps Admin", "completeInSourceTenant": true, "permissions": [
			{"id": "1d4a0b0e-3b1a-4a6e-9f0e-0c6c1c1c1c1c", "value": "user_impersonation", "type": "Scope"}
		]}
	]}`
	removed = `{"about": "", "source": {}, "resourceAppId": "00000003-0000-0000-c000-000000000000", "removed": [
		{"id": "f20584af-9290-4153-9280-ff8bb2c0ea7f", "type": "Role", "value": "Directory.Write.Restricted", "lastSeen": "2024-08-31", "removedOn": "2024-09-12"}
	]}`
	hidden = `{"about": "", "source": {}, "resourceAppId": "00000003-0000-0000-c000-000000000000", "hidden": [
		{"id": "32ea53ac-4a89-4cde-bac4-727c6fb9ac29", "type": "Scope", "value": "ChannelMessage.Delete", "adminConsentRequired": false, "displayName": "Delete user's channel messages"}
	]}`
	levels = `{"about": "", "source": {}, "resourceAppId": "00000003-0000-0000-c000-000000000000", "levels": [
		{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope", "value": "User.Read", "level": 1}
	]}`
	tiers = `{"about": "", "source": {}, "tiers": [
		{"resourceAppId": "00000003-0000-0000-c000-000000000000", "id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope", "value": "user.read", "tier": "UserAccess"},
		{"resourceAppId": "00000002-0000-0ff1-ce00-000000000000", "id": "b633e1c5-b582-4048-a93e-9f11b44c7e96", "type": "Role", "value": "Mail.Send", "tier": "ControlPlane"}
	]}`
)

// files returns the data set above with the data files named in edits
// replaced: removed, hidden, levels or tiers by name.
func files(a, p, f string, edits map[string]string) Files {
	fs := Files{Apps: []byte(a), Perms: []byte(p), FirstParty: []byte(f), Removed: []byte(removed), Hidden: []byte(hidden), Levels: []byte(levels), Tiers: []byte(tiers)}
	for name, text := range edits {
		*map[string]*[]byte{"removed": &fs.Removed, "hidden": &fs.Hidden, "levels": &fs.Levels, "tiers": &fs.Tiers}[name] = []byte(text)
	}
	return fs
}

func build(t *testing.T, a, p, f string) string {
	t.Helper()
	src, err := Build(files(a, p, f, nil))
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// TestBuild checks what the generated source says of the small data set
// above, line by line.
func TestBuild(t *testing.T) {
	src := build(t, apps, perms, firstParty)
	for _, want := range []string{
		// Both files' dates.
		`{Name: "Microsoft Graph", Date: "2026-08-19"},`,
		`{Name: "first-party", Date: "2026-08-20"},`,
		// Leading resources first with the names the project gives them,
		// the newest date of the files that list each, and the export's
		// name as an alias.
		`{Resource: Resource{AppID: "00000003-0000-0000-c000-000000000000", Name: "Microsoft Graph", Key: "MicrosoftGraph", Complete: true, Snapshot: "2026-08-19"}, aliases: []string{"Graph", "MS Graph"}, first: 0, end: 4},`,
		`{Resource: Resource{AppID: "00000002-0000-0ff1-ce00-000000000000", Name: "Office 365 Exchange Online", Key: "Office365ExchangeOnline", Snapshot: "2026-08-20"}, aliases: []string{"Exchange Online", "Exchange", "EXO"}, first: 4, end: 8},`,
		// "Microsoft Teams" names another application: no alias.
		`{Resource: Resource{AppID: "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", Name: "Microsoft Teams Services", Key: "TeamsServices", Snapshot: "2026-08-20"}, first: 8, end: 9},`,
		// A resource only the export has: named by the first part of a
		// name with " / ", keyed by it, the other part an alias.
		`{Resource: Resource{AppID: "475226c6-020e-4fb2-8a90-7a972cbfc1d4", Name: "Power Platform", Key: "PowerPlatform", Snapshot: "2026-08-20"}, aliases: []string{"Power Apps Admin"}, first: 9, end: 10},`,
		// A permission Microsoft removed, with the date.
		`{res: 0, id: "f20584af-9290-4153-9280-ff8bb2c0ea7f", value: "Directory.Write.Restricted", typ: manifest.Role, consent: ConsentAdmin, disabled: true, removed: "2024-09-12"},`,
		// A permission that works though the service principal no longer
		// lists it.
		`{res: 0, id: "32ea53ac-4a89-4cde-bac4-727c6fb9ac29", value: "ChannelMessage.Delete", typ: manifest.Scope, consent: ConsentUser, hidden: true, displayName: "Delete user's channel messages"},`,
		// Keyed rows; a trimmed display name; consent from the flag; the
		// privilege level and the tier (whose value may differ in case).
		`{res: 0, id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", value: "User.Read", typ: manifest.Scope, consent: ConsentUser, level: 1, tier: TierUserAccess, displayName: "Sign in and read user profile"},`,
		`{res: 0, id: "b633e1c5-b582-4048-a93e-9f11b44c7e96", value: "Mail.Send", typ: manifest.Role, consent: ConsentAdmin, disabled: true, displayName: "Send mail as any user"},`,
		// A null flag is an unknown consent, not a user's; the later file
		// adds nothing it does not know either.
		`{res: 1, id: "266d2589-20b5-4f91-9a03-89247d1be8da", value: "EAS.AccessAsUser.All", typ: manifest.Scope, displayName: "Access mailboxes via Exchange ActiveSync"},`,
		// Two ids for one name, and a role that reuses Graph's id.
		`{res: 1, id: "6222dbab-a24c-4210-9d91-2f47cf565614", value: "User.ReadBasic.All", typ: manifest.Scope},`,
		`{res: 1, id: "9b005f11-86f0-45f7-8c27-4fff5d849916", value: "User.ReadBasic.All", typ: manifest.Scope},`,
		`{res: 1, id: "b633e1c5-b582-4048-a93e-9f11b44c7e96", value: "Mail.Send", typ: manifest.Role, consent: ConsentAdmin, tier: TierControlPlane},`,
		`{name: "powerappsadmin", res: 4},`,
	} {
		if !strings.Contains(src, want+"\n") {
			t.Errorf("generated source lacks the line\n\t%s", want)
		}
	}
	if t.Failed() {
		t.Logf("generated source:\n%s", src)
	}
	if src != build(t, apps, perms, firstParty) {
		t.Error("two runs over the same data differ")
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name    string
		a, p, f string
		want    string
		r       string            // graph-removed.json; "" for the one above
		h       string            // graph-hidden.json; "" for the one above
		more    map[string]string // other files replaced, as files takes them
	}{
		{"unknown field", apps, strings.Replace(perms, `"about"`, `"abuot"`, 1), firstParty, `permissions.json: json: unknown field "abuot"`, "", "", nil},
		{"no date", apps, strings.Replace(perms, `"2026-08-19"`, `""`, 1), firstParty, `permissions.json: snapshot "" is not a date`, "", "", nil},
		{"upper-case id", apps, strings.Replace(perms, "e1fe6dd8", "E1FE6DD8", 1), firstParty, `id "E1FE6DD8-ba31-4d61-89e7-88639da4683d" is not a lower-case GUID`, "", "", nil},
		{"bad type", apps, strings.Replace(perms, `"type": "Scope"`, `"type": "scope"`, 1), firstParty, "type is neither Scope nor Role", "", "", nil},
		{"value with a slash", apps, strings.Replace(perms, `"User.Read"`, `"User/Read"`, 1), firstParty, `value "User/Read" is empty or holds a space or a slash`, "", "", nil},
		{"files disagree", apps, perms, strings.Replace(firstParty, `"EAS.AccessAsUser.All"`, `"EWS.AccessAsUser.All"`, 1), "id 266d2589-20b5-4f91-9a03-89247d1be8da is EAS.AccessAsUser.All in an earlier file", "", "", nil},
		{"listed twice", apps, perms, strings.Replace(firstParty, "9b005f11-86f0-45f7-8c27-4fff5d849916", "6222dbab-a24c-4210-9d91-2f47cf565614", 1), "id 6222dbab-a24c-4210-9d91-2f47cf565614 listed twice", "", "", nil},
		{"count short", apps, perms, strings.Replace(firstParty, `"Scope": 3`, `"Scope": 4`, 1), "3 of type Scope, the file's counts say 4", "", "", nil},
		{"resource not in apps", apps, strings.Replace(perms, `"appId": "00000002-0000-0ff1-ce00-000000000000"`, `"appId": "00000002-0000-0ff1-ce00-00000000000f"`, 1), firstParty, "is not in resource-apps.json", "", "", nil},
		{"name means two", strings.Replace(apps, `"displayName": "Microsoft Teams Services"`, `"displayName": "Microsoft Teams"`, 1), perms, firstParty, `means both 1fec8e78-bce4-4aaf-ab1b-5451cc387264 and cc15fd57-2c6c-4117-a88c-83b1d56b4bbe`, "", "", nil},
		{"removed but published", apps, perms, firstParty, "graph-removed.json: Mail.Send Role: b633e1c5-b582-4048-a93e-9f11b44c7e96 is published as Mail.Send", strings.Replace(strings.Replace(removed, "Directory.Write.Restricted", "Mail.Send", 1), "f20584af-9290-4153-9280-ff8bb2c0ea7f", "b633e1c5-b582-4048-a93e-9f11b44c7e96", 1), "", nil},
		{"removed before seen", apps, perms, firstParty, "are not YYYY-MM-DD, the one before the other", strings.Replace(removed, `"lastSeen": "2024-08-31"`, `"lastSeen": "2024-09-30"`, 1), "", nil},
		{"hidden but published", apps, perms, firstParty, "graph-hidden.json: User.Read Scope: 32ea53ac-4a89-4cde-bac4-727c6fb9ac29 is published as User.Read e1fe6dd8-ba31-4d61-89e7-88639da4683d", "", strings.Replace(hidden, "ChannelMessage.Delete", "User.Read", 1), nil},
		{"hidden on no resource", apps, perms, firstParty, "graph-hidden.json: resource 00000003-0000-0000-c000-00000000000f is not in the catalog", "", strings.Replace(hidden, "c000-000000000000", "c000-00000000000f", 1), nil},
		{"level of no permission", apps, perms, firstParty, "privilege-levels.json: User.Read Scope: Scope e1fe6dd8-ba31-4d61-89e7-88639da46830 is not a permission of Microsoft Graph in the catalog", "", "", map[string]string{"levels": strings.Replace(levels, "88639da4683d", "88639da46830", 1)}},
		{"level of another name", apps, perms, firstParty, "privilege-levels.json: User.Write Scope: e1fe6dd8-ba31-4d61-89e7-88639da4683d is User.Read in the catalog", "", "", map[string]string{"levels": strings.Replace(levels, `"User.Read"`, `"User.Write"`, 1)}},
		{"level out of range", apps, perms, firstParty, "level 6 is not 1 to 5", "", "", map[string]string{"levels": strings.Replace(levels, `"level": 1`, `"level": 6`, 1)}},
		{"level twice", apps, perms, firstParty, "privilege-levels.json: User.Read Scope: listed twice", "", "", map[string]string{"levels": strings.Replace(levels, `"level": 1}`, `"level": 1}, {"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope", "value": "User.Read", "level": 2}`, 1)}},
		{"unknown tier", apps, perms, firstParty, `tier "Tier0" is none of ControlPlane, ManagementPlane and UserAccess`, "", "", map[string]string{"tiers": strings.Replace(tiers, `"ControlPlane"`, `"Tier0"`, 1)}},
		{"tier on no resource", apps, perms, firstParty, "privilege-tiers.json: 00000002-0000-0ff1-ce00-00000000000f Mail.Send Role: resource 00000002-0000-0ff1-ce00-00000000000f is not in the catalog", "", "", map[string]string{"tiers": strings.Replace(tiers, "0ff1-ce00-000000000000", "0ff1-ce00-00000000000f", 1)}},
		{"tier of the other type", apps, perms, firstParty, "Scope b633e1c5-b582-4048-a93e-9f11b44c7e96 is not a permission of Office 365 Exchange Online", "", "", map[string]string{"tiers": strings.Replace(tiers, `"type": "Role"`, `"type": "Scope"`, 1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r
			if r == "" {
				r = removed
			}
			h := tt.h
			if h == "" {
				h = hidden
			}
			edits := map[string]string{"removed": r, "hidden": h}
			for k, v := range tt.more {
				edits[k] = v
			}
			_, err := Build(files(tt.a, tt.p, tt.f, edits))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestConsent(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		p    dataPerm
		want string
	}{
		{dataPerm{Type: "Role"}, "ConsentAdmin"},
		{dataPerm{Type: "Role", AdminConsentRequired: &no}, "ConsentAdmin"},
		{dataPerm{Type: "Scope"}, ""},
		{dataPerm{Type: "Scope", AdminConsentRequired: &yes}, "ConsentAdmin"},
		{dataPerm{Type: "Scope", AdminConsentRequired: &no}, "ConsentUser"},
	}
	var got, want []string
	for _, tt := range tests {
		got, want = append(got, consent(tt.p)), append(want, tt.want)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("consent mismatch (-want +got):\n%s", diff)
	}
}
