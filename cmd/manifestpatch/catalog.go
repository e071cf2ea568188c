package main

import (
	"os"

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
// files, in order. A file that cannot be read, or is not an export, is a
// usage error naming file:line:col.
func loadCatalog(c *cli.Context) (*permissions.Catalog, error) {
	files := c.StringSlice("catalog")
	if len(files) == 0 {
		return permissions.Builtin(), nil
	}
	exports := make([]*permissions.Export, 0, len(files))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, usagef(c, "--catalog %v", pathErr(name, err))
		}
		e, err := permissions.ParseExport(data)
		if err != nil {
			return nil, usagef(c, "--catalog %v", fileError{name, err})
		}
		e.Name = name
		exports = append(exports, e)
	}
	return permissions.Builtin().With(exports...), nil
}

// catalogVersion words the built-in catalog's dates for --version.
func catalogVersion() string {
	return "catalog: " + permissions.Builtin().Version()
}
