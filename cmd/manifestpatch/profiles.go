package main

import (
	"fmt"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/internal/wording"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/profile"
)

func profilesCommand() *cli.Command {
	return &cli.Command{
		Name:  "profiles",
		Usage: "list the built-in permission sets, the default first",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "steps", Usage: "also list each profile's setup steps: what manifestpatch checks, and what is done online"},
			&cli.StringFlag{Name: "manifest", Usage: "word the steps for the app whose manifest `FILE` is: its appId goes into the EWS allow-list commands (implies --steps)"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 0 {
				return usagef(c, "profiles takes no arguments")
			}
			var setup manifest.Setup
			if path := c.String("manifest"); path != "" {
				in, err := readInput(path, c.App.Reader, false)
				if err != nil {
					return exitError2(err)
				}
				if setup, err = manifest.ReadSetup(in.data); err != nil {
					return exitError2(fileError{in.name, err})
				}
			}
			steps := c.Bool("steps") || c.IsSet("manifest")
			for i, p := range profile.All() {
				if i > 0 {
					fmt.Fprintln(c.App.Writer)
				}
				def := ""
				if i == 0 {
					def = " (default)"
				}
				hint := ""
				if slices.ContainsFunc(p.Steps, func(st profile.Step) bool { return st.ID == "consent" }) {
					hint = " (consent-url prints the link)"
				}
				fmt.Fprintf(c.App.Writer, "%s%s: %s%s\n", p.Name, def, p.Description, hint)
				for _, r := range p.Permissions {
					fmt.Fprintf(c.App.Writer, "  %s %s (%s)  %s\n", r.Resource, r.Name, wording.Kind(r.Type), r.ID)
				}
				if p.SignInAudience != "" {
					fmt.Fprintf(c.App.Writer, "  sign-in audience %s\n", p.SignInAudience)
				}
				if p.RedirectURI != "" {
					fmt.Fprintf(c.App.Writer, "  Web redirect URI %s (with --agency)\n", p.RedirectURI)
				}
				if !steps {
					continue
				}
				fmt.Fprintf(c.App.Writer, "\n  Setup steps:\n")
				for j, st := range p.StepsFor(setup, nil, now()) {
					fmt.Fprintf(c.App.Writer, "  %d. %s\n", j+1, st.Title)
					if st.Checked != "" {
						fmt.Fprintf(c.App.Writer, "     checked: %s%s\n", st.Checked, stepHints[st.ID])
					} else {
						fmt.Fprintf(c.App.Writer, "     not checked: done online, outside the manifest\n")
					}
					if st.Note != "" {
						fmt.Fprintf(c.App.Writer, "     warning: %s\n", st.Note)
					}
					if len(st.Commands) > 0 {
						fmt.Fprintf(c.App.Writer, "     in Exchange Online PowerShell:\n")
						for _, cmd := range st.Commands {
							fmt.Fprintf(c.App.Writer, "       %s\n", cmd)
						}
					}
				}
			}
			return nil
		},
	}
}

func lintsCommand() *cli.Command {
	return &cli.Command{
		Name:  "lints",
		Usage: "list the codes of what check, show and diff report: problems and differences (error), lints (warning) and notes; --allow takes lints and notes",
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 0 {
				return usagef(c, "lints takes no arguments")
			}
			for _, k := range check.Rules() {
				fmt.Fprintf(c.App.Writer, "%-24s %-7s %s\n", k.Code, k.Level, k.About)
			}
			return nil
		},
	}
}

// stepHints name, for the steps whose library wording cannot, the flag or
// command that carries the step out.
var stepHints = map[string]string{
	"redirect-uri": " (--agency NAME)",
	"consent":      "; consent-url prints it",
	"secret":       " (check)",
}
