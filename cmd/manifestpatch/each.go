package main

import (
	"bytes"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/urfave/cli/v2"
)

// result is what processing one file produced, written out in argument
// order once the file is done.
type result struct {
	stdout, stderr bytes.Buffer
	code           int
	err            error // why the file failed, for run's caller
	record         any   // what the output format writes once all are done
}

// output makes b, a whole manifest no one changes after, the file's
// standard output, without copying it: a patched manifest is as large as
// the input, up to 64 MiB.
func (r *result) output(b []byte) {
	if r.stdout.Len() > 0 {
		r.stdout.Write(b)
		return
	}
	r.stdout = *bytes.NewBuffer(b)
}

func (r *result) fail(err error) {
	r.stderr.WriteString(inline(err.Error()))
	r.stderr.WriteByte('\n')
	r.code = max(r.code, exitError)
	r.err = err
}

// fileArgs returns the command's file arguments, each once, or a usage error.
func fileArgs(c *cli.Context) ([]string, error) {
	args := c.Args().Slice()
	if len(args) == 0 {
		return nil, usagef(c, "no files given; name the manifest files, or - for standard input")
	}
	var files []string
	seen := make(map[string]bool)
	dashes := false
	for _, a := range args {
		if a == "" {
			return nil, usagef(c, "an empty file name")
		}
		if a == "--" && !dashes {
			dashes = true // what follows is file names only
			continue
		}
		if !dashes && isFlag(c, a) {
			return nil, usagef(c, "%q after a file name: flags go before the file names", a)
		}
		key := a
		if a != "-" {
			key = filepath.Clean(a)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		files = append(files, a)
	}
	if err := stdinOnce(c, files); err != nil {
		return nil, err
	}
	return files, nil
}

// isFlag reports whether arg names one of the command's flags, as it would
// after a file name, where urfave/cli no longer parses flags. Other
// arguments starting with '-' are file names.
func isFlag(c *cli.Context, arg string) bool {
	name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
	if !strings.HasPrefix(arg, "-") || name == "" {
		return false
	}
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if n == name {
				return true
			}
		}
	}
	return name == "help" || name == "h"
}

// eachFile runs fn on every file, several at once, and writes their
// output in argument order as each finishes. It returns the highest exit
// code, with the files' errors; one failing file does not stop the others.
func eachFile(c *cli.Context, files []string, fn func(path string, r *result)) ([]*result, error) {
	results := make([]*result, len(files))
	for i := range files {
		results[i] = new(result)
	}
	out := newInOrder(c.App.Writer, c.App.ErrWriter, results)
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(1) - 1)
			if i >= len(files) {
				return
			}
			fn(files[i], results[i])
			out.finished(i)
		}
	}
	// This goroutine is one of the workers: its stack has grown already,
	// and a run over one file starts no other.
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	out.flush()
	code := exitOK
	var errs []error
	for _, r := range results {
		code = max(code, r.code)
		if r.err != nil {
			errs = append(errs, r.err)
		}
	}
	if code == exitOK {
		return results, nil
	}
	return results, exitCode{code, errs}
}

// inOrder writes the output of the files in argument order: the worker
// that finishes the next file to write writes it, and every file after it
// that is done, so that no goroutine waits on each file in turn. Standard
// output going to a pipe or a file (CI, pre-commit) is gathered into one
// write per batch of files, up to flushAt bytes; on a terminal each file's
// is written as soon as its turn comes, so that a long run shows its
// progress. A file's standard error is written in its place, after the
// standard output before it.
type inOrder struct {
	mu             sync.Mutex
	stdout, stderr io.Writer
	results        []*result
	done           []bool
	next           int    // the first file not written yet
	pending        []byte // standard output not written yet
	flushAt        int    // write what is pending from this many bytes
}

func newInOrder(stdout, stderr io.Writer, results []*result) *inOrder {
	o := &inOrder{stdout: stdout, stderr: stderr, results: results, done: make([]bool, len(results)), flushAt: flushAt}
	if interactive(stdout) {
		o.flushAt = 0
	}
	return o
}

const flushAt = 64 << 10

func (o *inOrder) finished(i int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.done[i] = true
	for ; o.next < len(o.results) && o.done[o.next]; o.next++ {
		r := o.results[o.next]
		switch {
		case r.stdout.Len() >= flushAt:
			// Large (a patched manifest): written as it is, not copied
			// into a batch.
			o.writePending()
			o.stdout.Write(r.stdout.Bytes())
		default:
			o.pending = append(o.pending, r.stdout.Bytes()...)
			if r.stderr.Len() > 0 || len(o.pending) >= o.flushAt {
				o.writePending()
			}
		}
		if r.stderr.Len() > 0 {
			o.stderr.Write(r.stderr.Bytes())
		}
		r.stdout, r.stderr = bytes.Buffer{}, bytes.Buffer{}
	}
}

// flush writes what is pending, once every file is done.
func (o *inOrder) flush() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.writePending()
}

func (o *inOrder) writePending() {
	if len(o.pending) > 0 {
		o.stdout.Write(o.pending)
		o.pending = o.pending[:0]
	}
}
