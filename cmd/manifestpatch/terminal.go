package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"unicode/utf8"
)

// This file keeps what a manifest, an export or a file name holds from
// acting on the terminal: an ESC starts a colour or retitles the window, a
// CR returns to the start of the line and hides what came before it, a
// bidi override reorders what follows, a newline in a value splits a
// message in two. Text output escapes them as Go does in a string literal
// (\x1b, \r, \u202e); JSON and SARIF escape what JSON must, and apply
// writes files byte for byte.

// unsafeRune reports whether r may not reach a terminal as it is: a C0 or C1
// control character or DEL, a bidirectional formatting character, a line
// or paragraph separator, or (as utf8.RuneError of width 1) a byte that is
// not UTF-8. lines says whether newline and tab may: they may between
// lines, not inside a value.
func unsafeRune(r rune, lines bool) bool {
	switch {
	case r == '\n' || r == '\t':
		return !lines
	case r < 0x20 || r == 0x7f || 0x80 <= r && r < 0xa0:
		return true
	case 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0x2028 || r == 0x2029:
		return true
	}
	return false
}

// escape returns s with each unsafe rune written as an escape; it returns s
// itself when nothing in it is unsafe.
func escape(s string, lines bool) string {
	i := 0
	for i < len(s) && ' ' <= s[i] && s[i] < 0x7f {
		i++ // printable ASCII, safe: most of what is written
	}
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, lines) || r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	b := []byte(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = fmt.Appendf(b, `\x%02x`, s[i])
		case !unsafeRune(r, lines):
			b = append(b, s[i:i+size]...)
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r == '\t':
			b = append(b, `\t`...)
		case r < 0x80:
			b = fmt.Appendf(b, `\x%02x`, r)
		default:
			b = fmt.Appendf(b, `\u%04x`, r)
		}
		i += size
	}
	return string(b)
}

// inline escapes a value that is written inside a line of text: a name,
// an id, a URI, an audience.
func inline(s string) string { return escape(s, false) }

// shownName is a file name as apply -d's headers give it: as it is, or
// quoted as a Go string (as diff -u quotes it, in C's way) when it holds
// what a terminal would act on or a newline that would split the header.
func shownName(name string) string {
	if escape(name, false) == name {
		return name
	}
	return strconv.Quote(name)
}

// termWriter escapes what is unsafe in lines of text on their way to w,
// keeping newlines and tabs: standard error, whose messages quote values
// from files, exports and arguments.
type termWriter struct{ w io.Writer }

func (t termWriter) Write(p []byte) (int, error) {
	s := escape(string(p), true)
	if _, err := io.WriteString(t.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}

// interactive reports whether w is a terminal: a character device other
// than the null device, which is one too.
func interactive(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(info, null)
}
