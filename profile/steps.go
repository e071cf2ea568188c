package profile

import (
	"fmt"
	"strings"
	"time"

	"github.com/manifestpatch/manifestpatch/internal/retirement"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// Step ids: stable short names for the steps StepsFor words.
const (
	stepCreate            = "create"
	stepAudience          = "audience"
	stepRedirectURI       = "redirect-uri"
	stepPermissions       = "permissions"
	stepConditionalAccess = "conditional-access"
	stepUpload            = "upload"
	stepConsent           = "consent"
	stepEWSAllowList      = "ews-allow-list"
	stepSecret            = "secret"
	stepServiceAccount    = "service-account"
)

// appIDPlaceholder stands for the application (client) id in a step's
// commands when the manifest gives none.
const appIDPlaceholder = "<appId>"

// StepsFor returns the profile's setup steps worded for the app whose
// manifest says setup, on the day now (zero: today): the retirement notes
// read by the date, and the EWS allow-list step carries the app id to allow
// and the Exchange Online PowerShell commands that add it. Where every
// permission of the profile is a baseline scope, a step says that
// Conditional Access applies to its sign-ins. The catalog cat (nil: the
// built-in one) names the permissions.
func (p Profile) StepsFor(setup manifest.Setup, cat *permissions.Catalog, now time.Time) []Step {
	if cat == nil {
		cat = permissions.Builtin()
	}
	now = retirement.OrNow(now)
	baseline := baselineOnly(cat, p.Set())
	var out []Step
	for _, st := range p.Steps {
		st.Commands = append([]string(nil), st.Commands...)
		switch st.ID {
		case stepPermissions:
			if n := permissionsNote(cat, p, now); n != "" {
				st.Note = n // worded for the day; otherwise the profile's own note stands
			}
		case stepEWSAllowList:
			st = ewsAllowList(st, setup.AppID, now)
		}
		out = append(out, st)
		if st.ID == stepPermissions && baseline {
			out = append(out, conditionalAccess(now))
		}
	}
	if baseline && !hasStep(p.Steps, stepPermissions) {
		out = append(out, conditionalAccess(now))
	}
	return out
}

func hasStep(steps []Step, id string) bool {
	for _, st := range steps {
		if st.ID == id {
			return true
		}
	}
	return false
}

// permissionsNote words what is retired in the profile's permissions.
func permissionsNote(cat *permissions.Catalog, p Profile, now time.Time) string {
	var notes []string
	aad, ews := false, false
	for _, r := range p.Permissions {
		aad = aad || strings.EqualFold(r.ResourceAppID, permissions.AzureADGraphID)
		ews = ews || retirement.EWS[cat.Canonical(r.Permission)]
	}
	if aad {
		notes = append(notes, fmt.Sprintf("Azure AD Graph is retired: calls to it fail since %s, though its User.Read entry is still accepted manifest data.", retirement.YMD(retirement.AADGraphEnd)))
	}
	if ews {
		notes = append(notes, "EWS.AccessAsUser.All: "+retirement.EWSStatus(now)+".")
	}
	return strings.Join(notes, " ")
}

// ewsAllowList words the EWS allow-list step for the app id on the day
// now.
func ewsAllowList(st Step, appID string, now time.Time) Step {
	if !now.Before(retirement.EWSShutdown) {
		st.Note = fmt.Sprintf("No longer possible: Exchange Web Services in Exchange Online was shut down on %s, with no exceptions (MC1227454), and the allow list no longer helps; ask the vendor for a sync that does not use EWS.", retirement.YMD(retirement.EWSShutdown))
		st.Commands = nil
		return st
	}
	id := appIDPlaceholder
	var notes []string
	switch {
	case manifest.IsGUID(appID):
		id = strings.ToLower(appID)
		notes = append(notes, fmt.Sprintf("The app id to allow is %s.", id))
	case appID == "":
		notes = append(notes, fmt.Sprintf("The manifest has no appId yet: once the app registration exists, put its application (client) id for %s.", appIDPlaceholder))
	default:
		notes = append(notes, fmt.Sprintf("The manifest's appId %q is not a GUID (a template placeholder?): put the application (client) id for %s.", appID, appIDPlaceholder))
	}
	when := fmt.Sprintf("Since %s Exchange Online disables EWS in phases (MC1227454)", retirement.YMD(retirement.EWSPhaseOut))
	if now.Before(retirement.EWSPhaseOut) {
		when = fmt.Sprintf("From %s Exchange Online disables EWS in phases (MC1227454)", retirement.YMD(retirement.EWSPhaseOut))
	}
	notes = append(notes,
		when+": a tenant that keeps it on (EwsEnabled True) lets only the app ids in EwsAllowedAppIDs use it, and with an empty list none.",
		"Set-OrganizationConfig -EwsAllowedAppIDs writes the whole list, so the commands read the current value first and add to it; the list is read only with -RetrieveEwsOperationAccessPolicy.",
		"A change takes up to 24 hours.",
		"Where EwsEnabled is not True, EWS is off or will be switched off: once the list is right, Set-OrganizationConfig -EwsEnabled $true keeps it on for the listed apps alone.",
		fmt.Sprintf("EWS in Exchange Online ends for good on %s, with no exceptions: ask the vendor for its move away from EWS.", retirement.YMD(retirement.EWSShutdown)),
	)
	st.Note = strings.Join(notes, " ")
	st.Commands = []string{
		"Connect-ExchangeOnline",
		"Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Format-List EwsEnabled, EwsAllowedAppIDs",
		"$current = Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Select-Object -ExpandProperty EwsAllowedAppIDs",
		"$ids = @((@($current) -join ',') -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })",
		fmt.Sprintf("if ($ids -notcontains '%s') { Set-OrganizationConfig -EwsAllowedAppIDs ((@($ids) + '%s') -join ',') }", id, id),
		"Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Format-List EwsEnabled, EwsAllowedAppIDs",
	}
	return st
}

// conditionalAccess is the step for a profile that asks only for baseline
// scopes.
func conditionalAccess(now time.Time) Step {
	verb := "are"
	if now.Before(retirement.BaselineCA) {
		verb = "will be"
	}
	return Step{
		ID:    stepConditionalAccess,
		Title: "Expect Conditional Access to apply to sign-ins",
		Note: fmt.Sprintf("The app asks only for baseline scopes (%s): from %s such sign-ins %s evaluated against Azure AD Graph (Windows Azure Active Directory) as the enforcement audience, so a Conditional Access policy on All resources applies to them even where it excludes this app (MFA, compliant device).",
			strings.Join(baselineScopes, ", "), retirement.YMD(retirement.BaselineCA), verb),
	}
}

// baselineScopes are the scopes Microsoft calls baseline: the OpenID
// Connect scopes and the baseline directory scopes of Microsoft Graph.
var baselineScopes = []string{
	"email", "offline_access", "openid", "profile",
	"User.Read", "User.Read.All", "User.ReadBasic.All", "People.Read", "People.Read.All", "GroupMember.Read.All", "Member.Read.Hidden",
}

// baselineOnly reports whether set asks for something and only for
// baseline scopes: delegated Microsoft Graph openid, profile, email,
// offline_access, User.Read and the other baseline directory scopes. From
// 2026-06-15 Conditional Access evaluates sign-ins that ask only for those
// against Azure AD Graph as the enforcement audience. The catalog cat
// names the permissions.
func baselineOnly(cat *permissions.Catalog, set manifest.Set) bool {
	ps := set.Permissions()
	for _, q := range ps {
		q = cat.Canonical(q)
		c, ok := cat.Lookup(q.ResourceAppID, q.ID, q.Type)
		if !ok || c.Type != manifest.Scope || c.ResourceAppID != permissions.MicrosoftGraphID || !isBaseline(c.Value) {
			return false
		}
	}
	return len(ps) > 0
}

func isBaseline(value string) bool {
	for _, b := range baselineScopes {
		if b == value {
			return true
		}
	}
	return false
}
