package manifest

import (
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

// The scanner and writer read eight bytes at a step (plainRun, unescaped,
// lower). These tests hold each to the byte-at-a-time rule it stands for,
// with every byte value at every place of a word and of the tail after it.

// wordCases returns strings of n bytes, 1 to 19, filled with fill, each
// with one byte set to every value at every place: the special byte first
// in its word, last, or in the tail that follows the last whole word.
func wordCases(fill byte) []string {
	var out []string
	for n := 1; n <= 19; n++ {
		for at := 0; at < n; at++ {
			for c := 0; c < 256; c++ {
				b := []byte(strings.Repeat(string(fill), n))
				b[at] = byte(c)
				out = append(out, string(b))
			}
		}
	}
	return out
}

func TestPlainRun(t *testing.T) {
	want := func(src []byte, i int) int {
		for i < len(src) && src[i] >= 0x20 && src[i] < 0x80 && src[i] != '"' && src[i] != '\\' {
			i++
		}
		return i
	}
	for _, fill := range []byte{'a', ' ', 0x7f} {
		for _, s := range wordCases(fill) {
			for from := 0; from <= min(len(s), 9); from++ {
				if got, want := plainRun([]byte(s), from), want([]byte(s), from); got != want {
					t.Fatalf("plainRun(%q, %d) = %d; want %d", s, from, got, want)
				}
			}
		}
	}
}

func TestUnescaped(t *testing.T) {
	want := func(s string, i int) int {
		for i < len(s) && s[i] >= 0x20 && s[i] != '"' && s[i] != '\\' {
			i++
		}
		return i
	}
	for _, fill := range []byte{'a', 0xc3, 0xff} {
		for _, s := range wordCases(fill) {
			for from := 0; from <= min(len(s), 9); from++ {
				if got, want := unescaped(s, from), want(s, from); got != want {
					t.Fatalf("unescaped(%q, %d) = %d; want %d", s, from, got, want)
				}
			}
		}
	}
}

func TestLower(t *testing.T) {
	for _, fill := range []byte{'a', '0', '-', 'Z'} {
		for _, s := range wordCases(fill) {
			if got, want := lower(s), strings.ToLower(s); got != want {
				t.Fatalf("lower(%q) = %q; want %q", s, got, want)
			}
		}
	}
	// Already lower case: the same string, not a copy.
	s := "9d8982ae-4365-4f57-95e9-d6032a4c0b87"
	if got := lower(s); got != s || unsafe.StringData(got) != unsafe.StringData(s) {
		t.Fatalf("lower(%q) = %q", s, got)
	}
}

func TestAppendString(t *testing.T) {
	// The rule: quote and backslash escaped, control characters escaped
	// (\n, \r, \t by name), everything else, non-ASCII text too, as it is.
	want := func(s string) string {
		var b strings.Builder
		b.WriteByte('"')
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c == '"' || c == '\\':
				b.WriteString(`\` + string(c))
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case c == '\t':
				b.WriteString(`\t`)
			case c < 0x20:
				b.WriteString(`\u00` + string("0123456789abcdef"[c>>4]) + string("0123456789abcdef"[c&0xf]))
			default:
				b.WriteByte(c)
			}
		}
		b.WriteByte('"')
		return b.String()
	}
	for _, fill := range []byte{'a', 0xe6, '"'} {
		for _, s := range wordCases(fill) {
			if got, want := string(appendString([]byte("x"), s)), "x"+want(s); got != want {
				t.Fatalf("appendString(%q) = %q; want %q", s, got, want)
			}
		}
	}
	if s := "Zugriff über 共有カレンダー"; !utf8.ValidString(s) || string(appendString(nil, s)) != `"`+s+`"` {
		t.Fatalf("non-ASCII text was escaped: %s", appendString(nil, s))
	}
}

func TestIsGUID(t *testing.T) {
	want := func(s string) bool {
		if len(s) != 36 {
			return false
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch i {
			case 8, 13, 18, 23:
				if c != '-' {
					return false
				}
			default:
				if !isHex(c) {
					return false
				}
			}
		}
		return true
	}
	for _, base := range []string{"9d8982ae-4365-4f57-95e9-d6032a4c0b87", "ABCDEF01-2345-6789-ABCD-EF0123456789", "00000000-0000-0000-0000-000000000000"} {
		for at := 0; at < len(base); at++ {
			for c := 0; c < 256; c++ {
				s := base[:at] + string(rune(0)) + base[at+1:]
				s = s[:at] + string([]byte{byte(c)}) + s[at+1:]
				if got := IsGUID(s); got != want(s) {
					t.Fatalf("IsGUID(%q) = %v; want %v", s, got, !got)
				}
			}
		}
	}
	for _, s := range []string{"", "9d8982ae-4365-4f57-95e9-d6032a4c0b8", "9d8982ae-4365-4f57-95e9-d6032a4c0b877", "{9d8982ae-4365-4f57-95e9-d6032a4c0b8}"} {
		if IsGUID(s) {
			t.Errorf("IsGUID(%q) = true", s)
		}
	}
}
