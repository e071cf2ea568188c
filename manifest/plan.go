package manifest

// The plan: what Apply changes, as edits of byte spans, worked out from the
// document and what is wanted.

import (
	"fmt"
	"slices"
	"strings"
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
// opts.RedirectURIs, recording them in rep.
func (d *document) setupEdits(opts Options, rep *Report) ([]edit, error) {
	if opts.SignInAudience == "" && len(opts.RedirectURIs) == 0 {
		return nil, nil
	}
	schema := d.schema()
	if schema == SchemaFragment {
		return nil, nil
	}
	var edits []edit
	if want := opts.SignInAudience; want != "" {
		e, err := d.audience(schema, want, rep)
		if err != nil {
			return nil, err
		}
		edits = append(edits, e...)
	}
	have := make(map[string]bool)
	for _, r := range d.setup().RedirectURIs {
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
		return edits, nil
	}
	rep.RedirectURIsAdded = missing
	var e []edit
	var err error
	if schema == SchemaLegacy {
		e, err = d.addReplyURLs(missing)
	} else {
		e, err = d.addWebRedirectURIs(missing)
	}
	return append(edits, e...), err
}

func (d *document) audience(schema Schema, want string, rep *Report) ([]edit, error) {
	var edits []edit
	m, hasAudience := d.topMember("signInAudience")
	flag, hasFlag := d.topMember("availableToOtherTenants")
	if hasAudience {
		if v, ok := d.str(m.val); !ok || v != want {
			edits = append(edits, edit{m.val.start, m.val.end, appendString(nil, want)})
		}
	}
	if hasFlag && schema == SchemaLegacy {
		multi := "false"
		if want == AzureADMultipleOrgs || want == "AzureADandPersonalMicrosoftAccount" {
			multi = "true"
		}
		if string(d.src[flag.val.start:flag.val.end]) != multi {
			edits = append(edits, edit{flag.val.start, flag.val.end, []byte(multi)})
		}
	}
	if !hasAudience && !(hasFlag && schema == SchemaLegacy) {
		d.newTop = append(d.newTop, newMember{"signInAudience", stringWriter(want)})
		rep.AudienceChanged = true
	}
	if len(edits) > 0 {
		rep.AudienceChanged = true
	}
	return edits, nil
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
	web, ok := d.topMember("web")
	if !ok {
		d.newTop = append(d.newTop, newMember{"web", objectWriter(newMember{"redirectUris", arrayWriter(items...)})})
		return nil, nil
	}
	switch d.src[web.val.start] {
	case 'n':
		st := d.base(web.val.start)
		return []edit{{web.val.start, web.val.end, writeObject(nil, st, []newMember{{"redirectUris", arrayWriter(items...)}})}}, nil
	case '{':
	default:
		return nil, d.shapeError(web.val, "web", "want an object, got %s", kind(d.src[web.val.start]))
	}
	o, _ := d.sub(web.val)
	var edits []edit
	e, err := d.addToList(&o, "web", "redirectUris", items, true)
	if err != nil {
		return nil, err
	}
	edits = append(edits, e...)
	if _, ok := d.member(o, "redirectUriSettings"); ok {
		e, err := d.addToList(&o, "web", "redirectUriSettings", settings, false)
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
	return d.addToList(&d.top, "", "replyUrlsWithType", items, true)
}

// addToList appends items to the array member name of object o (whose own
// JSON path is path), creating the member when create is set and replacing
// null or an empty array.
func (d *document) addToList(o *object, path, name string, items []writer, create bool) ([]edit, error) {
	full := name
	if path != "" {
		full = path + "." + name
	}
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
	switch d.src[m.val.start] {
	case 'n':
	case '[':
		_, a := d.sub(m.val)
		if len(a.items) > 0 {
			var tmpl *object
			if last := a.items[len(a.items)-1]; d.src[last.start] == '{' {
				t, _ := d.sub(last)
				tmpl = &t
			}
			return []edit{d.appendItems(&a, tmpl, items)}, nil
		}
	default:
		return nil, d.shapeError(m.val, full, "want an array, got %s", kind(d.src[m.val.start]))
	}
	return []edit{{m.val.start, m.val.end, arrayWriter(items...)(nil, d.base(m.val.start))}}, nil
}

func (d *document) shapeError(s span, path, format string, args ...any) error {
	return &ShapeError{Path: path, Pos: position(d.src, s.start, d.bom), Err: ErrShape, Msg: fmt.Sprintf(format, args...)}
}
