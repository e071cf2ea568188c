package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestVersionOf(t *testing.T) {
	const rev = "296822a15fadc0ffee0123456789abcdef012345"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "-trimpath", Value: "true"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: "2026-11-26T11:54:45Z"},
			{Key: "vcs.modified", Value: modified},
		}
	}
	build := func(version string, settings []debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/manifestpatch/manifestpatch", Version: version}, Settings: settings}
	}
	tests := []struct {
		name    string
		stamped string
		bi      *debug.BuildInfo
		want    string
	}{
		{"go install at a tag", "", build("v1.2.0", nil), "v1.2.0"},
		{"go install at a commit", "", build("v1.2.1-0.20261126115445-296822a15fad", nil), "v1.2.1-0.20261126115445-296822a15fad"},
		{"clone, clean", "", build("v0.0.0-20261126115445-296822a15fad", vcs("false")), "v0.0.0-20261126115445-296822a15fad (commit 296822a15fad)"},
		{"clone, modified", "", build("v0.0.0-20261126115445-296822a15fad+dirty", vcs("true")), "v0.0.0-20261126115445-296822a15fad+dirty (commit 296822a15fad, modified)"},
		{"clone, Go before 1.24", "", build("(devel)", vcs("true")), "(devel) (commit 296822a15fad, modified)"},
		{"release build", "v1.2.0", build("v1.2.0", vcs("false")), "v1.2.0 (commit 296822a15fad)"},
		{"snapshot release build", "v1.2.1-snapshot.296822a", build("v1.2.0+dirty", vcs("true")), "v1.2.1-snapshot.296822a (commit 296822a15fad, modified)"},
		{"release build without VCS", "v1.2.0", build("(devel)", nil), "v1.2.0"},
		{"no VCS information", "", build("(devel)", []debug.BuildSetting{{Key: "-buildmode", Value: "exe"}}), "(devel) (no commit recorded: built outside version control or with -buildvcs=false)"},
		{"no build information", "", nil, "(devel) (no commit recorded: built outside version control or with -buildvcs=false)"},
		{"short revision", "", build("(devel)", []debug.BuildSetting{{Key: "vcs.revision", Value: "abc123"}}), "(devel) (commit abc123)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := versionOf(tt.stamped, tt.bi)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("versionOf(%q, …) mismatch (-want +got):\n%s", tt.stamped, diff)
			}
		})
	}
}

// TestVersionBuilt builds the command the two ways users do and checks
// what --version says: go install of a tagged module version, from a local
// module proxy holding a copy of this module as v1.2.0, and go build in a
// git clone, clean and with a change.
func TestVersionBuilt(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short mode: it builds the command three times")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipping: go is not on PATH")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	tmp := t.TempDir()
	src := filepath.Join(tmp, "src")
	copyModule(t, root, src, false)

	// What the go command uses now: the existing caches stay in use, and
	// the existing module cache doubles as a module proxy, so nothing is
	// downloaded that is already here.
	raw, err := exec.CommandContext(ctx, goCmd, "env", "-json", "GOCACHE", "GOMODCACHE", "GOPROXY").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	var goEnv map[string]string
	if err := json.Unmarshal(raw, &goEnv); err != nil {
		t.Fatalf("go env -json: %v\n%s", err, raw)
	}
	run := func(dir string, env []string, name string, args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir = dir
		cmd.Env = env
		cmd.WaitDelay = 10 * time.Second
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		err := cmd.Run()
		t.Logf("$ %s %s  (%v)\n%s", filepath.Base(name), strings.Join(args, " "), time.Since(start).Round(time.Millisecond), out.String())
		if err != nil {
			t.Fatalf("%s %s in %s: %v\n%s", name, strings.Join(args, " "), dir, err, out.String())
		}
		return out.String()
	}

	t.Run("go install at a tag", func(t *testing.T) {
		const version = "v1.2.0"
		proxy := filepath.Join(tmp, "proxy")
		writeModuleProxy(t, proxy, src, "github.com/manifestpatch/manifestpatch", version)
		proxies := []string{fileURL(proxy), fileURL(filepath.Join(goEnv["GOMODCACHE"], "cache", "download"))}
		if p := goEnv["GOPROXY"]; p != "" && p != "off" {
			proxies = append(proxies, p) // for what the module cache lacks
		}
		bin := filepath.Join(tmp, "bin")
		env := versionTestEnv(goCmd,
			"GOPROXY="+strings.Join(proxies, ","),
			// A module cache of its own, so that the made-up v1.2.0 never
			// lands in the real one; -modcacherw lets TempDir remove it.
			"GOMODCACHE="+filepath.Join(tmp, "modcache"),
			"GOFLAGS=-mod=mod -modcacherw",
			// v1.2.0 is this copy, not the published module: the checksum
			// database must not be asked about it.
			"GONOSUMDB=github.com/manifestpatch/manifestpatch",
			"GOCACHE="+goEnv["GOCACHE"],
			"GOBIN="+bin,
		)
		run(tmp, env, goCmd, "install", "github.com/manifestpatch/manifestpatch/cmd/manifestpatch@"+version)
		got := firstLine(run(tmp, env, filepath.Join(bin, "manifestpatch"), "--version"))
		if diff := cmp.Diff("manifestpatch version "+version, got); diff != "" {
			t.Errorf("--version of the installed %s mismatch (-want +got):\n%s", version, diff)
		}
	})

	t.Run("go build in a clone", func(t *testing.T) {
		if _, err := exec.LookPath("git"); err != nil {
			t.Skip("skipping: git is not on PATH")
		}
		env := versionTestEnv(goCmd,
			"GOMODCACHE="+goEnv["GOMODCACHE"],
			"GOCACHE="+goEnv["GOCACHE"],
			"GOPROXY=off",
			"GOFLAGS=-mod=readonly -buildvcs=auto", // the go command's default
			"GIT_CONFIG_GLOBAL="+os.DevNull,
			"GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=Version Test",
			"GIT_AUTHOR_EMAIL=version@example.com",
			"GIT_COMMITTER_NAME=Version Test",
			"GIT_COMMITTER_EMAIL=version@example.com",
		)
		run(src, env, "git", "init", "-q")
		run(src, env, "git", "add", "-A")
		run(src, env, "git", "commit", "-q", "-m", "clone")
		rev := strings.TrimSpace(run(src, env, "git", "rev-parse", "--short=12", "HEAD"))
		exe := filepath.Join(tmp, "clone-manifestpatch")

		run(src, env, goCmd, "build", "-o", exe, "./cmd/manifestpatch")
		got := firstLine(run(src, env, exe, "--version"))
		want := regexp.MustCompile(`^manifestpatch version v0\.0\.0-\d{14}-` + rev + ` \(commit ` + rev + `\)$`)
		if !want.MatchString(got) {
			t.Errorf("--version of a clean clone at %s is %q; want it to match %s", rev, got, want)
		}

		f := filepath.Join(src, "cmd", "manifestpatch", "main.go")
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, append(b, "\n// A change not yet committed.\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		run(src, env, goCmd, "build", "-o", exe, "./cmd/manifestpatch")
		got = firstLine(run(src, env, exe, "--version"))
		want = regexp.MustCompile(`^manifestpatch version v0\.0\.0-\d{14}-` + rev + `\+dirty \(commit ` + rev + `, modified\)$`)
		if !want.MatchString(got) {
			t.Errorf("--version of a modified clone at %s is %q; want it to match %s", rev, got, want)
		}
	})
}

// firstLine returns the first line of --version's output, which names the
// version; the lines after it describe the built-in data.
func firstLine(out string) string {
	line, _, _ := strings.Cut(out, "\n")
	return line
}

// versionTestEnv returns the environment for the go command at goCmd: this
// process's, without its Go and git settings and the user's go env file,
// plus set.
func versionTestEnv(goCmd string, set ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GO") || strings.HasPrefix(k, "GIT_") || k == "PATH" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		// go test puts its own toolchain first on PATH; keep it first.
		"PATH="+filepath.Dir(goCmd)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GOENV=off",
		"GOTOOLCHAIN=local",
		"GOWORK=off",
	)
	return append(env, set...)
}

// writeModuleProxy writes a module proxy folder at proxy (the layout of
// GOPROXY=file:///…, as the go command reads it) serving the module in
// folder src as module path at version.
func writeModuleProxy(t *testing.T, proxy, src, path, version string) {
	t.Helper()
	dir := filepath.Join(proxy, filepath.FromSlash(path), "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(src, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	info, err := json.Marshal(struct{ Version, Time string }{version, "2026-11-26T12:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}

	// The module zip: every file under "path@version/", no folders, no
	// nested modules (copyModule left those out).
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w, err := zw.Create(path + "@" + version + "/" + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatalf("zipping the module: %v", err)
	}

	for name, data := range map[string][]byte{
		"list":            []byte(version + "\n"),
		version + ".info": info,
		version + ".mod":  gomod,
		version + ".zip":  zb.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// fileURL returns the file:// URL of the folder dir, as GOPROXY takes it.
func fileURL(dir string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // C:/… on Windows
	}
	return u.String()
}
