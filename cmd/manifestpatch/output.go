package main

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/internal/wording"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// This file is the one seam between what a command found and how it is
// written: each output format (--format) implements output, and the
// commands that report (check, show and diff on files, lookup on queries)
// hand it one fileReport each, whose kind says how the formats word it. No command branches
// on the format, and no format on the command.

// A reportKind is how the formats word one command's fileReports: the
// text format's lines, and the JSON format's object.
type reportKind struct {
	text   func(r *result, f *fileReport)
	record func(f *fileReport) any
	// single: one report is written as one JSON object, not an array of
	// one (diff compares one pair).
	single bool
}

// The kinds of fileReport, one per command that reports on files.
var (
	checkKind = &reportKind{text: writeCheck, record: func(f *fileReport) any { return checkRecord(f) }}
	showKind  = &reportKind{text: writeShow, record: func(f *fileReport) any { return showRecord(f) }}
	diffKind  = &reportKind{text: writeCheck, record: func(f *fileReport) any { return diffRecord(f) }, single: true}
)

// fileReport is what check, show or diff found in one file, or what
// lookup found for one query.
type fileReport struct {
	kind   *reportKind
	query  *lookupJSON          // lookup: the answer
	cat    *permissions.Catalog // the catalog the file was planned with
	file   string
	src    []byte        // the file as read
	err    error         // the file could not be read or parsed
	res    *check.Result // nil when err is set
	strict bool          // check --strict: lints fail the check
	multi  bool          // more than one file: text names each
	pair   [2]string     // diff: STORED's and LIVE's names
}

// output writes fileReports in one format.
type output interface {
	// file writes what was found in one file to r as soon as it is known,
	// or keeps it for done.
	file(r *result, f *fileReport)
	// done writes what is written once every file is done.
	done(w io.Writer, fs []*fileReport) error
	// keepsReports says whether done needs the fileReports: a format that
	// writes each file in file lets go of them, and of the files' bytes,
	// as each is written.
	keepsReports() bool
	// reportsUnreadable says whether the format itself reports a file
	// that was read but is not a manifest, in file, rather than failing
	// the run with exit code 2: textconv does, as git gives up on the
	// whole diff when its driver fails.
	reportsUnreadable() bool
}

// outputs are the formats of check, show, diff and lookup, by --format
// name. They keep no state between files.
var outputs = map[string]output{
	"text":     textOutput{},
	"json":     jsonOutput{},
	"sarif":    sarifOutput{},
	"textconv": textconvOutput{},
}

// outputNames are the formats each command takes, the default first.
var outputNames = map[string][]string{
	"check":  {"text", "json", "sarif"},
	"show":   {"text", "json", "textconv"},
	"diff":   {"text", "json", "sarif"},
	"lookup": {"text", "json"},
}

// writeReports writes reports, which are all known already, in the format
// --format names: each as the format writes it on its own, then what it
// writes once all are done. (check and show, which read their files one
// by one, write through eachFile instead.)
func writeReports(c *cli.Context, reports ...*fileReport) error {
	out := outputFor(c)
	for _, f := range reports {
		r := &result{}
		out.file(r, f)
		c.App.Writer.Write(r.stdout.Bytes())
		c.App.ErrWriter.Write(r.stderr.Bytes())
	}
	return out.done(c.App.Writer, reports)
}

// outputFor returns the output the --format flag names; formatFlag has
// checked the name, and gives the command's default.
func outputFor(c *cli.Context) output { return outputs[c.String("format")] }

// formatFlag is --format, taking one of values, the first the default. The
// flag checks the value itself, so the commands need not.
func formatFlag(values ...string) *cli.StringFlag {
	return &cli.StringFlag{
		Name: "format", Value: values[0], Usage: "output `FORMAT`: " + strings.Join(values, " or "),
		Action: func(c *cli.Context, f string) error {
			if !slices.Contains(values, f) {
				return usagef(c, "--format %q: want %s", f, strings.Join(values, " or "))
			}
			return nil
		},
	}
}

// severity words a finding's level in every format, SARIF's levels
// included: a lint that fails the check (under --strict) is an error, as
// Level.Fails decides.
func severity(l check.Level, strict bool) string {
	if l.Fails(strict) {
		return check.LevelError.String()
	}
	return l.String()
}

// textOutput writes one line per finding, file:line:col: severity: message
// [code], as compilers do.
type textOutput struct{}

func (textOutput) reportsUnreadable() bool { return false }

func (textOutput) keepsReports() bool { return false }

func (textOutput) file(r *result, f *fileReport) {
	if f.err != nil {
		return // already on standard error
	}
	f.kind.text(r, f)
}

// writeCheck writes the findings of check and diff, one line each.
func writeCheck(r *result, f *fileReport) {
	writeFindings(&r.stdout, f.file, f.res.Findings, f.strict)
}

func (textOutput) done(io.Writer, []*fileReport) error { return nil }

// writeFindings writes one line per finding to w, in one piece of its
// memory.
func writeFindings(w *bytes.Buffer, file string, fs []check.Finding, strict bool) {
	file = inline(file)
	n := 0
	for _, l := range fs {
		n += len(file) + len(l.Msg) + len(l.Code) + 40
	}
	w.Grow(n)
	b := w.AvailableBuffer()
	for _, l := range fs {
		b = append(b, file...)
		if l.Pos.Line > 0 {
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(l.Pos.Line), 10)
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(l.Pos.Column), 10)
		}
		b = append(append(append(b, ": "...), severity(l.Level, strict)...), ": "...)
		b = append(append(append(append(b, inline(l.Msg)...), " ["...), l.Code...), "]\n"...)
	}
	w.Write(b)
}

// jsonOutput writes one JSON array with an object per file, once all are
// done.
type jsonOutput struct{}

func (jsonOutput) file(*result, *fileReport) {}

func (jsonOutput) reportsUnreadable() bool { return false }

func (jsonOutput) keepsReports() bool { return true }

func (jsonOutput) done(w io.Writer, fs []*fileReport) error {
	recs := make([]any, len(fs))
	for i, f := range fs {
		recs[i] = f.kind.record(f)
	}
	var v any = recs
	if len(fs) == 1 && fs[0].kind.single {
		v = recs[0] // one comparison, one object
	}
	return writeJSON(w, v)
}

// writeJSON writes v as indented JSON and a newline, with <, > and & as
// they are: the output is read by people and programs, not put in HTML.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
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
func toJSON(d permissions.Description) permJSON {
	known := d.Status == permissions.StatusKnown || d.Status == permissions.StatusDisabled
	return permJSON{Resource: d.Resource, ResourceAppID: d.Canonical.ResourceAppID, Permission: d.Name, ID: d.Canonical.ID,
		Type: string(d.Permission.Type), Kind: wording.Kind(d.Permission.Type), Known: known}
}

type findingJSON struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Message  string `json:"message"`
}

func findingsJSON(fs []check.Finding, strict bool, keep func(check.Finding) bool) []findingJSON {
	out := []findingJSON{}
	for _, f := range fs {
		if keep(f) {
			out = append(out, findingJSON{Code: f.Code, Severity: severity(f.Level, strict), Line: f.Pos.Line, Column: f.Pos.Column, Message: f.Msg})
		}
	}
	return out
}

func level(l check.Level) func(check.Finding) bool {
	return func(f check.Finding) bool { return f.Level == l }
}

type checkJSON struct {
	File    string     `json:"file"`
	OK      bool       `json:"ok"`
	Missing []permJSON `json:"missing"`
	// Problems are what apply would change besides missing permissions;
	// they fail the check, as missing permissions do. Notes never do.
	Problems []findingJSON `json:"problems"`
	Lints    []findingJSON `json:"lints"`
	Notes    []findingJSON `json:"notes"`
	errorJSON
}

// errorJSON is why a file could not be checked: the message, as the text
// format words it, and where in the file, when the error has a place.
type errorJSON struct {
	Error  string `json:"error,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

func errorRecord(err error) errorJSON {
	pos := errorPosition(err)
	return errorJSON{Error: err.Error(), Line: pos.Line, Column: pos.Column}
}

func checkRecord(f *fileReport) checkJSON {
	rec := checkJSON{File: f.file, Missing: []permJSON{}, Problems: []findingJSON{}, Lints: []findingJSON{}, Notes: []findingJSON{}}
	if f.err != nil {
		rec.errorJSON = errorRecord(f.err)
		return rec
	}
	fs := f.res.Findings
	for _, x := range fs {
		if x.Code == codeMissing {
			rec.Missing = append(rec.Missing, toJSON(f.cat.Describe(x.Permission)))
		}
	}
	rec.Problems = findingsJSON(fs, f.strict, func(x check.Finding) bool {
		return x.Level == check.LevelError && x.Code != codeMissing
	})
	rec.Lints = findingsJSON(fs, f.strict, level(check.LevelWarning))
	rec.Notes = findingsJSON(fs, f.strict, level(check.LevelNote))
	rec.OK = f.res.OK(f.strict)
	return rec
}
