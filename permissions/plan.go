package permissions

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// Want is what a manifest must hold: permissions, and the setup a profile
// brings with them.
type Want struct {
	// Set is the wanted permissions, by GUID.
	Set manifest.Set
	// SignInAudience, when not empty, is the audience the app must admit.
	SignInAudience string
	// RedirectURIs must be among the app's Web redirect URIs.
	RedirectURIs []string
	// RedirectUnchecked is set when a profile asks for a redirect URI that
	// could not be formed because no agency name was given; Plan notes
	// that it was not checked.
	RedirectUnchecked bool
}

// Want returns what the profile wants of a manifest. With agency "" the
// profile's redirect URI is not checked (Want.RedirectUnchecked); otherwise
// the agency must be able to form a host name.
func (p Profile) Want(agency string) (Want, error) {
	w := Want{Set: p.Set(), SignInAudience: p.SignInAudience}
	if p.RedirectURI == "" {
		return w, nil
	}
	if agency == "" {
		w.RedirectUnchecked = true
		return w, nil
	}
	u, err := p.RedirectURIFor(agency)
	if err != nil {
		return Want{}, err
	}
	w.RedirectURIs = []string{u}
	return w, nil
}

// Join returns what w and o want together: both sets, w's first, and o's
// audience where it names one.
func (w Want) Join(o Want) Want {
	out := Want{
		Set:               append(slices.Clip(w.Set), o.Set...),
		SignInAudience:    w.SignInAudience,
		RedirectURIs:      append(slices.Clip(w.RedirectURIs), o.RedirectURIs...),
		RedirectUnchecked: w.RedirectUnchecked || o.RedirectUnchecked,
	}
	if o.SignInAudience != "" {
		out.SignInAudience = o.SignInAudience
	}
	return out
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
	// Allow lists finding codes not to report (see Codes); problems,
	// which Plan would fix, cannot be silenced.
	Allow []string
	// Now is the date findings are worded for (retirements, expiring
	// secrets); the zero value means time.Now().
	Now time.Time
	// Catalog is the catalog names and GUIDs are matched with; nil is
	// Builtin().
	Catalog *Catalog
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
// when strict, no warnings either. Notes never count.
func (r *Result) OK(strict bool) bool {
	for _, f := range r.Findings {
		if f.Level == LevelError || strict && f.Level == LevelWarning {
			return false
		}
	}
	return true
}

// Codes of the problems Plan reports: each is something the edits change,
// so a manifest has none of them exactly when applying changes nothing.
const (
	CodeMissing     = "missing"
	CodeAudience    = "sign-in-audience"
	CodeRedirectURI = "redirect-uri"
	CodeRewrite     = "rewrite"
	CodeNames       = "names"
)

// Codes of the notes Plan reports, which never fail a check.
const (
	CodeRedirectNearMiss  = "redirect-uri-mismatch"
	CodeRedirectUnchecked = "redirect-uri-unchecked"
	CodeFragment          = "fragment"
	CodeAudienceFlag      = "audience-flag"
)

// Code describes one kind of finding.
type Code struct {
	Code string
	// Level is the level findings of this kind usually have.
	Level Level
	About string
}

var problemCodes = []Code{
	{CodeMissing, LevelError, "a wanted permission the manifest lacks"},
	{CodeAudience, LevelError, "a sign-in audience that does not admit accounts in any organizational directory, where the profile wants it"},
	{CodeRedirectURI, LevelError, "a wanted Web redirect URI the manifest lacks"},
	{CodeRewrite, LevelError, "in overwrite mode, what else apply removes: a repeated permission, an entry left empty"},
	{CodeNames, LevelError, "with name resolution, a resource or permission given by name"},
}

var noteCodes = []Code{
	{CodeRedirectNearMiss, LevelNote, "a redirect URI close to the wanted one but different (scheme, case, path, trailing slash, another agency's host): sign-in with it fails"},
	{CodeRedirectUnchecked, LevelNote, "the profile's redirect URI is not checked, for want of the agency's name"},
	{CodeFragment, LevelNote, "a file holding only requiredResourceAccess, where a redirect URI is wanted: its audience and redirect URI are not checked"},
	{CodeAudienceFlag, LevelNote, "a legacy manifest whose availableToOtherTenants disagrees with its signInAudience, which decides"},
}

// Codes lists every kind of finding Plan reports: problems, then lints,
// then notes. not-wanted is a lint, and a problem in overwrite mode, which
// removes what is not wanted.
func Codes() []Code {
	out := slices.Clone(problemCodes)
	out = append(out, lintCodes...)
	return append(out, noteCodes...)
}

// ErrUnknownCode is returned for a code Options.Allow cannot silence.
var ErrUnknownCode = errors.New("permissions: no such lint or note")

// AllowCodes lists the codes Options.Allow takes: every lint and note.
// Problems cannot be silenced: they are what applying fixes.
func AllowCodes() []string { return slices.Clone(allowCodes()) }

// allowCodes is AllowCodes, worked out once, on first use.
var allowCodes = sync.OnceValue(func() []string {
	var out []string
	for _, k := range Codes() {
		if k.Level != LevelError {
			out = append(out, k.Code)
		}
	}
	return out
})

// CheckAllow checks that every code is one of AllowCodes.
func CheckAllow(codes []string) error {
	all := allowCodes()
	for _, c := range codes {
		if !slices.Contains(all, c) {
			return fmt.Errorf("%w %q; the codes are %s", ErrUnknownCode, c, strings.Join(all, ", "))
		}
	}
	return nil
}

// Plan works out what applying want to the manifest src changes, and what
// there is to say about the manifest: the problems the edits fix, the lints
// and notes. Applying is writing Result.Output; checking is asking
// Result.OK. Names are matched with the catalog: a manifest that lists
// "User.Read" by name has the permission, and permissions added beside
// named ones are written by name too.
//
// A manifest that is not valid JSON or not shaped as a manifest is an
// error from package manifest (*manifest.SyntaxError or
// *manifest.ShapeError); a wanted set with an empty or invalid id is a
// *manifest.ShapeError too.
func Plan(src []byte, want Want, opts Options) (*Result, error) {
	if len(opts.Allow) > 0 {
		if err := CheckAllow(opts.Allow); err != nil {
			return nil, err
		}
	}
	res := &Result{}
	in := src
	cat := opts.Catalog
	if opts.ResolveNames {
		var err error
		if in, res.Resolved, err = resolveNames(cat, src); err != nil {
			return nil, err
		}
	}
	// Apply reads the document as it plans: the findings are about src,
	// so with names resolved first src is read on its own.
	out, rep, err := manifest.Apply(in, want.Set, manifest.Options{
		Mode: opts.Mode, Canonical: cat.Canonical, Spell: cat.Spell,
		SignInAudience: want.SignInAudience, RedirectURIs: want.RedirectURIs,
		Read: !opts.ResolveNames,
	})
	if err != nil {
		return nil, err
	}
	m := rep.Manifest
	if opts.ResolveNames {
		if m, err = manifest.Read(src); err != nil {
			return nil, err
		}
	}
	res.Output, res.Report, res.Manifest = out, rep, m
	res.Changed = !bytes.Equal(out, src)
	if !res.Changed {
		res.Output = src
	}
	res.problems(want, opts)
	allow := make(map[string]bool, len(opts.Allow))
	for _, c := range opts.Allow {
		allow[c] = true
	}
	for _, f := range Lint(m, LintOptions{Want: want.Set, Now: opts.Now, Catalog: cat}) {
		if opts.Mode == manifest.Overwrite && f.Code == LintNotWanted {
			continue // a problem in overwrite mode, reported above
		}
		if !allow[f.Code] {
			res.Findings = append(res.Findings, f)
		}
	}
	for _, f := range notes(m.Setup, want) {
		if !allow[f.Code] {
			res.Findings = append(res.Findings, f)
		}
	}
	return res, nil
}

// problems records as findings what the edits change.
func (res *Result) problems(want Want, opts Options) {
	rep := res.Report
	add := func(code string, p manifest.Permission, format string, args ...any) {
		res.Findings = append(res.Findings, Finding{Code: code, Level: LevelError, Permission: p, Msg: fmt.Sprintf(format, args...)})
	}
	for _, p := range rep.Added {
		res.Findings = append(res.Findings, Finding{Code: CodeMissing, Level: LevelError, Permission: p, Msg: "missing " + opts.Catalog.Describe(p).String()})
	}
	if opts.Mode == manifest.Overwrite {
		for _, p := range rep.Duplicates {
			add(CodeRewrite, p, "%s is listed more than once; overwrite removes the repeat", opts.Catalog.Describe(p))
		}
	}
	for _, p := range rep.Removed {
		add(LintNotWanted, p, "%s is not in the wanted set; overwrite removes it", opts.Catalog.Describe(p))
	}
	if rep.AudienceChanged {
		have := rep.AudienceWas
		if have == "" {
			have = "not set"
		}
		what := ""
		if want.SignInAudience == manifest.AzureADMultipleOrgs {
			what = " (accounts in any organizational directory)"
		}
		add(CodeAudience, manifest.Permission{}, "sign-in audience is %s; want %s%s", have, want.SignInAudience, what)
	}
	for _, u := range rep.RedirectURIsAdded {
		add(CodeRedirectURI, manifest.Permission{}, "missing Web redirect URI %s", u)
	}
	if res.Resolved > 0 {
		add(CodeNames, manifest.Permission{}, "%d %s given by name; name resolution writes GUIDs", res.Resolved, plural(res.Resolved, "resource or permission", "resources or permissions"))
	}
	if res.Changed && !slices.ContainsFunc(res.Findings, func(f Finding) bool { return f.Level == LevelError }) {
		add(CodeRewrite, manifest.Permission{}, "requiredResourceAccess holds repeats or empty entries besides the wanted set; overwrite removes them")
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
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
			add(CodeFragment, manifest.Position{}, "holds only requiredResourceAccess: the sign-in audience and redirect URI are left to the manifest")
		}
		return out
	}
	if s.AudienceConflict {
		add(CodeAudienceFlag, manifest.Position{}, "availableToOtherTenants is %v but signInAudience is %s, which decides", *s.AvailableToOtherTenants, s.SignInAudience)
	}
	for _, want := range want.RedirectURIs {
		for _, r := range s.RedirectURIs {
			if why := CloseURI(r.URI, want); why != "" && r.URI != want {
				add(CodeRedirectNearMiss, r.Pos, "%s %q differs from %s (%s): sign-in with it fails with a redirect URI mismatch", r.Path, r.URI, want, why)
			}
		}
	}
	if want.RedirectUnchecked {
		add(CodeRedirectUnchecked, manifest.Position{}, "redirect URI not checked: the profile's redirect URI needs the agency's name")
	}
	return out
}

// resolveNames rewrites the resources and permissions that a template gives
// by name as their GUIDs, and counts the names it resolved. GUIDs, and names
// the catalog does not know, are left as they are.
func resolveNames(cat *Catalog, src []byte) ([]byte, int, error) {
	n := 0
	out, err := manifest.Rewrite(src, func(p manifest.Permission) manifest.Permission {
		c := cat.Canonical(p)
		if manifest.IsGUID(p.ResourceAppID) {
			c.ResourceAppID = p.ResourceAppID
		}
		if manifest.IsGUID(p.ID) {
			c.ID = p.ID
		}
		if c.ResourceAppID != p.ResourceAppID || c.ID != p.ID {
			n++
		}
		return c
	})
	return out, n, err
}
