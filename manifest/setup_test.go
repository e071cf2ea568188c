package manifest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/manifest"
)

const acmeURI = "https://acme.sensehq.com/settings/calendar-sync/auth-result"

// setupOptions asks for an audience and a redirect URI besides the
// permissions. The tests of the byte editor fix what they want here rather
// than take it from a profile, so that their goldens change only when the
// editor does.
func setupOptions(testing.TB) manifest.Options {
	return manifest.Options{Settings: manifest.Settings{SignInAudience: manifest.AzureADMultipleOrgs, RedirectURIs: []string{acmeURI}}}
}

// TestGoldenSetup applies calendarSet and setupOptions (permissions,
// audience and redirect URI) to each testdata/apply/*.json and compares
// with NAME.setup.golden.
func TestGoldenSetup(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/apply/*.json")
	want := calendarSet
	opts := setupOptions(t)
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".json")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			out, _, err := manifest.Apply(src, want, opts)
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(in, ".json") + ".setup.golden"
			if *update {
				os.WriteFile(golden, out, 0o644)
			}
			wantOut, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(wantOut), string(out)); diff != "" {
				t.Errorf("Apply mismatch (-want +got):\n%s", diff)
			}
			checkSetup(t, src, out, want, opts)
		})
	}
}

// checkSetup checks what Apply promises for the audience and redirect URIs.
func checkSetup(t *testing.T, in, out []byte, want manifest.Set, opts manifest.Options) {
	t.Helper()
	if !json.Valid(bytes.TrimPrefix(out, []byte("\xEF\xBB\xBF"))) {
		t.Fatalf("output is not valid JSON:\n%s", out)
	}
	before, err := manifest.ReadSetup(in)
	if err != nil {
		t.Fatal(err)
	}
	after, err := manifest.ReadSetup(out)
	if err != nil {
		t.Fatal(err)
	}
	if after.Schema != before.Schema {
		t.Errorf("format changed from %v to %v", before.Schema, after.Schema)
	}
	if before.Schema != manifest.SchemaFragment {
		if !after.Admits(opts.Settings.SignInAudience) {
			t.Errorf("does not admit %s after Apply: %+v", opts.Settings.SignInAudience, after)
		}
		// An audience that admits the wanted one is kept, but for its
		// spelling: one in another case than Entra's is written as Entra
		// spells it.
		spelt := manifest.AudienceOf(before.SignInAudience).Audience()
		if before.Admits(opts.Settings.SignInAudience) && (after.SignInAudience != before.SignInAudience && after.SignInAudience != spelt ||
			!cmp.Equal(after.AvailableToOtherTenants, before.AvailableToOtherTenants)) {
			t.Errorf("the audience admitted %s already but changed: %+v became %+v", opts.Settings.SignInAudience, before, after)
		}
		found := false
		for _, r := range after.RedirectURIs {
			found = found || r.URI == acmeURI
		}
		if !found {
			t.Errorf("redirect URI missing after Apply: %+v", after.RedirectURIs)
		}
	}
	// Other redirect URIs are kept, in order, before the new one.
	for i, r := range before.RedirectURIs {
		if i >= len(after.RedirectURIs) || after.RedirectURIs[i].URI != r.URI {
			t.Errorf("redirect URI %d (%s) not kept", i, r.URI)
		}
	}
	checkSetupPositions(t, in, before)
	checkSetupPositions(t, out, after)
	again, rep, err := manifest.Apply(out, want, opts)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Changed || !bytes.Equal(again, out) {
		t.Errorf("second Apply changed the output:\n%s", again)
	}
}

// TestCorpusSetup applies the whole setup to every real manifest.
func TestCorpusSetup(t *testing.T) {
	files, _ := filepath.Glob("../../shared/corpus/*.json")
	if len(files) == 0 {
		t.Skip("../shared/corpus not present")
	}
	want := calendarSet
	opts := setupOptions(t)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, _ := os.ReadFile(f)
			out, _, err := manifest.Apply(src, want, opts)
			if err != nil {
				t.Fatal(err)
			}
			checkSetup(t, src, out, want, opts)
		})
	}
}

func TestReadSetup(t *testing.T) {
	tests := []struct {
		name, in string
		want     manifest.Setup
	}{
		{"graph", `{"appId": "a", "displayName": "x", "signInAudience": "AzureADMyOrg", "web": {"redirectUris": ["https://a/", 3]}}`,
			manifest.Setup{Schema: manifest.SchemaGraph, AppID: "a", SignInAudience: "AzureADMyOrg",
				RedirectURIs: []manifest.RedirectURI{{URI: "https://a/", Path: "web.redirectUris[0]", Pos: manifest.Position{Offset: 94, Line: 1, Column: 95}}}}},
		{"legacy", `{"name": "x", "availableToOtherTenants": true, "replyUrlsWithType": [{"url": "https://b/", "type": "Web"}, {"url": "https://c/", "type": "Spa"}]}`,
			manifest.Setup{Schema: manifest.SchemaLegacy, AvailableToOtherTenants: ptr(true),
				RedirectURIs: []manifest.RedirectURI{{URI: "https://b/", Path: "replyUrlsWithType[0].url", Pos: manifest.Position{Offset: 77, Line: 1, Column: 78}}}}},
		{"legacy entry without type", `{"name": "x", "replyUrlsWithType": [{"url": "https://d/"}, {"type": "Web"}, "e"]}`,
			manifest.Setup{Schema: manifest.SchemaLegacy,
				RedirectURIs: []manifest.RedirectURI{{URI: "https://d/", Path: "replyUrlsWithType[0].url", Pos: manifest.Position{Offset: 44, Line: 1, Column: 45}}}}},
		{"graph credentials", `{"displayName": "x", "passwordCredentials": [{"displayName": "ci", "endDateTime": "2026-12-01T00:00:00Z", "hint": "abc", "keyId": "k1", "secretText": null}, 7, {"keyId": "k2"}],
 "keyCredentials": [{"customKeyIdentifier": "C0FFEE", "endDateTime": null, "endDate": "2027-01-01", "keyId": 3}],
 "web": null}`,
			manifest.Setup{Schema: manifest.SchemaGraph, Credentials: []manifest.Credential{
				{Kind: manifest.PasswordCredential, KeyID: "k1", DisplayName: "ci", End: "2026-12-01T00:00:00Z", Path: "passwordCredentials[0].endDateTime", Pos: manifest.Position{Offset: 82, Line: 1, Column: 83}},
				{Kind: manifest.PasswordCredential, KeyID: "k2", Path: "passwordCredentials[2]", Pos: manifest.Position{Offset: 160, Line: 1, Column: 161}},
				{Kind: manifest.KeyCredential, KeyID: "C0FFEE", End: "2027-01-01", Path: "keyCredentials[0].endDate", Pos: manifest.Position{Offset: 264, Line: 2, Column: 87}},
			}}},
		{"legacy credentials", "{\n\t\"name\": \"x\",\n\t\"passwordCredentials\": [\n\t\t{\"customKeyIdentifier\": null, \"endDate\": \"2025-05-24T09:05:30Z\", \"keyId\": \"93b4\", \"value\": null, \"hint\": \"ywd\", \"displayName\": \"default\"}\n\t],\n\t\"oauth2AllowImplicitFlow\": false\n}",
			manifest.Setup{Schema: manifest.SchemaLegacy, Credentials: []manifest.Credential{
				{Kind: manifest.PasswordCredential, KeyID: "93b4", DisplayName: "default", End: "2025-05-24T09:05:30Z", Path: "passwordCredentials[0].endDate", Pos: manifest.Position{Offset: 85, Line: 4, Column: 44}},
			}}},
		{"fragment", `{"requiredResourceAccess": []}`, manifest.Setup{Schema: manifest.SchemaFragment}},
		{"bare", `[]`, manifest.Setup{Schema: manifest.SchemaFragment}},
	}
	for _, tt := range tests {
		got, err := manifest.ReadSetup([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: ReadSetup (-want +got):\n%s", tt.name, diff)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestSetupEdits(t *testing.T) {
	opts := manifest.Options{Settings: manifest.Settings{SignInAudience: manifest.AzureADMultipleOrgs, RedirectURIs: []string{acmeURI}}}
	tests := []struct{ name, in, want string }{
		{"legacy flag only",
			"{\n\t\"name\": \"x\",\n\t\"availableToOtherTenants\": false,\n\t\"replyUrls\": []\n}",
			"{\n\t\"name\": \"x\",\n\t\"availableToOtherTenants\": true,\n\t\"replyUrls\": [],\n\t\"replyUrlsWithType\": [\n\t\t{\n\t\t\t\"url\": \"" + acmeURI + "\",\n\t\t\t\"type\": \"Web\"\n\t\t}\n\t]\n}"},
		{"web without redirectUris",
			"{\n  \"displayName\": \"x\",\n  \"signInAudience\": \"AzureADMyOrg\",\n  \"web\": {\n    \"homePageUrl\": null\n  }\n}\n",
			"{\n  \"displayName\": \"x\",\n  \"signInAudience\": \"AzureADMultipleOrgs\",\n  \"web\": {\n    \"homePageUrl\": null,\n    \"redirectUris\": [\n      \"" + acmeURI + "\"\n    ]\n  }\n}\n"},
		{"redirectUriSettings kept in step",
			`{"displayName": "x", "signInAudience": "AzureADMultipleOrgs", "web": {"redirectUris": ["https://a/"], "redirectUriSettings": [{"uri": "https://a/", "index": null}]}}`,
			`{"displayName": "x", "signInAudience": "AzureADMultipleOrgs", "web": {"redirectUris": ["https://a/", "` + acmeURI + `"], "redirectUriSettings": [{"uri": "https://a/", "index": null}, {"uri": "` + acmeURI + `", "index": null}]}}`},
		{"web null",
			"{\"displayName\": \"x\", \"signInAudience\": \"AzureADMultipleOrgs\", \"web\": null}",
			"{\"displayName\": \"x\", \"signInAudience\": \"AzureADMultipleOrgs\", \"web\": {\"redirectUris\": [\"" + acmeURI + "\"]}}"},
		{"close but wrong kept",
			`{"displayName": "x", "signInAudience": "AzureADMultipleOrgs", "web": {"redirectUris": ["http://acme.sensehq.com/settings/calendar-sync/auth-result"]}}`,
			`{"displayName": "x", "signInAudience": "AzureADMultipleOrgs", "web": {"redirectUris": ["http://acme.sensehq.com/settings/calendar-sync/auth-result", "` + acmeURI + `"]}}`},
	}
	for _, tt := range tests {
		out, _, err := manifest.Apply([]byte(tt.in), nil, opts)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, string(out)); diff != "" {
			t.Errorf("%s: (-want +got):\n%s", tt.name, diff)
		}
	}
	_, _, err := manifest.Apply([]byte(`{"displayName": "x", "web": "https://a/"}`), nil, opts)
	var se *manifest.ShapeError
	if !errors.As(err, &se) || se.Path != "web" {
		t.Errorf("web as a string: error %v, want a shape error at web", err)
	}
}

// TestSetupWrongTypes: a member Apply would set or add to that holds a
// value of another type is an error at the value, not a value taken as
// absent and overwritten, or kept beside what is added. null is absent.
func TestSetupWrongTypes(t *testing.T) {
	opts := setupOptions(t)
	for _, tt := range []struct{ in, pos, path, msg string }{
		{`{"displayName": "x", "signInAudience": 5}`, "1:40", "signInAudience", "want a string, such as AzureADMultipleOrgs, got a number"},
		{`{"displayName": "x", "availableToOtherTenants": "yes"}`, "1:49", "availableToOtherTenants", "want true or false, got a string"},
		{`{"displayName": "x", "web": {"redirectUris": ["https://a/", 5]}}`, "1:61", "web.redirectUris[1]", "want a redirect URI, a string; got a number"},
		{`{"displayName": "x", "replyUrlsWithType": [{"url": 7, "type": "Web"}]}`, "1:52", "replyUrlsWithType[0].url", "want a redirect URI, a string; got a number"},
		{`{"displayName": "x", "replyUrlsWithType": ["https://a/"]}`, "1:44", "replyUrlsWithType[0]", "want an object with a url; got a string"},
	} {
		_, _, err := manifest.Apply([]byte(tt.in), nil, opts)
		var se *manifest.ShapeError
		if !errors.As(err, &se) || se.Pos.String() != tt.pos || se.Path != tt.path || se.Msg != tt.msg {
			t.Errorf("%s: error %v; want %s: %s: %s", tt.in, err, tt.pos, tt.path, tt.msg)
		}
	}
	if _, _, err := manifest.Apply([]byte(`{"displayName": "x", "signInAudience": null, "availableToOtherTenants": null}`), nil, opts); err != nil {
		t.Errorf("null members: %v", err)
	}
}

// checkSetupPositions checks that each redirect URI and credential end date
// is where its Pos says, under its Path's last name.
func checkSetupPositions(t *testing.T, src []byte, s manifest.Setup) {
	t.Helper()
	at := func(what string, p manifest.Position, want string) {
		t.Helper()
		if p != positionOf(src, p.Offset) {
			t.Fatalf("%s %q at %+v, want %+v", what, want, p, positionOf(src, p.Offset))
		}
		var got string
		if err := json.NewDecoder(bytes.NewReader(src[p.Offset:])).Decode(&got); err != nil || got != want {
			t.Fatalf("%s %q at %v, but the value there is %q (%v)", what, want, p, got, err)
		}
	}
	for _, r := range s.RedirectURIs {
		at(r.Path, r.Pos, r.URI)
	}
	for _, c := range s.Credentials {
		// An end date that is an empty string is still where Path says;
		// a credential with no end date is placed at its object.
		if c.End != "" || strings.HasSuffix(c.Path, ".endDate") || strings.HasSuffix(c.Path, ".endDateTime") {
			at(c.Path, c.Pos, c.End)
		} else if src[c.Pos.Offset] != '{' {
			t.Fatalf("credential %s at %v is not at its object", c.Path, c.Pos)
		}
	}
}

// TestAudience states the audience rule: the declared audience is
// signInAudience when present, else availableToOtherTenants; Apply sets
// the wanted one unless the declared one admits it, and never narrows.
func TestAudience(t *testing.T) {
	multi := manifest.AzureADMultipleOrgs
	tests := []struct {
		name, want, in, out string
		was                 string
		conflict            bool
	}{
		{"personal accounts kept", multi,
			`{"displayName": "x", "signInAudience": "AzureADandPersonalMicrosoftAccount"}`, "", "AzureADandPersonalMicrosoftAccount", false},
		{"legacy flag disagrees, audience decides", multi,
			`{"name": "x", "signInAudience": "AzureADMultipleOrgs", "availableToOtherTenants": false}`, "", "AzureADMultipleOrgs", true},
		{"multiple orgs kept for my org", manifest.AzureADMyOrg,
			`{"displayName": "x", "signInAudience": "AzureADMultipleOrgs"}`, "", "AzureADMultipleOrgs", false},
		{"widened from my org", multi,
			`{"displayName": "x", "signInAudience": "AzureADMyOrg"}`, `{"displayName": "x", "signInAudience": "AzureADMultipleOrgs"}`, "AzureADMyOrg", false},
		{"widened to personal accounts", manifest.AzureADandPersonalMicrosoftAccount,
			`{"displayName": "x", "signInAudience": "AzureADMultipleOrgs"}`, `{"displayName": "x", "signInAudience": "AzureADandPersonalMicrosoftAccount"}`, "AzureADMultipleOrgs", false},
		{"legacy flag only", multi,
			"{\n\t\"name\": \"x\",\n\t\"availableToOtherTenants\": false\n}", "{\n\t\"name\": \"x\",\n\t\"availableToOtherTenants\": true\n}", "availableToOtherTenants false", false},
		{"legacy flag true kept", multi, `{"name": "x", "availableToOtherTenants": true}`, "", "availableToOtherTenants true", false},
		{"legacy flag cannot say personal accounts", manifest.AzureADandPersonalMicrosoftAccount,
			`{"name": "x", "availableToOtherTenants": false}`, `{"name": "x", "availableToOtherTenants": true, "signInAudience": "AzureADandPersonalMicrosoftAccount"}`, "availableToOtherTenants false", false},
		{"both set to agree", multi,
			`{"name": "x", "signInAudience": "AzureADMyOrg", "availableToOtherTenants": false}`, `{"name": "x", "signInAudience": "AzureADMultipleOrgs", "availableToOtherTenants": true}`, "AzureADMyOrg", false},
		{"null audience, flag decides", multi,
			`{"name": "x", "signInAudience": null, "availableToOtherTenants": true}`, "", "availableToOtherTenants true", false},
		{"none", multi, `{"appId": "a", "requiredResourceAccess": []}`, `{"appId": "a", "requiredResourceAccess": [], "signInAudience": "AzureADMultipleOrgs"}`, "", false},
		{"escaped key set in place", multi,
			"\xEF\xBB\xBF{\"displayName\": \"\u00e9\", \"sign\\u0049nAudience\": \"AzureADMyOrg\" }", "\xEF\xBB\xBF{\"displayName\": \"\u00e9\", \"sign\\u0049nAudience\": \"AzureADMultipleOrgs\" }", "AzureADMyOrg", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := manifest.ReadSetup([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := s.AudienceSource(); got != tt.was {
				t.Errorf("AudienceSource() = %q, want %q", got, tt.was)
			}
			if s.AudienceConflict != tt.conflict {
				t.Errorf("AudienceConflict %v, want %v", s.AudienceConflict, tt.conflict)
			}
			if got := s.Admits(tt.want); got != (tt.out == "") {
				t.Errorf("Admits(%s) = %v", tt.want, got)
			}
			out, rep, err := manifest.Apply([]byte(tt.in), nil, manifest.Options{Settings: manifest.Settings{SignInAudience: tt.want}})
			if err != nil {
				t.Fatal(err)
			}
			wantOut := tt.out
			if wantOut == "" {
				wantOut = tt.in
			}
			if diff := cmp.Diff(wantOut, string(out)); diff != "" {
				t.Errorf("Apply (-want +got):\n%s", diff)
			}
			c, changed := rep.Change(manifest.PathSignInAudience)
			if changed != (tt.out != "") || changed && c.Was != tt.was {
				t.Errorf("audience change %+v, %v; want was %q, %v", c, changed, tt.was, tt.out != "")
			}
			after, err := manifest.ReadSetup(out)
			if err != nil || !after.Admits(tt.want) {
				t.Errorf("after Apply, Admits(%s) is false (%v)", tt.want, err)
			}
		})
	}
}

// TestAudienceSpelling: an audience in another case than Entra spells it
// is read by meaning, so it is never narrowed, and Apply writes the same
// audience in Entra's spelling; kinds of account it admitted stay.
func TestAudienceSpelling(t *testing.T) {
	tests := []struct{ want, in, now string }{
		{manifest.AzureADMultipleOrgs, "AzureADAndPersonalMicrosoftAccount", manifest.AzureADandPersonalMicrosoftAccount},
		{manifest.AzureADMultipleOrgs, "azureadmultipleorgs", manifest.AzureADMultipleOrgs},
		{manifest.AzureADMyOrg, "AZUREADMULTIPLEORGS", manifest.AzureADMultipleOrgs},
		// Not admitted and mis-cased: widened, in Entra's spelling.
		{manifest.AzureADMultipleOrgs, "personalMicrosoftAccount", manifest.AzureADandPersonalMicrosoftAccount},
	}
	for _, tt := range tests {
		in := `{"displayName": "x", "signInAudience": "` + tt.in + `"}`
		out, rep, err := manifest.Apply([]byte(in), nil, manifest.Options{Settings: manifest.Settings{SignInAudience: tt.want}})
		if err != nil {
			t.Fatal(err)
		}
		want := `{"displayName": "x", "signInAudience": "` + tt.now + `"}`
		if c, ok := rep.Change(manifest.PathSignInAudience); string(out) != want || !ok || c.Now != tt.now || c.Was != tt.in {
			t.Errorf("Apply(%s, want %s) = %s, %+v; want %s", tt.in, tt.want, out, rep, want)
		}
		if got, had := manifest.AudienceOf(tt.now), manifest.AudienceOf(tt.in); got&had != had {
			t.Errorf("%s dropped accounts %s admitted", tt.now, tt.in)
		}
		// Applied again, nothing changes.
		if again, _, err := manifest.Apply(out, nil, manifest.Options{Settings: manifest.Settings{SignInAudience: tt.want}}); err != nil || string(again) != string(out) {
			t.Errorf("second Apply changed %s to %s (%v)", out, again, err)
		}
	}
}

// TestOneLineLists shows that a list in an object on one line stays on one
// line when it grows, in a document that spans several.
func TestOneLineLists(t *testing.T) {
	opts := manifest.Options{Settings: manifest.Settings{RedirectURIs: []string{"https://a/"}}}
	tests := []struct{ name, in, want string }{
		{"empty redirectUris", "{\n  \"displayName\": \"x\",\n  \"web\": {\"redirectUris\": []}\n}\n",
			"{\n  \"displayName\": \"x\",\n  \"web\": {\"redirectUris\": [\"https://a/\"]}\n}\n"},
		{"spaced", "{\n  \"displayName\": \"x\",\n  \"web\": { \"redirectUris\": null, \"redirectUriSettings\": [] }\n}\n",
			"{\n  \"displayName\": \"x\",\n  \"web\": { \"redirectUris\": [ \"https://a/\" ], \"redirectUriSettings\": [ { \"uri\": \"https://a/\", \"index\": null } ] }\n}\n"},
		{"no redirectUris", "{\n  \"displayName\": \"x\",\n  \"web\": {\"homePageUrl\": null}\n}\n",
			"{\n  \"displayName\": \"x\",\n  \"web\": {\"homePageUrl\": null, \"redirectUris\": [\"https://a/\"]}\n}\n"},
		{"one line everywhere", `{"displayName": "x", "web": {"redirectUris": []}}`,
			`{"displayName": "x", "web": {"redirectUris": ["https://a/"]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := manifest.Apply([]byte(tt.in), nil, opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(out)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
