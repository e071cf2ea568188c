package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// maxSize is the largest input read. Real manifests are a few kilobytes;
// the bound keeps a wrong argument from filling memory.
const maxSize = 64 << 20

// stdinName is how standard input is named in messages.
const stdinName = "<stdin>"

// input is a file as read, with what is needed to replace it safely.
type input struct {
	path string // as given; "-" for standard input
	name string // for messages
	data []byte
	info fs.FileInfo // nil for standard input
}

// readInput reads the file at path, or standard input for "-". write says
// whether the command will replace the file: then it must be a regular
// file and not a symbolic link. A command that writes nothing reads through
// links and takes a pipe too, such as the /dev/fd/N that a shell's <(…)
// names. Directories, devices, sockets and inputs over maxSize are refused.
func readInput(path string, stdin io.Reader, write bool) (*input, error) {
	if path == "-" {
		data, err := readAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", stdinName, err)
		}
		return &input{path: path, name: stdinName, data: data}, nil
	}
	// A file only read is opened first and asked what it is (fstat), one
	// path look-up fewer per file; a file to replace is asked first, so
	// that a link is refused, not followed.
	var f *os.File
	var info fs.FileInfo
	var err error
	if write {
		if info, err = os.Lstat(path); err != nil {
			return nil, pathErr(path, err)
		}
	} else {
		if f, err = openRead(path); err != nil {
			return nil, pathErr(path, err)
		}
		defer f.Close()
		if info, err = f.Stat(); err != nil {
			return nil, pathErr(path, err)
		}
	}
	mode := info.Mode()
	switch {
	case mode&fs.ModeSymlink != 0:
		return nil, linkErr(path)
	case info.IsDir():
		return nil, fmt.Errorf("%s: is a directory; name the manifest files", path)
	case mode.IsRegular():
		if info.Size() > maxSize {
			return nil, fmt.Errorf("%s: is %d bytes; refusing files over %d MiB (%d bytes)", path, info.Size(), maxSize>>20, maxSize)
		}
	case write:
		return nil, fmt.Errorf("%s: is %s, not a regular file; it cannot be replaced (use --stdout or --diff to read it)", path, fileKind(mode))
	case mode&fs.ModeNamedPipe == 0:
		// A device (/dev/zero, a terminal) is no file to check: refused.
		return nil, fmt.Errorf("%s: is %s, not a regular file or a pipe; refusing to read it", path, fileKind(mode))
	}
	if f == nil {
		afterLstat(path)
		if f, err = openToReplace(path); err != nil {
			if errors.Is(err, syscall.ELOOP) {
				return nil, linkErr(path) // a link swapped in since Lstat
			}
			return nil, pathErr(path, err)
		}
		defer f.Close()
		if now, err := f.Stat(); err != nil || !os.SameFile(info, now) || !now.Mode().IsRegular() {
			return nil, fmt.Errorf("%s: was replaced by another file while being read; not patched (run again)", path)
		}
	}
	var data []byte
	if mode.IsRegular() {
		if info.Size() >= largeInput {
			readingLarge()
		}
		data, err = readSized(f, info.Size())
	} else {
		data, err = readAll(f)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &input{path: path, name: path, data: data, info: info}, nil
}

// linkErr refuses to replace the symbolic link at path, naming the file
// to give instead, if it points to one.
func linkErr(path string) error {
	target, err := os.Readlink(path)
	if err != nil {
		return fmt.Errorf("%s: is a symbolic link; apply replaces files, not links: name the file it points to", path)
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: is a symbolic link to %s, which does not exist; nothing to patch", path, target)
	case err != nil || !info.Mode().IsRegular():
		return fmt.Errorf("%s: is a symbolic link to %s, which is not a regular file; it cannot be replaced (use --stdout or --diff to read it)", path, target)
	}
	file := target
	if !filepath.IsAbs(target) {
		file = filepath.Join(filepath.Dir(path), target)
	}
	return fmt.Errorf("%s: is a symbolic link to %s; apply replaces files, not links: name %s instead (reading through the link, as --diff, --list and --stdout do, is fine)", path, target, file)
}

// fileKind words the type of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// readSized reads a file whose size is known, allocating once (a file that
// grows meanwhile is still read whole, up to maxSize).
func readSized(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size+1)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			if len(data) > maxSize {
				return nil, fmt.Errorf("input is over %d MiB; refusing it", maxSize>>20)
			}
			data = append(data, 0)[:len(data)]
		}
	}
}

func readAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxSize {
		return nil, fmt.Errorf("input is over %d MiB; refusing it", maxSize>>20)
	}
	if len(data) >= largeInput {
		readingLarge()
	}
	return data, nil
}

// pathErr words an error from the os package with the path first.
func pathErr(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return wordedError{path + ": no such file", err}
	case errors.Is(err, fs.ErrPermission):
		return wordedError{path + ": permission denied", err}
	}
	return fmt.Errorf("%s: %w", path, err)
}

// wordedError is an error worded for the user that keeps its cause for
// errors.Is.
type wordedError struct {
	msg string
	err error
}

func (e wordedError) Error() string { return e.msg }
func (e wordedError) Unwrap() error { return e.err }

// tempFile is the temporary file replace writes; an *os.File.
type tempFile interface {
	io.Writer
	Name() string
	Chmod(fs.FileMode) error
	Chown(uid, gid int) error
	Sync() error
	Close() error
}

// Hooks for tests, which inject faults through them: createTemp makes the
// temporary file, writable says whether the user may write a file in
// place, beforeRename runs once the temporary file is complete, just
// before the original is checked and replaced, and afterLstat runs between
// looking at a file to replace and opening it.
var (
	createTemp   = func(dir, pattern string) (tempFile, error) { return os.CreateTemp(dir, pattern) }
	writable     = canWrite
	beforeRename = func(path string) {}
	afterLstat   = func(path string) {}
)

// replace writes data over in's file atomically: a temporary file in the
// same folder, written, given the original's owner, group and permission
// bits, flushed to disk and renamed over the original. While it checks and
// renames it holds a lock on the original, so that two runs on one file
// cannot both replace it; if the file no longer holds what was read,
// nothing is written. On any failure the original is intact and the
// temporary file is removed.
//
// A replacement is a new file, so replace refuses what it could not keep,
// as an editor writing in place would: a file the user may not write, a
// file with other hard links (they would keep the old content), and a file
// whose owner or group the replacement could not take.
func replace(in *input, data []byte) (err error) {
	if n := links(in.info); n > 1 {
		return fmt.Errorf("%s: has %d hard links, and a replacement would leave the other names with the old content; not replaced (to change them all, write the output of apply --stdout into the file)", in.path, n)
	}
	if err := writable(in.path, in.info); err != nil {
		return err
	}
	dir := filepath.Dir(in.path)
	tmp, err := createTemp(dir, tempPrefix(filepath.Base(in.path))+"*.tmp")
	if err != nil {
		return folderErr(in.path, dir, err)
	}
	untrack := trackTemp(tmp.Name())
	release := lockTemp(tmp.Name())
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
		release()
		untrack()
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("%s: writing: %w; the file is unchanged", in.path, unwrapPath(err))
	}
	if err := keepOwner(tmp, in.info); err != nil {
		return fmt.Errorf("%s: %w; a replacement would belong to you instead, so it is not replaced (to keep the owner, write the output of apply --stdout into the file)", in.path, err)
	}
	if err := keepAttrs(tmp.Name(), in.path); err != nil {
		return fmt.Errorf("%s: %w; a replacement would lose it, so it is not replaced (to keep it, write the output of apply --stdout into the file)", in.path, err)
	}
	// After the owner, which clears the setuid and setgid bits, and after
	// an access control list, which sets the group bits to its mask.
	if err := keepMode(tmp, in.info.Mode()); err != nil {
		return fmt.Errorf("%s: %w; the file is unchanged", in.path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("%s: writing: %w; the file is unchanged", in.path, unwrapPath(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: writing: %w; the file is unchanged", in.path, unwrapPath(err))
	}
	beforeRename(in.path)
	unlock, err := lock(in.path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: was removed while being patched; not written", in.path)
		}
		return pathErr(in.path, err)
	}
	defer unlock()
	if err := unchanged(in); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), in.path); err != nil {
		if errors.Is(err, fs.ErrPermission) {
			// Writable, yet not replaceable: an append-only file (chattr
			// +a), or a sticky folder that someone else owns.
			return wordedError{fmt.Sprintf("%s: may be written but not replaced (an append-only attribute, which lsattr shows as a, or a sticky folder owned by someone else); the file is unchanged", in.path), err}
		}
		return fmt.Errorf("%s: replacing: %w; the file is unchanged", in.path, unwrapPath(err))
	}
	renamed = true
	if d, err := os.Open(dir); err == nil {
		d.Sync() // make the rename durable where the platform allows
		d.Close()
	}
	return nil
}

// keepMode gives the temporary file the permission bits and the setuid,
// setgid and sticky bits of mode, and checks that it has them: a kernel
// may drop setgid for a group the user is not in.
func keepMode(tmp tempFile, mode fs.FileMode) error {
	want := mode & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	if err := tmp.Chmod(want); err != nil {
		return unwrapPath(err)
	}
	if runtime.GOOS == "windows" {
		return nil // Chmod sets the read-only attribute only
	}
	info, err := os.Stat(tmp.Name())
	if err != nil {
		return unwrapPath(err)
	}
	if got := info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky); got != want {
		return fmt.Errorf("its mode is %v, and a replacement could only be given %v", want, got)
	}
	return nil
}

// folderErr words a failure to create the temporary file in dir: the
// folder, not the file, is what cannot be written.
func folderErr(path, dir string, err error) error {
	err = unwrapPath(err)
	switch {
	case errors.Is(err, fs.ErrPermission):
		return wordedError{fmt.Sprintf("%s: its folder %s is not writable, so the file cannot be replaced; the file is unchanged", path, dir), err}
	case isReadOnlyFS(err):
		return wordedError{fmt.Sprintf("%s: its folder %s is on a read-only file system; the file is unchanged", path, dir), err}
	}
	return fmt.Errorf("%s: creating a temporary file in %s: %w; the file is unchanged", path, dir, err)
}

// unwrapPath drops the temporary file's name from an error, which would
// only confuse.
func unwrapPath(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}

// unchanged checks that in's file still holds what was read, so that an
// edit made by someone else meanwhile is not overwritten.
func unchanged(in *input) error {
	info, err := os.Lstat(in.path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: was removed while being patched; not written", in.path)
		}
		return pathErr(in.path, err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: was replaced by something other than a regular file while being patched; not written", in.path)
	}
	now, err := os.ReadFile(in.path)
	if err != nil {
		return pathErr(in.path, err)
	}
	if !bytes.Equal(now, in.data) {
		return fmt.Errorf("%s: was changed by something else while being patched; not overwritten (run again)", in.path)
	}
	return nil
}
