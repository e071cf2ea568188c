package main

import (
	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/manifest"
)

func printCommand() *cli.Command {
	return &cli.Command{
		Name:  "print",
		Usage: "print the wanted permissions as JSON",
		Description: "Prints the wanted permissions (by default the calendar-sync profile): with\n" +
			"--format manifest as an object holding requiredResourceAccess, the fragment the\n" +
			"manifest editor takes; with --format array as the bare array that\n" +
			"`az ad app update --required-resource-accesses @FILE` takes.",
		Flags:  append(wantFlags(), formatFlag("manifest", "array")),
		Action: doPrint,
	}
}

func doPrint(c *cli.Context) error {
	if c.Args().Len() > 0 {
		return usagef(c, "print takes no file arguments")
	}
	empty := "{}\n"
	if c.String("format") == "array" {
		empty = "[]\n"
	}
	cat, err := loadCatalog(c)
	if err != nil {
		return err
	}
	want, err := wantedFrom(c, cat)
	if err != nil {
		return err
	}
	out, _, err := manifest.Apply([]byte(empty), want.Set, manifest.Options{})
	if err != nil {
		return err
	}
	_, err = c.App.Writer.Write(out)
	return err
}
