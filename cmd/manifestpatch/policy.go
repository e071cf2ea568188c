package main

// The repository's policy (profile.Policy): found from each manifest's
// folder up to the repository root, or named with --config, it says what
// each manifest must hold unless the command line says it.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/profile"
)

func configFlag() cli.Flag {
	return &cli.PathFlag{
		Name:      "config",
		Usage:     "the repository's policy `FILE` (default: the nearest " + profile.PolicyFile + " from each manifest's folder up to the repository root)",
		TakesFile: true,
	}
}

// skipOthersFlag is --skip-others, for apply and check, which the
// pre-commit hooks pass: their pattern takes any manifest.json and app.json,
// a Teams app's too.
func skipOthersFlag() cli.Flag {
	return &cli.BoolFlag{Name: "skip-others", Usage: "leave alone, without an error, a FILE that is not an app registration (a Teams app's manifest.json, package.json): for wide file patterns such as the pre-commit hooks'"}
}

// errSkipped marks a file --skip-others leaves alone.
var errSkipped = errors.New("not an app registration; skipped")

// wantFlagNames are the flags that say what is wanted: given, they say it
// for every file, and no policy is read.
var wantFlagNames = []string{"profile", "from", "scope", "role", "agency", "mode"}

// plans gives each file the planner it is planned with: the policy's for
// the file's path where a policy applies, the command line's otherwise.
type plans struct {
	skipOthers bool // --skip-others
	flags      *check.Planner
	nothing    *check.Planner // for a file a policy applies to but does not cover
	opts       check.Options
	use        bool        // a policy may apply: no flag says what is wanted
	explicit   *policyFile // --config
	mu         sync.Mutex
	found      map[string]*policyFile // by folder searched; nil for none
	prepared   map[string]filePlan    // by file, made by prepare before any file is planned
	wd         string                 // the working folder, read once; "" when it cannot be
}

// filePlan is how one file is planned: its planner and, where a policy
// applies but does not cover it, the finding that says so.
type filePlan struct {
	p         *check.Planner
	uncovered *check.Finding
}

// policyFile is a policy read from its file.
type policyFile struct {
	path, dir, abs string // as named, its folder and itself, absolute
	p              *profile.Policy
}

// fixedPlans plans every file with want and opts, reading no policy.
func fixedPlans(want check.Want, opts check.Options) (*plans, error) {
	flags, err := check.NewPlanner(want, opts)
	if err != nil {
		return nil, err
	}
	return &plans{flags: flags, opts: opts}, nil
}

// newPlans returns the planners for want and opts, the command line's, and
// for the policy where one applies.
func newPlans(c *cli.Context, want check.Want, opts check.Options) (*plans, error) {
	ps, err := fixedPlans(want, opts)
	if err != nil {
		return nil, err
	}
	if ps.nothing, err = check.NewPlanner(check.Want{}, opts); err != nil {
		return nil, err
	}
	ps.use, ps.found, ps.skipOthers = true, make(map[string]*policyFile), c.Bool("skip-others")
	ps.wd, _ = os.Getwd() // once: filepath.Abs would ask for every file
	// The flags given, in one pass: IsSet looks each one up anew, which
	// was a tenth of a one-file apply's allocations.
	given := c.LocalFlagNames()
	var wantGiven []string
	for _, name := range wantFlagNames {
		if slices.Contains(given, name) {
			wantGiven = append(wantGiven, name)
		}
	}
	ps.use = len(wantGiven) == 0
	if slices.Contains(given, "config") {
		if !ps.use {
			return nil, usagef(c, "--config cannot be combined with --%s: the policy says what is wanted", strings.Join(wantGiven, ", --"))
		}
		name := c.Path("config")
		if ps.explicit, err = readPolicy(name); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// readPolicy reads the policy file at name.
func readPolicy(name string) (*policyFile, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fileExit{pathErr(name, err)}
	}
	p, err := profile.ParsePolicy(data)
	if err != nil {
		return nil, fileExit{fileError{name, err}}
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, fileExit{pathErr(name, err)}
	}
	return &policyFile{path: name, dir: filepath.Dir(abs), abs: abs, p: p}, nil
}

// prepare finds, before any file is planned, the policy of each of files
// and the planner it gives the file, so that a policy that cannot be read
// or resolved is one error for the run, not one per file.
func (ps *plans) prepare(files []string) error {
	ps.prepared = make(map[string]filePlan, len(files))
	for _, f := range files {
		p, uncovered, err := ps.forFile(f)
		if err != nil {
			return err
		}
		ps.prepared[f] = filePlan{p, uncovered}
	}
	return nil
}

// planFor returns how the file at path is planned: as prepare found, or,
// for a command that did not prepare (show), as forFile finds.
func (ps *plans) planFor(path string) (*check.Planner, *check.Finding, error) {
	if fp, ok := ps.prepared[path]; ok {
		return fp.p, fp.uncovered, nil
	}
	return ps.forFile(path)
}

// policyFor returns the policy that applies to the file at path: the one
// --config names, or the nearest policy file from the file's folder up to
// the repository's root (the first folder holding .git), or nil.
func (ps *plans) policyFor(path string) (*policyFile, error) {
	if !ps.use {
		return nil, nil
	}
	if ps.explicit != nil {
		return ps.explicit, nil
	}
	dir := "."
	if path != "-" {
		dir = filepath.Dir(path)
	}
	abs, ok := ps.absolute(dir)
	if !ok {
		return nil, nil // no folder to search from
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	var searched []string
	for d := abs; ; d = filepath.Dir(d) {
		if pf, ok := ps.found[d]; ok {
			return ps.remember(searched, pf), nil
		}
		searched = append(searched, d)
		name := filepath.Join(d, profile.PolicyFile)
		if info, err := os.Stat(name); err == nil && info.Mode().IsRegular() {
			pf, err := readPolicy(ps.relName(name))
			if err != nil {
				return nil, err // prepare stops the run on it
			}
			return ps.remember(searched, pf), nil
		}
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil || filepath.Dir(d) == d {
			return ps.remember(searched, nil), nil // the repository's root, or the file system's
		}
	}
}

func (ps *plans) remember(dirs []string, pf *policyFile) *policyFile {
	for _, d := range dirs {
		ps.found[d] = pf
	}
	return pf
}

// absolute returns path made absolute against the working folder.
func (ps *plans) absolute(path string) (string, bool) {
	switch {
	case filepath.IsAbs(path):
		return filepath.Clean(path), true
	case ps.wd == "":
		return "", false
	}
	return filepath.Join(ps.wd, path), true
}

// relName returns the absolute name relative to the working folder where
// it is below it, for messages; otherwise name.
func (ps *plans) relName(name string) string {
	if ps.wd == "" {
		return name
	}
	if rel, err := filepath.Rel(ps.wd, name); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return name
}

// forFile returns the planner for the file at path and, where a policy
// applies but none of its globs covers the file, the finding that says so:
// such a file is planned wanting nothing, for its lints alone.
func (ps *plans) forFile(path string) (*check.Planner, *check.Finding, error) {
	if path == "-" {
		return ps.flags, nil, nil // standard input has no path for a glob
	}
	pf, err := ps.policyFor(path)
	if err != nil || pf == nil {
		return ps.flags, nil, err
	}
	abs, ok := ps.absolute(path)
	if !ok {
		return nil, nil, fmt.Errorf("%s: the working folder cannot be read, so no glob of %s can be matched with it", path, pf.path)
	}
	name, err := filepath.Rel(pf.dir, abs)
	if err != nil {
		return nil, nil, err
	}
	name = filepath.ToSlash(name)
	pl, covered, err := pf.p.Planner(name, ps.opts)
	switch {
	case err != nil:
		return nil, nil, fileExit{fileError{pf.path, err}}
	case covered:
		return pl, nil, nil
	case slices.Contains(ps.opts.Allow, codeUncovered):
		return ps.nothing, nil, nil
	}
	return ps.nothing, &check.Finding{Code: codeUncovered, Level: check.LevelWarning,
		Msg: fmt.Sprintf("no glob of the policy %s covers this manifest, so nothing says what it must hold: only its lints are checked", pf.path)}, nil
}

// repositoryFiles returns the files check reads when given none: in the
// folder of the policy that applies to the working folder, every file that
// reads as a manifest with requiredResourceAccess and is either covered by
// a glob of the policy or a JSON file (which forFile reports as
// uncovered). Folders whose names start with a dot (.git), node_modules,
// vendor and folders holding a repository of their own are not searched.
// Without a policy there are none.
func (ps *plans) repositoryFiles() ([]string, *policyFile, error) {
	pf, err := ps.policyFor("-") // from the working folder
	if err != nil || pf == nil {
		return nil, nil, err
	}
	var files []string
	err = filepath.WalkDir(pf.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p == pf.dir {
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "vendor" {
				return filepath.SkipDir
			}
			if _, err := os.Lstat(filepath.Join(p, ".git")); err == nil {
				return filepath.SkipDir // another repository, with its own policy or none
			}
			return nil
		}
		if p == pf.abs || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		rel, err := filepath.Rel(pf.dir, p)
		if err != nil {
			return err
		}
		// A file a glob covers unless it is valid JSON but no app
		// registration (a covered package.json): one that cannot be read
		// or parsed is checked, so that its error fails the run. Any other
		// JSON file when it reads as a manifest with requiredResourceAccess.
		covered := pf.p.Covers(filepath.ToSlash(rel))
		if !covered && (!strings.EqualFold(filepath.Ext(p), ".json") || !readsAsManifest(p)) ||
			covered && otherFile(p) {
			return nil
		}
		files = append(files, ps.relName(p))
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("searching %s for manifests: %w", ps.relName(pf.dir), err)
	}
	return files, pf, nil
}

// readsAsManifest reports whether the file at name is an app registration
// manifest with requiredResourceAccess.
func readsAsManifest(name string) bool {
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxSize {
		return false
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return false
	}
	m, err := manifest.Read(data)
	return err == nil && m.Present
}

// otherFile reports whether the file at name reads as valid JSON that is
// no app registration, which check with no file names passes over even
// where a glob covers it; a file that cannot be read is not one.
func otherFile(name string) bool {
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxSize {
		return false
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return false
	}
	_, err = manifest.Read(data)
	return notAppRegistration(err)
}

// notAppRegistration reports whether err, of reading a file, says it is
// valid JSON but no app registration: a Teams app's manifest.json, a
// package.json. --skip-others leaves such a file alone.
func notAppRegistration(err error) bool {
	return errors.Is(err, manifest.ErrNotManifest) || errors.Is(err, manifest.ErrNotObject)
}
