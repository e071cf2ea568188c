package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// wantFlags are the flags that say which permissions are wanted.
func wantFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{
			Name:  "profile",
			Usage: "want the built-in set `NAME` (see 'manifestpatch profiles'); repeatable",
		},
		&cli.StringFlag{
			Name:      "from",
			Usage:     "want the permissions listed in `FILE`: a manifest, an object holding requiredResourceAccess, or a bare array; names may stand for GUIDs",
			TakesFile: true,
		},
		&cli.StringSliceFlag{
			Name:  "scope",
			Usage: "want the delegated permission `RESOURCE/NAME`, such as \"Microsoft Graph/Calendars.Read\"; repeatable",
		},
		&cli.StringSliceFlag{
			Name:  "role",
			Usage: "want the application permission `RESOURCE/NAME`, such as \"Microsoft Graph/User.Read.All\"; repeatable",
		},
		&cli.StringFlag{
			Name:  "agency",
			Usage: "the organisation's `NAME` at the calendar vendor: want the profile's redirect URI https://NAME.sensehq.com/…",
		},
	}
}

// wanted is what the command line asks a manifest to hold.
type wanted struct {
	set manifest.Set
	// setup holds the profiles' sign-in audience and, with --agency, their
	// redirect URIs.
	setup manifest.Options
	// redirectUnchecked is set when a profile has a redirect URI but no
	// --agency was given to form it.
	redirectUnchecked bool
}

// wantedFrom returns what the command line names: the union of the
// --profile sets, the --from file and the --scope and --role permissions,
// in that order; the default profile when none of them is given. The
// profiles also bring their audience and, with --agency, redirect URI.
func wantedFrom(c *cli.Context) (wanted, error) {
	var w wanted
	var profiles []permissions.Profile
	for _, name := range c.StringSlice("profile") {
		p, ok := permissions.LookupProfile(name)
		if !ok {
			return w, usagef(c, "--profile %q: no such profile; the profiles are %s", name, profileNames())
		}
		profiles = append(profiles, p)
	}
	set, err := wantedSet(c)
	if err != nil {
		return w, err
	}
	if len(profiles) == 0 && set == nil {
		profiles = append(profiles, permissions.DefaultProfile())
	}
	agency := c.String("agency")
	for _, p := range profiles {
		w.set = append(w.set, p.Set()...)
		if p.SignInAudience != "" {
			w.setup.SignInAudience = p.SignInAudience
		}
		if p.RedirectURI == "" {
			continue
		}
		if agency == "" {
			w.redirectUnchecked = true
			continue
		}
		u, err := p.RedirectURIFor(agency)
		if err != nil {
			return w, usagef(c, "--agency: %s", strings.TrimPrefix(err.Error(), "permissions: "))
		}
		w.setup.RedirectURIs = append(w.setup.RedirectURIs, u)
	}
	if agency != "" && len(w.setup.RedirectURIs) == 0 {
		return w, usagef(c, "--agency needs a profile with a redirect URI, such as %s", permissions.DefaultProfileName)
	}
	w.set = append(w.set, set...)
	return w, nil
}

// wantedSet returns the permissions --from, --scope and --role name, or nil.
func wantedSet(c *cli.Context) (manifest.Set, error) {
	var set manifest.Set
	if from := c.String("from"); from != "" {
		s, err := readWanted(c, from)
		if err != nil {
			return nil, err
		}
		set = append(set, s...)
	}
	for _, f := range []struct {
		flag string
		typ  manifest.Type
	}{{"scope", manifest.Scope}, {"role", manifest.Role}} {
		for _, arg := range c.StringSlice(f.flag) {
			p, err := parsePermission(arg, f.typ)
			if err != nil {
				return nil, usagef(c, "--%s %q: %v", f.flag, arg, err)
			}
			set = append(set, manifest.Resource{ResourceAppID: p.ResourceAppID, ResourceAccess: []manifest.Access{{ID: p.ID, Type: p.Type}}})
		}
	}
	return set, nil
}

// readWanted reads the permissions listed in a file, resolving names.
func readWanted(c *cli.Context, from string) (manifest.Set, error) {
	in, err := readInput(from, c.App.Reader)
	if err != nil {
		return nil, usagef(c, "--from %v", err)
	}
	m, err := manifest.Read(in.data)
	if err != nil {
		return nil, usagef(c, "--from %s", located(in.name, err))
	}
	if len(m.Resources) == 0 {
		return nil, usagef(c, "--from %s: lists no permissions", in.name)
	}
	set := make(manifest.Set, len(m.Resources))
	for i, r := range m.Resources {
		set[i].ResourceAppID = canonical(manifest.Permission{ResourceAppID: r.ResourceAppID}).ResourceAppID
		if !manifest.IsGUID(set[i].ResourceAppID) {
			return nil, usagef(c, "--from %s: %s", in.name, unknownResource(r.ResourceAppID))
		}
		for _, a := range r.ResourceAccess {
			p := canonical(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type})
			if !manifest.IsGUID(p.ID) {
				return nil, usagef(c, "--from %s: %s", in.name, unknownPermission(p.ResourceAppID, a.ID, a.Type))
			}
			set[i].ResourceAccess = append(set[i].ResourceAccess, manifest.Access{ID: p.ID, Type: p.Type})
		}
	}
	return set, nil
}

// parsePermission resolves "RESOURCE/NAME" (either part may be a GUID) or a
// NAME that only one resource has, to a permission of type t.
func parsePermission(arg string, t manifest.Type) (manifest.Permission, error) {
	res, value, ok := strings.Cut(arg, "/")
	if !ok {
		var found []permissions.Permission
		for _, p := range permissions.FindValue(arg) {
			if p.Type == t {
				found = append(found, p)
			}
		}
		if len(found) == 1 {
			return found[0].Key(), nil
		}
		if len(found) > 1 {
			var names []string
			for _, p := range found {
				r, _ := permissions.LookupResource(p.ResourceAppID)
				names = append(names, fmt.Sprintf("%q", r.Name+"/"+p.Value))
			}
			return manifest.Permission{}, fmt.Errorf("more than one resource has it; name one: %s", strings.Join(names, " or "))
		}
		return manifest.Permission{}, fmt.Errorf("want RESOURCE/NAME, such as \"Microsoft Graph/%s\"", arg)
	}
	p := canonical(manifest.Permission{ResourceAppID: strings.TrimSpace(res), ID: strings.TrimSpace(value), Type: t})
	if !manifest.IsGUID(p.ResourceAppID) {
		return p, fmt.Errorf("%s", unknownResource(res))
	}
	if !manifest.IsGUID(p.ID) {
		return p, fmt.Errorf("%s", unknownPermission(p.ResourceAppID, value, t))
	}
	return p, nil
}

func unknownResource(q string) string {
	msg := fmt.Sprintf("unknown resource %q", q)
	if s := permissions.SuggestResource(q, 3); len(s) > 0 {
		msg += "; did you mean " + orList(s) + "?"
	} else {
		msg += "; name a resource the catalog knows ('manifestpatch lookup') or give its app id"
	}
	return msg
}

func unknownPermission(appID, value string, t manifest.Type) string {
	r, _ := permissions.LookupResource(appID)
	msg := fmt.Sprintf("unknown %s permission %q on %s", kind(t), value, r.Name)
	if s := permissions.Suggest(appID, value, 3); len(s) > 0 {
		msg += "; did you mean " + orList(s) + "?"
	}
	return msg
}

func orList(s []string) string {
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

func profileNames() string {
	var names []string
	for _, p := range permissions.Profiles() {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
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
