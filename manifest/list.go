package manifest

// The grammar of requiredResourceAccess: entries, their permissions, and the
// shape errors, with JSON paths, for values that do not fit it.

import "fmt"

// jpath is the JSON path of a value inside requiredResourceAccess, built
// into a string only when an error needs it: base[entry].resourceAccess[item].leaf.
type jpath struct {
	base        string
	entry, item int // -1 when absent
	leaf        string
}

func (j jpath) String() string {
	s := j.base
	if j.entry >= 0 {
		s += fmt.Sprintf("[%d]", j.entry)
	}
	if j.item >= 0 {
		s += fmt.Sprintf(".resourceAccess[%d]", j.item)
	}
	if j.leaf != "" {
		s += "." + j.leaf
	}
	return s
}

func (j jpath) with(leaf string) jpath { j.leaf = leaf; return j }

// accessNode is one permission of an entry. Its object's members are not
// kept (a list may hold a million permissions): the writer, which needs
// those of one permission as a template, reads them again (accessObject).
type accessNode struct {
	object
	access       Access
	idOff, idEnd int // the id value's span
}

type entryNode struct {
	object
	appID    string
	appOff   int   // where the resourceAppId value starts
	list     array // the resourceAccess value
	accesses []accessNode
}

// rra parses the value of requiredResourceAccess (or a bare top-level array).
func (p *parser) rra(d *document, path jpath) error {
	start := p.pos
	if p.pos < len(p.src) && p.src[p.pos] == 'n' {
		return p.value() // null: treated as missing
	}
	if p.pos >= len(p.src) || p.src[p.pos] != '[' {
		if err := p.value(); err != nil {
			return err
		}
		p.shapeAt(start, path, "want an array, got %s", kind(p.src[start]))
		return nil
	}
	d.rra = new(array)
	return p.array(d.rra, func(i int) error {
		ipath := path
		ipath.entry = i
		if p.src[p.pos] != '{' {
			s := p.pos
			if err := p.value(); err != nil {
				return err
			}
			p.shapeAt(s, ipath, "want an object, got %s", kind(p.src[s]))
			return nil
		}
		e, err := p.entry(ipath)
		if err != nil {
			return err
		}
		d.entries = append(d.entries, e)
		return nil
	})
}

// entry parses one element of requiredResourceAccess.
func (p *parser) entry(path jpath) (entryNode, error) {
	var e entryNode
	var folded []foldedKey
	appKey, listKey := -1, -1 // where the first of each key starts
	err := p.object(&e.object, func(m member) error {
		switch m.name {
		case "resourceAppId":
			if !p.firstKey(&appKey, path, m) {
				return p.value()
			}
			e.appOff = p.pos
			s, err := p.stringValue(path.with("resourceAppId"))
			e.appID = s
			return err
		case "resourceAccess":
			if !p.firstKey(&listKey, path, m) {
				return p.value()
			}
			return p.accessList(&e, path)
		}
		folded = p.foldKey(folded, m, "resourceAppId", "resourceAccess")
		return p.value()
	})
	if err != nil {
		return e, err
	}
	if len(folded) > 0 { // the path is worded only for an error
		p.foldedKeys(folded, path.String(), map[string]bool{"resourceAppId": appKey >= 0, "resourceAccess": listKey >= 0})
	}
	switch {
	case appKey < 0 && path.base == "" && (e.has("appId") || e.has(RequiredResourceAccess)):
		// az ad app list prints a bare array of applications.
		p.shapeAt(e.start, path, "an application object, not a requiredResourceAccess entry: this is a list of applications (as az ad app list prints); patch one of them, such as [0] (jq '.[0]' FILE > app.json)")
	case appKey < 0:
		p.shapeAt(e.start, path, "the entry has no resourceAppId")
	case listKey < 0:
		p.shapeAt(e.start, path, "the entry has no resourceAccess")
	}
	return e, nil
}

func (p *parser) accessList(e *entryNode, path jpath) error {
	start := p.pos
	if p.src[p.pos] != '[' {
		if err := p.value(); err != nil {
			return err
		}
		p.shapeAt(start, path.with("resourceAccess"), "want an array, got %s", kind(p.src[start]))
		return nil
	}
	var accesses pile[accessNode]
	err := p.array(&e.list, func(i int) error {
		ipath := path
		ipath.item = i
		s := p.pos
		if p.src[s] != '{' {
			if err := p.value(); err != nil {
				return err
			}
			p.shapeAt(s, ipath, "want an object, got %s", kind(p.src[s]))
			return nil
		}
		var a accessNode
		var folded []foldedKey
		idKey, typeKey := -1, -1 // where the first of each key starts
		err := p.object(&a.object, func(m member) error {
			switch m.name {
			case "id":
				if !p.firstKey(&idKey, ipath, m) {
					return p.value()
				}
				a.idOff = p.pos
				id, err := p.stringValue(ipath.with("id"))
				a.access.ID, a.idEnd = id, p.pos
				return err
			case "type":
				if !p.firstKey(&typeKey, ipath, m) {
					return p.value()
				}
				vs := p.pos
				t, err := p.stringValue(ipath.with("type"))
				if err == nil && p.src[vs] == '"' && !Type(t).Valid() {
					hint := ""
					for _, v := range []Type{Scope, Role} {
						if equalFoldASCII(t, string(v)) {
							hint = fmt.Sprintf(" (spelled %q: the value is case-sensitive)", v)
						}
					}
					p.shapeAt(vs, ipath.with("type"), "type is %q; want \"Scope\" or \"Role\"%s", t, hint)
				}
				a.access.Type = Type(t)
				return err
			}
			folded = p.foldKey(folded, m, "id", "type")
			return p.value()
		})
		if err != nil {
			return err
		}
		if len(folded) > 0 {
			p.foldedKeys(folded, ipath.String(), map[string]bool{"id": idKey >= 0, "type": typeKey >= 0})
		}
		if idKey < 0 {
			p.shapeAt(s, ipath, "the permission has no id")
		} else if typeKey < 0 {
			p.shapeAt(s, ipath, "the permission has no type")
		}
		// The members were carved last, at the end of the arena: given
		// back, for the next object to use.
		p.members = p.members[:len(p.members)-len(a.members)]
		a.members = nil
		accesses.add(a)
		return nil
	})
	e.accesses = accesses.slice()
	return err
}

// accessObject returns the permission object a with its members, read
// again from the document: the scanner does not keep them.
func (d *document) accessObject(a *accessNode) *object {
	o := d.valueAt(a.span).object()
	return &o
}

// stringValue reads a string value; any other value is a shape error at path.
func (p *parser) stringValue(path jpath) (string, error) {
	start := p.pos
	if p.src[start] != '"' {
		if err := p.value(); err != nil {
			return "", err
		}
		p.shapeAt(start, path, "want a string, got %s", kind(p.src[start]))
		return "", nil
	}
	return p.key(true)
}

// firstKey reports whether m is the first key of its name in the object
// being parsed, and records where it starts in *first (-1 while none is
// seen). A repeat is recorded as a shape error naming both places.
func (p *parser) firstKey(first *int, path jpath, m member) bool {
	if *first < 0 {
		*first = m.key.start
		return true
	}
	p.shape(&ShapeError{Path: path.with(m.name).String(), Pos: p.at(m.key.start), Err: ErrDuplicateKey,
		Msg: fmt.Sprintf("the key appears twice, at %s and %s; remove one of them", p.at(*first), p.at(m.key.start))})
	return false
}

// has reports whether the object has a member called name.
func (o *object) has(name string) bool {
	for _, m := range o.members {
		if m.name == name {
			return true
		}
	}
	return false
}

// foldKey adds m to folded when its name is one of names in another case.
func (p *parser) foldKey(folded []foldedKey, m member, names ...string) []foldedKey {
	for _, n := range names {
		if len(m.name) == len(n) && m.name != n && equalFoldASCII(m.name, n) {
			return append(folded, foldedKey{m: m, want: n})
		}
	}
	return folded
}

// foldedKeys records the members of an object at path whose names are
// those the package reads in another case; present says which of those
// the object also has as they should be spelled.
func (p *parser) foldedKeys(folded []foldedKey, path string, present map[string]bool) {
	for _, f := range folded {
		f.parent = path
		p.miscased(f, present[f.want])
	}
}
