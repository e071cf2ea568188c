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

type accessNode struct {
	object
	access Access
	idOff  int // where the id value starts
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
	hasApp, hasList := false, false
	var appKey, listKey int // where the first of each key starts
	err := p.object(&e.object, func(m member) error {
		switch m.name {
		case "resourceAppId":
			if hasApp {
				p.duplicate(path, m, appKey)
				return p.value()
			}
			hasApp, appKey = true, m.key.start
			e.appOff = p.pos
			s, err := p.stringValue(path.with("resourceAppId"))
			e.appID = s
			return err
		case "resourceAccess":
			if hasList {
				p.duplicate(path, m, listKey)
				return p.value()
			}
			hasList, listKey = true, m.key.start
			return p.accessList(&e, path)
		}
		return p.value()
	})
	if err != nil {
		return e, err
	}
	if !hasApp {
		p.shapeAt(e.start, path, "the entry has no resourceAppId")
	} else if !hasList {
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
	return p.array(&e.list, func(i int) error {
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
		hasID, hasType := false, false
		var idKey, typeKey int // where the first of each key starts
		err := p.object(&a.object, func(m member) error {
			switch m.name {
			case "id":
				if hasID {
					p.duplicate(ipath, m, idKey)
					return p.value()
				}
				hasID, idKey = true, m.key.start
				a.idOff = p.pos
				id, err := p.stringValue(ipath.with("id"))
				a.access.ID = id
				return err
			case "type":
				if hasType {
					p.duplicate(ipath, m, typeKey)
					return p.value()
				}
				hasType, typeKey = true, m.key.start
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
			return p.value()
		})
		if err != nil {
			return err
		}
		if !hasID {
			p.shapeAt(s, ipath, "the permission has no id")
		} else if !hasType {
			p.shapeAt(s, ipath, "the permission has no type")
		}
		e.accesses = append(e.accesses, a)
		return nil
	})
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

// duplicate records a key that appears a second time in one object: m is
// the second, and first is where the first one's key starts.
func (p *parser) duplicate(path jpath, m member, first int) {
	p.shape(&ShapeError{Path: path.with(m.name).String(), Pos: p.at(m.key.start), Err: ErrDuplicateKey,
		Msg: fmt.Sprintf("the key appears twice, at %s and %s; remove one of them", p.at(first), p.at(m.key.start))})
}
