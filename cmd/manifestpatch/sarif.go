package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
)

// sarifOutput writes one SARIF 2.1.0 log for all files, for code scanning
// (GitHub's upload-sarif action shows its results as annotations). The
// few types SARIF needs are written here: a SARIF library would pull in
// packages the offline binary must not link.
type sarifOutput struct{}

func (sarifOutput) file(*result, *fileReport) {}

func (sarifOutput) reportsUnreadable() bool { return false }

func (sarifOutput) keepsReports() bool { return true }

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID               string      `json:"id"`
	ShortDescription sarifText   `json:"shortDescription"`
	Help             sarifText   `json:"help"`
	Default          sarifConfig `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	Physical sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	Artifact sarifArtifact `json:"artifactLocation"`
	Region   sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

// sarifUnreadable is the rule of a file that could not be read or is not
// a manifest.
const sarifUnreadable = "unreadable"

func (sarifOutput) done(w io.Writer, fs []*fileReport) error {
	driver := sarifDriver{Name: "manifestpatch", InformationURI: "https://github.com/manifestpatch/manifestpatch", Version: sarifVersion(version())}
	index := make(map[string]int)
	for _, k := range check.Rules() {
		index[k.Code] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRule{ID: k.Code, ShortDescription: sarifText{k.About},
			Help:    sarifText{fmt.Sprintf("%s (%s). See 'manifestpatch lints'.", k.About, k.Level)},
			Default: sarifConfig{severity(k.Level, false)}})
	}
	index[sarifUnreadable] = len(driver.Rules)
	driver.Rules = append(driver.Rules, sarifRule{ID: sarifUnreadable, ShortDescription: sarifText{"a file that cannot be read, is not valid JSON, or is not shaped as a manifest"},
		Help: sarifText{"The message gives the position and what is wrong; apply and check refuse such a file."}, Default: sarifConfig{"error"}})
	run := sarifRun{Tool: sarifTool{driver}, ColumnKind: "utf16CodeUnits", Results: []sarifResult{}}
	for _, f := range fs {
		if f.err != nil {
			pos := errorPosition(f.err)
			run.Results = append(run.Results, sarifResult{RuleID: sarifUnreadable, RuleIndex: index[sarifUnreadable], Level: "error",
				Message: sarifText{f.err.Error()}, Locations: []sarifLocation{location(f, pos)}})
			continue
		}
		for _, x := range f.res.Findings {
			run.Results = append(run.Results, sarifResult{RuleID: x.Code, RuleIndex: index[x.Code], Level: severity(x.Level, f.strict),
				Message: sarifText{x.Msg}, Locations: []sarifLocation{location(f, x.Pos)}})
		}
	}
	return writeJSON(w, sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// location places a finding in its file. Findings about the whole file
// (no position) go on its first line, where code scanning shows them.
func location(f *fileReport, pos manifest.Position) sarifLocation {
	region := sarifRegion{StartLine: 1, StartColumn: 1}
	if pos.Line > 0 {
		region = sarifRegion{StartLine: pos.Line, StartColumn: utf16Column(f.src, pos)}
	}
	return sarifLocation{sarifPhysical{sarifArtifact{artifactURI(f.file)}, region}}
}

// artifactURI turns a file name into the URI SARIF wants: a relative
// reference with forward slashes for a relative name (code scanning
// resolves it against the repository), a file URI for an absolute one.
func artifactURI(name string) string {
	p := filepath.ToSlash(name)
	if !filepath.IsAbs(name) {
		return (&url.URL{Path: p}).String()
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// utf16Column converts a position's column, which counts bytes, to the
// UTF-16 code units SARIF counts by default (columnKind utf16CodeUnits).
func utf16Column(src []byte, pos manifest.Position) int {
	off := min(pos.Offset, len(src))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	line := bytes.TrimPrefix(src[start:off], []byte("\xEF\xBB\xBF"))
	n := 0
	for len(line) > 0 {
		r, size := utf8.DecodeRune(line)
		line = line[size:]
		n += utf16.RuneLen(r)
	}
	return n + 1
}

// errorPosition returns where a positioned error points, or the zero
// Position.
func errorPosition(err error) manifest.Position {
	var pe manifest.Positioned
	if errors.As(err, &pe) {
		return pe.Position()
	}
	return manifest.Position{}
}

// sarifVersion gives the tool's version as SARIF wants it, starting with a
// digit ("1.2.0" for v1.2.0), or "" for a build with no released version.
func sarifVersion(v string) string {
	if f := strings.Fields(v); len(f) > 0 {
		v = f[0] // the module version, without the commit that may follow
	}
	v = strings.TrimPrefix(v, "v")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return ""
	}
	return v
}
