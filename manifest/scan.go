package manifest

// The scanner: one pass over the input that validates all of it as JSON
// (grammar, UTF-8, depth) with positions for its errors. Callers choose which
// objects and arrays it records; everything else is checked and skipped
// without being decoded.

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// arena holds the storage the members and items of a document's recorded
// objects and arrays are slices of. Arenas are reused from call to call, so
// that parsing a manifest allocates little.
type arena struct {
	members, memberStack, seen []member
	items, itemStack           []span
	path                       []segment
}

var arenas = sync.Pool{New: func() any {
	return &arena{members: make([]member, 0, 128), items: make([]span, 0, 128),
		memberStack: make([]member, 0, 64), itemStack: make([]span, 0, 64),
		seen: make([]member, 0, 16), path: make([]segment, 0, 8)}
}}

type parser struct {
	src []byte
	pos int
	// seen holds the guarded members met so far in the objects being
	// parsed, and path the JSON path of the guarded value being parsed.
	seen []member
	path []segment
	// keyGuard is the guard of the key read last, when it names a guarded
	// member of the top-level object.
	keyGuard *guard
	// members and items hold the members and items of recorded objects and
	// arrays, each object's and array's a sub-slice: a few allocations per
	// document rather than one per object. While an object or array is
	// open, its members or items pile up on the stacks, above those of the
	// objects and arrays it is nested in.
	members, memberStack []member
	items, itemStack     []span
	depth                int
	base                 int
	// shapeErr is the first shape error found. Scanning goes on after it so
	// that a syntax error anywhere in the input takes precedence.
	shapeErr error
}

// object parses an object at p.pos, recording its span and members into o
// when o is not nil. For each member, onMember is called with p.pos at the
// start of the value and must consume the value; when onMember is nil the
// values are skipped.
func (p *parser) object(o *object, onMember func(m member) error) error {
	start := p.pos
	base := len(p.memberStack)
	if err := p.enter(); err != nil {
		return err
	}
	p.pos++ // '{'
	if err := p.ws(); err != nil {
		return err
	}
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
	} else {
		for {
			if p.pos >= len(p.src) || p.src[p.pos] != '"' {
				return p.unexpected("a string key")
			}
			ks := p.pos
			name, err := p.key(o != nil)
			if err != nil {
				return err
			}
			ke := p.pos
			if err := p.ws(); err != nil {
				return err
			}
			if p.pos >= len(p.src) || p.src[p.pos] != ':' {
				return p.unexpected("':' after the key")
			}
			p.pos++
			if err := p.ws(); err != nil {
				return err
			}
			if p.pos >= len(p.src) {
				return p.unexpected("a value")
			}
			vs := p.pos
			m := member{name: name, key: span{ks, ke}}
			if onMember != nil {
				err = onMember(m)
			} else {
				err = p.value()
			}
			if err != nil {
				return err
			}
			if o != nil {
				m.val = span{vs, p.pos}
				p.memberStack = append(p.memberStack, m)
			}
			if done, err := p.next('}', "an object member"); done || err != nil {
				if err != nil {
					return err
				}
				break
			}
		}
	}
	p.depth--
	if o != nil {
		o.span = span{start, p.pos}
		o.members = carve(&p.members, p.memberStack[base:])
		p.memberStack = p.memberStack[:base]
	}
	return nil
}

// array parses an array at p.pos like object does.
func (p *parser) array(a *array, onItem func(i int) error) error {
	start := p.pos
	base := len(p.itemStack)
	if err := p.enter(); err != nil {
		return err
	}
	p.pos++ // '['
	if err := p.ws(); err != nil {
		return err
	}
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
	} else {
		for i := 0; ; i++ {
			if p.pos >= len(p.src) {
				return p.unexpected("a value")
			}
			vs := p.pos
			var err error
			if onItem != nil {
				err = onItem(i)
			} else {
				err = p.value()
			}
			if err != nil {
				return err
			}
			if a != nil {
				p.itemStack = append(p.itemStack, span{vs, p.pos})
			}
			if done, err := p.next(']', "an array element"); done || err != nil {
				if err != nil {
					return err
				}
				break
			}
		}
	}
	p.depth--
	if a != nil {
		a.span = span{start, p.pos}
		a.items = carve(&p.items, p.itemStack[base:])
		p.itemStack = p.itemStack[:base]
	}
	return nil
}

// maxChunk bounds the backing arrays carve starts, in elements: 3 MiB of
// members, 1 MiB of spans.
const maxChunk = 1 << 16

// carve copies xs to the end of the arena slice *pool and returns the copy,
// a slice of its own. When *pool has no room it starts a new backing array
// rather than growing the old one: the slices carved before point into the
// old array, so growing it would keep every outgrown copy alive (about
// five times the members of a 64 MiB list of permissions).
func carve[T any](pool *[]T, xs []T) []T {
	if cap(*pool)-len(*pool) < len(xs) {
		*pool = make([]T, 0, max(len(xs), min(2*cap(*pool), maxChunk)))
	}
	n := len(*pool)
	*pool = append(*pool, xs...)
	return (*pool)[n:len(*pool):len(*pool)]
}

// pile gathers the items of a list whose length is known only at its end,
// in chunks, and hands them over as one slice of that length. Appending to
// one slice copies a long list about five times over in all (a large slice
// grows by a quarter), each copy left for the collector: for a list of a
// million permissions, hundreds of megabytes.
type pile[T any] struct {
	full [][]T // the chunks filled so far
	last []T   // the chunk being filled
	n    int
}

func (p *pile[T]) add(v T) {
	if len(p.last) == cap(p.last) {
		if p.last != nil {
			p.full = append(p.full, p.last)
		}
		p.last = make([]T, 0, min(max(8, 2*cap(p.last)), maxChunk))
	}
	p.last = append(p.last, v)
	p.n++
}

// slice returns the items in one slice of their number.
func (p *pile[T]) slice() []T {
	if len(p.full) == 0 {
		return p.last[:len(p.last):len(p.last)]
	}
	out := make([]T, 0, p.n)
	for _, c := range p.full {
		out = append(out, c...)
	}
	return append(out, p.last...)
}

// next reads what follows a member or element: a comma before the next
// one, or the closing bracket, which it consumes and reports as done.
func (p *parser) next(closing byte, after string) (done bool, err error) {
	if err := p.ws(); err != nil {
		return false, err
	}
	switch {
	case p.pos < len(p.src) && p.src[p.pos] == ',':
		comma := p.pos
		p.pos++
		if err := p.ws(); err != nil {
			return false, err
		}
		if p.pos < len(p.src) && p.src[p.pos] == closing {
			return false, p.syntax(comma, fmt.Sprintf("trailing comma before '%c'; JSON does not allow one", closing))
		}
		return false, nil
	case p.pos < len(p.src) && p.src[p.pos] == closing:
		p.pos++
		return true, nil
	}
	return false, p.unexpected(fmt.Sprintf("',' or '%c' after %s", closing, after))
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > MaxDepth {
		return &SyntaxError{Pos: p.at(p.pos), Err: ErrTooDeep,
			Msg: fmt.Sprintf("arrays and objects nested more than %d deep", MaxDepth)}
	}
	return nil
}

// value validates and skips any JSON value at p.pos.
func (p *parser) value() error {
	if p.pos >= len(p.src) {
		return p.unexpected("a value")
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object(nil, nil)
	case c == '[':
		return p.array(nil, nil)
	case c == '"':
		_, err := p.str(false)
		return err
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	for _, w := range []string{"NaN", "Infinity", "+Infinity", "undefined"} {
		if hasPrefix(p.src[p.pos:], w) {
			return p.syntax(p.pos, w+" is not a JSON value")
		}
	}
	return p.unexpected("a value")
}

func (p *parser) literal(w string) error {
	if !hasPrefix(p.src[p.pos:], w) {
		if rest := p.src[p.pos:]; len(rest) < len(w) && string(rest) == w[:len(rest)] {
			return p.syntax(len(p.src), "unexpected end of input in "+w)
		}
		return p.unexpected("a value")
	}
	p.pos += len(w)
	return nil
}

func hasPrefix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}

func (p *parser) number() error {
	start := p.pos
	src := p.src
	i := p.pos
	if src[i] == '-' {
		i++
		if hasPrefix(src[i:], "Infinity") {
			return p.syntax(start, "-Infinity is not a JSON value")
		}
	}
	digits := func() int {
		n := 0
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(src) && src[i] == '0':
		i++
		if i < len(src) && src[i] >= '0' && src[i] <= '9' {
			return p.syntax(start, "invalid number: a leading zero is not allowed")
		}
	case digits() == 0:
		return p.syntax(start, "invalid number: want a digit after '-'")
	}
	if i < len(src) && src[i] == '.' {
		i++
		if digits() == 0 {
			return p.syntax(start, "invalid number: want a digit after '.'")
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if digits() == 0 {
			return p.syntax(start, "invalid number: want a digit in the exponent")
		}
	}
	p.pos = i
	return nil
}

// strPlain marks the ASCII bytes that stand for themselves in a string.
var strPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// Eight bytes of a string at a time: lo has 1 in each byte, hi 0x80.
const (
	lo = 0x0101010101010101
	hi = 0x8080808080808080
)

// special returns x, eight bytes of a string read little-endian, with the
// high bit set in each byte that does not stand for itself: a quote, a
// backslash, a control character or a byte of non-ASCII text. The lowest
// set bit is exact; bits above it may be set falsely, by the borrow of a
// subtraction, which only a special byte below them starts.
func special(x uint64) uint64 {
	q := x ^ (lo * '"')
	b := x ^ (lo * '\\')
	return ((x-lo*0x20)|(q-lo)|(b-lo))&^x&hi | x&hi
}

// plainRun returns the index of the first byte at or after i that does
// not stand for itself in a string, or len(src): eight bytes at a step,
// then one at a time. Most of a manifest's bytes are in strings, and most
// of those in long runs (certificates, descriptions, URLs).
func plainRun(src []byte, i int) int {
	for i+8 <= len(src) {
		if m := special(binary.LittleEndian.Uint64(src[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	for i < len(src) && strPlain[src[i]] {
		i++
	}
	return i
}

// str scans the string at p.pos and, when decode is set, returns its value.
func (p *parser) str(decode bool) (string, error) {
	src := p.src
	start := p.pos
	i := start + 1
	escaped := false
	for {
		i = plainRun(src, i)
		if i >= len(src) {
			return "", p.syntax(start, "unterminated string")
		}
		switch c := src[i]; {
		case c == '"':
			i++
			p.pos = i
			if !decode {
				return "", nil
			}
			if !escaped {
				return string(src[start+1 : i-1]), nil
			}
			var s string
			if err := json.Unmarshal(src[start:i], &s); err != nil {
				return "", p.syntax(start, "invalid string: "+err.Error())
			}
			return s, nil
		case c == '\\':
			escaped = true
			if i+1 >= len(src) {
				return "", p.syntax(start, "unterminated string")
			}
			switch src[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := 2; k < 6; k++ {
					if i+k >= len(src) || !isHex(src[i+k]) {
						return "", p.syntax(i, `invalid escape: want four hex digits after \u`)
					}
				}
				i += 6
			default:
				return "", p.syntax(i, fmt.Sprintf("invalid escape %s in string", describe(src, i+1)))
			}
		case c < 0x20:
			return "", p.syntax(i, fmt.Sprintf("control character U+%04X in string; JSON wants it escaped", c))
		default:
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size == 1 {
				return "", p.syntax(i, fmt.Sprintf("invalid UTF-8 byte 0x%02x in string", c))
			}
			i += size
		}
	}
}

// key scans an object key like str, without allocating for the keys this
// package looks for.
func (p *parser) key(decode bool) (string, error) {
	start := p.pos
	p.keyGuard = nil
	name, err := p.str(false)
	if err != nil || !decode {
		return name, err
	}
	raw := p.src[start+1 : p.pos-1]
	switch string(raw) { // the hottest ones first, without hashing
	case "id":
		return "id", nil
	case "type":
		return "type", nil
	case "Scope":
		return "Scope", nil
	case "Role":
		return "Role", nil
	case "resourceAppId":
		return "resourceAppId", nil
	case "resourceAccess":
		return "resourceAccess", nil
	}
	if k, ok := knownKeys()[string(raw)]; ok {
		p.keyGuard = k.top
		return k.name, nil
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw), nil
	}
	p.pos = start
	if name, err = p.str(true); err == nil {
		if k, ok := knownKeys()[name]; ok {
			p.keyGuard = k.top
		}
	}
	return name, err
}

// knownKey is a member name the package reads, interned; its guard when it
// is a guarded member of the top-level object; and the sets of top-level
// members of kind.go it is in.
type knownKey struct {
	name string
	top  *guard
	in   memberSets
}

// memberSets are sets of kind.go's lists of top-level members.
type memberSets uint8

const (
	ofApplication memberSets = 1 << iota
	ofLegacy
	ofShared
	ofServicePrincipal
)

// isMember reports whether name is a member of one of the sets in.
func isMember(name string, in memberSets) bool {
	return knownKeys()[name].in&in != 0
}

// knownKeys interns the member names the package reads, so that reading
// them allocates nothing, and finds the guards of top-level members and
// the sets they are in with one look-up. It is made on first use: a run
// that reads no manifest does not pay for it.
var knownKeys = sync.OnceValue(func() map[string]knownKey {
	m := make(map[string]knownKey)
	add := func(k string, in memberSets) {
		m[k] = knownKey{k, guards().find(k), m[k].in | in}
	}
	for _, k := range []string{RequiredResourceAccess, "resourceAppId", "resourceAccess", "id", "type", "additionalProperties", "Scope", "Role",
		"appId", "displayName", "name", "signInAudience", "web", "redirectUris", "redirectUriSettings",
		"replyUrlsWithType", "replyUrls", "url", "availableToOtherTenants", "@odata.type", "@odata.context", "value"} {
		add(k, 0)
	}
	for _, set := range []struct {
		names []string
		in    memberSets
	}{{applicationMembers, ofApplication}, {legacyMembers, ofLegacy}, {sharedMembers, ofShared}, {servicePrincipalMembers, ofServicePrincipal}} {
		for _, k := range set.names {
			add(k, set.in)
		}
	}
	for _, f := range fields {
		add(f.path[:strings.IndexByte(f.path+".", '.')], 0)
		for _, k := range f.each {
			add(k, 0)
		}
	}
	return m
})

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// ws skips white space and reports comments, which JSON does not allow.
// Most calls find none, or one space: those return here, inlined.
func (p *parser) ws() error {
	if p.pos < len(p.src) && !wsOrSlash[p.src[p.pos]] {
		return nil
	}
	return p.wsRun()
}

// wsOrSlash marks the bytes ws must look at: white space, and the '/'
// that starts a comment.
var wsOrSlash = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '/': true}

// space marks JSON's white space.
var space = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

func (p *parser) wsRun() error {
	src, i := p.src, p.pos
	for i < len(src) && space[src[i]] {
		i++
	}
	p.pos = i
	if i+1 < len(src) && src[i] == '/' && (src[i+1] == '/' || src[i+1] == '*') {
		return &SyntaxError{Pos: p.at(i), Err: ErrComment,
			Msg: "comment: JSON does not allow comments; remove it (the portal and Microsoft Graph reject it)"}
	}
	return nil
}

func (p *parser) at(off int) Position { return position(p.src, off, p.base) }

func (p *parser) syntax(off int, msg string) error {
	return &SyntaxError{Pos: p.at(off), Msg: msg, Err: ErrSyntax}
}

func (p *parser) unexpected(want string) error {
	if p.pos >= len(p.src) {
		return p.syntax(p.pos, "unexpected end of input; want "+want)
	}
	return p.syntax(p.pos, fmt.Sprintf("unexpected %s; want %s", describe(p.src, p.pos), want))
}

func (p *parser) shape(e *ShapeError) {
	if p.shapeErr == nil {
		p.shapeErr = e
	}
}

func (p *parser) shapeAt(off int, path jpath, format string, args ...any) {
	p.shape(&ShapeError{Path: path.String(), Pos: p.at(off), Err: ErrShape, Msg: fmt.Sprintf(format, args...)})
}

// describe names the byte at src[i] for an error message.
func describe(src []byte, i int) string {
	c := src[i]
	switch {
	case c == 0:
		return "NUL byte"
	case c < 0x20 || c == 0x7f:
		return fmt.Sprintf("control character U+%04X", c)
	case c < 0x80:
		return fmt.Sprintf("%q", rune(c))
	}
	r, size := utf8.DecodeRune(src[i:])
	if r == utf8.RuneError && size == 1 {
		return fmt.Sprintf("byte 0x%02x (not UTF-8)", c)
	}
	return fmt.Sprintf("%q", r)
}

// kind names the JSON kind of the value starting with c.
func kind(c byte) string {
	switch c {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// utf16 returns an error for input that is UTF-16 rather than UTF-8: it
// starts with a UTF-16 byte order mark, or with two ASCII characters each
// paired with a NUL byte. Windows PowerShell 5.1 writes UTF-16 with '>'.
// A UTF-32 byte order mark, whose little-endian form starts as UTF-16's
// does, is named as UTF-32.
func utf16(src []byte) error {
	order := ""
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(src, []byte{0, 0, 0xFE, 0xFF}):
		return &SyntaxError{Pos: Position{Line: 1, Column: 1}, Err: ErrSyntax, Msg: "the file is UTF-32, not UTF-8; save it as UTF-8"}
	case len(src) >= 2 && src[0] == 0xFF && src[1] == 0xFE,
		len(src) >= 4 && src[0] != 0 && src[0] < 0x80 && src[1] == 0 && src[2] != 0 && src[2] < 0x80 && src[3] == 0:
		order = "little"
	case len(src) >= 2 && src[0] == 0xFE && src[1] == 0xFF,
		len(src) >= 4 && src[0] == 0 && src[1] != 0 && src[1] < 0x80 && src[2] == 0 && src[3] != 0 && src[3] < 0x80:
		order = "big"
	default:
		return nil
	}
	return &SyntaxError{Pos: Position{Line: 1, Column: 1}, Err: ErrSyntax,
		Msg: "the file is UTF-16 (" + order + " endian), not UTF-8; save it as UTF-8 " +
			"(in Windows PowerShell 5.1, Out-File -Encoding utf8 or Set-Content -Encoding utf8 rather than '>')"}
}

// guarded parses a value at p.pos on a guarded path (p.path): in an
// object, a key the guard names may not repeat; the values of those keys,
// and the items of an array whose items are guarded, are parsed the same
// way. Keys are compared undecoded where they hold no escape, so that
// guarding allocates nothing.
func (p *parser) guarded(g *guard) error {
	switch c := p.src[p.pos]; {
	case c == '{' && g.kids != nil:
		base := len(p.seen)
		var folded []foldedKey
		err := p.object(nil, func(m member) error {
			raw := p.src[m.key.start+1 : m.key.end-1]
			sub := g.find(string(raw))
			if sub == nil && bytes.IndexByte(raw, '\\') >= 0 {
				end := p.pos
				p.pos = m.key.start
				m.name, _ = p.str(true)
				p.pos = end
				sub = g.find(m.name)
			}
			if sub == nil {
				name := m.name
				if name == "" {
					name = unsafe.String(unsafe.SliceData(raw), len(raw)) // not kept: f.name is
				}
				if f := g.findFold(name); f != nil {
					m.name = strings.Clone(name)
					folded = append(folded, foldedKey{m, f.name, p.pathString()})
				}
				return p.value()
			}
			m.name = sub.name
			return p.guardedMember(base, m, sub)
		})
		for _, f := range folded {
			p.miscased(f, p.twin(base, member{name: f.want}) != nil)
		}
		p.seen = p.seen[:base]
		return err
	case c == '[' && g.each != nil:
		return p.array(nil, func(i int) error {
			p.path = append(p.path, segment{index: i})
			err := p.guarded(g.each)
			p.path = p.path[:len(p.path)-1]
			return err
		})
	}
	return p.value()
}

// guardedMember parses the value of m, a guarded member of an object whose
// members seen so far are p.seen[base:], refusing m if it repeats one.
func (p *parser) guardedMember(base int, m member, g *guard) error {
	p.path = append(p.path, segment{name: m.name})
	if s := p.twin(base, m); s != nil {
		p.twice(p.pathString(), s, m)
	}
	p.seen = append(p.seen, m)
	var err error
	if g.kids == nil && g.each == nil {
		err = p.value() // a leaf: nothing inside is guarded
	} else {
		err = p.guarded(g)
	}
	p.path = p.path[:len(p.path)-1]
	return err
}

// twice records that m repeats the key of first, at path.
func (p *parser) twice(path string, first *member, m member) {
	p.shape(&ShapeError{Path: path, Pos: p.at(m.key.start), Err: ErrDuplicateKey,
		Msg: fmt.Sprintf("the key appears twice, at %s and %s; remove one of them", p.at(first.key.start), p.at(m.key.start))})
}

// foldedKey is a member whose name is that of a member the package reads
// in another case: want is the right spelling, and parent the JSON path of
// the object that holds it.
type foldedKey struct {
	m      member
	want   string
	parent string
}

// miscased records that f's key is a member the package reads, spelled in
// another case: property names are case-sensitive, so Microsoft Graph does
// not read it, and an edit would add a second member beside it. twin says
// whether the object holds the right spelling too. One rule for every
// member the package reads, requiredResourceAccess and the keys of its
// entries among them.
func (p *parser) miscased(f foldedKey, twin bool) {
	path := f.m.name
	if f.parent != "" {
		path = f.parent + "." + f.m.name
	}
	p.shape(misspelled(path, p.at(f.m.key.start), f.m.name, f.want, twin))
}

// misspelled is the error for a member name spelled in another case.
func misspelled(path string, pos Position, name, want string, twin bool) *ShapeError {
	msg := fmt.Sprintf("the key must be spelled %s: property names are case-sensitive, so Microsoft Graph does not read %s", want, name)
	if twin {
		msg = fmt.Sprintf("a mis-cased twin of %s, which Microsoft Graph does not read (property names are case-sensitive); move what it holds into %s and remove it", want, want)
	}
	return &ShapeError{Path: path, Pos: pos, Err: ErrShape, Msg: msg}
}

// twin returns the member among p.seen[base:] with m's name, or nil.
func (p *parser) twin(base int, m member) *member {
	for i := base; i < len(p.seen); i++ {
		if p.seen[i].name == m.name {
			return &p.seen[i]
		}
	}
	return nil
}

// segment is one step of a JSON path: a member's name, or an item's index
// when name is "".
type segment struct {
	name  string
	index int
}

func (p *parser) pathString() string {
	s := ""
	for _, seg := range p.path {
		switch {
		case seg.name == "":
			s += "[" + strconv.Itoa(seg.index) + "]"
		case s == "":
			s = seg.name
		default:
			s += "." + seg.name
		}
	}
	return s
}
