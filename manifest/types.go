package manifest

import "strings"

// lower returns strings.ToLower(s). Identifiers are compared in lower case
// many times per Apply, and nearly all are ASCII already in lower case:
// those are found so eight bytes at a step, and returned as they are.
func lower(s string) string {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// Non-ASCII, or a byte from 'A' to 'Z': adding 0x80-'A' sets the
		// high bit of a byte from 'A' up, adding 0x80-'Z'-1 of one past 'Z';
		// neither carries out of an ASCII byte.
		if x&hi != 0 || (x+lo*(0x80-'A'))&^(x+lo*(0x80-'Z'-1))&hi != 0 {
			return strings.ToLower(s)
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// IsGUID reports whether s has the form of a GUID:
// 8-4-4-4-12 hexadecimal digits, in either case.
func IsGUID(s string) bool {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return false
	}
	return allHex(s[:8]) && allHex(s[9:13]) && allHex(s[14:18]) && allHex(s[19:23]) && allHex(s[24:])
}

// allHex reports whether every byte of s is a hexadecimal digit.
func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !hexDigit[s[i]] {
			return false
		}
	}
	return true
}

// hexDigit marks the bytes that are hexadecimal digits, in either case.
var hexDigit = [256]bool{
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true,
	'a': true, 'b': true, 'c': true, 'd': true, 'e': true, 'f': true,
	'A': true, 'B': true, 'C': true, 'D': true, 'E': true, 'F': true,
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
