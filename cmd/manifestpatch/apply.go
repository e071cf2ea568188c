package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/manifest"
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
			&cli.StringFlag{Name: "mode", Value: "merge", Usage: "merge: keep every listed permission and add what is missing; overwrite: make the list exactly the wanted set"},
			&cli.BoolFlag{Name: "diff", Aliases: []string{"d"}, Usage: "print a unified diff per file instead of writing; exit 1 if any file would change"},
			&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Usage: "print the names of files that would change instead of writing; exit 1 if any would"},
			&cli.BoolFlag{Name: "stdout", Usage: "print the result to standard output instead of writing the file"},
			&cli.BoolFlag{Name: "resolve-names", Usage: "also rewrite permissions and resources given by name (\"Microsoft Graph\", \"User.Read\") as their GUIDs"},
		),
		Action: doApply,
	}
}

func doApply(c *cli.Context) error {
	files, err := fileArgs(c)
	if err != nil {
		return err
	}
	mode, err := manifest.ParseMode(c.String("mode"))
	if err != nil {
		return usagef(c, "--mode %q: want merge or overwrite", c.String("mode"))
	}
	toStdout, showDiff, list := c.Bool("stdout"), c.Bool("diff"), c.Bool("list")
	if toStdout && (showDiff || list) {
		return usagef(c, "--stdout cannot be combined with --diff or --list")
	}
	want, err := wantedFrom(c)
	if err != nil {
		return err
	}
	opts := want.setup
	opts.Mode, opts.Canonical, opts.Spell = mode, canonical, spell
	dryRun := showDiff || list
	_, code := eachFile(c, files, func(path string, r *result) {
		in, err := readInput(path, c.App.Reader)
		if err != nil {
			r.fail(err)
			return
		}
		src, resolved := in.data, 0
		if c.Bool("resolve-names") {
			src, resolved, err = resolveNames(in.data)
			if err != nil {
				r.fail(fmt.Errorf("%s", located(in.name, err)))
				return
			}
		}
		out, rep, err := manifest.Apply(src, want.set, opts)
		if err != nil {
			r.fail(fmt.Errorf("%s", located(in.name, err)))
			return
		}
		rep.Changed = !bytes.Equal(out, in.data)
		for _, p := range rep.Duplicates {
			fmt.Fprintf(&r.stderr, "%s: warning: %s is listed more than once; Microsoft Graph rejects such a list\n", in.name, name(p))
		}
		if rep.Format == manifest.FormatFragment && len(opts.RedirectURIs) > 0 {
			fmt.Fprintf(&r.stderr, "%s: note: holds only requiredResourceAccess, so the audience and redirect URI are left to the manifest\n", in.name)
		}
		toOut := toStdout || path == "-"
		if !rep.Changed {
			if toOut && !dryRun {
				r.stdout.Write(in.data)
			}
			return
		}
		switch {
		case dryRun:
			if list {
				fmt.Fprintln(&r.stdout, in.name)
			}
			if showDiff {
				r.stdout.Write(diff.Diff(in.name+".orig", in.data, in.name, out))
			}
			r.code = exitChanges
		case toOut:
			r.stdout.Write(out)
		default:
			if err := replace(in, out); err != nil {
				r.fail(err)
				return
			}
		}
		fmt.Fprintf(&r.stderr, "%s: %s\n", in.name, summary(rep, resolved, dryRun))
	})
	return codeErr(code)
}

// summary words what Apply changed.
func summary(rep manifest.Report, resolved int, dryRun bool) string {
	added, removed, resolvedVerb := "added", "removed", "resolved"
	if dryRun {
		added, removed, resolvedVerb = "would add", "would remove", "would resolve"
	}
	var parts []string
	if resolved > 0 {
		noun := "names"
		if resolved == 1 {
			noun = "name"
		}
		parts = append(parts, fmt.Sprintf("%s %d %s to GUIDs", resolvedVerb, resolved, noun))
	}
	if len(rep.Added) > 0 {
		parts = append(parts, added+" "+describeAll(rep.Added))
	}
	if len(rep.Removed) > 0 {
		parts = append(parts, removed+" "+describeAll(rep.Removed))
	}
	if rep.AudienceChanged {
		parts = append(parts, fmt.Sprintf("%s the sign-in audience %s (multi-tenant)", map[bool]string{true: "would set", false: "set"}[dryRun], manifest.AzureADMultipleOrgs))
	}
	for _, u := range rep.RedirectURIsAdded {
		parts = append(parts, fmt.Sprintf("%s redirect URI %s", added, u))
	}
	s := strings.Join(parts, "; ")
	if s == "" {
		s = "rewrote requiredResourceAccess in the wanted order"
	}
	return s
}

// resolveNames rewrites the resources and permissions that a template
// gives by name as their GUIDs, and counts the names it resolved. GUIDs,
// and names the catalog does not know, are left as they are.
func resolveNames(src []byte) ([]byte, int, error) {
	n := 0
	out, err := manifest.Rewrite(src, func(p manifest.Permission) manifest.Permission {
		c := canonical(p)
		if manifest.IsGUID(p.ResourceAppID) {
			c.ResourceAppID = p.ResourceAppID
		}
		if manifest.IsGUID(p.ID) {
			c.ID = p.ID
		}
		if c.ResourceAppID != p.ResourceAppID || c.ID != p.ID {
			n++
		}
		return c
	})
	return out, n, err
}
