package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/permissions"
)

func profilesCommand() *cli.Command {
	return &cli.Command{
		Name:  "profiles",
		Usage: "list the built-in permission sets, the default first",
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 0 {
				return usagef(c, "profiles takes no arguments")
			}
			for i, p := range permissions.Profiles() {
				if i > 0 {
					fmt.Fprintln(c.App.Writer)
				}
				def := ""
				if i == 0 {
					def = " (default)"
				}
				fmt.Fprintf(c.App.Writer, "%s%s: %s\n", p.Name, def, p.Description)
				for _, r := range p.Permissions {
					fmt.Fprintf(c.App.Writer, "  %s %s (%s)  %s\n", r.Resource, r.Name, kind(r.Type), r.ID)
				}
			}
			return nil
		},
	}
}
