package permissions

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// classification reads a file of the classification data the privilege
// tables are normalized from, which sits beside the repository; the test
// skips, saying so, where it is absent.
func classification(t *testing.T, name string, v any) {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "data", "classification", name)
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("%s is absent (the classification data sits beside the repository): checking against it is skipped", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestPrivilegeLevels walks every Microsoft Graph permission of the
// catalog against Microsoft's data as the classification holds it (not the
// normalized copy the tables are made from): each has the level Microsoft
// gives its scheme (work accounts for a scope, application for a role),
// and those Microsoft gives none have none.
func TestPrivilegeLevels(t *testing.T) {
	var data struct {
		Permissions []struct {
			Value   string            `json:"value"`
			IDs     map[string]string `json:"ids"`
			Schemes map[string]struct {
				PrivilegeLevel *int `json:"privilegeLevel"`
			} `json:"schemes"`
		} `json:"permissions"`
	}
	classification(t, "graph-privilege-levels.json", &data)
	type key struct {
		id  string
		typ manifest.Type
	}
	want := make(map[key]int)
	for _, p := range data.Permissions {
		for typ, scheme := range map[manifest.Type]string{manifest.Scope: "DelegatedWork", manifest.Role: "Application"} {
			if id, level := p.IDs[string(typ)], p.Schemes[scheme].PrivilegeLevel; id != "" && level != nil {
				want[key{id, typ}] = *level
			}
		}
	}
	if len(want) < 1000 {
		t.Fatalf("read %d levels from Microsoft's data; want over 1,000", len(want))
	}
	graph := Builtin().ResourcePermissions(MicrosoftGraphID)
	withLevel := 0
	for _, p := range graph {
		if got := p.Level; got != want[key{p.ID, p.Type}] {
			t.Errorf("%s %s (%s): level %d, want %d", p.Value, p.Type, p.ID, got, want[key{p.ID, p.Type}])
		}
		if p.Level != 0 {
			withLevel++
		}
		delete(want, key{p.ID, p.Type})
	}
	for k, level := range want {
		t.Errorf("Microsoft gives %s %s level %d; the catalog has no such permission", k.typ, k.id, level)
	}
	t.Logf("%d Microsoft Graph permissions, %d with a level", len(graph), withLevel)
}

// TestPrivilegeTiers: every permission EntraOps classifies has its tier in
// the catalog, on the resource it names, and no other has one.
func TestPrivilegeTiers(t *testing.T) {
	var data struct {
		Resources []struct {
			AppID       string `json:"appId"`
			Permissions []struct {
				ID    string        `json:"id"`
				Type  manifest.Type `json:"type"`
				Value string        `json:"value"`
				Tier  string        `json:"tier"`
			} `json:"permissions"`
		} `json:"resources"`
	}
	classification(t, "entraops-privilege-tiers.json", &data)
	want := make(map[manifest.Permission]string)
	for _, r := range data.Resources {
		for _, p := range r.Permissions {
			want[manifest.Permission{ResourceAppID: r.AppID, ID: p.ID, Type: p.Type}] = p.Tier
		}
	}
	n := 0
	for _, r := range Builtin().Resources() {
		for _, p := range Builtin().ResourcePermissions(r.AppID) {
			k := p.Key()
			if got, tier := p.Tier, want[k]; got.String() != tier && !(got == TierUnknown && tier == "") {
				t.Errorf("%s %s %s (%s): tier %s, want %q", r.Name, p.Value, p.Type, p.ID, got, tier)
			}
			if p.Tier != TierUnknown {
				n++
			}
			delete(want, k)
		}
	}
	for k, tier := range want {
		t.Errorf("EntraOps gives %s %s %s tier %s; the catalog has no such permission", k.ResourceAppID, k.Type, k.ID, tier)
	}
	t.Logf("%d permissions with a tier", n)
}

// TestPrivilegeData: the catalog gives every permission the level and the
// tier the shipped data files give it, and none to the others; this runs
// everywhere, where the tests above need the classification data.
func TestPrivilegeData(t *testing.T) {
	var levels struct {
		ResourceAppID string `json:"resourceAppId"`
		Levels        []struct {
			ID    string        `json:"id"`
			Type  manifest.Type `json:"type"`
			Level int           `json:"level"`
		} `json:"levels"`
	}
	var tiers struct {
		Tiers []struct {
			ResourceAppID string        `json:"resourceAppId"`
			ID            string        `json:"id"`
			Type          manifest.Type `json:"type"`
			Tier          string        `json:"tier"`
		} `json:"tiers"`
	}
	for name, v := range map[string]any{"privilege-levels.json": &levels, "privilege-tiers.json": &tiers} {
		data, err := os.ReadFile(filepath.Join("data", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	wantLevel := make(map[manifest.Permission]int)
	for _, l := range levels.Levels {
		wantLevel[manifest.Permission{ResourceAppID: levels.ResourceAppID, ID: l.ID, Type: l.Type}] = l.Level
	}
	wantTier := make(map[manifest.Permission]string)
	for _, x := range tiers.Tiers {
		wantTier[manifest.Permission{ResourceAppID: x.ResourceAppID, ID: x.ID, Type: x.Type}] = x.Tier
	}
	levelsSeen, tiersSeen := 0, 0
	for _, r := range Builtin().Resources() {
		for _, p := range Builtin().ResourcePermissions(r.AppID) {
			k := p.Key()
			if p.Level != wantLevel[k] {
				t.Errorf("%s %s %s: level %d, want %d", r.Name, p.Value, p.Type, p.Level, wantLevel[k])
			}
			if tier := wantTier[k]; p.Tier.String() != tier && !(p.Tier == TierUnknown && tier == "") {
				t.Errorf("%s %s %s: tier %s, want %q", r.Name, p.Value, p.Type, p.Tier, tier)
			}
			if _, ok := wantLevel[k]; ok {
				levelsSeen++
			}
			if _, ok := wantTier[k]; ok {
				tiersSeen++
			}
		}
	}
	if levelsSeen != len(wantLevel) || tiersSeen != len(wantTier) || len(wantLevel) != 1333 || len(wantTier) != 2100 {
		t.Errorf("matched %d of %d levels and %d of %d tiers; want 1,333 and 2,100, all matched", levelsSeen, len(wantLevel), tiersSeen, len(wantTier))
	}
}
