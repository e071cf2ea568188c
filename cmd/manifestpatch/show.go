package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

func showCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "list the permissions manifest files ask for, in words",
		ArgsUsage: "FILE...",
		Description: "Lists each FILE's permissions by resource: the permission's name, whether it is\n" +
			"delegated (the app acts as the signed-in user) or application (the app acts as\n" +
			"itself, with no user), who can consent to it, and its GUID. Permissions the\n" +
			"catalog does not know are marked unknown.",
		Flags:  []cli.Flag{formatFlag(outputNames["show"]...), allowFlag(), catalogFlag()},
		Action: doShow,
	}
}

func doShow(c *cli.Context) error {
	files, err := fileArgs(c)
	if err != nil {
		return err
	}
	codes, err := allowed(c)
	if err != nil {
		return err
	}
	// show wants nothing: it plans no edit, and reports the lints.
	cat, err := loadCatalog(c)
	if err != nil {
		return err
	}
	opts := check.Options{Allow: append(codes, showOnLine...), Now: now(), Catalog: cat}
	ps, err := fixedPlans(check.Want{}, opts)
	if err != nil {
		return err
	}
	return reportFiles(c, showKind, files, ps)
}

// showPerm is one permission as show lists it.
type showPerm struct {
	permJSON
	Consent     string `json:"consent,omitempty"`
	DisplayName string `json:"displayName,omitempty"`
	// Tier is the permission's EntraOps tier (ControlPlane,
	// ManagementPlane, UserAccess) and PrivilegeLevel Microsoft's
	// privilege level, 1 to 5, where the data has them.
	Tier           string `json:"tier,omitempty"`
	PrivilegeLevel int    `json:"privilegeLevel,omitempty"`
	Note           string `json:"note,omitempty"`
	known          bool   // the catalog knows the resource
}

// privilege words what the data says of the permission's privilege.
func (p showPerm) privilege() string { return privilegeWords(p.Tier, p.PrivilegeLevel) }

// privilegeWords words a tier ("" for none) and a privilege level (0 for
// none): "ControlPlane, level 4 of 5", "level 2 of 5", or "".
func privilegeWords(tier string, level int) string {
	var parts []string
	if tier != "" {
		parts = append(parts, tier)
	}
	if level != 0 {
		parts = append(parts, fmt.Sprintf("level %d of 5", level))
	}
	return strings.Join(parts, ", ")
}

// tierName is the name show gives a tier: "" for none.
func tierName(t permissions.Tier) string {
	if t == permissions.TierUnknown {
		return ""
	}
	return t.String()
}

func describePerm(cat *permissions.Catalog, p manifest.Permission) showPerm {
	d := cat.Describe(p)
	s := showPerm{permJSON: toJSON(d), Note: d.Note(), known: d.Status != permissions.StatusUnknownResource}
	switch d.Status {
	case permissions.StatusKnown, permissions.StatusDisabled, permissions.StatusRemoved:
		s.DisplayName = strings.TrimSpace(d.Catalog.DisplayName)
		s.Consent = cat.ConsentFor(d.Catalog).Short()
		s.Tier, s.PrivilegeLevel = tierName(d.Catalog.Tier), d.Catalog.Level
	case permissions.StatusUnknownID, permissions.StatusUnknownResource, permissions.StatusUnlisted:
		if manifest.IsGUID(p.ID) {
			s.Permission = "unknown"
		}
	}
	return s
}

type showJSON struct {
	File        string     `json:"file"`
	Permissions []showPerm `json:"permissions"`
	// Application lists the application permissions: what the app can do
	// without a signed-in user.
	Application []showPerm    `json:"application"`
	Lints       []findingJSON `json:"lints"`
	errorJSON
}

func showRecord(f *fileReport) showJSON {
	rec := showJSON{File: f.file, Permissions: []showPerm{}, Application: []showPerm{}, Lints: []findingJSON{}}
	if f.err != nil {
		rec.errorJSON = errorRecord(f.err)
		return rec
	}
	for _, res := range f.res.Manifest.Resources {
		for _, a := range res.ResourceAccess {
			p := describePerm(f.cat, manifest.Permission{ResourceAppID: res.ResourceAppID, ID: a.ID, Type: a.Type})
			rec.Permissions = append(rec.Permissions, p)
			if a.Type == manifest.Role && p.Known {
				rec.Application = append(rec.Application, p)
			}
		}
	}
	rec.Lints = findingsJSON(f.res.Findings, false, func(check.Finding) bool { return true })
	return rec
}

func writeShow(r *result, f *fileReport) {
	rec := showRecord(f)
	if f.multi {
		fmt.Fprintf(&r.stdout, "%s:\n", inline(rec.File))
	}
	if len(rec.Permissions) == 0 {
		fmt.Fprintf(&r.stdout, "  no permissions\n")
	}
	// Align the columns over the whole file, not per resource.
	rows := make([][5]string, len(rec.Permissions))
	var width [4]int
	for i, p := range rec.Permissions {
		rows[i] = [5]string{inline(p.Permission), p.Kind, p.Consent, p.privilege(), inline(p.ID)}
		for j := range width {
			width[j] = max(width[j], len(rows[i][j]))
		}
	}
	last := ""
	for i, p := range rec.Permissions {
		if i == 0 || !strings.EqualFold(p.ResourceAppID, last) {
			last = p.ResourceAppID
			res := p.Resource
			if !p.known {
				res = "unknown resource"
			}
			fmt.Fprintf(&r.stdout, "%s (%s)\n", inline(res), inline(p.ResourceAppID))
		}
		row := rows[i]
		line := fmt.Sprintf("  %-*s  %-*s  %-*s  %-*s  %s", width[0], row[0], width[1], row[1], width[2], row[2], width[3], row[3], row[4])
		if p.Note != "" {
			line += "  (" + inline(p.Note) + ")"
		}
		fmt.Fprintln(&r.stdout, strings.TrimRight(line, " "))
	}
	if len(rec.Application) > 0 {
		var names []string
		for _, p := range rec.Application {
			names = append(names, inline(p.Resource+" "+p.Permission))
		}
		fmt.Fprintf(&r.stdout, "Application permissions, which the app can use without a signed-in user (admin consent): %s\n", strings.Join(names, ", "))
	}
	writeFindings(&r.stdout, rec.File, f.res.Findings, false)
}

// textconvOutput words a manifest for git's textconv, so that git diff and
// git log -p show permissions by name: one line per permission, the
// sign-in audience and each redirect URI, and the lints without positions,
// which would shift with unrelated edits. No colour, no alignment that one
// long name would change on every line. A file that is not a manifest is
// shown as it is, after a line that says why, and does not fail: git gives
// up on the whole diff when a driver fails.
type textconvOutput struct{}

func (textconvOutput) reportsUnreadable() bool { return true }

func (textconvOutput) keepsReports() bool { return false }

func (textconvOutput) file(r *result, f *fileReport) {
	if f.err != nil {
		why := f.err
		var fe fileError
		if errors.As(why, &fe) {
			why = fe.err // without the file name, which git makes up for each side
		}
		fmt.Fprintf(&r.stdout, "not read as a manifest, so shown as it is: %s\n", inline(why.Error()))
		r.stdout.WriteString(escape(string(f.src), true))
		if len(f.src) > 0 && f.src[len(f.src)-1] != '\n' {
			r.stdout.WriteByte('\n')
		}
		return
	}
	for _, res := range f.res.Manifest.Resources {
		for _, a := range res.ResourceAccess {
			d := f.cat.Describe(manifest.Permission{ResourceAppID: res.ResourceAppID, ID: a.ID, Type: a.Type})
			line := fmt.Sprintf("%s %s", d, strings.ToLower(d.Canonical.ID))
			if w := privilegeWords(tierName(d.Catalog.Tier), d.Catalog.Level); w != "" && d.Exists() {
				line += "; privilege: " + w
			}
			if n := d.Note(); n != "" {
				line += " (" + n + ")"
			}
			fmt.Fprintln(&r.stdout, inline(line))
		}
	}
	s := f.res.Manifest.Setup
	if s.SignInAudience != "" {
		fmt.Fprintf(&r.stdout, "sign-in audience %s\n", inline(s.SignInAudience))
	} else if s.AvailableToOtherTenants != nil {
		fmt.Fprintf(&r.stdout, "availableToOtherTenants %v\n", *s.AvailableToOtherTenants)
	}
	for _, u := range s.RedirectURIs {
		fmt.Fprintf(&r.stdout, "redirect URI %s\n", inline(u.URI))
	}
	for _, x := range f.res.Findings {
		fmt.Fprintf(&r.stdout, "%s: %s [%s]\n", x.Level, inline(x.Msg), x.Code)
	}
}

func (textconvOutput) done(io.Writer, []*fileReport) error { return nil }
