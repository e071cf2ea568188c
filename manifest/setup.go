package manifest

// The parts of an app registration's setup besides permissions that live in
// its manifest: the sign-in audience, the Web redirect URIs and the
// credentials.

import (
	"fmt"
	"strconv"
	"strings"
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

// Admits reports whether the declared audience already admits every kind
// of account want admits (Accounts), the rule Apply follows: an audience
// is never narrowed, so AzureADandPersonalMicrosoftAccount admits all
// four, AzureADMultipleOrgs admits AzureADMyOrg, and
// PersonalMicrosoftAccount admits only itself. Values are compared as
// AudienceOf reads them. A fragment, which has no audience, and a value
// that is no audience admit nothing.
func (s Setup) Admits(want string) bool {
	w := AudienceOf(want)
	return w != 0 && w&^AudienceOf(s.Audience()) == 0
}

// Accounts is a set of the kinds of account a sign-in audience admits.
type Accounts uint8

// The kinds of account, as Microsoft's "supported account types" name
// them.
const (
	// OwnDirectory: accounts in the app's own organizational directory.
	OwnDirectory Accounts = 1 << iota
	// AnyDirectory: accounts in any organizational directory.
	AnyDirectory
	// PersonalAccounts: personal Microsoft accounts (Skype, Xbox,
	// Outlook.com).
	PersonalAccounts
)

// audiences lists the four values of signInAudience and what each
// admits.
var audiences = []struct {
	name     string
	accounts Accounts
}{
	{AzureADMyOrg, OwnDirectory},
	{AzureADMultipleOrgs, OwnDirectory | AnyDirectory},
	{AzureADandPersonalMicrosoftAccount, OwnDirectory | AnyDirectory | PersonalAccounts},
	{PersonalMicrosoftAccount, PersonalAccounts},
}

// AudienceOf returns the kinds of account the signInAudience value v
// admits, or 0 when v is none of the four values. Values are compared
// regardless of ASCII case (AzureADAndPersonalMicrosoftAccount is
// AzureADandPersonalMicrosoftAccount).
func AudienceOf(v string) Accounts {
	for _, a := range audiences {
		if equalFoldASCII(a.name, v) {
			return a.accounts
		}
	}
	return 0
}

// Audience returns the narrowest signInAudience value that admits every
// kind of account in a: PersonalMicrosoftAccount with the app's own
// directory needs AzureADandPersonalMicrosoftAccount, as no narrower
// value admits both. It returns "" for an empty set.
func (a Accounts) Audience() string {
	if a == PersonalAccounts {
		return PersonalMicrosoftAccount
	}
	for _, x := range audiences[:3] { // the nested ones, narrowest first
		if a != 0 && a&^x.accounts == 0 {
			return x.name
		}
	}
	return ""
}

// String words the kinds of account in a, as the Entra admin center's
// "supported account types" do: "accounts in any organizational directory
// and personal Microsoft accounts".
func (a Accounts) String() string {
	var parts []string
	switch {
	case a&AnyDirectory != 0:
		parts = append(parts, "accounts in any organizational directory")
	case a&OwnDirectory != 0:
		parts = append(parts, "accounts in this organizational directory only")
	}
	if a.Personal() {
		if len(parts) == 0 {
			return "personal Microsoft accounts only"
		}
		parts = append(parts, "personal Microsoft accounts")
	}
	if len(parts) == 0 {
		return "no accounts"
	}
	return strings.Join(parts, " and ")
}

// Personal reports whether a admits personal Microsoft accounts, where
// Microsoft's lower limits apply (30 permissions).
func (a Accounts) Personal() bool { return a&PersonalAccounts != 0 }

// multiTenant reports whether the audience admits accounts in any
// organizational directory, as availableToOtherTenants true does.
func multiTenant(audience string) bool {
	return AudienceOf(audience)&AnyDirectory != 0
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
