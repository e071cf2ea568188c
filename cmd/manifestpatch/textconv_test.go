package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGitTextconv runs real git with show --format textconv as the diff
// driver, as the README configures it, and checks that git diff and git log
// -p show the permission a change adds by name.
func TestGitTextconv(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs git; skipped with -short")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	bin := filepath.Join(t.TempDir(), "manifestpatch")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	repo := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q")
	git("config", "diff.manifestpatch.textconv", bin+" show --format textconv")
	write(".gitattributes", "*.manifest.json diff=manifestpatch\n")
	before := `{
    "displayName": "app",
    "requiredResourceAccess": [
        {
            "resourceAppId": "00000003-0000-0000-c000-000000000000",
            "resourceAccess": [
                {"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope"}
            ]
        }
    ]
}
`
	write("app.manifest.json", before)
	git("add", "-A")
	git("commit", "-q", "-m", "start")
	write("app.manifest.json", strings.Replace(before, `"type": "Scope"}`, `"type": "Scope"},
                {"id": "b633e1c5-b582-4048-a93e-9f11b44c7e96", "type": "Role"}`, 1))
	diff := git("diff")
	for _, want := range []string{
		"+Microsoft Graph Mail.Send (application) b633e1c5-b582-4048-a93e-9f11b44c7e96; privilege: ManagementPlane, level 3 of 5\n",
		" Microsoft Graph User.Read (delegated) e1fe6dd8-ba31-4d61-89e7-88639da4683d; privilege: UserAccess, level 2 of 5\n",
	} {
		if !strings.Contains(diff, want) {
			t.Errorf("git diff lacks %q:\n%s", want, diff)
		}
	}
	if strings.Contains(diff, `"id"`) {
		t.Errorf("git diff shows JSON, not words:\n%s", diff)
	}
	git("commit", "-q", "-am", "send mail")
	if log := git("log", "-p", "-1"); !strings.Contains(log, "+Microsoft Graph Mail.Send (application)") {
		t.Errorf("git log -p lacks the permission's name:\n%s", log)
	}

	// A commit that breaks the file: git log -p goes on (git stops at a
	// driver that fails), and shows why and the text as it is.
	write("app.manifest.json", "{\n  \"displayName\": \"app\",,\n}\n")
	git("commit", "-q", "-am", "break it")
	log := git("log", "-p")
	for _, want := range []string{
		"+not read as a manifest, so shown as it is: 2:24: unexpected ','; want a string key",
		"+  \"displayName\": \"app\",,",
		"-Microsoft Graph Mail.Send (application)",
		"start",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("git log -p lacks %q:\n%s", want, log)
		}
	}
}
