package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/internal/wording"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
	"github.com/manifestpatch/manifestpatch/profile"
)

// wantFlags are the flags that say which permissions are wanted. apply and
// check add agencyFlag.
func wantFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{
			Name:  "profile",
			Usage: "want the built-in set `NAME` (see 'manifestpatch profiles'); repeatable",
		},
		&cli.StringSliceFlag{
			Name:      "from",
			Usage:     "want the permissions listed in `FILE`: a manifest, an object holding requiredResourceAccess, or a bare array; names may stand for GUIDs; repeatable",
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
		catalogFlag(),
	}
}

// agencyURI is the profile's redirect URI with NAME for the agency.
func agencyURI(p profile.Profile) string {
	return strings.ReplaceAll(p.RedirectURI, profile.AgencyPlaceholder, "NAME")
}

func agencyFlag() cli.Flag {
	return &cli.StringFlag{
		Name:  "agency",
		Usage: "the organisation's `NAME` at the vendor: want the profile's redirect URI for it (" + agencyURI(profile.Default()) + " for the default profile)",
	}
}

// resolveNamesFlag is --resolve-names, for apply and check, which must
// agree on it.
func resolveNamesFlag() cli.Flag {
	return &cli.BoolFlag{Name: "resolve-names", Usage: "also rewrite permissions and resources given by name (\"Microsoft Graph\", \"User.Read\") as their GUIDs"}
}

// modeFlag is --mode, for apply and check, which must agree on it.
func modeFlag() cli.Flag {
	return &cli.StringFlag{
		Name: "mode", Value: "merge",
		Usage: "`MODE`: merge keeps every listed permission and adds what is missing; overwrite makes the list exactly the wanted set",
		Action: func(c *cli.Context, m string) error {
			if _, err := manifest.ParseMode(m); err != nil {
				return usagef(c, "--mode %q: want merge or overwrite", m)
			}
			return nil
		},
	}
}

// planFrom returns what the command line wants and the options to plan it
// with.
func planFrom(c *cli.Context) (check.Want, check.Options, error) {
	var opts check.Options
	cat, err := loadCatalog(c)
	if err != nil {
		return check.Want{}, opts, err
	}
	opts.Catalog = cat
	want, err := wantedFrom(c, cat)
	if err != nil {
		return want, opts, err
	}
	if opts.Allow, err = allowed(c); err != nil {
		return want, opts, err
	}
	opts.Mode, _ = manifest.ParseMode(c.String("mode")) // checked by the flag; "" for commands without it is Merge
	opts.ResolveNames = c.Bool("resolve-names")
	opts.Now = now()
	return want, opts, nil
}

// wantedFrom returns what the command line names: the union of the
// --profile sets, the --from files and the --scope and --role permissions,
// in that order; the default profile when none of them is given. The
// profiles also bring their audience and, with --agency, redirect URI.
func wantedFrom(c *cli.Context, cat *permissions.Catalog) (check.Want, error) {
	var profiles []profile.Profile
	for _, name := range c.StringSlice("profile") {
		p, ok := profile.Lookup(name)
		if !ok {
			return check.Want{}, usagef(c, "--profile %q: no such profile; the profiles are %s", name, profileNames())
		}
		profiles = append(profiles, p)
	}
	set, err := wantedSet(c, cat)
	if err != nil {
		return check.Want{}, err
	}
	if len(profiles) == 0 && set == nil {
		profiles = append(profiles, profile.Default())
	}
	agency := c.String("agency")
	var want check.Want
	redirect := false
	for _, p := range profiles {
		w, err := p.Want(agency)
		if err == nil && w.RedirectUnchecked && c.IsSet("agency") {
			_, err = p.RedirectURIFor(agency) // given, but empty
		}
		if err != nil {
			var ae *profile.AgencyError
			if errors.As(err, &ae) {
				return want, usagef(c, "--agency %s", ae.Msg)
			}
			return want, err
		}
		redirect = redirect || p.RedirectURI != ""
		want = want.Join(w)
	}
	if c.IsSet("agency") && !redirect {
		return want, usagef(c, "--agency needs a profile with a redirect URI, such as %s", profile.DefaultName)
	}
	want.Set = append(want.Set, set...)
	return want, nil
}

// wantedSet returns the permissions --from, --scope and --role name, or nil.
func wantedSet(c *cli.Context, cat *permissions.Catalog) (manifest.Set, error) {
	var set manifest.Set
	for _, from := range c.StringSlice("from") {
		s, err := readWanted(c, cat, from)
		if err != nil {
			return nil, err
		}
		set = append(set, s...)
	}
	for _, f := range []struct {
		flag, other string
		typ         manifest.Type
	}{{"scope", "role", manifest.Scope}, {"role", "scope", manifest.Role}} {
		for _, arg := range c.StringSlice(f.flag) {
			p, err := cat.ParsePermission(arg, f.typ)
			if err != nil {
				return nil, usagef(c, "--%s %q: %s", f.flag, arg, nameHint(err, f.other))
			}
			if !strings.Contains(arg, "/") {
				alsoOn(c, cat, "--"+f.flag, arg, p)
			}
			set = append(set, manifest.Resource{ResourceAppID: p.ResourceAppID, ResourceAccess: []manifest.Access{{ID: p.ID, Type: p.Type}}})
		}
	}
	return set, nil
}

// alsoOn notes, for a permission named without its resource, which
// resource's was taken where others publish the name too.
func alsoOn(c *cli.Context, cat *permissions.Catalog, flag, arg string, p manifest.Permission) {
	others := cat.AlsoOn(p)
	if len(others) == 0 {
		return
	}
	d := cat.Describe(p)
	var names []string
	for _, r := range others {
		names = append(names, r.Name)
	}
	verb := "publishes"
	if len(names) > 1 {
		verb = "publish"
	}
	fmt.Fprintf(c.App.ErrWriter, "manifestpatch: note: %s %q means %s's %s (%s); %s %s one too: name the resource, as in %s %q, for theirs\n",
		flag, arg, d.Resource, d.Name, p.ID, strings.Replace(wording.OrList(names), " or ", " and ", 1), verb, flag, others[0].Name+"/"+d.Name)
}

// nameHint words a name the catalog could not resolve and, where the name
// is a permission of the other type, says how to ask for that: fix is the
// flag to use, or "" for a file, whose "type" is to be fixed.
func nameHint(err error, fix string) string {
	var ne *permissions.NameError
	if !errors.As(err, &ne) || !ne.OtherType {
		return err.Error()
	}
	if fix == "" {
		return fmt.Sprintf("%s; fix its \"type\"", err)
	}
	return fmt.Sprintf("%s; use --%s", err, fix)
}

// readWanted reads the permissions listed in a file, resolving names.
func readWanted(c *cli.Context, cat *permissions.Catalog, from string) (manifest.Set, error) {
	in, err := readInput(from, c.App.Reader, false)
	if err != nil {
		return nil, usagef(c, "--from %v", err)
	}
	m, err := manifest.ReadSnippet(in.data)
	if err != nil {
		return nil, usagef(c, "--from %s", fileError{in.name, err})
	}
	if len(m.Resources) == 0 {
		return nil, usagef(c, "--from %s: lists no permissions", in.name)
	}
	set, err := cat.ResolveSet(m.Resources)
	if err != nil {
		return nil, usagef(c, "--from %s: %s", in.name, nameHint(err, ""))
	}
	return set, nil
}

func profileNames() string {
	var names []string
	for _, p := range profile.All() {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

// now is the date findings are worded for; tests fix it.
var now = time.Now

// fileError is an error about a file, worded name:line:col: message where
// package manifest gives a position. It keeps the error's chain.
type fileError struct {
	name string
	err  error
}

func (e fileError) Unwrap() error { return e.err }

func (e fileError) Error() string {
	var pe manifest.Positioned
	if errors.As(e.err, &pe) {
		hint := ""
		if errors.Is(e.err, manifest.ErrSnippet) {
			hint = " (--from FILE)"
		}
		if pe.Position().Line == 0 {
			return e.name + ": " + pe.Error() + hint
		}
		return e.name + ":" + pe.Error() + hint
	}
	return fmt.Sprintf("%s: %s", e.name, strings.TrimPrefix(e.err.Error(), "permissions: "))
}
