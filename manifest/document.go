package manifest

// The document: a parsed input, the byte spans of its top-level members and
// of requiredResourceAccess, and what kind of manifest it is.

import (
	"fmt"
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
	// adds are the members Apply adds, by the object they go in
	// (addMember).
	adds  []memberAdds
	tmpl  *templates // made by templates()
	arena *arena
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
		err = d.checkKind()
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

func (d *document) schema() Schema {
	if d.container != ObjectMember || len(d.top.members) == 1 && d.rraIdx == 0 {
		return SchemaFragment
	}
	hasName, hasDisplayName := false, false
	for _, m := range d.top.members {
		if isMember(m.name, ofLegacy) {
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
