package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/profile"
)

func consentCommand() *cli.Command {
	return &cli.Command{
		Name:      "consent-url",
		Usage:     "print the admin-consent link for a manifest's app",
		ArgsUsage: "FILE",
		Description: "Prints the link an administrator opens to grant tenant-wide admin consent to the\n" +
			"permissions of the app whose manifest FILE is (its appId). The tenant defaults to\n" +
			"organizations, which lets the administrator's own tenant answer. Exits 1 when the\n" +
			"manifest has no appId yet.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "tenant", Value: "organizations", Usage: "the tenant `ID`: a GUID, a domain such as contoso.onmicrosoft.com, or organizations"},
		},
		Action: doConsent,
	}
}

func doConsent(c *cli.Context) error {
	if c.Args().Len() != 1 {
		return usagef(c, "want exactly one manifest file")
	}
	tenant := strings.TrimSpace(c.String("tenant"))
	if err := profile.CheckTenant(tenant); err != nil {
		return usagef(c, "--tenant %q: want a tenant GUID, a domain such as contoso.onmicrosoft.com, or organizations", tenant)
	}
	in, err := readInput(c.Args().First(), c.App.Reader, false)
	if err != nil {
		return exitError2(err)
	}
	s, err := manifest.ReadSetup(in.data)
	if err != nil {
		return exitError2(fileError{in.name, err})
	}
	if s.Schema == manifest.SchemaFragment {
		fmt.Fprintf(c.App.ErrWriter, "%s: holds only requiredResourceAccess, which never has an appId: run consent-url on the app's manifest\n", inline(in.name))
		return codeErr(exitChanges)
	}
	if !manifest.IsGUID(s.AppID) {
		why := "has no appId yet"
		if s.AppID != "" {
			why = fmt.Sprintf("has appId %q, which is not a GUID (a template placeholder?)", s.AppID)
		}
		fmt.Fprintf(c.App.ErrWriter, "%s: %s: create the app registration first (Entra admin center, or az ad app create), then download its manifest and run consent-url on it\n", inline(in.name), inline(why))
		return codeErr(exitChanges)
	}
	u, err := profile.AdminConsentURL(s.AppID, tenant)
	if err != nil {
		return exitError2(err)
	}
	fmt.Fprintln(c.App.Writer, u)
	return nil
}

func exitError2(err error) error { return fileExit{err} }
