package permissions

import (
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// Answer is what the catalog knows of a query.
type Answer struct {
	// Resource is set when the query names a resource.
	Resource *Resource
	// Permissions are the permissions the query names.
	Permissions []Permission
	// Suggestions are the closest known names when the query names
	// nothing.
	Suggestions []string
}

// Found reports whether the query named anything.
func (a Answer) Found() bool { return a.Resource != nil || len(a.Permissions) > 0 }

// Query answers a question a user may ask of the catalog: q is a
// permission name ("Calendars.Read", every resource's and type's), a
// "RESOURCE/NAME" (both types), a GUID (every permission with that id), or
// a resource's name, key, alias or app id.
func (cat *Catalog) Query(q string) Answer {
	q = strings.TrimSpace(q)
	if r, ok := cat.LookupResource(q); ok {
		return Answer{Resource: &r}
	}
	if manifest.IsGUID(q) {
		return Answer{Permissions: cat.findID(q)}
	}
	if res, value, ok := strings.Cut(q, "/"); ok {
		r, ok := cat.LookupResource(strings.TrimSpace(res))
		if !ok {
			return Answer{Suggestions: cat.suggestResource(res, 3)}
		}
		value = strings.TrimSpace(value)
		var a Answer
		for _, t := range []manifest.Type{manifest.Scope, manifest.Role} {
			// Every match: one resource can give one name two ids.
			a.Permissions = append(a.Permissions, cat.lookupValues(r.AppID, value, t)...)
		}
		if len(a.Permissions) == 0 {
			a.Suggestions = cat.suggest(r.AppID, value, 3)
		}
		return a
	}
	a := Answer{Permissions: cat.findValue(q)}
	if len(a.Permissions) == 0 {
		a.Suggestions = cat.suggest(MicrosoftGraphID, q, 3)
	}
	return a
}
