package check_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
	"github.com/manifestpatch/manifestpatch/profile"
)

// checkAgrees states the property that makes check and apply one decision:
// for every want and mode, the manifest is clean (no problem) exactly when
// applying changes nothing, and once applied it is clean.
func checkAgrees(t *testing.T, src []byte, want check.Want, opts check.Options) {
	t.Helper()
	res, err := check.Plan(src, want, opts)
	if err != nil {
		return // a bad manifest: both commands refuse it
	}
	if res.OK(false) == res.Changed {
		t.Fatalf("clean = %v but changed = %v; findings: %v", res.OK(false), res.Changed, res.Findings)
	}
	if !res.Changed && !bytes.Equal(res.Output, src) {
		t.Fatalf("unchanged, yet the output differs from the input")
	}
	again, err := check.Plan(res.Output, want, opts)
	if err != nil {
		t.Fatalf("the applied output does not plan: %v\n%s", err, res.Output)
	}
	if again.Changed || !again.OK(false) {
		t.Fatalf("after applying, still changes or problems: %v\n%s", again.Findings, res.Output)
	}
}

// wants are the wanted sets the property is checked with: the default
// profile with and without an agency, a set named by the flags' parsing,
// and nothing at all (what show plans).
func wants(t testing.TB) []check.Want {
	def := profile.Default()
	w0, _ := def.Want("")
	w1, err := def.Want("acme")
	if err != nil {
		t.Fatal(err)
	}
	p, err := permissions.Builtin().ParsePermission("graph/Mail.Send", manifest.Role)
	if err != nil {
		t.Fatal(err)
	}
	mail := check.Want{Set: manifest.Set{{ResourceAppID: p.ResourceAppID, ResourceAccess: []manifest.Access{{ID: p.ID, Type: p.Type}}}}}
	return []check.Want{w0, w1, mail, {}}
}

var modes = []check.Options{{}, {Mode: manifest.Overwrite}, {ResolveNames: true}}

func inputs(t *testing.T) map[string][]byte {
	files, _ := filepath.Glob("../manifest/testdata/apply/*.json")
	corpus, _ := filepath.Glob("../../shared/corpus/*.json")
	if len(corpus) == 0 {
		t.Log("../shared/corpus is absent (it sits beside the repository): checking the testdata only")
	}
	out := make(map[string][]byte)
	for _, f := range append(files, corpus...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = src
	}
	if len(files) == 0 {
		t.Fatal("no testdata manifests")
	}
	return out
}

func TestCheckAgreesWithApply(t *testing.T) {
	for name, src := range inputs(t) {
		for i, w := range wants(t) {
			for _, o := range modes {
				t.Run(filepath.Base(name), func(t *testing.T) {
					t.Logf("want %d, options %+v", i, o)
					checkAgrees(t, src, w, o)
				})
			}
		}
	}
}

func FuzzPlan(f *testing.F) {
	for _, src := range inputs(&testing.T{}) {
		f.Add(src, uint8(0))
	}
	f.Add([]byte(`{"signInAudience": "AzureADandPersonalMicrosoftAccount", "requiredResourceAccess": []}`), uint8(4))
	f.Add([]byte(`{"name": "x", "signInAudience": "AzureADMultipleOrgs", "availableToOtherTenants": false}`), uint8(1))
	ws := wants(f)
	f.Fuzz(func(t *testing.T, src []byte, choice uint8) {
		w := ws[int(choice)%len(ws)]
		o := modes[int(choice/8)%len(modes)]
		checkAgrees(t, src, w, o)
	})
}

// TestAudienceNeverNarrowed: an audience that already admits accounts in
// any organizational directory satisfies the profile and is kept.
func TestAudienceNeverNarrowed(t *testing.T) {
	w, _ := profile.Default().Want("")
	for _, src := range []string{
		`{"displayName": "x", "signInAudience": "AzureADandPersonalMicrosoftAccount"}`,
		`{"name": "x", "signInAudience": "AzureADMultipleOrgs", "availableToOtherTenants": false}`,
	} {
		res, err := check.Plan([]byte(src), w, check.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, changed := res.Report.Change(manifest.PathSignInAudience); changed || slices.ContainsFunc(res.Findings, func(f check.Finding) bool { return f.Code == "sign-in-audience" }) {
			t.Errorf("%s: audience changed or reported: %s", src, res.Output)
		}
	}
}

// TestUnresolvedNameFirst: with ResolveNames, a name that does not resolve
// is the error Plan reports even where the plan fails on something else
// too, as when names were checked before anything else was planned.
func TestUnresolvedNameFirst(t *testing.T) {
	src := `{"web": "oops", "requiredResourceAccess": [{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "Not.A.Perm", "type": "Scope"}]}]}`
	_, err := check.Plan([]byte(src), check.Want{Settings: manifest.Settings{RedirectURIs: []string{"https://acme.example/auth"}}}, check.Options{ResolveNames: true})
	var pe *manifest.ShapeError
	if !errors.As(err, &pe) || !strings.Contains(pe.Msg, `cannot resolve "Not.A.Perm"`) {
		t.Errorf("Plan = %v; want the unresolved name", err)
	}
	// Without the name, the shape of web is the error.
	src = strings.Replace(src, "Not.A.Perm", "User.Read", 1)
	if _, err := check.Plan([]byte(src), check.Want{Settings: manifest.Settings{RedirectURIs: []string{"https://acme.example/auth"}}}, check.Options{ResolveNames: true}); err == nil || !strings.Contains(err.Error(), "web: want an object") {
		t.Errorf("Plan = %v; want web's shape", err)
	}
}

// TestPlannerAgreesWithPlan: a Planner prepared once gives each manifest
// what Plan gives it, when the manifests are planned at once from several
// goroutines (as the command plans files).
func TestPlannerAgreesWithPlan(t *testing.T) {
	in := inputs(t)
	for i, w := range wants(t) {
		for _, o := range append(modes, check.Options{Allow: []string{"ews-retired", "redirect-uri-unchecked"}}) {
			p, err := check.NewPlanner(w, o)
			if err != nil {
				t.Fatalf("want %d, options %+v: %v", i, o, err)
			}
			var wg sync.WaitGroup
			for name, src := range in {
				wg.Go(func() {
					got, gotErr := p.Plan(src)
					want, wantErr := check.Plan(src, w, o)
					if diff := cmp.Diff(want, got); diff != "" || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
						t.Errorf("%s, want %d, options %+v: Planner.Plan and Plan differ (-Plan +Planner):\n%s\nerrors: %v, %v", filepath.Base(name), i, o, diff, wantErr, gotErr)
					}
				})
			}
			wg.Wait()
		}
	}
}

// NewPlanner refuses what Plan refuses before it reads a manifest.
func TestNewPlannerRefuses(t *testing.T) {
	if _, err := check.NewPlanner(check.Want{}, check.Options{Allow: []string{"no-such-code"}}); err == nil {
		t.Error("an unknown --allow code was accepted")
	}
	role := check.Want{Set: manifest.Set{{ResourceAppID: permissions.MicrosoftGraphID, ResourceAccess: []manifest.Access{
		{ID: "024d486e-b451-40bb-833d-3e66d98c5c73", Type: manifest.Role}, // Mail.ReadWrite is a scope with this id
	}}}}
	var ne *permissions.NameError
	if _, err := check.NewPlanner(role, check.Options{}); !errors.As(err, &ne) {
		t.Errorf("a scope's GUID wanted as a role: got %v, want a *permissions.NameError", err)
	}
}
