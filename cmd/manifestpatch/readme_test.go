package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/manifestpatch/manifestpatch/permissions"
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
// lists every code the engine has (permissions.Rules, what lints prints),
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
	for _, r := range permissions.Rules() {
		want = append(want, r.Code+" "+r.Level.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the README's table of codes differs from permissions.Rules (-want +got):\n%s", diff)
	}
}
