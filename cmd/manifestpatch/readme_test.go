package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/check"
)

// TestReadmeProgram builds the complete program the README's Library
// section shows and checks that it prints what apply --stdout prints, byte
// for byte, on every sample manifest and every corpus file.
func TestReadmeProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program with the go command; skipped with -short")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lib := readme[bytes.Index(readme, []byte("\n## Library\n")):]
	m := regexp.MustCompile("(?s)```go\n(package main\n.*?)```").FindSubmatch(lib)
	if m == nil {
		t.Fatal("the README's Library section has no complete program (a go block starting with package main)")
	}
	// The program must sit inside the module to import its packages; a
	// folder starting with "." is outside ./... for every other command.
	dir, err := os.MkdirTemp("../..", ".readme-program-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "main.go"), m[1], 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "readme-program")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build of the README program: %v\n%s", err, out)
	}
	files, _ := filepath.Glob("../../testdata/*.json")
	samples, _ := filepath.Glob("../../manifest/testdata/apply/*.json")
	files = append(files, samples...)
	corpus, _ := filepath.Glob("../../../shared/corpus/*.json")
	if len(corpus) == 0 {
		t.Log("../shared/corpus is absent (it sits beside the repository): comparing on the testdata only")
	}
	files = append(files, corpus...)
	for _, f := range files {
		var got, stderr bytes.Buffer
		cmd := exec.Command(bin, f)
		cmd.Stdout, cmd.Stderr = &got, &stderr
		err := cmd.Run()
		var want, cliErr bytes.Buffer
		code := run([]string{"apply", "--stdout", f}, strings.NewReader(""), &want, &cliErr)
		switch {
		case (err != nil) != (code != exitOK):
			t.Errorf("%s: the program says %v (%s), the command exits %d (%s)", f, err, stderr.String(), code, cliErr.String())
		case !bytes.Equal(got.Bytes(), want.Bytes()):
			t.Errorf("%s: the program and apply --stdout differ:\nprogram:\n%s\ncommand:\n%s", f, got.Bytes(), want.Bytes())
		}
	}
	if len(files) < 10 {
		t.Errorf("compared on %d files only", len(files))
	}
}

// TestReadmeLints checks that the README's table of codes, under lints,
// lists every code the engine has (check.Rules, what lints prints),
// in its order, each with its level first in the level column.
func TestReadmeLints(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n### lints\n")
	if !ok {
		t.Fatal("the README has no lints section")
	}
	section, _, _ = strings.Cut(section, "\n### ")
	var got []string
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) < 3 || !strings.HasPrefix(cells[0], "| `") {
			continue
		}
		level, _, _ := strings.Cut(cells[1], ",")
		got = append(got, strings.Trim(cells[0], "| `")+" "+level)
	}
	var want []string
	for _, r := range check.Rules() {
		want = append(want, r.Code+" "+r.Level.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the README's table of codes differs from check.Rules (-want +got):\n%s", diff)
	}
}

// TestReadmeInstall runs the README's install command as a new user would,
// from the clone, and checks that each pre-commit rev it gives names a
// commit or tag this repository has: a tag that does not exist (as v0.1.0
// before any release) makes pre-commit fail.
func TestReadmeInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command; skipped with -short")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "To install the command from a clone")
	_, block, _ = strings.Cut(block, "```sh\n")
	block, _, _ = strings.Cut(block, "```")
	if !ok || !strings.HasPrefix(block, "go install ") {
		t.Fatalf("the README has no install command for a clone: %q", block)
	}
	bin := t.TempDir()
	args := strings.Fields(strings.TrimSpace(block))
	cmd := exec.Command("go", args[1:]...)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "GOBIN="+bin)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", block, err, out)
	}
	if out, err := exec.Command(filepath.Join(bin, "manifestpatch"), "--version").CombinedOutput(); err != nil || !strings.HasPrefix(string(out), "manifestpatch version ") {
		t.Errorf("the installed command's --version: %v %s", err, out)
	}
	// The install leaves out urfave/cli's documentation output, as the
	// release binaries do: its packages' initialization is paid at every
	// start (BENCHMARKS.md).
	if out, err := exec.Command("go", "version", "-m", filepath.Join(bin, "manifestpatch")).Output(); err != nil || strings.Contains(string(out), "go-md2man") {
		t.Errorf("the installed command links go-md2man (%v): install it with -tags urfave_cli_no_docs\n%s", err, out)
	}

	git := func(args ...string) (string, error) {
		out, err := exec.Command("git", append([]string{"-C", "../.."}, args...)...).Output()
		return strings.TrimSpace(string(out)), err
	}
	if shallow, err := git("rev-parse", "--is-shallow-repository"); err != nil || shallow != "false" {
		t.Skipf("skipping the rev check: not a full git clone (%v %s)", err, shallow)
	}
	revs := regexp.MustCompile(`(?m)^\s+rev: (\S+)`).FindAllStringSubmatch(string(readme), -1)
	if len(revs) == 0 {
		t.Fatal("the README's pre-commit example gives no rev")
	}
	for _, m := range revs {
		if _, err := git("cat-file", "-e", m[1]+"^{commit}"); err != nil {
			t.Errorf("the README's pre-commit rev %s is neither a commit nor a tag of this repository", m[1])
		}
	}
}

// TestReadmeWorkflow runs the shell steps of the README's GitHub Actions
// workflow with bash: the install step from this clone (the commit it
// names must exist here; the tests do not reach the network), then the
// check step word for word, in a folder of manifests, and checks the
// SARIF log it leaves.
func TestReadmeWorkflow(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command; skipped with -short")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("skipping: bash is not on PATH")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, wf, ok := strings.Cut(string(readme), "```yaml\nname: manifests\n")
	wf, _, _ = strings.Cut(wf, "```")
	if !ok {
		t.Fatal("the README has no workflow named manifests")
	}
	var runs []string
	for _, line := range strings.Split(wf, "\n") {
		if _, cmd, ok := strings.Cut(line, "- run: "); ok {
			runs = append(runs, cmd)
		}
	}
	const pkg = "github.com/manifestpatch/manifestpatch/cmd/manifestpatch@"
	if len(runs) != 2 || !strings.HasPrefix(runs[0], "go install ") || !strings.Contains(runs[0], " "+pkg) {
		t.Fatalf("want an install step and a check step, got %q", runs)
	}
	flags, rev, _ := strings.Cut(strings.TrimPrefix(runs[0], "go install "), pkg)
	if out, err := exec.Command("git", "-C", "../..", "rev-parse", "--is-shallow-repository").Output(); err == nil && strings.TrimSpace(string(out)) == "false" {
		if err := exec.Command("git", "-C", "../..", "cat-file", "-e", rev+"^{commit}").Run(); err != nil {
			t.Errorf("the workflow installs %s, which is not a commit of this repository", rev)
		}
	}
	bin := t.TempDir()
	// The same install, from this clone, with the step's flags.
	install := exec.Command("go", append(append([]string{"install"}, strings.Fields(flags)...), "./cmd/manifestpatch")...)
	install.Dir = "../.."
	install.Env = append(os.Environ(), "GOBIN="+bin)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	work := t.TempDir()
	os.Mkdir(filepath.Join(work, "apps"), 0o755)
	sample, _ := os.ReadFile("../../testdata/portal-download.json")
	os.WriteFile(filepath.Join(work, "apps", "calendar.json"), sample, 0o644)
	step := exec.Command(bash, "-e", "-c", runs[1])
	step.Dir = work
	step.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	err = step.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == exitChanges) {
		t.Fatalf("%s: %v", runs[1], err) // 1 is the point: the sample lacks permissions
	}
	data, err := os.ReadFile(filepath.Join(work, "manifestpatch.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
		t.Errorf("manifestpatch.sarif is not a SARIF 2.1.0 log with results (%v):\n%.400s", err, data)
	}
	validateSARIF(t, data)
}
