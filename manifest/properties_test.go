package manifest_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// checkApply checks the promises Apply makes about out, the result of
// applying want to in with mode.
func checkApply(t *testing.T, in, out []byte, want manifest.Set, mode manifest.Mode) {
	t.Helper()
	bom := []byte("\xEF\xBB\xBF")
	if bytes.HasPrefix(in, bom) != bytes.HasPrefix(out, bom) {
		t.Errorf("byte order mark not kept")
	}
	if !json.Valid(bytes.TrimPrefix(out, bom)) {
		t.Fatalf("output is not valid JSON:\n%s", out)
	}

	// Bytes outside the edited region are unchanged.
	start, end, multiline, err := manifest.EditRegion(in)
	if err != nil {
		t.Fatalf("EditRegion: %v", err)
	}
	tail := len(in) - end
	if len(out) < start+tail || !bytes.Equal(in[:start], out[:start]) || !bytes.Equal(in[end:], out[len(out)-tail:]) {
		t.Errorf("bytes outside requiredResourceAccess changed")
	}

	before, err := manifest.Read(in)
	if err != nil {
		t.Fatalf("Read(input): %v", err)
	}
	after, err := manifest.Read(out)
	if err != nil {
		t.Fatalf("Read(output): %v", err)
	}
	got := flatten(after.Resources)
	for _, p := range want.Permissions() {
		if !contains(got, p) {
			t.Errorf("output lacks wanted %v", p)
		}
	}

	switch mode {
	case manifest.Merge:
		// Existing entries keep their place, order and contents.
		if len(after.Resources) < len(before.Resources) {
			t.Fatalf("merge lost entries: %d before, %d after", len(before.Resources), len(after.Resources))
		}
		for i, r := range before.Resources {
			a := after.Resources[i]
			if a.ResourceAppID != r.ResourceAppID || len(a.ResourceAccess) < len(r.ResourceAccess) {
				t.Fatalf("merge changed entry %d: %v became %v", i, r, a)
			}
			for j := range r.ResourceAccess {
				if a.ResourceAccess[j] != r.ResourceAccess[j] {
					t.Errorf("merge changed entry %d permission %d: %v became %v", i, j, r.ResourceAccess[j], a.ResourceAccess[j])
				}
			}
		}
		if multiline {
			if bad := notOnlyAdded(in, out); bad != "" {
				t.Errorf("line diff shows more than added lines and commas: input line %q", bad)
			}
		}
	case manifest.Overwrite:
		checkOverwrite(t, before, after, want)
	}

	again, rep, err := manifest.Apply(out, want, manifest.Options{Mode: mode})
	if err != nil {
		t.Fatalf("second Apply: %v", err)
	}
	if rep.Changed || !bytes.Equal(again, out) {
		t.Errorf("second Apply changed the output:\n%s", again)
	}
}

// notOnlyAdded returns the first line of in that does not stand in out in
// order, allowing a comma added at its end; "" when there is none.
func notOnlyAdded(in, out []byte) string {
	ol := strings.SplitAfter(string(out), "\n")
	j := 0
	for _, l := range strings.SplitAfter(string(in), "\n") {
		body := strings.TrimRight(l, "\r\n")
		withComma := body + "," + l[len(body):]
		for j < len(ol) && ol[j] != l && ol[j] != withComma {
			j++
		}
		if j == len(ol) {
			return l
		}
		j++
	}
	return ""
}

func flatten(rs []manifest.Resource) []manifest.Permission {
	var out []manifest.Permission
	for _, r := range rs {
		for _, a := range r.ResourceAccess {
			out = append(out, manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type})
		}
	}
	return out
}

func contains(ps []manifest.Permission, p manifest.Permission) bool {
	for _, q := range ps {
		if q.Equal(p) {
			return true
		}
	}
	return false
}

// checkOverwrite checks what Overwrite promises: the output lists each
// wanted permission once and nothing else, the permissions that stay keep
// their order, and entries that stay keep their order too.
func checkOverwrite(t *testing.T, before, after manifest.Manifest, want manifest.Set) {
	t.Helper()
	got := flatten(after.Resources)
	w := want.Permissions()
	if len(got) != len(w) {
		t.Errorf("overwrite left %d permissions, want %d: %v", len(got), len(w), got)
	}
	for _, p := range w {
		if !contains(got, p) {
			t.Errorf("overwrite lacks wanted %v", p)
		}
	}
	// The first listing of each wanted permission stays, in order, before
	// the added ones.
	var stay []manifest.Permission
	for _, p := range flatten(before.Resources) {
		if contains(w, p) && !contains(stay, p) {
			stay = append(stay, p)
		}
	}
	var kept []manifest.Permission
	for _, p := range got {
		if contains(stay, p) {
			kept = append(kept, p)
		}
	}
	if !slices.EqualFunc(stay, kept, manifest.Permission.Equal) {
		t.Errorf("overwrite reordered the permissions that stay: %v became %v", stay, kept)
	}
	for _, r := range after.Resources {
		if len(r.ResourceAccess) == 0 {
			t.Errorf("overwrite left an entry with no permissions: %v", r)
		}
	}
}
