package profile_test

import (
	"errors"
	"fmt"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/profile"
)

// A policy for a repository of app registrations: calendar sync for the
// apps under apps/, nothing above ManagementPlane and no application
// permissions for the partners' apps.
func ExampleParsePolicy() {
	p, err := profile.ParsePolicy([]byte(`{
  "overrides": [
    {"files": ["apps/**/*.json"], "profiles": ["calendar-sync-graph"], "agency": "acme"},
    {"files": ["apps/partners/**/*.json"], "maxTier": "ManagementPlane", "application": false}
  ]
}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Covers("apps/partners/contoso/app.json"), p.Covers("tools/package.json"))
	// Output:
	// true false
}

// Covers says whether a glob of the policy names a path.
func ExamplePolicy_Covers() {
	p, _ := profile.ParsePolicy([]byte(`{"overrides": [{"files": ["**/manifest.json"]}]}`))
	fmt.Println(p.Covers("manifest.json"), p.Covers("apps/sync/manifest.json"), p.Covers("apps/sync/app.json"))
	// Output:
	// true true false
}

// Planner plans a manifest as the policy says for its path: here the
// partners' app lists a control-plane role, which their override forbids.
func ExamplePolicy_Planner() {
	p, _ := profile.ParsePolicy([]byte(`{"overrides": [
  {"files": ["apps/partners/*.json"], "profiles": ["calendar-sync-graph"], "maxTier": "ManagementPlane", "allow": ["redirect-uri-unchecked", "application-permission", "privileged"]}
]}`))
	planner, covered, err := p.Planner("apps/partners/contoso.json", check.Options{})
	if err != nil || !covered {
		fmt.Println(covered, err)
		return
	}
	res, _ := planner.Plan([]byte(`{"displayName": "contoso", "requiredResourceAccess": [
  {"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9", "type": "Role"}]}]}`))
	for _, f := range res.Findings {
		if f.Code == "forbidden" {
			fmt.Printf("%s [%s] %s\n", f.Pos, f.Code, f.Msg)
		}
	}
	// Output:
	// 2:87 [forbidden] Microsoft Graph Application.ReadWrite.All (application) is forbidden: its EntraOps tier ControlPlane is above ManagementPlane, the most allowed
}

// A policy's errors are manifest's: the position and JSON path of the
// value at fault.
func ExampleParsePolicy_error() {
	_, err := profile.ParsePolicy([]byte(`{"overrides": [{"files": ["apps/*.json"], "maxLevel": 9}]}`))
	var pe *manifest.ShapeError
	if errors.As(err, &pe) {
		fmt.Println(pe.Position(), pe.Path)
		fmt.Println(err)
	}
	// Output:
	// 1:55 overrides[0].maxLevel
	// 1:55: overrides[0].maxLevel: want a privilege level from 1 to 5, got 9
}
