package permissions

import (
	"fmt"
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// Lint codes: stable short names for each kind of finding, which users can
// silence one by one.
const (
	LintAADGraphRetired     = "aad-graph-retired"
	LintEWSRetired          = "ews-retired"
	LintDuplicate           = "duplicate"
	LintUpperCaseGUID       = "uppercase-guid"
	LintMalformedGUID       = "malformed-guid"
	LintDisabled            = "disabled"
	LintUnknownPermission   = "unknown-permission"
	LintWrongType           = "wrong-type"
	LintTooManyResources    = "too-many-resources"
	LintTooManyPermissions  = "too-many-permissions"
	LintApplicationPerm     = "application-permission"
	LintNotWanted           = "not-wanted"
	maxResources, maxAccess = 50, 400
)

// LintCodes lists every lint code with what it reports.
var LintCodes = []struct{ Code, About string }{
	{LintAADGraphRetired, "a permission on Azure AD Graph, which is retired"},
	{LintEWSRetired, "an Exchange Web Services permission; EWS in Exchange Online is being shut down"},
	{LintDuplicate, "the same permission listed twice, which Microsoft Graph rejects"},
	{LintUpperCaseGUID, "a GUID in upper case"},
	{LintMalformedGUID, "an id that is neither a GUID nor a name the catalog knows"},
	{LintDisabled, "a permission Microsoft has disabled"},
	{LintUnknownPermission, "a GUID Microsoft Graph publishes no permission for"},
	{LintWrongType, "a permission's id listed with the other type (Scope for Role or the reverse)"},
	{LintTooManyResources, "more than 50 resource apps"},
	{LintTooManyPermissions, "more than 400 permissions in all"},
	{LintApplicationPerm, "an application permission: the app can use it without a signed-in user"},
	{LintNotWanted, "a permission beyond the wanted set"},
}

// Level says how much a finding weighs.
type Level int

const (
	// LevelWarning is a lint: reported, and fails a check only when it is
	// strict. It is the zero value.
	LevelWarning Level = iota
	// LevelNote is information that never fails a check.
	LevelNote
	// LevelError is a problem that fails a check: something Apply would
	// change.
	LevelError
)

func (l Level) String() string {
	switch l {
	case LevelWarning:
		return "warning"
	case LevelNote:
		return "note"
	case LevelError:
		return "error"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// Finding is one finding about a manifest.
type Finding struct {
	Code  string
	Level Level
	// Pos is where the value the finding is about starts; zero for findings
	// about the whole list.
	Pos manifest.Position
	// Permission is the permission the finding is about, in canonical form;
	// zero for findings about a resource or the whole list.
	Permission manifest.Permission
	Msg        string
}

var ewsIDs = map[manifest.Permission]bool{
	{ResourceAppID: ExchangeOnlineID, ID: "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", Type: manifest.Scope}: true, // EWS.AccessAsUser.All
	{ResourceAppID: ExchangeOnlineID, ID: "dc890d15-9560-4a4c-9b7f-a736ec74ec40", Type: manifest.Role}:  true, // full_access_as_app
	{ResourceAppID: MicrosoftGraphID, ID: "9769c687-087d-48ac-9cb3-c37dde652038", Type: manifest.Scope}: true, // EWS.AccessAsUser.All
}

// Lint reports what a reviewer should know about a manifest's permissions:
// retired APIs, mistakes Microsoft Graph rejects or that cannot be right,
// and what goes beyond least privilege. want, when not nil, is the wanted
// set: anything beyond it is reported as not-wanted.
func Lint(m manifest.Manifest, want manifest.Set) []Finding {
	var out []Finding
	add := func(code string, pos manifest.Position, p manifest.Permission, format string, args ...any) {
		out = append(out, Finding{Code: code, Pos: pos, Permission: p, Msg: fmt.Sprintf(format, args...)})
	}
	wanted := make(map[manifest.Permission]bool)
	for _, p := range want.Permissions() {
		wanted[Canonical(p)] = true
	}
	seen := make(map[manifest.Permission]bool)
	resources := make(map[string]bool)
	total := 0
	for i, r := range m.Resources {
		var pos manifest.EntryPosition
		if i < len(m.Positions) {
			pos = m.Positions[i]
		}
		res, known := LookupResource(r.ResourceAppID)
		app := Canonical(manifest.Permission{ResourceAppID: r.ResourceAppID}).ResourceAppID
		resources[strings.ToLower(app)] = true
		switch {
		case manifest.IsGUID(r.ResourceAppID) && r.ResourceAppID != strings.ToLower(r.ResourceAppID):
			add(LintUpperCaseGUID, pos.ResourceAppID, manifest.Permission{}, "resourceAppId %s is in upper case; write GUIDs in lower case", r.ResourceAppID)
		case !manifest.IsGUID(r.ResourceAppID) && !known:
			add(LintMalformedGUID, pos.ResourceAppID, manifest.Permission{}, "resourceAppId %q is neither a GUID nor a resource the catalog knows", r.ResourceAppID)
		}
		if known && res.Deprecated {
			add(LintAADGraphRetired, pos.ResourceAppID, manifest.Permission{}, "%s is retired: new apps were blocked from 2024-09-01 and all apps from 2025-02-01; extended access ended 2025-08-31, so calls to it fail (its permissions are still accepted manifest data)", res.Name)
		}
		for j, a := range r.ResourceAccess {
			total++
			var at manifest.Position
			if j < len(pos.IDs) {
				at = pos.IDs[j]
			}
			p := Canonical(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type})
			label := describe(p)
			if seen[p] {
				add(LintDuplicate, at, p, "%s is listed more than once; Microsoft Graph rejects such a list", label)
			}
			seen[p] = true
			if manifest.IsGUID(a.ID) && a.ID != strings.ToLower(a.ID) {
				add(LintUpperCaseGUID, at, p, "id %s is in upper case; write GUIDs in lower case", a.ID)
			}
			c, ok := Lookup(p.ResourceAppID, p.ID, p.Type)
			switch {
			case ok && !c.Enabled:
				add(LintDisabled, at, p, "%s is disabled by Microsoft", label)
			case ok:
			case !manifest.IsGUID(p.ID):
				if known {
					add(LintMalformedGUID, at, p, "id %q is neither a GUID nor a %s permission of %s", a.ID, kindOf(a.Type), res.Name)
				} else {
					add(LintMalformedGUID, at, p, "id %q is not a GUID", a.ID)
				}
			case known:
				other := manifest.Role
				if p.Type == manifest.Role {
					other = manifest.Scope
				}
				if o, ok := Lookup(p.ResourceAppID, p.ID, other); ok {
					add(LintWrongType, at, p, "%s is listed as %q, but %s is a %s permission (%q)", p.ID, p.Type, o.Value, kindOf(other), other)
				} else if res.Complete {
					add(LintUnknownPermission, at, p, "%s publishes no %s permission with id %s; likely a mistyped GUID", res.Name, kindOf(p.Type), p.ID)
				}
			}
			if ewsIDs[p] {
				add(LintEWSRetired, at, p, "%s: Exchange Web Services in Exchange Online is disabled in phases since 2026-10-01 and shut down on 2027-04-01 (MC1227454)", label)
			}
			if p.Type == manifest.Role {
				add(LintApplicationPerm, at, p, "%s lets the app act without a signed-in user, across the tenant; it needs admin consent", label)
			}
			if want != nil && !wanted[p] {
				add(LintNotWanted, at, p, "%s is not in the wanted set", label)
			}
		}
	}
	if len(resources) > maxResources {
		add(LintTooManyResources, manifest.Position{}, manifest.Permission{}, "%d resource apps; Microsoft allows at most %d", len(resources), maxResources)
	}
	if total > maxAccess {
		add(LintTooManyPermissions, manifest.Position{}, manifest.Permission{}, "%d permissions; Microsoft allows at most %d in all (fewer for apps that accept personal accounts)", total, maxAccess)
	}
	return out
}
