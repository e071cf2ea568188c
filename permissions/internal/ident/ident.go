// Package ident holds what the permission catalog and its generator must
// agree on: the application ids of the well-known resources, and how names
// and GUIDs compare.
package ident

import "strings"

// Application ids of the resources the catalog lists first and the
// calendar-sync profile uses.
const (
	MicrosoftGraph = "00000003-0000-0000-c000-000000000000"
	ExchangeOnline = "00000002-0000-0ff1-ce00-000000000000"
	AzureADGraph   = "00000002-0000-0000-c000-000000000000"
)

// CompareFold compares a and b byte by byte with ASCII letters folded to
// lower case. Only ASCII is folded: the catalog's identifiers are ASCII,
// and folding other letters (the Kelvin sign to k) would let look-alike
// input match.
func CompareFold(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		if ca == cb {
			continue
		}
		if ca, cb = LowerByte(ca), LowerByte(cb); ca != cb {
			return int(ca) - int(cb)
		}
	}
	return len(a) - len(b)
}

// LowerByte folds an ASCII upper-case letter to lower case.
func LowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Normalize returns the form in which resource names are compared: ASCII
// lower case, without spaces, dots, dashes and underscores.
func Normalize(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '.', '-', '_':
		default:
			b = append(b, LowerByte(c))
		}
	}
	return string(b)
}

// Key makes a short identifier from a display name, for a resource that
// has no published key: its ASCII letters and digits, each word starting
// with an upper-case letter ("Power BI Service" gives "PowerBIService").
func Key(name string) string {
	b := make([]byte, 0, len(name))
	start := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z':
			if start {
				c -= 'a' - 'A'
			}
			b = append(b, c)
			start = false
		case 'A' <= c && c <= 'Z' || '0' <= c && c <= '9':
			b = append(b, c)
			start = false
		default:
			start = true
		}
	}
	return string(b)
}

// LowerASCII returns s with its ASCII letters in lower case: the form in
// which CompareFold compares it, so that CompareFold(a, b) has the sign of
// strings.Compare(LowerASCII(a), LowerASCII(b)).
func LowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = LowerByte(b[j])
			}
			return string(b)
		}
	}
	return s
}

// ComparePermissions gives the order of a resource's permissions in the
// catalog: by name ignoring ASCII case, then by name, type and id.
func ComparePermissions(aValue, aType, aID, bValue, bType, bID string) int {
	if c := CompareFold(aValue, bValue); c != 0 {
		return c
	}
	if c := strings.Compare(aValue, bValue); c != 0 {
		return c
	}
	if c := strings.Compare(aType, bType); c != 0 {
		return c
	}
	return strings.Compare(aID, bID)
}
