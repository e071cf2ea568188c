package permissions

import (
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// Canonical maps a permission as a manifest may write it, by GUID or by
// name ("Microsoft Graph", "User.Read"), to its GUIDs in lower case. What the
// catalog does not know is returned as it is. With ID empty it maps the
// resource alone. It suits manifest.Options.Canonical.
func Canonical(p manifest.Permission) manifest.Permission {
	if manifest.IsGUID(p.ID) {
		p.ID = strings.ToLower(p.ID)
	}
	r, ok := LookupResource(p.ResourceAppID)
	if !ok {
		if manifest.IsGUID(p.ResourceAppID) {
			p.ResourceAppID = strings.ToLower(p.ResourceAppID)
		}
		return p
	}
	p.ResourceAppID = r.AppID
	if p.ID != "" && !manifest.IsGUID(p.ID) {
		if c, ok := LookupValue(r.AppID, p.ID, p.Type); ok {
			p.ID = c.ID
		}
	}
	return p
}

// Spell maps a permission to its name in the catalog ("User.Read"), for
// templates that name their permissions; what the catalog does not know
// keeps its id. It suits manifest.Options.Spell.
func Spell(p manifest.Permission) manifest.Permission {
	if c, ok := Lookup(p.ResourceAppID, p.ID, p.Type); ok {
		p.ID = c.Value
	}
	return p
}

// describe words a canonical permission: "Microsoft Graph User.Read (delegated)".
func describe(p manifest.Permission) string { return Describe(p).String() }

func kindOf(t manifest.Type) string { return Kind(t) }
