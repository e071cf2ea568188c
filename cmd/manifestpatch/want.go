package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// wantFlags are the flags that say which permissions are wanted.
func wantFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{
			Name:      "from",
			Usage:     "take the wanted permissions from `FILE`: a manifest, an object holding requiredResourceAccess, or a bare array",
			TakesFile: true,
		},
	}
}

// wanted returns the wanted set the command line names: the set in the
// --from file, or else the default profile.
func wanted(c *cli.Context) (manifest.Set, error) {
	from := c.String("from")
	if from == "" {
		return permissions.DefaultProfile().Set(), nil
	}
	in, err := readInput(from, c.App.Reader)
	if err != nil {
		return nil, usagef(c, "--from %v", err)
	}
	m, err := manifest.Read(in.data)
	if err != nil {
		return nil, usagef(c, "--from %s", located(in.name, err))
	}
	if !m.Present || len(m.Resources) == 0 {
		return nil, usagef(c, "--from %s: lists no permissions", in.name)
	}
	return manifest.Set(m.Resources), nil
}

// located words an error from package manifest as path:line:col: message.
func located(name string, err error) string {
	switch e := err.(type) {
	case *manifest.SyntaxError:
		return fmt.Sprintf("%s:%d:%d: %s", name, e.Pos.Line, e.Pos.Column, e.Msg)
	case *manifest.ShapeError:
		if e.Path == "" {
			return fmt.Sprintf("%s:%d:%d: %s", name, e.Pos.Line, e.Pos.Column, e.Msg)
		}
		return fmt.Sprintf("%s:%d:%d: %s: %s", name, e.Pos.Line, e.Pos.Column, e.Path, e.Msg)
	}
	return fmt.Sprintf("%s: %v", name, err)
}
