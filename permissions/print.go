package permissions

import (
	"fmt"
	"strings"

	"github.com/manifestpatch/manifestpatch/internal/wording"
	"github.com/manifestpatch/manifestpatch/manifest"
)

// The formats Print writes a set of permissions in: what people paste into
// the tool they keep an app registration in (Print says what each is).
const (
	formatManifest   = "manifest"
	formatAZ         = "az"
	formatPowerShell = "powershell"
	formatTerraform  = "terraform"
	formatBicep      = "bicep"
)

// PrintFormats lists the formats Print writes, "manifest" first.
func PrintFormats() []string {
	return []string{formatManifest, formatAZ, formatPowerShell, formatTerraform, formatBicep}
}

// Print writes set in format, one of PrintFormats:
//   - "manifest": an object holding requiredResourceAccess, the fragment
//     the manifest editor in the Entra admin center takes;
//   - "az": the bare array that az ad app update
//     --required-resource-accesses @FILE takes;
//   - "powershell": the -RequiredResourceAccess value of Microsoft Graph
//     PowerShell's Update-MgApplication, and the command;
//   - "terraform": the required_resource_access blocks of the azuread
//     provider's azuread_application resource;
//   - "bicep": the requiredResourceAccess property of the Microsoft Graph
//     Bicep extension's Microsoft.Graph/applications.
//
// The JSON formats are what manifest.Apply writes into an empty object or
// array, so the ids are as set has them; the others name each resource and
// permission in a comment, as the catalog knows them, and take GUIDs only:
// a name in set is written as the catalog's GUID for it, or refused.
func (cat *Catalog) Print(set manifest.Set, format string) ([]byte, error) {
	switch format {
	case formatManifest, formatAZ:
		empty := "{}"
		if format == formatAZ {
			empty = "[]"
		}
		out, _, err := manifest.Apply([]byte(empty+"\n"), set, manifest.Options{})
		return out, err
	case formatPowerShell, formatTerraform, formatBicep:
	default:
		return nil, fmt.Errorf("permissions: no print format %q; the formats are %s", format, strings.Join(PrintFormats(), ", "))
	}
	entries, err := cat.printEntries(set)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	switch format {
	case formatPowerShell:
		b.WriteString("# Microsoft Graph PowerShell: the app registration's requiredResourceAccess.\n")
		b.WriteString("$requiredResourceAccess = @(\n")
		for _, e := range entries {
			fmt.Fprintf(&b, "    @{\n        ResourceAppId  = \"%s\" # %s\n        ResourceAccess = @(\n", e.app, e.name)
			for _, p := range e.perms {
				fmt.Fprintf(&b, "            @{ Id = \"%s\"; Type = \"%s\" } # %s\n", p.id, p.typ, p.name)
			}
			b.WriteString("        )\n    }\n")
		}
		b.WriteString(")\n")
		b.WriteString("# $applicationId is the application's object id (az ad app show --id APPID --query id).\n")
		b.WriteString("Update-MgApplication -ApplicationId $applicationId -RequiredResourceAccess $requiredResourceAccess\n")
	case formatTerraform:
		b.WriteString("# Inside resource \"azuread_application\" (the azuread provider).\n")
		for i, e := range entries {
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "required_resource_access {\n  resource_app_id = \"%s\" # %s\n", e.app, e.name)
			for _, p := range e.perms {
				fmt.Fprintf(&b, "\n  resource_access {\n    id   = \"%s\" # %s\n    type = \"%s\"\n  }\n", p.id, p.name, p.typ)
			}
			b.WriteString("}\n")
		}
	case formatBicep:
		b.WriteString("// A property of resource 'Microsoft.Graph/applications@v1.0' (the Microsoft Graph Bicep extension).\n")
		b.WriteString("requiredResourceAccess: [\n")
		for _, e := range entries {
			fmt.Fprintf(&b, "  {\n    resourceAppId: '%s' // %s\n    resourceAccess: [\n", e.app, e.name)
			for _, p := range e.perms {
				fmt.Fprintf(&b, "      {\n        id: '%s' // %s\n        type: '%s'\n      }\n", p.id, p.name, p.typ)
			}
			b.WriteString("    ]\n  }\n")
		}
		b.WriteString("]\n")
	}
	return []byte(b.String()), nil
}

// printEntry is one resource of a set as the code formats write it.
type printEntry struct {
	app, name string
	perms     []printPerm
}

type printPerm struct {
	id, typ, name string
}

// printEntries resolves set for the code formats: GUIDs in lower case,
// each resource once, each permission once, named for the comments.
func (cat *Catalog) printEntries(set manifest.Set) ([]printEntry, error) {
	var out []printEntry
	index := make(map[string]int)
	seen := make(map[manifest.Permission]bool)
	for _, r := range set {
		app := cat.Canonical(manifest.Permission{ResourceAppID: r.ResourceAppID}).ResourceAppID
		if !manifest.IsGUID(app) {
			return nil, fmt.Errorf("permissions: resource %q: the catalog knows no app id for it; give its GUID", r.ResourceAppID)
		}
		app = strings.ToLower(app)
		i, ok := index[app]
		if !ok {
			i = len(out)
			index[app] = i
			out = append(out, printEntry{app: app, name: commentSafe(cat.Describe(manifest.Permission{ResourceAppID: app}).Resource)})
		}
		for _, a := range r.ResourceAccess {
			d := cat.Describe(manifest.Permission{ResourceAppID: app, ID: a.ID, Type: a.Type})
			p := d.Canonical
			if !manifest.IsGUID(p.ID) {
				return nil, fmt.Errorf("permissions: %s %q on %s: the catalog knows no GUID for it; give its GUID", wording.Kind(a.Type), a.ID, out[i].name)
			}
			p.ID = strings.ToLower(p.ID)
			if seen[p] {
				continue
			}
			seen[p] = true
			out[i].perms = append(out[i].perms, printPerm{id: p.ID, typ: string(p.Type), name: commentSafe(fmt.Sprintf("%s (%s)", d.Name, wording.Kind(p.Type)))})
		}
	}
	return out, nil
}

// commentSafe keeps a name from ending the line comment it is written in:
// a name from an export may hold a newline, which would turn the rest of
// it into code, or a bidi override, which would show the code around it
// in another order. Control characters, line separators and bidi
// formatting characters become '?'.
func commentSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f || 0x80 <= r && r < 0xa0 || r == 0x2028 || r == 0x2029,
			0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return '?'
		}
		return r
	}, s)
}
