package permissions

import (
	"fmt"
	"strings"
	"time"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// Lint codes: stable short names for each kind of finding, which users can
// silence one by one.
const (
	LintAADGraphRetired    = "aad-graph-retired"
	LintEWSRetired         = "ews-retired"
	LintDuplicate          = "duplicate"
	LintEmptyAccess        = "empty-access"
	LintRepeatedResource   = "repeated-resource"
	LintUpperCaseGUID      = "uppercase-guid"
	LintMalformedGUID      = "malformed-guid"
	LintDisabled           = "disabled"
	LintUnknownPermission  = "unknown-permission"
	LintWrongType          = "wrong-type"
	LintTooManyResources   = "too-many-resources"
	LintTooManyPermissions = "too-many-permissions"
	LintApplicationPerm    = "application-permission"
	LintRedundant          = "redundant"
	LintCalendarsAll       = "calendars-all"
	LintSecretExpiring     = "secret-expiring"
	LintNotWanted          = "not-wanted"
)

// Limits Microsoft documents for requiredResourceAccess, which it says
// cannot be raised: for organizational audiences at most 50 resource apps
// and 400 permissions in all; at most 30 permissions when the audience
// includes personal Microsoft accounts.
const (
	maxResources, maxAccess = 50, 400
	maxAccessPersonal       = 30
)

// lintCodes lists every lint code with its level and what it reports;
// Codes gives callers a copy.
var lintCodes = []Code{
	{LintAADGraphRetired, LevelWarning, "a permission on Azure AD Graph, which is retired"},
	{LintEWSRetired, LevelWarning, "an Exchange Web Services permission; EWS in Exchange Online is disabled in phases since 2026-10-01 unless the tenant allow-lists the app, and ends on 2027-04-01"},
	{LintDuplicate, LevelWarning, "the same permission listed twice, which Microsoft Graph rejects"},
	{LintEmptyAccess, LevelWarning, "an entry whose resourceAccess is empty, which Microsoft Graph rejects"},
	{LintRepeatedResource, LevelWarning, "the same resource app in two entries"},
	{LintUpperCaseGUID, LevelWarning, "a GUID in upper case"},
	{LintMalformedGUID, LevelWarning, "an id that is neither a GUID nor a name the catalog knows"},
	{LintDisabled, LevelWarning, "a permission Microsoft has disabled"},
	{LintUnknownPermission, LevelWarning, "a GUID the catalog of its date does not know for a resource it knows (a note where the catalog's list is partial)"},
	{LintWrongType, LevelWarning, "a permission's id listed with the other type (Scope for Role or the reverse)"},
	{LintTooManyResources, LevelWarning, "more than 50 resource apps (organizational audiences)"},
	{LintTooManyPermissions, LevelWarning, "more than 400 permissions in all, or 30 when the audience includes personal Microsoft accounts"},
	{LintApplicationPerm, LevelWarning, "an application permission: the app can use it without a signed-in user"},
	{LintRedundant, LevelWarning, "a permission listed beside its ReadWrite form on the same resource and type (Calendars.Read beside Calendars.ReadWrite): the one to drop"},
	{LintCalendarsAll, LevelNote, "Microsoft Graph's Calendars.Read.All and Calendars.ReadWrite.All roles are work hours and locations, not events; Exchange Online's Calendars.ReadWrite.All is events"},
	{LintSecretExpiring, LevelWarning, "a client secret or certificate that has expired (a warning) or expires within 30 days (a note), by its end date"},
	{LintNotWanted, LevelWarning, "a permission beyond the wanted set"},
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
	// Pos is where the value the finding is about starts: the permission's
	// id, or the entry's resourceAppId for findings about an entry or a
	// limit passed.
	Pos manifest.Position
	// Permission is the permission the finding is about, in canonical form;
	// zero for findings about a resource or the whole list.
	Permission manifest.Permission
	Msg        string
}

// LintOptions says what Lint compares a manifest with. The zero value
// lints against no wanted set, worded for today.
type LintOptions struct {
	// Want, when not nil, is the wanted set: permissions beyond it are
	// reported as not-wanted, and a permission it asks for is never
	// reported as redundant.
	Want manifest.Set
	// Now is the day findings that depend on the date (retirements,
	// credential expiry) are worded for; zero means time.Now().
	Now time.Time
	// Catalog is the catalog permissions are looked up in; nil is
	// Builtin().
	Catalog *Catalog
}

var ewsIDs = map[manifest.Permission]bool{
	{ResourceAppID: ExchangeOnlineID, ID: "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", Type: manifest.Scope}: true, // EWS.AccessAsUser.All
	{ResourceAppID: ExchangeOnlineID, ID: "dc890d15-9560-4a4c-9b7f-a736ec74ec40", Type: manifest.Role}:  true, // full_access_as_app
	{ResourceAppID: MicrosoftGraphID, ID: "9769c687-087d-48ac-9cb3-c37dde652038", Type: manifest.Scope}: true, // EWS.AccessAsUser.All
}

// Calendar roles that are easily taken for one another: Microsoft Graph's
// Calendars.Read.All and Calendars.ReadWrite.All (published 2026-06) are
// work hours and locations; Exchange Online's Calendars.ReadWrite.All,
// which reuses the id of Microsoft Graph's Calendars.ReadWrite role, is
// events.
const (
	graphCalendarsRead      = "798ee544-9d2d-430c-a058-570e29e34338" // Calendars.Read (application): events
	graphCalendarsReadWrite = "ef54d2bf-783f-4e0f-bca1-3210c0444d99" // Calendars.ReadWrite (application): events
)

var calendarsAll = map[manifest.Permission]string{
	{ResourceAppID: MicrosoftGraphID, ID: "470229df-a15a-4b08-9d95-8c534862b362", Type: manifest.Role}: "Microsoft Graph Calendars.Read.All (application) grants reading all users' work hours and locations, not calendar events; for events in every mailbox Microsoft Graph's application permission is Calendars.Read (" + graphCalendarsRead + ")",
	{ResourceAppID: MicrosoftGraphID, ID: "d91697b0-a708-4c11-a712-8fb2dc081aa2", Type: manifest.Role}: "Microsoft Graph Calendars.ReadWrite.All (application) grants reading and writing all users' work hours and locations, not calendar events; for events in every mailbox Microsoft Graph's application permission is Calendars.ReadWrite (" + graphCalendarsReadWrite + "), which Exchange Online publishes as Calendars.ReadWrite.All",
	{ResourceAppID: ExchangeOnlineID, ID: graphCalendarsReadWrite, Type: manifest.Role}:                "Office 365 Exchange Online Calendars.ReadWrite.All (application) grants reading and writing calendar events in every mailbox; Microsoft Graph's Calendars.ReadWrite.All is another permission, for work hours and locations only",
}

// personalAudience reports whether a sign-in audience includes personal
// Microsoft accounts, for which stricter limits apply.
func personalAudience(a string) bool {
	return a == "AzureADandPersonalMicrosoftAccount" || a == "PersonalMicrosoftAccount"
}

// Lint reports what a reviewer should know about a manifest's permissions:
// retired APIs, mistakes Microsoft Graph rejects or that cannot be right,
// and what goes beyond least privilege. Each finding has a code from
// Codes; at most one finding of a kind is given for one value, and a
// permission listed with the wrong type gets that finding alone. Client
// secrets and certificates that have expired or expire within 30 days are
// reported after the permissions.
func Lint(m manifest.Manifest, opts LintOptions) []Finding {
	now := orNow(opts.Now)
	cat := opts.Catalog
	var out []Finding
	add := func(code string, pos manifest.Position, p manifest.Permission, format string, args ...any) {
		out = append(out, Finding{Code: code, Pos: pos, Permission: p, Msg: fmt.Sprintf(format, args...)})
	}
	note := func(code string, pos manifest.Position, p manifest.Permission, msg string) {
		out = append(out, Finding{Code: code, Level: LevelNote, Pos: pos, Permission: p, Msg: msg})
	}
	wanted := make(map[manifest.Permission]bool)
	for _, r := range opts.Want {
		for _, a := range r.ResourceAccess {
			wanted[cat.Canonical(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type})] = true
		}
	}
	// canon holds every permission of m in canonical form, in order, and
	// listed the same as a set, for the redundancy lint.
	var canon []manifest.Permission
	listed := make(map[manifest.Permission]bool)
	for _, r := range m.Resources {
		app := cat.Canonical(manifest.Permission{ResourceAppID: r.ResourceAppID}).ResourceAppID
		for _, a := range r.ResourceAccess {
			p := cat.canonicalID(manifest.Permission{ResourceAppID: app, ID: a.ID, Type: a.Type})
			canon = append(canon, p)
			listed[p] = true
		}
	}
	personal := personalAudience(m.Setup.SignInAudience)
	accessLimit := maxAccess
	if personal {
		accessLimit = maxAccessPersonal
	}
	seen := make(map[manifest.Permission]bool)
	firstEntry := make(map[string]manifest.Position) // canonical resource app id: its first entry
	total := 0
	for i, r := range m.Resources {
		var pos manifest.EntryPosition
		if i < len(m.Positions) {
			pos = m.Positions[i]
		}
		res, known := cat.LookupResource(r.ResourceAppID)
		app := strings.ToLower(cat.Canonical(manifest.Permission{ResourceAppID: r.ResourceAppID}).ResourceAppID)
		resName := r.ResourceAppID
		if known {
			resName = res.Name
		}
		if first, ok := firstEntry[app]; ok {
			add(LintRepeatedResource, pos.ResourceAppID, manifest.Permission{}, "%s is listed in another entry too (line %d); list each resource app once, with all its permissions in one resourceAccess", resName, first.Line)
		} else {
			firstEntry[app] = pos.ResourceAppID
			if !personal && len(firstEntry) == maxResources+1 {
				add(LintTooManyResources, pos.ResourceAppID, manifest.Permission{}, "%s is resource app number %d; Microsoft allows at most %d", resName, maxResources+1, maxResources)
			}
		}
		switch {
		case manifest.IsGUID(r.ResourceAppID) && r.ResourceAppID != strings.ToLower(r.ResourceAppID):
			add(LintUpperCaseGUID, pos.ResourceAppID, manifest.Permission{}, "resourceAppId %s is in upper case; write GUIDs in lower case", r.ResourceAppID)
		case !manifest.IsGUID(r.ResourceAppID) && !known:
			add(LintMalformedGUID, pos.ResourceAppID, manifest.Permission{}, "resourceAppId %q is neither a GUID nor a resource the catalog knows", r.ResourceAppID)
		}
		if known && res.Deprecated {
			add(LintAADGraphRetired, pos.ResourceAppID, manifest.Permission{}, "%s is retired: new apps were blocked from 2024-09-01 and all apps from 2025-02-01; extended access ended %s, so calls to it fail (its permissions are still accepted manifest data)", res.Name, ymd(aadGraphEnd))
		}
		if len(r.ResourceAccess) == 0 {
			add(LintEmptyAccess, pos.ResourceAppID, manifest.Permission{}, "the entry for %s has no permissions; Microsoft Graph rejects it (\"requiredResourceAccess.resourceAccess value is required but is empty or missing\"): remove the entry or list its permissions", resName)
		}
		for j, a := range r.ResourceAccess {
			total++
			var at manifest.Position
			if j < len(pos.IDs) {
				at = pos.IDs[j]
			}
			p := canon[total-1]
			// d classifies p once, as show words it; it words p only
			// when a finding is formatted with it.
			d := cat.describe(p, p, res, known)
			if total == accessLimit+1 {
				if personal {
					add(LintTooManyPermissions, at, p, "%s is permission number %d; Microsoft allows at most %d for apps whose audience (%s) includes personal Microsoft accounts", d, total, maxAccessPersonal, m.Setup.SignInAudience)
				} else {
					add(LintTooManyPermissions, at, p, "%s is permission number %d; Microsoft allows at most %d in all", d, total, maxAccess)
				}
			}
			if seen[p] {
				add(LintDuplicate, at, p, "%s is listed more than once; Microsoft Graph rejects such a list", d)
			}
			seen[p] = true
			if manifest.IsGUID(a.ID) && a.ID != strings.ToLower(a.ID) {
				add(LintUpperCaseGUID, at, p, "id %s is in upper case; write GUIDs in lower case", a.ID)
			}
			// exists is false when the catalog shows that the resource
			// publishes no such permission of this type: then what
			// follows from the type (an application permission, not
			// wanted) would be said of a permission that is not there.
			exists := true
			switch d.Status {
			case Disabled:
				add(LintDisabled, at, p, "%s is disabled by Microsoft", d)
			case UnknownName:
				add(LintMalformedGUID, at, p, "id %q is neither a GUID nor a %s permission of %s", a.ID, Kind(a.Type), res.Name)
			case UnknownResource:
				if !manifest.IsGUID(p.ID) {
					add(LintMalformedGUID, at, p, "id %q is not a GUID", a.ID)
				}
			case WrongType:
				exists = false
				add(LintWrongType, at, p, "%s is listed as %q, but %s is a %s permission (%q)", a.ID, p.Type, d.Name, Kind(other(p.Type)), other(p.Type))
			case UnknownID:
				if res.AsOf() == "" {
					break
				}
				msg := fmt.Sprintf("%s has no %s permission with id %s in the catalog of %s: a mistyped GUID, or a permission newer than the catalog (refresh it from your tenant with --catalog)", res.Name, Kind(p.Type), p.ID, res.AsOf())
				if res.Complete {
					exists = false
					add(LintUnknownPermission, at, p, "%s", msg)
				} else {
					note(LintUnknownPermission, at, p, msg) // the catalog's list is partial
				}
			}
			if ewsIDs[p] {
				add(LintEWSRetired, at, p, "%s: %s", d, ewsStatus(now))
			}
			if msg, ok := calendarsAll[p]; ok {
				note(LintCalendarsAll, at, p, msg)
			}
			if p.Type == manifest.Role && exists {
				add(LintApplicationPerm, at, p, "%s lets the app act without a signed-in user, across the tenant; it needs admin consent", d)
			}
			if (d.Status == Known || d.Status == Disabled) && !wanted[p] {
				if h, found := cat.higher(d.Catalog); found && listed[h.Key()] {
					add(LintRedundant, at, p, "%s is redundant: %s, also listed, covers it; drop %s", d, h.Value, d.Catalog.Value)
				}
			}
			if opts.Want != nil && !wanted[p] && d.Status != WrongType {
				add(LintNotWanted, at, p, "%s is not in the wanted set", d)
			}
		}
	}
	return append(out, lintCredentials(m.Setup, now)...)
}

// higher returns the permission that covers c on the same resource and of
// the same type, by Microsoft's naming: Calendars.Read is covered by
// Calendars.ReadWrite, Calendars.Read.Shared by Calendars.ReadWrite.Shared,
// User.Read.All by User.ReadWrite.All. The catalog must list both.
func (cat *Catalog) higher(c Permission) (Permission, bool) {
	segs := strings.Split(c.Value, ".")
	for i, s := range segs {
		if s != "Read" {
			continue
		}
		segs[i] = "ReadWrite"
		h, ok := cat.LookupValue(c.ResourceAppID, strings.Join(segs, "."), c.Type)
		return h, ok && h.Value == strings.Join(segs, ".")
	}
	return Permission{}, false
}

// canonicalID is Canonical for a permission whose resource app id is
// canonical already: it maps only the id, without looking the resource up
// again.
func (cat *Catalog) canonicalID(p manifest.Permission) manifest.Permission {
	switch {
	case manifest.IsGUID(p.ID):
		p.ID = strings.ToLower(p.ID)
	case p.ID != "" && manifest.IsGUID(p.ResourceAppID):
		if c, ok := cat.LookupValue(p.ResourceAppID, p.ID, p.Type); ok {
			p.ID = c.ID
		}
	}
	return p
}
