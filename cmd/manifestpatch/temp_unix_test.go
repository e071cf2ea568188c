//go:build unix

package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSwappedBeforeOpen: a file to replace that becomes a named pipe or a
// link between being looked at and opened is refused at once, neither
// waited on nor followed.
func TestSwappedBeforeOpen(t *testing.T) {
	for _, tt := range []struct {
		name, want string
		swap       func(path string)
	}{
		{"named pipe", "was replaced by another file while being read; not patched (run again)", func(path string) {
			os.Remove(path)
			if err := syscall.Mkfifo(path, 0o640); err != nil {
				t.Fatal(err)
			}
		}},
		{"symbolic link", "is a symbolic link to", func(path string) {
			os.Remove(path)
			os.WriteFile(path+".real", []byte(original), 0o640)
			if err := os.Symlink(filepath.Base(path)+".real", path); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer resetHooks()
			dir := t.TempDir()
			path := filepath.Join(dir, "app.json")
			os.WriteFile(path, []byte(original), 0o640)
			afterLstat = tt.swap
			var stderr bytes.Buffer
			code := run([]string{"apply", path}, strings.NewReader(""), &bytes.Buffer{}, &stderr)
			if code != exitError || !strings.HasPrefix(stderr.String(), path+": "+tt.want) {
				t.Errorf("exit %d, %q; want exit 2 and %q", code, stderr.String(), path+": "+tt.want)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".tmp") {
					t.Errorf("temporary file left behind: %s", e.Name())
				}
			}
		})
	}
}

// TestLongName: a file whose name is 250 bytes, near the 255 most file
// systems allow, is replaced: its temporary file's name is cut to fit.
func TestLongName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, strings.Repeat("é", 60)+strings.Repeat("n", 125)+".json")
	if len(filepath.Base(path)) != 250 {
		t.Fatalf("name is %d bytes", len(filepath.Base(path)))
	}
	if err := os.WriteFile(path, []byte(original), 0o640); err != nil {
		t.Skipf("skipping: the file system here takes no 250-byte name: %v", err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"apply", path}, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if got, _ := os.ReadFile(path); string(got) == original {
		t.Errorf("not written")
	}
	if p := tempPrefix(filepath.Base(path)); len(p)+20+len(".tmp") > 255 || !strings.HasSuffix(p, "n.") {
		t.Errorf("tempPrefix is %d bytes: %q", len(p), p)
	}
}

// TestStaleTempRemoved: apply removes the temporary files a killed run
// left beside the files it replaces, and leaves those a live run holds,
// those too young to tell, and those of no file in the folder.
func TestStaleTempRemoved(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.json")
	os.WriteFile(path, []byte(original), 0o640)
	old := time.Now().Add(-time.Hour)
	tmp := func(name string, age time.Time) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("{"), 0o600)
		os.Chtimes(p, age, age)
		return p
	}
	stale := tmp(".app.json.123456.tmp", old)
	young := tmp(".app.json.234567.tmp", time.Now())
	orphan := tmp(".gone.json.345678.tmp", old)
	os.WriteFile(filepath.Join(dir, "other.json"), []byte(original), 0o640)
	sibling := tmp(".other.json.1234.tmp", old) // beside a file this run does not apply
	notOurs := tmp(".app.json.backup.tmp", old)
	locked := tmp(".app.json.456789.tmp", old)
	f, err := os.Open(locked)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	// Another process's lock: flock locks belong to the open file, so the
	// test's own open file stands for a live run.
	if code := run([]string{"apply", path}, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for p, want := range map[string]bool{stale: false, young: true, orphan: true, notOurs: true, locked: true, sibling: true} {
		if _, err := os.Lstat(p); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
	// check and apply --stdout write nothing, and remove nothing.
	stale = tmp(".app.json.567890.tmp", old)
	for _, args := range [][]string{{"check", path}, {"apply", "--stdout", path}, {"apply", "-d", path}} {
		run(args, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
		if _, err := os.Lstat(stale); err != nil {
			t.Errorf("%v removed a temporary file", args)
		}
	}
}

// TestInterruptRemovesTemp interrupts apply (INT, TERM, HUP) while its
// temporary file is complete and not yet renamed: the run removes it, ends
// by the signal, and leaves the original as it was. The run is this test
// binary, in TestHelperBlockedApply.
func TestInterruptRemovesTemp(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the test binary as a child; skipped with -short")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "app.json")
			os.WriteFile(path, []byte(original), 0o640)
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBlockedApply$")
			cmd.Env = append(os.Environ(), "MANIFESTPATCH_BLOCKED_APPLY="+path)
			out, _ := cmd.StdoutPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, _ := bufio.NewReader(out).ReadString('\n')
			if line != "blocked\n" {
				cmd.Process.Kill()
				t.Fatalf("the child said %q", line)
			}
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if !ok || !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("the run ended with %v, want by %v", err, sig)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("the folder holds %q, want app.json alone", names)
			}
			if got, _ := os.ReadFile(path); string(got) != original {
				t.Errorf("the original changed: %s", got)
			}
		})
	}
}

// TestHelperBlockedApply is TestInterruptRemovesTemp's child: it runs apply
// and blocks once the temporary file is written, saying so on standard
// output.
func TestHelperBlockedApply(t *testing.T) {
	path := os.Getenv("MANIFESTPATCH_BLOCKED_APPLY")
	if path == "" {
		t.Skip("run by TestInterruptRemovesTemp")
	}
	beforeRename = func(string) {
		os.Stdout.WriteString("blocked\n")
		select {}
	}
	run([]string{"apply", path}, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{})
}

// TestIgnoredSignalStaysIgnored: a run started with HUP ignored (nohup)
// goes on when HUP comes, and still cleans up on TERM.
func TestIgnoredSignalStaysIgnored(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the test binary as a child; skipped with -short")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "app.json")
	os.WriteFile(path, []byte(original), 0o640)
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("skipping: no bash to start the run with HUP ignored, as nohup does")
	}
	cmd := exec.Command(bash, "-c", `trap "" HUP; exec "$0" -test.run='^TestHelperBlockedApply$'`, os.Args[0])
	cmd.Env = append(os.Environ(), "MANIFESTPATCH_BLOCKED_APPLY="+path)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "blocked\n" {
		cmd.Process.Kill()
		t.Fatalf("the child said %q", line)
	}
	go func() { done <- cmd.Wait() }()
	cmd.Process.Signal(syscall.SIGHUP)
	// The run is blocked before its rename: if HUP ended it, Wait returns
	// at once; TERM then ends it the way TestInterruptRemovesTemp checks.
	select {
	case err := <-done:
		t.Fatalf("HUP ended a run that ignores it: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("after HUP the folder holds %d files, want app.json and the run's temporary file", len(entries))
	}
	cmd.Process.Signal(syscall.SIGTERM)
	<-done
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGTERM {
		t.Errorf("the run ended with %v, want by TERM", cmd.ProcessState)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want app.json alone", len(entries))
	}
}
