//go:build !unix

package main

import (
	"fmt"
	"io/fs"
	"os"
)

// canWrite reports, as an error saying why, when the file's mode has no
// write permission (on Windows, its read-only attribute).
func canWrite(path string, info fs.FileInfo) error {
	if info.Mode().Perm()&0o200 == 0 {
		return wordedError{fmt.Sprintf("%s: is read-only (mode %04o); not replaced", path, info.Mode().Perm()), fs.ErrPermission}
	}
	return nil
}

// keepOwner does nothing where files have no Unix owner.
func keepOwner(tempFile, fs.FileInfo) error { return nil }

// links returns 1: the platform's FileInfo does not count hard links.
func links(fs.FileInfo) int { return 1 }

func isReadOnlyFS(error) bool { return false }

// lock only checks that the file is still there where advisory locks are
// not available; the content check that follows still catches most
// concurrent edits.
func lock(path string) (func(), error) {
	if _, err := os.Lstat(path); err != nil {
		return nil, err
	}
	return func() {}, nil
}

// openRead opens the file at path to read it only.
func openRead(path string) (*os.File, error) { return os.Open(path) }

// openToReplace opens the file at path to read it before replacing it.
func openToReplace(path string) (*os.File, error) { return os.Open(path) }

// lockTemp does nothing: Windows does not remove a file that is open.
func lockTemp(string) func() { return func() {} }

// removeIfStale leaves the file: without the advisory locks that tell a
// live run's file from a dead one's, a stale temporary file is the user's
// to remove.
func removeIfStale(string) {}

// raise ends the process after a signal.
func raise(os.Signal) { os.Exit(exitError) }
