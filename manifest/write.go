package manifest

// The writer: new text for what the plan adds, in the style layout.go
// derives from the surroundings.

import (
	"bytes"
	"math/bits"
)

// addAccesses returns the edits that leave entry e's list with the
// permissions keep marks (nil keeps all) followed by missing.
func (d *document) addAccesses(e *entryNode, keep []bool, missing []Access) []edit {
	last := lastKept(keep, len(e.accesses))
	if last < 0 {
		if len(missing) == 0 && len(e.accesses) == 0 {
			return nil
		}
		st := d.objectStyle(e.object)
		if !st.inline {
			st = st.at(string(lineIndent(d.src, e.list.start)))
		}
		return []edit{{e.list.start, e.list.end, d.writeList(nil, st, missing)}}
	}
	if len(missing) == 0 {
		return d.keepItems(&e.list, keep, last, nil, nil)
	}
	items := make([]writer, len(missing))
	for i, a := range missing {
		items[i] = func(b []byte, st style) []byte { return writeAccess(b, st, a) }
	}
	return d.keepItems(&e.list, keep, last, d.accessObject(&e.accesses[last]), items)
}

// addEntries returns the edits that leave requiredResourceAccess with the
// entries keep marks (nil keeps all) followed by set, or write the whole
// value where no entry stays.
func (d *document) addEntries(keep []bool, set Set) []edit {
	last := -1
	if d.rra != nil {
		last = lastKept(keep, len(d.entries))
	}
	if last < 0 {
		switch {
		case d.rra != nil && len(d.entries) > 0:
			return []edit{{d.rra.start, d.rra.end, d.writeSet(nil, d.styleOf(d.rra.span, d.rra.items), set)}}
		case len(set) == 0:
			return nil
		}
		if e, ok := d.replaceValue(set); ok {
			return []edit{e}
		}
		return nil
	}
	items := make([]writer, len(set))
	for i, r := range set {
		items[i] = func(b []byte, st style) []byte { return d.writeEntry(b, st, r) }
	}
	return d.keepItems(d.rra, keep, last, &d.entries[last].object, items)
}

// lastKept returns the index of the last of n items keep marks (nil marks
// all), or -1.
func lastKept(keep []bool, n int) int {
	if keep == nil {
		return n - 1
	}
	for i := n - 1; i >= 0; i-- {
		if keep[i] {
			return i
		}
	}
	return -1
}

// keepItems returns the edits that remove the items of a that keep does not
// mark (nil marks all), each with the separator that joins it to a kept
// neighbour, and add items after the last kept one, numbered last, whose
// object is tmpl.
func (d *document) keepItems(a *array, keep []bool, last int, tmpl *object, items []writer) []edit {
	var edits []edit
	for i := range keep {
		switch {
		case keep[i]:
		case i < last:
			edits = append(edits, edit{a.items[i].start, a.items[i+1].start, nil})
		default:
			edits = append(edits, edit{a.items[i-1].end, a.items[i].end, nil})
		}
	}
	if len(items) > 0 {
		edits = append(edits, d.appendItems(a, last, tmpl, items))
	}
	return edits
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
	d.addMember("", newMember{RequiredResourceAccess, func(b []byte, st style) []byte { return d.writeSet(b, st, set) }})
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

// appendItems returns the edit that adds items after item last of the
// non-empty array a. Each new item copies the style of tmpl, an existing
// item, when it is an object.
func (d *document) appendItems(a *array, last int, tmpl *object, items []writer) edit {
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
	at := a.items[last].end
	// Room for the usual item, a permission or an entry of one: a few
	// growths of b were a tenth of writing them.
	b := make([]byte, 0, len(items)*(len(sep)+128))
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

// appendString appends s as a JSON string. Non-ASCII text is written as is.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; ; i++ {
		j := unescaped(s, i)
		b = append(b, s[i:j]...)
		if j == len(s) {
			break
		}
		i = j
		switch c := s[i]; c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
	}
	return append(b, '"')
}

// unescaped returns the index of the first byte at or after i that a JSON
// string must escape (a quote, a backslash or a control character), or
// len(s): eight bytes at a step, as plainRun reads, but with non-ASCII
// text standing for itself.
func unescaped(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		x := word(s, i)
		if m := special(x) &^ (x & hi); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}
