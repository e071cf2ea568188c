package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/permissions"
)

// catalogFlag is --catalog: service principal exports that refresh the
// built-in catalog.
func catalogFlag() cli.Flag {
	return &cli.StringSliceFlag{
		Name:      "catalog",
		Usage:     "refresh the permission catalog from `FILE`, a service principal exported from your tenant (az ad sp show --id APPID > FILE); repeatable",
		TakesFile: true,
	}
}

// loadCatalog returns the built-in catalog refreshed from the --catalog
// files, in order; - is standard input. A file that cannot be read, or is
// not an export, is a usage error naming file:line:col; exports are read
// as manifests are (the same size limit, no directories or devices).
// Where an export contradicts the catalog, the catalog keeps its entry and
// each conflict is a warning on standard error, in the export.
func loadCatalog(c *cli.Context) (*permissions.Catalog, error) {
	if err := stdinOnce(c, nil); err != nil {
		return nil, err
	}
	files := c.StringSlice("catalog")
	if len(files) == 0 {
		return permissions.Builtin(), nil
	}
	exports := make([]*permissions.Export, 0, len(files))
	for _, name := range files {
		in, err := readInput(name, c.App.Reader, false)
		if err != nil {
			return nil, usagef(c, "--catalog %v", err)
		}
		e, err := permissions.ParseExport(in.data)
		if err != nil {
			return nil, usagef(c, "--catalog %v", fileError{in.name, err})
		}
		e.Name = in.name
		exports = append(exports, e)
	}
	cat := permissions.Builtin().With(exports...)
	if conflictsAllowed(c) {
		return cat, nil
	}
	for _, x := range cat.Conflicts() {
		fmt.Fprintf(c.App.ErrWriter, "%s:%s: warning: %s: %s [%s]\n", inline(x.Export), x.Pos, inline(x.Path), inline(x.Msg), codeCatalogConflict)
	}
	return cat, nil
}

// conflictsAllowed says whether --allow silences the catalog's conflicts.
func conflictsAllowed(c *cli.Context) bool {
	return slices.Contains(allowList(c), codeCatalogConflict)
}

// stdinOnce refuses a command line that names standard input (-) more
// than once, among the files and the --from and --catalog flags: it can
// be read only once.
func stdinOnce(c *cli.Context, files []string) error {
	var uses []string
	count := func(what string, args []string) {
		for _, a := range args {
			if a == "-" {
				uses = append(uses, what)
			}
		}
	}
	count("a file", files)
	count("--from", c.StringSlice("from"))
	count("--catalog", c.StringSlice("catalog"))
	if len(uses) > 1 {
		return usagef(c, "standard input can be read only once, but it is named as %s", strings.Join(uses, " and as "))
	}
	return nil
}

// catalogVersion words the built-in catalog's dates for --version.
func catalogVersion() string {
	return "catalog: " + permissions.Builtin().Version()
}
