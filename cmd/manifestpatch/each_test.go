package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputInArgumentOrder checks many files at once, some with findings
// (standard output), some unreadable (standard error), both streams into
// one writer, as on a terminal: every line comes in the order of the file
// names, whichever worker finished first, and each file's lines together.
func TestOutputInArgumentOrder(t *testing.T) {
	sample, err := os.ReadFile("../../testdata/portal-download.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var files []string
	for i := range 300 {
		data := sample
		if i%7 == 3 {
			data = []byte("{\"requiredResourceAccess\": [}\n") // a syntax error, on standard error
		}
		f := filepath.Join(dir, fmt.Sprintf("m%03d.json", i))
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	var out bytes.Buffer
	if code := run(append([]string{"check"}, files...), strings.NewReader(""), &out, &out); code != exitError {
		t.Fatalf("check exited %d; want %d\n%s", code, exitError, out.String())
	}
	at, seen := 0, map[int]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		var i int
		if _, err := fmt.Sscanf(strings.TrimPrefix(line, dir+string(filepath.Separator)), "m%03d.json", &i); err != nil {
			t.Fatalf("line names no file: %q", line)
		}
		if i < at {
			t.Fatalf("m%03d.json written after m%03d.json:\n%s", i, at, out.String())
		}
		at, seen[i] = i, true
	}
	if len(seen) != len(files) {
		t.Errorf("output for %d files; want %d", len(seen), len(files))
	}
}
