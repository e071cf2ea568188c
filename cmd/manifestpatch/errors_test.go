package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// TestErrorChain: the error behind an exit code keeps the library's error,
// so errors.Is works on what run saw, for one file or several.
func TestErrorChain(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	pkg := filepath.Join(dir, "package.json")
	good := filepath.Join(dir, "good.json")
	os.WriteFile(bad, []byte(`{"requiredResourceAccess": [}`), 0o644)
	os.WriteFile(pkg, []byte(`{"name": "x", "version": "1.0.0"}`), 0o644)
	os.WriteFile(good, []byte(`{"requiredResourceAccess": []}`), 0o644)
	for _, tc := range []struct {
		args []string
		want error
	}{
		{[]string{"check", bad}, manifest.ErrSyntax},
		{[]string{"apply", "--stdout", good, bad}, manifest.ErrSyntax},
		{[]string{"show", pkg}, manifest.ErrNotManifest},
		{[]string{"check", filepath.Join(dir, "absent.json")}, fs.ErrNotExist},
	} {
		code, err := execute(tc.args, strings.NewReader(""), io.Discard, io.Discard)
		if code != exitError || !errors.Is(err, tc.want) {
			t.Errorf("%v: exit %d, error %v; want exit %d and an error wrapping %v", tc.args, code, err, exitError, tc.want)
		}
	}
}
