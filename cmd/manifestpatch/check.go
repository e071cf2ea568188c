package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// formatFlag is --format, taking one of values, the first the default. The
// flag checks the value itself, so the commands need not.
func formatFlag(values ...string) *cli.StringFlag {
	return &cli.StringFlag{
		Name: "format", Value: values[0], Usage: "output format: " + strings.Join(values, " or "),
		Action: func(c *cli.Context, f string) error {
			if !slices.Contains(values, f) {
				return usagef(c, "--format %q: want %s", f, strings.Join(values, " or "))
			}
			return nil
		},
	}
}

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check that manifest files hold the wanted permissions; change nothing",
		ArgsUsage: "FILE...",
		Description: "Exits 0 when every FILE already holds what is wanted (by default the\n" +
			"calendar-sync profile) and 1 when any lacks part of it, listing per file what is\n" +
			"missing. Lints (retired APIs, duplicates, mistyped GUIDs, application\n" +
			"permissions, permissions beyond the wanted set, …) are warnings, each with a\n" +
			"code that --allow silences; --strict makes them fail the check.",
		Flags: append(wantFlags(),
			&cli.BoolFlag{Name: "strict", Usage: "also fail on any lint (permissions beyond the wanted set, duplicates, retired APIs, …)"},
			allowFlag(),
			formatFlag("text", "json"),
		),
		Action: doCheck,
	}
}

// permJSON is a permission in machine-readable output.
type permJSON struct {
	Resource      string `json:"resource"`
	ResourceAppID string `json:"resourceAppId"`
	Permission    string `json:"permission"`
	ID            string `json:"id"`
	Type          string `json:"type"`
	Kind          string `json:"kind"`
	Known         bool   `json:"known"`
}

// toJSON describes p, with the GUIDs the catalog knows where p names the
// resource or the permission instead.
func toJSON(p manifest.Permission) permJSON {
	n, c := name(p), canonical(p)
	return permJSON{Resource: n.Resource, ResourceAppID: c.ResourceAppID, Permission: n.Name, ID: c.ID, Type: string(p.Type), Kind: kind(p.Type), Known: n.Known}
}

func listJSON(ps []manifest.Permission) []permJSON {
	out := make([]permJSON, len(ps))
	for i, p := range ps {
		out[i] = toJSON(p)
	}
	return out
}

type checkJSON struct {
	File    string     `json:"file"`
	OK      bool       `json:"ok"`
	Missing []permJSON `json:"missing"`
	// Setup problems (audience, redirect URI) fail the check; notes do not.
	Problems []string   `json:"problems"`
	Lints    []lintJSON `json:"lints"`
	Notes    []string   `json:"notes"`
	Error    string     `json:"error,omitempty"`
}

type lintJSON struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Message  string `json:"message"`
}

func lintsJSON(ls []permissions.Finding, severity string) []lintJSON {
	out := make([]lintJSON, len(ls))
	for i, l := range ls {
		out[i] = lintJSON{Code: l.Code, Severity: severity, Line: l.Pos.Line, Column: l.Pos.Column, Message: l.Msg}
	}
	return out
}

func doCheck(c *cli.Context) error {
	files, err := fileArgs(c)
	if err != nil {
		return err
	}
	want, err := wantedFrom(c)
	if err != nil {
		return err
	}
	allow, err := allowed(c)
	if err != nil {
		return err
	}
	strict := c.Bool("strict")
	asJSON := c.String("format") == "json"
	results, code := eachFile(c, files, func(path string, r *result) {
		rec := &checkJSON{File: path, Missing: []permJSON{}, Problems: []string{}, Lints: []lintJSON{}, Notes: []string{}}
		r.record = rec
		in, m, err := readManifest(c, path, r)
		if err != nil {
			rec.Error = err.Error()
			return
		}
		rec.File = in.name
		f := findings{missing: missing(m, want.set), lints: lints(m, want.set, allow), strict: strict}
		f.problems, f.notes = checkSetup(m.Setup, want)
		rec.Missing = listJSON(f.missing)
		rec.Problems, rec.Notes = append(rec.Problems, f.problems...), append(rec.Notes, f.notes...)
		rec.Lints = lintsJSON(f.lints, f.severity())
		rec.OK = f.ok()
		if !rec.OK {
			r.code = exitChanges
		}
		if !asJSON {
			f.write(r, in.name)
		}
	})
	if asJSON {
		writeRecords(c, results)
	}
	return codeErr(code)
}

// readManifest reads and parses the file at path for a command that
// reports on each file. A failure is reported on r and returned, worded
// path:line:col: message.
func readManifest(c *cli.Context, path string, r *result) (*input, manifest.Manifest, error) {
	in, err := readInput(path, c.App.Reader)
	if err != nil {
		r.fail(err)
		return nil, manifest.Manifest{}, err
	}
	m, err := manifest.Read(in.data)
	if err != nil {
		err = fmt.Errorf("%s", located(in.name, err))
		r.fail(err)
		return nil, manifest.Manifest{}, err
	}
	return in, m, nil
}

// writeRecords prints the files' records as one JSON array.
func writeRecords(c *cli.Context, results []*result) {
	recs := make([]any, len(results))
	for i, r := range results {
		recs[i] = r.record
	}
	out, _ := json.MarshalIndent(recs, "", "  ")
	fmt.Fprintf(c.App.Writer, "%s\n", out)
}

// allowFlag silences lints by code.
func allowFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "allow", Usage: "silence the lint `CODE` (see 'manifestpatch lints'); repeatable"}
}

// allowed returns the lint codes --allow silences, checking each.
func allowed(c *cli.Context) (map[string]bool, error) {
	known := make(map[string]bool)
	var codes []string
	for _, l := range permissions.LintCodes {
		known[l.Code] = true
		codes = append(codes, l.Code)
	}
	allow := make(map[string]bool)
	for _, code := range c.StringSlice("allow") {
		for _, one := range strings.Split(code, ",") {
			one = strings.TrimSpace(one)
			if !known[one] {
				return nil, usagef(c, "--allow %q: no such lint; the lints are %s", one, strings.Join(codes, ", "))
			}
			allow[one] = true
		}
	}
	return allow, nil
}

// lints returns the catalog's lints for m that allow does not silence.
func lints(m manifest.Manifest, want manifest.Set, allow map[string]bool) []permissions.Finding {
	var out []permissions.Finding
	for _, l := range permissions.Lint(m, want) {
		if !allow[l.Code] {
			out = append(out, l)
		}
	}
	return out
}

// findings is what check found in one manifest.
type findings struct {
	missing []manifest.Permission
	lints   []permissions.Finding
	strict  bool // lints fail the check
	// problems fail the check; notes do not.
	problems, notes []string
}

func (f findings) ok() bool {
	return len(f.missing)+len(f.problems) == 0 && (!f.strict || len(f.lints) == 0)
}

func (f findings) severity() string {
	if f.strict {
		return "error"
	}
	return "warning"
}

// missing returns the wanted permissions m lacks, comparing by GUID whether
// m gives them by GUID or by name.
func missing(m manifest.Manifest, want manifest.Set) []manifest.Permission {
	var have []manifest.Permission
	for _, r := range m.Resources {
		for _, a := range r.ResourceAccess {
			have = append(have, canonical(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}))
		}
	}
	var out []manifest.Permission
	for _, p := range want.Permissions() {
		if !contains(have, p) {
			out = append(out, p)
		}
	}
	return out
}

func (f findings) write(r *result, file string) {
	for _, p := range f.missing {
		fmt.Fprintf(&r.stdout, "%s: missing %s\n", file, name(p))
	}
	for _, p := range f.problems {
		fmt.Fprintf(&r.stdout, "%s: %s\n", file, p)
	}
	writeLints(&r.stdout, file, f.lints, f.severity())
	for _, n := range f.notes {
		fmt.Fprintf(&r.stdout, "%s: note: %s\n", file, n)
	}
}

// writeLints writes one line per finding: file:line:col: severity: message [code].
func writeLints(w io.Writer, file string, ls []permissions.Finding, severity string) {
	for _, l := range ls {
		at := file
		if l.Pos.Line > 0 {
			at = fmt.Sprintf("%s:%d:%d", file, l.Pos.Line, l.Pos.Column)
		}
		fmt.Fprintf(w, "%s: %s: %s [%s]\n", at, severity, l.Msg, l.Code)
	}
}

func contains(ps []manifest.Permission, p manifest.Permission) bool {
	for _, q := range ps {
		if q.Equal(p) {
			return true
		}
	}
	return false
}
