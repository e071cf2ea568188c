package permissions_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// TestLibraryEdges: what a library caller may pass or compare does not
// panic or mislead: nil results and exports, the order of levels, and
// error texts a caller prefixes with the file's name.
func TestLibraryEdges(t *testing.T) {
	var res *check.Result
	if res.OK(false) || res.OK(true) {
		t.Errorf("a nil Result is OK")
	}
	var ex *permissions.Export
	if got := ex.Resources(); got != nil {
		t.Errorf("a nil Export has resources %v", got)
	}
	if !(check.LevelNote < check.LevelWarning && check.LevelWarning < check.LevelError) {
		t.Errorf("levels are not ordered by severity: note %d, warning %d, error %d", check.LevelNote, check.LevelWarning, check.LevelError)
	}
	if _, err := manifest.Rewrite([]byte("{\n\n\n   ,}"), nil); err == nil || strings.HasPrefix(err.Error(), "manifest:") || !strings.HasPrefix(err.Error(), "4:4: ") {
		t.Errorf("Rewrite's error %q: want it to start with the position, for a caller to put the file's name before", err)
	}
	_, err := check.Plan([]byte(`{"requiredResourceAccess": 1}`), check.Want{}, check.Options{})
	var se *manifest.ShapeError
	if !errors.As(err, &se) || strings.HasPrefix(err.Error(), "permissions:") || strings.HasPrefix(err.Error(), "manifest:") {
		t.Errorf("Plan's error %q (%T): want a *manifest.ShapeError worded without a package prefix", err, err)
	}
}
