package permissions

import (
	"fmt"
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// ConsentAdvice says who can consent to a permission as tenants enforce it
// now: what the resource's own flag says, and whether tenant policy is
// likely to ask for an administrator where the flag does not.
//
// Microsoft-managed consent policies (microsoft-user-default-recommended,
// the default where a tenant lets Microsoft choose) keep some delegated
// scopes from users whatever the permission's own flag says: the
// consentPolicies table below lists them, each with its date and
// announcement. A scope it names is "likely" to need an administrator (a
// tenant with its own policy decides otherwise), and any other delegated
// scope "may", by tenant policy.
type ConsentAdvice struct {
	// Known is false when the catalog does not know the permission.
	Known bool
	// Resource is the resource's display name, such as "Microsoft Graph".
	Resource string
	// Application is true for an application permission, which always
	// needs an administrator.
	Application bool
	// Admin is the resource's flag: only an administrator can consent.
	Admin bool
	// FlagUnknown is true for a delegated permission whose flag the
	// catalog's source does not give (Exchange Online's scopes): who can
	// consent is unknown, never taken to be the user.
	FlagUnknown bool
	// AdminLikely is true for a delegated permission the flag leaves to
	// users but which Microsoft-managed consent policies keep from them.
	AdminLikely bool
	// Policy says, for an AdminLikely permission, which policy change
	// keeps it from users, since when, and who announced it.
	Policy string
}

// ConsentFor words who can consent to p, a permission from the catalog,
// naming its resource as the catalog does. A zero Permission, or one the
// catalog did not give, is unknown.
func (cat *Catalog) ConsentFor(p Permission) ConsentAdvice {
	c := ConsentAdvice{Resource: p.ResourceAppID}
	if r, ok := cat.LookupResource(p.ResourceAppID); ok {
		c.Resource = r.Name
	}
	if p.Value == "" {
		return c
	}
	c.Known = true
	c.Application = p.Type == manifest.Role
	c.Admin = p.Consent == ConsentAdmin || c.Application
	c.FlagUnknown = !c.Admin && p.Consent == ConsentUnknown
	if !c.Admin {
		if why, ok := policyBound(p); ok {
			c.AdminLikely, c.Policy = true, why
		}
	}
	return c
}

// Short words c for a column: "admin", "admin likely", "user, unless
// policy" or "unknown".
func (c ConsentAdvice) Short() string {
	switch {
	case !c.Known || c.FlagUnknown:
		return "unknown"
	case c.Admin:
		return "admin"
	case c.AdminLikely:
		return "admin likely"
	}
	return "user, unless policy"
}

// String words c in a sentence.
func (c ConsentAdvice) String() string {
	switch {
	case !c.Known:
		return "consent unknown: the catalog does not know this permission"
	case c.Application:
		return "admin consent: an application permission always needs an administrator"
	case c.Admin:
		return fmt.Sprintf("admin consent per %s", c.Resource)
	case c.FlagUnknown && c.AdminLikely:
		return fmt.Sprintf("consent unknown: the catalog's data for %s does not say; tenant policy likely requires an admin: %s", c.Resource, c.Policy)
	case c.FlagUnknown:
		return fmt.Sprintf("consent unknown: the catalog's data for %s does not say", c.Resource)
	case c.AdminLikely:
		return fmt.Sprintf("user consent per %s; tenant policy likely requires an admin: %s", c.Resource, c.Policy)
	}
	return fmt.Sprintf("user consent per %s; tenant policy may require an admin", c.Resource)
}

// A consentPolicy is one change to Microsoft-managed consent policies: the
// delegated scopes of one resource it keeps from users, since when, and
// who said so. A name ending in * is a family: every scope whose name
// starts with the rest.
type consentPolicy struct {
	resource string   // the resource's application id
	names    []string // scope names, or families
	why      string   // the change in words, with its date and announcement
}

// consentPolicies lists what Microsoft-managed consent policies keep from
// users, oldest first. Where Microsoft named the scopes they are listed by
// name; where it named only the kinds of data, the scopes that reach them
// are listed as families, and the wording says so.
var consentPolicies = []consentPolicy{
	{
		resource: MicrosoftGraphID,
		names:    []string{"Files.Read.All", "Files.ReadWrite.All", "Sites.Read.All", "Sites.ReadWrite.All"},
		why: "since August 2025 Microsoft-managed consent policies keep Files.Read.All, Files.ReadWrite.All, " +
			"Sites.Read.All and Sites.ReadWrite.All from users in tenants that use them (Microsoft 365 message MC1097272)",
	},
	{
		resource: MicrosoftGraphID,
		names: []string{"Mail.*", "Mailbox*", "Calendars.*", "Chat.*", "ChatMessage.*", "ChatMember.*", "OnlineMeeting*",
			"IMAP.*", "POP.*", "SMTP.*", "EWS.*", "EAS.*"},
		why: "since November 2025 Microsoft-managed consent policies keep mail, mailbox, calendar, Teams chat and " +
			"meeting scopes from users in tenants that use them (20 scopes added to the policy of MC1097272; " +
			"Microsoft publishes no list, and this scope is of that kind)",
	},
	{
		resource: MicrosoftGraphID,
		names: []string{"Contacts.ReadWrite", "Contacts.Read.Shared", "Contacts.ReadWrite.Shared", "People.Read",
			"Tasks.Read", "Tasks.ReadWrite", "Tasks.Read.Shared", "Tasks.ReadWrite.Shared"},
		why: "since July 2026 Microsoft-managed consent policies keep Contacts.ReadWrite, Contacts.Read.Shared, " +
			"Contacts.ReadWrite.Shared, People.Read and the Tasks.Read, Tasks.ReadWrite, Tasks.Read.Shared and " +
			"Tasks.ReadWrite.Shared scopes from users in tenants that use them (Microsoft 365 message MC1304287)",
	},
	{
		resource: ExchangeOnlineID,
		names:    []string{"EWS.*", "EAS.*", "IMAP.*", "POP.*", "SMTP.*", "Mail.*", "Calendars.*", "Mailbox*"},
		why: "since November 2025 Microsoft-managed consent policies keep mail, mailbox and calendar scopes from " +
			"users in tenants that use them (an extension of MC1097272); this Exchange Online scope reaches the same mailbox",
	},
}

// policyBound returns why Microsoft-managed consent policies keep the
// delegated scope p from users, if they do.
func policyBound(p Permission) (string, bool) {
	if p.Type != manifest.Scope {
		return "", false
	}
	for _, cp := range consentPolicies {
		if cp.resource != p.ResourceAppID {
			continue
		}
		for _, n := range cp.names {
			if family, ok := strings.CutSuffix(n, "*"); ok {
				if len(p.Value) >= len(family) && strings.EqualFold(p.Value[:len(family)], family) {
					return cp.why, true
				}
			} else if strings.EqualFold(p.Value, n) {
				return cp.why, true
			}
		}
	}
	return "", false
}
