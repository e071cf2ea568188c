package manifest

// The members the package reads or sets, each declared once: its path and
// what is done with it (requiredResourceAccess itself is read by the
// scanner, in its one pass, as list.go says). From the same
// declarations the scanner learns where a repeated key must be refused (so
// that the value read or edited is the one every JSON reader takes), and
// gjson locates the values inside a top-level member, whose span the
// scanner has recorded in its one pass.

import (
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/tidwall/gjson"
)

// Paths of the members Apply edits.
const (
	pathAudience     = "signInAudience"
	pathOtherTenants = "availableToOtherTenants"
	pathWeb          = "web"
	pathRedirectURIs = "web.redirectUris"
	pathURISettings  = "web.redirectUriSettings"
	pathReplyURLs    = "replyUrlsWithType"
)

// A field is a member the package reads or sets.
type field struct {
	// path is the member's gjson path from the top-level object: names
	// joined by '.'.
	path string
	// each names the members read in each item, when the value is a list
	// of objects.
	each []string
	// in limits reading to documents of one schema; zero reads all.
	in schemas
	// edited marks the members Apply edits, or reads to plan its edits.
	edited bool
	// read copies what Setup reports from the value at path, when the
	// document has one. Positions are left as offsets in Pos.Offset for
	// Setup to convert together.
	read func(s *Setup, v value, path string)
	// plan, for a member Apply sets, plans its edits (setupEdits calls the
	// planners in this table's order).
	plan planner
}

// schemas is a set of Schema values.
type schemas int

const (
	inGraph  schemas = 1 << SchemaGraph
	inLegacy schemas = 1 << SchemaLegacy
)

var credentialMembers = []string{"keyId", "customKeyIdentifier", "displayName", "endDateTime", "endDate"}

var fields = []field{
	// The list itself: the scanner reads it in its one pass (list.go).
	{path: RequiredResourceAccess},
	{path: "appId", read: func(s *Setup, v value, _ string) { s.AppID, _ = v.str() }},
	{path: pathAudience, edited: true, plan: planAudience, read: func(s *Setup, v value, _ string) { s.SignInAudience, _ = v.str() }},
	{path: pathOtherTenants, edited: true, read: func(s *Setup, v value, _ string) {
		if v.IsBool() {
			b := v.Bool()
			s.AvailableToOtherTenants = &b
		}
	}},
	// planRedirectURIs plans the legacy replyUrlsWithType too: one planner
	// for the redirect URIs, whichever member holds them.
	{path: pathRedirectURIs, in: inGraph, edited: true, plan: planRedirectURIs, read: readURIs},
	{path: pathURISettings, edited: true}, // kept in step with web.redirectUris
	{path: pathReplyURLs, in: inLegacy, edited: true, each: []string{"url", "type"}, read: func(s *Setup, v value, path string) {
		v.items(func(i int, it value) {
			var url, typ value
			it.members(func(name string, m value) {
				switch name {
				case "url":
					url = m
				case "type":
					typ = m
				}
			})
			if t, _ := typ.str(); typ.Exists() && !strings.EqualFold(t, "Web") {
				return
			}
			s.addURI(url, path, i, ".url")
		})
	}},
	{path: "replyUrls", in: inLegacy, edited: true, read: readURIs},
	{path: "passwordCredentials", each: credentialMembers, read: readCredentials(PasswordCredential)},
	{path: "keyCredentials", each: credentialMembers, read: readCredentials(KeyCredential)},
}

// readURIs reads a list of redirect URIs.
func readURIs(s *Setup, v value, path string) {
	v.items(func(i int, it value) { s.addURI(it, path, i, "") })
}

// addURI adds the URI v, item i of the list at path, with leaf after the
// index in its path. Apply, which needs no paths, passes path "".
func (s *Setup) addURI(v value, path string, i int, leaf string) {
	if u, ok := v.str(); ok {
		if path != "" {
			path += "[" + strconv.Itoa(i) + "]" + leaf
		}
		s.RedirectURIs = append(s.RedirectURIs, RedirectURI{URI: u, Path: path, Pos: Position{Offset: v.start()}})
	}
}

// readCredentials reads a list of credentials of one kind.
func readCredentials(kind string) func(s *Setup, v value, path string) {
	return func(s *Setup, v value, path string) {
		v.items(func(i int, it value) {
			if !it.IsObject() {
				return
			}
			c := Credential{Kind: kind, Path: path + "[" + strconv.Itoa(i) + "]", Pos: Position{Offset: it.start()}}
			c.KeyID, _ = it.first("keyId", "customKeyIdentifier")
			c.DisplayName, _ = it.first("displayName")
			if end, name := it.first("endDateTime", "endDate"); name != "" {
				c.End, c.Path, c.Pos.Offset = end, c.Path+"."+name, it.get(name).start()
			}
			s.Credentials = append(s.Credentials, c)
		})
	}
}

// value is a value located in the document: a gjson result whose Index
// counts from base, an offset in the document.
type value struct {
	gjson.Result
	base int
}

// start is the offset in the document where the value starts.
func (v value) start() int { return v.base + v.Index }

func (v value) span() span { return span{v.start(), v.start() + len(v.Raw)} }

// str returns the decoded value of a string; ok is false for any other
// value. The string is copied: gjson's may point into the caller's input.
func (v value) str() (string, bool) {
	if v.Type != gjson.String {
		return "", false
	}
	return strings.Clone(v.Str), true
}

// get returns the member name of an object.
func (v value) get(name string) value { return value{v.Result.Get(name), v.base} }

// first returns the first of names that v has as a string member, and its
// name; "" when there is none.
func (v value) first(names ...string) (string, string) {
	for _, name := range names {
		if s, ok := v.get(name).str(); ok {
			return s, name
		}
	}
	return "", ""
}

// members calls f with each member of an object.
func (v value) members(f func(name string, m value)) {
	if !v.IsObject() {
		return
	}
	v.ForEach(func(k, m gjson.Result) bool {
		f(k.Str, value{m, v.base})
		return true
	})
}

// items calls f with each item of an array.
func (v value) items(f func(i int, it value)) {
	if !v.IsArray() {
		return
	}
	i := 0
	v.ForEach(func(_, it gjson.Result) bool {
		f(i, value{it, v.base})
		i++
		return true
	})
}

// object returns an object value's members with their spans, as the
// writer takes them.
func (v value) object() object {
	o := object{span: v.span()}
	v.ForEach(func(k, val gjson.Result) bool {
		ks := v.base + k.Index
		o.members = append(o.members, member{name: k.Str, key: span{ks, ks + len(k.Raw)}, val: value{val, v.base}.span()})
		return true
	})
	return o
}

// array returns an array value's items with their spans.
func (v value) array() array {
	a := array{span: v.span()}
	v.items(func(_ int, it value) { a.items = append(a.items, it.span()) })
	return a
}

// lookup locates the value at path. The scanner has recorded the
// top-level members, so gjson searches only the value of the first one
// named: a search from the top of a 5 KB manifest costs a third of an
// Apply.
func (d *document) lookup(path string) (value, bool) {
	name, rest, nested := strings.Cut(path, ".")
	m, ok := d.topMember(name)
	if !ok {
		return value{}, false
	}
	v := d.valueAt(m.val)
	if nested {
		v = v.get(rest)
	}
	return v, v.Exists()
}

// valueAt returns the value at s, a span the scanner recorded.
func (d *document) valueAt(s span) value {
	raw := unsafe.String(&d.src[s.start], s.end-s.start)
	return value{gjson.Parse(raw), s.start}
}

// guard is a node of the tree of keys the scanner refuses to see twice in
// one object: the paths of fields. A node has a
// handful of children, so they are searched in order: faster than hashing
// the name of every member of a manifest.
type guard struct {
	name string   // the member's name
	kids []*guard // members of an object value
	lens uint64   // bit n is set when a kid's name is n bytes long (n < 64)
	each *guard   // each item of an array value
}

// find returns the child called name, or nil.
func (g *guard) find(name string) *guard {
	if len(name) < 64 && g.lens&(1<<len(name)) == 0 {
		return nil
	}
	for _, k := range g.kids {
		if len(k.name) == len(name) && k.name[0] == name[0] && k.name == name {
			return k
		}
	}
	return nil
}

// findFold returns the child whose name is name in another ASCII case,
// or nil; an exact match is not one.
func (g *guard) findFold(name string) *guard {
	if len(name) < 64 && g.lens&(1<<len(name)) == 0 {
		return nil
	}
	for _, k := range g.kids {
		if k.name != name && equalFoldASCII(k.name, name) {
			return k
		}
	}
	return nil
}

// child returns the child called name, adding it if there is none.
func (g *guard) child(name string) *guard {
	if k := g.find(name); k != nil {
		return k
	}
	k := &guard{name: name}
	g.kids = append(g.kids, k)
	if len(name) < 64 {
		g.lens |= 1 << len(name)
	}
	return k
}

// guards is the tree of guarded keys, made on first use: a run that reads
// no manifest (--version, lookup) does not pay for it.
var guards = sync.OnceValue(func() *guard {
	root := &guard{}
	for _, f := range fields {
		g := root
		for _, name := range strings.Split(f.path, ".") {
			g = g.child(name)
		}
		if len(f.each) > 0 {
			g.each = &guard{}
			for _, name := range f.each {
				g.each.child(name)
			}
		}
	}
	return root
})
