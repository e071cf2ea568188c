package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/profile"
	"github.com/urfave/cli/v2"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check that manifest files hold the wanted permissions; change nothing",
		ArgsUsage: "[FILE...]",
		Description: "Exits 0 when apply would change nothing in any FILE (by default for the\n" +
			"calendar-sync profile) and 1 when it would change some, listing per file what\n" +
			"is missing. Lints (retired APIs, duplicates, mistyped GUIDs, application\n" +
			"permissions, permissions beyond the wanted set, …) are warnings, each with a\n" +
			"code that --allow silences; --strict makes them fail the check.\n\n" +
			"A repository's policy (.manifestpatch.json, or --config FILE) says per glob\n" +
			"what each manifest must and may hold; without FILE, check checks every\n" +
			"manifest the policy names and warns of any it does not (uncovered).",
		Flags: append(wantFlags(),
			agencyFlag(),
			modeFlag(),
			resolveNamesFlag(),
			&cli.BoolFlag{Name: "strict", Usage: "also fail on any lint (permissions beyond the wanted set, duplicates, retired APIs, …)"},
			allowFlag(),
			configFlag(),
			skipOthersFlag(),
			formatFlag(outputNames["check"]...),
		),
		Action: doCheck,
	}
}

func doCheck(c *cli.Context) error {
	want, opts, err := planFrom(c)
	if err != nil {
		return err
	}
	ps, err := newPlans(c, want, opts)
	if err != nil {
		return err
	}
	var files []string
	if c.Args().Len() == 0 && ps.use {
		// No file names: every manifest of the repository the policy names.
		var pf *policyFile
		if files, pf, err = ps.repositoryFiles(); err != nil {
			return err
		}
		if pf == nil {
			return usagef(c, "no files given and no %s found from here up to the repository root; name the manifest files, or - for standard input", profile.PolicyFile)
		}
		if len(files) == 0 {
			// Said on standard error; the formats still write their empty
			// report (a JSON array, a SARIF log), which CI reads.
			fmt.Fprintf(c.App.ErrWriter, "%s: no manifests: no file in %s that a glob of %s covers, or that reads as a manifest\n", c.App.Name, ps.relName(pf.dir), pf.path)
		}
	} else if files, err = fileArgs(c); err != nil {
		return err
	}
	if err := ps.prepare(files); err != nil {
		return err
	}
	err = reportFiles(c, checkKind, files, ps)
	if err == nil && c.Bool("strict") && len(opts.Catalog.Conflicts()) > 0 && !conflictsAllowed(c) {
		// The conflicts were warned of as the catalog was read.
		return codeErr(exitChanges)
	}
	return err
}

// reportFiles plans want for each file and hands what was found to the
// output --format names: check and show differ only in what they want and
// how their findings are worded.
func reportFiles(c *cli.Context, kind *reportKind, files []string, ps *plans) error {
	opts := ps.opts
	out := outputFor(c)
	strict := c.Bool("strict")
	results, err := eachFile(c, files, func(path string, r *result) {
		f := &fileReport{kind: kind, cat: opts.Catalog, file: path, strict: strict, multi: len(files) > 1}
		r.record = f
		in, res, err := planFile(c, path, ps, false)
		if in != nil {
			// Kept on error too: SARIF counts an error's column in it.
			f.file, f.src = in.name, in.data
		}
		if errors.Is(err, errSkipped) {
			r.record = nil
			return
		}
		if err != nil {
			f.err = err
			if in != nil && out.reportsUnreadable() {
				out.file(r, f)
			} else {
				r.fail(err)
			}
			return
		}
		f.res = res
		addHints(res.Findings)
		if kind == checkKind && !res.OK(strict) {
			r.code = exitChanges
		}
		out.file(r, f)
		if !out.keepsReports() {
			r.record = nil
		}
	})
	var reports []*fileReport
	for _, r := range results {
		if f, ok := r.record.(*fileReport); ok { // not one --skip-others left alone
			reports = append(reports, f)
		}
	}
	if werr := out.done(c.App.Writer, reports); werr != nil {
		return werr
	}
	return err
}

// planFile reads the file at path and plans it as ps says for it; write
// says whether the command will replace the file.
func planFile(c *cli.Context, path string, ps *plans, write bool) (*input, *check.Result, error) {
	p, uncovered, err := ps.planFor(path)
	if err != nil {
		return nil, nil, err
	}
	in, err := readInput(path, c.App.Reader, write)
	if err != nil {
		return nil, nil, err
	}
	res, err := p.Plan(in.data)
	if err != nil && ps.skipOthers && notAppRegistration(err) {
		return in, nil, errSkipped
	}
	if err != nil {
		return in, nil, fileError{in.name, err}
	}
	if uncovered != nil {
		res.Findings = append(res.Findings, *uncovered)
	}
	return in, res, nil
}

// allowFlag silences findings by code.
func allowFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "allow", Usage: "silence the lint or note `CODE` (see 'manifestpatch lints'); repeatable, or comma-separated"}
}

// allowList returns the codes --allow names, unchecked.
func allowList(c *cli.Context) []string {
	var codes []string
	for _, arg := range c.StringSlice("allow") {
		for _, one := range strings.Split(arg, ",") {
			codes = append(codes, strings.TrimSpace(one))
		}
	}
	return codes
}

// allowed returns the codes --allow silences, checked.
func allowed(c *cli.Context) ([]string, error) {
	codes := allowList(c)
	if err := check.CheckAllow(codes); err != nil {
		return nil, usagef(c, "--allow %s", strings.TrimPrefix(err.Error(), "check: "))
	}
	return codes, nil
}

// hints say which flag acts on a finding, for the findings whose library
// wording cannot name one.
var hints = map[string]string{
	codeRedirectUnchecked: " (give --agency NAME)",
}

// addHints appends to each finding the flag that acts on it.
func addHints(fs []check.Finding) {
	for i := range fs {
		fs[i].Msg += hints[fs[i].Code]
	}
}
