package manifest

import (
	"bytes"
	"strings"
)

// entryStyle is the style for a new entry: that of the first existing entry,
// moved to ctx's indentation, or ctx itself.
func (d *document) entryStyle(ctx style) style {
	if t := d.templates().entry; t != nil {
		return d.relocate(*t, ctx)
	}
	return ctx
}

// accessStyle is the style for a new permission object: that of the first
// existing one, moved to ctx's indentation, or ctx itself.
func (d *document) accessStyle(ctx style) style {
	if t := d.templates().access; t != nil {
		return d.relocate(*t, ctx)
	}
	return ctx
}

// templates are the styles of the document's first entry and first
// permission, which every new entry and permission copies, worked out once.
type templates struct {
	entry, access *style // nil where the document has none
}

func (d *document) templates() *templates {
	if d.tmpl != nil {
		return d.tmpl
	}
	d.tmpl = new(templates)
	if len(d.entries) > 0 {
		st := d.objectStyle(d.entries[0].object)
		d.tmpl.entry = &st
	}
	for _, e := range d.entries {
		if len(e.accesses) > 0 {
			st := d.objectStyle(*d.accessObject(&e.accesses[0]))
			d.tmpl.access = &st
			break
		}
	}
	return d.tmpl
}

// relocate moves a template style to where ctx stands. A multi-line template
// cannot stand in an inline context; ctx wins then.
func (d *document) relocate(t, ctx style) style {
	switch {
	case t.inline:
		return t
	case ctx.inline:
		return ctx
	}
	return t.at(ctx.fullIndent())
}

// This file decides how new text looks. New text copies its surroundings:
// the newline (LF or CRLF), the indent unit (a tab or N spaces) and depth,
// the spacing around ':' and ',', and whether objects sit on one line.

// style says how to write a new array or object.
type style struct {
	inline bool
	colon  string // between a key and its value, such as ": " or ":"

	// Multi-line values. The line the value starts on is indented by
	// indent and depth more units: nesting adds a unit without making a
	// string.
	nl     string // "\n" or "\r\n"
	indent string
	depth  int
	unit   string // one level of indentation

	// Inline values: the text after '{' or '[', between two members or items
	// (the comma included), and before '}' or ']'.
	open, sep, close string
}

// child is the style of a value nested one level inside s.
func (s style) child() style {
	if !s.inline {
		s.depth++
	}
	return s
}

// at is s moved to the given indentation.
func (s style) at(indent string) style {
	s.indent, s.depth = indent, 0
	return s
}

// fullIndent returns the whole indentation of the line the value starts on.
func (s style) fullIndent() string {
	return s.indent + strings.Repeat(s.unit, s.depth)
}

// newLine appends a newline and the indentation of the value's line, with
// units more.
func (s style) newLine(b []byte, units int) []byte {
	b = append(append(b, s.nl...), s.indent...)
	for range s.depth + units {
		b = append(b, s.unit...)
	}
	return b
}

func (s style) begin(b []byte, bracket byte) []byte {
	b = append(b, bracket)
	if s.inline {
		return append(b, s.open...)
	}
	return s.newLine(b, 1)
}

func (s style) next(b []byte) []byte {
	if s.inline {
		return append(b, s.sep...)
	}
	return s.newLine(append(b, ','), 1)
}

func (s style) end(b []byte, bracket byte) []byte {
	if s.inline {
		b = append(b, s.close...)
	} else {
		b = s.newLine(b, 0)
	}
	return append(b, bracket)
}

func (s style) key(b []byte, k string) []byte {
	return append(appendString(b, k), s.colon...)
}

// lineIndent returns the white space that starts the line holding src[off].
func lineIndent(src []byte, off int) []byte {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := start
	for end < off && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return src[start:end]
}

// startsLine reports whether only white space precedes src[off] on its line.
func startsLine(src []byte, off int) bool {
	return len(lineIndent(src, off)) == off-(bytes.LastIndexByte(src[:off], '\n')+1)
}

// newline returns the document's newline: CRLF if its first line ends so.
func (d *document) newline() string {
	i := bytes.IndexByte(d.src, '\n')
	if i > 0 && d.src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// unit returns the document's indent unit: the indentation of the first
// member of the top-level value, or else of the first indented line, or two
// spaces.
func (d *document) unit() string {
	first := -1
	if d.container == ObjectMember && len(d.top.members) > 0 {
		first = d.top.members[0].key.start
	} else if d.container == BareArray && d.rra != nil && len(d.rra.items) > 0 {
		first = d.rra.items[0].start
	}
	if first >= 0 && startsLine(d.src, first) {
		if in := lineIndent(d.src, first); len(in) > 0 {
			return string(in)
		}
	}
	for i := 0; i < len(d.src); {
		j := bytes.IndexByte(d.src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		k := i
		for k < len(d.src) && (d.src[k] == ' ' || d.src[k] == '\t') {
			k++
		}
		if k > i && k < len(d.src) && d.src[k] != '\n' && d.src[k] != '\r' {
			return string(d.src[i:k])
		}
	}
	return "  "
}

// multiline is the document's default style for a value that starts on a
// line indented by indent.
func (d *document) multiline(indent []byte) style {
	return style{nl: d.newline(), indent: string(indent), unit: d.unit(), colon: d.colon()}
}

// colon returns the text between a key and its value in the document's
// first object, the top-level one or else the first entry: ": " by default.
func (d *document) colon() string {
	first := &d.top
	if d.container == BareArray && len(d.entries) > 0 {
		first = &d.entries[0].object
	}
	if len(first.members) > 0 {
		m := first.members[0]
		if c := d.src[m.key.end:m.val.start]; bytes.IndexByte(c, '\n') < 0 {
			return string(c)
		}
	}
	return ": "
}

// compact reports whether the top-level value has content and all of it
// sits on one line, as in a minified file.
func (d *document) compact() bool {
	var s span
	switch {
	case d.container == ObjectMember && len(d.top.members) > 0:
		s = d.top.span
	case d.container == BareArray && d.rra != nil && len(d.rra.items) > 0:
		s = d.rra.span
	default:
		return false
	}
	return bytes.IndexByte(d.src[s.start:s.end], '\n') < 0
}

// base is the style for new text where no neighbour of the same kind exists:
// inline like the top-level value when the document is compact, otherwise
// multi-line starting at the indentation of the line holding off.
func (d *document) base(off int) style {
	if d.compact() {
		if d.container == ObjectMember {
			return d.styleOf(d.top.span, memberSpans(d.top.members))
		}
		return d.styleOf(d.rra.span, d.rra.items)
	}
	return d.multiline(lineIndent(d.src, off))
}

// memberSpans returns, for each member, the span from its key to the end of
// its value.
func memberSpans(ms []member) []span {
	out := make([]span, len(ms))
	for i, m := range ms {
		out[i] = span{m.key.start, m.val.end}
	}
	return out
}

// styleOf derives a style from an existing object or array at s whose
// members or items are parts.
func (d *document) styleOf(s span, parts []span) style {
	src := d.src
	st := style{colon: d.colon()}
	if bytes.IndexByte(src[s.start:s.end], '\n') < 0 {
		st.inline = true
		if len(parts) == 0 {
			st.sep = ","
			return st
		}
		st.open = string(src[s.start+1 : parts[0].start])
		st.close = string(src[parts[len(parts)-1].end : s.end-1])
		if len(parts) > 1 {
			st.sep = string(src[parts[0].end:parts[1].start])
		} else if st.open != "" {
			st.sep = ", "
		} else {
			st.sep = ","
		}
		return st
	}
	indent := lineIndent(src, s.start)
	st.nl, st.indent, st.unit = d.newline(), string(indent), d.unit()
	if len(parts) > 0 && startsLine(src, parts[0].start) {
		in := lineIndent(src, parts[0].start)
		if len(in) > len(indent) && bytes.HasPrefix(in, indent) {
			st.unit = string(in[len(indent):])
		}
	}
	return st
}

// objectStyle derives a style from a recorded object, taking the spacing
// around ':' from its own first member.
func (d *document) objectStyle(o object) style {
	st := d.styleOf(o.span, memberSpans(o.members))
	if len(o.members) > 0 {
		m := o.members[0]
		if c := d.src[m.key.end:m.val.start]; bytes.IndexByte(c, '\n') < 0 {
			st.colon = string(c)
		}
	}
	return st
}

// separator returns the text that goes between the last item of a
// non-empty list and a new one: the text between its last two items, or, for
// a single item, a comma and the white space between the opening bracket and
// the item. A single item on one line with nothing after its bracket takes
// the spacing between the members of only (the item itself, when it is an
// object) or else of the top-level object, so that `[{"a": 1, "b": 2}]`
// grows as `[{"a": 1, "b": 2}, {…}]`. The result is a new slice.
func (d *document) separator(s span, items []span, only *object) []byte {
	src := d.src
	if n := len(items); n > 1 {
		return bytes.Clone(src[items[n-2].end:items[n-1].start])
	}
	open := src[s.start+1 : items[0].start]
	if len(open) == 0 && bytes.IndexByte(src[s.start:s.end], '\n') < 0 {
		for _, o := range []*object{only, &d.top} {
			if o != nil && len(o.members) > 1 {
				if sep := src[o.members[0].val.end:o.members[1].key.start]; bytes.IndexByte(sep, '\n') < 0 {
					return bytes.Clone(sep)
				}
			}
		}
	}
	if len(open) == 0 && strings.HasSuffix(d.colon(), " ") {
		// {"a": 1} grows as {"a": 1, "b": 2}: spaced like its colon.
		return []byte(", ")
	}
	return append([]byte{','}, open...)
}

// indentAfter returns the white space that starts the last line of sep:
// the indentation a new item written after sep starts with. A comma that
// starts the line (comma-first layouts) is not indentation.
func indentAfter(sep []byte) string {
	i := bytes.LastIndexByte(sep, '\n')
	if i < 0 {
		return ""
	}
	line := sep[i+1:]
	n := 0
	for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
		n++
	}
	return string(line[:n])
}
