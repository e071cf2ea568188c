//go:build unix

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// canWrite reports, as an error saying why, when the user may not write
// the file at path in place (access(2) with W_OK: root may write any file
// on a writable file system).
func canWrite(path string, info fs.FileInfo) error {
	return accessErr(path, info, syscall.Access(path, 2)) // W_OK
}

// accessErr words access(2)'s answer for the file at path.
func accessErr(path string, info fs.FileInfo, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, syscall.EROFS):
		return wordedError{path + ": is on a read-only file system; not replaced", err}
	case errors.Is(err, syscall.EPERM):
		// access(2) says EACCES for permission bits; EPERM for a file
		// whose flags forbid writing whoever asks.
		return wordedError{path + ": is immutable (the i attribute: lsattr shows it, chattr -i clears it; on BSD and macOS the uchg or schg flag); not replaced", err}
	case !errors.Is(err, syscall.EACCES):
		return pathErr(path, err)
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Getuid() {
		return wordedError{fmt.Sprintf("%s: is owned by %s and you cannot write it (mode %04o); not replaced", path, idName("/etc/passwd", st.Uid, "user"), info.Mode().Perm()), err}
	}
	return wordedError{fmt.Sprintf("%s: is read-only (mode %04o); not replaced", path, info.Mode().Perm()), err}
}

// keepOwner gives the temporary file the owner and group of the original.
// The error says which of them it could not keep.
func keepOwner(f tempFile, info fs.FileInfo) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	err := f.Chown(int(st.Uid), int(st.Gid))
	if err == nil {
		return nil
	}
	if int(st.Uid) != os.Geteuid() {
		return wordedError{"is owned by " + idName("/etc/passwd", st.Uid, "user"), err}
	}
	return wordedError{"belongs to the group " + idName("/etc/group", st.Gid, "group") + ", which you cannot give a file", err}
}

// idName returns the name the passwd or group file gives id, or the number.
func idName(file string, id uint32, kind string) string {
	want := strconv.FormatUint(uint64(id), 10)
	if f, err := os.Open(file); err == nil {
		defer f.Close()
		s := bufio.NewScanner(f)
		for s.Scan() {
			fields := strings.SplitN(s.Text(), ":", 4)
			if len(fields) == 4 && fields[2] == want {
				return fields[0]
			}
		}
	}
	return kind + " " + want
}

// links returns the number of names the file has.
func links(info fs.FileInfo) int {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return int(st.Nlink)
	}
	return 1
}

func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }

// lock takes an exclusive advisory lock on the file at path and returns
// the function that releases it. A second run waits for the first to
// replace the file, then finds it changed.
func lock(path string) (func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

// openRead opens the file at path to read it only, as os.Open does but
// without registering it with the runtime's poller, which suits a file read
// at once: on Linux the registration is four of the ten system calls that
// reading a small manifest took, and it starts the poller on the first
// file. A named pipe so opened is read with blocking reads, as a
// shell's <(…) wants.
func openRead(path string) (*os.File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		switch {
		case err == nil:
			return os.NewFile(uintptr(fd), path), nil
		case err != syscall.EINTR:
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
	}
}

// openToReplace opens the file at path, which Lstat found regular, to read
// it before replacing it: not through a link and without waiting, so that
// a link or a named pipe swapped in meanwhile is refused, not followed or
// waited on (readInput compares what it opened with what Lstat saw).
func openToReplace(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

// lockTemp takes a lock on the temporary file at name, held until release
// is called, so that removeIfStale in another run leaves it alone.
func lockTemp(name string) (release func()) {
	f, err := os.Open(name)
	if err != nil {
		return func() {}
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	return func() { f.Close() }
}

// removeIfStale removes the temporary file at path if a killed run left
// it: it is the user's own regular file, older than staleAfter, and no
// live run holds its lock.
func removeIfStale(path string) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return
	}
	defer f.Close()
	info, err := f.Stat()
	st, ok := info.Sys().(*syscall.Stat_t)
	if err != nil || !ok || !info.Mode().IsRegular() || int(st.Uid) != os.Geteuid() || time.Since(info.ModTime()) < staleAfter {
		return
	}
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return // a live run is writing it
	}
	if now, err := os.Lstat(path); err == nil && os.SameFile(info, now) {
		os.Remove(path)
	}
}

// raise ends the process by sig, whose handler has been reset.
func raise(sig os.Signal) {
	if s, ok := sig.(syscall.Signal); ok {
		syscall.Kill(os.Getpid(), s)
		time.Sleep(time.Second) // the signal is delivered meanwhile
		os.Exit(128 + int(s))
	}
	os.Exit(exitError)
}
