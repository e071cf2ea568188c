package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// posixACL encodes an access control list as the kernel keeps it in
// system.posix_acl_access: version 2, then (tag, permissions, id) entries.
func posixACL(uid uint32) []byte {
	const userObj, user, groupObj, mask, other = 0x01, 0x02, 0x04, 0x10, 0x20
	const none = 0xffffffff
	b := binary.LittleEndian.AppendUint32(nil, 2)
	for _, e := range []struct {
		tag, perm uint16
		id        uint32
	}{{userObj, 6, none}, {user, 6, uid}, {groupObj, 4, none}, {mask, 6, none}, {other, 0, none}} {
		b = binary.LittleEndian.AppendUint16(b, e.tag)
		b = binary.LittleEndian.AppendUint16(b, e.perm)
		b = binary.LittleEndian.AppendUint32(b, e.id)
	}
	return b
}

// TestKeepsACL: a file with an access control list (0640 with
// user:1000:rw, which shows as 0660) and a user attribute comes back with
// both, and with the same mode.
func TestKeepsACL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.json")
	write(t, dir, "app.json", `{"displayName": "x"}`, 0o640)
	acl := posixACL(1000)
	if err := syscall.Setxattr(path, "system.posix_acl_access", acl, 0); err != nil {
		t.Skipf("skipping: the file system here takes no access control list: %v", err)
	}
	if err := syscall.Setxattr(path, "user.origin", []byte("portal"), 0); err != nil {
		t.Skipf("skipping: the file system here takes no user attributes: %v", err)
	}
	before, _ := os.Stat(path)
	var stderr bytes.Buffer
	if code := run([]string{"apply", path}, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	after, _ := os.Stat(path)
	if after.Mode() != before.Mode() {
		t.Errorf("mode %v after apply, was %v", after.Mode(), before.Mode())
	}
	for name, want := range map[string][]byte{"system.posix_acl_access": acl, "user.origin": []byte("portal")} {
		if got, err := xattrGet(path, name); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s after apply: %x, %v; want %x", name, got, err, want)
		}
	}
}

// TestImmutable runs apply on files with the immutable and append-only
// attributes, where chattr can set them (root, on a file system that has
// them): neither is replaced, and each message says which attribute.
func TestImmutable(t *testing.T) {
	chattr, err := exec.LookPath("chattr")
	if err != nil {
		t.Skip("skipping: no chattr (e2fsprogs) to set the attributes")
	}
	dir := t.TempDir()
	for _, tt := range []struct{ flag, want string }{
		{"+i", "app.json: is immutable (the i attribute"},
		{"+a", "app.json: may be written but not replaced (an append-only attribute"},
	} {
		path := filepath.Join(dir, "app.json")
		write(t, dir, "app.json", `{"displayName": "x"}`, 0o644)
		if out, err := exec.Command(chattr, tt.flag, path).CombinedOutput(); err != nil {
			t.Skipf("skipping: chattr %s: %v %s (needs root and a file system with the attribute)", tt.flag, err, out)
		}
		var stderr bytes.Buffer
		code := run([]string{"apply", path}, strings.NewReader(""), &bytes.Buffer{}, &stderr)
		exec.Command(chattr, "-i", "-a", path).Run()
		if code != exitError || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("chattr %s: exit %d, %q; want exit 2 and %q", tt.flag, code, stderr.String(), tt.want)
		}
		if got, _ := os.ReadFile(path); string(got) != `{"displayName": "x"}` {
			t.Errorf("chattr %s: the file changed: %s", tt.flag, got)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("chattr %s: the folder holds %d files, want app.json alone", tt.flag, len(entries))
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
	}
}

// TestNoInheritedACL: in a folder with a default access control list, a new
// file gets one; the replacement of a file that has none must not.
func TestNoInheritedACL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.json")
	write(t, dir, "app.json", `{"displayName": "x"}`, 0o640)
	if err := syscall.Setxattr(dir, "system.posix_acl_default", posixACL(65534), 0); err != nil {
		t.Skipf("skipping: the file system here takes no default access control list: %v", err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"apply", path}, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if got, err := xattrGet(path, "system.posix_acl_access"); err == nil {
		t.Errorf("the replacement has an access control list the file had not: %x", got)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", info.Mode())
	}
}
