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
	AzureADMyOrg        = "AzureADMyOrg"
	AzureADMultipleOrgs = "AzureADMultipleOrgs"
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
	// AvailableToOtherTenants is the legacy flag, nil when absent.
	AvailableToOtherTenants *bool
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

// MultiTenant reports whether the manifest accepts accounts in any
// organizational directory.
func (s Setup) MultiTenant() bool {
	switch s.SignInAudience {
	case "":
		return s.AvailableToOtherTenants != nil && *s.AvailableToOtherTenants
	case AzureADMultipleOrgs, "AzureADandPersonalMicrosoftAccount":
		return true
	}
	return false
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

func (d *document) setup() Setup {
	s := Setup{Schema: d.schema()}
	if s.Schema == SchemaFragment {
		return s
	}
	if m, ok := d.topMember("appId"); ok {
		s.AppID, _ = d.str(m.val)
	}
	if m, ok := d.topMember("signInAudience"); ok {
		s.SignInAudience, _ = d.str(m.val)
	}
	if m, ok := d.topMember("availableToOtherTenants"); ok {
		b := string(d.src[m.val.start:m.val.end]) == "true"
		if b || string(d.src[m.val.start:m.val.end]) == "false" {
			s.AvailableToOtherTenants = &b
		}
	}
	// Positions are worked out together at the end, in one pass.
	var offs []int
	add := func(v span, path string) {
		if u, ok := d.str(v); ok {
			s.RedirectURIs = append(s.RedirectURIs, RedirectURI{URI: u, Path: path})
			offs = append(offs, v.start)
		}
	}
	switch s.Schema {
	case SchemaGraph:
		if web, ok := d.topMember("web"); ok && d.src[web.val.start] == '{' {
			o, _ := d.sub(web.val)
			if m, ok := d.member(o, "redirectUris"); ok && d.src[m.val.start] == '[' {
				_, a := d.sub(m.val)
				for i, it := range a.items {
					add(it, "web.redirectUris["+strconv.Itoa(i)+"]")
				}
			}
		}
	case SchemaLegacy:
		if m, ok := d.topMember("replyUrlsWithType"); ok && d.src[m.val.start] == '[' {
			_, a := d.sub(m.val)
			for i, it := range a.items {
				if d.src[it.start] != '{' {
					continue
				}
				o, _ := d.sub(it)
				u, hasURL := d.member(o, "url")
				web := true
				if t, ok := d.member(o, "type"); ok {
					typ, _ := d.str(t.val)
					web = strings.EqualFold(typ, "Web")
				}
				if hasURL && web {
					add(u.val, "replyUrlsWithType["+strconv.Itoa(i)+"].url")
				}
			}
		}
		if m, ok := d.topMember("replyUrls"); ok && d.src[m.val.start] == '[' {
			_, a := d.sub(m.val)
			for i, it := range a.items {
				add(it, "replyUrls["+strconv.Itoa(i)+"]")
			}
		}
	}
	nURIs := len(offs)
	for _, c := range []struct{ member, kind string }{{"passwordCredentials", PasswordCredential}, {"keyCredentials", KeyCredential}} {
		m, ok := d.topMember(c.member)
		if !ok || d.src[m.val.start] != '[' {
			continue
		}
		_, a := d.sub(m.val)
		for i, it := range a.items {
			if d.src[it.start] != '{' {
				continue
			}
			o, _ := d.sub(it)
			cred := Credential{Kind: c.kind, Path: c.member + "[" + strconv.Itoa(i) + "]"}
			at := it.start
			cred.KeyID, _ = d.firstString(o, "keyId", "customKeyIdentifier")
			cred.DisplayName, _ = d.firstString(o, "displayName")
			if end, m := d.firstString(o, "endDateTime", "endDate"); m != nil {
				cred.End, cred.Path, at = end, cred.Path+"."+m.name, m.val.start
			}
			s.Credentials = append(s.Credentials, cred)
			offs = append(offs, at)
		}
	}
	pos := positions(d.src, offs, d.bom)
	for i := range s.RedirectURIs {
		s.RedirectURIs[i].Pos = pos[i]
	}
	for i := range s.Credentials {
		s.Credentials[i].Pos = pos[nURIs+i]
	}
	return s
}
