package check

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/manifestpatch/manifestpatch/internal/wording"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// Want is what a manifest must hold: permissions, and the setup a profile
// brings with them.
type Want struct {
	// Set is the wanted permissions, by GUID.
	Set manifest.Set
	// Settings are what the app's setup must be: the sign-in audience it
	// must admit and the Web redirect URIs it must have.
	manifest.Settings
	// RedirectUnchecked is set when a profile asks for a redirect URI that
	// could not be formed because no agency name was given; Plan notes
	// that it was not checked.
	RedirectUnchecked bool
}

// Join returns what w and o want together: both sets, w's first, and
// their settings joined (manifest.Settings.Join).
func (w Want) Join(o Want) Want {
	return Want{
		Set:               append(slices.Clip(w.Set), o.Set...),
		Settings:          w.Settings.Join(o.Settings),
		RedirectUnchecked: w.RedirectUnchecked || o.RedirectUnchecked,
	}
}

// Options controls Plan. The zero value merges, matches and writes
// permissions by name where the manifest names them, and reports every
// finding.
type Options struct {
	// Mode is manifest.Merge (the default) or manifest.Overwrite.
	Mode manifest.Mode
	// ResolveNames also rewrites resources and permissions the manifest
	// gives by name ("Microsoft Graph", "User.Read") as their GUIDs.
	ResolveNames bool
	// Allow lists finding codes not to report: the lints and notes of
	// Rules (CheckAllow checks a list); problems, which Plan would fix,
	// cannot be silenced.
	Allow []string
	// Now is the date findings are worded for (retirements, expiring
	// secrets); the zero value means time.Now().
	Now time.Time
	// Catalog is the catalog names and GUIDs are matched with; nil is
	// permissions.Builtin().
	Catalog *permissions.Catalog
	// Limits, when not nil, bound what the manifest may list besides the
	// wanted set (the forbidden and not-allowed findings).
	Limits *Limits
}

// Result is what Plan found in a manifest and what applying the wanted
// permissions makes of it.
type Result struct {
	// Output is the manifest with the edits applied: the input itself
	// when nothing needs to change.
	Output []byte
	// Changed reports whether Output differs from the input.
	Changed bool
	// Report says what the edits add, remove and set.
	Report manifest.Report
	// Manifest is the input as read.
	Manifest manifest.Manifest
	// Resolved counts the names ResolveNames rewrote as GUIDs.
	Resolved int
	// Findings are the problems (LevelError: what the edits change),
	// then the lints in the order of the document, then the notes.
	Findings []Finding
}

// OK reports whether the manifest holds what is wanted: no problems and,
// when strict, no warnings either. Notes never count. A nil Result holds
// nothing: it is not OK.
func (r *Result) OK(strict bool) bool {
	if r == nil {
		return false
	}
	for _, f := range r.Findings {
		if f.Level.Fails(strict) {
			return false
		}
	}
	return true
}

// Plan works out what applying want to the manifest src changes, and what
// there is to say about the manifest: the problems the edits fix, the lints
// and notes. Applying is writing Result.Output; checking is asking
// Result.OK. Names are matched with the catalog: a manifest that lists
// "User.Read" by name has the permission, and permissions added beside
// named ones are written by name too.
//
// What is wanted is checked against the catalog first, as a name given on
// the command line is (Catalog.Resolve): a GUID of the other type, a
// removed permission, or a GUID Microsoft Graph does not publish is a
// *permissions.NameError. A manifest that is not valid JSON or not shaped as a
// manifest is an error from package manifest (*manifest.SyntaxError or
// *manifest.ShapeError). A manifest Plan cannot make right without
// guessing is a *manifest.ShapeError too, at the value at fault: a name
// the catalog does not know where a wanted permission of that name's closest spelling is
// missing (apply would add it beside the typo), and, with ResolveNames, a
// name it cannot resolve.
func Plan(src []byte, want Want, opts Options) (*Result, error) {
	p, err := NewPlanner(want, opts)
	if err != nil {
		return nil, err
	}
	return p.Plan(src)
}

// A Planner plans manifests for one Want and Options, as Plan does: a run
// over many manifests checks what is wanted, and prepares it for the
// lints, once instead of once per manifest. A Planner is not changed by
// planning and may be used by several goroutines at once.
type Planner struct {
	want   Want
	opts   Options
	allow  map[string]bool
	wanted map[manifest.Permission]bool // the wanted set, canonical, for the lints
	limits *limits
}

// NewPlanner checks want and opts as Plan does before it reads a
// manifest: the codes of opts.Allow (CheckAllow), each wanted
// permission against the catalog (a *permissions.NameError), and that
// opts.Limits forbid no wanted permission.
func NewPlanner(want Want, opts Options) (*Planner, error) {
	if len(opts.Allow) > 0 {
		if err := CheckAllow(opts.Allow); err != nil {
			return nil, err
		}
	}
	if err := checkSet(opts.Catalog, want.Set); err != nil {
		return nil, err
	}
	want.Set = cloneSet(want.Set) // the caller may change its own after
	want.Settings = manifest.Settings{}.Join(want.Settings)
	p := &Planner{want: want, opts: opts, allow: make(map[string]bool, len(opts.Allow)), wanted: wantedKeys(opts.Catalog, want.Set)}
	for _, c := range opts.Allow {
		p.allow[c] = true
	}
	var err error
	if p.limits, err = opts.Limits.prepare(opts.Catalog); err != nil {
		return nil, err
	}
	if p.limits != nil {
		for _, r := range want.Set {
			for _, a := range r.ResourceAccess {
				q := manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}
				d := opts.Catalog.Describe(q)
				if why := p.limits.forbidden(d.Canonical, d); why != "" {
					return nil, fmt.Errorf("check: %s is both wanted and forbidden: %s", d, why)
				}
			}
		}
	}
	return p, nil
}

// Plan plans the manifest src, as the package-level Plan does.
func (p *Planner) Plan(src []byte) (*Result, error) {
	want, opts, cat := p.want, p.opts, p.opts.Catalog
	res := &Result{}
	var resolve func(manifest.Permission) manifest.Permission
	if opts.ResolveNames {
		resolve = resolver(cat, &res.Resolved)
	}
	// Apply reads the document as it plans, in one parse: the findings
	// are about src as read, names and all.
	out, rep, err := manifest.Apply(src, want.Set, manifest.Options{
		Mode: opts.Mode, Canonical: cat.Canonical, Spell: cat.Spell, Resolve: resolve,
		Settings: want.Settings,
		Read:     true,
	})
	if err != nil {
		if opts.ResolveNames {
			// A name that does not resolve is reported first, as when the
			// names were checked before anything else was planned.
			if m, rerr := manifest.Read(src); rerr == nil {
				if nerr := unresolved(cat, m); nerr != nil {
					return nil, nerr
				}
			}
		}
		return nil, err
	}
	m := rep.Manifest
	if opts.ResolveNames {
		if err := unresolved(cat, m); err != nil {
			return nil, err
		}
	}
	res.Output, res.Report, res.Manifest = out, rep, m
	res.Changed = !bytes.Equal(out, src)
	if !res.Changed {
		res.Output = src
	}
	lints := lint(m, lintOptions{Want: want.Set, wanted: p.wanted, limits: p.limits, Now: opts.Now, Catalog: cat, Duplicates: rep.Duplicates})
	if err := typoBeside(cat, m, lints, rep.Added); err != nil {
		return nil, err
	}
	res.problems(want, opts)
	res.Findings = slices.Grow(res.Findings, len(lints))
	for _, f := range lints {
		if opts.Mode == manifest.Overwrite && f.Code == lintRepeatedResource {
			f.Level = LevelError // overwrite merges the entries
			f.Msg += ": overwrite merges them"
		}
		if f.Level == LevelError || !p.allow[f.Code] {
			res.Findings = append(res.Findings, f)
		}
	}
	for _, f := range notes(m.Setup, want) {
		if !p.allow[f.Code] {
			res.Findings = append(res.Findings, f)
		}
	}
	return res, nil
}

// cloneSet copies set and its lists.
func cloneSet(set manifest.Set) manifest.Set {
	out := slices.Clone(set)
	for i := range out {
		out[i].ResourceAccess = slices.Clone(out[i].ResourceAccess)
	}
	return out
}

// checkSet checks each wanted permission as Resolve does.
func checkSet(cat *permissions.Catalog, set manifest.Set) error {
	for _, r := range set {
		for _, a := range r.ResourceAccess {
			if _, err := cat.Resolve(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}); err != nil {
				return err
			}
		}
	}
	return nil
}

// typoBeside refuses to add a wanted permission beside a name the
// catalog does not know on the same resource and type, when the wanted
// permission's name is among that name's closest: the name is likely that
// permission mistyped, and adding it would leave the manifest with both.
func typoBeside(cat *permissions.Catalog, m manifest.Manifest, lints []Finding, added []manifest.Permission) error {
	if len(added) == 0 {
		return nil
	}
	for _, f := range lints {
		if f.Code != lintUnknownName || f.Permission.ID == "" {
			continue
		}
		d := cat.Describe(f.Permission)
		for _, p := range added {
			w := cat.Describe(p)
			if w.Status != permissions.StatusKnown || !strings.EqualFold(w.Canonical.ResourceAppID, d.Canonical.ResourceAppID) || p.Type != f.Permission.Type ||
				!slices.Contains(d.Suggestions, w.Name) {
				continue
			}
			return &manifest.ShapeError{Pos: f.Pos, Path: pathOf(m, f.Pos), Err: manifest.ErrShape,
				Msg: fmt.Sprintf("%q is not %s permission of %s; did you mean %s? Applying would add %s beside it: fix the name first", d.Permission.ID, wording.WithArticle(wording.Kind(p.Type)), d.Resource, w.Name, w.Name)}
		}
	}
	return nil
}

// pathOf returns the JSON path of the permission id at pos in m.
func pathOf(m manifest.Manifest, pos manifest.Position) string {
	base := manifest.RequiredResourceAccess
	if m.Container == manifest.BareArray {
		base = ""
	}
	for i, ep := range m.Positions {
		for j, at := range ep.IDs {
			if at == pos {
				return fmt.Sprintf("%s[%d].resourceAccess[%d].id", base, i, j)
			}
		}
	}
	return ""
}

// problems records as findings what the edits change, besides what the
// lints report as problems (repeats and empty entries, which Microsoft
// Graph rejects).
func (res *Result) problems(want Want, opts Options) {
	rep := res.Report
	cat := opts.Catalog
	add := func(code string, pos manifest.Position, p manifest.Permission, format string, args ...any) {
		res.Findings = append(res.Findings, Finding{Code: code, Level: LevelError, Pos: pos, Permission: p, Msg: fmt.Sprintf(format, args...)})
	}
	for _, p := range rep.Added {
		add(codeMissing, manifest.Position{}, p, "missing %s", cat.Describe(p))
	}
	var at map[manifest.Permission]manifest.Position
	if len(rep.Removed) > 0 {
		at = res.positions(cat)
	}
	for _, p := range rep.Removed {
		add(codeNotWanted, at[p.Fold()], p, "%s is not in the wanted set; overwrite removes it", cat.Describe(p))
	}
	for _, c := range rep.Changes {
		r := setupRule(c.Path)
		add(r.Code, manifest.Position{}, manifest.Permission{}, "%s", r.word(res, want, c))
	}
	if res.Resolved > 0 {
		add(codeNames, manifest.Position{}, manifest.Permission{}, "%d %s given by name; name resolution writes GUIDs", res.Resolved, wording.Plural(res.Resolved, "resource or permission", "resources or permissions"))
	}
}

// audience words the sign-in-audience problem: what the audience is, what
// is wanted, and, where they differ, what apply sets so that no kind of
// account the manifest admits is dropped.
func audience(res *Result, want Want, c manifest.Change) string {
	have, s := c.Was, res.Manifest.Setup
	switch {
	case have == "":
		have = "not set"
	case s.SignInAudience != "" && manifest.AudienceOf(s.SignInAudience) == 0:
		have = fmt.Sprintf("%q, which is not a sign-in audience (%s)", s.SignInAudience, strings.Join(audienceNames(), ", "))
	case s.SignInAudience != "":
		have += " (" + manifest.AudienceOf(s.SignInAudience).String() + ")"
	}
	if a := manifest.AudienceOf(s.SignInAudience); a != 0 && a.Audience() == c.Now {
		// Only the spelling is wrong.
		return fmt.Sprintf("sign-in audience %q is spelt in another case than Entra's %s (%s), the only spelling Microsoft documents: apply writes %s", s.SignInAudience, c.Now, a, c.Now)
	}
	msg := fmt.Sprintf("sign-in audience is %s; want %s (%s)", have, want.SignInAudience, manifest.AudienceOf(want.SignInAudience))
	if c.Now != want.SignInAudience {
		msg += fmt.Sprintf(": apply sets %s (%s), which admits both, so that no account the manifest admits is locked out", c.Now, manifest.AudienceOf(c.Now))
	}
	return msg
}

// audienceNames lists the four values of signInAudience.
func audienceNames() []string {
	return []string{manifest.AzureADMyOrg, manifest.AzureADMultipleOrgs, manifest.AzureADandPersonalMicrosoftAccount, manifest.PersonalMicrosoftAccount}
}

// positions returns where the manifest first lists each permission, by
// its canonical form folded (Permission.Fold): made once for all the
// permissions overwrite removes, which may be thousands.
func (res *Result) positions(cat *permissions.Catalog) map[manifest.Permission]manifest.Position {
	m := res.Manifest
	at := make(map[manifest.Permission]manifest.Position)
	for i, r := range m.Resources {
		for j, a := range r.ResourceAccess {
			if i >= len(m.Positions) || j >= len(m.Positions[i].IDs) {
				continue
			}
			k := cat.Canonical(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}).Fold()
			if _, ok := at[k]; !ok {
				at[k] = m.Positions[i].IDs[j]
			}
		}
	}
	return at
}

// notes returns what there is to know about the setup that does not fail a
// check.
func notes(s manifest.Setup, want Want) []Finding {
	var out []Finding
	add := func(code string, pos manifest.Position, format string, args ...any) {
		out = append(out, Finding{Code: code, Level: LevelNote, Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	if s.Schema == manifest.SchemaFragment {
		if len(want.RedirectURIs) > 0 {
			add(codeFragment, manifest.Position{}, "holds only requiredResourceAccess: the sign-in audience and redirect URI are left to the manifest")
		}
		return out
	}
	if s.AudienceConflict {
		add(codeAudienceFlag, manifest.Position{}, "availableToOtherTenants is %v but signInAudience is %s, which decides", *s.AvailableToOtherTenants, s.SignInAudience)
	}
	for _, want := range want.RedirectURIs {
		for _, r := range s.RedirectURIs {
			if why := closeURI(r.URI, want); why != "" && r.URI != want {
				add(codeRedirectNearMiss, r.Pos, "%s %q differs from %s (%s): sign-in with it fails with a redirect URI mismatch", r.Path, r.URI, want, why)
			}
		}
	}
	if want.RedirectUnchecked {
		add(codeRedirectUnchecked, manifest.Position{}, "redirect URI not checked: the profile's redirect URI needs the agency's name")
	}
	return out
}

// unresolved checks that every resource and permission the manifest m
// gives by name resolves to a GUID. One the catalog does not know, or that
// means two permissions, is a *manifest.ShapeError naming the first and how many
// there are: Plan then rewrites nothing. Placeholders (${{…}}) are left
// for the template's build.
func unresolved(cat *permissions.Catalog, m manifest.Manifest) error {
	var failed []string
	var first *manifest.ShapeError
	for i, r := range m.Resources {
		app := cat.Canonical(manifest.Permission{ResourceAppID: r.ResourceAppID}).ResourceAppID
		fail := func(pos manifest.Position, path, what string) {
			failed = append(failed, what)
			if first == nil {
				first = &manifest.ShapeError{Pos: pos, Path: path, Err: manifest.ErrShape}
			}
		}
		var ep manifest.EntryPosition
		if i < len(m.Positions) {
			ep = m.Positions[i]
		}
		entry := fmt.Sprintf("%s[%d]", map[bool]string{true: manifest.RequiredResourceAccess, false: ""}[m.Container != manifest.BareArray], i)
		if !manifest.IsGUID(app) && !permissions.IsPlaceholder(r.ResourceAppID) {
			fail(ep.ResourceAppID, entry+".resourceAppId", fmt.Sprintf("resource %q", r.ResourceAppID))
			continue
		}
		for j, a := range r.ResourceAccess {
			if manifest.IsGUID(a.ID) || permissions.IsPlaceholder(a.ID) || permissions.IsPlaceholder(r.ResourceAppID) {
				continue
			}
			if c := canonicalID(cat, manifest.Permission{ResourceAppID: app, ID: a.ID, Type: a.Type}); !manifest.IsGUID(c.ID) {
				var pos manifest.Position
				if j < len(ep.IDs) {
					pos = ep.IDs[j]
				}
				on := "resource " + app + " (the catalog has no list of its permissions)"
				if res, known := cat.LookupResource(app); known {
					on = res.Name
				}
				fail(pos, fmt.Sprintf("%s.resourceAccess[%d].id", entry, j), fmt.Sprintf("%q on %s", a.ID, on))
			}
		}
	}
	if first != nil {
		first.Msg = fmt.Sprintf("cannot resolve %s to a GUID", failed[0])
		if len(failed) > 1 {
			first.Msg += fmt.Sprintf(" (nor %d more: %s)", len(failed)-1, strings.Join(failed[1:], ", "))
		}
		first.Msg += ": the catalog does not know it, or it means two permissions; give its GUID, or refresh the catalog from your tenant with --catalog. Nothing is rewritten"
		return first
	}
	return nil
}

// resolver maps a resource or permission given by name to its GUIDs, for
// manifest.Options.Resolve, counting in *n those it rewrites. A GUID, and
// a placeholder, stay as they are.
func resolver(cat *permissions.Catalog, n *int) func(manifest.Permission) manifest.Permission {
	return func(p manifest.Permission) manifest.Permission {
		if permissions.IsPlaceholder(p.ResourceAppID) || permissions.IsPlaceholder(p.ID) {
			return p
		}
		c := cat.Canonical(p)
		if manifest.IsGUID(p.ResourceAppID) {
			c.ResourceAppID = p.ResourceAppID
		}
		if manifest.IsGUID(p.ID) {
			c.ID = p.ID
		}
		if c.ResourceAppID != p.ResourceAppID || c.ID != p.ID {
			*n++
		}
		return c
	}
}
