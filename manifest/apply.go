package manifest

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Mode says how Apply treats the permissions a document already lists.
type Mode int

const (
	// Merge keeps every existing entry in its place and adds what is
	// missing. It is the zero value, and so the default.
	Merge Mode = iota
	// Overwrite makes requiredResourceAccess exactly the wanted set, in the
	// set's order, as the portal's manifest editor does when a snippet is
	// pasted over it.
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

	// SignInAudience, when not empty, is the audience the app must accept:
	// signInAudience is set to it, or, in a legacy manifest that has only
	// availableToOtherTenants, that flag is set to match.
	SignInAudience string
	// RedirectURIs must be among the app's Web redirect URIs: in
	// web.redirectUris (kept in step with web.redirectUriSettings where
	// present) in the Microsoft Graph format, or as replyUrlsWithType
	// entries of type Web in the legacy format. Missing ones are appended;
	// other URIs are kept. Fragments, which hold only requiredResourceAccess,
	// are left without audience and redirect URIs.
	RedirectURIs []string
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
	// (same resource, id and type). Microsoft Graph rejects such a list.
	Duplicates []Permission
	// Format is the document's format. A FormatFragment gets no audience
	// or redirect URIs.
	Format Format
	// AudienceChanged reports whether the sign-in audience was set.
	AudienceChanged bool
	// RedirectURIsAdded lists the redirect URIs that were added.
	RedirectURIsAdded []string
	// Changed reports whether the output differs from the input.
	Changed bool
}

// Apply returns src with requiredResourceAccess holding want, and a report
// of what changed.
//
// In Merge mode, existing entries keep their bytes and order; missing
// permissions are appended to the first entry of their resource, and missing
// resources are appended after the existing entries. In Overwrite mode the
// array is replaced by want, unless it already lists exactly want in order.
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
	rep := Report{Format: d.format()}
	have := d.permissions(canon, &rep)
	var edits []edit
	if opts.Mode == Merge {
		edits = d.merge(w, have, canon, opts.Spell, &rep)
	} else {
		edits = d.overwrite(w, have, canon, &rep)
	}
	setup, err := d.setupEdits(opts, &rep)
	if err != nil {
		return nil, Report{}, err
	}
	edits = append(edits, setup...)
	if len(d.newTop) > 0 {
		edits = append(edits, d.addMembers(&d.top, d.newTop))
	}
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

// permissions returns the set of permissions the document lists, in their
// canonical form, and records duplicates in rep.
func (d *document) permissions(canon func(Permission) Permission, rep *Report) map[key]bool {
	have := make(map[key]bool)
	dup := make(map[key]bool)
	for _, e := range d.entries {
		for _, a := range e.accesses {
			p := canon(Permission{ResourceAppID: e.appID, ID: a.access.ID, Type: a.access.Type})
			k := keyOf(p)
			if have[k] && !dup[k] {
				dup[k] = true
				rep.Duplicates = append(rep.Duplicates, p)
			}
			have[k] = true
		}
	}
	return have
}

func (d *document) merge(want Set, have map[key]bool, canon, spell func(Permission) Permission, rep *Report) []edit {
	var edits []edit
	var newEntries Set
	for _, r := range want {
		var missing []Access
		for _, a := range r.ResourceAccess {
			p := Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}
			if !have[keyOf(p)] {
				missing = append(missing, a)
				rep.Added = append(rep.Added, p)
			}
		}
		if len(missing) == 0 {
			continue
		}
		i := slices.IndexFunc(d.entries, func(e entryNode) bool {
			return strings.EqualFold(canon(Permission{ResourceAppID: e.appID}).ResourceAppID, r.ResourceAppID)
		})
		if i < 0 {
			newEntries = append(newEntries, Resource{ResourceAppID: r.ResourceAppID, ResourceAccess: missing})
			continue
		}
		if spell != nil && !IsGUID(d.entries[i].appID) {
			for j, a := range missing {
				missing[j].ID = spell(Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}).ID
			}
		}
		edits = append(edits, d.addAccesses(&d.entries[i], missing))
	}
	if len(newEntries) > 0 {
		if e, ok := d.addEntries(newEntries); ok {
			edits = append(edits, e)
		}
	}
	return edits
}

func (d *document) overwrite(want Set, have map[key]bool, canon func(Permission) Permission, rep *Report) []edit {
	if d.rra != nil && d.equal(want, canon) {
		return nil
	}
	wanted := make(map[key]bool)
	for _, p := range want.Permissions() {
		k := keyOf(p)
		wanted[k] = true
		if !have[k] {
			rep.Added = append(rep.Added, p)
		}
	}
	removed := make(map[key]bool)
	for _, e := range d.entries {
		for _, a := range e.accesses {
			p := canon(Permission{ResourceAppID: e.appID, ID: a.access.ID, Type: a.access.Type})
			if k := keyOf(p); !wanted[k] && !removed[k] {
				removed[k] = true
				rep.Removed = append(rep.Removed, p)
			}
		}
	}
	if d.rra != nil && len(d.rra.items) > 0 {
		st := d.styleOf(d.rra.span, d.rra.items)
		return []edit{{d.rra.start, d.rra.end, d.writeSet(nil, st, want)}}
	}
	if e, ok := d.replaceValue(want); ok {
		return []edit{e}
	}
	return nil
}

// equal reports whether the document lists exactly want, in order, once each.
func (d *document) equal(want Set, canon func(Permission) Permission) bool {
	if len(d.entries) != len(want) {
		return false
	}
	for i, e := range d.entries {
		r := want[i]
		if len(e.accesses) != len(r.ResourceAccess) {
			return false
		}
		for j, a := range e.accesses {
			w := Permission{ResourceAppID: r.ResourceAppID, ID: r.ResourceAccess[j].ID, Type: r.ResourceAccess[j].Type}
			if !canon(Permission{ResourceAppID: e.appID, ID: a.access.ID, Type: a.access.Type}).Equal(w) {
				return false
			}
		}
	}
	return true
}

// addAccesses adds missing permissions to the end of entry e's list.
func (d *document) addAccesses(e *entryNode, missing []Access) edit {
	if len(e.accesses) == 0 {
		st := d.objectStyle(e.object)
		if !st.inline {
			st = st.at(string(lineIndent(d.src, e.list.start)))
		}
		return edit{e.list.start, e.list.end, d.writeList(nil, st, missing)}
	}
	items := make([]writer, len(missing))
	for i, a := range missing {
		items[i] = func(b []byte, st style) []byte { return writeAccess(b, st, a) }
	}
	return d.appendItems(&e.list, &e.accesses[len(e.accesses)-1].object, items)
}

// addEntries adds new resource entries after the existing ones, or writes
// the whole value where there are none.
func (d *document) addEntries(set Set) (edit, bool) {
	if d.rra == nil || len(d.entries) == 0 {
		return d.replaceValue(set)
	}
	items := make([]writer, len(set))
	for i, r := range set {
		items[i] = func(b []byte, st style) []byte { return d.writeEntry(b, st, r) }
	}
	return d.appendItems(d.rra, &d.entries[len(d.entries)-1].object, items), true
}

// replaceValue writes set as the whole requiredResourceAccess value where the
// document has none to copy from: null or an empty array. For a missing key
// it queues a new top-level member and reports false.
func (d *document) replaceValue(set Set) (edit, bool) {
	switch {
	case d.rra != nil:
		return edit{d.rra.start, d.rra.end, d.writeSet(nil, d.base(d.rra.start), set)}, true
	case d.rraIdx >= 0:
		v := d.top.members[d.rraIdx].val
		return edit{v.start, v.end, d.writeSet(nil, d.base(v.start), set)}, true
	}
	d.newTop = append(d.newTop, newMember{Key, func(b []byte, st style) []byte { return d.writeSet(b, st, set) }})
	return edit{}, false
}

// writer appends one new value in style st: the style of the line the value
// starts on, or the style to write the value in when it copies a neighbour.
type writer func(b []byte, st style) []byte

// newMember is a member to add to an object.
type newMember struct {
	key string
	val writer
}

func stringWriter(s string) writer {
	return func(b []byte, _ style) []byte { return appendString(b, s) }
}

func literalWriter(s string) writer {
	return func(b []byte, _ style) []byte { return append(b, s...) }
}

func objectWriter(ms ...newMember) writer {
	return func(b []byte, st style) []byte { return writeObject(b, st, ms) }
}

// arrayWriter writes items as a new array; each item is written in the
// style of the lines it stands on.
func arrayWriter(items ...writer) writer {
	return func(b []byte, st style) []byte {
		if len(items) == 0 {
			return append(b, "[]"...)
		}
		b = st.begin(b, '[')
		for i, w := range items {
			if i > 0 {
				b = st.next(b)
			}
			b = w(b, st.child())
		}
		return st.end(b, ']')
	}
}

// writeObject appends ms as a new object in style st.
func writeObject(b []byte, st style, ms []newMember) []byte {
	b = st.begin(b, '{')
	for i, m := range ms {
		if i > 0 {
			b = st.next(b)
		}
		b = st.key(b, m.key)
		b = m.val(b, st.child())
	}
	return st.end(b, '}')
}

// appendItems returns the edit that adds items after the last item of the
// non-empty array a. Each new item copies the style of tmpl, an existing
// item, when it is an object.
func (d *document) appendItems(a *array, tmpl *object, items []writer) edit {
	sep := d.separator(a.span, a.items, tmpl)
	var st style
	if tmpl != nil {
		st = d.objectStyle(*tmpl)
	} else {
		st = d.styleOf(a.span, a.items).child()
	}
	if !st.inline && bytes.IndexByte(sep, '\n') >= 0 {
		st = st.at(indentAfter(sep))
	}
	at := a.items[len(a.items)-1].end
	var b []byte
	for _, w := range items {
		b = append(b, sep...)
		b = w(b, st)
	}
	return edit{at, at, b}
}

// addMembers returns the edit that adds ms to the object o: after its last
// member, copying the separator and indentation of its members, or as the
// whole content of an empty object.
func (d *document) addMembers(o *object, ms []newMember) edit {
	if len(o.members) == 0 {
		st := d.multiline(lineIndent(d.src, o.start))
		if d.compact() {
			st = d.objectStyle(d.top)
		}
		return edit{o.start, o.end, writeObject(nil, st, ms)}
	}
	sep := d.separator(o.span, memberSpans(o.members), nil)
	st := d.objectStyle(*o)
	if !st.inline {
		st = st.at(indentAfter(sep))
	}
	var b []byte
	for _, m := range ms {
		b = append(b, sep...)
		b = st.key(b, m.key)
		b = m.val(b, st)
	}
	at := o.members[len(o.members)-1].val.end
	return edit{at, at, b}
}

// writeSet appends set as an array in style st.
func (d *document) writeSet(b []byte, st style, set Set) []byte {
	if len(set) == 0 {
		return append(b, "[]"...)
	}
	es := d.entryStyle(st.child())
	b = st.begin(b, '[')
	for i, r := range set {
		if i > 0 {
			b = st.next(b)
		}
		b = d.writeEntry(b, es, r)
	}
	return st.end(b, ']')
}

// writeEntry appends one resource entry in style es, keys in the order
// Microsoft writes them. It and writeAccess write their members directly
// rather than through writeObject: they run once per permission written,
// and writeObject's member closures would cost two allocations each time.
func (d *document) writeEntry(b []byte, es style, r Resource) []byte {
	b = es.begin(b, '{')
	b = appendString(es.key(b, "resourceAppId"), r.ResourceAppID)
	b = es.key(es.next(b), "resourceAccess")
	b = d.writeList(b, es.child(), r.ResourceAccess)
	return es.end(b, '}')
}

// writeList appends a resourceAccess array in style ls.
func (d *document) writeList(b []byte, ls style, list []Access) []byte {
	as := d.accessStyle(ls.child())
	b = ls.begin(b, '[')
	for i, a := range list {
		if i > 0 {
			b = ls.next(b)
		}
		b = writeAccess(b, as, a)
	}
	return ls.end(b, ']')
}

func writeAccess(b []byte, as style, a Access) []byte {
	b = as.begin(b, '{')
	b = appendString(as.key(b, "id"), a.ID)
	b = appendString(as.key(as.next(b), "type"), string(a.Type))
	return as.end(b, '}')
}

// entryStyle is the style for a new entry: that of the first existing entry,
// moved to ctx's indentation, or ctx itself.
func (d *document) entryStyle(ctx style) style {
	if len(d.entries) == 0 {
		return ctx
	}
	return d.relocate(d.objectStyle(d.entries[0].object), ctx)
}

// accessStyle is the style for a new permission object: that of the first
// existing one, moved to ctx's indentation, or ctx itself.
func (d *document) accessStyle(ctx style) style {
	for _, e := range d.entries {
		if len(e.accesses) > 0 {
			return d.relocate(d.objectStyle(e.accesses[0].object), ctx)
		}
	}
	return ctx
}

// relocate moves a template style to where ctx stands. A multi-line template
// cannot stand in an inline context; ctx wins then.
func (d *document) relocate(t, ctx style) style {
	switch {
	case t.inline:
		return t
	case ctx.inline:
		return ctx
	}
	return t.at(ctx.indent)
}

// edit replaces src[start:end] (offsets without the byte order mark) by text.
type edit struct {
	start, end int
	text       []byte
}

func (d *document) splice(src []byte, edits []edit) []byte {
	slices.SortStableFunc(edits, func(a, b edit) int { return a.start - b.start })
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

// appendString appends s as a JSON string. Non-ASCII text is written as is.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// IsGUID reports whether s has the form of a GUID:
// 8-4-4-4-12 hexadecimal digits, in either case.
func IsGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isHex(s[i]) {
				return false
			}
		}
	}
	return true
}

// lowerGUID returns s in lower case when it is a GUID, and s otherwise.
func lowerGUID(s string) string {
	if IsGUID(s) {
		return strings.ToLower(s)
	}
	return s
}

// Rewrite returns src with each resourceAppId and permission id in
// requiredResourceAccess replaced by what canon maps it to, where that
// differs: templates that name permissions ("Microsoft Graph", "User.Read")
// become GUIDs. canon is called with ID and Type empty for a resource, as
// for Options.Canonical. Only the rewritten string values change; every
// other byte is returned as it was. When nothing changes, the returned
// slice is src itself.
func Rewrite(src []byte, canon func(Permission) Permission) ([]byte, error) {
	d, err := parse(src)
	if err != nil {
		return nil, err
	}
	defer d.release()
	var edits []edit
	str := func(members []member, name, value string) {
		for _, m := range members {
			if m.name == name {
				edits = append(edits, edit{m.val.start, m.val.end, appendString(nil, value)})
			}
		}
	}
	for _, e := range d.entries {
		if app := canon(Permission{ResourceAppID: e.appID}).ResourceAppID; app != e.appID {
			str(e.members, "resourceAppId", app)
		}
		for _, a := range e.accesses {
			p := Permission{ResourceAppID: e.appID, ID: a.access.ID, Type: a.access.Type}
			if id := canon(p).ID; id != p.ID {
				str(a.members, "id", id)
			}
		}
	}
	if len(edits) == 0 {
		return src, nil
	}
	return d.splice(src, edits), nil
}
