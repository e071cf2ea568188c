package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// corpus returns the real manifests in ../shared/corpus, or skips saying
// why.
func corpus(t *testing.T) []string {
	const dir = "../../../shared/corpus"
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		abs, _ := filepath.Abs(dir)
		t.Skipf("skipping: no real manifests in %s (../shared/corpus beside the repository); they are kept out of the repository, so the corpus tests run only where that folder is", abs)
	}
	return files
}

func runOK(t *testing.T, want int, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, nil, &stdout, &stderr); code != want {
		t.Fatalf("manifestpatch %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, stdout.String(), stderr.String())
	}
	return stdout.Bytes()
}

// TestCorpusShow: show names every Microsoft Graph permission in the corpus,
// and every name and GUID it shows round-trips through lookup.
func TestCorpusShow(t *testing.T) {
	for _, f := range corpus(t) {
		var recs []showJSON
		if err := json.Unmarshal(runOK(t, 0, "show", "--format", "json", f), &recs); err != nil {
			t.Fatal(err)
		}
		for _, p := range recs[0].Permissions {
			if p.ResourceAppID != permissions.MicrosoftGraphID {
				continue
			}
			if p.Permission == "unknown" || !manifest.IsGUID(p.ID) {
				t.Errorf("%s: show does not name %+v", filepath.Base(f), p)
				continue
			}
			var byID, byName []lookupJSON
			json.Unmarshal(runOK(t, 0, "lookup", "--format", "json", p.ID), &byID)
			json.Unmarshal(runOK(t, 0, "lookup", "--format", "json", "Microsoft Graph/"+p.Permission), &byName)
			if !hasPerm(byID[0].Permissions, p.Permission, p.ID) || !hasPerm(byName[0].Permissions, p.Permission, p.ID) {
				t.Errorf("%s: %s %s does not round-trip through lookup", filepath.Base(f), p.Permission, p.ID)
			}
		}
	}
}

func hasPerm(ps []showPerm, name, id string) bool {
	for _, p := range ps {
		if p.Permission == name && p.ID == id {
			return true
		}
	}
	return false
}

// TestCorpusTemplates: a Teams Toolkit template that names its permissions
// satisfies check for its own set, gets no GUID duplicates from apply, and
// converts to GUIDs with --resolve-names, changing only those values.
func TestCorpusTemplates(t *testing.T) {
	n := 0
	for _, f := range corpus(t) {
		src, _ := os.ReadFile(f)
		m, err := manifest.Read(src)
		if err != nil || !namesPermissions(m) {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			runOK(t, 0, "check", "--from", f, f)
			out := runOK(t, 0, "apply", "--from", f, "--stdout", f)
			if !bytes.Equal(out, src) {
				t.Errorf("apply --from itself changed the template")
			}
			resolved := runOK(t, 0, "apply", "--from", f, "--resolve-names", "--stdout", f)
			rm, err := manifest.Read(resolved)
			if err != nil {
				t.Fatal(err)
			}
			if namesPermissions(rm) {
				t.Errorf("names left after --resolve-names:\n%s", resolved)
			}
			if got, want := len(flattenAll(rm)), len(flattenAll(m)); got != want {
				t.Errorf("%d permissions after --resolve-names, want %d", got, want)
			}
			// Only the named values change: the same lines, each either
			// unchanged or with one string value replaced.
			ol, nl := strings.Split(string(src), "\n"), strings.Split(string(resolved), "\n")
			if len(ol) != len(nl) {
				t.Fatalf("--resolve-names changed the number of lines: %d to %d", len(ol), len(nl))
			}
			for i := range ol {
				if ol[i] != nl[i] && !(strings.Contains(ol[i], `"id"`) || strings.Contains(ol[i], `"resourceAppId"`)) {
					t.Errorf("line %d changed: %q to %q", i+1, ol[i], nl[i])
				}
			}
			dir := t.TempDir()
			p := filepath.Join(dir, "resolved.json")
			os.WriteFile(p, resolved, 0o644)
			runOK(t, 0, "check", "--from", f, p)
		})
	}
	if n == 0 {
		t.Errorf("no template in the corpus names its permissions")
	}
}

func namesPermissions(m manifest.Manifest) bool {
	for _, r := range m.Resources {
		if !manifest.IsGUID(r.ResourceAppID) {
			return true
		}
		for _, a := range r.ResourceAccess {
			if !manifest.IsGUID(a.ID) {
				return true
			}
		}
	}
	return false
}

func flattenAll(m manifest.Manifest) []manifest.Access {
	var out []manifest.Access
	for _, r := range m.Resources {
		out = append(out, r.ResourceAccess...)
	}
	return out
}
