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
		checkMerge(t, before, after, want)
		if multiline && clean(before) {
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

// deduped returns the entries of m with the repeats of each permission
// left out, its first listing kept: what Merge keeps.
func deduped(m manifest.Manifest) []manifest.Resource {
	var seen []manifest.Permission
	out := make([]manifest.Resource, len(m.Resources))
	for i, r := range m.Resources {
		out[i] = manifest.Resource{ResourceAppID: r.ResourceAppID}
		for _, a := range r.ResourceAccess {
			p := manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}
			if !contains(seen, p) {
				seen = append(seen, p)
				out[i].ResourceAccess = append(out[i].ResourceAccess, a)
			}
		}
	}
	return out
}

// clean reports whether m holds nothing Merge removes: no repeats and no
// empty entries.
func clean(m manifest.Manifest) bool {
	for i, r := range deduped(m) {
		if len(r.ResourceAccess) == 0 || len(r.ResourceAccess) != len(m.Resources[i].ResourceAccess) {
			return false
		}
	}
	return true
}

// checkMerge checks what Merge promises: every permission listed stays,
// once, in its entry, in order, before what is added there; the repeats of
// a permission and the entries left with none (or that had none) are
// removed, as Microsoft Graph rejects them, unless an entry receives what
// is added; and what is added is exactly the wanted permissions the input
// lacked.
func checkMerge(t *testing.T, before, after manifest.Manifest, want manifest.Set) {
	t.Helper()
	had := flatten(before.Resources)
	var added []manifest.Permission
	for _, p := range want.Permissions() {
		if !contains(had, p) && !contains(added, p) {
			added = append(added, p)
		}
	}
	k := 0
	for i, r := range deduped(before) {
		switch {
		case len(r.ResourceAccess) > 0:
			if k >= len(after.Resources) {
				t.Fatalf("merge lost entry %d: %v", i, r)
			}
			a := after.Resources[k]
			if a.ResourceAppID != r.ResourceAppID || len(a.ResourceAccess) < len(r.ResourceAccess) ||
				!slices.Equal(r.ResourceAccess, a.ResourceAccess[:len(r.ResourceAccess)]) {
				t.Fatalf("merge changed entry %d: %v became %v", i, before.Resources[i], a)
			}
			for _, x := range a.ResourceAccess[len(r.ResourceAccess):] {
				if !containsAccess(added, x) {
					t.Fatalf("merge added %v to entry %d, which is not a missing wanted permission", x, i)
				}
			}
			k++
		case k < len(after.Resources) && after.Resources[k].ResourceAppID == r.ResourceAppID && len(after.Resources[k].ResourceAccess) > 0 &&
			allAdded(after.Resources[k].ResourceAccess, added):
			k++ // an empty entry that received what is added
		}
	}
	for _, r := range after.Resources[k:] {
		if !allAdded(r.ResourceAccess, added) {
			t.Fatalf("merge added an entry %v that holds more than missing wanted permissions", r)
		}
	}
	if got := flatten(after.Resources); len(got) != len(flatten(deduped(before)))+len(added) {
		t.Errorf("merge: %d distinct permissions before, %d added, %d after", len(flatten(deduped(before))), len(added), len(got))
	}
	for _, r := range after.Resources {
		if len(r.ResourceAccess) == 0 {
			t.Errorf("merge left an entry with no permissions: %v", r)
		}
	}
}

// containsAccess reports whether ps holds a permission with a's id and
// type, on any resource.
func containsAccess(ps []manifest.Permission, a manifest.Access) bool {
	for _, p := range ps {
		if p.Type == a.Type && strings.EqualFold(p.ID, a.ID) {
			return true
		}
	}
	return false
}

// allAdded reports whether every permission of list is among added, by id
// and type.
func allAdded(list []manifest.Access, added []manifest.Permission) bool {
	for _, a := range list {
		if !containsAccess(added, a) {
			return false
		}
	}
	return true
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
	// The first listing of each wanted permission in the first entry of
	// its resource stays, in order, before the added ones (a listing in a
	// later entry of the resource moves to the first).
	var stay []manifest.Permission
	first := make(map[string]int)
	for i, r := range before.Resources {
		if _, ok := first[strings.ToLower(r.ResourceAppID)]; !ok {
			first[strings.ToLower(r.ResourceAppID)] = i
		}
	}
	for i, r := range before.Resources {
		for _, a := range r.ResourceAccess {
			p := manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}
			if contains(w, p) && !contains(stay, p) && first[strings.ToLower(r.ResourceAppID)] == i {
				stay = append(stay, p)
			}
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
	seen := make(map[string]bool)
	for _, r := range after.Resources {
		if len(r.ResourceAccess) == 0 {
			t.Errorf("overwrite left an entry with no permissions: %v", r)
		}
		if app := strings.ToLower(r.ResourceAppID); seen[app] {
			t.Errorf("overwrite left two entries of %s", r.ResourceAppID)
		} else {
			seen[app] = true
		}
	}
}
