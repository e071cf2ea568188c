package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
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
		Flags:  []cli.Flag{formatFlag("text", "json")},
		Action: doLookup,
	}
}

type lookupJSON struct {
	Query       string         `json:"query"`
	Resource    *resourceJSON  `json:"resource,omitempty"`
	Permissions []showPermJSON `json:"permissions"`
	Suggestions []string       `json:"suggestions,omitempty"`
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
	code := exitOK
	var recs []lookupJSON
	for _, q := range queries {
		rec := lookup(strings.TrimSpace(q))
		if rec.Resource == nil && len(rec.Permissions) == 0 {
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
			fmt.Fprintf(c.App.Writer, "%s: resource %s (%s), key %s\n", rec.Query, rec.Resource.Name, rec.Resource.AppID, rec.Resource.Key)
		}
		for _, p := range rec.Permissions {
			consent := ""
			if p.Consent != "" {
				consent = ", " + p.Consent + " consent"
			}
			line := fmt.Sprintf("%s: %s %s (%s%s) %s", rec.Query, p.Resource, p.Permission, p.Kind, consent, p.ID)
			if p.DisplayName != "" {
				line += ": " + p.DisplayName
			}
			fmt.Fprintln(c.App.Writer, line)
		}
		if rec.Resource == nil && len(rec.Permissions) == 0 {
			msg := fmt.Sprintf("%s: not found", rec.Query)
			if len(rec.Suggestions) > 0 {
				msg += "; did you mean " + orList(rec.Suggestions) + "?"
			}
			fmt.Fprintln(c.App.ErrWriter, msg)
		}
	}
	return codeErr(code)
}

// lookup answers one query.
func lookup(q string) lookupJSON {
	rec := lookupJSON{Query: q, Permissions: []showPermJSON{}}
	add := func(ps []permissions.Permission) {
		for _, p := range ps {
			rec.Permissions = append(rec.Permissions, describe(p.Key()))
		}
	}
	if r, ok := permissions.LookupResource(q); ok {
		rec.Resource = &resourceJSON{Name: r.Name, AppID: r.AppID, Key: r.Key}
		return rec
	}
	if manifest.IsGUID(q) {
		add(permissions.FindID(q))
		return rec
	}
	if res, value, ok := strings.Cut(q, "/"); ok {
		r, ok := permissions.LookupResource(strings.TrimSpace(res))
		if !ok {
			rec.Suggestions = permissions.SuggestResource(res, 3)
			return rec
		}
		value = strings.TrimSpace(value)
		for _, t := range []manifest.Type{manifest.Scope, manifest.Role} {
			if p, ok := permissions.LookupValue(r.AppID, value, t); ok {
				add([]permissions.Permission{p})
			}
		}
		if len(rec.Permissions) == 0 {
			rec.Suggestions = permissions.Suggest(r.AppID, value, 3)
		}
		return rec
	}
	add(permissions.FindValue(q))
	if len(rec.Permissions) == 0 {
		rec.Suggestions = permissions.Suggest(permissions.MicrosoftGraphID, q, 3)
	}
	return rec
}
