package manifest

// The plan: what Apply changes, as edits of byte spans, worked out from the
// document and what is wanted.

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// listed is what the document lists: each permission in its canonical
// form, in document order, and where each identity is listed first. One
// map serves the plan's questions (is a wanted permission listed; is this
// listing a repeat), so that a list of a million permissions is held
// twice, not three times.
type listed struct {
	perms []Permission
	// first is the index in perms of each identity's first listing;
	// ^index once the identity has been reported as repeated.
	first map[identity]int
}

// has reports whether the document lists the permission whose identity is k.
func (l listed) has(k identity) bool {
	_, ok := l.first[k]
	return ok
}

// repeat reports whether perms[i], whose identity is k, repeats an
// earlier listing.
func (l listed) repeat(i int, k identity) bool {
	at := l.first[k]
	if at < 0 {
		at = ^at
	}
	return at < i
}

// permissions returns what the document lists, the permissions in their
// canonical form, and records duplicates in rep. Each permission is mapped
// here once, for every step of the plan that follows.
func (d *document) permissions(canon func(Permission) Permission, rep *Report) listed {
	n := 0
	for _, e := range d.entries {
		n += len(e.accesses)
	}
	l := listed{perms: make([]Permission, 0, n), first: make(map[identity]int, n)}
	for _, e := range d.entries {
		for _, a := range e.accesses {
			p := canon(Permission{ResourceAppID: e.appID, ID: a.access.ID, Type: a.access.Type})
			k := identityOf(p)
			switch at, ok := l.first[k]; {
			case !ok:
				l.first[k] = len(l.perms)
			case at >= 0: // the first repeat: reported once
				l.first[k] = ^at
				rep.Duplicates = append(rep.Duplicates, p)
			}
			l.perms = append(l.perms, p)
		}
	}
	return l
}

// listEdits plans the requiredResourceAccess edits. In both modes what
// Microsoft Graph rejects is removed: the repeats of a permission (its
// first listing stays) and the entries that are left with none, or had
// none. Each wanted permission the document lacks is added to the first
// entry of its resource, written by name where that entry names its
// resource and opts.Spell is set, or to a new entry after the others. In
// Overwrite mode the permissions that are not wanted are removed too, and
// a wanted permission listed in a later entry of its resource moves to the
// first, so that each resource has one entry. What is removed goes with
// its separators; everything that stays keeps its bytes and place.
func (d *document) listEdits(want Set, have listed, canon func(Permission) Permission, opts Options, rep *Report) []edit {
	first := make(map[string]int) // canonical resource app id: its first entry
	apps := make([]string, len(d.entries))
	for i, e := range d.entries {
		apps[i] = lower(canon(Permission{ResourceAppID: e.appID}).ResourceAppID)
		if _, ok := first[apps[i]]; !ok {
			first[apps[i]] = i
		}
	}
	adds := make([][]Access, len(d.entries))
	var newEntries Set
	for _, r := range want {
		var missing []Access
		for _, a := range r.ResourceAccess {
			p := Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}
			if !have.has(identityOf(p)) {
				missing = append(missing, a)
				rep.Added = append(rep.Added, p)
			}
		}
		if len(missing) == 0 {
			continue
		}
		i, ok := first[lower(r.ResourceAppID)]
		if !ok {
			newEntries = append(newEntries, Resource{ResourceAppID: r.ResourceAppID, ResourceAccess: missing})
			continue
		}
		adds[i] = d.spell(i, missing, r.ResourceAppID, opts)
	}
	keep, keepAccess := d.keep(want, have, apps, first, adds, opts, rep)
	var edits []edit
	for i := range d.entries {
		if !keep[i] {
			continue
		}
		edits = append(edits, d.addAccesses(&d.entries[i], keepAccess[i], adds[i])...)
	}
	return append(edits, d.addEntries(keep, newEntries)...)
}

// spell writes the permissions to add to entry i by name where the entry
// names its resource and opts.Spell is set, as its neighbours are.
func (d *document) spell(i int, list []Access, app string, opts Options) []Access {
	if opts.Spell == nil || IsGUID(d.entries[i].appID) {
		return list
	}
	out := make([]Access, len(list))
	for j, a := range list {
		out[j] = Access{ID: opts.Spell(Permission{ResourceAppID: app, ID: a.ID, Type: a.Type}).ID, Type: a.Type}
	}
	return out
}

// keep marks the entries and permissions that stay: the first listing of
// each permission (in Overwrite mode, of each wanted one, in the first
// entry of its resource), and the entries that keep one or receive adds.
// In Overwrite mode a wanted permission listed only in a later entry of
// its resource is added to the first (adds grows), and what is not wanted
// is recorded in rep as removed.
func (d *document) keep(want Set, have listed, apps []string, first map[string]int, adds [][]Access, opts Options, rep *Report) ([]bool, [][]bool) {
	var wanted map[identity]bool
	if opts.Mode == Overwrite {
		wanted = make(map[identity]bool)
		for _, r := range want {
			for _, a := range r.ResourceAccess {
				wanted[identityOf(Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type})] = true
			}
		}
	}
	flat := make([]bool, len(have.perms))
	keep := make([]bool, len(d.entries))
	keepAccess := make([][]bool, len(d.entries))
	at := 0 // the index of the permission in have
	for i, e := range d.entries {
		keepAccess[i], flat = flat[:len(e.accesses):len(e.accesses)], flat[len(e.accesses):]
		for j := range e.accesses {
			p := have.perms[at]
			k := identityOf(p)
			repeat := have.repeat(at, k)
			at++
			switch {
			case repeat:
			case wanted != nil && !wanted[k]:
				rep.Removed = append(rep.Removed, p) // removed once, reported once
			case wanted != nil && first[apps[i]] != i:
				// Overwrite leaves one entry per resource: the permission
				// moves to the first.
				f := first[apps[i]]
				adds[f] = append(adds[f], d.spell(f, []Access{{ID: p.ID, Type: p.Type}}, p.ResourceAppID, opts)...)
				rep.Moved = append(rep.Moved, p)
			default:
				keepAccess[i][j], keep[i] = true, true
			}
		}
	}
	for i := range keep {
		keep[i] = keep[i] || len(adds[i]) > 0
		if !keep[i] && len(d.entries[i].accesses) == 0 {
			rep.EmptyEntries = append(rep.EmptyEntries, d.entries[i].appID)
		}
	}
	return keep, keepAccess
}

// setupEdits plans the edits that give the document what opts wants of
// its setup, by calling the planner of each member fields declares one
// for, in their order, and records what they change in rep. read is the
// document's setup when the caller has read it already, or nil. A
// fragment has no setup to edit.
func (d *document) setupEdits(opts Options, read *Setup, rep *Report) ([]edit, error) {
	if opts.Settings.empty() {
		return nil, nil // the setup is not read
	}
	var s Setup
	if read != nil {
		s = *read
	} else {
		s = d.readSetup(false)
	}
	if s.Schema == SchemaFragment {
		return nil, nil
	}
	var edits []edit
	var changes []Change // allocated only when something changes
	for i := range fields {
		if plan := fields[i].plan; plan != nil {
			e, c, err := plan(d, opts.Settings, s, changes)
			if err != nil {
				return nil, err
			}
			edits, changes = append(edits, e...), c
		}
	}
	rep.Changes = changes
	return edits, nil
}

// A planner plans the edits of one member for what want sets it to, in a
// document whose setup is s, and returns changes with what they change
// appended. It takes its arguments by value, so that calling it through
// the table allocates nothing.
type planner func(d *document, want Settings, s Setup, changes []Change) ([]edit, []Change, error)

// planAudience gives the document want.SignInAudience (audience).
func planAudience(d *document, want Settings, s Setup, changes []Change) ([]edit, []Change, error) {
	if want.SignInAudience == "" {
		return nil, changes, nil
	}
	// The members that say the audience must say it as Microsoft Graph
	// reads them: a number is not an audience to widen, or to overwrite.
	if err := d.checkType(pathAudience, gjson.String, "a string, such as "+want.SignInAudience); err != nil {
		return nil, nil, err
	}
	if err := d.checkType(pathOtherTenants, gjson.True, "true or false"); err != nil {
		return nil, nil, err
	}
	e, c, ok := d.audience(s, want.SignInAudience)
	if ok {
		changes = append(changes, c)
	}
	return e, changes, nil
}

// planRedirectURIs adds the redirect URIs of want.RedirectURIs the
// document lacks: to web.redirectUris, or to the legacy replyUrlsWithType.
func planRedirectURIs(d *document, want Settings, s Setup, changes []Change) ([]edit, []Change, error) {
	if len(want.RedirectURIs) == 0 {
		return nil, changes, nil
	}
	if err := d.checkURIs(s.Schema); err != nil {
		return nil, nil, err
	}
	have := make(map[string]bool)
	for _, r := range s.RedirectURIs {
		have[r.URI] = true
	}
	var missing []string
	for _, u := range want.RedirectURIs {
		if !have[u] {
			have[u] = true
			missing = append(missing, u)
		}
	}
	if len(missing) == 0 {
		return nil, changes, nil
	}
	for _, u := range missing {
		changes = append(changes, Change{Path: PathRedirectURIs, Now: u})
	}
	var e []edit
	var err error
	if s.Schema == SchemaLegacy {
		e, err = d.addReplyURLs(missing)
	} else {
		e, err = d.addWebRedirectURIs(missing)
	}
	return e, changes, err
}

// audience plans giving the document an audience that admits what want
// admits, unless it does already (Setup.Admits); an audience that does,
// but in another case than Entra's documented spelling, is rewritten in
// that spelling. No kind of account the
// document admitted is dropped: the audience set is the narrowest that
// admits both (PersonalMicrosoftAccount and AzureADMultipleOrgs make
// AzureADandPersonalMicrosoftAccount). signInAudience is set where
// present, and availableToOtherTenants, where present, set to agree; where
// signInAudience is absent it is added, unless the flag alone can say the
// audience.
//
// The values are replaced by splicing at the spans the scanner recorded.
// sjson.SetRawBytes would find them again from the top of the document
// and copy it once per value: on the 5 KB benchmark manifest that made
// BenchmarkApply/setup a third slower (README, Design notes).
func (d *document) audience(s Setup, want string) ([]edit, Change, bool) {
	now := ""
	switch had := AudienceOf(s.SignInAudience); {
	case !s.Admits(want):
		now = (AudienceOf(s.Audience()) | AudienceOf(want)).Audience()
	case had != 0 && had.Audience() != s.SignInAudience:
		// Admitted, but spelt in another case than Entra documents: the
		// same audience, in its documented spelling.
		now = had.Audience()
	default:
		return nil, Change{}, false
	}
	if now == "" {
		now = want // not an audience: written as asked
	}
	var edits []edit
	aud, hasAudience := d.topMember(pathAudience)
	if hasAudience {
		edits = append(edits, edit{aud.val.start, aud.val.end, appendString(nil, now)})
	}
	flag, hasFlag := d.topMember(pathOtherTenants)
	if hasFlag {
		edits = append(edits, edit{flag.val.start, flag.val.end, []byte(strconv.FormatBool(multiTenant(now)))})
	}
	if !hasAudience && !(hasFlag && (now == AzureADMyOrg || now == AzureADMultipleOrgs)) {
		d.addMember("", newMember{pathAudience, stringWriter(now)})
	}
	return edits, Change{Path: PathSignInAudience, Was: s.AudienceSource(), Now: now}, true
}

// addWebRedirectURIs adds uris to web.redirectUris, creating what is
// missing, and keeps web.redirectUriSettings, where present, in step.
func (d *document) addWebRedirectURIs(uris []string) ([]edit, error) {
	items := make([]writer, len(uris))
	settings := make([]writer, len(uris))
	for i, u := range uris {
		items[i] = stringWriter(u)
		settings[i] = objectWriter(newMember{"uri", stringWriter(u)}, newMember{"index", literalWriter("null")})
	}
	web, ok := d.lookup(pathWeb)
	switch {
	case !ok || web.Type == gjson.Null:
		d.addMember(pathWeb, newMember{"redirectUris", arrayWriter(items...)})
		return nil, nil
	case !web.IsObject():
		return nil, d.shapeError(web.span(), pathWeb, "want an object, got %s", kind(web.Raw[0]))
	}
	o := web.object()
	var edits []edit
	e, err := d.addToList(&o, pathWeb, pathRedirectURIs, items, true)
	if err != nil {
		return nil, err
	}
	edits = append(edits, e...)
	if _, ok := d.member(o, "redirectUriSettings"); ok {
		e, err := d.addToList(&o, pathWeb, pathURISettings, settings, false)
		if err != nil {
			return nil, err
		}
		edits = append(edits, e...)
	}
	return edits, nil
}

// addReplyURLs adds uris to the legacy replyUrlsWithType as Web entries.
func (d *document) addReplyURLs(uris []string) ([]edit, error) {
	items := make([]writer, len(uris))
	for i, u := range uris {
		items[i] = objectWriter(newMember{"url", stringWriter(u)}, newMember{"type", stringWriter("Web")})
	}
	return d.addToList(&d.top, "", pathReplyURLs, items, true)
}

// addToList appends items to the array at path, a member of object o at
// parent ("" for the top level), creating the member when create is set
// and replacing null or an empty array. A list in an object that sits on
// one line is written on one line.
func (d *document) addToList(o *object, parent, path string, items []writer, create bool) ([]edit, error) {
	name := path[strings.LastIndexByte(path, '.')+1:]
	m, ok := d.member(*o, name)
	if !ok {
		if create {
			d.addMember(parent, newMember{name, arrayWriter(items...)})
		}
		return nil, nil
	}
	v := d.valueAt(m.val)
	switch {
	case v.Type == gjson.Null:
	case v.IsArray():
		if a := v.array(); len(a.items) > 0 {
			var tmpl *object
			if last := d.valueAt(a.items[len(a.items)-1]); last.IsObject() {
				t := last.object()
				tmpl = &t
			}
			return []edit{d.appendItems(&a, len(a.items)-1, tmpl, items)}, nil
		}
	default:
		return nil, d.shapeError(m.val, path, "want an array, got %s", kind(d.src[m.val.start]))
	}
	st := d.base(m.val.start)
	if bytes.IndexByte(d.src[o.start:o.end], '\n') < 0 {
		st = d.objectStyle(*o)
	}
	return []edit{{m.val.start, m.val.end, arrayWriter(items...)(nil, st)}}, nil
}

// memberAdds are the members to add to one object: the top-level object
// (parent ""), or the object of a top-level member.
type memberAdds struct {
	parent string
	ms     []newMember
}

// addMember queues m to be added to the object at parent: "" for the
// top-level object, or the name of a top-level member, which is created,
// once, with every member queued for it, where the document lacks it or
// has null. Planners that each add to the same missing object so share
// one. A planner checks first that parent, where present, is an object or
// null (addWebRedirectURIs refuses anything else with a ShapeError).
func (d *document) addMember(parent string, m newMember) {
	for i := range d.adds {
		if d.adds[i].parent == parent {
			d.adds[i].ms = append(d.adds[i].ms, m)
			return
		}
	}
	d.adds = append(d.adds, memberAdds{parent, []newMember{m}})
}

// memberEdits writes the queued members: into each object that exists,
// as a replacement of one that is null, and the rest, with the objects
// that are missing, as new top-level members in the order first queued.
func (d *document) memberEdits() []edit {
	var top []newMember
	var edits []edit
	for _, a := range d.adds {
		if a.parent == "" {
			top = append(top, a.ms...)
		}
	}
	for _, a := range d.adds {
		if a.parent == "" {
			continue
		}
		switch v, ok := d.lookup(a.parent); {
		case !ok:
			top = append(top, newMember{a.parent, objectWriter(a.ms...)})
		case v.Type == gjson.Null:
			edits = append(edits, edit{v.start(), v.span().end, writeObject(nil, d.base(v.start()), a.ms)})
		default:
			o := v.object()
			edits = append(edits, d.addMembers(&o, a.ms))
		}
	}
	if len(top) > 0 {
		edits = append(edits, d.addMembers(&d.top, top))
	}
	return edits
}

// checkType refuses the member at path, when the document has it, if it
// is neither null nor of type typ (gjson.True standing for either
// boolean); want words what it should be.
func (d *document) checkType(path string, typ gjson.Type, want string) error {
	v, ok := d.lookup(path)
	if !ok || v.Type == gjson.Null || v.Type == typ || typ == gjson.True && v.Type == gjson.False {
		return nil
	}
	return d.shapeError(v.span(), path, "want %s, got %s", want, kind(v.Raw[0]))
}

// checkURIs refuses a list of redirect URIs Apply would add to that holds
// what is not a URI: a number in web.redirectUris, a replyUrlsWithType
// entry without a string url. A list that is not an array is refused
// where the URIs are added.
func (d *document) checkURIs(schema Schema) error {
	path, member := pathRedirectURIs, ""
	if schema == SchemaLegacy {
		path, member = pathReplyURLs, "url"
	}
	list, ok := d.lookup(path)
	if !ok || !list.IsArray() {
		return nil
	}
	var err error
	list.items(func(i int, it value) {
		at := path + "[" + strconv.Itoa(i) + "]"
		switch {
		case err != nil:
		case member == "" && it.Type != gjson.String:
			err = d.shapeError(it.span(), at, "want a redirect URI, a string; got %s", kind(it.Raw[0]))
		case member != "" && !it.IsObject():
			err = d.shapeError(it.span(), at, "want an object with a url; got %s", kind(it.Raw[0]))
		case member != "" && it.get(member).Exists() && it.get(member).Type != gjson.String:
			u := it.get(member)
			err = d.shapeError(u.span(), at+"."+member, "want a redirect URI, a string; got %s", kind(u.Raw[0]))
		}
	})
	return err
}

func (d *document) shapeError(s span, path, format string, args ...any) error {
	return &ShapeError{Path: path, Pos: position(d.src, s.start, d.bom), Err: ErrShape, Msg: fmt.Sprintf(format, args...)}
}
