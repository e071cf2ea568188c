// Command gencatalog writes the permission catalog's tables and their
// sorted indexes (catalog_data.go) from the JSON data files
// permissions.json and resource-apps.json.
//
// Usage:
//
//	go run ./internal/gencatalog [-o catalog_data.go] DATA_DIR
//
// It checks the data as it goes (GUID syntax, types, no duplicate
// permissions, no resource name that could mean two resources) and writes
// nothing when a check fails.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

const (
	graphID    = "00000003-0000-0000-c000-000000000000"
	exchangeID = "00000002-0000-0ff1-ce00-000000000000"
	aadGraphID = "00000002-0000-0000-c000-000000000000"
)

// leading lists the resources that come first in the table, in this order;
// the others follow by name.
var leading = []string{graphID, exchangeID, aadGraphID}

// names gives the display name of resources whose data name is long or
// formal, and the extra names people use for them. Every name the data
// files give stays a lookup alias.
var names = map[string]struct {
	name    string
	aliases []string
}{
	graphID:    {"Microsoft Graph", []string{"Graph", "MS Graph"}},
	exchangeID: {"Office 365 Exchange Online", []string{"Exchange", "Exchange Online", "EXO"}},
	aadGraphID: {"Azure AD Graph", []string{"AAD Graph", "Azure Active Directory Graph", "Windows Azure Active Directory"}},
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

type permissionsFile struct {
	About     string `json:"about"`
	Snapshot  string `json:"snapshot"`
	Resources []struct {
		AppID       string `json:"appId"`
		Name        string `json:"name"`
		Complete    bool   `json:"complete"`
		Permissions []struct {
			ID                   string `json:"id"`
			Value                string `json:"value"`
			Type                 string `json:"type"`
			AdminConsentRequired *bool  `json:"adminConsentRequired"`
			DisplayName          string `json:"displayName"`
			IsEnabled            *bool  `json:"isEnabled"`
		} `json:"permissions"`
	} `json:"resources"`
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
	aliases          []string
	perms            []permission
}

type permission struct {
	id, value, typ, displayName string
	adminConsent, enabled       bool
}

func main() {
	out := flag.String("o", "catalog_data.go", "output `file`")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gencatalog [-o file] DATA_DIR\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	src, err := generate(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		os.Exit(1)
	}
}

// generate reads the data files in dir and returns the formatted Go source
// of catalog_data.go.
func generate(dir string) ([]byte, error) {
	var pf permissionsFile
	if err := readJSON(filepath.Join(dir, "permissions.json"), &pf); err != nil {
		return nil, err
	}
	var af appsFile
	if err := readJSON(filepath.Join(dir, "resource-apps.json"), &af); err != nil {
		return nil, err
	}
	if pf.Snapshot == "" {
		return nil, errors.New("permissions.json: no snapshot date")
	}
	resources, err := collect(pf, af)
	if err != nil {
		return nil, err
	}
	return render(pf.Snapshot, resources)
}

func readJSON(name string, v any) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// collect merges the two files into resources in table order.
func collect(pf permissionsFile, af appsFile) ([]*resource, error) {
	byApp := make(map[string]*resource)
	var all []*resource
	for _, a := range af.Apps {
		if !guidRE.MatchString(a.AppID) {
			return nil, fmt.Errorf("resource-apps.json: %s: app id %q is not a lower-case GUID", a.Key, a.AppID)
		}
		if a.Key == "" {
			return nil, fmt.Errorf("resource-apps.json: %s: no key", a.AppID)
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
			return nil, fmt.Errorf("permissions.json: resource %s (%s) is not in resource-apps.json", pr.AppID, pr.Name)
		}
		if r.perms != nil {
			return nil, fmt.Errorf("permissions.json: resource %s listed twice", pr.AppID)
		}
		r.complete = pr.Complete
		if pr.Name != "" {
			r.aliases = append(r.aliases, pr.Name)
		}
		seenID := make(map[string]bool)
		seenValue := make(map[string]bool)
		for _, p := range pr.Permissions {
			where := fmt.Sprintf("permissions.json: %s %s %s", pr.Name, p.Value, p.Type)
			if !guidRE.MatchString(p.ID) {
				return nil, fmt.Errorf("%s: id %q is not a lower-case GUID", where, p.ID)
			}
			if p.Type != "Scope" && p.Type != "Role" {
				return nil, fmt.Errorf("%s: type is neither Scope nor Role", where)
			}
			if p.Value == "" {
				return nil, fmt.Errorf("%s: no value", where)
			}
			idKey := p.ID + " " + p.Type
			valueKey := strings.ToLower(p.Value) + " " + p.Type
			if seenID[idKey] {
				return nil, fmt.Errorf("%s: id %s listed twice", where, p.ID)
			}
			if seenValue[valueKey] {
				return nil, fmt.Errorf("%s: value listed twice (ignoring case)", where)
			}
			seenID[idKey], seenValue[valueKey] = true, true
			r.perms = append(r.perms, permission{
				id:          p.ID,
				value:       p.Value,
				typ:         p.Type,
				displayName: p.DisplayName,
				// An unknown consent requirement (null) is recorded as
				// not required.
				adminConsent: p.AdminConsentRequired != nil && *p.AdminConsentRequired,
				enabled:      p.IsEnabled == nil || *p.IsEnabled,
			})
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
	seen := map[string]bool{normalize(r.name): true, normalize(r.key): true}
	var out []string
	for _, a := range r.aliases {
		n := normalize(a)
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
			k := normalize(n)
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

// normalize and compareFold must agree with the functions of the same
// names in package permissions; its tests check the generated indexes with
// those.

// normalize returns s in ASCII lower case without spaces, dots, dashes and
// underscores.
func normalize(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '.' || c == '-' || c == '_':
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// compareFold compares a and b byte by byte with ASCII letters folded to
// lower case.
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

// render writes the tables: resources in catalog order, their permissions
// in one flat table grouped by resource, and sorted indexes for binary
// search, so that no lookup structure is built at run time.
func render(snapshot string, resources []*resource) ([]byte, error) {
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
	if len(perms) > 1<<16 || len(resources) > 1<<16 {
		return nil, fmt.Errorf("%d permissions, %d resources: too many for uint16 indexes", len(perms), len(resources))
	}

	var b bytes.Buffer
	b.WriteString("// Code generated by gencatalog; DO NOT EDIT.\n\n")
	b.WriteString("package permissions\n\n")
	b.WriteString("import \"github.com/manifestpatch/manifestpatch/manifest\"\n\n")
	fmt.Fprintf(&b, "const snapshot = %q\n\n", snapshot)

	b.WriteString("// resourceTable lists the resources in catalog order.\n")
	b.WriteString("var resourceTable = [...]resourceEntry{\n")
	first := 0
	for _, r := range resources {
		fmt.Fprintf(&b, "{Resource: Resource{AppID: %q, Name: %q, Key: %q", r.appID, r.name, r.key)
		if r.complete {
			b.WriteString(", Complete: true")
		}
		if r.deprecated {
			b.WriteString(", Deprecated: true")
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
	b.WriteString("var permissionTable = [...]entry{\n")
	for i, f := range perms {
		if i == 0 || perms[i-1].res != f.res {
			fmt.Fprintf(&b, "// %s\n", resources[f.res].name)
		}
		fmt.Fprintf(&b, "{%d, %q, %q, manifest.%s, %t, %t, %q},\n",
			f.res, f.p.id, f.p.value, f.p.typ, f.p.adminConsent, f.p.enabled, f.p.displayName)
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
			k := normalize(n)
			if !slices.Contains(names, name{k, i}) {
				names = append(names, name{k, i})
			}
		}
	}
	slices.SortStableFunc(names, func(a, b name) int { return strings.Compare(a.key, b.key) })
	b.WriteString("// byName lists every app id, name, key and alias, normalized and sorted.\n")
	b.WriteString("var byName = [...]nameRef{\n")
	for _, n := range names {
		fmt.Fprintf(&b, "{%q, %d},\n", n.key, n.res)
	}
	b.WriteString("}\n\n")

	writeIndex(&b, "byID", "permissionTable positions sorted by id (compareFold), ties in table order", sortedPositions(len(perms), func(i, j int) int {
		return compareFold(perms[i].p.id, perms[j].p.id)
	}))
	writeIndex(&b, "byValue", "permissionTable positions sorted by value (compareFold), ties in table order", sortedPositions(len(perms), func(i, j int) int {
		return compareFold(perms[i].p.value, perms[j].p.value)
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
	fmt.Fprintf(b, "var %s = [...]uint16{", name)
	for i, p := range pos {
		if i%16 == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "%d, ", p)
	}
	b.WriteString("\n}\n\n")
}
