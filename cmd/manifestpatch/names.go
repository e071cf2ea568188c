package main

import (
	"fmt"
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// named is a permission with the names the catalog knows for it.
type named struct {
	manifest.Permission
	Resource      string // the resource's name, or its app id when unknown
	Name          string // the permission's value, or its id when unknown
	Known         bool   // the catalog knows the permission
	ResourceKnown bool   // the catalog knows the resource
	Complete      bool   // the catalog lists all of the resource's permissions
	AdminConsent  bool
	DisplayName   string
	Enabled       bool
}

// canonical and spell are the catalog's mappings between names and GUIDs.
var (
	canonical = permissions.Canonical
	spell     = permissions.Spell
)

// name looks p up in the catalog, by GUID or by name.
func name(p manifest.Permission) named {
	n := named{Permission: p, Resource: p.ResourceAppID, Name: p.ID}
	p = canonical(p)
	if r, ok := permissions.LookupResource(p.ResourceAppID); ok {
		n.Resource, n.ResourceKnown, n.Complete = r.Name, true, r.Complete
		if c, ok := permissions.Lookup(r.AppID, p.ID, p.Type); ok {
			n.Name, n.Known = c.Value, true
			n.AdminConsent, n.DisplayName, n.Enabled = c.AdminConsent, c.DisplayName, c.Enabled
		}
	}
	return n
}

// kind words a permission type.
func kind(t manifest.Type) string {
	if t == manifest.Role {
		return "application"
	}
	return "delegated"
}

// String is the permission in words: "Microsoft Graph User.Read (delegated)".
func (n named) String() string {
	return fmt.Sprintf("%s %s (%s)", n.Resource, n.Name, kind(n.Type))
}

// describeAll words a list of permissions, naming the resource and the
// kind once for a run of permissions that share them:
// "Microsoft Graph openid, profile (delegated); Azure AD Graph User.Read (delegated)".
func describeAll(ps []manifest.Permission) string {
	var b strings.Builder
	for i, p := range ps {
		n := name(p)
		if i > 0 && sameGroup(ps[i-1], p) {
			b.WriteString(", " + n.Name)
		} else {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(n.Resource + " " + n.Name)
		}
		if i == len(ps)-1 || !sameGroup(p, ps[i+1]) {
			b.WriteString(" (" + kind(p.Type) + ")")
		}
	}
	return b.String()
}

func sameGroup(p, q manifest.Permission) bool {
	return p.Type == q.Type && strings.EqualFold(p.ResourceAppID, q.ResourceAppID)
}
