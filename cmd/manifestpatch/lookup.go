package main

import (
	"encoding/json"
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
		Flags:  []cli.Flag{formatFlag("text", "json"), catalogFlag()},
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
	if c.String("format") == "json" {
		out, _ := json.MarshalIndent(recs, "", "  ")
		fmt.Fprintf(c.App.Writer, "%s\n", out)
		return codeErr(code)
	}
	for _, rec := range recs {
		if rec.Resource != nil {
			fmt.Fprintln(c.App.Writer, inline(fmt.Sprintf("%s: resource %s (%s), key %s", rec.Query, rec.Resource.Name, rec.Resource.AppID, rec.Resource.Key)))
		}
		for _, p := range rec.Permissions {
			consent := ""
			if p.Consent != "" {
				consent = "; consent: " + p.Consent
			}
			if p.Note != "" && p.Note != "written by name" {
				consent += "; " + p.Note
			}
			line := fmt.Sprintf("%s: %s %s (%s%s) %s", rec.Query, p.Resource, p.Permission, p.Kind, consent, p.ID)
			if p.DisplayName != "" {
				line += ": " + p.DisplayName
			}
			fmt.Fprintln(c.App.Writer, inline(line))
		}
		if rec.Resource == nil && len(rec.Permissions) == 0 {
			msg := fmt.Sprintf("%s: not found", rec.Query)
			if len(rec.Suggestions) > 0 {
				msg += "; did you mean " + wording.OrList(rec.Suggestions) + "?"
			}
			fmt.Fprintln(c.App.ErrWriter, inline(msg))
		}
	}
	return codeErr(code)
}
