package manifest

import (
	"encoding/binary"
	"strings"
	"unsafe"
)

// lower returns strings.ToLower(s). Identifiers are compared in lower case
// many times per Apply, and nearly all are ASCII already in lower case:
// those are found so eight bytes at a step, and returned as they are.
func lower(s string) string {
	if len(s) < 8 {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
				return strings.ToLower(s)
			}
		}
		return s
	}
	// Whole words, and the last eight bytes for what is left over.
	for i := 0; ; i += 8 {
		if i+8 > len(s) {
			i = len(s) - 8
		}
		if x := word(s, i); upperOrWide(x) {
			return strings.ToLower(s)
		}
		if i+8 == len(s) {
			return s
		}
	}
}

// upperOrWide reports whether one of the eight bytes of x is non-ASCII or
// from 'A' to 'Z': adding 0x80-'A' sets the high bit of a byte from 'A'
// up, adding 0x80-'Z'-1 of one past 'Z', and neither carries out of an
// ASCII byte.
func upperOrWide(x uint64) bool {
	return x&hi != 0 || (x+lo*(0x80-'A'))&^(x+lo*(0x80-'Z'-1))&hi != 0
}

// IsGUID reports whether s has the form of a GUID:
// 8-4-4-4-12 hexadecimal digits, in either case.
func IsGUID(s string) bool {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return false
	}
	// Five words, the last two overlapping, cover the 32 digits; in the
	// second and third the dashes, checked above, count as digits.
	w0, w1, w2, w3, w4 := word(s, 0), word(s, 9), word(s, 17), word(s, 25), word(s, 28)
	if (w0|w1|w2|w3|w4)&hi != 0 {
		return false // non-ASCII: the sums below would carry between bytes
	}
	const dash1, dash2 = 0x80 << 32, 0x80<<8 | 0x80<<48 // s[13]; s[18], s[23]
	return hexBytes(w0)&hexBytes(w3)&hexBytes(w4)&(hexBytes(w1)|dash1)&(hexBytes(w2)|dash2) == hi
}

// word returns the eight bytes of s from i, little-endian, in one load.
func word(s string, i int) uint64 {
	return binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s), len(s))[i:])
}

// hexBytes returns x, eight ASCII bytes, with the high bit set in each that
// is a hexadecimal digit: from '0' up and not past '9', or, with the case
// bit set, from 'a' up and not past 'f'. No sum carries out of its byte.
func hexBytes(x uint64) uint64 {
	digit := (x + lo*(0x80-'0')) &^ (x + lo*(0x80-'9'-1))
	y := x | lo*0x20
	letter := (y + lo*(0x80-'a')) &^ (y + lo*(0x80-'f'-1))
	return (digit | letter) & hi
}

// lowerGUID returns s in lower case when it is a GUID, and s otherwise.
func lowerGUID(s string) string {
	if IsGUID(s) {
		return lower(s)
	}
	return s
}

// Type is the kind of a permission: a delegated scope or an application role.
// The values are case-sensitive, as Microsoft Graph treats them.
type Type string

const (
	// Scope is a delegated permission: the app acts as the signed-in user.
	Scope Type = "Scope"
	// Role is an application permission: the app acts as itself, with no user.
	Role Type = "Role"
)

// Valid reports whether t is Scope or Role.
func (t Type) Valid() bool { return t == Scope || t == Role }

// Other returns the other type: Scope for Role, Role for anything else.
func (t Type) Other() Type {
	if t == Role {
		return Scope
	}
	return Role
}

// Access is one element of a resource entry's resourceAccess list.
type Access struct {
	ID   string
	Type Type
}

// Resource is one element of requiredResourceAccess: a resource application
// and the permissions requested on it.
type Resource struct {
	ResourceAppID  string
	ResourceAccess []Access
}

// Permission identifies one permission: the resource application, the
// permission id and its type. The same id can be both a Scope and a Role, and
// the same permission name exists under several resources with different ids,
// so all three parts are needed.
type Permission struct {
	ResourceAppID string
	ID            string
	Type          Type
}

// Equal reports whether p and q name the same permission. Identifiers are
// compared case-insensitively, as GUIDs are; the type is compared exactly.
func (p Permission) Equal(q Permission) bool {
	return p.Type == q.Type && strings.EqualFold(p.ResourceAppID, q.ResourceAppID) && strings.EqualFold(p.ID, q.ID)
}

// Fold returns p as Apply compares permissions: both identifiers in lower
// case, the type as it is. Two permissions are the same one exactly when
// their Folds are equal.
func (p Permission) Fold() Permission {
	return Permission{ResourceAppID: lower(p.ResourceAppID), ID: lower(p.ID), Type: p.Type}
}

// Set is a list of wanted permissions, grouped by resource, in the order they
// should be written.
type Set []Resource

// Permissions returns the permissions of s in order, one per (resource, id,
// type), without repeats.
func (s Set) Permissions() []Permission {
	var out []Permission
	seen := make(map[identity]bool)
	for _, r := range s {
		for _, a := range r.ResourceAccess {
			p := Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}
			k := identityOf(p)
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// identity is the case-folded identity of a permission, for maps.
type identity struct {
	app, id string
	typ     Type
}

func identityOf(p Permission) identity {
	return identity{lower(p.ResourceAppID), lower(p.ID), p.Type}
}
