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
// Since August 2025 Microsoft-managed consent policies
// (microsoft-user-default-recommended) exclude mail, calendar and Teams
// chat and meeting scopes from user consent in default tenants, whatever
// the permission's own flag says. Microsoft does not publish the exact
// list, so a scope that looks like one of those is "likely" to need an
// administrator, and any other delegated scope "may", by tenant policy.
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
	// users but which looks like a mail, calendar or Teams scope.
	AdminLikely bool
}

// ConsentFor words who can consent to p, a permission from the catalog. A
// zero Permission, or one the catalog did not give, is unknown.
func ConsentFor(p Permission) ConsentAdvice {
	c := ConsentAdvice{Resource: p.ResourceAppID}
	if r, ok := LookupResource(p.ResourceAppID); ok {
		c.Resource = r.Name
	}
	if p.Value == "" {
		return c
	}
	c.Known = true
	c.Application = p.Type == manifest.Role
	c.Admin = p.Consent == ConsentAdmin || c.Application
	c.FlagUnknown = !c.Admin && p.Consent == ConsentUnknown
	c.AdminLikely = !c.Admin && policyScope(p.Value)
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
		return fmt.Sprintf("consent unknown: the catalog's data for %s does not say; tenant policy likely requires an admin: since August 2025 Microsoft-managed consent policies exclude mail, calendar and Teams scopes from user consent in default tenants", c.Resource)
	case c.FlagUnknown:
		return fmt.Sprintf("consent unknown: the catalog's data for %s does not say", c.Resource)
	case c.AdminLikely:
		return fmt.Sprintf("user consent per %s; tenant policy likely requires an admin: since August 2025 Microsoft-managed consent policies exclude mail, calendar and Teams scopes from user consent in default tenants", c.Resource)
	}
	return fmt.Sprintf("user consent per %s; tenant policy may require an admin", c.Resource)
}

// policyPrefixes start the names of delegated scopes that reach mail,
// calendars, or Teams chats and meetings: those Microsoft-managed consent
// policies keep from users. The list is ours, Microsoft's is not
// published.
var policyPrefixes = []string{
	"mail.", "mailbox", "calendars.", "chat.", "chatmessage.", "chatmember.", "channelmessage.",
	"onlinemeeting", "ews.", "eas.", "imap.", "pop.", "smtp.",
}

func policyScope(value string) bool {
	v := strings.ToLower(value)
	for _, p := range policyPrefixes {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	return false
}
