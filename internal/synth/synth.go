// Package synth generates large, deterministic app registration manifests
// for benchmarks: the same size always gives the same bytes.
//
// The manifests are legacy Azure AD Graph manifests as the portal downloads
// them (tab indentation, LF, no final newline). Their members are the
// portal's, with requiredResourceAccess moved to the middle so that about
// half of the bytes come before it and half after it:
//
//   - before: appRoles, a long description, and keyCredentials carrying
//     base64 certificates;
//   - after: a long notes string, passwordCredentials, 256
//     replyUrlsWithType entries (the most the portal accepts) and
//     oauth2Permissions.
//
// Descriptions mix ASCII with non-ASCII text and JSON escapes, as localized
// manifests do. requiredResourceAccess lists Microsoft Graph User.Read and
// one application role, as many registrations start out, so applying the
// calendar-sync set adds permissions to an existing entry and two new
// entries. Past a few hundred kilobytes the manifests hold more roles and
// scopes than the portal accepts (about 1,200 entries in all): they are for
// measuring how the cost grows with the input, not samples of real files.
package synth

import (
	"fmt"
	"math/rand/v2"
)

// ReplyURLs is the number of replyUrlsWithType entries a manifest has.
const ReplyURLs = 256

// Manifest returns a manifest of at least size bytes, and not many more.
func Manifest(size int) []byte {
	g := &gen{r: rand.New(rand.NewPCG(uint64(size), 0x6d616e6966657374)), b: make([]byte, 0, size+size/16+64<<10)}
	at := func(f float64) int { return int(f * float64(size)) }

	g.raw("{\n")
	g.member("id", g.guid())
	g.rawMember("acceptMappedClaims", "null")
	g.rawMember("accessTokenAcceptedVersion", "2")
	g.rawMember("addIns", "[]")
	g.rawMember("allowPublicClient", "null")
	g.member("appId", g.guid())
	g.array("appRoles", func() bool { return len(g.b) < at(0.22) }, g.appRole)
	g.rawMember("oauth2AllowUrlPathMatching", "false")
	g.member("createdDateTime", "2024-03-11T09:14:52Z")
	g.key("description")
	g.text(at(0.02))
	g.raw(",\n")
	g.rawMember("certification", "null")
	g.member("groupMembershipClaims", "SecurityGroup")
	g.rawMember("identifierUris", "[\n\t\t\"api://"+g.guid()+"\"\n\t]")
	g.array("keyCredentials", func() bool { return len(g.b) < at(0.49) }, g.keyCredential)
	g.rawMember("knownClientApplications", "[]")
	g.rawMember("logoUrl", "null")
	g.member("logoutUrl", "https://contoso.example/logout")
	g.member("name", "Calendar Sync")
	g.rawMember("requiredResourceAccess", `[
		{
			"resourceAppId": "00000003-0000-0000-c000-000000000000",
			"resourceAccess": [
				{
					"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
					"type": "Scope"
				},
				{
					"id": "df021288-bdef-4463-88db-98f22de89214",
					"type": "Role"
				}
			]
		}
	]`)
	g.key("notes")
	g.text(at(0.02))
	g.raw(",\n")
	g.array("passwordCredentials", g.count(8), g.passwordCredential)
	g.member("publisherDomain", "contoso.example")
	g.array("replyUrlsWithType", g.count(ReplyURLs), g.replyURL)
	g.rawMember("oauth2AllowIdTokenImplicitFlow", "false")
	g.rawMember("oauth2AllowImplicitFlow", "false")
	g.array("oauth2Permissions", func() bool { return len(g.b) < size-len(tail) }, g.oauth2Permission)
	g.raw(tail)
	return g.b
}

// tail ends every manifest.
const tail = "\t\"oauth2RequirePostResponse\": false,\n" +
	"\t\"optionalClaims\": null,\n" +
	"\t\"orgRestrictions\": [],\n" +
	"\t\"samlMetadataUrl\": null,\n" +
	"\t\"signInUrl\": \"https://contoso.example/\",\n" +
	"\t\"signInAudience\": \"AzureADMyOrg\",\n" +
	"\t\"tags\": [\n\t\t\"calendar\",\n\t\t\"sync\",\n\t\t\"exchange\"\n\t],\n" +
	"\t\"tokenEncryptionKeyId\": null\n}"

// gen appends a manifest to b.
type gen struct {
	r *rand.Rand
	b []byte
	n int // numbers the generated elements
}

func (g *gen) raw(s string) { g.b = append(g.b, s...) }

func (g *gen) key(k string) {
	g.b = append(g.b, '\t', '"')
	g.b = append(g.b, k...)
	g.b = append(g.b, `": `...)
}

// member writes a top-level string member; v needs no escaping.
func (g *gen) member(k, v string) { g.rawMember(k, `"`+v+`"`) }

func (g *gen) rawMember(k, v string) {
	g.key(k)
	g.raw(v)
	g.raw(",\n")
}

// array writes a top-level array member holding at least one element,
// written by el, and more while more reports true.
func (g *gen) array(k string, more func() bool, el func()) {
	g.key(k)
	g.raw("[\n")
	for first := true; first || more(); first = false {
		if !first {
			g.raw(",\n")
		}
		el()
	}
	g.raw("\n\t],\n")
}

// count returns a function for array that asks for n elements in all.
func (g *gen) count(n int) func() bool {
	return func() bool { n--; return n > 0 }
}

func (g *gen) guid() string {
	a, c := g.r.Uint64(), g.r.Uint64()
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", a>>32, a>>16&0xffff, a&0xfff, 0x8000|c>>48&0x3fff, c&0xffffffffffff)
}

// words are what the generated text is made of: plain ASCII, non-ASCII
// UTF-8 and JSON escapes, as they appear in localized manifests.
var words = []string{
	"Allows", "the", "app", "to", "read", "and", "write", "shared", "calendars", "for", "every",
	"user", "in", "the", "agency", "on", "behalf", "of", "signed-in", "Exchange", "Online",
	"synchronisation", "service", "account", "mailbox", "delegated", "access", "settings",
	"Kalendersynchronisierung", "für", "Behörden", "über", "Zugriff", "gemäß", "Richtlinie",
	"accès", "délégué", "aux", "agendas", "partagés", "日程の同期", "共有カレンダー", "—",
	`\"primary\"`, `C:\\Sync\\Logs`, `https:\/\/contoso.example\/sync`, `caf\u00e9`, `line\nbreak`, `tab\tstop`,
}

// text writes a JSON string of about n bytes.
func (g *gen) text(n int) {
	g.b = append(g.b, '"')
	end := len(g.b) + n
	for first := true; first || len(g.b) < end; first = false {
		if !first {
			g.b = append(g.b, ' ')
		}
		g.b = append(g.b, words[g.r.IntN(len(words))]...)
	}
	g.b = append(g.b, '"')
}

// kv is a member of a generated object: its key and a function that
// writes its value.
type kv struct {
	k string
	v func()
}

// object writes one array element: an object holding members.
func (g *gen) object(members ...kv) {
	g.raw("\t\t{\n")
	for i, m := range members {
		if i > 0 {
			g.raw(",\n")
		}
		g.b = append(g.b, "\t\t\t\""...)
		g.b = append(g.b, m.k...)
		g.b = append(g.b, `": `...)
		m.v()
	}
	g.raw("\n\t\t}")
}

func (g *gen) str(s string) func() { return func() { g.raw(`"` + s + `"`) } }
func (g *gen) lit(s string) func() { return func() { g.raw(s) } }

func (g *gen) appRole() {
	g.n++
	g.object(
		kv{"allowedMemberTypes", g.lit("[\n\t\t\t\t\"User\",\n\t\t\t\t\"Application\"\n\t\t\t]")},
		kv{"description", func() { g.text(80 + g.r.IntN(320)) }},
		kv{"displayName", g.str(fmt.Sprintf("Calendar Sync Role %d", g.n))},
		kv{"id", g.str(g.guid())},
		kv{"isEnabled", g.lit("true")},
		kv{"lang", g.lit("null")},
		kv{"origin", g.str("Application")},
		kv{"value", g.str(fmt.Sprintf("CalendarSync.Role%d", g.n))},
	)
}

const base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

func (g *gen) keyCredential() {
	g.n++
	g.object(
		kv{"customKeyIdentifier", g.str(fmt.Sprintf("%040X", g.r.Uint64()))},
		kv{"endDate", g.str("2027-03-11T09:14:52Z")},
		kv{"keyId", g.str(g.guid())},
		kv{"startDate", g.str("2025-03-11T09:14:52Z")},
		kv{"type", g.str("AsymmetricX509Cert")},
		kv{"usage", g.str("Verify")},
		kv{"value", func() {
			// A DER certificate of 1.2 to 2 KB, base64-encoded.
			n := 4 * (400 + g.r.IntN(300))
			g.b = append(g.b, '"')
			for range n {
				g.b = append(g.b, base64Chars[g.r.IntN(64)])
			}
			g.b = append(g.b, '"')
		}},
		kv{"displayName", g.str(fmt.Sprintf("CN=calendar-sync-%d", g.n))},
	)
}

func (g *gen) passwordCredential() {
	g.n++
	g.object(
		kv{"customKeyIdentifier", g.lit("null")},
		kv{"endDate", g.str("2026-09-11T09:14:52.123Z")},
		kv{"keyId", g.str(g.guid())},
		kv{"startDate", g.str("2024-09-11T09:14:52.123Z")},
		kv{"value", g.lit("null")},
		kv{"createdOn", g.str("2024-09-11T09:14:53.456Z")},
		kv{"hint", g.str(fmt.Sprintf("x%02d", g.n%100))},
		kv{"displayName", g.str(fmt.Sprintf("sync-worker-%d", g.n))},
	)
}

func (g *gen) replyURL() {
	g.n++
	g.object(
		kv{"url", g.str(fmt.Sprintf("https://calendar-sync-%d.contoso.example/signin-oidc", g.n))},
		kv{"type", g.str("Web")},
	)
}

func (g *gen) oauth2Permission() {
	g.n++
	g.object(
		kv{"adminConsentDescription", func() { g.text(80 + g.r.IntN(240)) }},
		kv{"adminConsentDisplayName", g.str(fmt.Sprintf("Access calendar sync scope %d", g.n))},
		kv{"id", g.str(g.guid())},
		kv{"isEnabled", g.lit("true")},
		kv{"lang", g.lit("null")},
		kv{"origin", g.str("Application")},
		kv{"type", g.str("User")},
		kv{"userConsentDescription", func() { g.text(60 + g.r.IntN(160)) }},
		kv{"userConsentDisplayName", g.str(fmt.Sprintf("Access calendar sync scope %d", g.n))},
		kv{"value", g.str(fmt.Sprintf("access_as_user_%d", g.n))},
	)
}

// ManyPermissions returns a manifest of at most size bytes, and not many
// fewer (so 64 MiB is the largest input the command takes), that is
// almost all requiredResourceAccess: one Microsoft Graph
// entry listing tiny permissions with distinct ids the catalog does not
// know, compactly, as a script might write them. It is the worst case for
// memory, which grows with the number of values rather than their bytes:
// 64 MiB holds about 1.1 million permissions, each of them a finding.
func ManyPermissions(size int) []byte {
	const head = `{"displayName":"many","requiredResourceAccess":[{"resourceAppId":"00000003-0000-0000-c000-000000000000","resourceAccess":[`
	b := make([]byte, 0, size+128)
	b = append(b, head...)
	const item = len(`,{"id":"00000000-0000-4000-8000-000000000000","type":"Scope"}`)
	for i := 0; len(b)+item+len("]}]}") <= size; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, `{"id":"%08x-0000-4000-8000-000000000000","type":"Scope"}`, i)
	}
	return append(b, "]}]}"...)
}
