package manifest

// The document: a parsed input, the byte spans of its top-level members and
// of requiredResourceAccess, and what kind of manifest it is.

import (
	"fmt"
	"strings"
)

// span is the half-open byte range [start, end) of a value in the document.
type span struct{ start, end int }

// member is one member of a recorded object.
type member struct {
	name string // decoded
	key  span   // the quoted key
	val  span
}

// object is a recorded object: its span from '{' to after '}' and its members.
type object struct {
	span
	members []member
}

// array is a recorded array: its span from '[' to after ']' and its items.
type array struct {
	span
	items []span
}

// document is a parsed input.
type document struct {
	src       []byte // the input without its byte order mark
	bom       int    // length of the stripped byte order mark, 0 or 3
	container Container
	top       object // the top-level object (ObjectMember)
	rraIdx    int    // index of requiredResourceAccess in top.members, or -1
	rra       *array // the requiredResourceAccess array; nil when missing or null
	// entries are the elements of rra, parsed.
	entries []entryNode
	// snippetAt is where the key of a Snippet starts.
	snippetAt int
	// newTop are the members Apply adds to the top-level object.
	newTop []newMember
	arena  *arena
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// parse parses src. The caller must call release on the document when it
// is done with it, and keep nothing that points into its objects.
func parse(src []byte) (*document, error) { return parseAny(src, false) }

// parseAny is parse that, with snippet set, also takes a
// requiredResourceAccess member on its own.
func parseAny(src []byte, snippet bool) (*document, error) {
	if e := utf16(src); e != nil {
		return nil, e
	}
	d := &document{src: src, rraIdx: -1}
	if len(src) >= 3 && src[0] == bom[0] && src[1] == bom[1] && src[2] == bom[2] {
		d.src, d.bom = src[3:], 3
	}
	d.arena = arenas.Get().(*arena)
	a := d.arena
	p := &parser{src: d.src, base: d.bom, members: a.members[:0], items: a.items[:0], memberStack: a.memberStack[:0], itemStack: a.itemStack[:0],
		seen: a.seen[:0], path: a.path[:0]}
	err := p.document(d)
	if err == nil && d.container == Snippet && !snippet {
		err = &SyntaxError{Pos: p.at(d.snippetAt), Err: ErrSnippet,
			Msg: "a requiredResourceAccess member on its own, as the setup guide prints it, is not a JSON document: " +
				"put it inside { } to make a manifest, or read it as a list of wanted permissions"}
	}
	if err == nil {
		err = p.shapeErr
	}
	if err == nil {
		err = d.checkManifest()
	}
	a.members, a.items, a.memberStack, a.itemStack, a.seen, a.path = p.members, p.items, p.memberStack, p.itemStack, p.seen, p.path
	if err != nil {
		d.release()
		return nil, err
	}
	return d, nil
}

// release returns the document's arena for reuse.
func (d *document) release() {
	if a := d.arena; a != nil && cap(a.members)+cap(a.memberStack) <= 1<<16 && cap(a.items)+cap(a.itemStack) <= 1<<16 {
		clear(a.members[:cap(a.members)]) // drop the name strings
		clear(a.memberStack[:cap(a.memberStack)])
		arenas.Put(a)
	}
	d.arena = nil
}

func (p *parser) document(d *document) error {
	if err := p.ws(); err != nil {
		return err
	}
	if p.pos == len(p.src) {
		return p.syntax(p.pos, "empty input; want a JSON object or array")
	}
	switch p.src[p.pos] {
	case '{':
		d.container = ObjectMember
		i := -1 // the member's index
		err := p.object(&d.top, func(m member) error {
			i++
			g := p.keyGuard // the guard of m's key, read just before
			if g == nil {
				return p.value()
			}
			if m.name == RequiredResourceAccess {
				if s := p.twin(0, m); s != nil {
					p.twice(m.name, s, m)
					return p.value()
				}
				p.seen = append(p.seen, m)
				d.rraIdx = i
				return p.rra(d, jpath{base: RequiredResourceAccess, entry: -1, item: -1})
			}
			return p.guardedMember(0, m, g)
		})
		if err != nil {
			return err
		}
	case '[':
		d.container = BareArray
		if err := p.rra(d, jpath{entry: -1, item: -1}); err != nil {
			return err
		}
	default:
		start := p.pos
		if err := p.value(); err != nil {
			return err
		}
		if p.src[start] == '"' {
			ok, err := p.snippet(d, start)
			if err != nil {
				return err
			}
			if ok {
				break
			}
		}
		p.shape(&ShapeError{Pos: p.at(start), Err: ErrNotObject,
			Msg: fmt.Sprintf("the top-level value is %s; want an object or an array", kind(p.src[start]))})
	}
	if err := p.ws(); err != nil {
		return err
	}
	if p.pos < len(p.src) {
		return p.syntax(p.pos, fmt.Sprintf("unexpected %s after the top-level value", describe(p.src, p.pos)))
	}
	return nil
}

// manifestKeys are top-level members that mark an app registration manifest
// in either format, an application object or its request body. Members
// other JSON files have too (id, name, description, tags, notes, info) do
// not count.
var manifestKeys = map[string]bool{
	RequiredResourceAccess: true, "appId": true, "displayName": true, "signInAudience": true,
	"web": true, "spa": true, "api": true, "publicClient": true, "identifierUris": true, "appRoles": true,
	"keyCredentials": true, "passwordCredentials": true, "optionalClaims": true,
	"groupMembershipClaims": true, "publisherDomain": true, "isFallbackPublicClient": true,
	"certification": true, "verifiedPublisher": true, "parentalControlSettings": true,
	"tokenEncryptionKeyId": true, "addIns": true, "createdDateTime": true, "deletedDateTime": true,
	"servicePrincipalLockConfiguration": true, "serviceManagementReference": true, "defaultRedirectUri": true,
	"applicationTemplateId": true, "disabledByMicrosoftStatus": true, "samlMetadataUrl": true,
	"accessTokenAcceptedVersion": true, "acceptMappedClaims": true, "allowPublicClient": true,
	"preAuthorizedApplications": true, "orgRestrictions": true, "logoUrl": true, "logoutUrl": true,
	"signInUrl": true, "informationalUrls": true, "@odata.context": true, "@odata.id": true,
}

// checkManifest refuses a top-level object that has members but none a
// manifest has: applying permissions to a package.json would damage it.
//
// A member whose name is requiredResourceAccess in another case is refused
// too: property names are case-sensitive, so Microsoft Graph does not read
// it, and Apply would add a second list beside it. In a file that is a
// manifest (it holds requiredResourceAccess or another member that marks
// one) that is a shape error naming the mis-cased key; elsewhere the file is
// not a manifest, and the error says how to make it one.
func (d *document) checkManifest() error {
	if d.container != ObjectMember || len(d.top.members) == 0 {
		return nil
	}
	var miscased *member
	isManifest, hasList := false, false
	for i := range d.top.members {
		m := &d.top.members[i]
		if m.name != RequiredResourceAccess && miscased == nil && strings.EqualFold(m.name, RequiredResourceAccess) {
			miscased = m
		}
		hasList = hasList || m.name == RequiredResourceAccess
		isManifest = isManifest || manifestKeys[m.name] || legacyKeys[m.name]
	}
	if miscased != nil {
		e := &ShapeError{Path: miscased.name, Pos: position(d.src, miscased.key.start, d.bom), Err: ErrShape,
			Msg: "the key must be spelled requiredResourceAccess: property names are case-sensitive"}
		switch {
		case hasList:
			e.Msg = "a mis-cased twin of requiredResourceAccess, which Microsoft Graph does not read (property names are case-sensitive); move its entries into requiredResourceAccess and remove it"
		case !isManifest:
			e.Err = ErrNotManifest
		}
		return e
	}
	if isManifest {
		return nil
	}
	var names []string
	for _, m := range d.top.members[:min(3, len(d.top.members))] {
		names = append(names, fmt.Sprintf("%q", m.name))
	}
	return &ShapeError{Pos: position(d.src, d.top.start, d.bom), Err: ErrNotManifest,
		Msg: fmt.Sprintf("not an app registration manifest: it has none of requiredResourceAccess, appId, displayName, signInAudience or any other member that marks one (its keys start %s)", strings.Join(names, ", "))}
}

// legacyKeys are members only the Azure AD Graph format has.
var legacyKeys = map[string]bool{
	"replyUrlsWithType": true, "replyUrls": true, "oauth2Permissions": true,
	"availableToOtherTenants": true, "oauth2AllowImplicitFlow": true, "knownClientApplications": true,
}

func (d *document) schema() Schema {
	if d.container != ObjectMember || len(d.top.members) == 1 && d.rraIdx == 0 {
		return SchemaFragment
	}
	hasName, hasDisplayName := false, false
	for _, m := range d.top.members {
		if legacyKeys[m.name] {
			return SchemaLegacy
		}
		hasName = hasName || m.name == "name"
		hasDisplayName = hasDisplayName || m.name == "displayName"
	}
	if hasName && !hasDisplayName {
		return SchemaLegacy
	}
	return SchemaGraph
}

// topMember returns the top-level member called name.
func (d *document) topMember(name string) (*member, bool) {
	for i := range d.top.members {
		if d.top.members[i].name == name {
			return &d.top.members[i], true
		}
	}
	return nil, false
}

func (d *document) member(o object, name string) (*member, bool) {
	for i := range o.members {
		if o.members[i].name == name {
			return &o.members[i], true
		}
	}
	return nil, false
}

// snippet parses the rest of a requiredResourceAccess member standing
// alone, whose key p has read from start, and reports whether it is one:
// the key, ':', the list, and an optional trailing comma. Any other
// top-level string is left to the caller.
func (p *parser) snippet(d *document, start int) (bool, error) {
	end := p.pos
	if err := p.ws(); err != nil || p.pos >= len(p.src) || p.src[p.pos] != ':' {
		p.pos = end
		return false, nil
	}
	p.pos = start
	if name, err := p.key(true); err != nil || name != RequiredResourceAccess {
		p.pos = end
		return false, nil
	}
	d.container, d.snippetAt = Snippet, start
	if err := p.ws(); err != nil {
		return true, err
	}
	p.pos++ // ':'
	if err := p.ws(); err != nil {
		return true, err
	}
	if p.pos >= len(p.src) {
		return true, p.unexpected("a value")
	}
	if err := p.rra(d, jpath{base: RequiredResourceAccess, entry: -1, item: -1}); err != nil {
		return true, err
	}
	if err := p.ws(); err != nil {
		return true, err
	}
	if p.pos < len(p.src) && p.src[p.pos] == ',' {
		p.pos++
	}
	return true, nil
}
