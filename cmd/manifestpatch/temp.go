package main

import (
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"
)

// This file owns the temporary files replace writes beside the files it
// replaces: their names, removing them when the run is interrupted, and
// removing those a killed run left behind.

// maxTempBase bounds the part of a temporary file's name taken from the
// file it replaces, so that the name fits in the 255 bytes most file
// systems allow however long the original's name is: "." + base + "." +
// up to 20 random digits + ".tmp".
const maxTempBase = 255 - len("..") - 20 - len(".tmp")

// tempPrefix is what the name of every temporary file for the file called
// base starts with; a random number and ".tmp" follow.
func tempPrefix(base string) string {
	if len(base) > maxTempBase {
		cut := maxTempBase
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut-- // not inside a character
		}
		base = base[:cut]
	}
	return "." + base + "."
}

// staleAfter is how old a temporary file must be before a later run takes
// it for one a killed run left: the writer locks its file as soon as it
// has created it, and the age covers that instant.
const staleAfter = 10 * time.Second

// removeStale removes the temporary files that runs killed before they
// could clean up left beside the files apply is about to replace, each
// folder read once: named as tempPrefix names them for one of files,
// regular, the user's own, older than staleAfter and locked by no
// live run (removeIfStale checks the last three). What it cannot remove it
// leaves.
func removeStale(files []string) {
	seen := make(map[string]bool)
	for _, path := range files {
		dir := filepath.Dir(path)
		if path == "-" || seen[dir] {
			continue
		}
		seen[dir] = true
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		// The prefixes of the files this run applies in dir: another
		// tool's temporary files beside them are not ours to remove.
		prefixes := make(map[string]bool)
		for _, f := range files {
			if f != "-" && filepath.Dir(f) == dir {
				prefixes[tempPrefix(filepath.Base(f))] = true
			}
		}
		for _, e := range entries {
			if isTempName(e.Name(), prefixes) && e.Type().IsRegular() {
				removeIfStale(filepath.Join(dir, e.Name()))
			}
		}
	}
}

// isTempName reports whether name is that of a temporary file for a file
// whose tempPrefix is in prefixes: the prefix, digits, ".tmp".
func isTempName(name string, prefixes map[string]bool) bool {
	rest, ok := strings.CutSuffix(name, ".tmp")
	if !ok {
		return false
	}
	dot := strings.LastIndexByte(rest, '.')
	digits := rest[dot+1:]
	return dot > 0 && digits != "" && strings.Trim(digits, "0123456789") == "" && prefixes[rest[:dot+1]]
}

// The temporary files of this run, removed if a signal ends it.
var temps struct {
	sync.Mutex
	names map[string]bool
}

// trackTemp records a temporary file until untrack is called: if the run
// is interrupted (INT, TERM, HUP) meanwhile, the file is removed before
// the run ends.
func trackTemp(name string) (untrack func()) {
	temps.Lock()
	defer temps.Unlock()
	if temps.names == nil {
		temps.names = make(map[string]bool)
		watchSignals()
	}
	temps.names[name] = true
	return func() {
		temps.Lock()
		delete(temps.names, name)
		temps.Unlock()
	}
}

// watchSignals removes the run's temporary files when a signal that ends
// it arrives, then ends it by that signal, as it would have ended.
func watchSignals() {
	c := make(chan os.Signal, 1)
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP} {
		// A signal ignored at start (nohup, a script's background job)
		// stays ignored: Notify would turn it back on.
		if !signal.Ignored(sig) {
			signal.Notify(c, sig)
		}
	}
	go func() {
		sig := <-c
		temps.Lock() // held to the end: no new file is tracked, none renamed unseen
		for name := range temps.names {
			os.Remove(name)
		}
		signal.Reset()
		raise(sig)
	}()
}
