package manifest

// The parts of an app registration's setup besides permissions that live in
// its manifest: the sign-in audience, the Web redirect URIs and the
// credentials.

import (
	"fmt"
	"strconv"
)

// Schema says which of the manifest schemas a document follows.
type Schema int

const (
	// SchemaGraph is the Microsoft Graph app manifest (displayName, web,
	// spa, api, …), which the Entra admin center has used since 2025, and
	// az and Graph output.
	SchemaGraph Schema = iota
	// SchemaLegacy is the Azure AD Graph manifest (name, replyUrlsWithType,
	// oauth2Permissions, …) of older portal downloads.
	SchemaLegacy
	// SchemaFragment holds only requiredResourceAccess: a bare array, or an
	// object with no other member. It has no audience or redirect URIs.
	SchemaFragment
)

func (s Schema) String() string {
	switch s {
	case SchemaGraph:
		return "Microsoft Graph app manifest"
	case SchemaLegacy:
		return "Azure AD Graph (legacy) manifest"
	case SchemaFragment:
		return "requiredResourceAccess fragment"
	}
	return fmt.Sprintf("Schema(%d)", int(s))
}

// Audience values of signInAudience.
const (
	// AzureADMyOrg admits accounts in the app's own directory only.
	AzureADMyOrg = "AzureADMyOrg"
	// AzureADMultipleOrgs admits accounts in any organizational directory.
	AzureADMultipleOrgs = "AzureADMultipleOrgs"
	// AzureADandPersonalMicrosoftAccount admits accounts in any
	// organizational directory and personal Microsoft accounts.
	AzureADandPersonalMicrosoftAccount = "AzureADandPersonalMicrosoftAccount"
	// PersonalMicrosoftAccount admits personal Microsoft accounts only.
	PersonalMicrosoftAccount = "PersonalMicrosoftAccount"
)

// RedirectURI is a Web redirect URI a manifest lists.
type RedirectURI struct {
	URI  string
	Path string // JSON path, such as web.redirectUris[1]
	Pos  Position
}

// Setup is what a manifest says besides its permissions.
type Setup struct {
	Schema Schema
	// AppID is the application (client) id, "" when absent.
	AppID string
	// SignInAudience is "" when the member is absent or not a string.
	SignInAudience string
	// AvailableToOtherTenants is the legacy flag, nil when absent or not a
	// boolean. It says what the audience is only where SignInAudience is
	// "".
	AvailableToOtherTenants *bool
	// AudienceConflict reports that both are present and disagree, as in
	// a legacy manifest with "signInAudience": "AzureADMultipleOrgs" and
	// "availableToOtherTenants": false. SignInAudience decides.
	AudienceConflict bool
	// RedirectURIs are the Web redirect URIs: web.redirectUris in the
	// Microsoft Graph format; in the legacy format replyUrlsWithType entries
	// of type Web, and the older replyUrls.
	RedirectURIs []RedirectURI
	// Credentials are the client secrets (passwordCredentials) and
	// certificates (keyCredentials) the manifest lists, in document order,
	// secrets first. Only what identifies them and when they expire is
	// read: never a secret's value or hint, nor a certificate's key.
	Credentials []Credential
}

// Credential is a client secret or certificate a manifest lists. Portal
// downloads in either format carry them: with keyId, displayName and
// endDateTime in the Microsoft Graph format, with customKeyIdentifier and
// endDate in the legacy one.
type Credential struct {
	// Kind is "password" for an entry of passwordCredentials and "key"
	// for one of keyCredentials.
	Kind string
	// KeyID is keyId, or customKeyIdentifier where keyId is absent or not
	// a string; "" when neither is a string.
	KeyID string
	// DisplayName is displayName, "" when absent or not a string.
	DisplayName string
	// End is when the credential expires, as written (endDateTime, or
	// endDate where that is absent or not a string); "" when neither is a
	// string.
	End string
	// Path and Pos say where End's value is, such as
	// passwordCredentials[0].endDateTime, or where the entry is when it
	// has no end.
	Path string
	Pos  Position
}

// Credential kinds.
const (
	PasswordCredential = "password"
	KeyCredential      = "key"
)

// Audience returns the audience the manifest declares: SignInAudience
// when it is there, else what AvailableToOtherTenants stands for
// (AzureADMultipleOrgs or AzureADMyOrg), else "".
func (s Setup) Audience() string {
	switch {
	case s.SignInAudience != "":
		return s.SignInAudience
	case s.AvailableToOtherTenants == nil:
		return ""
	case *s.AvailableToOtherTenants:
		return AzureADMultipleOrgs
	}
	return AzureADMyOrg
}

// AudienceSource describes the declared audience as the manifest says it,
// for messages such as "sign-in audience is AzureADMyOrg; want …": the
// value of signInAudience, "availableToOtherTenants true" or "… false"
// where only the legacy flag says it, or "" where nothing does.
func (s Setup) AudienceSource() string {
	switch {
	case s.SignInAudience != "":
		return s.SignInAudience
	case s.AvailableToOtherTenants != nil:
		return "availableToOtherTenants " + strconv.FormatBool(*s.AvailableToOtherTenants)
	}
	return ""
}

// Admits reports whether the declared audience already satisfies want, the
// rule Apply follows: it does when it is want, and an audience is never
// narrowed, so one that admits accounts in any organizational directory
// (AzureADMultipleOrgs, AzureADandPersonalMicrosoftAccount) satisfies
// AzureADMyOrg and AzureADMultipleOrgs, and AzureADandPersonalMicrosoftAccount
// also satisfies PersonalMicrosoftAccount. A fragment, which has no
// audience, admits nothing.
func (s Setup) Admits(want string) bool {
	have := s.Audience()
	switch {
	case have == want:
		return want != ""
	case have == AzureADMultipleOrgs:
		return want == AzureADMyOrg
	case have == AzureADandPersonalMicrosoftAccount:
		return want == AzureADMyOrg || want == AzureADMultipleOrgs || want == PersonalMicrosoftAccount
	}
	return false
}

// multiTenant reports whether the audience admits accounts in any
// organizational directory, as availableToOtherTenants true does.
func multiTenant(audience string) bool {
	return audience == AzureADMultipleOrgs || audience == AzureADandPersonalMicrosoftAccount
}

// ReadSetup parses src and returns what it says besides its permissions.
// Values of an unexpected shape are passed over; Apply reports them when it
// has to edit them.
func ReadSetup(src []byte) (Setup, error) {
	d, err := parse(src)
	if err != nil {
		return Setup{}, err
	}
	defer d.release()
	return d.setup(), nil
}

func (d *document) setup() Setup { return d.readSetup(true) }

// readSetup reads what Setup reports. Apply, which edits only the audience
// and redirect URIs, leaves out the credentials and positions (full false).
func (d *document) readSetup(full bool) Setup {
	s := Setup{Schema: d.schema()}
	if s.Schema == SchemaFragment {
		return s
	}
	for _, f := range fields {
		if f.read == nil || f.in != 0 && f.in&(1<<s.Schema) == 0 || !full && !f.edited {
			continue
		}
		if v, ok := d.lookup(f.path); ok {
			path := f.path
			if !full {
				path = ""
			}
			f.read(&s, v, path)
		}
	}
	s.AudienceConflict = s.SignInAudience != "" && s.AvailableToOtherTenants != nil &&
		*s.AvailableToOtherTenants != multiTenant(s.SignInAudience)
	if !full {
		return s
	}
	// The readers left offsets; convert them in one pass.
	offs := make([]int, 0, len(s.RedirectURIs)+len(s.Credentials))
	for _, r := range s.RedirectURIs {
		offs = append(offs, r.Pos.Offset)
	}
	for _, c := range s.Credentials {
		offs = append(offs, c.Pos.Offset)
	}
	pos := positions(d.src, offs, d.bom)
	for i := range s.RedirectURIs {
		s.RedirectURIs[i].Pos = pos[i]
	}
	for i := range s.Credentials {
		s.Credentials[i].Pos = pos[len(s.RedirectURIs)+i]
	}
	return s
}
