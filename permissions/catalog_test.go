package permissions

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions/internal/gencatalog"
	"github.com/manifestpatch/manifestpatch/permissions/internal/ident"
)

const (
	graph    = MicrosoftGraphID
	exchange = ExchangeOnlineID
	aadGraph = AzureADGraphID
)

var guidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestTableWellFormed(t *testing.T) {
	type key struct {
		app, s string
		typ    manifest.Type
	}
	// Exchange Online publishes two delegated User.ReadBasic.All; no other
	// name means two permissions of one resource and type.
	exchangeReadBasic := key{exchange, "user.readbasic.all", manifest.Scope}
	apps := make(map[string]bool)
	ids := make(map[key]bool)
	values := make(map[key]bool)
	next := uint32(0) // where the next resource's permissions start
	for i, r := range resourceTable {
		if !guidRE.MatchString(r.AppID) {
			t.Errorf("resource %q: app id %q is not a lower-case GUID", r.Name, r.AppID)
		}
		if apps[r.AppID] {
			t.Errorf("resource %s listed twice", r.AppID)
		}
		apps[r.AppID] = true
		if r.Name == "" || r.Key == "" {
			t.Errorf("resource %s: name %q, key %q", r.AppID, r.Name, r.Key)
		}
		if r.first != r.end {
			if r.first != next || r.end < r.first {
				t.Errorf("resource %s: permissions [%d:%d], want them to start at %d", r.AppID, r.first, r.end, next)
			}
			next = r.end
		}
		for _, e := range permissionTable[r.first:r.end] {
			if int(e.res) != i {
				t.Errorf("%s %s: resource %d, want %d", r.Name, e.value, e.res, i)
			}
			if !guidRE.MatchString(e.id) {
				t.Errorf("%s %s: id %q is not a lower-case GUID", r.Name, e.value, e.id)
			}
			if !e.typ.Valid() {
				t.Errorf("%s %s: type %q", r.Name, e.value, e.typ)
			}
			if e.value == "" || e.displayName != strings.TrimSpace(e.displayName) {
				t.Errorf("%s %s: value %q, display name %q", r.Name, e.id, e.value, e.displayName)
			}
			if r.AppID == graph && e.displayName == "" && e.removed == "" {
				t.Errorf("%s %s: no display name", r.Name, e.value)
			}
			if e.typ == manifest.Role && e.consent != ConsentAdmin {
				t.Errorf("%s %s: role with consent %s", r.Name, e.value, e.consent)
			}
			for _, c := range []byte(e.value) {
				if c < ' ' || c > '~' {
					t.Errorf("%s %q: value is not printable ASCII", r.Name, e.value)
					break
				}
			}
			k := key{r.AppID, e.id, e.typ}
			if ids[k] {
				t.Errorf("duplicate (resource, id, type): %v", k)
			}
			ids[k] = true
			k = key{r.AppID, strings.ToLower(e.value), e.typ}
			if values[k] && k != exchangeReadBasic {
				t.Errorf("duplicate (resource, value, type) ignoring case: %v", k)
			}
			values[k] = true
		}
	}
	if int(next) != len(permissionTable) {
		t.Errorf("resources cover permissionTable[:%d] of %d", next, len(permissionTable))
	}
}

// TestIndexes checks the generated indexes: each lists every position once,
// in the order the lookups' binary searches assume.
func TestIndexes(t *testing.T) {
	tests := []struct {
		name  string
		index []uint32
		n     int
		cmp   func(i, j uint32) int
	}{
		{"byApp", byApp[:], len(resourceTable), func(i, j uint32) int {
			return strings.Compare(resourceTable[i].AppID, resourceTable[j].AppID)
		}},
		{"byID", byID[:], len(permissionTable), func(i, j uint32) int {
			return ident.CompareFold(permissionTable[i].id, permissionTable[j].id)
		}},
		{"byValue", byValue[:], len(permissionTable), func(i, j uint32) int {
			return ident.CompareFold(permissionTable[i].value, permissionTable[j].value)
		}},
	}
	for _, tt := range tests {
		if got := slices.Sorted(slices.Values(tt.index)); !slices.Equal(got, positions(tt.n)) {
			t.Errorf("%s does not list each of the %d positions once", tt.name, tt.n)
		}
		for k := 1; k < len(tt.index); k++ {
			a, b := tt.index[k-1], tt.index[k]
			if c := tt.cmp(a, b); c > 0 || c == 0 && a > b {
				t.Errorf("%s out of order at %d: %d before %d", tt.name, k, a, b)
			}
		}
	}

	want := make(map[nameRef]bool)
	for i, r := range resourceTable {
		for _, n := range append([]string{r.AppID, r.Name, r.Key}, r.aliases...) {
			want[nameRef{ident.Normalize(n), uint32(i)}] = true
		}
	}
	got := make(map[nameRef]bool)
	for k, n := range byName {
		got[n] = true
		if k > 0 && byName[k-1].name >= n.name {
			t.Errorf("byName out of order or repeated at %d: %q before %q", k, byName[k-1].name, n.name)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("byName mismatch (-want +got):\n%s", diff)
	}
}

func positions(n int) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i)
	}
	return out
}

func TestCounts(t *testing.T) {
	type counts struct {
		Scopes, Roles, Disabled int
		Complete, Deprecated    bool
	}
	tests := []struct {
		app  string
		want counts
	}{
		// 807 scopes and 716 roles published, 4 of them disabled, 8
		// that Microsoft removed (graph-removed.json) and 7 that work
		// though no longer listed (graph-hidden.json: 5 scopes, 2 roles).
		{graph, counts{Scopes: 807 + 4 + 5, Roles: 716 + 4 + 2, Disabled: 4 + 8, Complete: true}},
		{exchange, counts{Scopes: 56, Roles: 28}},
		{aadGraph, counts{Scopes: 10, Roles: 9, Deprecated: true}},
		{"00000003-0000-0ff1-ce00-000000000000", counts{Scopes: 29, Roles: 20}}, // SharePoint Online
		{"00000009-0000-0000-c000-000000000000", counts{Scopes: 202, Roles: 2}}, // Power BI Service
		{"499b84ac-1321-427f-aa17-267ca6975798", counts{Scopes: 80, Roles: 2}},  // Azure DevOps
		{"c161e42e-d4df-4a3d-9b42-e7a3c31f59d4", counts{Scopes: 1, Roles: 8}},   // Microsoft Intune API
		{"0000000a-0000-0000-c000-000000000000", counts{}},                      // Microsoft Intune
	}
	for _, tt := range tests {
		r, ok := builtin.LookupResource(tt.app)
		if !ok {
			t.Fatalf("builtin.LookupResource(%q) not found", tt.app)
		}
		got := counts{Complete: r.Complete, Deprecated: r.Deprecated}
		for _, p := range builtin.ResourcePermissions(tt.app) {
			switch p.Type {
			case manifest.Scope:
				got.Scopes++
			case manifest.Role:
				got.Roles++
			}
			if !p.Enabled {
				got.Disabled++
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (%s) counts mismatch (-want +got):\n%s", r.Name, tt.app, diff)
		}
	}

	// resource-apps.json lists 120 keys; Azure Resource Manager has two
	// (AzureServiceManagement is its retired key), so 119 applications;
	// first-party-permissions.json adds 7 more.
	if got, want := len(builtin.Resources()), 126; got != want {
		t.Errorf("len(builtin.Resources()) = %d, want %d", got, want)
	}
	deprecated := 0
	for _, r := range builtin.Resources() {
		if r.Deprecated {
			deprecated++
		}
	}
	if deprecated != 1 {
		t.Errorf("%d deprecated resources, want 1 (Azure AD Graph)", deprecated)
	}
}

func TestSnapshots(t *testing.T) {
	want := []source{{Name: "Microsoft Graph", Date: "2026-08-19"}, {Name: "first-party", Date: "2026-08-20"}}
	if diff := cmp.Diff(want, builtin.snapshots()); diff != "" {
		t.Errorf("builtin.snapshots() mismatch (-want +got):\n%s", diff)
	}
	for _, r := range builtin.Resources() {
		if r.Snapshot == "" {
			if builtin.ResourcePermissions(r.AppID) != nil {
				t.Errorf("%s lists permissions but has no snapshot date", r.Name)
			}
			continue
		}
		if _, err := time.Parse(time.DateOnly, r.Snapshot); err != nil {
			t.Errorf("%s: snapshot %q: %v", r.Name, r.Snapshot, err)
		}
	}
	if got, want := Builtin().Version(), "Microsoft Graph 2026-08-19, first-party 2026-08-20"; got != want {
		t.Errorf("Version() = %q, want %q", got, want)
	}
}

// calendarSync is the permission set Exchange calendar sync needs.
var calendarSync = []Permission{
	{ResourceAppID: exchange, ID: "266d2589-20b5-4f91-9a03-89247d1be8da", Value: "EAS.AccessAsUser.All"},
	{ResourceAppID: exchange, ID: "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", Value: "EWS.AccessAsUser.All"},
	{ResourceAppID: graph, ID: "14dad69e-099b-42c9-810b-d002981feec1", Value: "profile"},
	{ResourceAppID: graph, ID: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", Value: "offline_access"},
	{ResourceAppID: graph, ID: "12466101-c9b8-439a-8589-dd09ee67e8e9", Value: "Calendars.ReadWrite.Shared"},
	{ResourceAppID: graph, ID: "2b9c4092-424d-4249-948d-b43879977640", Value: "Calendars.Read.Shared"},
	{ResourceAppID: graph, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Value: "User.Read"},
	{ResourceAppID: graph, ID: "37f7f235-527c-4136-accd-4a02d197296e", Value: "openid"},
	{ResourceAppID: aadGraph, ID: "311a71cc-e848-46a1-bdf8-97ff7156d8e6", Value: "User.Read"},
}

func TestCalendarSyncPermissions(t *testing.T) {
	for _, want := range calendarSync {
		t.Run(want.Value, func(t *testing.T) {
			byID, ok := builtin.Lookup(want.ResourceAppID, want.ID, manifest.Scope)
			if !ok {
				t.Fatalf("builtin.Lookup(%q, %q, Scope) not found", want.ResourceAppID, want.ID)
			}
			got := Permission{ResourceAppID: byID.ResourceAppID, ID: byID.ID, Value: byID.Value}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Lookup mismatch (-want +got):\n%s", diff)
			}
			byValue, ok := builtin.LookupValue(want.ResourceAppID, want.Value, manifest.Scope)
			if !ok {
				t.Fatalf("builtin.LookupValue(%q, %q, Scope) not found", want.ResourceAppID, want.Value)
			}
			if diff := cmp.Diff(byID, byValue); diff != "" {
				t.Errorf("LookupValue mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	n := 0
	for _, r := range builtin.Resources() {
		for _, want := range builtin.ResourcePermissions(r.AppID) {
			n++
			got, ok := builtin.Lookup(want.ResourceAppID, want.ID, want.Type)
			if !ok {
				t.Errorf("builtin.Lookup(%q, %q, %s) not found", want.ResourceAppID, want.ID, want.Type)
				continue
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("builtin.Lookup(%q, %q, %s) mismatch (-want +got):\n%s", want.ResourceAppID, want.ID, want.Type, diff)
			}
			if all := builtin.lookupValues(want.ResourceAppID, want.Value, want.Type); !slices.Contains(all, want) {
				t.Errorf("builtin.lookupValues(%q, %q, %s) = %v, lacks %v", want.ResourceAppID, want.Value, want.Type, all, want)
			}
			got, ok = builtin.LookupValue(got.ResourceAppID, got.Value, got.Type)
			if want.ResourceAppID == exchange && want.Value == "User.ReadBasic.All" && want.Type == manifest.Scope {
				if ok {
					t.Errorf("builtin.LookupValue(Exchange, User.ReadBasic.All) = %v, want it ambiguous", got)
				}
				continue
			}
			if !ok {
				t.Errorf("builtin.LookupValue(%q, %q, %s) not found", want.ResourceAppID, want.Value, want.Type)
				continue
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("builtin.LookupValue(%q, %q, %s) mismatch (-want +got):\n%s", want.ResourceAppID, want.Value, want.Type, diff)
			}
		}
	}
	if n != len(permissionTable) || n != 2116+8+7 {
		t.Errorf("round-tripped %d permissions of %d, want 2116, the 8 removed and the 7 hidden", n, len(permissionTable))
	}
}

func TestLookup(t *testing.T) {
	userRead := Permission{
		ResourceAppID: graph,
		ID:            "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
		Value:         "User.Read",
		Type:          manifest.Scope,
		Consent:       ConsentUser,
		DisplayName:   "Sign in and read user profile",
		Enabled:       true,
		Level:         2,
		Tier:          TierUserAccess,
	}
	tests := []struct {
		name    string
		app, id string
		typ     manifest.Type
		want    Permission
		wantOK  bool
	}{
		{name: "exact", app: graph, id: userRead.ID, typ: manifest.Scope, want: userRead, wantOK: true},
		{name: "upper-case GUIDs", app: strings.ToUpper(graph), id: strings.ToUpper(userRead.ID), typ: manifest.Scope, want: userRead, wantOK: true},
		{name: "wrong type", app: graph, id: userRead.ID, typ: manifest.Role},
		{name: "lower-case type", app: graph, id: userRead.ID, typ: "scope"},
		{name: "empty type", app: graph, id: userRead.ID},
		{name: "wrong resource", app: exchange, id: userRead.ID, typ: manifest.Scope},
		{name: "resource by name", app: "Microsoft Graph", id: userRead.ID, typ: manifest.Scope},
		{name: "braced GUID", app: graph, id: "{" + userRead.ID + "}", typ: manifest.Scope},
		{name: "empty", typ: manifest.Scope},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := builtin.Lookup(tt.app, tt.id, tt.typ)
			if ok != tt.wantOK {
				t.Errorf("builtin.Lookup(%q, %q, %q) ok = %t, want %t", tt.app, tt.id, tt.typ, ok, tt.wantOK)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("builtin.Lookup(%q, %q, %q) mismatch (-want +got):\n%s", tt.app, tt.id, tt.typ, diff)
			}
		})
	}
}

func TestLookupValue(t *testing.T) {
	tests := []struct {
		name   string
		app    string
		value  string
		typ    manifest.Type
		wantID string // "" when not found
	}{
		{"exact", graph, "User.Read", manifest.Scope, "e1fe6dd8-ba31-4d61-89e7-88639da4683d"},
		{"any case", graph, "uSER.rEAD", manifest.Scope, "e1fe6dd8-ba31-4d61-89e7-88639da4683d"},
		{"upper-case app id", strings.ToUpper(graph), "openid", manifest.Scope, "37f7f235-527c-4136-accd-4a02d197296e"},
		{"role", graph, "User.Read.All", manifest.Role, "df021288-bdef-4463-88db-98f22de89214"},
		{"scope and role share a name", graph, "User.Read.All", manifest.Scope, "a154be20-db9c-4678-8ab7-66f6cc099a59"},
		{"same name, other resource", aadGraph, "User.Read", manifest.Scope, "311a71cc-e848-46a1-bdf8-97ff7156d8e6"},
		{"Exchange EWS", exchange, "ews.accessasuser.all", manifest.Scope, "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5"},
		{"Graph EWS", graph, "EWS.AccessAsUser.All", manifest.Scope, "9769c687-087d-48ac-9cb3-c37dde652038"},
		{"no such role", graph, "User.Read", manifest.Role, ""},
		{"unknown name", graph, "User.Reed", manifest.Scope, ""},
		{"surrounding space", graph, " User.Read", manifest.Scope, ""},
		{"unknown resource", "00000000-0000-0000-0000-000000000000", "User.Read", manifest.Scope, ""},
		{"resource without permissions", "0000000a-0000-0000-c000-000000000000", "user_impersonation", manifest.Scope, ""},
		{"new resource", "797f4846-ba00-4fd7-ba43-dac1f8f63013", "user_impersonation", manifest.Scope, "41094075-9dad-400e-a0bd-54e686782033"},
		{"ambiguous", exchange, "User.ReadBasic.All", manifest.Scope, ""},
		{"Exchange role with Graph's id", exchange, "Mail.Send", manifest.Role, "b633e1c5-b582-4048-a93e-9f11b44c7e96"},
		{"Exchange scope with its own id", exchange, "Calendars.Read.Shared", manifest.Scope, "c21d8660-9de1-4404-85b6-59695921bd8d"},
		{"empty", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := builtin.LookupValue(tt.app, tt.value, tt.typ)
			if ok != (tt.wantID != "") || got.ID != tt.wantID {
				t.Errorf("builtin.LookupValue(%q, %q, %q) = %q, %t; want %q", tt.app, tt.value, tt.typ, got.ID, ok, tt.wantID)
			}
			if ok && (!strings.EqualFold(got.Value, tt.value) || got.Type != tt.typ || got.ResourceAppID != strings.ToLower(tt.app)) {
				t.Errorf("builtin.LookupValue(%q, %q, %q) = %+v", tt.app, tt.value, tt.typ, got)
			}
		})
	}
}

func TestLookupResource(t *testing.T) {
	tests := []struct {
		q    string
		want string // app id, "" when not found
	}{
		{"Microsoft Graph", graph},
		{"microsoftgraph", graph},
		{"MicrosoftGraph", graph},
		{"graph", graph},
		{"MSGraph", graph},
		{"ms-graph", graph},
		{"00000003-0000-0000-c000-000000000000", graph},
		{"00000003-0000-0000-C000-000000000000", graph},
		{"Exchange", exchange},
		{"Exchange Online", exchange},
		{"exchange_online", exchange},
		{"Office 365 Exchange Online", exchange},
		{"Office365ExchangeOnline", exchange},
		{"00000002-0000-0ff1-ce00-000000000000", exchange},
		{"Azure AD Graph", aadGraph},
		{"AAD Graph", aadGraph},
		{"Windows Azure Active Directory", aadGraph},
		{"Windows Azure Active Directory (Azure AD Graph)", aadGraph},
		{"Azure Active Directory Graph", aadGraph},
		{"AzureActiveDirectoryGraph", aadGraph},
		{"00000002-0000-0000-c000-000000000000", aadGraph},
		{"Azure Resource Manager", "797f4846-ba00-4fd7-ba43-dac1f8f63013"},
		{"AzureServiceManagement", "797f4846-ba00-4fd7-ba43-dac1f8f63013"},
		{"SharePoint Online", "00000003-0000-0ff1-ce00-000000000000"},
		{"Viva Engage", "00000005-0000-0ff1-ce00-000000000000"},
		{"Yammer / Viva Engage", ""},
		{"Power Apps Admin", "475226c6-020e-4fb2-8a90-7a972cbfc1d4"},
		{"Microsoft Intune API", "c161e42e-d4df-4a3d-9b42-e7a3c31f59d4"},
		{"Microsoft Intune", "0000000a-0000-0000-c000-000000000000"},
		{"Microsoft Teams", "1fec8e78-bce4-4aaf-ab1b-5451cc387264"},
		{"Azure Advanced Threat Protection", "7b7531ad-5926-4f2d-8a1d-38495ad33e17"},
		{"Office 365 SharePoint Online", "00000003-0000-0ff1-ce00-000000000000"},
		{"Universal Print [Community Contributed]", "da9b70f6-5323-4ce6-ae5c-88dcc5082966"},
		{"Universal Print", "da9b70f6-5323-4ce6-ae5c-88dcc5082966"},
		{"", ""},
		{"   ", ""},
		{"-._", ""},
		{"Microsoft Graph API", ""},
		{"00000003-0000-0000-c000-00000000000", ""},
		{"\xff\xfe", ""},
	}
	for _, tt := range tests {
		got, ok := builtin.LookupResource(tt.q)
		if ok != (tt.want != "") || got.AppID != tt.want {
			t.Errorf("builtin.LookupResource(%q) = %q, %t; want %q", tt.q, got.AppID, ok, tt.want)
		}
	}
}

func TestLookupResourceEveryName(t *testing.T) {
	for _, r := range resourceTable {
		for _, q := range append([]string{r.AppID, strings.ToUpper(r.AppID), r.Name, r.Key}, r.aliases...) {
			got, ok := builtin.LookupResource(q)
			if !ok {
				t.Errorf("builtin.LookupResource(%q) not found", q)
				continue
			}
			if diff := cmp.Diff(r.Resource, got); diff != "" {
				t.Errorf("builtin.LookupResource(%q) mismatch (-want +got):\n%s", q, diff)
			}
		}
	}
}

func TestResourcesOrder(t *testing.T) {
	rs := builtin.Resources()
	var first []string
	for _, r := range rs[:3] {
		first = append(first, r.Name)
	}
	want := []string{"Microsoft Graph", "Office 365 Exchange Online", "Azure AD Graph"}
	if diff := cmp.Diff(want, first); diff != "" {
		t.Errorf("first resources mismatch (-want +got):\n%s", diff)
	}
	rest := rs[3:]
	if !slices.IsSortedFunc(rest, func(a, b Resource) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	}) {
		t.Error("resources after the first three are not sorted by name")
	}
}

func TestFindID(t *testing.T) {
	tests := []struct {
		id   string
		want []manifest.Permission
	}{
		{"405a51b5-8d8d-430b-9842-8be4b0e9f324", []manifest.Permission{
			{ResourceAppID: graph, ID: "405a51b5-8d8d-430b-9842-8be4b0e9f324", Type: manifest.Role},
			{ResourceAppID: graph, ID: "405a51b5-8d8d-430b-9842-8be4b0e9f324", Type: manifest.Scope},
		}},
		{"405A51B5-8D8D-430B-9842-8BE4B0E9F324", []manifest.Permission{
			{ResourceAppID: graph, ID: "405a51b5-8d8d-430b-9842-8be4b0e9f324", Type: manifest.Role},
			{ResourceAppID: graph, ID: "405a51b5-8d8d-430b-9842-8be4b0e9f324", Type: manifest.Scope},
		}},
		{"311a71cc-e848-46a1-bdf8-97ff7156d8e6", []manifest.Permission{
			{ResourceAppID: aadGraph, ID: "311a71cc-e848-46a1-bdf8-97ff7156d8e6", Type: manifest.Scope},
		}},
		{"00000000-0000-0000-0000-000000000000", nil},
		{"User.Read", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, keys(builtin.findID(tt.id))); diff != "" {
			t.Errorf("builtin.findID(%q) mismatch (-want +got):\n%s", tt.id, diff)
		}
	}
	for _, p := range builtin.findID("405a51b5-8d8d-430b-9842-8be4b0e9f324") {
		if p.Value != "User.Export.All" {
			t.Errorf("builtin.findID(User.Export.All id) gave %q", p.Value)
		}
	}
}

func TestFindValue(t *testing.T) {
	tests := []struct {
		value string
		want  []manifest.Permission
	}{
		{"EWS.AccessAsUser.All", []manifest.Permission{
			{ResourceAppID: graph, ID: "9769c687-087d-48ac-9cb3-c37dde652038", Type: manifest.Scope},
			{ResourceAppID: exchange, ID: "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", Type: manifest.Scope},
		}},
		{"user.read", []manifest.Permission{
			{ResourceAppID: graph, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope},
			{ResourceAppID: exchange, ID: "6223a6d3-53ef-4f8f-982a-895b39483c61", Type: manifest.Scope},
			{ResourceAppID: aadGraph, ID: "311a71cc-e848-46a1-bdf8-97ff7156d8e6", Type: manifest.Scope},
		}},
		{"Directory.Read.All", []manifest.Permission{
			{ResourceAppID: graph, ID: "7ab1d382-f21e-4acd-a863-ba3e13f7da61", Type: manifest.Role},
			{ResourceAppID: graph, ID: "06da0dbc-49e2-44d2-8312-53f166ab848a", Type: manifest.Scope},
			{ResourceAppID: aadGraph, ID: "5778995a-e1bf-45b8-affa-663a9f3f4d04", Type: manifest.Role},
			{ResourceAppID: aadGraph, ID: "5778995a-e1bf-45b8-affa-663a9f3f4d04", Type: manifest.Scope},
		}},
		{"User.Reed", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, keys(builtin.findValue(tt.value))); diff != "" {
			t.Errorf("builtin.findValue(%q) mismatch (-want +got):\n%s", tt.value, diff)
		}
	}
}

func keys(ps []Permission) []manifest.Permission {
	var out []manifest.Permission
	for _, p := range ps {
		out = append(out, p.Key())
	}
	return out
}

func TestResourcePermissions(t *testing.T) {
	tests := []struct {
		app  string
		want []string
	}{
		{"0af06dc6-e4b5-4f28-818e-e78e62d137a5", []string{"CloudPC.PartnerReadWrite.All", "EndUser.Access", "EndUser.Access"}},
		{strings.ToUpper("0af06dc6-e4b5-4f28-818e-e78e62d137a5"), []string{"CloudPC.PartnerReadWrite.All", "EndUser.Access", "EndUser.Access"}},
		{"797f4846-ba00-4fd7-ba43-dac1f8f63013", []string{"user_impersonation"}},
		{"0000000a-0000-0000-c000-000000000000", nil},
		{"Exchange", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range builtin.ResourcePermissions(tt.app) {
			got = append(got, p.Value)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("builtin.ResourcePermissions(%q) mismatch (-want +got):\n%s", tt.app, diff)
		}
	}
}

// TestCopies checks that callers cannot change the catalog through what it
// returns.
func TestCopies(t *testing.T) {
	rs := builtin.Resources()
	rs[0].Name = "changed"
	if builtin.Resources()[0].Name != "Microsoft Graph" {
		t.Error("changing the result of Resources changed the catalog")
	}
	ps := builtin.ResourcePermissions(exchange)
	ps[0].Value = "changed"
	if builtin.ResourcePermissions(exchange)[0].Value != "Calendars.Read" {
		t.Error("changing the result of ResourcePermissions changed the catalog")
	}
	fs := builtin.findValue("User.Read")
	fs[0].ID = "changed"
	if builtin.findValue("User.Read")[0].ID != "e1fe6dd8-ba31-4d61-89e7-88639da4683d" {
		t.Error("changing the result of FindValue changed the catalog")
	}
	fs = builtin.findID("e1fe6dd8-ba31-4d61-89e7-88639da4683d")
	fs[0].Value = "changed"
	if builtin.findID("e1fe6dd8-ba31-4d61-89e7-88639da4683d")[0].Value != "User.Read" {
		t.Error("changing the result of FindID changed the catalog")
	}
}

func TestPermissionKey(t *testing.T) {
	p, _ := builtin.LookupValue(graph, "User.Read", manifest.Scope)
	want := manifest.Permission{ResourceAppID: graph, ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}
	if diff := cmp.Diff(want, p.Key()); diff != "" {
		t.Errorf("Key() mismatch (-want +got):\n%s", diff)
	}
}

// TestHidden checks the permissions that work though Microsoft Graph's
// service principal no longer lists them: known, enabled, with their
// consent, and worded so.
func TestHidden(t *testing.T) {
	var got []string
	for _, p := range builtin.ResourcePermissions(graph) {
		if p.Hidden {
			if !p.Enabled || p.Removed != "" {
				t.Errorf("%s %s is hidden but not enabled", p.Value, p.Type)
			}
			got = append(got, p.Value+" "+string(p.Type)+" "+p.Consent.String())
		}
	}
	want := []string{
		"ChannelMessage.Delete Scope user",
		"TeamsApp.Read Scope user", "TeamsApp.Read.All Role admin", "TeamsApp.Read.All Scope admin",
		"TeamsApp.ReadWrite Scope user", "TeamsApp.ReadWrite.All Role admin", "TeamsApp.ReadWrite.All Scope admin",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hidden permissions mismatch (-want +got):\n%s", diff)
	}
	d := Builtin().Describe(manifest.Permission{ResourceAppID: graph, ID: "32ea53ac-4a89-4cde-bac4-727c6fb9ac29", Type: manifest.Scope})
	if d.Status != StatusKnown || !strings.Contains(d.Note(), "hidden") {
		t.Errorf("builtin.Describe(ChannelMessage.Delete) = %v, %q; want known, and a note that it is hidden", d.Status, d.Note())
	}
}

func TestDisabled(t *testing.T) {
	var got []string
	for _, p := range builtin.ResourcePermissions(graph) {
		if !p.Enabled {
			got = append(got, p.Value+" "+string(p.Type)+" "+p.Removed)
		}
	}
	want := []string{
		"AgentApplication.Create Role 2025-11-13",
		"AgentCard.Read.All Role ", "AgentCard.Read.All Scope ",
		"AgentCard.ReadWrite.All Role ", "AgentCard.ReadWrite.All Scope ",
		"AgentIdentity.Create Role 2025-11-13",
		"CrossTenantContentMigration.Read.All Scope 2024-06-06",
		"CrossTenantContentMigration.ReadWrite.All Scope 2024-06-06",
		"Directory.Write.Restricted Role 2024-09-12", "Directory.Write.Restricted Scope 2024-09-12",
		"MS-RemoteTenantGroups.Read.All Role 2026-04-27", "MS-RemoteTenantGroups.Read.All Scope 2026-04-27",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("disabled permissions mismatch (-want +got):\n%s", diff)
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		app   string
		value string
		n     int
		want  []string
	}{
		{graph, "Calendar.Read", 3, []string{"Calendars.Read", "Calendars.Read.All", "Calendars.ReadBasic"}},
		{graph, "user.read", 1, []string{"User.Read"}},
		{graph, "User.Reed", 1, []string{"User.Read"}},
		{graph, "Calendars.ReadWrite.Share", 2, []string{"Calendars.ReadWrite.Shared", "Calendars.ReadWrite.All"}},
		{graph, "offline-access", 1, []string{"offline_access"}},
		{graph, "Mail.Sned", 1, []string{"Mail.Send"}},
		{strings.ToUpper(graph), "opneid", 1, []string{"openid"}},
		{exchange, "EWS.AccessAsUser", 3, []string{"EWS.AccessAsUser.All", "EAS.AccessAsUser.All", "POP.AccessAsApp"}},
		{exchange, "full_access", 3, nil},
		{exchange, "User.ReadBasic", 1, []string{"User.ReadBasic.All"}},
		{graph, "zzzzzzzzzzzzzzzz", 3, nil},
		{graph, "User.Read", 0, nil},
		{graph, "User.Read", -1, nil},
		{graph, "", 3, nil},
		{"Microsoft Graph", "User.Read", 3, nil},
		{"", "", 3, nil},
		{"0000000a-0000-0000-c000-000000000000", "user_impersonation", 3, nil},
	}
	for _, tt := range tests {
		got := builtin.suggest(tt.app, tt.value, tt.n)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("builtin.suggest(%q, %q, %d) mismatch (-want +got):\n%s", tt.app, tt.value, tt.n, diff)
		}
	}
}

func TestSuggestResource(t *testing.T) {
	tests := []struct {
		q    string
		n    int
		want []string
	}{
		{"Microsft Graph", 1, []string{"Microsoft Graph"}},
		{"Exchang Online", 1, []string{"Office 365 Exchange Online"}},
		{"AD Graph", 1, []string{"Azure AD Graph"}},
		{"SharePoint", 3, nil},
		{"Office 365 SharePoint", 1, []string{"Office 365 SharePoint Online"}},
		{"Graph", 1, []string{"Microsoft Graph"}},
		{"00000003-0000-0000-c000-00000000000", 1, nil},
		{"qqqqqqqqqqqqqqqqqqqq", 3, nil},
		{"Graph", 0, nil},
		{"", 3, nil},
		{" .-_", 3, nil},
	}
	for _, tt := range tests {
		got := builtin.suggestResource(tt.q, tt.n)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("builtin.suggestResource(%q, %d) mismatch (-want +got):\n%s", tt.q, tt.n, diff)
		}
	}
}

// TestJunk feeds odd input to every entry point; none may panic or find
// anything.
func TestJunk(t *testing.T) {
	junk := []string{
		"", " ", "\x00", "\xff\xfe\xfd", "{}", "null", "*", "%", "\u212a",
		strings.Repeat("a", 100), strings.Repeat("\u00e9", 100), strings.Repeat("-", 40),
		"00000003-0000-0000-c000-000000000000\x00",
	}
	for _, s := range junk {
		for _, typ := range []manifest.Type{manifest.Scope, manifest.Role, "", manifest.Type(s)} {
			if p, ok := builtin.Lookup(s, s, typ); ok {
				t.Errorf("builtin.Lookup(%q, %q, %q) = %+v", s, s, typ, p)
			}
			if p, ok := builtin.Lookup(graph, s, typ); ok {
				t.Errorf("builtin.Lookup(graph, %q, %q) = %+v", s, typ, p)
			}
			if p, ok := builtin.LookupValue(graph, s, typ); ok {
				t.Errorf("builtin.LookupValue(graph, %q, %q) = %+v", s, typ, p)
			}
		}
		if r, ok := builtin.LookupResource(s); ok {
			t.Errorf("builtin.LookupResource(%q) = %+v", s, r)
		}
		if ps := builtin.findID(s); ps != nil {
			t.Errorf("builtin.findID(%q) = %v", s, ps)
		}
		if ps := builtin.findValue(s); ps != nil {
			t.Errorf("builtin.findValue(%q) = %v", s, ps)
		}
		if ps := builtin.ResourcePermissions(s); ps != nil {
			t.Errorf("builtin.ResourcePermissions(%q) = %v", s, ps)
		}
		_ = builtin.suggest(graph, s, 5)
		_ = builtin.suggest(s, s, 5)
		_ = builtin.suggestResource(s, 5)
	}
}

// TestGeneratedTableUpToDate regenerates the tables from the data files
// in data/ and checks that the committed catalog_data.go is the same, byte
// for byte: first in process, then as go generate runs it.
func TestGeneratedTableUpToDate(t *testing.T) {
	want, err := os.ReadFile("catalog_data.go")
	if err != nil {
		t.Fatal(err)
	}
	got, err := gencatalog.Generate("data")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, got) {
		t.Fatalf("catalog_data.go is out of date; run go generate ./permissions (-want +got):\n%s",
			cmp.Diff(string(want), string(got)))
	}

	// The go:generate line: go run gen_catalog.go. The go command is the
	// one running this test.
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		if goTool, err = exec.LookPath("go"); err != nil {
			t.Fatalf("no go command to run the generator with: %v", err)
		}
	}
	out := filepath.Join(t.TempDir(), "catalog_data.go")
	cmd := exec.Command(goTool, "run", "gen_catalog.go", "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, msg)
	}
	got, err = os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("go run gen_catalog.go wrote another catalog_data.go than gencatalog.Generate")
	}
}

// TestFirstPartyData walks every entry of the first-party data file: each
// is found by its (resource, id, type) and by its name, and a GUID lookup
// lists it among every permission with that id.
func TestFirstPartyData(t *testing.T) {
	data, err := os.ReadFile("data/first-party-permissions.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Resources []struct {
			AppID       string `json:"appId"`
			Permissions []struct {
				ID    string        `json:"id"`
				Value string        `json:"value"`
				Type  manifest.Type `json:"type"`
			} `json:"permissions"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range f.Resources {
		for _, p := range r.Permissions {
			n++
			got, ok := builtin.Lookup(r.AppID, p.ID, p.Type)
			if !ok || got.Value != p.Value {
				t.Errorf("builtin.Lookup(%s, %s, %s) = %q, %t; want %q", r.AppID, p.ID, p.Type, got.Value, ok, p.Value)
				continue
			}
			if p.Type == manifest.Scope && got.Consent != ConsentUnknown && r.AppID != exchange && r.AppID != aadGraph {
				t.Errorf("%s %s: consent %s, but the data does not say", r.AppID, p.Value, got.Consent)
			}
			if !slices.Contains(builtin.lookupValues(r.AppID, p.Value, p.Type), got) {
				t.Errorf("builtin.lookupValues(%s, %s, %s) lacks %s", r.AppID, p.Value, p.Type, p.ID)
			}
			if !slices.Contains(builtin.findID(p.ID), got) {
				t.Errorf("builtin.findID(%s) lacks %s's", p.ID, r.AppID)
			}
		}
	}
	if n != 593 {
		t.Errorf("walked %d entries, want 593", n)
	}
}

// TestConsentNeverGuessed: EAS.AccessAsUser.All's source gives no consent
// flag, so the catalog must not call it user consent.
func TestConsentNeverGuessed(t *testing.T) {
	p, ok := builtin.Lookup(exchange, "266d2589-20b5-4f91-9a03-89247d1be8da", manifest.Scope)
	if !ok || p.Consent != ConsentUnknown {
		t.Errorf("EAS.AccessAsUser.All: consent %s, %t; want unknown", p.Consent, ok)
	}
	for _, c := range []struct {
		c    Consent
		want string
	}{{ConsentUnknown, "unknown"}, {ConsentAdmin, "admin"}, {ConsentUser, "user"}, {Consent(9), "unknown"}} {
		if got := c.c.String(); got != c.want {
			t.Errorf("Consent(%d).String() = %q, want %q", c.c, got, c.want)
		}
	}
}

func TestGraphDisplayNamesTrimmed(t *testing.T) {
	for _, p := range builtin.ResourcePermissions(graph) {
		if p.DisplayName != strings.TrimSpace(p.DisplayName) {
			t.Errorf("%s %s: display name %q has surrounding space", p.Value, p.Type, p.DisplayName)
		}
	}
}

func TestResourceAsOf(t *testing.T) {
	tests := []struct {
		r    Resource
		want string
	}{
		{Resource{Snapshot: "2026-08-19"}, "2026-08-19"},
		{Resource{Snapshot: "2026-08-19", Export: "graph-sp.json"}, "2026-08-19 and graph-sp.json"},
		{Resource{Export: "contoso.json"}, "contoso.json"},
		{Resource{}, ""},
	}
	for _, tt := range tests {
		if got := tt.r.asOf(); got != tt.want {
			t.Errorf("%+v.asOf() = %q, want %q", tt.r, got, tt.want)
		}
	}
}
