package manifest

import "bytes"

// EditRegion returns the part of src that Apply may change: the value of
// requiredResourceAccess (the whole array for a bare array), the point after
// the last top-level member where a missing key goes, or the whole top-level
// object when it is empty. Offsets count the byte order mark. multiline
// reports whether a line diff of an edit there shows only added lines: the
// region holds a non-empty list whose lists all span several lines, or it is
// the insertion point of a missing key in a multi-line object.
func EditRegion(src []byte) (start, end int, multiline bool, err error) {
	d, err := parse(src)
	if err != nil {
		return 0, 0, false, err
	}
	b := d.bom
	switch {
	case d.rra != nil:
		ml := len(d.entries) > 0 && bytes.IndexByte(d.src[d.rra.start:d.rra.end], '\n') >= 0
		for _, e := range d.entries {
			if len(e.accesses) == 0 || bytes.IndexByte(d.src[e.start:e.end], '\n') < 0 ||
				bytes.IndexByte(d.src[e.list.start:e.list.end], '\n') < 0 {
				ml = false
			}
		}
		return b + d.rra.start, b + d.rra.end, ml, nil
	case d.rraIdx >= 0:
		v := d.top.members[d.rraIdx].val
		return b + v.start, b + v.end, false, nil
	case len(d.top.members) == 0:
		return b + d.top.start, b + d.top.end, false, nil
	}
	at := b + d.top.members[len(d.top.members)-1].val.end
	return at, at, !d.compact(), nil
}

// Guard is a node of the tree of member paths the scanner guards
// (fields.go): in an object on it, a key may not repeat, nor be spelled in
// another case.
type Guard struct {
	Name string
	Kids []*Guard // members of an object value
	Each *Guard   // each item of an array value
}

// Guards returns the package's tree of guarded paths, for the fuzz
// reference.
func Guards() *Guard { return exportGuard(guards()) }

func exportGuard(g *guard) *Guard {
	if g == nil {
		return nil
	}
	out := &Guard{Name: g.name, Each: exportGuard(g.each)}
	for _, k := range g.kids {
		out.Kids = append(out.Kids, exportGuard(k))
	}
	return out
}
