package check

import (
	"fmt"
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// Limits bound what a manifest may list besides what is wanted, as a
// repository's policy sets them per manifest (profile.Policy): what is
// listed past them is a forbidden or not-allowed finding, an error, at the
// permission's position. Apply does not remove such a permission in merge
// mode: the finding asks for a person's decision.
type Limits struct {
	// Only, when set, allows nothing beyond the wanted set but Permit: any
	// other permission listed is not-allowed.
	Only   bool
	Permit manifest.Set
	// Forbid lists permissions no manifest may list.
	Forbid manifest.Set
	// ForbidResources lists resources, by app id, none of whose
	// permissions a manifest may list.
	ForbidResources []string
	// MaxTier, when not TierUnknown, is the most privileged tier allowed:
	// TierManagementPlane forbids ControlPlane permissions, TierUserAccess
	// forbids ManagementPlane ones too. A permission with no tier is not
	// forbidden by it.
	MaxTier permissions.Tier
	// MaxLevel, when not 0, is the highest of Microsoft's privilege levels
	// (1 to 5) allowed. A permission with no level is not forbidden by it.
	MaxLevel int
	// NoApplication forbids application permissions.
	NoApplication bool
}

// limits are Limits prepared for the lints: the sets canonical.
type limits struct {
	Limits
	permit, forbid map[manifest.Permission]bool
	resources      map[string]bool // canonical app ids, lower case
}

// prepare checks l and maps its sets to their canonical form.
func (l *Limits) prepare(cat *permissions.Catalog) (*limits, error) {
	if l == nil {
		return nil, nil
	}
	if l.MaxLevel < 0 || l.MaxLevel > 5 {
		return nil, fmt.Errorf("check: limits: the highest privilege level allowed is %d; levels run from 1 to 5", l.MaxLevel)
	}
	p := &limits{Limits: *l, permit: wantedKeys(cat, l.Permit), forbid: wantedKeys(cat, l.Forbid), resources: make(map[string]bool)}
	for _, app := range l.ForbidResources {
		p.resources[strings.ToLower(cat.Canonical(manifest.Permission{ResourceAppID: app}).ResourceAppID)] = true
	}
	return p, nil
}

// forbidden words why the limits forbid the permission d describes, whose
// canonical form is key, or returns "".
func (l *limits) forbidden(key manifest.Permission, d permissions.Description) string {
	var why []string
	c := d.Catalog
	known := d.Exists()
	if l.forbid[key] {
		why = append(why, "it is on the list of forbidden permissions")
	}
	if l.resources[strings.ToLower(key.ResourceAppID)] {
		why = append(why, "every permission of "+d.Resource+" is forbidden")
	}
	if l.NoApplication && key.Type == manifest.Role && known {
		why = append(why, "application permissions are forbidden")
	}
	if known && l.MaxTier != permissions.TierUnknown && c.Tier != permissions.TierUnknown && c.Tier < l.MaxTier {
		why = append(why, fmt.Sprintf("its EntraOps tier %s is above %s, the most allowed", c.Tier, l.MaxTier))
	}
	if known && l.MaxLevel != 0 && c.Level > l.MaxLevel {
		why = append(why, fmt.Sprintf("its privilege level %d of 5 is above %d, the most allowed", c.Level, l.MaxLevel))
	}
	return strings.Join(why, "; ")
}
