package profile

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/internal/retirement"
	"github.com/manifestpatch/manifestpatch/internal/wording"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// DefaultName names the default profile.
const DefaultName = "calendar-sync"

// Required is one permission of a profile, with the names messages use.
type Required struct {
	manifest.Permission
	Resource string // the resource's display name, such as "Microsoft Graph"
	Name     string // the permission's value, such as "User.Read"
}

// Profile is a built-in set of permissions, and the rest of the setup that
// lives in the manifest.
type Profile struct {
	Name        string
	Description string
	Permissions []Required
	// SignInAudience is the audience the app must accept, "" for any.
	SignInAudience string
	// RedirectURI is the Web redirect URI the app must list, with
	// "<agency>" standing for the organisation's name at the vendor; ""
	// for none.
	RedirectURI string
	// Steps are the setup steps, in order, including those done online,
	// worded for no particular app or day; StepsFor words them for a
	// manifest and a day.
	Steps []Step
}

// Step is one step of a profile's setup.
type Step struct {
	// ID is a stable short name for the step, such as "ews-allow-list".
	ID    string
	Title string
	// Checked says what manifestpatch checks of the step; "" when it
	// cannot check it (the step happens online).
	Checked string
	// Note is a warning about the step, such as a retired API.
	Note string
	// Commands carry the step out, in order: Exchange Online PowerShell
	// for the EWS allow list. StepsFor fills in the app id.
	Commands []string
}

// AgencyPlaceholder stands for the agency's name in Profile.RedirectURI.
const AgencyPlaceholder = "<agency>"

// RedirectURIFor returns the profile's redirect URI for the agency, or an
// error when the agency's name cannot form a host name. The error suggests
// a name that can, when there is a plausible one: the host label of a URL
// or host name given whole, or the name with accents folded and other
// characters turned into hyphens.
func (p Profile) RedirectURIFor(agency string) (string, error) {
	if p.RedirectURI == "" {
		return "", fmt.Errorf("profile: %s has no redirect URI", p.Name)
	}
	label := strings.ToLower(strings.TrimSpace(agency))
	if validLabel(label) {
		return strings.ReplaceAll(p.RedirectURI, AgencyPlaceholder, label), nil
	}
	if label == "" {
		return "", &AgencyError{fmt.Sprintf("name is empty: give the organisation's name at the vendor, the NAME in %s", strings.ReplaceAll(p.RedirectURI, AgencyPlaceholder, "NAME"))}
	}
	suggestion := suggestLabel(agency, p.vendorDomain())
	if n := utf8.RuneCountInString(label); suggestion == "" && n > 63 {
		return "", &AgencyError{fmt.Sprintf("%q is %d characters long; a host name label holds at most 63", agency, n)}
	}
	msg := fmt.Sprintf("%q cannot form a host name: use 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen", agency)
	if suggestion != "" {
		msg += fmt.Sprintf(" (as in %q)", suggestion)
	}
	return "", &AgencyError{msg}
}

// AgencyError says why an agency's name cannot go into a redirect URI.
type AgencyError struct {
	// Msg words what is wrong with the name, following "agency": `"acme
	// corp" cannot form a host name: …`.
	Msg string
}

func (e *AgencyError) Error() string { return "profile: agency " + e.Msg }

// vendorDomain returns what follows the agency in the redirect URI's host,
// such as ".sensehq.com".
func (p Profile) vendorDomain() string {
	_, after, _ := strings.Cut(p.RedirectURI, AgencyPlaceholder)
	host, _, _ := strings.Cut(after, "/")
	return host
}

// validLabel reports whether s is a valid DNS label in lower case.
func validLabel(s string) bool {
	if len(s) == 0 || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// suggestLabel turns a name that is not a host label into one for an error
// message, or returns "" when no suggestion would be plausible. A URL or
// host name loses its scheme, path, port and the vendor's domain; accented
// Latin letters lose their accents; runs of other characters become one
// hyphen. A letter it cannot fold (another script), or a result that is
// still no valid label or is the name itself, gives no suggestion.
func suggestLabel(s, vendorDomain string) string {
	name := strings.ToLower(strings.TrimSpace(s))
	s = name
	if _, rest, ok := strings.Cut(s, "://"); ok {
		s = rest
	}
	s, _, _ = strings.Cut(s, "/")
	s, _, _ = strings.Cut(s, ":")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "."), vendorDomain)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			f := foldAccent(r)
			if f == "" {
				return ""
			}
			b.WriteString(f)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-")
	if !validLabel(out) || out == name {
		return ""
	}
	return out
}

// foldAccent returns the unaccented spelling of a lower-case Latin letter
// with a diacritic (U+00DF to U+017F), or "" for any other rune.
func foldAccent(r rune) string {
	for _, f := range [...]struct{ from, to string }{
		{"àáâãäåāăą", "a"}, {"æ", "ae"}, {"çćĉċč", "c"}, {"ďđð", "d"},
		{"èéêëēĕėęě", "e"}, {"ĝğġģ", "g"}, {"ĥħ", "h"}, {"ìíîïĩīĭįı", "i"},
		{"ĳ", "ij"}, {"ĵ", "j"}, {"ķĸ", "k"}, {"ĺļľŀł", "l"}, {"ñńņňŉŋ", "n"},
		{"òóôõöøōŏő", "o"}, {"œ", "oe"}, {"ŕŗř", "r"}, {"śŝşšſ", "s"}, {"ß", "ss"},
		{"ţťŧ", "t"}, {"þ", "th"}, {"ùúûüũūŭůűų", "u"}, {"ŵ", "w"}, {"ýÿŷ", "y"},
		{"źżž", "z"},
	} {
		if strings.ContainsRune(f.from, r) {
			return f.to
		}
	}
	return ""
}

// Set returns the profile's permissions as a manifest.Set, grouped by
// resource in the profile's order.
func (p Profile) Set() manifest.Set {
	var set manifest.Set
	for _, r := range p.Permissions {
		i := len(set) - 1
		if i < 0 || set[i].ResourceAppID != r.ResourceAppID {
			set = append(set, manifest.Resource{ResourceAppID: r.ResourceAppID})
			i++
		}
		set[i].ResourceAccess = append(set[i].ResourceAccess, manifest.Access{ID: r.ID, Type: r.Type})
	}
	return set
}

func scope(app, resource, name, id string) Required {
	return Required{Permission: manifest.Permission{ResourceAppID: app, ID: id, Type: manifest.Scope}, Resource: resource, Name: name}
}

// defaultProfile is the default built-in set, calendar-sync.
var defaultProfile = Profile{
	Name:        DefaultName,
	Description: "Exchange calendar sync through a service account: nine delegated permissions on Exchange Online, Microsoft Graph and Azure AD Graph; an administrator must consent for the organization",
	Permissions: []Required{
		scope(permissions.ExchangeOnlineID, "Office 365 Exchange Online", "EAS.AccessAsUser.All", "266d2589-20b5-4f91-9a03-89247d1be8da"),
		scope(permissions.ExchangeOnlineID, "Office 365 Exchange Online", "EWS.AccessAsUser.All", "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5"),
		scope(permissions.MicrosoftGraphID, "Microsoft Graph", "profile", "14dad69e-099b-42c9-810b-d002981feec1"),
		scope(permissions.MicrosoftGraphID, "Microsoft Graph", "offline_access", "7427e0e9-2fba-42fe-b0c0-848c9e6a8182"),
		scope(permissions.MicrosoftGraphID, "Microsoft Graph", "Calendars.ReadWrite.Shared", "12466101-c9b8-439a-8589-dd09ee67e8e9"),
		scope(permissions.MicrosoftGraphID, "Microsoft Graph", "Calendars.Read.Shared", "2b9c4092-424d-4249-948d-b43879977640"),
		scope(permissions.MicrosoftGraphID, "Microsoft Graph", "User.Read", "e1fe6dd8-ba31-4d61-89e7-88639da4683d"),
		scope(permissions.MicrosoftGraphID, "Microsoft Graph", "openid", "37f7f235-527c-4136-accd-4a02d197296e"),
		scope(permissions.AzureADGraphID, "Azure AD Graph", "User.Read", "311a71cc-e848-46a1-bdf8-97ff7156d8e6"),
	},
	SignInAudience: manifest.AzureADMultipleOrgs,
	RedirectURI:    "https://" + AgencyPlaceholder + ".sensehq.com/settings/calendar-sync/auth-result",
	Steps: []Step{
		{ID: stepCreate, Title: "Create the app registration in the Entra admin center (or with az ad app create) and download its manifest"},
		{ID: stepAudience, Title: "Accept accounts in any organizational directory (multi-tenant)",
			Checked: "signInAudience is AzureADMultipleOrgs (availableToOtherTenants in older legacy manifests); applying the profile sets it"},
		{ID: stepRedirectURI, Title: "Add the Web redirect URI https://<agency>.sensehq.com/settings/calendar-sync/auth-result",
			Checked: "given the agency: the URI is listed (web.redirectUris, or replyUrlsWithType in legacy manifests), and close but wrong ones are reported; applying adds it"},
		{ID: stepPermissions, Title: "Request the nine delegated permissions",
			Checked: "requiredResourceAccess holds them; applying adds what is missing",
			Note:    "Azure AD Graph is retired: calls to it fail since 2025-08-31, though its User.Read entry is still accepted manifest data. EWS in Exchange Online is disabled in phases from 2026-10-01 unless the tenant allow-lists the app, and shut down on 2027-04-01 (MC1227454)."},
		{ID: stepUpload, Title: "Upload the manifest (paste it into the manifest editor, or az ad app update)"},
		{ID: stepConsent, Title: "Grant tenant-wide admin consent: an administrator must consent for the organization",
			Checked: "the admin-consent link is made from the manifest's appId",
			Note:    "The permissions' own flags leave them to users, but since November 2025 Microsoft-managed consent policies (microsoft-user-default-recommended) keep mail and calendar scopes, such as EWS.AccessAsUser.All and Calendars.ReadWrite.Shared, from user consent in tenants that use them: users cannot consent for themselves."},
		{ID: stepEWSAllowList, Title: "Allow the app to use EWS: add its application (client) id to the tenant's EwsAllowedAppIDs (Exchange Online PowerShell)",
			Note: "A tenant that keeps EWS on (EwsEnabled True) lets only the app ids in EwsAllowedAppIDs use it. Set-OrganizationConfig -EwsAllowedAppIDs writes the whole list: read the current value first. A change takes up to 24 hours. EWS in Exchange Online ends for good on 2027-04-01, with no exceptions."},
		{ID: stepSecret, Title: "Create a client secret with a 24-month expiry and give it to the vendor",
			Checked: "where the manifest lists its secrets (passwordCredentials; keyCredentials for certificates), one that has expired or expires within 30 days is noted, by its end date",
			Note:    "The secret stops working at its end date, and the sync with it: note the date and give the vendor a new secret before then."},
		{ID: stepServiceAccount, Title: "Create the service account mailbox and assign its Exchange role",
			Note: "The guide's ApplicationImpersonation role was removed from Exchange Online from 2025-02 (deprecated 2024-02-20, no new assignments from 2024-09): it can no longer be assigned; ask the vendor what the service account needs instead (Microsoft points to RBAC for Applications in Exchange Online)."},
	},
}

// profiles returns the built-in sets, the default first, made on first
// use: the other profiles are worded from the default, which the program
// does not pay for at every start.
var profiles = sync.OnceValue(func() []Profile {
	return []Profile{defaultProfile, graphCalendarSync()}
})

// graphCalendarSync is calendar sync over Microsoft Graph alone: the
// sign-in scopes and the Graph permissions that replace EWS for it
// (retirement.EWSReplacements), with the default's audience and redirect
// URI, and no EWS, EAS or Azure AD Graph.
func graphCalendarSync() Profile {
	def := defaultProfile
	p := Profile{
		Name: retirement.GraphCalendarSync,
		Description: "Calendar sync over Microsoft Graph alone, for after EWS in Exchange Online ends (2027-04-01): " +
			"the sign-in scopes, Calendars.ReadWrite.Shared for the calendars shared with or delegated to the signed-in account and MailboxSettings.Read for automatic replies; " +
			"no EWS, EAS or Azure AD Graph; an administrator must consent for the organization",
		Permissions: []Required{
			scope(permissions.MicrosoftGraphID, "Microsoft Graph", "openid", "37f7f235-527c-4136-accd-4a02d197296e"),
			scope(permissions.MicrosoftGraphID, "Microsoft Graph", "profile", "14dad69e-099b-42c9-810b-d002981feec1"),
			scope(permissions.MicrosoftGraphID, "Microsoft Graph", "offline_access", "7427e0e9-2fba-42fe-b0c0-848c9e6a8182"),
			scope(permissions.MicrosoftGraphID, "Microsoft Graph", "User.Read", "e1fe6dd8-ba31-4d61-89e7-88639da4683d"),
		},
		SignInAudience: def.SignInAudience,
		RedirectURI:    def.RedirectURI,
	}
	for _, q := range retirement.EWSReplacements {
		p.Permissions = append(p.Permissions, scope(q.ResourceAppID, "Microsoft Graph", q.Name, q.ID)) // TestProfilesResolve checks each
	}
	for _, st := range def.Steps {
		switch st.ID {
		case stepPermissions:
			st.Title = fmt.Sprintf("Request the %s delegated Microsoft Graph permissions", wording.Number(len(p.Permissions)))
			st.Note = "Calendars.ReadWrite.Shared and MailboxSettings.Read replace EWS.AccessAsUser.All for a calendar sync. Calendars.ReadWrite.Shared reads and writes events in the calendars shared with or delegated to the signed-in account (what the EWS FindItem, GetItem, CreateItem, UpdateItem, DeleteItem and SyncFolderItems calls on calendars did); Microsoft's permission data marks the plain Calendars permissions least privileged for a user's own calendar, and a delegated app needs the .Shared form to reach another's, so each calendar must be shared with, or delegated to, the account that signs in. MailboxSettings.Read, the least privileged for it, reads automatic replies (GetUserOofSettings). Converting ids stored from EWS with translateExchangeIds needs User.ReadBasic.All as well, once."
		case stepConsent:
			st.Note = "The permissions' own flags leave them to users, but since November 2025 Microsoft-managed consent policies (microsoft-user-default-recommended) keep mail, mailbox and calendar scopes, such as Calendars.ReadWrite.Shared and MailboxSettings.Read, from user consent in tenants that use them: users cannot consent for themselves."
		case stepEWSAllowList, stepServiceAccount:
			continue // no EWS, and no Exchange role to assign
		}
		p.Steps = append(p.Steps, st)
	}
	return p
}

// All returns copies of the built-in profiles, the default first.
func All() []Profile {
	out := make([]Profile, len(profiles()))
	for i, p := range profiles() {
		out[i] = p.clone()
	}
	return out
}

// Lookup returns a copy of the built-in profile with the given name,
// compared case-insensitively.
func Lookup(name string) (Profile, bool) {
	for _, p := range profiles() {
		if strings.EqualFold(p.Name, name) {
			return p.clone(), true
		}
	}
	return Profile{}, false
}

// Default returns a copy of the default profile, calendar-sync.
func Default() Profile { return defaultProfile.clone() }

func (p Profile) clone() Profile {
	p.Permissions = append([]Required(nil), p.Permissions...)
	p.Steps = append([]Step(nil), p.Steps...)
	for i := range p.Steps {
		p.Steps[i].Commands = append([]string(nil), p.Steps[i].Commands...)
	}
	return p
}

// Want returns what the profile wants of a manifest. With agency "" the
// profile's redirect URI is not checked (Want.RedirectUnchecked); otherwise
// the agency must be able to form a host name.
func (p Profile) Want(agency string) (check.Want, error) {
	w := check.Want{Set: p.Set(), Settings: manifest.Settings{SignInAudience: p.SignInAudience}}
	if p.RedirectURI == "" {
		return w, nil
	}
	if agency == "" {
		w.RedirectUnchecked = true
		return w, nil
	}
	u, err := p.RedirectURIFor(agency)
	if err != nil {
		return check.Want{}, err
	}
	w.RedirectURIs = []string{u}
	return w, nil
}
