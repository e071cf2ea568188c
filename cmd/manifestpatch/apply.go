package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

func applyCommand() *cli.Command {
	return &cli.Command{
		Name:      "apply",
		Usage:     "add the wanted permissions to manifest files, in place",
		ArgsUsage: "FILE...",
		Description: "Patches each FILE so that its requiredResourceAccess holds the wanted permissions\n" +
			"(by default the calendar-sync profile), changing no other byte. A file is replaced\n" +
			"atomically and only when its bytes change. FILE - reads standard input and writes\n" +
			"the result to standard output. One line per changed file on standard error says\n" +
			"what was added (and removed).",
		Flags: append(wantFlags(),
			agencyFlag(),
			modeFlag(),
			&cli.BoolFlag{Name: "diff", Aliases: []string{"d"}, Usage: "print a unified diff per file instead of writing; exit 1 if any file would change"},
			&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Usage: "print the names of files that would change instead of writing; exit 1 if any would"},
			&cli.BoolFlag{Name: "stdout", Usage: "print the result to standard output instead of writing the file"},
			resolveNamesFlag(),
			configFlag(),
			skipOthersFlag(),
		),
		Action: doApply,
	}
}

func doApply(c *cli.Context) error {
	files, err := fileArgs(c)
	if err != nil {
		return err
	}
	toStdout, showDiff, list := c.Bool("stdout"), c.Bool("diff"), c.Bool("list")
	if toStdout && (showDiff || list) {
		return usagef(c, "--stdout cannot be combined with --diff or --list")
	}
	want, opts, err := planFrom(c)
	if err != nil {
		return err
	}
	ps, err := newPlans(c, want, opts)
	if err != nil {
		return err
	}
	if err := ps.prepare(files); err != nil {
		return err
	}
	dryRun := showDiff || list
	if !dryRun && !toStdout {
		removeStale(files)
	}
	_, err = eachFile(c, files, func(path string, r *result) {
		in, res, err := planFile(c, path, ps, !dryRun && !toStdout && path != "-")
		if errors.Is(err, errSkipped) {
			return
		}
		if err != nil {
			r.fail(err)
			return
		}
		for _, f := range res.Findings {
			if f.Code == codeFragment {
				writeFindings(&r.stderr, in.name, []check.Finding{f}, false)
			}
		}
		toOut := toStdout || path == "-"
		if !res.Changed {
			if toOut && !dryRun {
				r.output(in.data)
			}
			return
		}
		switch {
		case dryRun:
			if list {
				fmt.Fprintln(&r.stdout, inline(in.name))
			}
			if showDiff {
				r.stdout.WriteString(unifiedDiff(shownName(in.name+".orig"), shownName(in.name), in.data, res.Output))
			}
			r.code = exitChanges
		case toOut:
			r.output(res.Output)
		default:
			if err := replace(in, res.Output); err != nil {
				r.fail(err)
				return
			}
		}
		fmt.Fprintf(&r.stderr, "%s: %s\n", inline(in.name), inline(summary(res, want, opts.Catalog, dryRun)))
	})
	return err
}

// summary words what applying changed, or would change.
func summary(res *check.Result, want check.Want, cat *permissions.Catalog, dryRun bool) string {
	rep := res.Report
	past := map[string]string{"resolve": "resolved", "add": "added", "remove": "removed", "set": "set", "move": "moved"}
	would := func(verb string) string {
		if dryRun {
			return "would " + verb
		}
		return past[verb]
	}
	var parts []string
	if res.Resolved > 0 {
		parts = append(parts, fmt.Sprintf("%s %d %s to GUIDs", would("resolve"), res.Resolved, map[bool]string{true: "name", false: "names"}[res.Resolved == 1]))
	}
	if len(rep.Added) > 0 {
		parts = append(parts, would("add")+" "+cat.DescribeAll(rep.Added))
	}
	if len(rep.Removed) > 0 {
		parts = append(parts, would("remove")+" "+cat.DescribeAll(rep.Removed))
	}
	if len(rep.Duplicates) > 0 {
		parts = append(parts, fmt.Sprintf("%s %s of %s", would("remove"), map[bool]string{true: "a repeat", false: "the repeats"}[len(rep.Duplicates) == 1], cat.DescribeAll(rep.Duplicates)))
	}
	for _, app := range rep.EmptyEntries {
		parts = append(parts, fmt.Sprintf("%s the empty entry for %s", would("remove"), cat.Describe(manifest.Permission{ResourceAppID: app}).Resource))
	}
	if len(rep.Moved) > 0 {
		parts = append(parts, fmt.Sprintf("%s %s into the first entry of its resource", would("move"), cat.DescribeAll(rep.Moved)))
	}
	for _, c := range rep.Changes {
		switch c.Path {
		case manifest.PathSignInAudience:
			parts = append(parts, would("set")+" "+audienceChange(res.Manifest.Setup, c.Now))
		case manifest.PathRedirectURIs:
			parts = append(parts, fmt.Sprintf("%s redirect URI %s", would("add"), c.Now))
		default: // as check's setting finding words it
			if c.Was == "" {
				parts = append(parts, fmt.Sprintf("%s %q to %s", would("add"), c.Now, c.Path))
			} else {
				parts = append(parts, fmt.Sprintf("%s %s to %q (was %q)", would("set"), c.Path, c.Now, c.Was))
			}
		}
	}
	return strings.Join(parts, "; ")
}

// audienceChange words setting the sign-in audience to now in a manifest
// whose setup was s.
func audienceChange(s manifest.Setup, now string) string {
	what := fmt.Sprintf("the sign-in audience %s (%s)", now, manifest.AudienceOf(now))
	if s.SignInAudience == "" && s.AvailableToOtherTenants != nil && !manifest.AudienceOf(now).Personal() {
		// A legacy manifest that says it with the flag alone gets the flag.
		what = "availableToOtherTenants for " + what
	}
	switch was := s.SignInAudience; {
	case manifest.AudienceOf(was).Audience() == now:
		what = fmt.Sprintf("the sign-in audience %s as Entra spells it (was %q)", now, was)
	case manifest.AudienceOf(was) != 0:
		what += ", widened from " + was
	}
	return what
}
