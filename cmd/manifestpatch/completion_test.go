package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBashCompletion runs the completion function README.md gives in a
// real bash, against the built command, so that the instructions stay true.
func TestBashCompletion(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short mode: builds the command")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("skipping: bash is not on PATH")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipping: no go command on PATH to build the command")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, snippet, _ := strings.Cut(string(readme), "```bash\n_manifestpatch()")
	snippet, _, ok := strings.Cut(snippet, "```")
	if !ok {
		t.Fatal("README.md has no ```bash block defining _manifestpatch")
	}
	snippet = "_manifestpatch()" + snippet
	bin := t.TempDir()
	if out, err := exec.Command(gobin, "build", "-o", filepath.Join(bin, "manifestpatch"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, tt := range []struct {
		line string // typed so far; the last word is the one completed
		want string
	}{
		{"manifestpatch ap", "apply"},
		{"manifestpatch c", "check consent-url"},
		{"manifestpatch ", "apply check diff show print lookup profiles lints consent-url help"},
		{"manifestpatch --ver", "--version"},
		{"manifestpatch apply --mo", "--mode"},
		{"manifestpatch check --f", "--from --format"},
		{"manifestpatch lookup --", "--format --catalog --help"},
		{"manifestpatch check -- ", ""}, // after --, file names only
		{"manifestpatch apply app.json -- ", ""},
		{"manifestpatch apply -- app.json ", ""},
		{"manifestpatch apply -d ", ""}, // file names: left to the shell
		{"manifestpatch show ", ""},
	} {
		script := snippet + `
read -ra COMP_WORDS <<<"$LINE"
[[ $LINE == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_manifestpatch
echo "${COMPREPLY[*]}"
`
		// Completing runs nothing: a manifest named on the line stays
		// as it was.
		work := t.TempDir()
		const app = `{"displayName": "x", "requiredResourceAccess": []}`
		os.WriteFile(filepath.Join(work, "app.json"), []byte(app), 0o644)
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", script)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "LINE="+tt.line)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%q: %v\n%s", tt.line, err, out)
		}
		if diff := cmp.Diff(tt.want, strings.TrimSpace(string(out))); diff != "" {
			t.Errorf("completing %q (-want +got):\n%s", tt.line, diff)
		}
		if got, _ := os.ReadFile(filepath.Join(work, "app.json")); string(got) != app {
			t.Errorf("completing %q changed app.json:\n%s", tt.line, got)
		}
	}
}
