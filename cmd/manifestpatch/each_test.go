package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// sampleFiles writes n copies of the sample portal download, m000.json
// on, in a temporary folder, with a syntax error instead in those that
// broken picks, and returns their paths.
func sampleFiles(t *testing.T, n int, broken func(i int) bool) []string {
	t.Helper()
	sample, err := os.ReadFile("../../testdata/portal-download.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var files []string
	for i := range n {
		data := sample
		if broken(i) {
			data = []byte("{\"requiredResourceAccess\": [}\n")
		}
		f := filepath.Join(dir, fmt.Sprintf("m%03d.json", i))
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// TestOutputInArgumentOrder checks many files at once, some with findings
// (standard output), some unreadable (standard error), both streams into
// one writer, as on a terminal: every line comes in the order of the file
// names, whichever worker finished first, and each file's lines together.
func TestOutputInArgumentOrder(t *testing.T) {
	files := sampleFiles(t, 300, func(i int) bool { return i%7 == 3 })
	dir := filepath.Dir(files[0])
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

// writeCounter counts the writes made to it.
type writeCounter struct {
	bytes.Buffer
	writes int
}

func (w *writeCounter) Write(b []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(b)
}

// TestOutputBatched: output that goes to a pipe or a file, not a
// terminal, is written in batches rather than once per file, and nothing
// is written to standard error when no file has anything to say there.
func TestOutputBatched(t *testing.T) {
	files := sampleFiles(t, 200, func(int) bool { return false })
	var stdout, stderr writeCounter
	if code := run(append([]string{"check"}, files...), strings.NewReader(""), &stdout, &stderr); code != exitChanges {
		t.Fatalf("check exited %d; want %d", code, exitChanges)
	}
	if got := strings.Count(stdout.String(), "[missing]"); got != 8*len(files) {
		t.Errorf("%d missing findings; want %d", got, 8*len(files))
	}
	if max := stdout.Len()/flushAt + 2; stdout.writes > max {
		t.Errorf("%d writes of %d bytes to standard output; want at most %d", stdout.writes, stdout.Len(), max)
	}
	if stderr.writes != 0 {
		t.Errorf("%d writes to standard error; want none", stderr.writes)
	}
}

func TestInteractive(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	zero, err := os.OpenFile("/dev/zero", os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer zero.Close()
	for _, tt := range []struct {
		name string
		w    io.Writer
		want bool
	}{
		{"a buffer", new(bytes.Buffer), false},
		{"a pipe", w, false},
		{"the null device", null, false},
		{"another character device", zero, true}, // as a terminal is
	} {
		if got := interactive(tt.w); got != tt.want {
			t.Errorf("interactive(%s) = %v; want %v", tt.name, got, tt.want)
		}
	}
}
