package main

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"syscall"
)

// keepAttrs gives the temporary file at tmp the extended attributes of the
// file at path, as cp --preserve=xattr does: its access control list
// (system.posix_acl_access), its SELinux label, its capabilities and the
// user's own attributes; and takes away what tmp has and the file has
// not, such as the access control list a folder's default one gives every
// new file. The error names one it could not give or take away.
func keepAttrs(tmp, path string) error {
	names, err := xattrList(path)
	if err != nil {
		if errors.Is(err, syscall.ENOTSUP) {
			return nil // the file system has none
		}
		return wordedError{"its extended attributes cannot be read", err}
	}
	inherited, err := xattrList(tmp)
	if err != nil && !errors.Is(err, syscall.ENOTSUP) {
		return wordedError{"a new file's extended attributes cannot be read", err}
	}
	for _, name := range inherited {
		if slices.Contains(names, name) || name == "security.selinux" {
			continue // the label a new file gets is the folder's to give
		}
		if err := syscall.Removexattr(tmp, name); err != nil && !errors.Is(err, syscall.ENODATA) {
			return wordedError{fmt.Sprintf("has no %s, but a new file in its folder gets one, which could not be taken away (%v)", attrName(name), err), err}
		}
	}
	for _, name := range names {
		value, err := xattrGet(path, name)
		if errors.Is(err, syscall.ENODATA) {
			continue // removed meanwhile
		}
		if err != nil {
			return wordedError{fmt.Sprintf("its %s cannot be read", attrName(name)), err}
		}
		if have, err := xattrGet(tmp, name); err == nil && bytes.Equal(have, value) {
			continue // the new file has it already (an inherited label)
		}
		if err := syscall.Setxattr(tmp, name, value, 0); err != nil {
			return wordedError{fmt.Sprintf("has %s, which a replacement could not take (%v)", attrName(name), err), err}
		}
	}
	return nil
}

// attrName words an extended attribute for a message.
func attrName(name string) string {
	switch {
	case name == "system.posix_acl_access":
		return "an access control list (getfacl shows it)"
	case name == "security.selinux":
		return "an SELinux label"
	case name == "security.capability":
		return "file capabilities"
	}
	return "the extended attribute " + name
}

// xattrList returns the names of the extended attributes of the file at
// path.
func xattrList(path string) ([]string, error) {
	buf, err := xattrRead(func(b []byte) (int, error) { return syscall.Listxattr(path, b) })
	if err != nil || len(buf) == 0 {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(string(buf), "\x00"), "\x00"), nil
}

func xattrGet(path, name string) ([]byte, error) {
	return xattrRead(func(b []byte) (int, error) { return syscall.Getxattr(path, name, b) })
}

// xattrRead calls get with a buffer large enough for what it returns,
// asking for the size first, as the value may grow between the calls.
func xattrRead(get func([]byte) (int, error)) ([]byte, error) {
	for {
		n, err := get(nil)
		if err != nil {
			return nil, err
		}
		buf := make([]byte, n)
		m, err := get(buf)
		if errors.Is(err, syscall.ERANGE) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return buf[:m], nil
	}
}
