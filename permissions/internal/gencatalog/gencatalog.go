// Package gencatalog turns the permission catalog's data files into the
// Go source of its tables (permissions/catalog_data.go): resources in
// catalog order, their permissions in one flat table, and sorted indexes,
// so that no lookup structure is built at run time.
//
// It is the logic of permissions/gen_catalog.go, which go generate runs; it
// lives in a package of its own so that its tests run with the others and
// go install does not build a generator.
//
// The data files (see permissions/data/SOURCES.md):
//
//   - resource-apps.json: well-known resource application ids, keys and
//     display names;
//   - permissions.json: Microsoft Graph's permissions (complete) and some
//     of Exchange Online's and Azure AD Graph's, with display names and
//     consent;
//   - first-party-permissions.json: the scopes and roles of 23 first-party
//     resources from one tenant's export, without display names or the
//     consent of scopes;
//   - graph-removed.json: Microsoft Graph permissions Microsoft removed,
//     with the dates, so that a manifest listing one is told so rather
//     than that its GUID is unknown;
//   - graph-hidden.json: Microsoft Graph permissions that work but that
//     Microsoft no longer lists on its service principal, so the complete
//     export lacks them;
//   - privilege-levels.json: Microsoft's privilege level (1 to 5) of
//     Microsoft Graph's permissions;
//   - privilege-tiers.json: the EntraOps tier (ControlPlane,
//     ManagementPlane, UserAccess) of the permissions of first-party
//     resources.
//
// Generation checks the data as it goes (GUID syntax, types, no permission
// listed twice, no resource name that could mean two resources, the files
// agreeing where they overlap) and fails on the first problem.
package gencatalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/manifestpatch/manifestpatch/permissions/internal/ident"
)

// The data files, by name in the data folder.
const (
	AppsFile       = "resource-apps.json"
	PermsFile      = "permissions.json"
	FirstPartyFile = "first-party-permissions.json"
	RemovedFile    = "graph-removed.json"
	HiddenFile     = "graph-hidden.json"
	LevelsFile     = "privilege-levels.json"
	TiersFile      = "privilege-tiers.json"
)

// leading lists the resources that come first in the table, in this order;
// the others follow by name.
var leading = []string{ident.MicrosoftGraph, ident.ExchangeOnline, ident.AzureADGraph}

// names gives the display name of resources whose data name is long or
// formal, and the extra names people use for them. Every name the data
// files give stays a lookup alias.
var names = map[string]struct {
	name    string
	aliases []string
}{
	ident.MicrosoftGraph: {"Microsoft Graph", []string{"Graph", "MS Graph"}},
	ident.ExchangeOnline: {"Office 365 Exchange Online", []string{"Exchange", "Exchange Online", "EXO"}},
	ident.AzureADGraph:   {"Azure AD Graph", []string{"AAD Graph", "Azure Active Directory Graph", "Windows Azure Active Directory"}},
}

// notNames are display names in resource-apps.json that describe a step
// rather than name an application; they are dropped, and such a resource
// is named by its key.
var notNames = []string{"Recreate a missing service principal", "New Azure AD Service Principal"}

// remarks are the tails of display names in resource-apps.json that
// describe the entry (where it was copied from, which id it is) rather than
// name the application; they are cut off.
var remarks = []string{
	" [Community Contributed]",
	" app ID",
	" principal ID - Other regions",
	" service endpoint resource ID",
	" - Manually registered, Azure Public",
	" - Public cloud",
}

var guidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// Files holds the contents of the data files.
type Files struct {
	Apps, Perms, FirstParty, Removed, Hidden, Levels, Tiers []byte
}

// Read reads the data files from the folder dir.
func Read(dir string) (Files, error) {
	var f Files
	for _, x := range []struct {
		name string
		dst  *[]byte
	}{{AppsFile, &f.Apps}, {PermsFile, &f.Perms}, {FirstPartyFile, &f.FirstParty}, {RemovedFile, &f.Removed}, {HiddenFile, &f.Hidden},
		{LevelsFile, &f.Levels}, {TiersFile, &f.Tiers}} {
		data, err := os.ReadFile(filepath.Join(dir, x.name))
		if err != nil {
			return Files{}, err
		}
		*x.dst = data
	}
	return f, nil
}

type permissionsFile struct {
	About     string `json:"about"`
	Snapshot  string `json:"snapshot"`
	Resources []struct {
		AppID       string     `json:"appId"`
		Name        string     `json:"name"`
		Complete    bool       `json:"complete"`
		Permissions []dataPerm `json:"permissions"`
	} `json:"resources"`
}

type dataPerm struct {
	ID                   string `json:"id"`
	Value                string `json:"value"`
	Type                 string `json:"type"`
	AdminConsentRequired *bool  `json:"adminConsentRequired"`
	DisplayName          string `json:"displayName"`
	IsEnabled            *bool  `json:"isEnabled"`
}

type firstPartyFile struct {
	About     string          `json:"about"`
	Snapshot  string          `json:"snapshot"`
	Source    json.RawMessage `json:"source"`
	Resources []struct {
		AppID                  string         `json:"appId"`
		Name                   string         `json:"name"`
		CompleteInSourceTenant bool           `json:"completeInSourceTenant"`
		Counts                 map[string]int `json:"counts"`
		Notes                  []string       `json:"notes"`
		Permissions            []dataPerm     `json:"permissions"`
	} `json:"resources"`
}

type removedFile struct {
	About         string          `json:"about"`
	Source        json.RawMessage `json:"source"`
	ResourceAppID string          `json:"resourceAppId"`
	Removed       []struct {
		ID        string `json:"id"`
		Type      string `json:"type"`
		Value     string `json:"value"`
		LastSeen  string `json:"lastSeen"`
		RemovedOn string `json:"removedOn"`
	} `json:"removed"`
}

type hiddenFile struct {
	About         string          `json:"about"`
	Source        json.RawMessage `json:"source"`
	ResourceAppID string          `json:"resourceAppId"`
	Hidden        []dataPerm      `json:"hidden"`
}

type levelsFile struct {
	About         string          `json:"about"`
	Source        json.RawMessage `json:"source"`
	ResourceAppID string          `json:"resourceAppId"`
	Levels        []struct {
		ID    string `json:"id"`
		Type  string `json:"type"`
		Value string `json:"value"`
		Level int    `json:"level"`
	} `json:"levels"`
}

type tiersFile struct {
	About  string          `json:"about"`
	Source json.RawMessage `json:"source"`
	Tiers  []struct {
		ResourceAppID string `json:"resourceAppId"`
		ID            string `json:"id"`
		Type          string `json:"type"`
		Value         string `json:"value"`
		Tier          string `json:"tier"`
	} `json:"tiers"`
}

type appsFile struct {
	About string `json:"about"`
	Apps  []struct {
		Key         string `json:"key"`
		AppID       string `json:"appId"`
		DisplayName string `json:"displayName"`
		Deprecated  bool   `json:"deprecated"`
	} `json:"apps"`
}

type resource struct {
	appID, name, key string
	complete         bool
	deprecated       bool
	snapshot         string
	aliases          []string
	perms            []permission
}

type permission struct {
	id, value, typ, displayName string
	consent                     string // "ConsentAdmin", "ConsentUser" or "" (unknown)
	disabled                    bool
	removed                     string // the date Microsoft removed it, or ""
	hidden                      bool   // enabled, but not listed on the resource's service principal
	level                       int    // Microsoft's privilege level, 1 to 5; 0 for none
	tier                        string // the Tier constant of its EntraOps tier, or ""
}

// snapshot is one data file's date, with what it covers.
type snapshot struct{ source, date string }

// Generate reads the data files in dir and returns the formatted Go source
// of catalog_data.go.
func Generate(dir string) ([]byte, error) {
	f, err := Read(dir)
	if err != nil {
		return nil, err
	}
	return Build(f)
}

// Build returns the formatted Go source of catalog_data.go for the data
// files' contents.
func Build(f Files) ([]byte, error) {
	var af appsFile
	if err := decode(AppsFile, f.Apps, &af); err != nil {
		return nil, err
	}
	var pf permissionsFile
	if err := decode(PermsFile, f.Perms, &pf); err != nil {
		return nil, err
	}
	var ff firstPartyFile
	if err := decode(FirstPartyFile, f.FirstParty, &ff); err != nil {
		return nil, err
	}
	var rf removedFile
	if err := decode(RemovedFile, f.Removed, &rf); err != nil {
		return nil, err
	}
	var hf hiddenFile
	if err := decode(HiddenFile, f.Hidden, &hf); err != nil {
		return nil, err
	}
	for _, s := range []struct{ file, date string }{{PermsFile, pf.Snapshot}, {FirstPartyFile, ff.Snapshot}} {
		if !dateRE.MatchString(s.date) {
			return nil, fmt.Errorf("%s: snapshot %q is not a date (YYYY-MM-DD)", s.file, s.date)
		}
	}
	resources, err := collect(af, pf, ff)
	if err != nil {
		return nil, err
	}
	if err := addRemoved(resources, rf); err != nil {
		return nil, err
	}
	if err := addHidden(resources, hf); err != nil {
		return nil, err
	}
	var lf levelsFile
	if err := decode(LevelsFile, f.Levels, &lf); err != nil {
		return nil, err
	}
	var tf tiersFile
	if err := decode(TiersFile, f.Tiers, &tf); err != nil {
		return nil, err
	}
	if err := addLevels(resources, lf); err != nil {
		return nil, err
	}
	if err := addTiers(resources, tf); err != nil {
		return nil, err
	}
	snaps := []snapshot{{"Microsoft Graph", pf.Snapshot}, {"first-party", ff.Snapshot}}
	return render(snaps, resources)
}

var dateRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

func decode(name string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// collect merges the files into resources in table order.
func collect(af appsFile, pf permissionsFile, ff firstPartyFile) ([]*resource, error) {
	byApp := make(map[string]*resource)
	var all []*resource
	for _, a := range af.Apps {
		if !guidRE.MatchString(a.AppID) {
			return nil, fmt.Errorf("%s: %s: app id %q is not a lower-case GUID", AppsFile, a.Key, a.AppID)
		}
		if a.Key == "" {
			return nil, fmt.Errorf("%s: %s: no key", AppsFile, a.AppID)
		}
		r := byApp[a.AppID]
		if r == nil {
			r = &resource{appID: a.AppID, key: a.Key, deprecated: a.Deprecated}
			byApp[a.AppID] = r
			all = append(all, r)
		} else {
			// Several keys can name one application (AzureServiceManagement
			// is the retired key of Azure Resource Manager): a current key
			// wins over a retired one, the others become aliases, and the
			// application is deprecated only when every key is.
			if r.deprecated && !a.Deprecated {
				r.aliases = append(r.aliases, r.key)
				r.key = a.Key
			} else {
				r.aliases = append(r.aliases, a.Key)
			}
			r.deprecated = r.deprecated && a.Deprecated
		}
		if a.DisplayName == "" || slices.Contains(notNames, a.DisplayName) {
			continue
		}
		r.aliases = append(r.aliases, a.DisplayName)
		name := a.DisplayName
		for _, tail := range remarks {
			name = strings.TrimSuffix(name, tail)
		}
		if r.name == "" {
			r.name = name
		}
	}

	for _, pr := range pf.Resources {
		r := byApp[pr.AppID]
		if r == nil {
			return nil, fmt.Errorf("%s: resource %s (%s) is not in %s", PermsFile, pr.AppID, pr.Name, AppsFile)
		}
		if r.snapshot != "" {
			return nil, fmt.Errorf("%s: resource %s listed twice", PermsFile, pr.AppID)
		}
		r.complete = pr.Complete
		r.snapshot = pf.Snapshot
		if pr.Name != "" {
			r.aliases = append(r.aliases, pr.Name)
		}
		if err := addPermissions(r, PermsFile, pr.Name, pr.Permissions); err != nil {
			return nil, err
		}
	}

	// The first-party export names resources as its tenant does. Those
	// names become aliases, except where resource-apps.json gives the name
	// to another application ("Microsoft Teams" is 1fec8e78-…, not the
	// Teams service cc15fd57-… the export means). A name with " / " names
	// the application twice ("Yammer / Viva Engage"); a slash would also
	// split RESOURCE/NAME, so each part is an alias of its own.
	taken := make(map[string]string)
	for _, r := range all {
		for _, n := range append([]string{r.appID, r.name, r.key}, r.aliases...) {
			taken[ident.Normalize(n)] = r.appID
		}
	}
	seen := make(map[string]bool)
	for _, fr := range ff.Resources {
		if !guidRE.MatchString(fr.AppID) {
			return nil, fmt.Errorf("%s: %s: app id %q is not a lower-case GUID", FirstPartyFile, fr.Name, fr.AppID)
		}
		if seen[fr.AppID] {
			return nil, fmt.Errorf("%s: resource %s listed twice", FirstPartyFile, fr.AppID)
		}
		seen[fr.AppID] = true
		parts := strings.Split(fr.Name, " / ")
		r := byApp[fr.AppID]
		if r == nil {
			if ident.Key(parts[0]) == "" {
				return nil, fmt.Errorf("%s: resource %s: no name to make a key of", FirstPartyFile, fr.AppID)
			}
			r = &resource{appID: fr.AppID, name: parts[0], key: ident.Key(parts[0])}
			byApp[fr.AppID] = r
			all = append(all, r)
		}
		for _, p := range parts {
			if o, ok := taken[ident.Normalize(p)]; !ok || o == r.appID {
				r.aliases = append(r.aliases, p)
				taken[ident.Normalize(p)] = r.appID
			}
		}
		r.snapshot = max(r.snapshot, ff.Snapshot)
		if err := addPermissions(r, FirstPartyFile, fr.Name, fr.Permissions); err != nil {
			return nil, err
		}
		for t, n := range fr.Counts {
			if got := countType(r.perms, t); got < n {
				return nil, fmt.Errorf("%s: %s: %d of type %s, the file's counts say %d", FirstPartyFile, fr.Name, got, t, n)
			}
		}
	}

	for _, r := range all {
		if n, ok := names[r.appID]; ok {
			r.name = n.name
			r.aliases = append(r.aliases, n.aliases...)
		}
		if r.name == "" {
			r.name = r.key
		}
		r.aliases = cleanAliases(r)
		slices.SortFunc(r.perms, func(a, b permission) int {
			return ident.ComparePermissions(a.value, a.typ, a.id, b.value, b.typ, b.id)
		})
	}
	if err := checkNames(all); err != nil {
		return nil, err
	}

	slices.SortStableFunc(all, func(a, b *resource) int {
		ia, ib := rank(a.appID), rank(b.appID)
		if ia != ib {
			return ia - ib
		}
		if c := strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name)); c != 0 {
			return c
		}
		return strings.Compare(a.appID, b.appID)
	})
	return all, nil
}

// addRemoved adds the permissions Microsoft removed to their resource, as
// disabled entries with the date. A removed permission may not share its
// id and type, or its value and type, with one the resource publishes.
func addRemoved(resources []*resource, rf removedFile) error {
	perms := make([]dataPerm, len(rf.Removed))
	for i, x := range rf.Removed {
		if !dateRE.MatchString(x.RemovedOn) || !dateRE.MatchString(x.LastSeen) || x.LastSeen > x.RemovedOn {
			return fmt.Errorf("%s: %s %s: dates %q and %q are not YYYY-MM-DD, the one before the other", RemovedFile, x.Value, x.Type, x.LastSeen, x.RemovedOn)
		}
		perms[i] = dataPerm{ID: x.ID, Value: x.Value, Type: x.Type}
	}
	return addUnlisted(resources, RemovedFile, rf.ResourceAppID, perms, func(i int, p *permission) {
		p.disabled, p.removed = true, rf.Removed[i].RemovedOn
	})
}

// addHidden adds the permissions that work but that the resource's
// service principal no longer lists, as enabled hidden entries.
func addHidden(resources []*resource, hf hiddenFile) error {
	return addUnlisted(resources, HiddenFile, hf.ResourceAppID, hf.Hidden, func(_ int, p *permission) {
		p.hidden = true
	})
}

// tierNames maps the EntraOps tier names to the Tier constants.
var tierNames = map[string]string{"ControlPlane": "TierControlPlane", "ManagementPlane": "TierManagementPlane", "UserAccess": "TierUserAccess"}

// addLevels gives the permissions of lf's resource their privilege
// levels. Each row must name a permission of that resource by id and type,
// with its value, once.
func addLevels(resources []*resource, lf levelsFile) error {
	for _, x := range lf.Levels {
		where := fmt.Sprintf("%s: %s %s", LevelsFile, x.Value, x.Type)
		if x.Level < 1 || x.Level > 5 {
			return fmt.Errorf("%s: level %d is not 1 to 5", where, x.Level)
		}
		p, err := classified(resources, where, lf.ResourceAppID, x.ID, x.Type, x.Value)
		if err != nil {
			return err
		}
		if p.level != 0 {
			return fmt.Errorf("%s: listed twice", where)
		}
		p.level = x.Level
	}
	return nil
}

// addTiers gives permissions their EntraOps tiers. Each row must name a
// permission of the catalog by resource, id and type, with its value, once.
func addTiers(resources []*resource, tf tiersFile) error {
	for _, x := range tf.Tiers {
		where := fmt.Sprintf("%s: %s %s %s", TiersFile, x.ResourceAppID, x.Value, x.Type)
		tier, ok := tierNames[x.Tier]
		if !ok {
			return fmt.Errorf("%s: tier %q is none of ControlPlane, ManagementPlane and UserAccess", where, x.Tier)
		}
		p, err := classified(resources, where, x.ResourceAppID, x.ID, x.Type, x.Value)
		if err != nil {
			return err
		}
		if p.tier != "" {
			return fmt.Errorf("%s: listed twice", where)
		}
		p.tier = tier
	}
	return nil
}

// classified returns the permission of the resource appID with the id and
// type a classification file gives, which must have the value it gives.
func classified(resources []*resource, where, appID, id, typ, value string) (*permission, error) {
	i := slices.IndexFunc(resources, func(r *resource) bool { return r.appID == appID })
	if i < 0 {
		return nil, fmt.Errorf("%s: resource %s is not in the catalog", where, appID)
	}
	r := resources[i]
	for j := range r.perms {
		if p := &r.perms[j]; p.id == id && p.typ == typ {
			if !strings.EqualFold(p.value, value) {
				return nil, fmt.Errorf("%s: %s is %s in the catalog", where, id, p.value)
			}
			return p, nil
		}
	}
	return nil, fmt.Errorf("%s: %s %s is not a permission of %s in the catalog", where, typ, id, r.name)
}

// addUnlisted adds permissions the resource's complete export does not
// list to the resource appID, marking each with mark. None may share its
// id and type, or its value and type, with one the export lists.
func addUnlisted(resources []*resource, file, appID string, perms []dataPerm, mark func(int, *permission)) error {
	i := slices.IndexFunc(resources, func(r *resource) bool { return r.appID == appID })
	if i < 0 {
		return fmt.Errorf("%s: resource %s is not in the catalog", file, appID)
	}
	r := resources[i]
	for i, x := range perms {
		where := fmt.Sprintf("%s: %s %s", file, x.Value, x.Type)
		for _, p := range r.perms {
			if p.typ == x.Type && (p.id == x.ID || strings.EqualFold(p.value, x.Value)) {
				return fmt.Errorf("%s: %s is published as %s %s", where, x.ID, p.value, p.id)
			}
		}
		if err := addPermissions(r, file, r.name, []dataPerm{x}); err != nil {
			return err
		}
		mark(i, &r.perms[len(r.perms)-1])
	}
	slices.SortFunc(r.perms, func(a, b permission) int {
		return ident.ComparePermissions(a.value, a.typ, a.id, b.value, b.typ, b.id)
	})
	return nil
}

// addPermissions adds the permissions a data file lists for r. A
// permission r already has (same id and type) must have the same value;
// what the earlier file says of it wins, and the later file fills in what
// the earlier one leaves unknown.
func addPermissions(r *resource, file, resName string, ps []dataPerm) error {
	type key struct{ id, typ string }
	had := make(map[key]int)
	for i, p := range r.perms {
		had[key{p.id, p.typ}] = i
	}
	added := make(map[key]bool)
	for _, p := range ps {
		where := fmt.Sprintf("%s: %s %s %s", file, resName, p.Value, p.Type)
		if !guidRE.MatchString(p.ID) {
			return fmt.Errorf("%s: id %q is not a lower-case GUID", where, p.ID)
		}
		if p.Type != "Scope" && p.Type != "Role" {
			return fmt.Errorf("%s: type is neither Scope nor Role", where)
		}
		if p.Value == "" || strings.TrimSpace(p.Value) != p.Value || strings.ContainsAny(p.Value, "/ ") {
			return fmt.Errorf("%s: value %q is empty or holds a space or a slash", where, p.Value)
		}
		k := key{p.ID, p.Type}
		if added[k] {
			return fmt.Errorf("%s: id %s listed twice", where, p.ID)
		}
		added[k] = true
		np := permission{
			id:          p.ID,
			value:       p.Value,
			typ:         p.Type,
			displayName: strings.TrimSpace(p.DisplayName),
			consent:     consent(p),
			disabled:    p.IsEnabled != nil && !*p.IsEnabled,
		}
		if i, ok := had[k]; ok {
			old := &r.perms[i]
			if old.value != np.value {
				return fmt.Errorf("%s: id %s is %s in an earlier file", where, p.ID, old.value)
			}
			if old.consent == "" {
				old.consent = np.consent
			}
			if old.displayName == "" {
				old.displayName = np.displayName
			}
			continue
		}
		r.perms = append(r.perms, np)
	}
	return nil
}

// consent words what a data file says of a permission's consent as the
// name of a permissions.Consent constant. An application role always needs
// an administrator's consent; a scope whose file gives no
// adminConsentRequired has an unknown consent, not a user's.
func consent(p dataPerm) string {
	switch {
	case p.Type == "Role":
		return "ConsentAdmin"
	case p.AdminConsentRequired == nil:
		return ""
	case *p.AdminConsentRequired:
		return "ConsentAdmin"
	}
	return "ConsentUser"
}

func countType(ps []permission, typ string) int {
	n := 0
	for _, p := range ps {
		if p.typ == typ {
			n++
		}
	}
	return n
}

// rank orders the leading resources first.
func rank(appID string) int {
	if i := slices.Index(leading, appID); i >= 0 {
		return i
	}
	return len(leading)
}

// cleanAliases drops aliases that normalize to the resource's name or key,
// and repeats, keeping the first spelling.
func cleanAliases(r *resource) []string {
	seen := map[string]bool{ident.Normalize(r.name): true, ident.Normalize(r.key): true}
	var out []string
	for _, a := range r.aliases {
		n := ident.Normalize(a)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, a)
	}
	return out
}

// checkNames fails when one normalized name, key or alias could mean two
// resources.
func checkNames(all []*resource) error {
	owner := make(map[string]string)
	for _, r := range all {
		for _, n := range append([]string{r.appID, r.name, r.key}, r.aliases...) {
			k := ident.Normalize(n)
			if k == "" {
				return fmt.Errorf("resource %s: empty name", r.appID)
			}
			if o, ok := owner[k]; ok && o != r.appID {
				return fmt.Errorf("name %q means both %s and %s", n, o, r.appID)
			}
			owner[k] = r.appID
		}
	}
	return nil
}

// render writes the tables: resources in catalog order, their permissions
// in one flat table grouped by resource, and sorted indexes for binary
// search. They are slices, not arrays, so that the package's built-in
// Catalog can refer to them and still be laid out by the linker: nothing
// runs at start-up.
func render(snaps []snapshot, resources []*resource) ([]byte, error) {
	type flat struct {
		res int
		p   permission
	}
	var perms []flat
	for i, r := range resources {
		for _, p := range r.perms {
			perms = append(perms, flat{i, p})
		}
	}
	if len(perms) == 0 {
		return nil, errors.New("no permissions")
	}

	var b bytes.Buffer
	b.WriteString("// Code generated by gen_catalog.go; DO NOT EDIT.\n\n")
	b.WriteString("package permissions\n\n")
	b.WriteString("import \"github.com/manifestpatch/manifestpatch/manifest\"\n\n")

	b.WriteString("// snapshots lists the data files the tables are made from, with their dates.\n")
	b.WriteString("var snapshots = []source{\n")
	for _, s := range snaps {
		fmt.Fprintf(&b, "{Name: %q, Date: %q},\n", s.source, s.date)
	}
	b.WriteString("}\n\n")

	b.WriteString("// resourceTable lists the resources in catalog order.\n")
	b.WriteString("var resourceTable = []resourceEntry{\n")
	first := 0
	for _, r := range resources {
		fmt.Fprintf(&b, "{Resource: Resource{AppID: %q, Name: %q, Key: %q", r.appID, r.name, r.key)
		if r.complete {
			b.WriteString(", Complete: true")
		}
		if r.deprecated {
			b.WriteString(", Deprecated: true")
		}
		if r.snapshot != "" {
			fmt.Fprintf(&b, ", Snapshot: %q", r.snapshot)
		}
		b.WriteString("}")
		if len(r.aliases) > 0 {
			b.WriteString(", aliases: []string{")
			for i, a := range r.aliases {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "%q", a)
			}
			b.WriteString("}")
		}
		if len(r.perms) > 0 {
			fmt.Fprintf(&b, ", first: %d, end: %d", first, first+len(r.perms))
			first += len(r.perms)
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n\n")

	b.WriteString("// permissionTable lists the permissions grouped by resource, in\n// resourceTable order.\n")
	b.WriteString("var permissionTable = []entry{\n")
	for i, f := range perms {
		if i == 0 || perms[i-1].res != f.res {
			fmt.Fprintf(&b, "// %s\n", resources[f.res].name)
		}
		fmt.Fprintf(&b, "{res: %d, id: %q, value: %q, typ: manifest.%s", f.res, f.p.id, f.p.value, f.p.typ)
		if f.p.consent != "" {
			fmt.Fprintf(&b, ", consent: %s", f.p.consent)
		}
		if f.p.disabled {
			b.WriteString(", disabled: true")
		}
		if f.p.removed != "" {
			fmt.Fprintf(&b, ", removed: %q", f.p.removed)
		}
		if f.p.hidden {
			b.WriteString(", hidden: true")
		}
		if f.p.level != 0 {
			fmt.Fprintf(&b, ", level: %d", f.p.level)
		}
		if f.p.tier != "" {
			fmt.Fprintf(&b, ", tier: %s", f.p.tier)
		}
		if f.p.displayName != "" {
			fmt.Fprintf(&b, ", displayName: %q", f.p.displayName)
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n\n")

	// Indexes. Ties keep table order, so a run of equal keys lists its
	// entries in catalog order.
	byApp := sortedPositions(len(resources), func(i, j int) int {
		return strings.Compare(resources[i].appID, resources[j].appID)
	})
	writeIndex(&b, "byApp", "resourceTable positions sorted by AppID", byApp)

	type name struct {
		key string
		res int
	}
	var names []name
	for i, r := range resources {
		for _, n := range append([]string{r.appID, r.name, r.key}, r.aliases...) {
			k := ident.Normalize(n)
			if !slices.Contains(names, name{k, i}) {
				names = append(names, name{k, i})
			}
		}
	}
	slices.SortStableFunc(names, func(a, b name) int { return strings.Compare(a.key, b.key) })
	b.WriteString("// byName lists every app id, name, key and alias, normalized and sorted.\n")
	b.WriteString("var byName = []nameRef{\n")
	for _, n := range names {
		fmt.Fprintf(&b, "{name: %q, res: %d},\n", n.key, n.res)
	}
	b.WriteString("}\n\n")

	writeIndex(&b, "byID", "permissionTable positions sorted by id (CompareFold), ties in table order", sortedPositions(len(perms), func(i, j int) int {
		return ident.CompareFold(perms[i].p.id, perms[j].p.id)
	}))
	writeIndex(&b, "byValue", "permissionTable positions sorted by value (CompareFold), ties in table order", sortedPositions(len(perms), func(i, j int) int {
		return ident.CompareFold(perms[i].p.value, perms[j].p.value)
	}))

	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting the table: %w", err)
	}
	return src, nil
}

// sortedPositions returns 0..n-1 sorted stably by cmp.
func sortedPositions(n int, cmp func(i, j int) int) []int {
	pos := make([]int, n)
	for i := range pos {
		pos[i] = i
	}
	slices.SortStableFunc(pos, cmp)
	return pos
}

func writeIndex(b *bytes.Buffer, name, doc string, pos []int) {
	fmt.Fprintf(b, "// %s lists %s.\n", name, doc)
	fmt.Fprintf(b, "var %s = []uint32{", name)
	for i, p := range pos {
		if i%16 == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "%d, ", p)
	}
	b.WriteString("\n}\n\n")
}
