package check

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/manifestpatch/manifestpatch/internal/retirement"
	"github.com/manifestpatch/manifestpatch/internal/wording"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// lint codes: stable short names for each kind of finding, which users can
// silence one by one.
const (
	lintAADGraphRetired    = "aad-graph-retired"
	lintEWSRetired         = "ews-retired"
	lintDuplicate          = "duplicate"
	lintEmptyAccess        = "empty-access"
	lintRepeatedResource   = "repeated-resource"
	lintUpperCaseGUID      = "uppercase-guid"
	lintMalformedGUID      = "malformed-guid"
	lintUnknownName        = "unknown-name"
	lintDisabled           = "disabled"
	lintRemoved            = "removed"
	lintUnknownPermission  = "unknown-permission"
	lintWrongType          = "wrong-type"
	lintTooManyResources   = "too-many-resources"
	lintTooManyPermissions = "too-many-permissions"
	lintApplicationPerm    = "application-permission"
	lintPrivileged         = "privileged"
	lintForbidden          = "forbidden"
	lintNotAllowed         = "not-allowed"
	lintRedundant          = "redundant"
	lintCalendarsAll       = "calendars-all"
	lintSecretExpiring     = "secret-expiring"
)

// Limits Microsoft documents for requiredResourceAccess, which it says
// cannot be raised: for organizational audiences at most 50 resource apps
// and 400 permissions in all; at most 30 permissions when the audience
// includes personal Microsoft accounts.
const (
	maxResources, maxAccess = 50, 400
	maxAccessPersonal       = 30
)

// A lintRule is a Rule and the checks that find it: on each entry of
// requiredResourceAccess, on each permission, or once per manifest after
// them. lint calls the checks of every rule in table order; a check says
// what it finds through report, which gives the finding the rule's code.
type lintRule struct {
	Rule
	entry func(r *lintRule, l *linter, e *lintEntry)
	perm  func(r *lintRule, l *linter, e *lintEntry, p *lintPerm)
	after func(r *lintRule, l *linter)
}

// lintRules lists the lints. Their order is the order of findings about
// one value.
var lintRules = []*lintRule{
	{Rule: Rule{lintRepeatedResource, LevelWarning, "the same resource app in two entries (in overwrite mode a problem: apply merges them)"},
		entry: func(r *lintRule, l *linter, e *lintEntry) {
			if e.repeatOf.Line > 0 {
				l.report(r, r.Level, e.pos.ResourceAppID, manifest.Permission{}, "%s is listed in another entry too (line %d); list each resource app once, with all its permissions in one resourceAccess", e.name, e.repeatOf.Line)
			}
		}},
	{Rule: Rule{lintTooManyResources, LevelWarning, "more than 50 resource apps (organizational audiences)"},
		entry: func(r *lintRule, l *linter, e *lintEntry) {
			if !l.personal && e.repeatOf.Line == 0 && l.resources == maxResources+1 {
				l.report(r, r.Level, e.pos.ResourceAppID, manifest.Permission{}, "%s is resource app number %d; Microsoft allows at most %d", e.name, maxResources+1, maxResources)
			}
		}},
	{Rule: Rule{lintTooManyPermissions, LevelWarning, "more than 400 permissions in all, or 30 when the audience includes personal Microsoft accounts"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			switch {
			case l.total != l.accessLimit+1:
			case l.personal:
				l.report(r, r.Level, p.at, p.key, "%s is permission number %d; Microsoft allows at most %d for apps whose audience (%s) includes personal Microsoft accounts", p.d, l.total, maxAccessPersonal, l.m.Setup.SignInAudience)
			default:
				l.report(r, r.Level, p.at, p.key, "%s is permission number %d; Microsoft allows at most %d in all", p.d, l.total, maxAccess)
			}
		}},
	{Rule: Rule{lintDuplicate, LevelError, "the same permission listed twice, which Microsoft Graph rejects; apply removes the repeat"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if p.repeat {
				l.report(r, r.Level, p.at, p.key, "%s is listed more than once; Microsoft Graph rejects such a list: apply removes the repeat", p.d)
			}
		}},
	{Rule: Rule{lintUpperCaseGUID, LevelWarning, "a GUID in upper case"},
		entry: func(r *lintRule, l *linter, e *lintEntry) {
			if id := e.r.ResourceAppID; manifest.IsGUID(id) && strings.ToLower(id) != id {
				l.report(r, r.Level, e.pos.ResourceAppID, manifest.Permission{}, "resourceAppId %s is in upper case; write GUIDs in lower case", id)
			}
		},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if manifest.IsGUID(p.a.ID) && strings.ToLower(p.a.ID) != p.a.ID {
				l.report(r, r.Level, p.at, p.key, "id %s is in upper case; write GUIDs in lower case", p.a.ID)
			}
		}},
	{Rule: Rule{lintMalformedGUID, LevelWarning, "an id that is meant as a GUID but is not one (8-4-4-4-12 hexadecimal digits)"},
		entry: func(r *lintRule, l *linter, e *lintEntry) {
			if id := e.r.ResourceAppID; !e.known && guidLike(id) {
				l.report(r, r.Level, e.pos.ResourceAppID, manifest.Permission{}, "resourceAppId %q is not a GUID: a GUID is 8-4-4-4-12 hexadecimal digits", id)
			}
		},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if p.d.Status != permissions.StatusPlaceholder && guidLike(p.a.ID) {
				l.report(r, r.Level, p.at, p.key, "id %q is not a GUID: a GUID is 8-4-4-4-12 hexadecimal digits", p.a.ID)
			}
		}},
	{Rule: Rule{lintUnknownName, LevelWarning, "a resource or permission given by a name the catalog does not know, with the closest names (a note where the catalog's list is partial or missing)"},
		entry: func(r *lintRule, l *linter, e *lintEntry) {
			if id := e.r.ResourceAppID; !e.known && !manifest.IsGUID(id) && !guidLike(id) && !permissions.IsPlaceholder(id) {
				l.report(r, r.Level, e.pos.ResourceAppID, manifest.Permission{}, "resourceAppId %q is neither a GUID nor a resource the catalog knows%s", id, wording.DidYouMean(resourceSuggestions(l.cat, id)))
			}
		},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			d := p.d
			switch {
			case guidLike(p.a.ID):
			case d.Status == permissions.StatusUnknownName && d.ResourceComplete:
				l.report(r, r.Level, p.at, p.key, "%q is not %s permission of %s%s", p.a.ID, wording.WithArticle(wording.Kind(p.a.Type)), d.Resource, wording.DidYouMean(d.Suggestions))
			case d.Status == permissions.StatusUnknownName:
				l.report(r, LevelNote, p.at, p.key, "%q is not in the catalog's partial list of %s's %s permissions (%s)%s; refresh it from your tenant with --catalog", p.a.ID, d.Resource, wording.Kind(p.a.Type), d.ResourceAsOf, wording.DidYouMean(d.Suggestions))
			case d.Status == permissions.StatusUnlisted && !manifest.IsGUID(p.a.ID):
				l.report(r, LevelNote, p.at, p.key, "%q is given by name, and the catalog lists no permissions of %s to check it or find its GUID; refresh it from your tenant with --catalog", p.a.ID, d.Resource)
			}
		}},
	{Rule: Rule{lintAADGraphRetired, LevelWarning, "a permission on Azure AD Graph, which is retired"},
		entry: func(r *lintRule, l *linter, e *lintEntry) {
			if e.known && e.res.Deprecated {
				l.report(r, r.Level, e.pos.ResourceAppID, manifest.Permission{}, "%s is retired: new apps were blocked from 2024-09-01 and all apps from 2025-02-01; extended access ended %s, so calls to it fail (its permissions are still accepted manifest data)", e.res.Name, retirement.YMD(retirement.AADGraphEnd))
			}
		}},
	{Rule: Rule{lintEmptyAccess, LevelError, "an entry whose resourceAccess is empty, which Microsoft Graph rejects; apply removes it"},
		entry: func(r *lintRule, l *linter, e *lintEntry) {
			if len(e.r.ResourceAccess) == 0 {
				l.report(r, r.Level, e.pos.ResourceAppID, manifest.Permission{}, "the entry for %s has no permissions; Microsoft Graph rejects it (\"requiredResourceAccess.resourceAccess value is required but is empty or missing\"): apply removes it, or fills it with the wanted permissions of its resource", e.name)
			}
		}},
	{Rule: Rule{lintDisabled, LevelWarning, "a permission Microsoft has disabled"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if p.d.Status == permissions.StatusDisabled {
				l.report(r, r.Level, p.at, p.key, "%s is disabled by Microsoft", p.d)
			}
		}},
	{Rule: Rule{lintRemoved, LevelWarning, "a permission Microsoft removed from its resource, with the date"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if p.d.Status == permissions.StatusRemoved {
				l.report(r, r.Level, p.at, p.key, "%s was removed from %s by Microsoft on %s: it grants nothing; remove it", p.d, p.d.Resource, p.d.Catalog.Removed)
			}
		}},
	{Rule: Rule{lintWrongType, LevelWarning, "a permission's id listed with the other type (Scope for Role or the reverse)"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if p.d.Status == permissions.StatusWrongType {
				l.report(r, r.Level, p.at, p.key, "%s is listed as %q, but %s is %s permission (%q)", p.a.ID, p.key.Type, p.d.Name, wording.WithArticle(wording.Kind(p.key.Type.Other())), p.key.Type.Other())
			}
		}},
	{Rule: Rule{lintUnknownPermission, LevelWarning, "a GUID the catalog of its date does not know for a resource it knows (a note where the catalog's list is partial)"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			d := p.d
			if d.Status != permissions.StatusUnknownID {
				return
			}
			level := r.Level
			if !d.ResourceComplete {
				level = LevelNote // the catalog's list is partial
			}
			l.report(r, level, p.at, p.key, "%s has no %s permission with id %s in the catalog of %s: a mistyped GUID, or a permission newer than the catalog (refresh it from your tenant with --catalog)", d.Resource, wording.Kind(p.key.Type), p.key.ID, d.ResourceAsOf)
		}},
	{Rule: Rule{lintEWSRetired, LevelWarning, "an Exchange Web Services permission; EWS in Exchange Online is disabled in phases since 2026-10-01 unless the tenant allow-lists the app, and ends on 2027-04-01"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if retirement.EWS[p.key] {
				msg := retirement.EWSStatus(l.now)
				if p.key.Type == manifest.Scope {
					msg += ewsReplacements()
				}
				l.report(r, r.Level, p.at, p.key, "%s: %s", p.d, msg)
			}
		}},
	{Rule: Rule{lintCalendarsAll, LevelNote, "Microsoft Graph's Calendars.Read.All and Calendars.ReadWrite.All roles are work hours and locations, not events; Exchange Online's Calendars.ReadWrite.All is events"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if msg, ok := calendarsAll[p.key]; ok {
				l.report(r, r.Level, p.at, p.key, "%s", msg)
			}
		}},
	{Rule: Rule{lintApplicationPerm, LevelWarning, "an application permission: the app can use it without a signed-in user"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if p.key.Type == manifest.Role && p.d.Exists() && p.d.Status != permissions.StatusPlaceholder {
				l.report(r, r.Level, p.at, p.key, "%s lets the app act without a signed-in user, across the tenant; it needs admin consent", p.d)
			}
		}},
	{Rule: Rule{lintPrivileged, LevelWarning, "a control-plane permission (EntraOps tier ControlPlane), such as RoleManagement.ReadWrite.Directory, AppRoleAssignment.ReadWrite.All or Application.ReadWrite.All: whoever controls the app can take control of the tenant"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if c := p.d.Catalog; p.d.Exists() && c.Tier == permissions.TierControlPlane {
				level := ""
				if c.Level != 0 {
					level = fmt.Sprintf("; Microsoft's privilege level %d of 5", c.Level)
				}
				who := "whoever holds the app's credentials can take control of the tenant"
				if p.key.Type == manifest.Scope {
					who = "signed in as an administrator, the app can take control of the tenant"
				}
				l.report(r, r.Level, p.at, p.key, "%s is a control-plane permission (EntraOps classes it ControlPlane%s): %s", p.d, level, who)
			}
		}},
	{Rule: Rule{lintForbidden, LevelError, "a permission the policy's limits forbid: by name, by resource, by tier or privilege level, or as an application permission"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if p.forbidden != "" {
				l.report(r, r.Level, p.at, p.key, "%s is forbidden: %s", p.d, p.forbidden)
			}
		}},
	{Rule: Rule{lintNotAllowed, LevelError, "where the policy allows only what it wants and permits, a permission it neither wants nor permits"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if lim := l.limits; lim != nil && lim.Only && !l.wanted[p.key] && !lim.permit[p.key] && p.forbidden == "" {
				l.report(r, r.Level, p.at, p.key, "%s is neither wanted nor permitted here", p.d)
			}
		}},
	{Rule: Rule{lintRedundant, LevelWarning, "a permission listed beside its ReadWrite form on the same resource and type (Calendars.Read beside Calendars.ReadWrite): the one to drop"},
		perm: func(r *lintRule, l *linter, e *lintEntry, p *lintPerm) {
			if (p.d.Status == permissions.StatusKnown || p.d.Status == permissions.StatusDisabled) && !l.wanted[p.key] {
				if h, found := higher(l.cat, p.d.Catalog); found && l.lists(h.Key()) {
					l.report(r, r.Level, p.at, p.key, "%s is redundant: %s, also listed, covers it; drop %s", p.d, h.Value, p.d.Catalog.Value)
				}
			}
		}},
	{Rule: Rule{lintSecretExpiring, LevelWarning, "a client secret or certificate that has expired (a warning) or expires within 30 days (a note), by its end date"},
		after: func(r *lintRule, l *linter) { l.out = append(l.out, lintCredentials(r, l.m.Setup, l.now)...) }},
}

// ewsReplacements words what replaces a delegated EWS permission, worked
// out once, on first use.
var ewsReplacements = sync.OnceValue(func() string {
	var names []string
	for _, q := range retirement.EWSReplacements {
		names = append(names, q.Name)
	}
	return fmt.Sprintf("; for a calendar sync, use Microsoft Graph's delegated %s instead (the %s profile)", wording.AndList(names), retirement.GraphCalendarSync)
})

// linter is what lint knows of the manifest it lints.
type linter struct {
	m      manifest.Manifest
	cat    *permissions.Catalog
	now    time.Time
	wanted map[manifest.Permission]bool // the wanted set, canonical
	limits *limits
	apps   []string                     // each entry's resource app id, canonical
	listed map[manifest.Permission]bool // every permission listed, canonical; made by lists
	// personal: the audience includes personal Microsoft accounts, where
	// the lower limit applies.
	personal    bool
	accessLimit int
	resources   int // distinct resources so far
	total       int // permissions so far
	out         []Finding
	count       map[string]int          // findings per rule
	more        map[string]moreFindings // those past maxFindingsPerRule
}

// lists reports whether the manifest lists the canonical permission k,
// here or further on: the redundancy lint looks ahead. The set is made the
// first time a rule asks, which only a known permission with a broader
// form makes it do: a list of a million unknown ids never needs it.
func (l *linter) lists(k manifest.Permission) bool {
	if l.listed == nil {
		l.listed = make(map[manifest.Permission]bool)
		for i, r := range l.m.Resources {
			for _, a := range r.ResourceAccess {
				l.listed[canonicalID(l.cat, manifest.Permission{ResourceAppID: l.apps[i], ID: a.ID, Type: a.Type})] = true
			}
		}
	}
	return l.listed[k]
}

// lintEntry is one entry of requiredResourceAccess as the rules see it.
type lintEntry struct {
	r     manifest.Resource
	pos   manifest.EntryPosition
	res   permissions.Resource
	known bool   // the catalog knows the resource
	name  string // the resource's name, or its app id as written
	// repeatOf is where the first entry of the same resource is, when
	// this entry repeats it; zero otherwise.
	repeatOf manifest.Position
}

// lintPerm is one permission of an entry as the rules see it.
type lintPerm struct {
	a      manifest.Access
	at     manifest.Position
	key    manifest.Permission // canonical
	d      permissions.Description
	repeat bool // listed before, in this entry or an earlier one
	// forbidden says why the limits forbid the permission, "" when they
	// do not (or there are none).
	forbidden string
}

func (l *linter) report(r *lintRule, level Level, pos manifest.Position, p manifest.Permission, format string, args ...any) {
	if l.count[r.Code]++; l.count[r.Code] > maxFindingsPerRule {
		more := l.more[r.Code]
		if more.n == 0 {
			more.pos = pos
		}
		more.n++
		more.level = max(more.level, level)
		l.more[r.Code] = more
		return
	}
	l.out = append(l.out, Finding{Code: r.Code, Level: level, Pos: pos, Permission: p, Msg: fmt.Sprintf(format, args...)})
}

// maxFindingsPerRule is how many findings of one rule lint gives for one
// manifest; one more finding of the rule, at the first it left out, says
// how many it left out. No manifest Microsoft Graph accepts comes near it
// (400 permissions at most), and a file that does would otherwise cost
// memory and output in proportion to every value in it.
const maxFindingsPerRule = 1000

// moreFindings counts the findings of one rule past maxFindingsPerRule.
type moreFindings struct {
	n     int
	level Level // the highest of them
	pos   manifest.Position
}

// summarize adds, for each rule past maxFindingsPerRule, the finding that
// says how many more there are, at the highest level of those.
func (l *linter) summarize() {
	for _, r := range lintRules {
		if more, ok := l.more[r.Code]; ok {
			l.out = append(l.out, Finding{Code: r.Code, Level: more.level, Pos: more.pos,
				Msg: fmt.Sprintf("%d more %s findings from here on, not listed one by one (%d are)", more.n, r.Code, maxFindingsPerRule)})
		}
	}
}

// lintOptions says what lint compares a manifest with. The zero value
// lints against no wanted set, worded for today.
type lintOptions struct {
	// Want, when not nil, is the wanted set: a permission it asks for is
	// never reported as redundant.
	Want manifest.Set
	// Now is the day findings that depend on the date (retirements,
	// credential expiry) are worded for; zero means time.Now().
	Now time.Time
	// Catalog is the catalog permissions are looked up in; nil is
	// permissions.Builtin().
	Catalog *permissions.Catalog
	// wanted, when not nil, is Want as wantedKeys maps it, prepared once
	// for many manifests (Planner).
	wanted map[manifest.Permission]bool
	// limits, when not nil, are the Limits the forbidden and not-allowed
	// lints report against.
	limits *limits
	// Duplicates are the permissions the manifest lists more than once,
	// as Apply found them (manifest.Report.Duplicates): the duplicate
	// lint reports each listing after the first.
	Duplicates []manifest.Permission
}

// wantedKeys maps the permissions of set to their canonical form, as the
// lints compare them.
func wantedKeys(cat *permissions.Catalog, set manifest.Set) map[manifest.Permission]bool {
	wanted := make(map[manifest.Permission]bool)
	for _, r := range set {
		for _, a := range r.ResourceAccess {
			wanted[cat.Canonical(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type})] = true
		}
	}
	return wanted
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
	{ResourceAppID: permissions.MicrosoftGraphID, ID: "470229df-a15a-4b08-9d95-8c534862b362", Type: manifest.Role}: "Microsoft Graph Calendars.Read.All (application) grants reading all users' work hours and locations, not calendar events; for events in every mailbox Microsoft Graph's application permission is Calendars.Read (" + graphCalendarsRead + ")",
	{ResourceAppID: permissions.MicrosoftGraphID, ID: "d91697b0-a708-4c11-a712-8fb2dc081aa2", Type: manifest.Role}: "Microsoft Graph Calendars.ReadWrite.All (application) grants reading and writing all users' work hours and locations, not calendar events; for events in every mailbox Microsoft Graph's application permission is Calendars.ReadWrite (" + graphCalendarsReadWrite + "), which Exchange Online publishes as Calendars.ReadWrite.All",
	{ResourceAppID: permissions.ExchangeOnlineID, ID: graphCalendarsReadWrite, Type: manifest.Role}:                "Office 365 Exchange Online Calendars.ReadWrite.All (application) grants reading and writing calendar events in every mailbox; Microsoft Graph's Calendars.ReadWrite.All is another permission, for work hours and locations only",
}

// personalAudience reports whether a sign-in audience includes personal
// Microsoft accounts, for which stricter limits apply.
func personalAudience(a string) bool {
	return manifest.AudienceOf(a).Personal()
}

// lint reports what a reviewer should know about a manifest's permissions:
// retired APIs, mistakes Microsoft Graph rejects or that cannot be right,
// and what goes beyond least privilege, each with a code from Rules.
// It calls the checks of each lint on every entry and permission, in
// document order, and then on the whole manifest (client secrets and
// certificates that have expired or expire within 30 days). At most one
// finding of a kind is given for one value, and a permission listed with
// the wrong type gets that finding alone.
func lint(m manifest.Manifest, opts lintOptions) []Finding {
	cat := opts.Catalog
	l := &linter{m: m, cat: cat, now: retirement.OrNow(opts.Now), wanted: opts.wanted, limits: opts.limits,
		count: make(map[string]int), more: make(map[string]moreFindings)}
	if l.wanted == nil {
		l.wanted = wantedKeys(cat, opts.Want)
	}
	l.apps = make([]string, len(m.Resources))
	for i, r := range m.Resources {
		l.apps[i] = cat.Canonical(manifest.Permission{ResourceAppID: r.ResourceAppID}).ResourceAppID
	}
	l.personal = personalAudience(m.Setup.SignInAudience)
	l.accessLimit = maxAccess
	if l.personal {
		l.accessLimit = maxAccessPersonal
	}
	// A repeat is what Apply removes (opts.Duplicates): seen follows the
	// permissions listed more than once, and those alone.
	var seen map[manifest.Permission]bool
	if len(opts.Duplicates) > 0 {
		seen = make(map[manifest.Permission]bool, len(opts.Duplicates))
		for _, d := range opts.Duplicates {
			seen[d.Fold()] = false
		}
	}
	first := make(map[string]manifest.Position)
	// One lintPerm serves every permission in turn: the rules keep none.
	p := new(lintPerm)
	for i, r := range m.Resources {
		e := &lintEntry{r: r, name: r.ResourceAppID}
		if i < len(m.Positions) {
			e.pos = m.Positions[i]
		}
		e.res, e.known = cat.LookupResource(r.ResourceAppID)
		if e.known {
			e.name = e.res.Name
		}
		app := strings.ToLower(l.apps[i])
		if at, ok := first[app]; ok {
			e.repeatOf = at
		} else {
			first[app] = e.pos.ResourceAppID
			l.resources++
		}
		for _, rule := range lintRules {
			if rule.entry != nil {
				rule.entry(rule, l, e)
			}
		}
		for j, a := range r.ResourceAccess {
			*p = lintPerm{a: a, key: canonicalID(cat, manifest.Permission{ResourceAppID: l.apps[i], ID: a.ID, Type: a.Type})}
			l.total++
			if j < len(e.pos.IDs) {
				p.at = e.pos.IDs[j]
			}
			// d classifies p once, as show words it.
			p.d = cat.Describe(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type})
			if l.limits != nil {
				p.forbidden = l.limits.forbidden(p.key, p.d)
			}
			if seen != nil {
				fold := p.key.Fold()
				if was, ok := seen[fold]; ok {
					p.repeat, seen[fold] = was, true
				}
			}
			for _, rule := range lintRules {
				if rule.perm != nil {
					rule.perm(rule, l, e, p)
				}
			}
		}
	}
	for _, rule := range lintRules {
		if rule.after != nil {
			rule.after(rule, l)
		}
	}
	l.summarize()
	return l.out
}

// guidLike reports whether s looks meant as a GUID but is not one: hex
// digits and dashes (or braces) of about a GUID's length, as a GUID with a
// digit too few or too many, or braces, reads.
func guidLike(s string) bool {
	if manifest.IsGUID(s) || len(s) < 30 || len(s) > 40 || strings.Count(s, "-") < 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '-' || c == '{' || c == '}') {
			return false
		}
	}
	return true
}

// higher returns the permission that covers c on the same resource and of
// the same type, by Microsoft's naming: Calendars.Read is covered by
// Calendars.ReadWrite, Calendars.Read.Shared by Calendars.ReadWrite.Shared,
// User.Read.All by User.ReadWrite.All. The catalog must list both.
func higher(cat *permissions.Catalog, c permissions.Permission) (permissions.Permission, bool) {
	segs := strings.Split(c.Value, ".")
	for i, s := range segs {
		if s != "Read" {
			continue
		}
		segs[i] = "ReadWrite"
		h, ok := cat.LookupValue(c.ResourceAppID, strings.Join(segs, "."), c.Type)
		return h, ok && h.Value == strings.Join(segs, ".") && h.Removed == ""
	}
	return permissions.Permission{}, false
}

// canonicalID is Canonical for a permission whose resource app id is
// canonical already: it maps only the id, without looking the resource up
// again.
func canonicalID(cat *permissions.Catalog, p manifest.Permission) manifest.Permission {
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

// resourceSuggestions returns the resource names closest to id, as the
// catalog's Resolve offers them for a resource it does not know.
func resourceSuggestions(cat *permissions.Catalog, id string) []string {
	var ne *permissions.NameError
	if _, err := cat.Resolve(manifest.Permission{ResourceAppID: id}); errors.As(err, &ne) {
		return ne.Suggestions
	}
	return nil
}
