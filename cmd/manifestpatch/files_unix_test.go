//go:build unix

package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// ordinary is the user TestRefusedWrites runs apply as: the current user
// when that is not root; as root, nobody, through setpriv (util-linux),
// running a built binary. Root may write any file, so the cases need an
// ordinary user to mean anything.
type ordinary struct {
	uid, gid int
	bin      string // the command run through setpriv; "" to run in-process
}

// ordinaryUser returns the user to run as, or skips saying why none can be had.
func ordinaryUser(t *testing.T) ordinary {
	if os.Geteuid() != 0 {
		return ordinary{uid: os.Geteuid(), gid: os.Getegid()}
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("skipping: running as root, which may write any file, and setpriv (util-linux) is not on PATH to run as nobody; TestRefusedWritesInjected covers the wording")
	}
	uid, err1 := exec.Command("id", "-u", "nobody").Output()
	gid, err2 := exec.Command("id", "-g", "nobody").Output()
	if err1 != nil || err2 != nil {
		t.Skip("skipping: running as root, which may write any file, and there is no user nobody to run as; TestRefusedWritesInjected covers the wording")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipping: running as root, and no go command on PATH to build the binary to run as nobody")
	}
	var u ordinary
	u.uid, _ = strconv.Atoi(strings.TrimSpace(string(uid)))
	u.gid, _ = strconv.Atoi(strings.TrimSpace(string(gid)))
	dir := openDir(t)
	u.bin = filepath.Join(dir, "manifestpatch")
	if out, err := exec.Command(gobin, "build", "-o", u.bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if out, err := exec.Command(setpriv, "--reuid="+strconv.Itoa(u.uid), "--regid="+strconv.Itoa(u.gid), "--clear-groups", u.bin, "--version").CombinedOutput(); err != nil {
		t.Skipf("skipping: running as root, which may write any file, and setpriv cannot run the binary as nobody here: %v\n%s", err, out)
	}
	return u
}

// openDir makes a folder anyone may enter and read, removed after the test.
func openDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "manifestpatch-user")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if d != nil && d.IsDir() {
				os.Chmod(p, 0o755) // so that it can be removed
			}
			return nil
		})
		os.RemoveAll(dir)
	})
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// run runs apply with args, in dir, as u.
func (u ordinary) run(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	if u.bin == "" {
		t.Chdir(dir)
		var stdout, stderr bytes.Buffer
		code := run(args, nil, &stdout, &stderr)
		return code, stderr.String()
	}
	cmd := exec.Command("setpriv", append([]string{"--reuid=" + strconv.Itoa(u.uid), "--regid=" + strconv.Itoa(u.gid), "--clear-groups", u.bin}, args...)...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=/"}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

// chown gives path to uid and gid; as an ordinary user, who can only give
// a file to oneself, it skips the test when they are another's.
func (u ordinary) chown(t *testing.T, path string, uid, gid int) {
	t.Helper()
	if os.Geteuid() != 0 {
		if uid != u.uid || gid != u.gid {
			t.Skip("skipping: needs a file owned by another user or group, which only root can make; run the tests as root (they then run apply as nobody through setpriv)")
		}
		return
	}
	if err := os.Lchown(path, uid, gid); err != nil {
		t.Fatal(err)
	}
}

// TestRefusedWrites: apply, run as an ordinary user, never replaces what
// that user could not write in place, nor what a replacement would change
// beyond the content (owner, group, hard links), nor a symbolic link. Each
// refusal exits 2 and names the file and why; the file keeps its bytes,
// mode and owner; no temporary file is left.
func TestRefusedWrites(t *testing.T) {
	const old = `{"displayName": "x"}` + "\n"
	const you, root = -1, 0
	tests := []struct {
		name         string
		mode         fs.FileMode // of app.json
		owner, group int         // of app.json: root, or you, the ordinary user
		folderMode   fs.FileMode // of its folder, which is yours
		link         string      // "hard": app.json has another name; "symbolic": app.json is a link to shared.json
		want         string      // what stderr says after "app.json: "
		code         int
	}{
		{"read-only file", 0o444, you, you, 0o755, "",
			"is read-only (mode 0444); not replaced\n", exitError},
		{"another user's file in a writable folder", 0o644, root, root, 0o755, "",
			"is owned by root and you cannot write it (mode 0644); not replaced\n", exitError},
		{"another user's file anyone may write", 0o666, root, root, 0o755, "",
			"is owned by root; a replacement would belong to you instead, so it is not replaced (to keep the owner, write the output of apply --stdout into the file)\n", exitError},
		{"own file of a group one is not in", 0o664, you, root, 0o755, "",
			"belongs to the group root, which you cannot give a file; a replacement would belong to you instead, so it is not replaced (to keep the owner, write the output of apply --stdout into the file)\n", exitError},
		{"writable file in a read-only folder", 0o644, you, you, 0o555, "",
			"its folder . is not writable, so the file cannot be replaced; the file is unchanged\n", exitError},
		{"hard link", 0o644, you, you, 0o755, "hard",
			"has 2 hard links, and a replacement would leave the other names with the old content; not replaced (to change them all, write the output of apply --stdout into the file)\n", exitError},
		{"symbolic link", 0o644, you, you, 0o755, "symbolic",
			"is a symbolic link to shared.json; apply replaces files, not links: name shared.json instead (reading through the link, as --diff, --list and --stdout do, is fine)\n", exitError},
		{"own file in an own folder", 0o640, you, you, 0o755, "",
			"added Office 365 Exchange Online", exitOK},
	}
	u := ordinaryUser(t)
	id := func(who, yours int) int {
		if who == you {
			return yours
		}
		return who
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(openDir(t), "d")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			name := "app.json"
			if tt.link == "symbolic" {
				name = "shared.json"
			}
			write(t, dir, name, old, tt.mode)
			u.chown(t, filepath.Join(dir, name), id(tt.owner, u.uid), id(tt.group, u.gid))
			u.chown(t, dir, u.uid, u.gid)
			switch tt.link {
			case "hard":
				err := os.Link(filepath.Join(dir, "app.json"), filepath.Join(dir, "other.json"))
				if err != nil {
					t.Fatal(err)
				}
			case "symbolic":
				if err := os.Symlink("shared.json", filepath.Join(dir, "app.json")); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.Chmod(dir, tt.folderMode); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "app.json")
			before, err := os.Lstat(path)
			if err != nil {
				t.Fatal(err)
			}
			code, stderr := u.run(t, dir, "apply", "app.json")
			if code != tt.code || !strings.HasPrefix(stderr, "app.json: "+tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, "app.json: "+tt.want)
			}
			after, err := os.Lstat(path)
			if err != nil {
				t.Fatal(err)
			}
			if after.Mode() != before.Mode() {
				t.Errorf("mode %v, was %v", after.Mode(), before.Mode())
			}
			a, b := after.Sys().(*syscall.Stat_t), before.Sys().(*syscall.Stat_t)
			if a.Uid != b.Uid || a.Gid != b.Gid {
				t.Errorf("owner %d:%d, was %d:%d", a.Uid, a.Gid, b.Uid, b.Gid)
			}
			got, _ := os.ReadFile(path)
			if tt.code == exitError && string(got) != old {
				t.Errorf("the file was changed:\n%s", got)
			}
			if tt.code == exitOK && string(got) == old {
				t.Errorf("the file was not written")
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

func write(t *testing.T, dir, name, content string, mode fs.FileMode) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

// TestRefusedWritesInjected words each refusal of a file the user may not
// write, with access(2)'s and chown's answers injected, so that it runs as
// any user, root included.
func TestRefusedWritesInjected(t *testing.T) {
	other := 65534 // nobody, on most systems
	if os.Getuid() == other {
		other--
	}
	for _, tt := range []struct {
		name, want string
		setup      func(path string)
		is         error // what the error behind the exit wraps
	}{
		{"read-only", "app.json: is read-only (mode 0444); not replaced", func(path string) {
			os.Chmod(path, 0o444)
			writable = func(path string, info fs.FileInfo) error { return accessErr(path, info, syscall.EACCES) }
		}, fs.ErrPermission},
		{"read-only file system", "app.json: is on a read-only file system; not replaced", func(path string) {
			writable = func(path string, info fs.FileInfo) error { return accessErr(path, info, syscall.EROFS) }
		}, syscall.EROFS},
		{"another user's", "app.json: is owned by " + idName("/etc/passwd", uint32(other), "user") + " and you cannot write it (mode 0640); not replaced", func(string) {
			writable = func(path string, info fs.FileInfo) error {
				info = fakeOwner{info, uint32(other)}
				return accessErr(path, info, syscall.EACCES)
			}
		}, fs.ErrPermission},
		{"immutable", "app.json: is immutable (the i attribute: lsattr shows it, chattr -i clears it; on BSD and macOS the uchg or schg flag); not replaced", func(string) {
			writable = func(path string, info fs.FileInfo) error { return accessErr(path, info, syscall.EPERM) }
		}, fs.ErrPermission},
		{"owner not kept", "app.json: belongs to the group", func(string) {
			createTemp = failing("Chown", syscall.EPERM)
		}, fs.ErrPermission},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir, err := applyWithFault(t, tt.want, tt.setup)
			if !errors.Is(err, tt.is) {
				t.Errorf("the error %v does not wrap %v", err, tt.is)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, "app.json")); string(got) != original {
				t.Errorf("original not intact: %q", got)
			}
		})
	}
}

// fakeOwner is a FileInfo whose owner is uid.
type fakeOwner struct {
	fs.FileInfo
	uid uint32
}

func (f fakeOwner) Sys() any {
	st := *f.FileInfo.Sys().(*syscall.Stat_t)
	st.Uid = f.uid
	return &st
}

// TestKeepsModeBits: a replacement has the setuid, setgid and sticky bits
// of the file it replaces, as well as its permission bits.
func TestKeepsModeBits(t *testing.T) {
	dir := t.TempDir()
	for _, mode := range []fs.FileMode{0o640, 0o4755 | fs.ModeSetuid, fs.ModeSetgid | 0o664, fs.ModeSticky | 0o600} {
		path := filepath.Join(dir, "app.json")
		os.WriteFile(path, []byte(`{"displayName": "x"}`), 0o600)
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		before, _ := os.Stat(path)
		if code := run([]string{"apply", path}, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}); code != exitOK {
			t.Fatalf("mode %v: exit %d", before.Mode(), code)
		}
		after, _ := os.Stat(path)
		if after.Mode() != before.Mode() {
			t.Errorf("mode %v after apply, was %v", after.Mode(), before.Mode())
		}
	}
}
