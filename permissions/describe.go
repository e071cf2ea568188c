package permissions

import (
	"fmt"
	"strings"

	"github.com/manifestpatch/manifestpatch/internal/wording"
	"github.com/manifestpatch/manifestpatch/manifest"
)

// Status says what the catalog makes of a permission a manifest lists.
type Status int

const (
	// StatusKnown: the catalog knows the permission, and it is enabled.
	StatusKnown Status = iota
	// StatusDisabled: the catalog knows the permission, and Microsoft has
	// disabled it.
	StatusDisabled
	// StatusRemoved: Microsoft removed the permission from the resource,
	// on the date of Catalog.Removed.
	StatusRemoved
	// StatusWrongType: the id is a permission of the other type on the
	// same resource (a delegated permission's id listed as "Role").
	StatusWrongType
	// StatusUnknownID: the id is a GUID the catalog does not list for the
	// resource.
	StatusUnknownID
	// StatusUnknownName: the id is neither a GUID nor a name the catalog
	// knows for the resource.
	StatusUnknownName
	// StatusUnlisted: the catalog knows the resource but lists none of its
	// permissions, so it can say nothing of this one.
	StatusUnlisted
	// StatusUnknownResource: the catalog does not know the resource, so it
	// cannot say anything of the permission.
	StatusUnknownResource
	// StatusPlaceholder: the resource or the id is a template placeholder
	// (${{API_APP_ID}}), filled in when the template is built.
	StatusPlaceholder
)

// Exists reports whether d is of a permission the resource publishes, or
// may: not one the catalog shows does not exist (the other type's id, a
// GUID or name missing from a complete list, a removed one).
func (d Description) Exists() bool {
	switch d.Status {
	case StatusWrongType, StatusRemoved:
		return false
	case StatusUnknownID, StatusUnknownName:
		return !d.ResourceComplete
	}
	return true
}

// IsPlaceholder reports whether s is a template placeholder, such as
// Teams Toolkit's ${{API_APP_ID}}: it stands for a value filled in when
// the template is built, and is not checked.
func IsPlaceholder(s string) bool {
	return strings.HasPrefix(s, "${{") && strings.HasSuffix(s, "}}")
}

// Description is a permission as the catalog knows it, in words.
type Description struct {
	// Permission is the permission as the manifest writes it, by GUID or
	// by name.
	Permission manifest.Permission
	// Canonical is the permission with the GUIDs the catalog knows for
	// names, in lower case.
	Canonical manifest.Permission
	Status    Status
	// Resource is the resource's name, or its app id as written when the
	// catalog does not know it.
	Resource string
	// Name is the permission's value ("User.Read"); for StatusWrongType
	// the value of the other type's permission; otherwise the id as
	// written.
	Name string
	// ResourceComplete reports whether the catalog lists every permission
	// of the resource, so that an id it lacks is likely a mistake.
	ResourceComplete bool
	// ResourceAsOf says where the catalog's list of the resource comes
	// from: the built-in data's date ("2026-08-19"), with the export that
	// refreshed it ("2026-08-19 and graph-sp.json"), or "" when the catalog
	// lists none.
	ResourceAsOf string
	// byName reports whether the manifest writes the permission by name.
	byName bool
	// Catalog is the catalog's entry for a known, disabled or removed
	// permission, and for StatusWrongType the entry of the other type.
	Catalog Permission
	// Suggestions are, for StatusUnknownName, the closest names of the
	// permission's type the resource publishes.
	Suggestions []string
}

// Describe looks a permission up in the catalog, by GUID or by name.
func (cat *Catalog) Describe(p manifest.Permission) Description {
	cat = cat.get()
	if d, ok := cat.memo.load(p); ok {
		return d
	}
	d := cat.lookUp(p)
	cat.memo.store(p, d)
	return d
}

// lookUp is Describe without the memo.
func (cat *Catalog) lookUp(p manifest.Permission) Description {
	c := cat.canonical(p)
	r, ok := cat.LookupResource(c.ResourceAppID)
	return cat.describe(p, c, r, ok)
}

// describe classifies p, whose canonical form is c, on the resource r the
// catalog knows (ok) or does not: the one place that decides whether a
// permission is known, disabled, removed, of the wrong type or unknown.
func (cat *Catalog) describe(p, c manifest.Permission, r Resource, ok bool) Description {
	d := Description{Permission: p, Canonical: c, Resource: p.ResourceAppID, Name: p.ID, Status: StatusUnknownResource}
	if ok {
		d.Resource, d.ResourceComplete, d.ResourceAsOf = r.Name, r.Complete, r.asOf()
	}
	switch {
	case IsPlaceholder(p.ResourceAppID) || IsPlaceholder(p.ID):
		d.Status, d.ResourceComplete = StatusPlaceholder, false
		return d
	case !ok:
		return d
	}
	if e, ok := cat.Lookup(r.AppID, c.ID, c.Type); ok {
		d.Name, d.Catalog, d.byName = e.Value, e, !manifest.IsGUID(p.ID)
		switch {
		case e.Removed != "":
			d.Status = StatusRemoved
		case !e.Enabled:
			d.Status = StatusDisabled
		default:
			d.Status = StatusKnown
		}
		return d
	}
	if r.asOf() == "" {
		d.Status = StatusUnlisted
		return d
	}
	var o Permission
	if manifest.IsGUID(c.ID) {
		o, ok = cat.Lookup(r.AppID, c.ID, c.Type.Other())
	} else {
		o, ok = cat.LookupValue(r.AppID, c.ID, c.Type.Other()) // a name of the other type is still a wrong type
	}
	switch {
	case ok && o.Removed == "":
		d.Name, d.Catalog, d.Status = o.Value, o, StatusWrongType
	case manifest.IsGUID(c.ID):
		d.Status = StatusUnknownID
	default:
		d.Status = StatusUnknownName
		d.Suggestions = cat.suggestOf(r.AppID, c.ID, c.Type, 3)
	}
	return d
}

// String is the permission in words: "Microsoft Graph User.Read (delegated)".
func (d Description) String() string {
	if d.Status == StatusWrongType {
		// Name is the other type's permission: say which it is, and how
		// the manifest lists it.
		return d.Resource + " " + d.Name + " (" + wording.Kind(d.Permission.Type.Other()) + ", listed as \"" + string(d.Permission.Type) + "\")"
	}
	return d.Resource + " " + d.Name + " (" + wording.Kind(d.Permission.Type) + ")"
}

// Note says in a few words what is wrong with a permission the catalog does
// not know as written, or that it is written by name; "" for a known
// permission written by GUID.
func (d Description) Note() string {
	switch d.Status {
	case StatusKnown:
		switch {
		case d.byName:
			return "written by name"
		case d.Catalog.Hidden:
			return "hidden by Microsoft: it works, but the portal no longer lists it"
		}
		return ""
	case StatusDisabled:
		return "disabled by Microsoft"
	case StatusRemoved:
		return "removed by Microsoft on " + d.Catalog.Removed
	case StatusWrongType:
		t := d.Permission.Type
		return fmt.Sprintf("wrong type: %s is %s permission, listed as %q", d.Name, wording.WithArticle(wording.Kind(t.Other())), t)
	case StatusUnknownID:
		if !d.ResourceComplete {
			return fmt.Sprintf("not in the catalog's partial list of %s (%s): see --catalog", d.Resource, d.ResourceAsOf)
		}
		return fmt.Sprintf("unknown: not in the catalog of %s; a mistyped GUID, or newer than the catalog: see --catalog", d.ResourceAsOf)
	case StatusUnknownName:
		msg := fmt.Sprintf("unknown: %s publishes no %s permission by that name", d.Resource, wording.Kind(d.Permission.Type))
		if !d.ResourceComplete {
			msg = fmt.Sprintf("not in the catalog's partial list of %s (%s)", d.Resource, d.ResourceAsOf)
		}
		return msg + wording.DidYouMean(d.Suggestions)
	case StatusUnlisted:
		return "not checked: the catalog lists no permissions of " + d.Resource
	case StatusPlaceholder:
		return "a template placeholder, not checked"
	}
	return "unknown resource: not in the catalog"
}

// DescribeAll words a list of permissions, naming the resource and the
// kind once for a run of permissions that share them:
// "Microsoft Graph openid, profile (delegated); Azure AD Graph User.Read (delegated)".
func (cat *Catalog) DescribeAll(ps []manifest.Permission) string {
	var b strings.Builder
	for i, p := range ps {
		d := cat.Describe(p)
		if i > 0 && cat.sameGroup(ps[i-1], p) {
			b.WriteString(", " + d.Name)
		} else {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(d.Resource + " " + d.Name)
		}
		if i == len(ps)-1 || !cat.sameGroup(p, ps[i+1]) {
			b.WriteString(" (" + wording.Kind(p.Type) + ")")
		}
	}
	return b.String()
}

func (cat *Catalog) sameGroup(p, q manifest.Permission) bool {
	return p.Type == q.Type && strings.EqualFold(cat.Canonical(manifest.Permission{ResourceAppID: p.ResourceAppID}).ResourceAppID,
		cat.Canonical(manifest.Permission{ResourceAppID: q.ResourceAppID}).ResourceAppID)
}
