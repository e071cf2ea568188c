package permissions

import (
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// Resource app ids of the calendar-sync set.
const (
	MicrosoftGraphID   = "00000003-0000-0000-c000-000000000000"
	ExchangeOnlineID   = "00000002-0000-0ff1-ce00-000000000000"
	AzureADGraphID     = "00000002-0000-0000-c000-000000000000"
	DefaultProfileName = "calendar-sync"
)

// Required is one permission of a profile, with the names messages use.
type Required struct {
	manifest.Permission
	Resource string // the resource's display name, such as "Microsoft Graph"
	Name     string // the permission's value, such as "User.Read"
}

// Profile is a built-in set of permissions.
type Profile struct {
	Name        string
	Description string
	Permissions []Required
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

// profiles holds the built-in sets; the first is the default.
var profiles = []Profile{{
	Name:        DefaultProfileName,
	Description: "Exchange calendar sync through a service account: nine delegated permissions on Exchange Online, Microsoft Graph and Azure AD Graph",
	Permissions: []Required{
		scope(ExchangeOnlineID, "Office 365 Exchange Online", "EAS.AccessAsUser.All", "266d2589-20b5-4f91-9a03-89247d1be8da"),
		scope(ExchangeOnlineID, "Office 365 Exchange Online", "EWS.AccessAsUser.All", "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5"),
		scope(MicrosoftGraphID, "Microsoft Graph", "profile", "14dad69e-099b-42c9-810b-d002981feec1"),
		scope(MicrosoftGraphID, "Microsoft Graph", "offline_access", "7427e0e9-2fba-42fe-b0c0-848c9e6a8182"),
		scope(MicrosoftGraphID, "Microsoft Graph", "Calendars.ReadWrite.Shared", "12466101-c9b8-439a-8589-dd09ee67e8e9"),
		scope(MicrosoftGraphID, "Microsoft Graph", "Calendars.Read.Shared", "2b9c4092-424d-4249-948d-b43879977640"),
		scope(MicrosoftGraphID, "Microsoft Graph", "User.Read", "e1fe6dd8-ba31-4d61-89e7-88639da4683d"),
		scope(MicrosoftGraphID, "Microsoft Graph", "openid", "37f7f235-527c-4136-accd-4a02d197296e"),
		scope(AzureADGraphID, "Azure AD Graph", "User.Read", "311a71cc-e848-46a1-bdf8-97ff7156d8e6"),
	},
}}

// Profiles returns copies of the built-in profiles, the default first.
func Profiles() []Profile {
	out := make([]Profile, len(profiles))
	for i, p := range profiles {
		out[i] = p.clone()
	}
	return out
}

// LookupProfile returns a copy of the built-in profile with the given name,
// compared case-insensitively.
func LookupProfile(name string) (Profile, bool) {
	for _, p := range profiles {
		if strings.EqualFold(p.Name, name) {
			return p.clone(), true
		}
	}
	return Profile{}, false
}

// DefaultProfile returns a copy of the default profile, calendar-sync.
func DefaultProfile() Profile { return profiles[0].clone() }

func (p Profile) clone() Profile {
	p.Permissions = append([]Required(nil), p.Permissions...)
	return p
}
