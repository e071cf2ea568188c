package manifest

import (
	"fmt"
	"strconv"
	"strings"
)

// This file handles the parts of an app registration's setup besides
// permissions that live in its manifest: the sign-in audience and the Web
// redirect URIs.

// Format says which manifest format a document is in.
type Format int

const (
	// FormatGraph is the Microsoft Graph app manifest (displayName, web,
	// spa, api, …), which the Entra admin center has used since 2025, and
	// az and Graph output.
	FormatGraph Format = iota
	// FormatLegacy is the Azure AD Graph manifest (name, replyUrlsWithType,
	// oauth2Permissions, …) of older portal downloads.
	FormatLegacy
	// FormatFragment holds only requiredResourceAccess: a bare array, or an
	// object with no other member. It has no audience or redirect URIs.
	FormatFragment
)

func (f Format) String() string {
	switch f {
	case FormatGraph:
		return "Microsoft Graph app manifest"
	case FormatLegacy:
		return "Azure AD Graph (legacy) manifest"
	case FormatFragment:
		return "requiredResourceAccess fragment"
	}
	return fmt.Sprintf("Format(%d)", int(f))
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
	Format Format
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

// manifestKeys are top-level members that mark an app registration manifest
// in either format, an application object or its request body. Members
// other JSON files have too (id, name, description, tags, notes, info) do
// not count.
var manifestKeys = map[string]bool{
	Key: true, "appId": true, "displayName": true, "signInAudience": true,
	"web": true, "spa": true, "api": true, "publicClient": true, "identifierUris": true, "appRoles": true,
	"keyCredentials": true, "passwordCredentials": true, "optionalClaims": true,
	"groupMembershipClaims": true, "publisherDomain": true, "isFallbackPublicClient": true,
	"certification": true, "verifiedPublisher": true, "parentalControlSettings": true,
	"tokenEncryptionKeyId": true, "addIns": true, "createdDateTime": true, "deletedDateTime": true,
	"servicePrincipalLockConfiguration": true, "serviceManagementReference": true, "defaultRedirectUri": true,
	"applicationTemplateId": true, "disabledByMicrosoftStatus": true, "samlMetadataUrl": true,
	"accessTokenAcceptedVersion": true, "acceptMappedClaims": true, "allowPublicClient": true,
	"preAuthorizedApplications": true, "orgRestrictions": true, "logoUrl": true, "logoutUrl": true,
	"signInUrl": true, "informationalUrls": true, "@odata.context": true, "@odata.id": true,
}

// checkManifest refuses a top-level object that has members but none a
// manifest has: applying permissions to a package.json would damage it.
func (d *document) checkManifest() error {
	if d.shape != ShapeObject || len(d.top.members) == 0 {
		return nil
	}
	// A mis-cased requiredResourceAccess is an error even in a manifest:
	// Microsoft Graph would ignore it, and Apply would add a second key.
	for _, m := range d.top.members {
		if m.name != Key && strings.EqualFold(m.name, Key) {
			return &ShapeError{Path: m.name, Pos: position(d.src, m.key.start, d.bom), Err: ErrNotManifest,
				Msg: "the key must be spelled requiredResourceAccess: property names are case-sensitive"}
		}
	}
	var names []string
	for _, m := range d.top.members {
		if manifestKeys[m.name] || legacyKeys[m.name] {
			return nil
		}
		if len(names) < 3 {
			names = append(names, fmt.Sprintf("%q", m.name))
		}
	}
	return &ShapeError{Pos: position(d.src, d.top.start, d.bom), Err: ErrNotManifest,
		Msg: fmt.Sprintf("not an app registration manifest: it has none of requiredResourceAccess, appId, displayName, signInAudience or any other member that marks one (its keys start %s)", strings.Join(names, ", "))}
}

// legacyKeys are members only the Azure AD Graph format has.
var legacyKeys = map[string]bool{
	"replyUrlsWithType": true, "replyUrls": true, "oauth2Permissions": true,
	"availableToOtherTenants": true, "oauth2AllowImplicitFlow": true, "knownClientApplications": true,
}

func (d *document) format() Format {
	if d.shape == ShapeArray || len(d.top.members) == 1 && d.rraIdx == 0 {
		return FormatFragment
	}
	hasName, hasDisplayName := false, false
	for _, m := range d.top.members {
		if legacyKeys[m.name] {
			return FormatLegacy
		}
		hasName = hasName || m.name == "name"
		hasDisplayName = hasDisplayName || m.name == "displayName"
	}
	if hasName && !hasDisplayName {
		return FormatLegacy
	}
	return FormatGraph
}

// topMember returns the top-level member called name.
func (d *document) topMember(name string) (*member, bool) {
	for i := range d.top.members {
		if d.top.members[i].name == name {
			return &d.top.members[i], true
		}
	}
	return nil, false
}

// sub parses the value at s again, recording an object's members or an
// array's items. The value is known to be valid.
func (d *document) sub(s span) (object, array) {
	p := &parser{src: d.src, pos: s.start, base: d.bom}
	var o object
	var a array
	switch d.src[s.start] {
	case '{':
		p.object(&o, nil)
	case '[':
		p.array(&a, nil)
	}
	return o, a
}

// str decodes the string value at s; ok is false for any other value.
func (d *document) str(s span) (string, bool) {
	if d.src[s.start] != '"' {
		return "", false
	}
	p := &parser{src: d.src, pos: s.start, base: d.bom}
	v, err := p.str(true)
	return v, err == nil
}

func (d *document) member(o object, name string) (*member, bool) {
	for i := range o.members {
		if o.members[i].name == name {
			return &o.members[i], true
		}
	}
	return nil, false
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
	s := Setup{Format: d.format()}
	if s.Format == FormatFragment {
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
	switch s.Format {
	case FormatGraph:
		if web, ok := d.topMember("web"); ok && d.src[web.val.start] == '{' {
			o, _ := d.sub(web.val)
			if m, ok := d.member(o, "redirectUris"); ok && d.src[m.val.start] == '[' {
				_, a := d.sub(m.val)
				for i, it := range a.items {
					add(it, "web.redirectUris["+strconv.Itoa(i)+"]")
				}
			}
		}
	case FormatLegacy:
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

// firstString returns the value of the first of names that o has as a
// string member, and that member; nil when there is none.
func (d *document) firstString(o object, names ...string) (string, *member) {
	for _, name := range names {
		if m, ok := d.member(o, name); ok {
			if v, ok := d.str(m.val); ok {
				return v, m
			}
		}
	}
	return "", nil
}

// setupEdits plans the edits that give the document opts.SignInAudience and
// opts.RedirectURIs, recording them in rep.
func (d *document) setupEdits(opts Options, rep *Report) ([]edit, error) {
	if opts.SignInAudience == "" && len(opts.RedirectURIs) == 0 {
		return nil, nil
	}
	format := d.format()
	if format == FormatFragment {
		return nil, nil
	}
	var edits []edit
	if want := opts.SignInAudience; want != "" {
		e, err := d.audience(format, want, rep)
		if err != nil {
			return nil, err
		}
		edits = append(edits, e...)
	}
	have := make(map[string]bool)
	for _, r := range d.setup().RedirectURIs {
		have[r.URI] = true
	}
	var missing []string
	for _, u := range opts.RedirectURIs {
		if !have[u] {
			have[u] = true
			missing = append(missing, u)
		}
	}
	if len(missing) == 0 {
		return edits, nil
	}
	rep.RedirectURIsAdded = missing
	var e []edit
	var err error
	if format == FormatLegacy {
		e, err = d.addReplyURLs(missing)
	} else {
		e, err = d.addWebRedirectURIs(missing)
	}
	return append(edits, e...), err
}

func (d *document) audience(format Format, want string, rep *Report) ([]edit, error) {
	var edits []edit
	m, hasAudience := d.topMember("signInAudience")
	flag, hasFlag := d.topMember("availableToOtherTenants")
	if hasAudience {
		if v, ok := d.str(m.val); !ok || v != want {
			edits = append(edits, edit{m.val.start, m.val.end, appendString(nil, want)})
		}
	}
	if hasFlag && format == FormatLegacy {
		multi := "false"
		if want == AzureADMultipleOrgs || want == "AzureADandPersonalMicrosoftAccount" {
			multi = "true"
		}
		if string(d.src[flag.val.start:flag.val.end]) != multi {
			edits = append(edits, edit{flag.val.start, flag.val.end, []byte(multi)})
		}
	}
	if !hasAudience && !(hasFlag && format == FormatLegacy) {
		d.newTop = append(d.newTop, newMember{"signInAudience", stringWriter(want)})
		rep.AudienceChanged = true
	}
	if len(edits) > 0 {
		rep.AudienceChanged = true
	}
	return edits, nil
}

// addWebRedirectURIs adds uris to web.redirectUris, creating what is
// missing, and keeps web.redirectUriSettings, where present, in step.
func (d *document) addWebRedirectURIs(uris []string) ([]edit, error) {
	items := make([]writer, len(uris))
	settings := make([]writer, len(uris))
	for i, u := range uris {
		items[i] = stringWriter(u)
		settings[i] = objectWriter(newMember{"uri", stringWriter(u)}, newMember{"index", literalWriter("null")})
	}
	web, ok := d.topMember("web")
	if !ok {
		d.newTop = append(d.newTop, newMember{"web", objectWriter(newMember{"redirectUris", arrayWriter(items...)})})
		return nil, nil
	}
	switch d.src[web.val.start] {
	case 'n':
		st := d.base(web.val.start)
		return []edit{{web.val.start, web.val.end, writeObject(nil, st, []newMember{{"redirectUris", arrayWriter(items...)}})}}, nil
	case '{':
	default:
		return nil, d.shapeError(web.val, "web", "want an object, got %s", kind(d.src[web.val.start]))
	}
	o, _ := d.sub(web.val)
	var edits []edit
	e, err := d.addToList(&o, "web", "redirectUris", items, true)
	if err != nil {
		return nil, err
	}
	edits = append(edits, e...)
	if _, ok := d.member(o, "redirectUriSettings"); ok {
		e, err := d.addToList(&o, "web", "redirectUriSettings", settings, false)
		if err != nil {
			return nil, err
		}
		edits = append(edits, e...)
	}
	return edits, nil
}

// addReplyURLs adds uris to the legacy replyUrlsWithType as Web entries.
func (d *document) addReplyURLs(uris []string) ([]edit, error) {
	items := make([]writer, len(uris))
	for i, u := range uris {
		items[i] = objectWriter(newMember{"url", stringWriter(u)}, newMember{"type", stringWriter("Web")})
	}
	return d.addToList(&d.top, "", "replyUrlsWithType", items, true)
}

// addToList appends items to the array member name of object o (whose own
// JSON path is path), creating the member when create is set and replacing
// null or an empty array.
func (d *document) addToList(o *object, path, name string, items []writer, create bool) ([]edit, error) {
	full := name
	if path != "" {
		full = path + "." + name
	}
	m, ok := d.member(*o, name)
	if !ok {
		if !create {
			return nil, nil
		}
		ms := []newMember{{name, arrayWriter(items...)}}
		if o == &d.top {
			d.newTop = append(d.newTop, ms...)
			return nil, nil
		}
		return []edit{d.addMembers(o, ms)}, nil
	}
	switch d.src[m.val.start] {
	case 'n':
	case '[':
		_, a := d.sub(m.val)
		if len(a.items) > 0 {
			var tmpl *object
			if last := a.items[len(a.items)-1]; d.src[last.start] == '{' {
				t, _ := d.sub(last)
				tmpl = &t
			}
			return []edit{d.appendItems(&a, tmpl, items)}, nil
		}
	default:
		return nil, d.shapeError(m.val, full, "want an array, got %s", kind(d.src[m.val.start]))
	}
	return []edit{{m.val.start, m.val.end, arrayWriter(items...)(nil, d.base(m.val.start))}}, nil
}

func (d *document) shapeError(s span, path, format string, args ...any) error {
	return &ShapeError{Path: path, Pos: position(d.src, s.start, d.bom), Err: ErrShape, Msg: fmt.Sprintf(format, args...)}
}
