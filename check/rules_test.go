package check_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
)

// TestRulesRegistered: every code a finding carries is a rule of Rules,
// listed once with what it reports, so --allow takes it, the lints command
// lists it and SARIF has its rule. The engine is run over every sample
// and real manifest, and the synthetic cases of the lint tests, with
// every wanted set and mode; a code it emits that Rules lacks fails.
func TestRulesRegistered(t *testing.T) {
	rules := make(map[string]check.Rule)
	for _, r := range check.Rules() {
		if _, ok := rules[r.Code]; ok {
			t.Errorf("%s listed twice", r.Code)
		}
		if r.About == "" || r.Level < check.LevelNote || r.Level > check.LevelError {
			t.Errorf("%s: level %v, about %q", r.Code, r.Level, r.About)
		}
		rules[r.Code] = r
	}
	var inputs [][]byte
	for _, pattern := range []string{"../manifest/testdata/apply/*.json", "testdata/*.json", "../../shared/corpus/*.json", "../testdata/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, src)
		}
	}
	for _, src := range lintSamples {
		inputs = append(inputs, []byte(src))
	}
	emitted := make(map[string]bool)
	for _, src := range inputs {
		for _, want := range wants(t) {
			for _, opts := range modes {
				opts.Now = lintDay
				res, err := check.Plan(src, want, opts)
				if err != nil {
					continue
				}
				for _, f := range res.Findings {
					emitted[f.Code] = true
					if _, ok := rules[f.Code]; !ok {
						t.Errorf("finding %q carries code %s, which Rules lacks", f.Msg, f.Code)
					}
				}
			}
		}
	}
	t.Logf("%d of %d rules emitted over %d inputs", len(emitted), len(rules), len(inputs))
}

// lintSamples are small manifests that between them draw every rule.
var lintSamples = []string{
	// repeated-resource, duplicate, uppercase-guid, empty-access,
	// redundant, application-permission, calendars-all.
	`{"displayName": "x", "requiredResourceAccess": [
	 {"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope"}, {"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope"}, {"id": "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42", "type": "Scope"}, {"id": "1ec239c2-d7c9-4623-a91a-a9775856bb36", "type": "Scope"}]},
	 {"resourceAppId": "00000003-0000-0000-C000-000000000000", "resourceAccess": [{"id": "D91697B0-A708-4C11-A712-8FB2DC081AA2", "type": "Role"}]},
	 {"resourceAppId": "00000003-0000-0ff1-ce00-000000000000", "resourceAccess": []}]}`,
	// malformed-guid, unknown-name, aad-graph-retired, removed, wrong-type,
	// unknown-permission, ews-retired, disabled.
	`{"displayName": "x", "requiredResourceAccess": [
	 {"resourceAppId": "00000002-0000-0000-c000-000000000000", "resourceAccess": [{"id": "311a71cc-e848-46a1-bdf8-97ff7156d8e6", "type": "Scope"}]},
	 {"resourceAppId": "00000002-0000-0ff1-ce00-000000000000", "resourceAccess": [{"id": "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", "type": "Scope"}]},
	 {"resourceAppId": "Microsft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}]},
	 {"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [
	  {"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683", "type": "Scope"}, {"id": "User.Raed", "type": "Scope"},
	  {"id": "f20584af-9290-4153-9280-ff8bb2c0ea7f", "type": "Role"}, {"id": "024d486e-b451-40bb-833d-3e66d98c5c73", "type": "Role"},
	  {"id": "00000000-0000-0000-0000-000000000001", "type": "Scope"}, {"id": "73ea6732-992c-4292-98f7-9feff18d3ade", "type": "Scope"}]}]}`,
	// secret-expiring, audience-flag, redirect-uri-mismatch.
	`{"name": "x", "signInAudience": "AzureADMyOrg", "availableToOtherTenants": true,
	 "replyUrlsWithType": [{"url": "http://acme.sensehq.com/settings/calendar-sync/auth-result/", "type": "Web"}],
	 "passwordCredentials": [{"endDate": "2025-01-01T00:00:00Z", "keyId": "k"}], "requiredResourceAccess": []}`,
	// fragment; names with name resolution.
	`{"requiredResourceAccess": [{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}]}]}`,
	// privileged: Application.ReadWrite.All.
	`{"displayName": "x", "requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9", "type": "Role"}]}]}`,
}

// TestEveryRuleFires: the samples draw every rule, so that a rule no
// check reports any more cannot stay registered unseen.
func TestEveryRuleFires(t *testing.T) {
	emitted := make(map[string]bool)
	want := func() []check.Want {
		w := wants(t)
		w[1].Set = nil // the agency's redirect URI alone, for the fragment note
		return append(wants(t), w[1])
	}()
	for _, src := range lintSamples {
		for _, w := range want {
			for _, opts := range modes {
				opts.Now = lintDay
				res, err := check.Plan([]byte(src), w, opts)
				if err != nil {
					continue
				}
				for _, f := range res.Findings {
					emitted[f.Code] = true
				}
			}
		}
	}
	for _, r := range check.Rules() {
		switch r.Code {
		case "too-many-resources", "too-many-permissions":
			continue // TestLintLimits draws them, with 51 resources and 401 permissions
		case "catalog-conflict":
			continue // about exports, not manifests: TestWithConflicts draws it
		case "forbidden", "not-allowed":
			continue // need Limits: TestLimits draws them
		case "uncovered":
			continue // about a repository's policy: the command's policy.txtar draws it
		case "only-stored", "only-live", "audience-differs", "redirect-uri-only-stored", "redirect-uri-only-live":
			continue // about two manifests: TestCompare draws them
		}
		if !emitted[r.Code] {
			t.Errorf("no sample draws %s", r.Code)
		}
	}
}

// TestSetupRules: each member manifest.Settings sets is a problem of its
// own rule, and a member with no wording of its own is worded by its path,
// what it was and what apply sets.
func TestSetupRules(t *testing.T) {
	for _, tt := range []struct {
		c               manifest.Change
		code, wantWords string
	}{
		{manifest.Change{Path: manifest.PathRedirectURIs, Now: "https://a.example/auth"}, "redirect-uri", "missing Web redirect URI https://a.example/auth"},
		// A row without wording of its own is worded by changed (here a
		// path with no row, which TestSetupRulesCoverSettings refuses).
		{manifest.Change{Path: "web.homePageUrl", Now: "https://a.example/out"}, "web.homePageUrl", `web.homePageUrl lacks "https://a.example/out"; apply adds it`},
		{manifest.Change{Path: "web.homePageUrl", Was: "https://old/", Now: "https://a.example/out"}, "web.homePageUrl", `web.homePageUrl is "https://old/"; want "https://a.example/out", which apply sets`},
	} {
		code, msg := check.SetupFinding(tt.c)
		if code != tt.code || msg != tt.wantWords {
			t.Errorf("finding of %+v = %s %q; want %s %q", tt.c, code, msg, tt.code, tt.wantWords)
		}
	}
}
