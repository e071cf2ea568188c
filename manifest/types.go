package manifest

import "strings"

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
		return strings.ToLower(s)
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
	return Permission{ResourceAppID: strings.ToLower(p.ResourceAppID), ID: strings.ToLower(p.ID), Type: p.Type}
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
	return identity{strings.ToLower(p.ResourceAppID), strings.ToLower(p.ID), p.Type}
}
