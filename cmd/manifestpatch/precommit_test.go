package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

// preCommitTimeout bounds the whole pre-commit test. Building the hook's
// environment (go install ./... from the module cache) takes most of it.
const preCommitTimeout = 5 * time.Minute

// The calendar-sync permissions the hooks must bring into a manifest, as
// resourceAppId, id and type. They are written out here rather than taken
// from the permissions package so that the test checks the files against
// the documented set.
var preCommitWanted = []string{
	"00000002-0000-0ff1-ce00-000000000000 266d2589-20b5-4f91-9a03-89247d1be8da Scope",
	"00000002-0000-0ff1-ce00-000000000000 3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5 Scope",
	"00000003-0000-0000-c000-000000000000 14dad69e-099b-42c9-810b-d002981feec1 Scope",
	"00000003-0000-0000-c000-000000000000 7427e0e9-2fba-42fe-b0c0-848c9e6a8182 Scope",
	"00000003-0000-0000-c000-000000000000 12466101-c9b8-439a-8589-dd09ee67e8e9 Scope",
	"00000003-0000-0000-c000-000000000000 2b9c4092-424d-4249-948d-b43879977640 Scope",
	"00000003-0000-0000-c000-000000000000 e1fe6dd8-ba31-4d61-89e7-88639da4683d Scope",
	"00000003-0000-0000-c000-000000000000 37f7f235-527c-4136-accd-4a02d197296e Scope",
	"00000002-0000-0000-c000-000000000000 311a71cc-e848-46a1-bdf8-97ff7156d8e6 Scope",
}

// A Microsoft Graph app manifest as the Entra admin center downloads it,
// cut down, asking only for Microsoft Graph User.Read.
const preCommitGraphManifest = `{
    "id": "5f0c9a1e-2b7d-4c3e-9f61-8a4d2e7b3c10",
    "appId": "9d3e6b2a-41c7-4f8e-b5a0-7c2d1e9f6a34",
    "displayName": "Calendar sync",
    "signInAudience": "AzureADMultipleOrgs",
    "requiredResourceAccess": [
        {
            "resourceAppId": "00000003-0000-0000-c000-000000000000",
            "resourceAccess": [
                {
                    "id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
                    "type": "Scope"
                }
            ]
        }
    ],
    "web": {
        "homePageUrl": null,
        "redirectUris": [
            "https://calendar-sync.example.com/signin-oidc"
        ]
    }
}
`

// A legacy Azure AD Graph manifest, tab-indented and without a final
// newline as the portal downloads it, asking for nothing.
const preCommitLegacyManifest = "{\n" +
	"\t\"appId\": \"0c6e2b71-93d4-4a5f-8e1b-6f2a7d9c4e35\",\n" +
	"\t\"name\": \"Calendar sync (legacy)\",\n" +
	"\t\"requiredResourceAccess\": [],\n" +
	"\t\"replyUrlsWithType\": []\n" +
	"}"

// JSON files that are not app registration manifests: the hooks must leave
// them alone.
var preCommitBystanders = map[string]string{
	"package.json":             "{\n  \"name\": \"calendar-sync\",\n  \"version\": \"1.0.0\"\n}\n",
	"appPackage/manifest.json": "{\n  \"manifestVersion\": \"1.17\",\n  \"id\": \"${{TEAMS_APP_ID}}\",\n  \"name\": {\n    \"short\": \"Calendar sync\"\n  }\n}\n",
}

// TestPreCommitHooks runs the hooks in .pre-commit-hooks.yaml through the
// real pre-commit client: a copy of this module is the hook repository, and
// a throwaway project uses both hooks on its manifests.
func TestPreCommitHooks(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the pre-commit test in -short mode: it builds the hooks with go install")
	}
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		t.Skip("skipping: pre-commit is not on PATH (Debian: apt-get install pre-commit; elsewhere: pip install pre-commit)")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("skipping: git is not on PATH; pre-commit needs it")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipping: go is not on PATH; the golang hooks are built with it")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, ".pre-commit-hooks.yaml")); err != nil {
		t.Fatalf("the module root %s has no .pre-commit-hooks.yaml: %v", root, err)
	}

	// Stop in time to report, before go test's own -timeout would.
	deadline := time.Now().Add(preCommitTimeout)
	if d, ok := t.Deadline(); ok && d.Add(-20*time.Second).Before(deadline) {
		deadline = d.Add(-20 * time.Second)
	}
	ctx, cancel := context.WithDeadline(t.Context(), deadline)
	defer cancel()

	tmp := t.TempDir()
	sb := &preCommitSandbox{t: t, ctx: ctx, home: filepath.Join(tmp, "pre-commit-home")}
	sb.env = preCommitEnv(t, ctx, goCmd, tmp, sb.home)
	sb.run(tmp, 0, preCommit, "--version")

	// The hook repository: this module's working tree as it is now, so
	// that uncommitted changes are what gets tested, with the benchmark
	// module in it as in a clone.
	hooks := filepath.Join(tmp, "hooks")
	copyModule(t, root, hooks, true)
	sb.git(hooks, 0, "init", "-q")
	sb.git(hooks, 0, "add", "-A")
	sb.git(hooks, 0, "commit", "-q", "-m", "hooks")
	rev := strings.TrimSpace(sb.git(hooks, 0, "rev-parse", "HEAD"))

	// The project: one manifest that lacks permissions, and JSON files
	// that are not manifests.
	proj := filepath.Join(tmp, "project")
	sb.write(proj, preCommitBystanders)
	sb.write(proj, map[string]string{
		"app-registration.json":   preCommitGraphManifest,
		".pre-commit-config.yaml": preCommitConfig(hooks, rev, ""),
	})
	sb.git(proj, 0, "init", "-q")
	sb.git(proj, 0, "add", "-A")
	sb.git(proj, 0, "commit", "-q", "-m", "start")

	start := time.Now()
	sb.run(proj, 0, preCommit, "install-hooks")
	t.Logf("pre-commit built the hook environment in %v", time.Since(start).Round(time.Millisecond))
	// go install ./... at the root installs manifestpatch alone: not the
	// benchmark programs (a module of their own, copied in above as a
	// clone has them) nor the catalog generator (go:build ignore).
	bins, err := filepath.Glob(filepath.Join(sb.home, "repo*", "golangenv-*", "bin", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range bins {
		bins[i] = strings.TrimSuffix(filepath.Base(b), ".exe")
	}
	if diff := cmp.Diff([]string{"manifestpatch"}, bins); diff != "" {
		t.Errorf("the programs pre-commit installed for the hooks mismatch (-want +got):\n%s", diff)
	}

	// (a) The check hook fails, names what is missing and changes nothing.
	out := sb.run(proj, 1, preCommit, "run", "--color=never", "manifestpatch-check", "--all-files")
	sb.contains(out, "app-registration.json: error: missing Microsoft Graph Calendars.ReadWrite.Shared (delegated)")
	sb.contains(out, "app-registration.json: error: missing Office 365 Exchange Online EWS.AccessAsUser.All (delegated)")
	if strings.Contains(out, "missing Microsoft Graph User.Read ") {
		t.Errorf("check reports Microsoft Graph User.Read missing, but the manifest has it:\n%s", out)
	}
	if strings.Contains(out, "files were modified") {
		t.Errorf("the check hook modified files:\n%s", out)
	}
	sb.same(proj, "app-registration.json", preCommitGraphManifest)
	sb.sameAll(proj, preCommitBystanders)

	// (b) The apply hook adds the permissions, and pre-commit fails it
	// because it modified the file.
	out = sb.run(proj, 1, preCommit, "run", "--color=never", "manifestpatch-apply", "--all-files")
	sb.contains(out, "files were modified by this hook")
	sb.contains(out, "app-registration.json: added")
	got := sb.read(proj, "app-registration.json")
	sb.hasWanted("app-registration.json", got)
	// Only the requiredResourceAccess value changed.
	head := preCommitGraphManifest[:strings.Index(preCommitGraphManifest, `"requiredResourceAccess"`)]
	tail := preCommitGraphManifest[strings.Index(preCommitGraphManifest, "    ],\n    \"web\""):]
	if !strings.HasPrefix(got, head) || !strings.HasSuffix(got, tail) {
		t.Errorf("apply changed bytes outside requiredResourceAccess; app-registration.json is now:\n%s", got)
	}
	sb.sameAll(proj, preCommitBystanders)

	// (c) Both hooks now pass, and apply changes nothing more.
	sb.run(proj, 0, preCommit, "run", "--color=never", "manifestpatch-check", "--all-files")
	sb.run(proj, 0, preCommit, "run", "--color=never", "manifestpatch-apply", "--all-files")
	sb.same(proj, "app-registration.json", got)

	// (d) Through git commit: the installed hooks stop a commit holding a
	// manifest that lacks permissions, fix it, and let the fixed one in.
	sb.run(proj, 0, preCommit, "install")
	sb.write(proj, map[string]string{"entra.manifest.json": preCommitLegacyManifest})
	sb.git(proj, 0, "add", "app-registration.json", "entra.manifest.json")
	before := sb.git(proj, 0, "rev-parse", "HEAD")
	out = sb.git(proj, 1, "commit", "-m", "Ask for the calendar-sync permissions")
	sb.contains(out, "entra.manifest.json: error: missing Microsoft Graph Calendars.Read.Shared (delegated)")
	sb.contains(out, "files were modified by this hook")
	if after := sb.git(proj, 0, "rev-parse", "HEAD"); after != before {
		t.Fatalf("git commit went through although the hooks failed:\n%s", out)
	}
	legacy := sb.read(proj, "entra.manifest.json")
	sb.hasWanted("entra.manifest.json", legacy)
	if !strings.HasPrefix(legacy, "{\n\t\"appId\"") || strings.HasSuffix(legacy, "\n") {
		t.Errorf("apply did not keep the legacy manifest's tabs and missing final newline:\n%q", legacy)
	}
	sb.git(proj, 0, "add", "entra.manifest.json")
	sb.git(proj, 0, "commit", "-m", "Ask for the calendar-sync permissions")
	if st := sb.git(proj, 0, "status", "--porcelain"); st != "" {
		t.Errorf("the work tree is not clean after the commit:\n%s", st)
	}
	sb.hasWanted("entra.manifest.json as committed", sb.git(proj, 0, "show", "HEAD:entra.manifest.json"))

	// (e) The default pattern takes the names the README uses, app.json
	// among them, and the Teams app's manifest.json, which it matches too,
	// is left alone (--skip-others): pre-commit's own matching decides.
	sb.write(proj, map[string]string{"app.json": preCommitGraphManifest})
	sb.git(proj, 0, "add", "app.json")
	sb.git(proj, 0, "commit", "-q", "--no-verify", "-m", "Add app.json")
	out = sb.run(proj, 1, preCommit, "run", "--color=never", "manifestpatch-check", "--all-files")
	sb.contains(out, "app.json: error: missing Microsoft Graph Calendars.ReadWrite.Shared (delegated)")
	if strings.Contains(out, "appPackage") || strings.Contains(out, "package.json") {
		t.Errorf("the check hook reported a file that is not an app registration:\n%s", out)
	}
	sb.sameAll(proj, preCommitBystanders)
	sb.same(proj, "app.json", preCommitGraphManifest)
	// files: in the project's config replaces the pattern.
	sb.write(proj, map[string]string{".pre-commit-config.yaml": preCommitConfig(hooks, rev, `^app\.json$`)})
	out = sb.run(proj, 1, preCommit, "run", "--color=never", "manifestpatch-check", "--all-files")
	sb.contains(out, "app.json: error: missing Microsoft Graph Calendars.ReadWrite.Shared (delegated)")
	if strings.Contains(out, "entra.manifest.json") || strings.Contains(out, "app-registration.json") {
		t.Errorf("files: in the project's config did not replace the hooks' pattern:\n%s", out)
	}
	sb.same(proj, "app.json", preCommitGraphManifest)

	// (f) A repository with a policy and five apps under four globs (the
	// repository of testdata/script/policy.txtar): one stanza, no args, and
	// each manifest is checked and fixed as its override says.
	repo := filepath.Join(tmp, "policy-repo")
	ar, err := txtar.ParseFile(filepath.Join("testdata", "script", "policy.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{".pre-commit-config.yaml": preCommitConfig(hooks, rev, "")}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	sb.write(repo, files)
	sb.git(repo, 0, "init", "-q")
	sb.git(repo, 0, "add", "-A")
	sb.git(repo, 0, "commit", "-q", "-m", "start")
	out = sb.run(repo, 1, preCommit, "run", "--color=never", "manifestpatch-check", "--all-files")
	sb.contains(out, "apps/sync/app.json: error: missing Microsoft Graph MailboxSettings.Read (delegated) [missing]")
	sb.contains(out, "apps/reports/app.json: error: missing Microsoft Graph Reports.Read.All (delegated) [missing]")
	sb.contains(out, "apps/partners/contoso/app.json:8:16: error: Microsoft Graph Application.ReadWrite.All (application) is forbidden")
	sb.contains(out, "apps/partners/contoso/app.json:9:16: error: Microsoft Graph Mail.Read (delegated) is neither wanted nor permitted here [not-allowed]")
	out = sb.run(repo, 1, preCommit, "run", "--color=never", "manifestpatch-apply", "--all-files")
	sb.contains(out, "files were modified by this hook")
	out = sb.run(repo, 1, preCommit, "run", "--color=never", "manifestpatch-check", "--all-files")
	if strings.Contains(out, "[missing]") || !strings.Contains(out, "[forbidden]") {
		t.Errorf("after apply, want only what the policy forbids:\n%s", out)
	}
	sb.write(repo, map[string]string{"apps/partners/contoso/app.json": files["contoso-fixed.txt"]})
	sb.run(repo, 0, preCommit, "run", "--color=never", "manifestpatch-check", "--all-files")
	sb.run(repo, 0, preCommit, "run", "--color=never", "manifestpatch-apply", "--all-files")
}

// preCommitConfig returns a project's .pre-commit-config.yaml using both
// hooks from the repository at repo, commit rev; files, when not empty,
// replaces the hooks' default pattern. language_version: system makes
// pre-commit build with the go on PATH and never download a Go release.
func preCommitConfig(repo, rev, files string) string {
	var b strings.Builder
	b.WriteString("repos:\n")
	b.WriteString("  - repo: " + preCommitQuote(repo) + "\n")
	b.WriteString("    rev: " + rev + "\n")
	b.WriteString("    hooks:\n")
	for _, id := range []string{"manifestpatch-check", "manifestpatch-apply"} {
		b.WriteString("      - id: " + id + "\n")
		b.WriteString("        language_version: system\n")
		if files != "" {
			b.WriteString("        files: " + preCommitQuote(files) + "\n")
		}
	}
	return b.String()
}

// preCommitQuote quotes s as a single-quoted YAML scalar.
func preCommitQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// preCommitEnv returns the environment for git and pre-commit: no global or
// system git config, a fresh HOME and PRE_COMMIT_HOME under tmp, and Go
// settings that make the golang hooks build with the go at goCmd from the
// existing module and build caches.
func preCommitEnv(t *testing.T, ctx context.Context, goCmd, tmp, preCommitHome string) []string {
	t.Helper()
	// Read the Go settings before HOME changes, since go finds its
	// config file and default caches there.
	cmd := exec.CommandContext(ctx, goCmd, "env", "-json", "GOMODCACHE", "GOCACHE", "GOENV", "GOFLAGS")
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	var goEnv map[string]string
	if err := json.Unmarshal(raw, &goEnv); err != nil {
		t.Fatalf("go env -json: %v\n%s", err, raw)
	}
	home := filepath.Join(tmp, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "GIT_"), // GIT_DIR, GIT_INDEX_FILE, … when run from a git hook
			strings.HasPrefix(k, "PRE_COMMIT"),
			strings.HasPrefix(k, "XDG_"),
			k == "SKIP", // pre-commit skips the hooks it names
			k == "HOME", k == "PATH",
			strings.HasPrefix(k, "GO") && k != "GOPROXY" && k != "GOSUMDB" && k != "GONOSUMDB" &&
				k != "GOPRIVATE" && k != "GONOPROXY" && k != "GOINSECURE":
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		// go test puts its own toolchain first on PATH; keep it first.
		"PATH="+filepath.Dir(goCmd)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"PRE_COMMIT_HOME="+preCommitHome,
		"PRE_COMMIT_COLOR=never",
		"GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Hook Test",
		"GIT_AUTHOR_EMAIL=hooks@example.com",
		"GIT_COMMITTER_NAME=Hook Test",
		"GIT_COMMITTER_EMAIL=hooks@example.com",
		"GIT_TERMINAL_PROMPT=0",
		// pre-commit sets GOPATH to the hook's environment and deletes
		// its pkg folder after go install; a GOMODCACHE of its own keeps
		// the modules in the existing cache, so nothing is downloaded
		// that is already there.
		"GOMODCACHE="+goEnv["GOMODCACHE"],
		"GOCACHE="+goEnv["GOCACHE"],
		"GOENV="+goEnv["GOENV"],
		"GOFLAGS="+strings.TrimSpace(goEnv["GOFLAGS"]+" -mod=readonly"),
		"GOTOOLCHAIN=local",
	)
}

// preCommitSandbox runs commands in the test's environment.
type preCommitSandbox struct {
	t    *testing.T
	ctx  context.Context
	env  []string
	home string // PRE_COMMIT_HOME
}

// run runs name with args in dir and returns its combined output. It fails
// the test, showing the output and pre-commit's log, unless the exit code
// is want.
func (sb *preCommitSandbox) run(dir string, want int, name string, args ...string) string {
	sb.t.Helper()
	cmd := exec.CommandContext(sb.ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = sb.env
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		code = -1
	}
	line := filepath.Base(name) + " " + strings.Join(args, " ")
	sb.t.Logf("$ %s  (exit %d, %v)\n%s", line, code, time.Since(start).Round(time.Millisecond), out.String())
	if sb.ctx.Err() != nil {
		sb.t.Fatalf("%s: stopped at the test's time limit: %v\n%s%s", line, sb.ctx.Err(), out.String(), sb.log())
	}
	if code != want {
		sb.t.Fatalf("%s in %s: exit %d (%v), want %d; output:\n%s%s", line, dir, code, err, want, out.String(), sb.log())
	}
	return out.String()
}

func (sb *preCommitSandbox) git(dir string, want int, args ...string) string {
	sb.t.Helper()
	return sb.run(dir, want, "git", args...)
}

// log returns pre-commit's error log, which holds the output of a failed
// hook installation, or "".
func (sb *preCommitSandbox) log() string {
	b, err := os.ReadFile(filepath.Join(sb.home, "pre-commit.log"))
	if err != nil {
		return ""
	}
	return "\npre-commit.log:\n" + string(b)
}

// copyModule copies what a clone of the module needs for go install ./...
// from root to dst: go.mod, go.sum, .pre-commit-hooks.yaml and the non-test
// Go files, without testdata or hidden folders. Nested modules (bench/) are
// copied as a clone has them when nested is true, and left out otherwise.
func copyModule(t *testing.T, root, dst string, nested bool) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if rel == "." {
				return nil
			}
			if name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && !nested {
				return filepath.SkipDir // another module
			}
			return nil
		}
		switch {
		case name == "go.mod", name == "go.sum", rel == ".pre-commit-hooks.yaml":
		case d.Type().IsRegular() && strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go"):
		default:
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying the module to the hook repository: %v", err)
	}
}

func (sb *preCommitSandbox) write(dir string, files map[string]string) {
	t := sb.t
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func (sb *preCommitSandbox) read(dir, name string) string {
	t := sb.t
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func (sb *preCommitSandbox) same(dir, name, want string) {
	t := sb.t
	t.Helper()
	if got := sb.read(dir, name); got != want {
		t.Errorf("%s changed; it is now:\n%s", name, got)
	}
}

func (sb *preCommitSandbox) sameAll(dir string, files map[string]string) {
	sb.t.Helper()
	for name, want := range files {
		sb.same(dir, name, want)
	}
}

func (sb *preCommitSandbox) contains(out, want string) {
	t := sb.t
	t.Helper()
	if !strings.Contains(out, want) {
		t.Errorf("pre-commit's output lacks %q; it is:\n%s", want, out)
	}
}

// hasWanted checks that the manifest src is JSON whose
// requiredResourceAccess holds every calendar-sync permission.
func (sb *preCommitSandbox) hasWanted(name, src string) {
	t := sb.t
	t.Helper()
	var m struct {
		RequiredResourceAccess []struct {
			ResourceAppID  string `json:"resourceAppId"`
			ResourceAccess []struct {
				ID   string `json:"id"`
				Type string `json:"type"`
			} `json:"resourceAccess"`
		} `json:"requiredResourceAccess"`
	}
	if err := json.Unmarshal([]byte(src), &m); err != nil {
		t.Errorf("%s is not valid JSON: %v\n%s", name, err, src)
		return
	}
	have := make(map[string]int)
	for _, r := range m.RequiredResourceAccess {
		for _, a := range r.ResourceAccess {
			have[r.ResourceAppID+" "+a.ID+" "+a.Type]++
		}
	}
	for _, p := range preCommitWanted {
		switch have[p] {
		case 0:
			t.Errorf("%s lacks %s after the hooks ran:\n%s", name, p, src)
		case 1:
		default:
			t.Errorf("%s lists %s %d times:\n%s", name, p, have[p], src)
		}
	}
}
