package manifest

// The entry points that edit: Apply and Rewrite, their options and report.

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Mode says how Apply treats the permissions a document already lists.
type Mode int

const (
	// Merge keeps every permission listed in its place and adds what is
	// missing; it removes only what Microsoft Graph rejects, the repeats
	// of a permission and entries that list none. It is the zero value,
	// and so the default.
	Merge Mode = iota
	// Overwrite makes requiredResourceAccess list exactly the wanted
	// permissions, once each, as pasting a snippet into the portal's
	// manifest editor does, with the smallest edit: permissions that are
	// not wanted and repeats are removed, and entries left empty with
	// them; a resource listed in several entries keeps the first, which
	// receives the wanted permissions of the others; everything that stays
	// keeps its bytes, spelling and order; what is missing is added as in
	// Merge.
	Overwrite
)

func (m Mode) String() string {
	switch m {
	case Merge:
		return "merge"
	case Overwrite:
		return "overwrite"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// ParseMode returns the Mode named "merge" or "overwrite".
func ParseMode(s string) (Mode, error) {
	switch s {
	case "merge":
		return Merge, nil
	case "overwrite":
		return Overwrite, nil
	}
	return 0, fmt.Errorf("manifest: unknown mode %q; want merge or overwrite", s)
}

// Options controls Apply. The zero value merges.
type Options struct {
	Mode Mode
	// Canonical, when not nil, maps a permission as the document writes it
	// to the permission it stands for, before it is compared with the
	// wanted set. Templates that name permissions ("resourceAppId":
	// "Microsoft Graph", "id": "User.Read") use it to match a set of GUIDs.
	// It is also called with ID and Type empty to map a resource alone.
	Canonical func(Permission) Permission
	// Spell, when not nil, maps a wanted permission to the name a template
	// would write for it ("User.Read"). Permissions added to an entry that
	// gives its resource by name rather than GUID are written so, to match
	// their neighbours; elsewhere GUIDs are written.
	Spell func(Permission) Permission

	// Settings are the members outside requiredResourceAccess to set.
	// Fragments, which hold only requiredResourceAccess, are left without
	// them.
	Settings Settings

	// Resolve, when not nil, rewrites each resourceAppId and permission id
	// in requiredResourceAccess to what it maps it to, where that differs,
	// as Rewrite does, and in the same pass: the rest of the plan sees
	// the rewritten values, so that a template's names become GUIDs and
	// what is added beside them is written as GUIDs too. Report.Manifest
	// is still the document as it was read.
	Resolve func(Permission) Permission

	// Read also fills Report.Manifest with the document as Read would
	// return it, so that a caller who needs both parses once.
	Read bool
}

// Settings are what Apply sets outside requiredResourceAccess, each
// member planned by the planner of its row in fields.go, which is given
// the Settings. A member to set gets its field here and a line in Join
// and in empty; check passes it on in its Want, and words its change
// generically unless check's setupRules give the member a rule and
// wording of its own.
type Settings struct {
	// SignInAudience, when not empty, is the audience the app must accept:
	// signInAudience is set to it, or, in a legacy manifest that has only
	// availableToOtherTenants, that flag is set to match.
	SignInAudience string
	// RedirectURIs must be among the app's Web redirect URIs: in
	// web.redirectUris (kept in step with web.redirectUriSettings where
	// present) in the Microsoft Graph format, or as replyUrlsWithType
	// entries of type Web in the legacy format. Missing ones are appended;
	// other URIs are kept.
	RedirectURIs []string
}

// Join returns the settings of s and o together, in new slices: o's value
// where it sets one, and both lists, s's first.
func (s Settings) Join(o Settings) Settings {
	out := Settings{SignInAudience: s.SignInAudience, RedirectURIs: slices.Concat(s.RedirectURIs, o.RedirectURIs)}
	if o.SignInAudience != "" {
		out.SignInAudience = o.SignInAudience
	}
	return out
}

// empty reports whether s sets nothing: then the setup is not read.
func (s Settings) empty() bool {
	return s.SignInAudience == "" && len(s.RedirectURIs) == 0
}

// Report says what Apply did or found.
type Report struct {
	// Added lists the wanted permissions that were missing, in the wanted
	// set's order.
	Added []Permission
	// Removed lists, in Overwrite mode, the permissions the document listed
	// that are not wanted and so were dropped, in document order.
	Removed []Permission
	// Duplicates lists the permissions the document lists more than once
	// (same resource, id and type), whose repeats were dropped: Microsoft
	// Graph rejects such a list.
	Duplicates []Permission
	// EmptyEntries lists, as written (after Options.Resolve, when set), the
	// resource app ids of the entries
	// that listed no permissions and were dropped: Microsoft Graph rejects
	// an entry whose resourceAccess is empty.
	EmptyEntries []string
	// Moved lists, in Overwrite mode, the wanted permissions that a later
	// entry of their resource listed, and that moved to its first entry.
	Moved []Permission
	// Schema is the document's schema. A SchemaFragment gets no audience
	// or redirect URIs.
	Schema Schema
	// Changes lists the members other than requiredResourceAccess that
	// were set or added to, in the order Options gives them: the sign-in
	// audience, then each redirect URI added.
	Changes []Change
	// Manifest is the input as Read returns it, when Options.Read is set.
	Manifest Manifest
	// Changed reports whether the output differs from the input.
	Changed bool
}

// Paths of the members a Change names.
const (
	// PathSignInAudience names the sign-in audience, whichever member
	// says it (signInAudience, or the legacy availableToOtherTenants).
	PathSignInAudience = pathAudience
	// PathRedirectURIs names the Web redirect URIs (web.redirectUris, or
	// the legacy replyUrlsWithType entries of type Web).
	PathRedirectURIs = pathRedirectURIs
)

// A Change is one value Apply set or added outside requiredResourceAccess.
type Change struct {
	// Path names what changed: PathSignInAudience or PathRedirectURIs.
	Path string
	// Was is the value before, "" for none. For the audience it is as
	// Setup.AudienceSource words it ("AzureADMyOrg",
	// "availableToOtherTenants false"); a list's items have none.
	Was string
	// Now is the value set, or the item added to a list. An audience set
	// is the narrowest that admits both what the document admitted and
	// what was wanted, so that no kind of account is dropped; for a
	// mis-cased value, the same audience in Entra's spelling.
	Now string
}

// Change returns the first change of the value at path, if any.
func (r *Report) Change(path string) (Change, bool) {
	for _, c := range r.Changes {
		if c.Path == path {
			return c, true
		}
	}
	return Change{}, false
}

// Apply returns src with requiredResourceAccess holding want, and a report
// of what changed.
//
// In Merge mode, existing entries keep their bytes and order; missing
// permissions are appended to the first entry of their resource, and missing
// resources are appended after the existing entries. Overwrite does the
// same after removing what is not wanted.
// A missing requiredResourceAccess becomes the last member of the top-level
// object; a null one is replaced.
//
// Every byte outside the edited value is returned unchanged, and new text
// follows the document's layout. When nothing needs to change, the returned
// slice is src itself and Report.Changed is false; src is never modified.
func Apply(src []byte, want Set, opts Options) ([]byte, Report, error) {
	if opts.Mode != Merge && opts.Mode != Overwrite {
		return nil, Report{}, fmt.Errorf("manifest: unknown mode %v", opts.Mode)
	}
	w, err := normalize(want)
	if err != nil {
		return nil, Report{}, err
	}
	d, err := parse(src)
	if err != nil {
		return nil, Report{}, err
	}
	defer d.release()
	canon := opts.Canonical
	if canon == nil {
		canon = func(p Permission) Permission { return p }
	}
	rep := Report{Schema: d.schema()}
	var s *Setup // what the setup edits start from, read once
	if opts.Read {
		rep.Manifest = d.manifest()
		s = &rep.Manifest.Setup
	}
	var rewrites []edit
	if opts.Resolve != nil {
		rewrites = d.rewrite(opts.Resolve)
	}
	have := d.permissions(canon, &rep)
	edits := d.listEdits(w, have, canon, opts, &rep)
	setup, err := d.setupEdits(opts, s, &rep)
	if err != nil {
		return nil, Report{}, err
	}
	edits = append(edits, setup...)
	edits = append(edits, d.memberEdits()...)
	edits = append(edits, uncovered(rewrites, edits)...)
	if len(edits) == 0 {
		return src, rep, nil
	}
	out := d.splice(src, edits)
	rep.Changed = !bytes.Equal(out, src)
	if !rep.Changed {
		return src, rep, nil
	}
	return out, rep, nil
}

// normalize groups want by resource (first appearance first), drops repeats
// and empty resources, writes GUIDs in lower case and checks every part.
func normalize(want Set) (Set, error) {
	if normal(want) {
		return want, nil
	}
	var out Set
	for i, r := range want {
		if msg := badValue(r.ResourceAppID); msg != "" {
			return nil, &ShapeError{Path: fmt.Sprintf("want[%d].resourceAppId", i), Err: ErrShape, Msg: "resource app id " + msg}
		}
		app := lowerGUID(r.ResourceAppID)
		g := slices.IndexFunc(out, func(o Resource) bool { return strings.EqualFold(o.ResourceAppID, app) })
		for j, a := range r.ResourceAccess {
			if msg := badValue(a.ID); msg != "" {
				return nil, &ShapeError{Path: fmt.Sprintf("want[%d].resourceAccess[%d].id", i, j), Err: ErrShape, Msg: "permission id " + msg}
			}
			if !a.Type.Valid() {
				return nil, &ShapeError{Path: fmt.Sprintf("want[%d].resourceAccess[%d].type", i, j), Err: ErrShape, Msg: fmt.Sprintf("type is %q; want \"Scope\" or \"Role\"", a.Type)}
			}
			a.ID = lowerGUID(a.ID)
			if g < 0 {
				g = len(out)
				out = append(out, Resource{ResourceAppID: app})
			}
			if !slices.ContainsFunc(out[g].ResourceAccess, func(b Access) bool { return b.Type == a.Type && strings.EqualFold(b.ID, a.ID) }) {
				out[g].ResourceAccess = append(out[g].ResourceAccess, a)
			}
		}
	}
	return out, nil
}

// normal reports whether want is already as normalize would make it, as the
// built-in profiles are, so that it can be used without a copy.
func normal(want Set) bool {
	for i, r := range want {
		if len(r.ResourceAccess) == 0 || badValue(r.ResourceAppID) != "" || lowerGUID(r.ResourceAppID) != r.ResourceAppID {
			return false
		}
		for _, q := range want[:i] {
			if strings.EqualFold(q.ResourceAppID, r.ResourceAppID) {
				return false
			}
		}
		for j, a := range r.ResourceAccess {
			if badValue(a.ID) != "" || !a.Type.Valid() || lowerGUID(a.ID) != a.ID {
				return false
			}
			for _, b := range r.ResourceAccess[:j] {
				if b.Type == a.Type && strings.EqualFold(b.ID, a.ID) {
					return false
				}
			}
		}
	}
	return true
}

// badValue says what is wrong with a wanted id, or "".
func badValue(s string) string {
	switch {
	case s == "":
		return "is empty"
	case !utf8.ValidString(s):
		return fmt.Sprintf("%q is not valid UTF-8", s)
	}
	return ""
}

// edit replaces src[start:end] (offsets without the byte order mark) by text.
type edit struct {
	start, end int
	text       []byte
}

func (d *document) splice(src []byte, edits []edit) []byte {
	// An insertion sorts before a removal that starts where it stands.
	slices.SortStableFunc(edits, func(a, b edit) int { return cmp.Or(a.start-b.start, a.end-b.end) })
	// bytes.Join allocates the result once and does not zero it first.
	parts := make([][]byte, 0, 2*len(edits)+2)
	parts = append(parts, src[:d.bom])
	prev := 0
	for _, e := range edits {
		parts = append(parts, d.src[prev:e.start], e.text)
		prev = e.end
	}
	return bytes.Join(append(parts, d.src[prev:]), nil)
}

// Rewrite returns src with each resourceAppId and permission id in
// requiredResourceAccess replaced by what canon maps it to, where that
// differs: templates that name permissions ("Microsoft Graph", "User.Read")
// become GUIDs. canon is called with ID and Type empty for a resource, as
// for Options.Canonical. Only the rewritten string values change; every
// other byte is returned as it was. When nothing changes, the returned
// slice is src itself, as it is for a nil canon, which maps nothing (src
// is still read, and an error returned if it is not a manifest).
func Rewrite(src []byte, canon func(Permission) Permission) ([]byte, error) {
	d, err := parse(src)
	if err != nil {
		return nil, err
	}
	defer d.release()
	if canon == nil {
		return src, nil
	}
	edits := d.rewrite(canon)
	if len(edits) == 0 {
		return src, nil
	}
	return d.splice(src, edits), nil
}

// rewrite returns the edits that write each resourceAppId and permission
// id as canon maps it, where that differs, and records the new values in
// the document's entries, so that what is planned after sees them.
func (d *document) rewrite(canon func(Permission) Permission) []edit {
	var edits []edit
	str := func(members []member, name, value string) {
		for _, m := range members {
			if m.name == name {
				edits = append(edits, edit{m.val.start, m.val.end, appendString(nil, value)})
			}
		}
	}
	for i := range d.entries {
		e := &d.entries[i]
		app := canon(Permission{ResourceAppID: e.appID}).ResourceAppID
		for j := range e.accesses {
			a := &e.accesses[j]
			p := Permission{ResourceAppID: e.appID, ID: a.access.ID, Type: a.access.Type}
			if id := canon(p).ID; id != p.ID {
				edits = append(edits, edit{a.idOff, a.idEnd, appendString(nil, id)})
				a.access.ID = id
			}
		}
		if app != e.appID {
			str(e.members, "resourceAppId", app)
			e.appID = app
		}
	}
	return edits
}

// uncovered returns the rewrites that no other edit replaces a span
// around: a rewritten id in a permission that is removed goes with it.
// The other edits do not overlap one another, so each rewrite needs only
// the last replaced span that starts at or before it.
func uncovered(rewrites, edits []edit) []edit {
	if len(rewrites) == 0 {
		return nil
	}
	var spans []edit
	for _, e := range edits {
		if e.start < e.end {
			spans = append(spans, e)
		}
	}
	slices.SortFunc(spans, func(a, b edit) int { return a.start - b.start })
	out := rewrites[:0]
	for _, r := range rewrites {
		i, _ := slices.BinarySearchFunc(spans, r.start+1, func(e edit, t int) int { return e.start - t })
		if i > 0 && r.end <= spans[i-1].end {
			continue // inside spans[i-1], which starts at or before r
		}
		out = append(out, r)
	}
	return out
}
