package main

import (
	"fmt"
	"strings"

	"github.com/manifestpatch/manifestpatch/internal/wording"
	"github.com/urfave/cli/v2"
)

func lookupCommand() *cli.Command {
	return &cli.Command{
		Name:      "lookup",
		Usage:     "turn permission names into GUIDs and GUIDs into names, offline",
		ArgsUsage: "QUERY...",
		Description: "Each QUERY is a permission name (\"Calendars.Read\"), a RESOURCE/NAME\n" +
			"(\"Microsoft Graph/Calendars.Read\"), a GUID, or a resource's name or app id.\n" +
			"A name gives its GUIDs per resource and type; a GUID gives its names. Exits 1\n" +
			"when a query matches nothing, suggesting the closest known names.",
		Flags:  []cli.Flag{formatFlag(outputNames["lookup"]...), catalogFlag()},
		Action: doLookup,
	}
}

type lookupJSON struct {
	Query       string        `json:"query"`
	Resource    *resourceJSON `json:"resource,omitempty"`
	Permissions []showPerm    `json:"permissions"`
	Suggestions []string      `json:"suggestions,omitempty"`
}

type resourceJSON struct {
	Name  string `json:"name"`
	AppID string `json:"appId"`
	Key   string `json:"key"`
}

func doLookup(c *cli.Context) error {
	queries := c.Args().Slice()
	if len(queries) == 0 {
		return usagef(c, "no query given; name a permission, a GUID or a resource")
	}
	cat, err := loadCatalog(c)
	if err != nil {
		return err
	}
	code := exitOK
	var recs []lookupJSON
	for _, q := range queries {
		a := cat.Query(q)
		rec := lookupJSON{Query: strings.TrimSpace(q), Permissions: []showPerm{}, Suggestions: a.Suggestions}
		if r := a.Resource; r != nil {
			rec.Resource = &resourceJSON{Name: r.Name, AppID: r.AppID, Key: r.Key}
		}
		for _, p := range a.Permissions {
			rec.Permissions = append(rec.Permissions, describePerm(cat, p.Key()))
		}
		if !a.Found() {
			code = exitChanges
		}
		recs = append(recs, rec)
	}
	reports := make([]*fileReport, len(recs))
	for i := range recs {
		reports[i] = &fileReport{kind: lookupKind, file: recs[i].Query, query: &recs[i]}
	}
	if err := writeReports(c, reports...); err != nil {
		return err
	}
	return codeErr(code)
}

// lookupKind words lookup's answers: one per query.
var lookupKind = &reportKind{text: writeLookup, record: func(f *fileReport) any { return f.query }}

// writeLookup writes what one query found, one line per resource or
// permission, or on standard error that it found nothing.
func writeLookup(r *result, f *fileReport) {
	rec := f.query
	if rec.Resource != nil {
		fmt.Fprintln(&r.stdout, inline(fmt.Sprintf("%s: resource %s (%s), key %s", rec.Query, rec.Resource.Name, rec.Resource.AppID, rec.Resource.Key)))
	}
	for _, p := range rec.Permissions {
		consent := ""
		if p.Consent != "" {
			consent = "; consent: " + p.Consent
		}
		if w := p.privilege(); w != "" {
			consent += "; privilege: " + w
		}
		if p.Note != "" && p.Note != "written by name" {
			consent += "; " + p.Note
		}
		line := fmt.Sprintf("%s: %s %s (%s%s) %s", rec.Query, p.Resource, p.Permission, p.Kind, consent, p.ID)
		if p.DisplayName != "" {
			line += ": " + p.DisplayName
		}
		fmt.Fprintln(&r.stdout, inline(line))
	}
	if rec.Resource == nil && len(rec.Permissions) == 0 {
		fmt.Fprintln(&r.stderr, inline(fmt.Sprintf("%s: not found%s", rec.Query, wording.DidYouMean(rec.Suggestions))))
	}
}
