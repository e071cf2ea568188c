package permissions

//go:generate go run ./internal/gencatalog ../../shared/data

import (
	"slices"
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// The catalog is a set of tables in catalog_data.go, generated from the
// project's data files. They are static data: nothing is built when the
// program starts or on the first lookup. Lookups binary-search sorted
// indexes that the generator writes beside the tables.

// Resource is a well-known resource application: an API that app
// registrations request permissions on.
type Resource struct {
	AppID      string // application id, a lower-case GUID
	Name       string // display name, e.g. "Microsoft Graph"
	Key        string // short identifier, e.g. "MicrosoftGraph"
	Complete   bool   // the catalog lists every permission of this resource
	Deprecated bool   // the resource is retired (Azure AD Graph)
}

// Permission is a permission a resource application publishes: a delegated
// scope or an application role.
type Permission struct {
	ResourceAppID string        // the resource's application id, a lower-case GUID
	ID            string        // the permission id, a lower-case GUID
	Value         string        // the name, e.g. "User.Read"
	Type          manifest.Type // manifest.Scope or manifest.Role
	AdminConsent  bool          // granting it needs an administrator's consent (false where the source does not say)
	DisplayName   string        // a short description, e.g. "Sign in and read user profile"
	Enabled       bool          // the resource still offers it
}

// Key returns the identity of p as a manifest lists it.
func (p Permission) Key() manifest.Permission {
	return manifest.Permission{ResourceAppID: p.ResourceAppID, ID: p.ID, Type: p.Type}
}

// resourceEntry is one row of resourceTable.
type resourceEntry struct {
	Resource
	aliases    []string // other names LookupResource accepts
	first, end uint16   // its permissions: permissionTable[first:end]
}

// entry is one row of permissionTable. The fields are in the order the
// generated literals list them.
type entry struct {
	res          uint16 // index in resourceTable
	id           string
	value        string
	typ          manifest.Type
	adminConsent bool
	enabled      bool
	displayName  string
}

// nameRef is one row of byName: a normalized name and the resource it
// means.
type nameRef struct {
	name string
	res  uint16
}

func (e *entry) permission() Permission {
	return Permission{
		ResourceAppID: resourceTable[e.res].AppID,
		ID:            e.id,
		Value:         e.value,
		Type:          e.typ,
		AdminConsent:  e.adminConsent,
		DisplayName:   e.displayName,
		Enabled:       e.enabled,
	}
}

// Snapshot returns the date (YYYY-MM-DD) of the data the catalog was
// generated from.
func Snapshot() string { return snapshot }

// Resources returns the catalog's resource applications: Microsoft Graph,
// Office 365 Exchange Online and Azure AD Graph first, then the others by
// name.
func Resources() []Resource {
	out := make([]Resource, len(resourceTable))
	for i := range resourceTable {
		out[i] = resourceTable[i].Resource
	}
	return out
}

// LookupResource finds a resource application by application id, display
// name, key or alias, for example "00000003-0000-0000-c000-000000000000",
// "Microsoft Graph", "MicrosoftGraph", "graph" or "AAD Graph". The match
// ignores ASCII case, spaces, dots, dashes and underscores.
func LookupResource(q string) (Resource, bool) {
	q = normalize(q)
	i, ok := slices.BinarySearchFunc(byName[:], q, func(n nameRef, q string) int {
		return strings.Compare(n.name, q)
	})
	if !ok {
		return Resource{}, false
	}
	return resourceTable[byName[i].res].Resource, true
}

// resourceByAppID returns the resourceTable index of the application id
// appID, matched regardless of ASCII case.
func resourceByAppID(appID string) (int, bool) {
	i, ok := slices.BinarySearchFunc(byApp[:], appID, func(r uint16, q string) int {
		return compareFold(resourceTable[r].AppID, q)
	})
	if !ok {
		return 0, false
	}
	return int(byApp[i]), true
}

// matchID returns the run of byID whose ids equal id, regardless of case.
func matchID(id string) []uint16 {
	return run(byID[:], id, func(e *entry) string { return e.id })
}

// matchValue returns the run of byValue whose values equal value,
// regardless of ASCII case.
func matchValue(value string) []uint16 {
	return run(byValue[:], value, func(e *entry) string { return e.value })
}

// run returns the positions in index, which is sorted by field under
// compareFold, whose field equals q under compareFold.
func run(index []uint16, q string, field func(*entry) string) []uint16 {
	cmp := func(p uint16, q string) int { return compareFold(field(&permissionTable[p]), q) }
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
// application resourceAppID. Both GUIDs match regardless of case.
func Lookup(resourceAppID, id string, t manifest.Type) (Permission, bool) {
	res, ok := resourceByAppID(resourceAppID)
	if !ok {
		return Permission{}, false
	}
	for _, p := range matchID(id) {
		if e := &permissionTable[p]; int(e.res) == res && e.typ == t {
			return e.permission(), true
		}
	}
	return Permission{}, false
}

// LookupValue finds the permission with the given name and type on the
// resource application resourceAppID, which matches regardless of case. The
// name matches regardless of ASCII case; should two names differ only in
// case, the exact spelling wins.
func LookupValue(resourceAppID, value string, t manifest.Type) (Permission, bool) {
	res, ok := resourceByAppID(resourceAppID)
	if !ok {
		return Permission{}, false
	}
	var found *entry
	for _, p := range matchValue(value) {
		e := &permissionTable[p]
		if int(e.res) != res || e.typ != t {
			continue
		}
		if e.value == value {
			return e.permission(), true
		}
		if found == nil {
			found = e
		}
	}
	if found == nil {
		return Permission{}, false
	}
	return found.permission(), true
}

// FindID returns every permission with the given id, on any resource and of
// either type, in catalog order. One id can be both a scope and a role
// (Microsoft Graph User.Export.All).
func FindID(id string) []Permission {
	return permissionsAt(matchID(id))
}

// FindValue returns every permission with the given name (matched regardless
// of ASCII case), on any resource and of either type, in catalog order. One
// name can exist on several resources with different ids
// (EWS.AccessAsUser.All on Microsoft Graph and on Exchange Online).
func FindValue(value string) []Permission {
	return permissionsAt(matchValue(value))
}

func permissionsAt(positions []uint16) []Permission {
	if len(positions) == 0 {
		return nil
	}
	out := make([]Permission, len(positions))
	for i, p := range positions {
		out[i] = permissionTable[p].permission()
	}
	return out
}

// ResourcePermissions returns the permissions the catalog lists for the
// resource application appID, in catalog order, or nil when it lists none.
func ResourcePermissions(appID string) []Permission {
	res, ok := resourceByAppID(appID)
	if !ok {
		return nil
	}
	r := &resourceTable[res]
	if r.first == r.end {
		return nil
	}
	out := make([]Permission, 0, r.end-r.first)
	for i := r.first; i < r.end; i++ {
		out = append(out, permissionTable[i].permission())
	}
	return out
}

// Suggest returns up to n permission names of the resource application
// resourceAppID that are closest to value, closest first, for messages such
// as "unknown permission X; did you mean Y?". Closeness is the edit distance
// ignoring ASCII case; among equally close names, one sharing a longer
// prefix with value comes first. Names too far from value are left out.
func Suggest(resourceAppID, value string, n int) []string {
	res, ok := resourceByAppID(resourceAppID)
	if !ok {
		return nil
	}
	r := &resourceTable[res]
	cands := make([]candidate, 0, r.end-r.first)
	for i := r.first; i < r.end; i++ {
		cands = append(cands, candidate{name: permissionTable[i].value})
	}
	return suggest(value, cands, n)
}

// SuggestResource returns up to n resource names closest to q, closest
// first, for messages such as "unknown resource X; did you mean Y?". It
// compares q with each resource's name, key and aliases (not its
// application id), ignoring ASCII case, spaces, dots, dashes and
// underscores.
func SuggestResource(q string, n int) []string {
	cands := make([]candidate, len(resourceTable))
	for i, r := range resourceTable {
		forms := []string{normalize(r.Name), normalize(r.Key)}
		for _, a := range r.aliases {
			forms = append(forms, normalize(a))
		}
		cands[i] = candidate{r.Name, forms}
	}
	return suggest(normalize(q), cands, n)
}

// candidate is a name Suggest and SuggestResource may offer, with the forms
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
	if n <= 0 || q == "" {
		return nil
	}
	limit := max(2, len(q)/2)
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
			if lowerByte(a[i-1]) == lowerByte(b[j-1]) {
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
	for n < len(a) && n < len(b) && lowerByte(a[n]) == lowerByte(b[n]) {
		n++
	}
	return n
}

// compareFold compares a and b byte by byte with ASCII letters folded to
// lower case. Only ASCII is folded: the catalog's identifiers are ASCII,
// and folding other letters (the Kelvin sign to k) would let look-alike
// input match.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := lowerByte(a[i]), lowerByte(b[i])
		if ca != cb {
			return int(ca) - int(cb)
		}
	}
	return len(a) - len(b)
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// normalize returns the form in which resource names are compared: ASCII
// lower case, without spaces, dots, dashes and underscores.
func normalize(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '.', '-', '_':
		default:
			b = append(b, lowerByte(c))
		}
	}
	return string(b)
}
