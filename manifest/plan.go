package manifest

// The plan: what Apply changes, as edits of byte spans, worked out from the
// document and what is wanted.

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// permissions returns the set of permissions the document lists, in their
// canonical form, and records duplicates in rep.
func (d *document) permissions(canon func(Permission) Permission, rep *Report) map[identity]bool {
	have := make(map[identity]bool)
	dup := make(map[identity]bool)
	for _, e := range d.entries {
		for _, a := range e.accesses {
			p := canon(Permission{ResourceAppID: e.appID, ID: a.access.ID, Type: a.access.Type})
			k := identityOf(p)
			if have[k] && !dup[k] {
				dup[k] = true
				rep.Duplicates = append(rep.Duplicates, p)
			}
			have[k] = true
		}
	}
	return have
}

func (d *document) merge(want Set, have map[identity]bool, canon, spell func(Permission) Permission, rep *Report) []edit {
	var edits []edit
	var newEntries Set
	for _, r := range want {
		var missing []Access
		for _, a := range r.ResourceAccess {
			p := Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}
			if !have[identityOf(p)] {
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

func (d *document) overwrite(want Set, have map[identity]bool, canon func(Permission) Permission, rep *Report) []edit {
	if d.rra != nil && d.equal(want, canon) {
		return nil
	}
	wanted := make(map[identity]bool)
	for _, p := range want.Permissions() {
		k := identityOf(p)
		wanted[k] = true
		if !have[k] {
			rep.Added = append(rep.Added, p)
		}
	}
	removed := make(map[identity]bool)
	for _, e := range d.entries {
		for _, a := range e.accesses {
			p := canon(Permission{ResourceAppID: e.appID, ID: a.access.ID, Type: a.access.Type})
			if k := identityOf(p); !wanted[k] && !removed[k] {
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

// setupEdits plans the edits that give the document opts.SignInAudience and
// opts.RedirectURIs, recording them in rep. Scalars to replace are
// returned apart, as sets.
func (d *document) setupEdits(opts Options, rep *Report) ([]edit, []set, error) {
	if opts.SignInAudience == "" && len(opts.RedirectURIs) == 0 {
		return nil, nil, nil
	}
	s := d.setup()
	if s.Schema == SchemaFragment {
		return nil, nil, nil
	}
	var sets []set
	if want := opts.SignInAudience; want != "" {
		sets = d.audience(s, want, rep)
	}
	have := make(map[string]bool)
	for _, r := range s.RedirectURIs {
		have[r.URI] = true
	}
	var missing []string
	for _, u := range opts.RedirectURIs {
		if !have[u] {
			have[u] = true
			missing = append(missing, u)
		}
	}
	if len(missing) == 0 {
		return nil, sets, nil
	}
	rep.RedirectURIsAdded = missing
	var edits []edit
	var err error
	if s.Schema == SchemaLegacy {
		edits, err = d.addReplyURLs(missing)
	} else {
		edits, err = d.addWebRedirectURIs(missing)
	}
	return edits, sets, err
}

// set replaces the existing scalar at a path with raw JSON.
type set struct {
	path string
	raw  []byte
}

// audience plans giving the document the audience want, unless it admits
// it already (Setup.Admits): signInAudience is set where present, and
// availableToOtherTenants, where present, set to agree; where
// signInAudience is absent it is added, unless the flag alone says want.
func (d *document) audience(s Setup, want string, rep *Report) []set {
	rep.AudienceWas = s.AudienceSource()
	if s.Admits(want) {
		return nil
	}
	rep.AudienceChanged = true
	var sets []set
	_, hasAudience := d.topMember(pathAudience)
	_, hasFlag := d.topMember(pathOtherTenants)
	if hasAudience {
		sets = append(sets, set{pathAudience, appendString(nil, want)})
	}
	if hasFlag {
		sets = append(sets, set{pathOtherTenants, []byte(strconv.FormatBool(multiTenant(want)))})
	}
	if !hasAudience && !(hasFlag && (want == AzureADMyOrg || want == AzureADMultipleOrgs)) {
		d.newTop = append(d.newTop, newMember{pathAudience, stringWriter(want)})
	}
	return sets
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
	if !ok {
		d.newTop = append(d.newTop, newMember{pathWeb, objectWriter(newMember{"redirectUris", arrayWriter(items...)})})
		return nil, nil
	}
	switch {
	case web.Type == gjson.Null:
		return []edit{{web.start(), web.span().end, writeObject(nil, d.base(web.start()), []newMember{{"redirectUris", arrayWriter(items...)}})}}, nil
	case !web.IsObject():
		return nil, d.shapeError(web.span(), pathWeb, "want an object, got %s", kind(web.Raw[0]))
	}
	o := web.object()
	var edits []edit
	e, err := d.addToList(&o, pathRedirectURIs, items, true)
	if err != nil {
		return nil, err
	}
	edits = append(edits, e...)
	if _, ok := d.member(o, "redirectUriSettings"); ok {
		e, err := d.addToList(&o, pathURISettings, settings, false)
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
	return d.addToList(&d.top, pathReplyURLs, items, true)
}

// addToList appends items to the array at path, a member of object o,
// creating the member when create is set and replacing null or an empty
// array. A list in an object that sits on one line is written on one
// line.
func (d *document) addToList(o *object, path string, items []writer, create bool) ([]edit, error) {
	name := path[strings.LastIndexByte(path, '.')+1:]
	m, ok := d.member(*o, name)
	if !ok {
		if !create {
			return nil, nil
		}
		ms := []newMember{{name, arrayWriter(items...)}}
		if o == &d.top {
			d.newTop = append(d.newTop, ms...)
			return nil, nil
		}
		return []edit{d.addMembers(o, ms)}, nil
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
			return []edit{d.appendItems(&a, tmpl, items)}, nil
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

func (d *document) shapeError(s span, path, format string, args ...any) error {
	return &ShapeError{Path: path, Pos: position(d.src, s.start, d.bom), Err: ErrShape, Msg: fmt.Sprintf(format, args...)}
}
