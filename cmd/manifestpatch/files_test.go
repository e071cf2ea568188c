package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

const original = "{\n  \"displayName\": \"Calendar Sync\"\n}\n"

// faultFile fails the method named op with err.
type faultFile struct {
	*os.File
	op  string
	err error
}

func (f faultFile) Write(b []byte) (int, error) {
	if f.op == "Write" {
		return 0, f.err
	}
	return f.File.Write(b)
}

func (f faultFile) Chown(uid, gid int) error {
	if f.op == "Chown" {
		return &fs.PathError{Op: "chown", Path: f.Name(), Err: f.err}
	}
	return f.File.Chown(uid, gid)
}

func (f faultFile) Sync() error {
	if f.op == "Sync" {
		return &fs.PathError{Op: "sync", Path: f.Name(), Err: f.err}
	}
	return f.File.Sync()
}

// failing makes createTemp return files whose op fails with err.
func failing(op string, err error) func(dir, pattern string) (tempFile, error) {
	return func(dir, pattern string) (tempFile, error) {
		f, ferr := os.CreateTemp(dir, pattern)
		return faultFile{f, op, err}, ferr
	}
}

// resetHooks puts the test hooks back.
func resetHooks() {
	createTemp = func(dir, pattern string) (tempFile, error) { return os.CreateTemp(dir, pattern) }
	writable = canWrite
	beforeRename = func(string) {}
	afterLstat = func(string) {}
}

// applyWithFault runs apply on a fresh file with the hooks set, and checks
// that it fails with want in its message, naming the file, leaving the
// original's bytes and mode (or what the fault put there) and no temporary
// file. It returns the folder and the error behind the exit code.
func applyWithFault(t *testing.T, want string, setup func(path string)) (dir string, err error) {
	t.Helper()
	dir = t.TempDir()
	path := filepath.Join(dir, "app.json")
	if err := os.WriteFile(path, []byte(original), 0o640); err != nil {
		t.Fatal(err)
	}
	setup(path)
	before, serr := os.Stat(path)
	if serr != nil && !errors.Is(serr, fs.ErrNotExist) {
		t.Fatal(serr)
	}
	defer resetHooks()
	var stdout, stderr bytes.Buffer
	code, err := execute([]string{"apply", path}, nil, &stdout, &stderr)
	if code != exitError {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitError, stderr.String())
	}
	want = strings.ReplaceAll(want, "DIR", dir)
	if !strings.HasPrefix(stderr.String(), path+": ") || !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q, want it to start with %q and contain %q", stderr.String(), path+": ", want)
	}
	if after, serr := os.Stat(path); serr == nil && before != nil && after.Mode() != before.Mode() {
		t.Errorf("mode changed from %v to %v", before.Mode(), after.Mode())
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	return dir, err
}

func TestWriteFaults(t *testing.T) {
	intact := func(t *testing.T, dir string) {
		got, err := os.ReadFile(filepath.Join(dir, "app.json"))
		if err != nil || string(got) != original {
			t.Errorf("original not intact: %q, %v", got, err)
		}
	}
	for _, tt := range []struct {
		name, want string
		setup      func(path string)
	}{
		{"full disk", "app.json: writing: no space left on device; the file is unchanged", func(string) {
			createTemp = failing("Write", syscall.ENOSPC)
		}},
		{"sync fails", "app.json: writing: input/output error; the file is unchanged", func(string) {
			createTemp = failing("Sync", syscall.EIO)
		}},
		{"read-only folder", "app.json: its folder DIR is not writable, so the file cannot be replaced; the file is unchanged", func(string) {
			createTemp = func(dir, pattern string) (tempFile, error) {
				return nil, &fs.PathError{Op: "open", Path: filepath.Join(dir, pattern), Err: fs.ErrPermission}
			}
		}},
		{"read-only file system", "app.json: its folder DIR is on a read-only file system; the file is unchanged", func(string) {
			createTemp = func(dir, pattern string) (tempFile, error) {
				return nil, &fs.PathError{Op: "open", Path: filepath.Join(dir, pattern), Err: syscall.EROFS}
			}
		}},
		{"rename fails", "app.json: replacing: no such file or directory; the file is unchanged", func(string) {
			beforeRename = func(path string) {
				tmps, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".app.json.*.tmp"))
				for _, tmp := range tmps {
					os.Remove(tmp)
				}
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir, _ := applyWithFault(t, tt.want, tt.setup)
			intact(t, dir)
		})
	}
	t.Run("vanishes before the write", func(t *testing.T) {
		dir, _ := applyWithFault(t, "app.json: was removed while being patched; not written", func(string) {
			beforeRename = func(path string) { os.Remove(path) }
		})
		if _, err := os.Stat(filepath.Join(dir, "app.json")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a removed file was written again: %v", err)
		}
	})
	t.Run("changed by someone else", func(t *testing.T) {
		theirs := "{\n  \"displayName\": \"Edited meanwhile\"\n}\n"
		dir, _ := applyWithFault(t, "app.json: was changed by something else while being patched; not overwritten", func(string) {
			beforeRename = func(path string) { os.WriteFile(path, []byte(theirs), 0o640) }
		})
		if got, _ := os.ReadFile(filepath.Join(dir, "app.json")); string(got) != theirs {
			t.Errorf("their change was overwritten: %q", got)
		}
	})
}

// TestConcurrentApply runs apply on one file from many processes at once,
// each adding another permission. Each either succeeds, and its permission
// is in the final file, or is refused because the file changed under it
// (after it was read, or while it was being read);
// the file is always whole, valid JSON, never a mix. (Processes, not
// goroutines: urfave/cli keeps flag state in package variables, so run is
// not safe to call concurrently.)
func TestConcurrentApply(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	bin := filepath.Join(t.TempDir(), "manifestpatch")
	if out, err := exec.Command(gobin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	scopes := []string{"Mail.Read", "Mail.Send", "Files.Read", "Sites.Read.All", "Tasks.Read", "Notes.Read", "Contacts.Read", "People.Read"}
	for round := 0; round < 5; round++ {
		path := filepath.Join(t.TempDir(), "app.json")
		if err := os.WriteFile(path, []byte(original), 0o644); err != nil {
			t.Fatal(err)
		}
		codes := make([]int, len(scopes))
		var wg sync.WaitGroup
		for i, s := range scopes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var errOut bytes.Buffer
				cmd := exec.Command(bin, "apply", "--scope", "Microsoft Graph/"+s, path)
				cmd.Stderr = &errOut
				err := cmd.Run()
				codes[i] = cmd.ProcessState.ExitCode()
				// Refused because another apply replaced the file: after
				// this one read it, or while it was reading it.
				refused := strings.Contains(errOut.String(), "changed by something else") || strings.Contains(errOut.String(), "was replaced by another file while being read")
				if err != nil && codes[i] != exitError || codes[i] == exitError && !refused {
					t.Errorf("apply --scope %s: %s", s, errOut.String())
				}
			}()
		}
		wg.Wait()
		data, err := os.ReadFile(path)
		if err != nil || !json.Valid(data) {
			t.Fatalf("round %d: file not valid JSON (%v):\n%s", round, err, data)
		}
		m, err := manifest.Read(data)
		if err != nil {
			t.Fatal(err)
		}
		have := fmt.Sprint(m.Resources)
		for i, s := range scopes {
			p, _ := permissions.Builtin().ParsePermission("Microsoft Graph/"+s, manifest.Scope)
			if codes[i] == exitOK && !strings.Contains(have, p.ID) {
				t.Errorf("round %d: apply --scope %s succeeded but its permission was lost", round, s)
			}
		}
	}
}
