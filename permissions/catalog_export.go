package permissions

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/manifestpatch/manifestpatch/internal/wording"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions/internal/ident"
)

// Export is what a service principal export from the user's own tenant
// says of one or more resource applications: their names and the
// permissions they publish. ParseExport reads one; Catalog.With lays it
// over a catalog.
type Export struct {
	// Name is what the catalog calls the export in Resource.Export and
	// Version, such as its file name; "export" when empty. ParseExport
	// leaves it empty; the caller may set it.
	Name      string
	resources []exported
}

// exported is one service principal of an export.
type exported struct {
	appID, name string
	namePos     manifest.Position // where displayName's value is
	perms       []Permission      // in catalog order
	// at says where each permission's id is, and its JSON path, parallel
	// to perms.
	at []place
}

// place is where a value is in an export.
type place struct {
	pos  manifest.Position
	path string
}

// Resources returns the resource applications the export lists, in its
// order, each with its application id and display name; none for a nil
// Export.
func (e *Export) Resources() []Resource {
	if e == nil {
		return nil
	}
	out := make([]Resource, len(e.resources))
	for i, r := range e.resources {
		out[i] = Resource{AppID: r.appID, Name: r.name, Complete: true, Export: e.Name}
	}
	return out
}

// maxExportDepth bounds the nesting ParseExport reads. Service principal
// exports nest five or six levels.
const maxExportDepth = 64

// ParseExport reads a service principal export, in any of the shapes the
// usual tools write:
//
//   - az ad sp show --id APPID (appId, displayName, oauth2PermissionScopes,
//     appRoles), or the older az output with oauth2Permissions;
//   - Get-MgServicePrincipal … | ConvertTo-Json -Depth 5 (the same members
//     in PascalCase: AppId, Oauth2PermissionScopes, AppRoles, …), in UTF-8
//     or, as Windows PowerShell writes files, UTF-16;
//   - a Microsoft Graph servicePrincipals response ({"value": [...]}) or a
//     bare array of service principals (az ad sp list);
//   - Microsoft Graph beta's publishedPermissionScopes.
//
// Member names match regardless of case. A scope's consent comes from its
// type (Admin or User) and its description from adminConsentDisplayName;
// app roles that applications cannot be granted (allowedMemberTypes without
// Application) and entries without a value are left out. Errors are
// positioned (manifest.Positioned), as a manifest's are: a
// *manifest.SyntaxError for text that is not JSON, UTF-8 or UTF-16, and a
// *manifest.ShapeError, with the JSON path, for a value that is not what
// an export holds there.
func ParseExport(data []byte) (*Export, error) {
	src, base, err := exportText(data)
	if err != nil {
		return nil, err
	}
	p := exportParser{src: src, base: base}
	root, err := p.parse()
	if err != nil {
		return nil, err
	}
	var sps []*jsonNode
	var paths []string
	switch {
	case root.kind == '[':
		for i, el := range root.elems {
			sps, paths = append(sps, el), append(paths, fmt.Sprintf("[%d]", i))
		}
	case root.kind == '{' && root.member("value") != nil && root.member("appId") == nil:
		list := root.member("value")
		if list.kind != '[' {
			return nil, p.fail(list, "value", "want an array of service principals")
		}
		for i, el := range list.elems {
			sps, paths = append(sps, el), append(paths, fmt.Sprintf("value[%d]", i))
		}
	case root.kind == '{':
		sps, paths = []*jsonNode{root}, []string{""}
	default:
		return nil, p.fail(root, "", "want a service principal object, a list of them, or a {\"value\": [...]} response")
	}
	if len(sps) == 0 {
		return nil, p.fail(root, "", "lists no service principal")
	}
	e := &Export{}
	seen := make(map[string]string)
	for i, sp := range sps {
		r, err := p.servicePrincipal(sp, paths[i])
		if err != nil {
			return nil, err
		}
		if at, ok := seen[r.appID]; ok {
			return nil, p.fail(sp.member("appId"), join(paths[i], "appId"), fmt.Sprintf("%s is listed twice (first at %s)", r.appID, at))
		}
		seen[r.appID] = join(paths[i], "appId")
		e.resources = append(e.resources, r)
	}
	return e, nil
}

// exportText returns data as UTF-8 without a byte order mark, and the
// number of bytes the mark took, for positions; or a *manifest.SyntaxError for
// text that is not UTF-8 or UTF-16: an invalid UTF-8 byte, an odd number
// of UTF-16 bytes, an unpaired surrogate, UTF-32.
func exportText(data []byte) ([]byte, int, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe, 0, 0}), bytes.HasPrefix(data, []byte{0, 0, 0xfe, 0xff}):
		return nil, 0, &manifest.SyntaxError{Pos: manifest.Position{Line: 1, Column: 1}, Msg: "the file is UTF-32, which is not read; save it as UTF-8", Err: manifest.ErrSyntax}
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		return data[3:], 3, checkUTF8(data[3:], 3)
	case len(data) >= 2 && (data[0] == 0xff && data[1] == 0xfe || data[0] == 0xfe && data[1] == 0xff):
		// UTF-16, as Windows PowerShell's > and Out-File write. Positions
		// then count bytes of the UTF-8 text.
		if len(data)%2 != 0 {
			return nil, 0, &manifest.SyntaxError{Pos: manifest.Position{Offset: len(data) - 1, Line: 1, Column: 1},
				Msg: fmt.Sprintf("the file is UTF-16 but has an odd number of bytes (%d): it is cut short or not UTF-16", len(data)), Err: manifest.ErrSyntax}
		}
		le := data[0] == 0xff
		units := make([]uint16, 0, len(data)/2)
		for i := 2; i+1 < len(data); i += 2 {
			if le {
				units = append(units, uint16(data[i])|uint16(data[i+1])<<8)
			} else {
				units = append(units, uint16(data[i])<<8|uint16(data[i+1]))
			}
		}
		b := make([]byte, 0, len(units))
		for i := 0; i < len(units); i++ {
			r := rune(units[i])
			switch {
			case utf16.IsSurrogate(r) && r < 0xdc00 && i+1 < len(units) && units[i+1] >= 0xdc00 && units[i+1] < 0xe000:
				r = utf16.DecodeRune(r, rune(units[i+1]))
				i++
			case utf16.IsSurrogate(r):
				return nil, 0, (&exportParser{src: b}).syntax(len(b), fmt.Sprintf("an unpaired UTF-16 surrogate (U+%04X): the file is not valid UTF-16", r))
			}
			b = utf8.AppendRune(b, r)
		}
		return b, 0, nil
	}
	return data, 0, checkUTF8(data, 0)
}

// checkUTF8 returns a *manifest.SyntaxError at the first byte of src that is not
// UTF-8: encoding/json would read it as U+FFFD and say nothing.
func checkUTF8(src []byte, base int) error {
	if utf8.Valid(src) {
		return nil
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			p := exportParser{src: src, base: base}
			return p.syntax(i, fmt.Sprintf("byte 0x%02x is not UTF-8; save the file as UTF-8", src[i]))
		}
		i += n
	}
	return nil
}

func join(path, member string) string {
	if path == "" {
		return member
	}
	return path + "." + member
}

// servicePrincipal reads one service principal object.
func (p *exportParser) servicePrincipal(sp *jsonNode, path string) (exported, error) {
	if sp.kind != '{' {
		return exported{}, p.fail(sp, path, "want a service principal object")
	}
	app := sp.member("appId")
	if app == nil {
		return exported{}, p.fail(sp, path, "no appId: not a service principal (export one with az ad sp show --id APPID)")
	}
	if app.kind != 's' || !manifest.IsGUID(app.str) {
		return exported{}, p.fail(app, join(path, app.key), "appId is not a GUID")
	}
	r := exported{appID: strings.ToLower(app.str)}
	if n := sp.member("displayName"); n != nil && n.kind == 's' {
		r.name, r.namePos = strings.TrimSpace(n.str), p.pos(n.off)
	}
	lists := 0
	type key struct {
		id  string
		typ manifest.Type
	}
	seen := make(map[key]string)
	add := func(list *jsonNode, listPath string, typ manifest.Type) error {
		lists++
		if list.kind == 'z' { // null: none
			return nil
		}
		if list.kind != '[' {
			return p.fail(list, listPath, "want an array")
		}
		for i, el := range list.elems {
			at := fmt.Sprintf("%s[%d]", listPath, i)
			perm, ok, err := p.permission(el, at, typ)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			k := key{perm.ID, typ}
			if first, dup := seen[k]; dup {
				return p.fail(el.member("id"), at+".id", fmt.Sprintf("%s is listed twice (first at %s)", perm.ID, first))
			}
			seen[k] = at + ".id"
			perm.ResourceAppID = r.appID
			r.perms = append(r.perms, perm)
			r.at = append(r.at, place{p.pos(el.member("id").off), at + "." + el.member("id").key})
		}
		return nil
	}
	for _, name := range []string{"oauth2PermissionScopes", "publishedPermissionScopes", "oauth2Permissions"} {
		if list := sp.member(name); list != nil {
			if err := add(list, join(path, list.key), manifest.Scope); err != nil {
				return exported{}, err
			}
		}
	}
	// An application object (az ad app show) keeps its scopes under api.
	if api := sp.member("api"); api != nil && api.kind == '{' {
		if list := api.member("oauth2PermissionScopes"); list != nil {
			if err := add(list, join(join(path, api.key), list.key), manifest.Scope); err != nil {
				return exported{}, err
			}
		}
	}
	if list := sp.member("appRoles"); list != nil {
		if err := add(list, join(path, list.key), manifest.Role); err != nil {
			return exported{}, err
		}
	}
	if lists == 0 {
		return exported{}, p.fail(sp, path, "no oauth2PermissionScopes, appRoles or oauth2Permissions: not a service principal export")
	}
	order := make([]int, len(r.perms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return comparePermissions(r.perms[a], r.perms[b]) })
	perms, at := make([]Permission, len(order)), make([]place, len(order))
	for i, j := range order {
		perms[i], at[i] = r.perms[j], r.at[j]
	}
	r.perms, r.at = perms, at
	return r, nil
}

// comparePermissions orders permissions as the generated tables do.
func comparePermissions(a, b Permission) int {
	return ident.ComparePermissions(a.Value, string(a.Type), a.ID, b.Value, string(b.Type), b.ID)
}

// permission reads one scope or app role; ok is false for one the catalog
// leaves out.
func (p *exportParser) permission(el *jsonNode, path string, typ manifest.Type) (Permission, bool, error) {
	if el.kind != '{' {
		return Permission{}, false, p.fail(el, path, "want an object")
	}
	id := el.member("id")
	if id == nil {
		return Permission{}, false, p.fail(el, path, "no id")
	}
	if id.kind != 's' || !manifest.IsGUID(id.str) {
		return Permission{}, false, p.fail(id, join(path, id.key), "id is not a GUID")
	}
	perm := Permission{ID: strings.ToLower(id.str), Type: typ, Enabled: true}
	if v := el.member("value"); v != nil && v.kind == 's' {
		perm.Value = strings.TrimSpace(v.str)
	}
	if perm.Value == "" {
		return Permission{}, false, nil
	}
	if en := el.member("isEnabled"); en != nil {
		if en.kind != 'b' {
			return Permission{}, false, p.fail(en, join(path, en.key), "isEnabled is not true or false")
		}
		perm.Enabled = en.b
	}
	str := func(name string) string {
		if n := el.member(name); n != nil && n.kind == 's' {
			return strings.TrimSpace(n.str)
		}
		return ""
	}
	if typ == manifest.Role {
		if types := el.member("allowedMemberTypes"); types != nil && types.kind == '[' {
			app := false
			for _, t := range types.elems {
				app = app || t.kind == 's' && strings.EqualFold(t.str, "Application")
			}
			if !app {
				return Permission{}, false, nil
			}
		}
		perm.Consent = ConsentAdmin
		perm.DisplayName = str("displayName")
		return perm, true, nil
	}
	switch t := str("type"); {
	case strings.EqualFold(t, "Admin"):
		perm.Consent = ConsentAdmin
	case strings.EqualFold(t, "User"):
		perm.Consent = ConsentUser
	}
	perm.DisplayName = firstOf(str("adminConsentDisplayName"), str("userConsentDisplayName"))
	return perm, true, nil
}

// firstOf returns the first of its arguments that is not empty.
func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// jsonNode is a JSON value with the offset it starts at.
type jsonNode struct {
	off    int
	keyOff int    // where its key starts, for a member
	key    string // the member name it has in its object, as written
	kind   byte   // '{', '[', 's' string, 'n' number, 'b' boolean, 'z' null
	str    string
	b      bool
	elems  []*jsonNode // array elements or object members
}

// member returns the object's member with the given name, matched
// regardless of case (PowerShell writes AppId, az appId); the parser
// refuses an object with two.
func (n *jsonNode) member(name string) *jsonNode {
	if n.kind != '{' {
		return nil
	}
	for _, m := range n.elems {
		if strings.EqualFold(m.key, name) {
			return m
		}
	}
	return nil
}

// exportParser builds a tree of jsonNodes with encoding/json's tokenizer,
// keeping each value's offset for error positions.
type exportParser struct {
	src   []byte
	base  int // bytes before src in the file (a byte order mark)
	dec   *json.Decoder
	lines []int // where each line starts, found on first use
}

func (p *exportParser) parse() (*jsonNode, error) {
	p.dec = json.NewDecoder(bytes.NewReader(p.src))
	p.dec.UseNumber()
	root, err := p.value("", 0)
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, p.syntax(p.start(), "unexpected data after the top-level value")
	}
	return root, nil
}

// start returns the offset of the next value: past white space, colons and
// commas.
func (p *exportParser) start() int {
	off := int(p.dec.InputOffset())
	for off < len(p.src) {
		switch p.src[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
			continue
		}
		break
	}
	return off
}

func (p *exportParser) value(key string, depth int) (*jsonNode, error) {
	if depth > maxExportDepth {
		return nil, &manifest.SyntaxError{Pos: p.pos(p.start()), Msg: "nested too deeply", Err: manifest.ErrTooDeep}
	}
	off := p.start()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.tokenError(err, off)
	}
	n := &jsonNode{off: off, key: key}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = '{'
			var keys map[string]*jsonNode // by lower-case name, once there are many
			for p.dec.More() {
				koff := p.start()
				k, err := p.dec.Token()
				if err != nil {
					return nil, p.tokenError(err, koff)
				}
				name, _ := k.(string)
				// Members are matched regardless of case, and JSON readers
				// take the last of two repeated keys where member would
				// take the first: refuse a repeat rather than guess. A map
				// keeps the check linear in objects with many members.
				if keys == nil && len(n.elems) >= 8 {
					keys = make(map[string]*jsonNode, 16)
					for _, prev := range n.elems {
						keys[strings.ToLower(prev.key)] = prev
					}
				}
				var prev *jsonNode
				if keys != nil {
					prev = keys[strings.ToLower(name)]
				} else {
					for _, e := range n.elems {
						if strings.EqualFold(e.key, name) {
							prev = e
						}
					}
				}
				if prev != nil {
					return nil, &manifest.ShapeError{Pos: p.pos(koff), Msg: fmt.Sprintf("the key %q appears twice, at %s and %s; remove one of them", name, p.pos(prev.keyOff), p.pos(koff)), Err: manifest.ErrDuplicateKey}
				}
				m, err := p.value(name, depth+1)
				if err != nil {
					return nil, err
				}
				m.keyOff = koff
				n.elems = append(n.elems, m)
				if keys != nil {
					keys[strings.ToLower(name)] = m
				}
			}
		case '[':
			n.kind = '['
			for p.dec.More() {
				el, err := p.value("", depth+1)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, el)
			}
		default:
			return nil, p.syntax(off, fmt.Sprintf("unexpected %q", rune(t)))
		}
		end := p.start()
		if _, err := p.dec.Token(); err != nil {
			return nil, p.tokenError(err, end)
		}
	case string:
		n.kind, n.str = 's', t
	case json.Number:
		n.kind = 'n'
	case bool:
		n.kind, n.b = 'b', t
	case nil:
		n.kind = 'z'
	}
	return n, nil
}

func (p *exportParser) tokenError(err error, off int) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		// The tokenizer's offsets are not always the bad byte's; the
		// validator's are one past it.
		if verr := json.Unmarshal(p.src, new(json.RawMessage)); errors.As(verr, &se) {
			msg := se.Error()
			if rest, ok := strings.CutPrefix(msg, "invalid character "); ok {
				msg = "unexpected character " + rest
			}
			return p.syntax(max(int(se.Offset)-1, 0), msg)
		}
		return p.syntax(off, err.Error())
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return p.syntax(len(p.src), "unexpected end of input")
	}
	return p.syntax(off, err.Error())
}

// syntax reports text that is not JSON, or not UTF-8 or UTF-16, at off.
func (p *exportParser) syntax(off int, msg string) error {
	return &manifest.SyntaxError{Pos: p.pos(off), Msg: msg, Err: manifest.ErrSyntax}
}

// fail reports the value n, at path, which is not what an export holds
// there.
func (p *exportParser) fail(n *jsonNode, path, msg string) error {
	return &manifest.ShapeError{Pos: p.pos(n.off), Path: path, Msg: msg, Err: manifest.ErrShape}
}

// pos converts an offset in src into a Position in the file.
// The line starts are found once, so that each position costs a binary
// search rather than a scan of the text before it.
func (p *exportParser) pos(off int) manifest.Position {
	off = min(off, len(p.src))
	if p.lines == nil {
		p.lines = []int{0}
		for i, c := range p.src {
			if c == '\n' {
				p.lines = append(p.lines, i+1)
			}
		}
	}
	line, _ := slices.BinarySearch(p.lines, off+1) // the first start after off
	return manifest.Position{Offset: off + p.base, Line: line, Column: off - p.lines[line-1] + 1}
}

// With returns a catalog that is c refreshed from the exports, in order.
// An export may add what the catalog does not know: permissions (a new
// id with a new name), and resources, which become known under the
// export's display name. It may refresh what the catalog says of a
// permission it lists with the same id, type and name: its description,
// who may consent, whether it is enabled. It may not relabel: where an
// export contradicts the catalog (a name the catalog gives another id, an
// id the catalog gives another name or type, an application named as
// another the catalog knows), the catalog's entry stays, and Conflicts
// says so, naming both. An exported resource is complete: the export
// lists everything its service principal publishes. c itself is not
// changed; the work of building the new tables is done here, once.
func (cat *Catalog) With(exports ...*Export) *Catalog {
	cat = cat.get()
	if len(exports) == 0 {
		return cat
	}
	resources := slices.Clone(cat.resources)
	perms := make([][]entry, len(resources))
	for i, r := range resources {
		perms[i] = cat.perms[r.first:r.end]
	}
	sources := slices.Clone(cat.sources)
	conflicts := slices.Clone(cat.conflicts)
	index := make(map[string]int, len(resources))
	for i, r := range resources {
		index[r.AppID] = i
	}
	for _, e := range exports {
		if e == nil {
			continue
		}
		name := e.Name
		if name == "" {
			name = "export"
		}
		sources = append(sources, source{Name: name})
		start := len(conflicts)
		conflict := func(at place, format string, args ...any) {
			conflicts = append(conflicts, Conflict{Export: name, Pos: at.pos, Path: at.path, Msg: fmt.Sprintf(format, args...)})
		}
		for _, x := range e.resources {
			i, ok := index[x.appID]
			if !ok {
				i = len(resources)
				index[x.appID] = i
				rname := firstOf(x.name, x.appID)
				if o, taken := cat.LookupResource(x.name); taken && o.AppID != x.appID {
					conflict(place{x.namePos, "displayName"}, "names the application %s %q, which the catalog knows as the name of %s; the name keeps meaning %s, and this application is called %q",
						x.appID, x.name, o.AppID, o.AppID, x.name+" ("+x.appID+")")
					rname = x.name + " (" + x.appID + ")"
				}
				resources = append(resources, resourceEntry{Resource: Resource{AppID: x.appID, Name: rname, Key: ident.Key(rname)}})
				perms = append(perms, nil)
			}
			resources[i].Complete = true
			resources[i].Export = name
			perms[i] = overlay(perms[i], x, uint32(i), resources[i].Name, conflict)
		}
		// In the order of the export, not of the catalog.
		slices.SortStableFunc(conflicts[start:], func(a, b Conflict) int { return a.Pos.Offset - b.Pos.Offset })
	}
	out := build(resources, perms, sources)
	out.conflicts = conflicts
	return out
}

// Conflict is a place where an export contradicts what the catalog knew
// before it; the catalog kept what it knew.
type Conflict struct {
	// Export is the export's Name.
	Export string
	// Pos and Path say where in the export the value at fault is.
	Pos  manifest.Position
	Path string
	Msg  string
}

// Error is "export:line:column: path: message", so that a conflict reads
// as a finding in the export.
func (c Conflict) Error() string {
	return c.Export + ":" + c.Pos.String() + ": " + c.Path + ": " + c.Msg
}

// Conflicts lists where the exports With laid over the catalog contradict
// it, in the order found; nil for the built-in catalog.
func (cat *Catalog) Conflicts() []Conflict { return slices.Clone(cat.get().conflicts) }

// overlay returns old with the exported permissions of x laid over it, in
// catalog order. A permission the catalog lists with the same id, type
// and name takes the export's description, consent and state; one that
// contradicts it is left out and reported to conflict.
func overlay(old []entry, x exported, res uint32, resName string, conflict func(at place, format string, args ...any)) []entry {
	type key struct {
		s   string
		typ manifest.Type
	}
	byID := make(map[key]int, len(old))
	byValue := make(map[key]int, len(old))
	for i, e := range old {
		byID[key{e.id, e.typ}] = i
		byValue[key{strings.ToLower(e.value), e.typ}] = i
	}
	kept := slices.Clone(old)
	var add []Permission
	for j, p := range x.perms {
		at := x.at[j]
		if i, ok := byID[key{p.ID, p.Type}]; ok {
			e := &kept[i]
			if !strings.EqualFold(e.value, p.Value) {
				conflict(at, "gives %s's %s permission %s the name %s, which the catalog calls %s; the catalog's name is kept", resName, wording.Kind(p.Type), p.ID, p.Value, e.value)
				continue
			}
			if p.DisplayName != "" {
				e.displayName = p.DisplayName
			}
			if p.Consent != ConsentUnknown {
				e.consent = p.Consent
			}
			e.disabled, e.removed = !p.Enabled, "" // listed, so published again
			continue
		}
		if i, ok := byValue[key{strings.ToLower(p.Value), p.Type}]; ok && old[i].removed == "" {
			conflict(at, "gives %s's %s permission %s the id %s, which the catalog gives %s; the catalog's id is kept", resName, wording.Kind(p.Type), p.Value, p.ID, old[i].id)
			continue
		}
		if i, ok := byID[key{p.ID, p.Type.Other()}]; ok && !strings.EqualFold(old[i].value, p.Value) {
			conflict(at, "lists %s as %s's %s permission %s, which the catalog knows as its %s permission %s; the catalog's is kept", p.ID, resName, wording.Kind(p.Type), p.Value, wording.Kind(p.Type.Other()), old[i].value)
			continue
		}
		add = append(add, p)
	}
	// Both lists are in catalog order: merge them.
	out := make([]entry, 0, len(kept)+len(add))
	i := 0
	for _, p := range add {
		for i < len(kept) && compareEntry(&kept[i], p) < 0 {
			out = append(out, kept[i])
			i++
		}
		out = append(out, entry{res: res, id: p.ID, value: p.Value, typ: p.Type, consent: p.Consent, disabled: !p.Enabled, displayName: p.DisplayName})
	}
	return append(out, kept[i:]...)
}

// compareEntry orders e and p as comparePermissions does.
func compareEntry(e *entry, p Permission) int {
	return ident.ComparePermissions(e.value, string(e.typ), e.id, p.Value, string(p.Type), p.ID)
}

// build lays resources and their permissions out as a Catalog's tables,
// with the indexes the generator would write.
func build(resources []resourceEntry, perms [][]entry, sources []source) *Catalog {
	c := &Catalog{resources: resources, sources: sources}
	for i := range resources {
		resources[i].first = uint32(len(c.perms))
		for _, e := range perms[i] {
			e.res = uint32(i)
			c.perms = append(c.perms, e)
		}
		resources[i].end = uint32(len(c.perms))
	}
	c.byApp = positionsSorted(len(resources), func(a, b uint32) int {
		return strings.Compare(resources[a].AppID, resources[b].AppID)
	})
	// Sort by the lowered forms: the order CompareFold gives, found faster.
	ids, values := make([]string, len(c.perms)), make([]string, len(c.perms))
	for i := range c.perms {
		ids[i], values[i] = ident.LowerASCII(c.perms[i].id), ident.LowerASCII(c.perms[i].value)
	}
	c.byID = positionsSorted(len(c.perms), func(a, b uint32) int { return strings.Compare(ids[a], ids[b]) })
	c.byValue = positionsSorted(len(c.perms), func(a, b uint32) int { return strings.Compare(values[a], values[b]) })
	// A name means the first resource that has it: a built-in resource
	// keeps its names when an export names another resource the same.
	owner := make(map[string]uint32)
	for i, r := range resources {
		for _, n := range append([]string{r.AppID, r.Name, r.Key}, r.aliases...) {
			k := ident.Normalize(n)
			if _, taken := owner[k]; k != "" && !taken {
				owner[k] = uint32(i)
				c.byName = append(c.byName, nameRef{name: k, res: uint32(i)})
			}
		}
	}
	slices.SortFunc(c.byName, func(a, b nameRef) int { return strings.Compare(a.name, b.name) })
	return c
}

// positionsSorted returns 0..n-1 sorted by cmp, ties in order.
func positionsSorted(n int, cmp func(a, b uint32) int) []uint32 {
	pos := make([]uint32, n)
	for i := range pos {
		pos[i] = uint32(i)
	}
	slices.SortFunc(pos, func(a, b uint32) int {
		if c := cmp(a, b); c != 0 {
			return c
		}
		return int(a) - int(b)
	})
	return pos
}
