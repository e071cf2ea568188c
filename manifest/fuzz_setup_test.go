package manifest_test

import (
	"errors"
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// FuzzSetup states the promises of the audience and redirect URI edits:
// ReadSetup never panics; where Apply succeeds with them, the output is
// valid, multi-tenant, lists the URI, keeps the other URIs, and applying
// again changes nothing (checkSetup).
func FuzzSetup(f *testing.F) {
	for _, src := range fuzzInputs(f) {
		f.Add(src)
	}
	want := calendarSet
	opts := setupOptions(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := manifest.ReadSetup(src); err != nil {
			checkError(t, src, err)
			return
		}
		out, _, err := manifest.Apply(src, want, opts)
		if err != nil {
			var se *manifest.ShapeError
			if !errors.As(err, &se) {
				t.Fatalf("Apply: %T %v", err, err)
			}
			return
		}
		checkSetup(t, src, out, want, opts)
	})
}
