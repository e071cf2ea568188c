package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// liveShape writes the app of m as az ad app show prints it, as another
// tool would keep it: Microsoft Graph's members, the resources and
// permissions in reverse order, known permissions by name and the others
// in upper case, the first one twice, and the audience in lower case.
// edit may change it first.
func liveShape(t *testing.T, m manifest.Manifest, edit func(*liveApp)) []byte {
	t.Helper()
	cat := permissions.Builtin()
	app := liveApp{AppID: "11111111-2222-3333-4444-555555555555", SignInAudience: strings.ToLower(m.Setup.Audience())}
	for _, u := range m.Setup.RedirectURIs {
		app.Web.RedirectURIs = append(app.Web.RedirectURIs, u.URI)
	}
	for _, r := range slices.Backward(m.Resources) {
		e := liveEntry{ResourceAppID: strings.ToUpper(r.ResourceAppID)}
		for _, a := range slices.Backward(r.ResourceAccess) {
			id := strings.ToUpper(a.ID)
			if d := cat.Describe(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}); d.Status == permissions.StatusKnown {
				id = d.Name
			}
			e.ResourceAccess = append(e.ResourceAccess, liveAccess{id, string(a.Type)})
		}
		if len(e.ResourceAccess) > 0 {
			e.ResourceAccess = append(e.ResourceAccess, e.ResourceAccess[0])
		}
		app.RequiredResourceAccess = append(app.RequiredResourceAccess, e)
	}
	if edit != nil {
		edit(&app)
	}
	out, err := json.MarshalIndent(app, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type liveApp struct {
	AppID          string `json:"appId"`
	SignInAudience string `json:"signInAudience"`
	Web            struct {
		RedirectURIs []string `json:"redirectUris"`
	} `json:"web"`
	RequiredResourceAccess []liveEntry `json:"requiredResourceAccess"`
}

type liveEntry struct {
	ResourceAppID  string       `json:"resourceAppId"`
	ResourceAccess []liveAccess `json:"resourceAccess"`
}

type liveAccess struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// TestDiffPairs runs diff on pairs built from the samples and the corpus:
// a manifest against the same app in az's shape is equal (exit 0); one
// added permission, one changed audience and one missing redirect URI are
// each reported once, with their code (exit 1).
func TestDiffPairs(t *testing.T) {
	samples, _ := filepath.Glob("../../testdata/*.json")
	t.Run("samples", func(t *testing.T) { diffPairs(t, samples) })
	t.Run("corpus", func(t *testing.T) { diffPairs(t, corpus(t)) })
}

func diffPairs(t *testing.T, files []string) {
	pairs := 0
	defer func() {
		t.Logf("%d pairs from %d files", pairs, len(files))
		if pairs == 0 {
			t.Errorf("no pairs: no file is an application with an audience")
		}
	}()
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		m, err := manifest.Read(src)
		if err != nil || m.Setup.Audience() == "" {
			continue // not an application with an audience: not a pair
		}
		pairs++
		dir := t.TempDir()
		live := filepath.Join(dir, "live.json")
		diff := func(edit func(*liveApp)) (int, []findingJSON) {
			os.WriteFile(live, liveShape(t, m, edit), 0o644)
			var out, stderr bytes.Buffer
			code := run([]string{"diff", "--format", "json", file, live}, strings.NewReader(""), &out, &stderr)
			var rec diffJSON
			if err := json.Unmarshal(out.Bytes(), &rec); err != nil {
				t.Fatalf("diff %s: exit %d, not JSON: %v\n%s%s", file, code, err, out.String(), stderr.String())
			}
			return code, rec.Differences
		}
		name := filepath.Base(file)
		// An application permission the manifest does not list.
		extra := ""
		for _, role := range []string{"Mail.Send", "Sites.FullControl.All", "Chat.Read.All"} {
			listed := false
			for _, r := range m.Resources {
				for _, a := range r.ResourceAccess {
					d := permissions.Builtin().Describe(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type})
					listed = listed || d.Name == role && a.Type == manifest.Role
				}
			}
			if !listed {
				extra = role
				break
			}
		}
		if code, d := diff(nil); code != exitOK || len(d) != 0 {
			t.Errorf("%s against itself in az's shape: exit %d, %v", name, code, d)
		}
		for code, edit := range map[string]func(*liveApp){
			"only-live": func(a *liveApp) {
				a.RequiredResourceAccess = append(a.RequiredResourceAccess, liveEntry{"00000003-0000-0000-c000-000000000000", []liveAccess{{extra, "Role"}}})
			},
			"audience-differs": func(a *liveApp) {
				if a.SignInAudience == strings.ToLower(manifest.AzureADMyOrg) {
					a.SignInAudience = manifest.AzureADMultipleOrgs
				} else {
					a.SignInAudience = manifest.AzureADMyOrg
				}
			},
			"redirect-uri-only-live": func(a *liveApp) {
				a.Web.RedirectURIs = append(a.Web.RedirectURIs, "https://example.com/added")
			},
		} {
			got, d := diff(edit)
			if got != exitChanges || len(d) != 1 || d[0].Code != code {
				t.Errorf("%s with one %s: exit %d, %v", name, code, got, d)
			}
		}
		if len(m.Setup.RedirectURIs) > 0 {
			got, d := diff(func(a *liveApp) { a.Web.RedirectURIs = a.Web.RedirectURIs[1:] })
			if got != exitChanges || len(d) != 1 || d[0].Code != "redirect-uri-only-stored" || d[0].Line == 0 {
				t.Errorf("%s with a redirect URI missing live: exit %d, %v", name, got, d)
			}
		}
	}
}
