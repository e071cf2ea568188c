package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

func showCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "list the permissions manifest files ask for, in words",
		ArgsUsage: "FILE...",
		Description: "Lists each FILE's permissions by resource: the permission's name, whether it is\n" +
			"delegated (the app acts as the signed-in user) or application (the app acts as\n" +
			"itself, with no user), who can consent to it, and its GUID. Permissions the\n" +
			"catalog does not know are marked unknown.",
		Flags:  []cli.Flag{formatFlag("text", "json"), allowFlag()},
		Action: doShow,
	}
}

type showPermJSON struct {
	permJSON
	resourceKnown bool
	Consent       string `json:"consent,omitempty"`
	DisplayName   string `json:"displayName,omitempty"`
	Note          string `json:"note,omitempty"`
}

type showJSON struct {
	File        string         `json:"file"`
	Permissions []showPermJSON `json:"permissions"`
	// Application lists the application permissions: what the app can do
	// without a signed-in user.
	Application []showPermJSON `json:"application"`
	Lints       []lintJSON     `json:"lints"`
	Error       string         `json:"error,omitempty"`
	lints       []permissions.Finding
}

func doShow(c *cli.Context) error {
	files, err := fileArgs(c)
	if err != nil {
		return err
	}
	asJSON := c.String("format") == "json"
	allow, err := allowed(c)
	if err != nil {
		return err
	}
	// Application permissions are listed on their own, and unknown,
	// wrong-type and disabled permissions are noted on their line, so those
	// lints would say the same again.
	for _, code := range []string{permissions.LintApplicationPerm, permissions.LintUnknownPermission, permissions.LintWrongType, permissions.LintDisabled} {
		allow[code] = true
	}
	results, code := eachFile(c, files, func(path string, r *result) {
		rec := &showJSON{File: path, Permissions: []showPermJSON{}, Application: []showPermJSON{}, Lints: []lintJSON{}}
		r.record = rec
		in, m, err := readManifest(c, path, r)
		if err != nil {
			rec.Error = err.Error()
			return
		}
		rec.File = in.name
		for _, res := range m.Resources {
			for _, a := range res.ResourceAccess {
				p := describe(manifest.Permission{ResourceAppID: res.ResourceAppID, ID: a.ID, Type: a.Type})
				rec.Permissions = append(rec.Permissions, p)
				if a.Type == manifest.Role {
					rec.Application = append(rec.Application, p)
				}
			}
		}
		rec.lints = lints(m, nil, allow)
		rec.Lints = lintsJSON(rec.lints, "warning")
		if !asJSON {
			writeShow(r, rec, len(files) > 1)
		}
	})
	if asJSON {
		writeRecords(c, results)
	}
	return codeErr(code)
}

func describe(p manifest.Permission) showPermJSON {
	n := name(p)
	s := showPermJSON{permJSON: toJSON(p), DisplayName: strings.TrimSpace(n.DisplayName)}
	switch {
	case n.Known && n.AdminConsent:
		s.Consent = "admin"
	case n.Known:
		s.Consent = "user"
	}
	other := manifest.Scope
	if p.Type == manifest.Scope {
		other = manifest.Role
	}
	o := name(manifest.Permission{ResourceAppID: p.ResourceAppID, ID: p.ID, Type: other})
	switch {
	case n.Known && !n.Enabled:
		s.Note = "disabled by Microsoft"
	case n.Known:
	case o.Known:
		s.Permission = o.Name
		s.Note = fmt.Sprintf("wrong type? %s is a %s permission, not an %s one", o.Name, kind(other), kind(p.Type))
	case n.Complete && manifest.IsGUID(p.ID):
		s.Note = fmt.Sprintf("unknown: %s publishes no such %s permission; likely a mistyped GUID", n.Resource, kind(p.Type))
	case n.Complete:
		s.Note = fmt.Sprintf("unknown: %s publishes no %s permission by that name", n.Resource, kind(p.Type))
	default:
		s.Note = "unknown: not in the catalog"
	}
	if !n.Known && !o.Known && manifest.IsGUID(p.ID) {
		s.Permission = "unknown"
	}
	if n.Known && !manifest.IsGUID(p.ID) {
		s.Note = "written by name"
	}
	s.resourceKnown = n.ResourceKnown
	return s
}

func writeShow(r *result, rec *showJSON, header bool) {
	if header {
		fmt.Fprintf(&r.stdout, "%s:\n", rec.File)
	}
	if len(rec.Permissions) == 0 {
		fmt.Fprintf(&r.stdout, "  no permissions\n")
		return
	}
	// Align the columns over the whole file, not per resource.
	rows := make([][4]string, len(rec.Permissions))
	var width [3]int
	for i, p := range rec.Permissions {
		consent := p.Consent
		if consent != "" {
			consent += " consent"
		}
		rows[i] = [4]string{p.Permission, p.Kind, consent, p.ID}
		for j := range width {
			width[j] = max(width[j], len(rows[i][j]))
		}
	}
	last := ""
	for i, p := range rec.Permissions {
		if i == 0 || !strings.EqualFold(p.ResourceAppID, last) {
			last = p.ResourceAppID
			res := p.Resource
			if !p.resourceKnown {
				res = "unknown resource"
			}
			fmt.Fprintf(&r.stdout, "%s (%s)\n", res, p.ResourceAppID)
		}
		row := rows[i]
		line := fmt.Sprintf("  %-*s  %-*s  %-*s  %s", width[0], row[0], width[1], row[1], width[2], row[2], row[3])
		if p.Note != "" {
			line += "  (" + p.Note + ")"
		}
		fmt.Fprintln(&r.stdout, line)
	}
	if len(rec.Application) > 0 {
		var names []string
		for _, p := range rec.Application {
			names = append(names, p.Resource+" "+p.Permission)
		}
		fmt.Fprintf(&r.stdout, "Application permissions, which the app can use without a signed-in user (admin consent): %s\n", strings.Join(names, ", "))
	}
	writeLints(&r.stdout, rec.File, rec.lints, "warning")
}
