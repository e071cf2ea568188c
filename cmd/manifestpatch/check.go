package main

import (
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/manifest"
)

func formatFlag(values ...string) *cli.StringFlag {
	return &cli.StringFlag{Name: "format", Value: values[0], Usage: "output format: " + fmt.Sprint(values)}
}

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check that manifest files hold the wanted permissions; change nothing",
		ArgsUsage: "FILE...",
		Description: "Exits 0 when every FILE already holds the wanted permissions (by default the\n" +
			"calendar-sync profile) and 1 when any lacks part of them, listing per file what is\n" +
			"missing. --strict also fails on permissions beyond the wanted set and on\n" +
			"permissions listed twice.",
		Flags: append(wantFlags(),
			&cli.BoolFlag{Name: "strict", Usage: "also fail on permissions beyond the wanted set and on duplicates"},
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
	File       string     `json:"file"`
	OK         bool       `json:"ok"`
	Missing    []permJSON `json:"missing"`
	Extra      []permJSON `json:"extra"`
	Duplicates []permJSON `json:"duplicates"`
	// Setup findings: the audience and the redirect URI.
	Problems []string `json:"problems"`
	Notes    []string `json:"notes"`
	Error    string   `json:"error,omitempty"`
}

func doCheck(c *cli.Context) error {
	files, err := fileArgs(c)
	if err != nil {
		return err
	}
	format := c.String("format")
	if format != "text" && format != "json" {
		return usagef(c, "--format %q: want text or json", format)
	}
	want, err := wantedFrom(c)
	if err != nil {
		return err
	}
	strict := c.Bool("strict")
	asJSON := format == "json"
	results, code := eachFile(c, files, func(path string, r *result) {
		rec := &checkJSON{File: path, Missing: []permJSON{}, Extra: []permJSON{}, Duplicates: []permJSON{}, Problems: []string{}, Notes: []string{}}
		r.record = rec
		in, err := readInput(path, c.App.Reader)
		if err == nil {
			rec.File = in.name
			var m manifest.Manifest
			if m, err = manifest.Read(in.data); err == nil {
				f := compare(m, want.set)
				setup, _ := manifest.ReadSetup(in.data)
				f.problems, f.notes = checkSetup(setup, want)
				rec.Missing, rec.Extra, rec.Duplicates = listJSON(f.missing), listJSON(f.extra), listJSON(f.duplicates)
				rec.Problems, rec.Notes = append(rec.Problems, f.problems...), append(rec.Notes, f.notes...)
				rec.OK = len(f.missing)+len(f.problems) == 0 && (!strict || len(f.extra)+len(f.duplicates) == 0)
				if !rec.OK {
					r.code = exitChanges
				}
				if !asJSON {
					f.write(r, in.name, strict)
				}
				return
			}
			err = fmt.Errorf("%s", located(in.name, err))
		}
		rec.Error = err.Error()
		r.fail(err)
	})
	if asJSON {
		recs := make([]any, len(results))
		for i, r := range results {
			recs[i] = r.record
		}
		out, _ := json.MarshalIndent(recs, "", "  ")
		fmt.Fprintf(c.App.Writer, "%s\n", out)
	}
	return codeErr(code)
}

// findings is what check found in one manifest.
type findings struct {
	missing, extra, duplicates []manifest.Permission
	// problems fail the check; notes do not.
	problems, notes []string
}

func compare(m manifest.Manifest, want manifest.Set) findings {
	var f findings
	var have []manifest.Permission
	for _, r := range m.Resources {
		for _, a := range r.ResourceAccess {
			p := canonical(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type})
			if contains(have, p) {
				if !contains(f.duplicates, p) {
					f.duplicates = append(f.duplicates, p)
				}
				continue
			}
			have = append(have, p)
		}
	}
	wanted := want.Permissions()
	for _, p := range wanted {
		if !contains(have, p) {
			f.missing = append(f.missing, p)
		}
	}
	for _, p := range have {
		if !contains(wanted, p) {
			f.extra = append(f.extra, p)
		}
	}
	return f
}

func (f findings) write(r *result, file string, strict bool) {
	for _, p := range f.missing {
		fmt.Fprintf(&r.stdout, "%s: missing %s\n", file, name(p))
	}
	level := "note"
	if strict {
		level = "error"
	}
	for _, p := range f.extra {
		if strict {
			fmt.Fprintf(&r.stdout, "%s: %s: not in the wanted set: %s\n", file, level, name(p))
		}
	}
	for _, p := range f.duplicates {
		fmt.Fprintf(&r.stdout, "%s: %s: listed more than once (Microsoft Graph rejects duplicates): %s\n", file, level, name(p))
	}
	for _, p := range f.problems {
		fmt.Fprintf(&r.stdout, "%s: %s\n", file, p)
	}
	for _, n := range f.notes {
		fmt.Fprintf(&r.stdout, "%s: note: %s\n", file, n)
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
