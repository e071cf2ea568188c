package permissions

import (
	"github.com/manifestpatch/manifestpatch/manifest"
)

// Canonical is Builtin().Canonical.
func Canonical(p manifest.Permission) manifest.Permission { return builtin.Canonical(p) }

// Spell is Builtin().Spell.
func Spell(p manifest.Permission) manifest.Permission { return builtin.Spell(p) }
