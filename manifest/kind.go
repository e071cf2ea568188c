package manifest

// What a top-level object is: an application (which the package patches),
// or one of the objects people store beside applications and mistake for
// them: a service principal, a Microsoft Graph collection response, a
// Tenant Governance element, or another kind of JSON file.

import (
	"fmt"
	"strings"
)

// The members an application has and a service principal does not, in
// Microsoft Graph's application resource type and the legacy Azure AD
// Graph manifest. Members both have (sharedMembers) say nothing of which
// it is. signInAudience is on both, but an export of a service principal
// always carries one of servicePrincipalMembers, which are looked for
// first; a request body that sets it is an application's.
var applicationMembers = []string{
	RequiredResourceAccess, "signInAudience", "web", "spa", "api",
	"publicClient", "identifierUris", "optionalClaims", "groupMembershipClaims",
	"publisherDomain", "isFallbackPublicClient", "certification",
	"parentalControlSettings", "servicePrincipalLockConfiguration",
	"serviceManagementReference", "defaultRedirectUri", "samlMetadataUrl",
	"isDeviceOnlyAuthSupported", "requestSignatureVerification",
	"nativeAuthenticationApisEnabled", "oauth2RequirePostResponse", "windows",
	"uniqueName", "authenticationBehaviors",
}

// legacyMembers are members only the Azure AD Graph manifest has; each
// marks an application too.
var legacyMembers = []string{
	"replyUrlsWithType", "replyUrls", "oauth2Permissions",
	"availableToOtherTenants", "oauth2AllowImplicitFlow", "oauth2AllowIdTokenImplicitFlow",
	"oauth2AllowUrlPathMatching", "knownClientApplications", "accessTokenAcceptedVersion",
	"allowPublicClient", "signInUrl", "orgRestrictions", "informationalUrls",
	"preAuthorizedApplications", "acceptMappedClaims", "logoUrl",
}

// sharedMembers are the other members of Microsoft Graph's application
// resource type and of the legacy manifest, which service principals (and
// some other JSON files) have too. An object holding displayName, name or
// appId and nothing but these is an application: the body of a request
// that creates one may hold displayName alone.
var sharedMembers = []string{
	"id", "appId", "displayName", "description", "notes", "tags",
	"info", "appRoles", "keyCredentials", "passwordCredentials", "addIns",
	"createdDateTime", "deletedDateTime", "disabledByMicrosoftStatus",
	"applicationTemplateId", "verifiedPublisher", "tokenEncryptionKeyId", "logo",
	"logoutUrl", "homepage", "name", "@odata.context", "@odata.id",
	"@odata.etag", "@odata.type",
}

// servicePrincipalMembers are members only a service principal has (in
// az ad sp show and Microsoft Graph output, old and new).
var servicePrincipalMembers = []string{
	"servicePrincipalType", "appOwnerOrganizationId", "servicePrincipalNames",
	"appRoleAssignmentRequired", "accountEnabled", "appDisplayName",
	"alternativeNames", "preferredSingleSignOnMode", "samlSingleSignOnSettings",
	"notificationEmailAddresses", "resourceSpecificApplicationPermissions",
	"preferredTokenSigningKeyThumbprint", "appDescription",
	"oauth2PermissionScopes", "publishedPermissionScopes",
}

// checkKind refuses a top-level object that is not an application:
// applying permissions to a service principal, a collection or a
// package.json would write a list that nothing reads, or damage the file.
// An object with no members is taken as a new application.
//
// A member the package reads spelled in another case (RequiredResourceAccess,
// SignInAudience) is refused first, as the scanner refuses one nested in a
// member: Microsoft Graph does not read it, and an edit would add a second
// member beside it. In an object that is not an application otherwise, it
// is refused as not a manifest, saying how to make it one.
func (d *document) checkKind() error {
	if d.container != ObjectMember || len(d.top.members) == 0 {
		return nil
	}
	marker, why := d.kind()
	if marker != nil {
		// What else it is says more than how its keys are spelled.
		return &ShapeError{Path: marker.name, Pos: d.keyPos(marker), Err: ErrNotManifest, Msg: why}
	}
	for i := range d.top.members {
		m := &d.top.members[i]
		if f := guards().findFold(m.name); f != nil {
			_, twin := d.topMember(f.name)
			e := misspelled(m.name, d.keyPos(m), m.name, f.name, twin)
			if 'A' <= m.name[0] && m.name[0] <= 'Z' && m.name[1:] == f.name[1:] {
				e.Msg += " (PowerShell's ConvertTo-Json writes PascalCase keys; export the application as Microsoft Graph writes it, with az ad app show --id APPID)"
			}
			if why != "" && !twin {
				e.Err = ErrNotManifest
			}
			return e
		}
	}
	if why == "" {
		return nil
	}
	return &ShapeError{Pos: position(d.src, d.top.start, d.bom), Err: ErrNotManifest, Msg: why}
}

func (d *document) keyPos(m *member) Position { return position(d.src, m.key.start, d.bom) }

// kind decides what the top-level object is. It returns why it is not an
// application ("" when it is one) and the member that says so, or nil
// when the object as a whole does.
func (d *document) kind() (*member, string) {
	str := func(name string) (*member, string) {
		m, ok := d.topMember(name)
		if !ok {
			return nil, ""
		}
		s, _ := d.valueAt(m.val).str()
		return m, s
	}
	if m, ok := d.topMember("requiredResourceAccesses"); ok {
		return m, "a Tenant Governance element (requiredResourceAccesses, whose permissions carry id, name and type), not an app registration manifest: " +
			"its list has another shape, which Microsoft Graph's application object does not take; patch the application's own manifest (az ad app show --id APPID)"
	}
	// An explicit type decides.
	if m, t := str("@odata.type"); m != nil && t != "" {
		switch name := strings.TrimPrefix(t, "#microsoft.graph."); {
		case name == "application":
			return nil, ""
		case name == "servicePrincipal":
			return m, servicePrincipal("its @odata.type is " + t)
		default:
			return m, fmt.Sprintf("a Microsoft Graph %s (its @odata.type is %s), not an application: export the application with az ad app show --id APPID", name, t)
		}
	}
	_, context := str("@odata.context")
	for i := range d.top.members {
		if m := &d.top.members[i]; isMember(m.name, ofServicePrincipal) {
			return m, servicePrincipal("it has " + m.name)
		}
	}
	if strings.Contains(context, "#servicePrincipals/$entity") {
		m, _ := d.topMember("@odata.context")
		return m, servicePrincipal("its @odata.context is " + context)
	}
	app := false
	for _, m := range d.top.members {
		app = app || isMember(m.name, ofApplication|ofLegacy)
	}
	if !app {
		// PowerShell's ConvertTo-Json writes the same members in
		// PascalCase (ServicePrincipalType).
		for i := range d.top.members {
			m := &d.top.members[i]
			for _, name := range servicePrincipalMembers {
				if len(name) == len(m.name) && equalFoldASCII(name, m.name) {
					return m, servicePrincipal("it has " + m.name)
				}
			}
		}
	}
	if v, ok := d.topMember("value"); ok && !app {
		if list := d.valueAt(v.val); list.IsArray() {
			n := len(list.Array())
			items := fmt.Sprintf("value holds %d %s", n, map[bool]string{true: "item", false: "items"}[n == 1])
			if strings.Contains(context, "#servicePrincipals") {
				return v, "a Microsoft Graph collection of service principals (" + items + "), not an application: " +
					"an app registration requests permissions in its application object, so export that with az ad app show --id APPID"
			}
			what := "a Microsoft Graph collection response"
			if strings.Contains(context, "#applications") {
				what += " of applications"
			}
			return v, fmt.Sprintf("%s (%s), not one application: patch one item, such as value[0] (jq '.value[0]' FILE > app.json), or export the application with az ad app show --id APPID", what, items)
		}
	}
	if app || strings.Contains(context, "#applications/$entity") || strings.Contains(context, "#applications(") {
		return nil, ""
	}
	_, named := d.topMember("displayName")
	_, legacyNamed := d.topMember("name") // the legacy manifest's displayName
	_, withID := d.topMember("appId")
	named = named || legacyNamed
	var foreign *member
	for i := range d.top.members {
		if m := &d.top.members[i]; !isMember(m.name, ofShared) {
			foreign = m
			break
		}
	}
	if (named || withID) && foreign == nil {
		return nil, ""
	}
	var names []string
	for _, m := range d.top.members[:min(3, len(d.top.members))] {
		names = append(names, fmt.Sprintf("%q", m.name))
	}
	msg := fmt.Sprintf("not an app registration manifest: it has no member only an application has (requiredResourceAccess, signInAudience, web, api, identifierUris, …); its keys start %s", strings.Join(names, ", "))
	if foreign != nil && (named || withID) {
		msg += fmt.Sprintf(", and %q is not a member of an application", foreign.name)
	}
	return nil, msg + ". To patch a request body, add \"requiredResourceAccess\": [] to it"
}

// servicePrincipal words the refusal of a service principal, and says why
// the object is one.
func servicePrincipal(why string) string {
	return "a service principal (" + why + "), not an application: an app registration requests permissions in its application object, " +
		"so export that with az ad app show --id APPID (or GET https://graph.microsoft.com/v1.0/applications(appId='APPID'))"
}
