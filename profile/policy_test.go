package profile

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
)

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		glob, name string
		want       bool
	}{
		{"apps/*.json", "apps/a.json", true},
		{"apps/*.json", "apps/x/a.json", false},
		{"apps/**/*.json", "apps/a.json", true},
		{"apps/**/*.json", "apps/partners/x/a.json", true},
		{"**/manifest.json", "manifest.json", true},
		{"**/manifest.json", "a/b/manifest.json", true},
		{"**", "a/b.json", true},
		{"manifest.json", "apps/manifest.json", false},
		{"apps/[ab].json", "apps/b.json", true},
		{"apps/?.json", "apps/ab.json", false},
	}
	for _, tt := range tests {
		if got := globMatch(tt.glob, tt.name); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.glob, tt.name, got, tt.want)
		}
	}
}

func TestParsePolicyErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{`[]`, "1:1: a policy is a JSON object"},
		{`{"overides": []}`, `1:2: overides: a policy has no member "overides"; it has $schema and overrides`},
		{"{\n  \"overrides\": [\n    {\"files\": [\"apps/*.json\"], \"profiles\": [\"calendar-snyc\"]}\n  ]\n}", `3:44: overrides[0].profiles: no profile "calendar-snyc"; the profiles are calendar-sync, calendar-sync-graph`},
		{`{"overrides": [{"profiles": ["calendar-sync"]}]}`, "1:16: overrides[0].files: an override needs files"},
		{`{"overrides": [{"files": ["/abs/*.json"]}]}`, `overrides[0].files: "/abs/*.json" is not a glob`},
		{`{"overrides": [{"files": ["a.json"], "maxTier": "Tier0"}]}`, `overrides[0].maxTier: tier is ControlPlane, ManagementPlane or UserAccess, not "Tier0"`},
		{`{"overrides": [{"files": ["a.json"], "maxLevel": 7}]}`, "overrides[0].maxLevel: want a privilege level from 1 to 5, got 7"},
		{`{"overrides": [{"files": ["a.json"], "mode": "replace"}]}`, `overrides[0].mode: mode is merge or overwrite, not "replace"`},
		{`{"overrides": [{"files": ["a.json"], "allow": ["missing"]}]}`, `overrides[0].allow: "missing": a problem that apply fixes`},
		{`{"overrides": [{"files": ["a.json"], "application": "no"}]}`, "overrides[0].application: want true or false"},
		{`{"overrides": [{"files": "a.json"}]}`, "overrides[0].files: want an array of strings"},
		{`{"overrides": [{"files": ["a.json"],}]}`, "1:37: invalid JSON"},
		{`{"overrides": [{"files": ["a.json"], "maxTier": "UserAccess", "maxTier": "ControlPlane"}]}`, `1:63: overrides[0].maxTier: "maxTier" is given twice`},
		{`{"overrides": [], "overrides": []}`, `1:19: overrides: "overrides" is given twice`},
	}
	for _, tt := range tests {
		_, err := ParsePolicy([]byte(tt.src))
		var pe manifest.Positioned
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParsePolicy(%s) = %v, want a positioned error containing %q", tt.src, err, tt.want)
		}
	}
}

// TestPolicyOverrides: later overrides replace what earlier ones set, the
// limits reach the findings, and a path no glob covers has no planner.
func TestPolicyOverrides(t *testing.T) {
	p, err := ParsePolicy([]byte(`{"overrides": [
	  {"files": ["apps/**/*.json"], "profiles": ["calendar-sync-graph"], "application": false, "allow": ["redirect-uri-unchecked"]},
	  {"files": ["apps/partners/**/*.json"], "maxTier": "ManagementPlane", "permit": ["graph/User.Read.All"]},
	  {"files": ["apps/legacy.json"], "profiles": ["calendar-sync"], "allow": ["ews-retired", "aad-graph-retired", "redirect-uri-unchecked"]}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	src := []byte(`{"displayName": "x", "signInAudience": "AzureADMultipleOrgs", "requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [
	  {"id": "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9", "type": "Role"},
	  {"id": "a154be20-db9c-4678-8ab7-66f6cc099a59", "type": "Scope"},
	  {"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope"}]}]}`)
	codes := func(name string) []string {
		t.Helper()
		pl, ok, err := p.Planner(name, check.Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
		if err != nil || !ok {
			t.Fatalf("%s: %v, %v", name, ok, err)
		}
		res, err := pl.Plan(src)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range res.Findings {
			if f.Code != "missing" {
				out = append(out, f.Code)
			}
		}
		return out
	}
	// Application.ReadWrite.All (a control-plane role), User.Read.All
	// (a scope), User.Read.
	if got := strings.Join(codes("apps/a.json"), " "); got != "application-permission privileged forbidden" {
		t.Errorf("apps/a.json: %s", got)
	}
	if got := strings.Join(codes("apps/partners/x/b.json"), " "); got != "application-permission privileged forbidden" {
		t.Errorf("apps/partners/x/b.json: %s", got)
	}
	if got := strings.Join(codes("apps/legacy.json"), " "); got != "application-permission privileged forbidden" {
		t.Errorf("apps/legacy.json: %s", got)
	}
	if p.Covers("other/c.json") || !p.Covers("apps/legacy.json") {
		t.Error("Covers is wrong")
	}
	if pl, ok, err := p.Planner("other/c.json", check.Options{}); pl != nil || ok || err != nil {
		t.Errorf("an uncovered path got %v, %v, %v", pl, ok, err)
	}
}

// TestPolicyWantsWhatItForbids: a policy that wants what it forbids is an
// error, not a manifest that can never pass, positioned at the value of
// the limit that forbids it, in the override that set that limit.
func TestPolicyWantsWhatItForbids(t *testing.T) {
	for _, tc := range []struct{ policy, want string }{
		{`{"overrides": [{"files": ["*.json"], "forbid": ["graph/User.Read"]}]}`,
			`1:48: overrides[0].forbid: `},
		{`{"overrides": [{"files": ["*.json"], "forbidResources": ["Microsoft Graph"]}]}`,
			`1:57: overrides[0].forbidResources: `},
		{`{"overrides": [{"files": ["*.json"], "maxLevel": 1}, {"files": ["a.json"], "forbidResources": ["Office 365 Exchange Online"]}]}`,
			`1:95: overrides[1].forbidResources: `},
		{`{"overrides": [{"files": ["*.json"], "roles": ["graph/Calendars.ReadWrite"], "application": false}]}`,
			`1:93: overrides[0].application: `},
	} {
		p, err := ParsePolicy([]byte(tc.policy))
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = p.Planner("a.json", check.Options{})
		var se *manifest.ShapeError
		if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: got %v; want it at %s", tc.policy, err, tc.want)
		}
	}
}

// TestPolicyAgencyError: a bad agency is worded as the policy's agency,
// at its value, without the profile package's prefix.
func TestPolicyAgencyError(t *testing.T) {
	p, err := ParsePolicy([]byte(`{"overrides": [{"files": ["*.json"], "agency": "acme.sensehq.com"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = p.Planner("a.json", check.Options{})
	const want = `1:48: overrides[0].agency: agency "acme.sensehq.com" `
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "profile:") {
		t.Errorf("got %v; want it to start %s", err, want)
	}
}

// TestPolicyCallersOptions: what is wrong with the caller's options is
// the caller's error, without a position in the policy; what the policy
// itself says wrongly is positioned in it.
func TestPolicyCallersOptions(t *testing.T) {
	p, err := ParsePolicy([]byte(`{"overrides": [{"files": ["*.json"], "permit": ["graph/User.Read.All"]}, {"files": ["b.json"], "mode": "overwrite"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var pe manifest.Positioned
	for _, opts := range []check.Options{{Allow: []string{"ews-retird"}}, {Mode: manifest.Overwrite}} {
		if _, covered, err := p.Planner("a.json", opts); !covered || err == nil || errors.As(err, &pe) {
			t.Errorf("Planner(a.json, %+v) = %v, %v; want the caller's error, not positioned in the policy", opts, covered, err)
		}
	}
	if _, _, err := p.Planner("b.json", check.Options{}); !errors.As(err, &pe) || !strings.Contains(err.Error(), "overrides[0].permit: permit has no use with mode overwrite") {
		t.Errorf("Planner(b.json) = %v; want the policy's error at overrides[0].permit", err)
	}
}

// TestPolicyPlannerShared: manifests the same overrides cover share one
// planner, made once, from goroutines at once; others get their own.
func TestPolicyPlannerShared(t *testing.T) {
	p, err := ParsePolicy([]byte(`{"overrides": [{"files": ["apps/**/*.json"]}, {"files": ["apps/partners/*.json"], "maxTier": "ManagementPlane"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"apps/a.json", "apps/x/b.json", "apps/partners/c.json", "apps/partners/d.json"}
	got := make([]*check.Planner, len(names)*4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			pl, _, err := p.Planner(names[i%len(names)], check.Options{})
			if err != nil {
				t.Error(err)
			}
			got[i] = pl
		})
	}
	wg.Wait()
	if got[0] != got[1] || got[2] != got[3] || got[0] == got[2] || got[0] != got[4] {
		t.Errorf("planners not shared as the overrides say: %p %p %p %p %p", got[0], got[1], got[2], got[3], got[4])
	}
}

// FuzzParsePolicy: any input parses or fails with a positioned error at a
// place in it, never a panic; a policy read covers paths and makes
// planners without one.
func FuzzParsePolicy(f *testing.F) {
	f.Add([]byte(`{"overrides": [{"files": ["apps/**/*.json"], "profiles": ["calendar-sync-graph"], "agency": "acme", "application": false}]}`))
	f.Add([]byte(`{"overrides": [{"files": ["a/*.json", "**"], "permit": [], "forbid": ["graph/Mail.Send"], "maxTier": "UserAccess", "maxLevel": 2, "mode": "overwrite"}]}`))
	f.Add([]byte(`{"$schema": "x", "overrides": [{"files": ["[a-"], "scopes": ["nope"]}]}`))
	f.Add([]byte("\xef\xbb\xbf{}"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := ParsePolicy(src)
		if err != nil {
			var pe manifest.Positioned
			if !errors.As(err, &pe) || !errors.Is(err, manifest.ErrSyntax) && !errors.Is(err, manifest.ErrShape) && !errors.Is(err, manifest.ErrDuplicateKey) {
				t.Fatalf("%T is not a *manifest.SyntaxError or *manifest.ShapeError: %v", err, err)
			}
			if pos := pe.Position(); pos.Line < 1 || pos.Column < 1 || pos.Offset > len(src) {
				t.Fatalf("position %+v outside the input of %d bytes", pos, len(src))
			}
			return
		}
		for _, name := range []string{"apps/a.json", "a/b/c.json", "x.json"} {
			covered := p.Covers(name)
			if _, ok, _ := p.Planner(name, check.Options{}); ok != covered {
				t.Fatalf("Covers(%q) = %v but Planner says %v", name, covered, ok)
			}
		}
	})
}
