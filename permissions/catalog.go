package permissions

//go:generate go run gen_catalog.go

import (
	"slices"
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions/internal/ident"
)

// The built-in catalog is a set of tables in catalog_data.go, generated
// from the data files in data/ by gen_catalog.go. They are static data:
// nothing is built when the program starts or on the first lookup. Lookups
// binary-search sorted indexes that the generator writes beside the
// tables. A Catalog refreshed from exports (With) has tables of the same
// shape, built once when it is made.

// Application ids of the well-known resources: the ones the catalog lists
// first and the calendar-sync profile uses.
const (
	MicrosoftGraphID = ident.MicrosoftGraph
	ExchangeOnlineID = ident.ExchangeOnline
	AzureADGraphID   = ident.AzureADGraph
)

// Resource is a resource application: an API that app registrations
// request permissions on.
type Resource struct {
	AppID      string // application id, a lower-case GUID
	Name       string // display name, e.g. "Microsoft Graph"
	Key        string // short identifier, e.g. "MicrosoftGraph"
	Complete   bool   // the catalog lists every permission of this resource
	Deprecated bool   // the resource is retired (Azure AD Graph)
	// Snapshot is the date (YYYY-MM-DD) of the built-in data that lists the
	// resource's permissions; "" when it lists none.
	Snapshot string
	// Export names the export that refreshed the resource's permissions
	// (Export.Name); "" when none did.
	Export string
}

// asOf says where the catalog's list of r's permissions comes from, for
// messages such as "not in the catalog of 2026-08-19": the built-in data's
// date, the export that refreshed it ("2026-08-19 and graph-sp.json"), or
// "" when the catalog lists none.
func (r Resource) asOf() string {
	switch {
	case r.Export == "":
		return r.Snapshot
	case r.Snapshot == "":
		return r.Export
	}
	return r.Snapshot + " and " + r.Export
}

// Consent says who can consent to a permission.
type Consent uint8

const (
	// ConsentUnknown: the catalog's source does not say. It is the zero
	// value, so that a missing flag never reads as user consent.
	ConsentUnknown Consent = iota
	// ConsentAdmin: only an administrator can consent.
	ConsentAdmin
	// ConsentUser: a user can consent for themselves, unless the tenant's
	// consent policy says otherwise.
	ConsentUser
)

func (c Consent) String() string {
	switch c {
	case ConsentAdmin:
		return "admin"
	case ConsentUser:
		return "user"
	}
	return "unknown"
}

// Permission is a permission a resource application publishes: a delegated
// scope or an application role.
type Permission struct {
	ResourceAppID string        // the resource's application id, a lower-case GUID
	ID            string        // the permission id, a lower-case GUID
	Value         string        // the name, e.g. "User.Read"
	Type          manifest.Type // manifest.Scope or manifest.Role
	Consent       Consent       // who can consent to it
	DisplayName   string        // a short description, e.g. "Sign in and read user profile"; "" when unknown
	Enabled       bool          // the resource still offers it
	// Removed is the date (YYYY-MM-DD) Microsoft removed the permission
	// from the resource, "" for one it publishes; a removed permission is
	// not Enabled.
	Removed string
	// Hidden says Microsoft no longer lists the permission on the
	// resource's service principal though it still works (an Enabled
	// permission the portal does not offer).
	Hidden bool
	// Level is Microsoft's privilege level of a Microsoft Graph
	// permission, from 1 (least privileged) to 5 (most), as Microsoft's
	// permission data (Kibali) gives it: the risk of consenting to it,
	// by the breadth of access and the sensitivity of what it allows
	// (the work-account scheme for a scope). 0 when the data has none.
	Level int
	// Tier is the permission's EntraOps tier, TierUnknown when it has none.
	Tier Tier
}

// Key returns the identity of p as a manifest lists it.
func (p Permission) Key() manifest.Permission {
	return manifest.Permission{ResourceAppID: p.ResourceAppID, ID: p.ID, Type: p.Type}
}

// source is one source of the catalog's data: a data file of the built-in
// catalog, with its date, or an export.
type source struct {
	Name string // "Microsoft Graph", "first-party", or an Export's Name
	Date string // YYYY-MM-DD; "" for an export, which carries no date
}

func (s source) String() string {
	if s.Date == "" {
		return s.Name
	}
	return s.Name + " " + s.Date
}

// Catalog is a set of resource applications and their permissions. The
// built-in one (Builtin) is compiled into the package; With refreshes it
// from service principal exports. A nil *Catalog is the built-in one. A
// Catalog does not change once made, so it is safe for concurrent use.
type Catalog struct {
	resources []resourceEntry
	perms     []entry
	byApp     []uint32 // resources positions sorted by AppID
	byName    []nameRef
	byID      []uint32 // perms positions sorted by id (CompareFold), ties in table order
	byValue   []uint32 // perms positions sorted by value (CompareFold), ties in table order
	sources   []source
	conflicts []Conflict // where the exports With laid over it contradict it
	memo      memo       // what Describe and LookupResource found, by what they were asked
}

// builtin refers to the generated tables; the linker lays it out, so it
// costs nothing at start-up.
var builtin = &Catalog{
	resources: resourceTable,
	perms:     permissionTable,
	byApp:     byApp,
	byName:    byName,
	byID:      byID,
	byValue:   byValue,
	sources:   snapshots,
}

// Builtin returns the catalog compiled into the package.
func Builtin() *Catalog { return builtin }

func (cat *Catalog) get() *Catalog {
	if cat == nil {
		return builtin
	}
	return cat
}

// resourceEntry is one row of resourceTable.
type resourceEntry struct {
	Resource
	aliases    []string // other names LookupResource accepts
	first, end uint32   // its permissions: perms[first:end]
}

// entry is one row of permissionTable.
type entry struct {
	res         uint32 // index in resourceTable
	id          string
	value       string
	typ         manifest.Type
	consent     Consent
	disabled    bool
	removed     string // the date Microsoft removed it, or ""
	hidden      bool   // enabled, but not listed on the resource's service principal
	level       uint8  // Microsoft's privilege level, 0 for none
	tier        Tier
	displayName string
}

// nameRef is one row of byName: a normalized name and the resource it
// means.
type nameRef struct {
	name string
	res  uint32
}

func (cat *Catalog) permission(e *entry) Permission {
	return Permission{
		ResourceAppID: cat.resources[e.res].AppID,
		ID:            e.id,
		Value:         e.value,
		Type:          e.typ,
		Consent:       e.consent,
		DisplayName:   e.displayName,
		Enabled:       !e.disabled,
		Removed:       e.removed,
		Hidden:        e.hidden,
		Level:         int(e.level),
		Tier:          e.tier,
	}
}

// snapshots returns the sources of the catalog's data: the dates of the
// built-in data files, then the exports it was refreshed from.
func (cat *Catalog) snapshots() []source { return slices.Clone(cat.get().sources) }

// Version words the catalog's sources for a version line:
// "Microsoft Graph 2026-08-19, first-party 2026-08-20".
func (cat *Catalog) Version() string {
	var parts []string
	for _, s := range cat.get().sources {
		parts = append(parts, s.String())
	}
	return strings.Join(parts, ", ")
}

// Resources returns the catalog's resource applications: Microsoft Graph,
// Office 365 Exchange Online and Azure AD Graph first, then the others by
// name, then any that only an export names.
func (cat *Catalog) Resources() []Resource {
	cat = cat.get()
	out := make([]Resource, len(cat.resources))
	for i := range cat.resources {
		out[i] = cat.resources[i].Resource
	}
	return out
}

// LookupResource finds a resource application by application id, display
// name, key or alias, for example "00000003-0000-0000-c000-000000000000",
// "Microsoft Graph", "MicrosoftGraph", "graph" or "AAD Graph". The match
// ignores ASCII case, spaces, dots, dashes and underscores.
func (cat *Catalog) LookupResource(q string) (Resource, bool) {
	cat = cat.get()
	if r, ok, kept := cat.memo.loadResource(q); kept {
		return r, ok
	}
	r, ok := cat.lookupResource(q)
	cat.memo.storeResource(q, r, ok)
	return r, ok
}

// lookupResource is LookupResource without the memo.
func (cat *Catalog) lookupResource(q string) (Resource, bool) {
	if manifest.IsGUID(q) {
		// A GUID names a resource by its app id alone: no name or alias
		// is one, so the app id index answers without normalizing.
		i, ok := cat.resourceByAppID(q)
		if !ok {
			return Resource{}, false
		}
		return cat.resources[i].Resource, true
	}
	q = ident.Normalize(q)
	i, ok := slices.BinarySearchFunc(cat.byName, q, func(n nameRef, q string) int {
		return strings.Compare(n.name, q)
	})
	if !ok {
		return Resource{}, false
	}
	return cat.resources[cat.byName[i].res].Resource, true
}

// resourceByAppID returns the resources index of the application id
// appID, matched regardless of ASCII case.
func (cat *Catalog) resourceByAppID(appID string) (int, bool) {
	cmp := ident.CompareFold
	if !hasUpper(appID) {
		cmp = strings.Compare // the table's app ids are lower case: the same order, found faster
	}
	i, ok := slices.BinarySearchFunc(cat.byApp, appID, func(r uint32, q string) int {
		return cmp(cat.resources[r].AppID, q)
	})
	if !ok {
		return 0, false
	}
	return int(cat.byApp[i]), true
}

// matchID returns the run of byID whose ids equal id, regardless of case.
func (cat *Catalog) matchID(id string) []uint32 {
	if !hasUpper(id) {
		// The table's ids are lower case, so byte order is the folded
		// order, and a plain comparison finds the same run faster.
		lo, ok := slices.BinarySearchFunc(cat.byID, id, func(p uint32, q string) int { return strings.Compare(cat.perms[p].id, q) })
		if !ok {
			return nil
		}
		hi := lo + 1
		for hi < len(cat.byID) && cat.perms[cat.byID[hi]].id == id {
			hi++
		}
		return cat.byID[lo:hi]
	}
	return cat.run(cat.byID, id, func(e *entry) string { return e.id })
}

// hasUpper reports whether s holds an ASCII upper-case letter.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// matchValue returns the run of byValue whose values equal value,
// regardless of ASCII case.
func (cat *Catalog) matchValue(value string) []uint32 {
	return cat.run(cat.byValue, value, func(e *entry) string { return e.value })
}

// run returns the positions in index, which is sorted by field under
// CompareFold, whose field equals q under CompareFold.
func (cat *Catalog) run(index []uint32, q string, field func(*entry) string) []uint32 {
	cmp := func(p uint32, q string) int { return ident.CompareFold(field(&cat.perms[p]), q) }
	lo, ok := slices.BinarySearchFunc(index, q, cmp)
	if !ok {
		return nil
	}
	hi := lo + 1
	for hi < len(index) && cmp(index[hi], q) == 0 {
		hi++
	}
	return index[lo:hi]
}

// Lookup finds the permission with the given id and type on the resource
// application resourceAppID. Both GUIDs match regardless of case. The id
// alone does not name a permission: Exchange Online's application roles
// reuse Microsoft Graph's ids (Mail.Send b633e1c5-…).
func (cat *Catalog) Lookup(resourceAppID, id string, t manifest.Type) (Permission, bool) {
	cat = cat.get()
	res, ok := cat.resourceByAppID(resourceAppID)
	if !ok {
		return Permission{}, false
	}
	for _, p := range cat.matchID(id) {
		if e := &cat.perms[p]; int(e.res) == res && e.typ == t {
			return cat.permission(e), true
		}
	}
	return Permission{}, false
}

// LookupValue finds the permission with the given name and type on the
// resource application resourceAppID, which matches regardless of case. The
// name matches regardless of ASCII case; should two names differ only in
// case, the exact spelling wins. A name can mean two permissions (Exchange
// Online publishes two delegated User.ReadBasic.All): then LookupValue
// reports false, and Query lists them.
func (cat *Catalog) LookupValue(resourceAppID, value string, t manifest.Type) (Permission, bool) {
	cat = cat.get()
	res, ok := cat.resourceByAppID(resourceAppID)
	if !ok {
		return Permission{}, false
	}
	var exact, folded *entry
	nExact, nFolded := 0, 0
	for _, p := range cat.matchValue(value) {
		e := &cat.perms[p]
		if int(e.res) != res || e.typ != t {
			continue
		}
		if e.value == value {
			exact = e
			nExact++
		} else {
			folded = e
			nFolded++
		}
	}
	switch {
	case nExact == 1:
		return cat.permission(exact), true
	case nExact == 0 && nFolded == 1:
		return cat.permission(folded), true
	}
	return Permission{}, false
}

// lookupValues returns every permission with the given name (matched
// regardless of ASCII case) and type on the resource application
// resourceAppID, in catalog order: one, or several when the name is
// ambiguous, or none.
func (cat *Catalog) lookupValues(resourceAppID, value string, t manifest.Type) []Permission {
	cat = cat.get()
	res, ok := cat.resourceByAppID(resourceAppID)
	if !ok {
		return nil
	}
	var out []Permission
	for _, p := range cat.matchValue(value) {
		if e := &cat.perms[p]; int(e.res) == res && e.typ == t {
			out = append(out, cat.permission(e))
		}
	}
	return out
}

// findID returns every permission with the given id, on any resource and of
// either type, in catalog order. One id can be both a scope and a role
// (Microsoft Graph User.Export.All), and one id can be on several resources
// (Exchange Online's Mail.Send role reuses Microsoft Graph's id).
func (cat *Catalog) findID(id string) []Permission {
	cat = cat.get()
	return cat.permissionsAt(cat.matchID(id))
}

// findValue returns every permission with the given name (matched regardless
// of ASCII case), on any resource and of either type, in catalog order. One
// name can exist on several resources with different ids
// (EWS.AccessAsUser.All on Microsoft Graph and on Exchange Online).
func (cat *Catalog) findValue(value string) []Permission {
	cat = cat.get()
	return cat.permissionsAt(cat.matchValue(value))
}

func (cat *Catalog) permissionsAt(positions []uint32) []Permission {
	if len(positions) == 0 {
		return nil
	}
	out := make([]Permission, len(positions))
	for i, p := range positions {
		out[i] = cat.permission(&cat.perms[p])
	}
	return out
}

// ResourcePermissions returns the permissions the catalog lists for the
// resource application appID, in catalog order, or nil when it lists none.
func (cat *Catalog) ResourcePermissions(appID string) []Permission {
	cat = cat.get()
	res, ok := cat.resourceByAppID(appID)
	if !ok {
		return nil
	}
	r := &cat.resources[res]
	if r.first == r.end {
		return nil
	}
	out := make([]Permission, 0, r.end-r.first)
	for i := r.first; i < r.end; i++ {
		out = append(out, cat.permission(&cat.perms[i]))
	}
	return out
}

// suggest returns up to n permission names of the resource application
// resourceAppID that are closest to value, closest first, for messages such
// as "unknown permission X; did you mean Y?". Closeness is the edit distance
// ignoring ASCII case; among equally close names, one sharing a longer
// prefix with value comes first. Names too far from value are left out.
func (cat *Catalog) suggest(resourceAppID, value string, n int) []string {
	return cat.suggestOf(resourceAppID, value, "", n)
}

// suggestOf is Suggest among the permissions of type t only, or of both
// types when t is "": a suggestion of the other type would not resolve.
func (cat *Catalog) suggestOf(resourceAppID, value string, t manifest.Type, n int) []string {
	cat = cat.get()
	res, ok := cat.resourceByAppID(resourceAppID)
	if !ok {
		return nil
	}
	r := &cat.resources[res]
	cands := make([]candidate, 0, r.end-r.first)
	for i := r.first; i < r.end; i++ {
		if e := &cat.perms[i]; (t == "" || e.typ == t) && e.removed == "" {
			cands = append(cands, candidate{name: e.value})
		}
	}
	return suggest(value, cands, n)
}

// suggestResource returns up to n resource names closest to q, closest
// first, for messages such as "unknown resource X; did you mean Y?". It
// compares q with each resource's name, key and aliases (not its
// application id), ignoring ASCII case, spaces, dots, dashes and
// underscores.
func (cat *Catalog) suggestResource(q string, n int) []string {
	cat = cat.get()
	cands := make([]candidate, len(cat.resources))
	for i, r := range cat.resources {
		forms := []string{ident.Normalize(r.Name), ident.Normalize(r.Key)}
		for _, a := range r.aliases {
			forms = append(forms, ident.Normalize(a))
		}
		cands[i] = candidate{r.Name, forms}
	}
	return suggest(ident.Normalize(q), cands, n)
}

// Canonical maps a permission as a manifest may write it, by GUID or by
// name ("Microsoft Graph", "User.Read"), to its GUIDs in lower case. What the
// catalog does not know, and a name that means two permissions, are
// returned as they are. With ID empty it maps the resource alone. It suits
// manifest.Options.Canonical.
func (cat *Catalog) Canonical(p manifest.Permission) manifest.Permission {
	if d, ok := cat.get().memo.load(p); ok {
		return d.Canonical
	}
	return cat.canonical(p)
}

// canonical is Canonical without the memo.
func (cat *Catalog) canonical(p manifest.Permission) manifest.Permission {
	if manifest.IsGUID(p.ID) {
		p.ID = strings.ToLower(p.ID)
	}
	r, ok := cat.LookupResource(p.ResourceAppID)
	if !ok {
		if manifest.IsGUID(p.ResourceAppID) {
			p.ResourceAppID = strings.ToLower(p.ResourceAppID)
		}
		return p
	}
	p.ResourceAppID = r.AppID
	if p.ID != "" && !manifest.IsGUID(p.ID) {
		if found, ok := cat.LookupValue(r.AppID, p.ID, p.Type); ok {
			p.ID = found.ID
		}
	}
	return p
}

// Spell maps a permission to its name in the catalog ("User.Read"), for
// templates that name their permissions; what the catalog does not know,
// and a permission whose name means two, keep their id. It suits
// manifest.Options.Spell.
func (cat *Catalog) Spell(p manifest.Permission) manifest.Permission {
	if found, ok := cat.Lookup(p.ResourceAppID, p.ID, p.Type); ok && len(cat.lookupValues(found.ResourceAppID, found.Value, found.Type)) == 1 {
		p.ID = found.Value
	}
	return p
}

// candidate is a name suggest and suggestResource may offer, with the forms
// it is compared in; with no forms, the name itself is compared.
type candidate struct {
	name  string
	forms []string
}

// suggest returns the names of up to n candidates closest to q, ignoring
// ASCII case, without repeats. A candidate's distance is that of its
// closest form; candidates further than half the length of q (at least 2)
// are left out.
func suggest(q string, cands []candidate, n int) []string {
	return suggestWithin(q, cands, n, max(2, len(q)/2))
}

// suggestWithin is suggest with candidates up to limit edits away.
func suggestWithin(q string, cands []candidate, n, limit int) []string {
	if n <= 0 || q == "" {
		return nil
	}
	type scored struct {
		name         string
		dist, prefix int
	}
	var found []scored
	row := make([]int, 0, 64)
	for _, c := range cands {
		forms := c.forms
		if forms == nil {
			forms = []string{c.name}
		}
		best := scored{dist: limit + 1}
		for _, f := range forms {
			d := distance(q, f, limit, row)
			p := commonPrefix(q, f)
			if d < best.dist || d == best.dist && p > best.prefix {
				best = scored{c.name, d, p}
			}
		}
		if best.dist <= limit {
			found = append(found, best)
		}
	}
	slices.SortStableFunc(found, func(a, b scored) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return b.prefix - a.prefix
	})
	var out []string
	for _, s := range found {
		if len(out) == n {
			break
		}
		if !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, s.name) }) {
			out = append(out, s.name)
		}
	}
	return out
}

// distance returns the edit (Levenshtein) distance between a and b in
// bytes, ignoring ASCII case, or limit+1 when it is larger than limit. row
// is scratch space.
func distance(a, b string, limit int, row []int) int {
	if len(a)-len(b) > limit || len(b)-len(a) > limit {
		return limit + 1
	}
	// row[j] is the distance between the prefix of a done so far and b[:j].
	row = row[:0]
	for j := 0; j <= len(b); j++ {
		row = append(row, j)
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0] // distance(a[:i-1], b[:j-1])
		row[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if ident.LowerByte(a[i-1]) == ident.LowerByte(b[j-1]) {
				cost = 0
			}
			next := min(row[j]+1, row[j-1]+1, diag+cost)
			diag, row[j] = row[j], next
			rowMin = min(rowMin, next)
		}
		if rowMin > limit {
			return limit + 1
		}
	}
	return min(row[len(b)], limit+1)
}

// commonPrefix returns the length of the longest common prefix of a and b,
// ignoring ASCII case.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && ident.LowerByte(a[n]) == ident.LowerByte(b[n]) {
		n++
	}
	return n
}
