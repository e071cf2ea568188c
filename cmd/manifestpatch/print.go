package main

import (
	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/permissions"
)

func printCommand() *cli.Command {
	return &cli.Command{
		Name:  "print",
		Usage: "print the wanted permissions as JSON, PowerShell, Terraform or Bicep",
		Description: "Prints the wanted permissions (by default the calendar-sync profile) as what\n" +
			"you paste where you keep the app registration: --format manifest, an object\n" +
			"holding requiredResourceAccess for the manifest editor; az, the bare array\n" +
			"`az ad app update --required-resource-accesses @FILE` takes (array is the same);\n" +
			"powershell, Update-MgApplication's -RequiredResourceAccess; terraform, the\n" +
			"required_resource_access blocks of azuread_application; bicep, the\n" +
			"requiredResourceAccess of Microsoft.Graph/applications. The last three name each\n" +
			"permission in a comment.",
		Flags:  append(wantFlags(), formatFlag(append(permissions.PrintFormats(), "array")...)),
		Action: doPrint,
	}
}

func doPrint(c *cli.Context) error {
	if c.Args().Len() > 0 {
		return usagef(c, "print takes no file arguments")
	}
	format := c.String("format")
	if format == "array" { // its name before az and the others
		format = "az"
	}
	cat, err := loadCatalog(c)
	if err != nil {
		return err
	}
	want, err := wantedFrom(c, cat)
	if err != nil {
		return err
	}
	out, err := cat.Print(want.Set, format)
	if err != nil {
		return err
	}
	_, err = c.App.Writer.Write(out)
	return err
}
