package manifest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/manifestpatch/manifestpatch/manifest"
)

// The tests in this file feed Read and Apply input that is broken, odd or
// built to hurt, and state what each gets back.

// rra wraps resource entries in a one-line manifest.
func rra(entries string) string {
	return `{"requiredResourceAccess": [` + entries + `]}`
}

// access wraps permission objects in a one-line manifest with one entry.
func access(list string) string {
	return rra(`{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [` + list + `]}`)
}

// applyBoth returns the errors of Read and of Apply in both modes.
func applyBoth(src []byte) map[string]error {
	_, err := manifest.Read(src)
	errs := map[string]error{"Read": err}
	for _, mode := range modes {
		_, _, err := manifest.Apply(src, calendarSet, manifest.Options{Mode: mode})
		errs["Apply/"+mode.String()] = err
	}
	return errs
}

func TestHostile(t *testing.T) {
	tests := []struct {
		name, in string
		sentinel error
		pos      string // line:column
		path     string
		msg      string // a part of the message
	}{
		// Nothing, or not a manifest.
		{"empty", "", manifest.ErrSyntax, "1:1", "", "empty input; want a JSON object or array"},
		{"whitespace only", " \t\r\n  ", manifest.ErrSyntax, "2:3", "", "empty input"},
		{"top-level string", `"requiredResourceAccess"`, manifest.ErrNotObject, "1:1", "", "the top-level value is a string"},
		{"top-level number", "\n -1.5e3\n", manifest.ErrNotObject, "2:2", "", "the top-level value is a number"},
		{"top-level true", "true", manifest.ErrNotObject, "1:1", "", "the top-level value is a boolean"},
		{"top-level null", "null", manifest.ErrNotObject, "1:1", "", "the top-level value is null"},
		{"top-level bad string", `"\q"`, manifest.ErrSyntax, "1:2", "", `invalid escape 'q'`},

		// The setup guide's snippet: a member, not a document.
		{"snippet", "\"requiredResourceAccess\": [\n  {\"resourceAppId\": \"a\", \"resourceAccess\": []}\n]\n", manifest.ErrSnippet, "1:1", "", "a requiredResourceAccess member on its own, as the setup guide prints it, is not a JSON document: put it inside { } to make a manifest, or read it as a list of wanted permissions"},
		{"snippet with a trailing comma", "\xEF\xBB\xBF\n  \"requiredResourceAccess\": [],\n", manifest.ErrSnippet, "2:3", "", "is not a JSON document"},
		{"snippet broken inside", `"requiredResourceAccess": [{"resourceAppId": "a",}]`, manifest.ErrSyntax, "1:49", "", "trailing comma before '}'"},
		{"snippet then another member", `"requiredResourceAccess": [], "signInAudience": "x"`, manifest.ErrSyntax, "1:31", "", `unexpected '"' after the top-level value`},
		{"another member alone", `"signInAudience": "x"`, manifest.ErrSyntax, "1:17", "", "unexpected ':' after the top-level value"},
		// Something after the value.
		{"trailing garbage", "{}\n\nx", manifest.ErrSyntax, "3:1", "", "unexpected 'x' after the top-level value"},
		{"two values", "{}{}", manifest.ErrSyntax, "1:3", "", "unexpected '{' after the top-level value"},
		{"trailing comma after value", "[] ,", manifest.ErrSyntax, "1:4", "", "unexpected ',' after the top-level value"},

		// Comments, as in Teams Toolkit templates.
		{"line comment first", "// app\n{}", manifest.ErrComment, "1:1", "", "JSON does not allow comments"},
		{"line comment after value", "{\n  \"a\": 1 // one\n}", manifest.ErrComment, "2:10", "", "comment"},
		{"block comment in array", "[/* none */]", manifest.ErrComment, "1:2", "", "comment"},
		{"block comment after the value", "{}\n/* end */", manifest.ErrComment, "2:1", "", "comment"},
		{"comment in requiredResourceAccess", "{\"requiredResourceAccess\": [\n    // Microsoft Graph\n    {}\n]}", manifest.ErrComment, "2:5", "", "comment"},
		{"comment before a shape error", `{"requiredResourceAccess": 1 /* x */}`, manifest.ErrComment, "1:30", "", "comment"},
		{"lone slash", `{"a": 1 /}`, manifest.ErrSyntax, "1:9", "", `unexpected '/'`},

		// Trailing commas.
		{"trailing comma in object", "{\n  \"a\": 1,\n}", manifest.ErrSyntax, "2:9", "", "trailing comma before '}'"},
		{"trailing comma in array", "[\n  1,\n  2,\n]", manifest.ErrSyntax, "3:4", "", "trailing comma before ']'"},
		{"trailing comma in entry", rra(`{"resourceAppId": "a", "resourceAccess": [],}`), manifest.ErrSyntax, "1:72", "", "trailing comma before '}'"},
		{"trailing comma in list", access(`{"id": "a", "type": "Scope"},`), manifest.ErrSyntax, "1:134", "", "trailing comma before ']'"},
		{"leading comma", "[,1]", manifest.ErrSyntax, "1:2", "", "unexpected ','; want a value"},
		{"double comma", `{"a": 1,, "b": 2}`, manifest.ErrSyntax, "1:9", "", "unexpected ','; want a string key"},

		// Values JSON does not have.
		{"NaN", `{"a": NaN}`, manifest.ErrSyntax, "1:7", "", "NaN is not a JSON value"},
		{"Infinity", `{"a": Infinity}`, manifest.ErrSyntax, "1:7", "", "Infinity is not a JSON value"},
		{"-Infinity", `[-Infinity]`, manifest.ErrSyntax, "1:2", "", "-Infinity is not a JSON value"},
		{"+Infinity", `[+Infinity]`, manifest.ErrSyntax, "1:2", "", "+Infinity is not a JSON value"},
		{"undefined", `{"a": undefined}`, manifest.ErrSyntax, "1:7", "", "undefined is not a JSON value"},
		{"single quotes", `{"a": 'b'}`, manifest.ErrSyntax, "1:7", "", `unexpected '\''; want a value`},
		{"unquoted key", `{a: 1}`, manifest.ErrSyntax, "1:2", "", "unexpected 'a'; want a string key"},
		{"True", `[True]`, manifest.ErrSyntax, "1:2", "", "unexpected 'T'; want a value"},
		{"nul", `[nul]`, manifest.ErrSyntax, "1:2", "", "unexpected 'n'; want a value"},

		// Numbers.
		{"leading zero", `{"a": 007}`, manifest.ErrSyntax, "1:7", "", "a leading zero is not allowed"},
		{"negative leading zero", `[-01]`, manifest.ErrSyntax, "1:2", "", "a leading zero is not allowed"},
		{"hex number", `[0x10]`, manifest.ErrSyntax, "1:3", "", "unexpected 'x'; want ',' or ']'"},
		{"plus sign", `[+1]`, manifest.ErrSyntax, "1:2", "", "unexpected '+'; want a value"},
		{"bare minus", `[-]`, manifest.ErrSyntax, "1:2", "", "want a digit after '-'"},
		{"no fraction digits", `[1.]`, manifest.ErrSyntax, "1:2", "", "want a digit after '.'"},
		{"no integer part", `[.5]`, manifest.ErrSyntax, "1:2", "", "unexpected '.'; want a value"},
		{"no exponent digits", `[1e+]`, manifest.ErrSyntax, "1:2", "", "want a digit in the exponent"},

		// Strings.
		{"unterminated string", "{\"a\": \"abc\n}", manifest.ErrSyntax, "1:11", "", "control character U+000A in string"},
		{"unterminated at end", `{"a": "abc`, manifest.ErrSyntax, "1:7", "", "unterminated string"},
		{"unterminated key", `{"abc`, manifest.ErrSyntax, "1:2", "", "unterminated string"},
		{"backslash at end", `{"a": "abc\`, manifest.ErrSyntax, "1:7", "", "unterminated string"},
		{"bad escape", `{"a": "C:\Users"}`, manifest.ErrSyntax, "1:10", "", `invalid escape 'U' in string`},
		{"escaped single quote", `{"a": "it\'s"}`, manifest.ErrSyntax, "1:10", "", `invalid escape '\''`},
		{"short unicode escape", `{"a": "\u12"}`, manifest.ErrSyntax, "1:8", "", `want four hex digits after \u`},
		{"non-hex unicode escape", `{"a": "\u12G4"}`, manifest.ErrSyntax, "1:8", "", `want four hex digits after \u`},
		{"upper-case U escape", `{"a": "\U0001F600"}`, manifest.ErrSyntax, "1:8", "", `invalid escape 'U'`},
		{"raw tab in string", "{\"a\": \"x\ty\"}", manifest.ErrSyntax, "1:9", "", "control character U+0009 in string; JSON wants it escaped"},

		// UTF-8 and NUL bytes.
		{"invalid UTF-8 in a string", "{\"a\": \"caf\xe9\"}", manifest.ErrSyntax, "1:11", "", "invalid UTF-8 byte 0xe9 in string"},
		{"invalid UTF-8 in a key", "{\"\xc3\x28\": 1}", manifest.ErrSyntax, "1:3", "", "invalid UTF-8 byte 0xc3 in string"},
		{"overlong UTF-8", "{\"a\": \"\xc0\xaf\"}", manifest.ErrSyntax, "1:8", "", "invalid UTF-8 byte 0xc0"},
		{"UTF-8 encoded surrogate", "{\"a\": \"\xed\xa0\x80\"}", manifest.ErrSyntax, "1:8", "", "invalid UTF-8 byte 0xed"},
		{"invalid UTF-8 in an id", access("{\"id\": \"\xff\", \"type\": \"Scope\"}"), manifest.ErrSyntax, "1:114", "", "invalid UTF-8 byte 0xff in string"},
		{"invalid UTF-8 outside strings", "{\"a\": 1}\xff", manifest.ErrSyntax, "1:9", "", "unexpected byte 0xff (not UTF-8) after the top-level value"},
		{"Latin-1 file", "{\"a\": 1, \xe9}", manifest.ErrSyntax, "1:10", "", "unexpected byte 0xe9 (not UTF-8); want a string key"},
		{"NUL in a string", "{\"a\": \"x\x00\"}", manifest.ErrSyntax, "1:9", "", "control character U+0000 in string"},
		{"NUL between tokens", "{\"a\":\x001}", manifest.ErrSyntax, "1:6", "", "unexpected NUL byte; want a value"},
		{"NUL first", "\x00{}", manifest.ErrSyntax, "1:1", "", "unexpected NUL byte"},
		{"NUL after the value", "{}\x00", manifest.ErrSyntax, "1:3", "", "unexpected NUL byte after the top-level value"},
		{"UTF-16 file", "\xff\xfe{\x00}\x00", manifest.ErrSyntax, "1:1", "", "the file is UTF-16 (little endian), not UTF-8; save it as UTF-8 (in Windows PowerShell 5.1, Out-File -Encoding utf8 or Set-Content -Encoding utf8"},
		{"UTF-16 big endian", "\xfe\xff\x00{\x00}", manifest.ErrSyntax, "1:1", "", "the file is UTF-16 (big endian), not UTF-8"},
		{"UTF-16 without a byte order mark", "{\x00\n\x00\"\x00", manifest.ErrSyntax, "1:1", "", "the file is UTF-16 (little endian)"},
		{"UTF-32", "\xff\xfe\x00\x00{\x00\x00\x00}\x00\x00\x00", manifest.ErrSyntax, "1:1", "", "the file is UTF-32, not UTF-8; save it as UTF-8"},
		{"UTF-32 big endian", "\x00\x00\xfe\xff\x00\x00\x00{\x00\x00\x00}", manifest.ErrSyntax, "1:1", "", "the file is UTF-32, not UTF-8"},
		{"UTF-16 big endian without a byte order mark", "\x00{\x00\r\x00\n", manifest.ErrSyntax, "1:1", "", "the file is UTF-16 (big endian)"},

		// Byte order marks. Columns do not count a leading one.
		{"BOM only", "\xEF\xBB\xBF", manifest.ErrSyntax, "1:1", "", "empty input"},
		{"BOM then garbage", "\xEF\xBB\xBFgarbage", manifest.ErrSyntax, "1:1", "", "unexpected 'g'; want a value"},
		{"BOM then not a manifest", "\xEF\xBB\xBF42", manifest.ErrNotObject, "1:1", "", "the top-level value is a number"},
		{"two BOMs", "\xEF\xBB\xBF\xEF\xBB\xBF{}", manifest.ErrSyntax, "1:1", "", `unexpected '\ufeff'; want a value`},
		{"BOM in the middle", "{\n  \"a\": \xEF\xBB\xBF1\n}", manifest.ErrSyntax, "2:8", "", `unexpected '\ufeff'; want a value`},
		{"half a BOM", "\xEF\xBB{}", manifest.ErrSyntax, "1:1", "", "unexpected byte 0xef (not UTF-8)"},

		// Line endings. Lines end at LF, as Go tools count them; a CR alone
		// does not end a line.
		{"CRLF position", "{\r\n  \"a\": 1,\r\n  \"b\": x\r\n}", manifest.ErrSyntax, "3:8", "", "unexpected 'x'; want a value"},
		{"CR-only position", "{\r  \"a\": 1,\r  \"b\": x\r}", manifest.ErrSyntax, "1:20", "", "unexpected 'x'; want a value"},
		{"BOM and CRLF position", "\xEF\xBB\xBF{\r\n\"a\": x}", manifest.ErrSyntax, "2:6", "", "unexpected 'x'"},

		// Structure.
		{"missing colon", `{"a" 1}`, manifest.ErrSyntax, "1:6", "", "want ':' after the key"},
		{"missing comma", `{"a": 1 "b": 2}`, manifest.ErrSyntax, "1:9", "", "want ',' or '}' after an object member"},
		{"unclosed object", "{\n  \"a\": 1\n", manifest.ErrSyntax, "3:1", "", "unexpected end of input; want ',' or '}'"},
		{"unclosed array", `{"requiredResourceAccess": [`, manifest.ErrSyntax, "1:29", "", "unexpected end of input; want a value"},
		{"mismatched bracket", `{"a": [1}`, manifest.ErrSyntax, "1:9", "", "unexpected '}'; want ',' or ']'"},
		{"extra closing bracket", `{"a": 1}}`, manifest.ErrSyntax, "1:9", "", "unexpected '}' after the top-level value"},
		{"syntax error after a shape error", `{"requiredResourceAccess": 1, "x": [1 2]}`, manifest.ErrSyntax, "1:39", "", "want ',' or ']'"},
		{"100000 arrays deep", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), manifest.ErrTooDeep, "1:1001", "", "nested more than 1000 deep"},
		{"100000 objects deep", strings.Repeat(`{"a":`, 100000), manifest.ErrTooDeep, "1:5001", "", "nested more than 1000 deep"},
		{"too deep inside requiredResourceAccess", rra(strings.Repeat("[", 1000)), manifest.ErrTooDeep, "1:1027", "", "nested more than 1000 deep"},

		// Valid JSON of the wrong shape.
		{"two requiredResourceAccess keys", "{\n  \"requiredResourceAccess\": [],\n  \"a\": 1,\n  \"requiredResourceAccess\": null\n}", manifest.ErrDuplicateKey, "4:3", "requiredResourceAccess", "the key appears twice, at 2:3 and 4:3; remove one of them"},
		{"two keys, one escaped", `{"requiredResourceAccess": [], "required\u0052esourceAccess": []}`, manifest.ErrDuplicateKey, "1:32", "requiredResourceAccess", "the key appears twice, at 1:2 and 1:32"},
		{"two signInAudience keys", "{\n  \"displayName\": \"x\",\n  \"signInAudience\": \"AzureADMyOrg\",\n  \"signInAudience\": \"AzureADMultipleOrgs\"\n}", manifest.ErrDuplicateKey, "4:3", "signInAudience", "the key appears twice, at 3:3 and 4:3; remove one of them"},
		{"two signInAudience keys, one escaped", `{"signInAudience": "a", "sign\u0049nAudience": "b"}`, manifest.ErrDuplicateKey, "1:25", "signInAudience", "the key appears twice, at 1:2 and 1:25"},
		{"two url keys, one escaped", `{"name": "x", "replyUrlsWithType": [{"url": "https://a/", "\u0075rl": "https://b/"}]}`, manifest.ErrDuplicateKey, "1:59", "replyUrlsWithType[0].url", "at 1:38 and 1:59"},
		{"two web keys", `{"displayName": "x", "web": {}, "web": {"redirectUris": []}}`, manifest.ErrDuplicateKey, "1:33", "web", "the key appears twice, at 1:22 and 1:33"},
		{"two redirectUris keys", `{"displayName": "x", "web": {"redirectUris": [], "redirectUris": ["https://a/"]}}`, manifest.ErrDuplicateKey, "1:50", "web.redirectUris", "at 1:30 and 1:50"},
		{"two redirectUriSettings keys", `{"web": {"redirectUriSettings": [], "redirectUriSettings": []}}`, manifest.ErrDuplicateKey, "1:37", "web.redirectUriSettings", "at 1:10 and 1:37"},
		{"two availableToOtherTenants keys", `{"name": "x", "availableToOtherTenants": false, "availableToOtherTenants": true}`, manifest.ErrDuplicateKey, "1:49", "availableToOtherTenants", "at 1:15 and 1:49"},
		{"two replyUrlsWithType keys", `{"name": "x", "replyUrlsWithType": [], "replyUrlsWithType": []}`, manifest.ErrDuplicateKey, "1:40", "replyUrlsWithType", "at 1:15 and 1:40"},
		{"two url keys in a reply URL", `{"name": "x", "replyUrlsWithType": [{"url": "https://a/", "type": "Web"}, {"url": "https://b/", "url": "https://c/"}]}`, manifest.ErrDuplicateKey, "1:97", "replyUrlsWithType[1].url", "at 1:76 and 1:97"},
		{"two replyUrls keys", `{"name": "x", "replyUrls": [], "replyUrls": []}`, manifest.ErrDuplicateKey, "1:32", "replyUrls", "at 1:15 and 1:32"},
		{"two appId keys", `{"appId": "a", "appId": "b"}`, manifest.ErrDuplicateKey, "1:16", "appId", "at 1:2 and 1:16"},
		{"two passwordCredentials keys", `{"appId": "a", "passwordCredentials": [], "passwordCredentials": []}`, manifest.ErrDuplicateKey, "1:43", "passwordCredentials", "at 1:16 and 1:43"},
		{"two endDateTime keys in a secret", `{"appId": "a", "passwordCredentials": [{"endDateTime": "2026-01-01", "endDateTime": "2027-01-01"}]}`, manifest.ErrDuplicateKey, "1:70", "passwordCredentials[0].endDateTime", "at 1:41 and 1:70"},
		{"two keyId keys in a certificate", `{"appId": "a", "keyCredentials": [{}, {"keyId": "a", "keyId": "b"}]}`, manifest.ErrDuplicateKey, "1:54", "keyCredentials[1].keyId", "at 1:40 and 1:54"},
		{"two resourceAppId keys", rra(`{"resourceAppId": "a", "resourceAppId": "b", "resourceAccess": []}`), manifest.ErrDuplicateKey, "1:52", "requiredResourceAccess[0].resourceAppId", "appears twice, at 1:30 and 1:52"},
		{"two type keys", access(`{"id": "a", "type": "Scope", "type": "Role"}`), manifest.ErrDuplicateKey, "1:135", "requiredResourceAccess[0].resourceAccess[0].type", "appears twice"},
		{"requiredResourceAccess a string", `{"requiredResourceAccess": "[]"}`, manifest.ErrShape, "1:28", "requiredResourceAccess", "want an array, got a string"},
		{"requiredResourceAccess an object", `{"requiredResourceAccess": {"resourceAppId": "a"}}`, manifest.ErrShape, "1:28", "requiredResourceAccess", "want an array, got an object"},
		{"entry an array", rra(`["a", []]`), manifest.ErrShape, "1:29", "requiredResourceAccess[0]", "want an object, got an array"},
		{"bare array of numbers", `[1]`, manifest.ErrShape, "1:2", "[0]", "want an object, got a number"},
		{"resourceAppId a number", rra(`{"resourceAppId": 3, "resourceAccess": []}`), manifest.ErrShape, "1:47", "requiredResourceAccess[0].resourceAppId", "want a string, got a number"},
		{"resourceAppId null", rra(`{"resourceAppId": null, "resourceAccess": []}`), manifest.ErrShape, "1:47", "requiredResourceAccess[0].resourceAppId", "want a string, got null"},
		{"resourceAccess an object", rra(`{"resourceAppId": "a", "resourceAccess": {"id": "b", "type": "Scope"}}`), manifest.ErrShape, "1:70", "requiredResourceAccess[0].resourceAccess", "want an array, got an object"},
		{"id a number", access(`{"id": 311, "type": "Scope"}`), manifest.ErrShape, "1:113", "requiredResourceAccess[0].resourceAccess[0].id", "want a string, got a number"},
		{"id an object", access(`{"id": {"value": "e1fe6dd8-ba31-4d61-89e7-88639da4683d"}, "type": "Scope"}`), manifest.ErrShape, "1:113", "requiredResourceAccess[0].resourceAccess[0].id", "want a string, got an object"},
		{"id an array", access(`{"id": ["e1fe6dd8-ba31-4d61-89e7-88639da4683d"], "type": "Scope"}`), manifest.ErrShape, "1:113", "requiredResourceAccess[0].resourceAccess[0].id", "want a string, got an array"},
		{"id true", access(`{"id": true, "type": "Scope"}`), manifest.ErrShape, "1:113", "requiredResourceAccess[0].resourceAccess[0].id", "want a string, got a boolean"},
		{"type in lower case", access(`{"id": "a", "type": "scope"}`), manifest.ErrShape, "1:126", "requiredResourceAccess[0].resourceAccess[0].type", `type is "scope"; want "Scope" or "Role" (spelled "Scope": the value is case-sensitive)`},
		{"type in upper case", access(`{"id": "a", "type": "ROLE"}`), manifest.ErrShape, "1:126", "requiredResourceAccess[0].resourceAccess[0].type", `(spelled "Role": the value is case-sensitive)`},
		{"type Delegated", access(`{"id": "a", "type": "Delegated"}`), manifest.ErrShape, "1:126", "requiredResourceAccess[0].resourceAccess[0].type", `type is "Delegated"; want "Scope" or "Role"`},
		{"type a number", access(`{"id": "a", "type": 0}`), manifest.ErrShape, "1:126", "requiredResourceAccess[0].resourceAccess[0].type", "want a string, got a number"},
		{"permission without id", access(`{"ID": "a", "type": "Scope"}`), manifest.ErrShape, "1:107", "requiredResourceAccess[0].resourceAccess[0].ID", "the key must be spelled id: property names are case-sensitive, so Microsoft Graph does not read ID"},
		{"permission with no id at all", access(`{"type": "Scope"}`), manifest.ErrShape, "1:106", "requiredResourceAccess[0].resourceAccess[0]", "the permission has no id"},
		{"permission with a mis-cased twin of type", access(`{"id": "a", "type": "Scope", "Type": "Role"}`), manifest.ErrShape, "1:135", "requiredResourceAccess[0].resourceAccess[0].Type", "a mis-cased twin of type"},
		{"entry without resourceAppId", rra(`{"resourceAppID": "a", "resourceAccess": []}`), manifest.ErrShape, "1:30", "requiredResourceAccess[0].resourceAppID", "the key must be spelled resourceAppId"},
		{"entry with no resourceAppId at all", rra(`{"resourceAccess": []}`), manifest.ErrShape, "1:29", "requiredResourceAccess[0]", "the entry has no resourceAppId"},
		{"PowerShell's PascalCase entry", "[{\"ResourceAccess\": [], \"ResourceAppId\": \"a\"}]", manifest.ErrShape, "1:3", "[0].ResourceAccess", "the key must be spelled resourceAccess"},

		// Not an application: a service principal, a collection, a list
		// of applications, a Tenant Governance element.
		{"az ad sp show", "{\n  \"accountEnabled\": true,\n  \"appId\": \"00000003-0000-0000-c000-000000000000\",\n  \"appRoles\": []\n}", manifest.ErrNotManifest, "2:3", "accountEnabled", "a service principal (it has accountEnabled), not an application: an app registration requests permissions in its application object, so export that with az ad app show --id APPID"},
		{"Graph service principal", `{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity", "appId": "a", "displayName": "x", "signInAudience": "AzureADMultipleOrgs"}`, manifest.ErrNotManifest, "1:2", "@odata.context", "a service principal (its @odata.context is https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity)"},
		{"service principal by type", `{"@odata.type": "#microsoft.graph.servicePrincipal", "requiredResourceAccess": []}`, manifest.ErrNotManifest, "1:2", "@odata.type", "a service principal (its @odata.type is #microsoft.graph.servicePrincipal)"},
		{"a user by type", `{"@odata.type": "#microsoft.graph.user", "displayName": "x"}`, manifest.ErrNotManifest, "1:2", "@odata.type", "a Microsoft Graph user (its @odata.type is #microsoft.graph.user), not an application"},
		{"Graph collection", "{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#applications\",\n  \"value\": [{\"appId\": \"a\", \"requiredResourceAccess\": []}]\n}", manifest.ErrNotManifest, "3:3", "value", "a Microsoft Graph collection response of applications (value holds 1 item), not one application: patch one item, such as value[0]"},
		{"Graph collection without context", `{"value": [{}, {}]}`, manifest.ErrNotManifest, "1:2", "value", "a Microsoft Graph collection response (value holds 2 items)"},
		{"az ad app list", `[{"appId": "a", "displayName": "x", "requiredResourceAccess": []}]`, manifest.ErrShape, "1:2", "[0]", "an application object, not a requiredResourceAccess entry: this is a list of applications (as az ad app list prints)"},
		{"Tenant Governance element", `{"displayName": "x", "requiredResourceAccesses": [{"resourceAppId": "a", "permissions": [{"id": "b", "name": "User.Read", "type": "scope"}]}]}`, manifest.ErrNotManifest, "1:22", "requiredResourceAccesses", "a Tenant Governance element"},
		{"a VS Code extension's package.json", `{"name": "x", "displayName": "X", "version": "1.0.0", "engines": {}}`, manifest.ErrNotManifest, "1:1", "", `its keys start "name", "displayName", "version", and "version" is not a member of an application`},

		// A member the package reads, spelled in another case, at any depth.
		{"SignInAudience", `{"requiredResourceAccess": [], "SignInAudience": "AzureADMyOrg"}`, manifest.ErrShape, "1:32", "SignInAudience", "the key must be spelled signInAudience"},
		{"signInAudience and its twin", `{"signInAudience": "AzureADMultipleOrgs", "SIGNINAUDIENCE": "AzureADMyOrg"}`, manifest.ErrShape, "1:43", "SIGNINAUDIENCE", "a mis-cased twin of signInAudience"},
		{"Web", `{"displayName": "x", "Web": {"redirectUris": []}, "api": {}}`, manifest.ErrShape, "1:22", "Web", "the key must be spelled web"},
		{"web.RedirectUris", `{"web": {"RedirectUris": ["https://a/"]}}`, manifest.ErrShape, "1:10", "web.RedirectUris", "the key must be spelled redirectUris"},
		{"web.redirectUris and its twin", `{"web": {"redirectUris": [], "redirecturis": ["https://a/"]}}`, manifest.ErrShape, "1:30", "web.redirecturis", "a mis-cased twin of redirectUris"},
		{"replyUrlsWithType URL", `{"name": "x", "replyUrlsWithType": [{"URL": "https://a/", "type": "Web"}]}`, manifest.ErrShape, "1:38", "replyUrlsWithType[0].URL", "the key must be spelled url"},
		{"requiredResourceAccess misspelled", "\n  {\"RequiredResourceAccess\": []}", manifest.ErrNotManifest, "2:4", "RequiredResourceAccess", "the key must be spelled requiredResourceAccess: property names are case-sensitive"},
		{"misspelled beside manifest keys", `{"signInAudience": "x", "RequiredResourceAccess": 1}`, manifest.ErrShape, "1:25", "RequiredResourceAccess", "the key must be spelled requiredResourceAccess: property names are case-sensitive"},
		{"misspelled beside shared keys", `{"displayName": "x", "RequiredResourceAccess": 1}`, manifest.ErrNotManifest, "1:22", "RequiredResourceAccess", "the key must be spelled requiredResourceAccess: property names are case-sensitive, so Microsoft Graph does not read RequiredResourceAccess"},
		{"mis-cased twin", "{\"requiredResourCeACCEss\":[],\n \"requiredResourceAccess\":[]}", manifest.ErrShape, "1:2", "requiredResourCeACCEss", "a mis-cased twin of requiredResourceAccess, which Microsoft Graph does not read"},
		{"mis-cased twin after", "{\"requiredResourceAccess\": [], \"requiredresourceaccess\": []}", manifest.ErrShape, "1:32", "requiredresourceaccess", "move what it holds into requiredResourceAccess and remove it"},
		{"truncated literal", `{"displayName": tru`, manifest.ErrSyntax, "1:20", "", "unexpected end of input in true"},
		{"tsconfig.json", "\n\n{\"compilerOptions\": {\"strict\": true}}", manifest.ErrNotManifest, "3:1", "", `not an app registration manifest`},
		{"package.json", `{"name": "calendar-sync", "version": "1.0.0", "description": "x", "tags": []}`, manifest.ErrNotManifest, "1:1", "", `its keys start "name", "version", "description", and "version" is not a member of an application. To patch a request body, add "requiredResourceAccess": [] to it`},
		{"shape error before not a manifest", `[{"resourceAppId": "a"}]`, manifest.ErrShape, "1:2", "[0]", "the entry has no resourceAccess"},
		{"first shape error wins", access(`{"id": 1, "type": "scope"}`), manifest.ErrShape, "1:113", "requiredResourceAccess[0].resourceAccess[0].id", "want a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.in)
			for op, err := range applyBoth(src) {
				if !errors.Is(err, tt.sentinel) {
					t.Fatalf("%s: error %v, want one wrapping %v", op, err, tt.sentinel)
				}
				checkError(t, src, err)
				var pos manifest.Position
				var path string
				var se *manifest.SyntaxError
				var she *manifest.ShapeError
				if errors.As(err, &se) {
					pos = se.Pos
				} else if errors.As(err, &she) {
					pos, path = she.Pos, she.Path
				}
				type place struct{ Pos, Path string }
				if diff := cmp.Diff(place{tt.pos, tt.path}, place{pos.String(), path}); diff != "" {
					t.Errorf("%s: position and path (-want +got):\n%s", op, diff)
				}
				if msg := err.Error(); !strings.HasPrefix(msg, pos.String()+": ") || !strings.Contains(msg, tt.msg) {
					t.Errorf("%s: message %q, want it to start with the position and contain %q", op, msg, tt.msg)
				}
			}
		})
	}
}

// TestHostileAccepted lists odd input that is valid JSON of the right shape:
// Read and Apply take it.
func TestHostileAccepted(t *testing.T) {
	one := func(app, id string, typ manifest.Type) manifest.Manifest {
		return manifest.Manifest{Container: manifest.ObjectMember, Present: true, Resources: []manifest.Resource{{
			ResourceAppID: app, ResourceAccess: []manifest.Access{{ID: id, Type: typ}},
		}}}
	}
	graph := "00000003-0000-0000-c000-000000000000"
	none := manifest.Manifest{Container: manifest.ObjectMember}
	tests := []struct {
		name, in string
		want     manifest.Manifest
	}{
		// The manifest package does not check identifiers: templates name
		// permissions instead of giving GUIDs.
		{"id not a GUID", access(`{"id": "not-a-guid", "type": "Scope"}`), one(graph, "not-a-guid", manifest.Scope)},
		{"names instead of GUIDs", rra(`{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}]}`), one("Microsoft Graph", "User.Read", manifest.Scope)},
		{"placeholder", rra(`{"resourceAppId": "${{GRAPH_ID}}", "resourceAccess": [{"id": "${{SCOPE_ID}}", "type": "Role"}]}`), one("${{GRAPH_ID}}", "${{SCOPE_ID}}", manifest.Role)},
		{"GUID in braces", access(`{"id": "{e1fe6dd8-ba31-4d61-89e7-88639da4683d}", "type": "Scope"}`), one(graph, "{e1fe6dd8-ba31-4d61-89e7-88639da4683d}", manifest.Scope)},
		{"GUID too short", access(`{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683", "type": "Scope"}`), one(graph, "e1fe6dd8-ba31-4d61-89e7-88639da4683", manifest.Scope)},
		{"empty id", access(`{"id": "", "type": "Scope"}`), one(graph, "", manifest.Scope)},

		// Lone surrogate escapes are JSON (RFC 8259 allows them). They
		// decode to U+FFFD, as encoding/json decodes them; in an id that
		// is a malformed value, read as it is, like any other name. Apply
		// keeps the escape's bytes.
		{"lone high surrogate in id", access(`{"id": "\ud800", "type": "Scope"}`), one(graph, "\uFFFD", manifest.Scope)},
		{"lone low surrogate in resourceAppId", rra(`{"resourceAppId": "\udc00x", "resourceAccess": []}`), manifest.Manifest{Container: manifest.ObjectMember, Present: true, Resources: []manifest.Resource{{ResourceAppID: "\uFFFDx", ResourceAccess: []manifest.Access{}}}}},
		{"lone surrogate elsewhere", `{"api": "\ud800\ud800", "\udfff": 1}`, none},
		{"surrogate pair", access(`{"id": "\ud83d\ude00", "type": "Scope"}`), one(graph, "\U0001F600", manifest.Scope)},
		{"escaped names", `{"required\u0052esourceAccess": [{"resource\u0041ppId": "a", "resource\u0041ccess": [{"\u0069d": "\u0062", "typ\u0065": "\u0053cope"}]}]}`, one("a", "b", manifest.Scope)},
		{"keys in alphabetical order, on several lines", "{\n  \"requiredResourceAccess\": [{\n    \"resourceAccess\": [\n      {\"id\": \"b\", \"type\": \"Scope\"}\n    ],\n    \"resourceAppId\": \"a\"\n  }]\n}", one("a", "b", manifest.Scope)},
		{"escaped slash and quote", access(`{"id": "a\/b\"c", "type": "Scope"}`), one(graph, `a/b"c`, manifest.Scope)},
		{"DEL and U+2028 raw in a string", access("{\"id\": \"a\x7f\u2028\", \"type\": \"Scope\"}"), one(graph, "a\x7f\u2028", manifest.Scope)},

		// Keys the package does not own may repeat; JSON leaves that open.
		{"repeated unrelated key", `{"a": 1, "a": 2, "requiredResourceAccess": null}`, none},
		{"repeated keys the package does not read", `{"displayName": "x", "web": {"homePageUrl": 1, "homePageUrl": 2}, "passwordCredentials": [{"hint": "a", "hint": "b"}]}`, none},
		{"repeated unknown key in a permission", access(`{"id": "a", "type": "Scope", "x": 1, "x": 2}`), one(graph, "a", manifest.Scope)},
		{"requiredResourceAccess below the top", `{"api": {"requiredResourceAccess": 1}}`, none},
		{"nested 1000 deep", `{"api": ` + strings.Repeat("[", 999) + strings.Repeat("]", 999) + `}`, none},
		{"numbers at the edges", `{"api": [0, -0, 1E400, -1e-400, 0.0e+0, 123456789012345678901234567890]}`, none},
		{"CR-only line endings", "{\r\t\"a\": 1,\r\t\"requiredResourceAccess\": []\r}", manifest.Manifest{Container: manifest.ObjectMember, Present: true}},
		{"BOM and CRLF", "\xEF\xBB\xBF[\r\n]\r\n", manifest.Manifest{Container: manifest.BareArray, Present: true}},
		{"BOM inside a string", "{\"api\": \"\xEF\xBB\xBF\"}", none},

		// Applications: a member only an application has, an explicit
		// type, or nothing at all (a new one).
		{"empty object", `{}`, none},
		{"request body with an audience", `{"displayName": "x", "signInAudience": "AzureADMyOrg"}`, none},
		{"request body that creates an application", `{"displayName": "x"}`, none},
		{"appId and displayName", `{"appId": "a", "displayName": "x", "tags": []}`, none},
		{"application by type", `{"@odata.type": "#microsoft.graph.application", "displayName": "x"}`, none},
		{"application by context", `{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications/$entity", "appId": "a"}`, none},
		{"legacy manifest by its members", `{"name": "x", "oauth2AllowImplicitFlow": false}`, none},
		{"a value member in an application", `{"api": {}, "value": []}`, none},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.in)
			got, err := manifest.Read(src)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty(), ignorePositions); diff != "" {
				t.Errorf("Read mismatch (-want +got):\n%s", diff)
			}
			checkPositions(t, src, got)
			for _, mode := range modes {
				out, _, err := manifest.Apply(src, calendarSet, manifest.Options{Mode: mode})
				if err != nil {
					t.Fatalf("Apply %v: %v", mode, err)
				}
				checkApply(t, src, out, calendarSet, mode)
				if mode == manifest.Merge && strings.Contains(tt.in, `\ud800`) && !bytes.Contains(out, []byte(`\ud800`)) {
					t.Errorf("merge lost the escape \\ud800:\n%s", out)
				}
			}
		})
	}
}

// TestTruncated cuts small manifests at every byte and requires a syntax
// error for each prefix, inside the prefix, from Read and Apply alike.
func TestTruncated(t *testing.T) {
	body := `{
  "displayName": "Calendar \"Sync\" \u00e9\\",
  "n": -1.5e+3, "t": true, "f": false, "z": null, "e": {}, "a": [],
  "requiredResourceAccess": [
    {
      "resourceAppId": "00000003-0000-0000-c000-000000000000",
      "resourceAccess": [
        { "id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope" }
      ]
    }
  ]
}`
	for _, full := range []string{
		body,
		"\xEF\xBB\xBF" + strings.ReplaceAll(body, "\n", "\r\n"),
		`[{"resourceAppId":"a","resourceAccess":[{"id":"b","type":"Role"}]}]`,
	} {
		if _, err := manifest.Read([]byte(full)); err != nil {
			t.Fatalf("the whole manifest: %v", err)
		}
		for n := range len(full) {
			src := []byte(full[:n])
			if json.Valid(bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))) {
				t.Fatalf("prefix %q is valid JSON", src)
			}
			errs := applyBoth(src)
			for op, err := range errs {
				var se *manifest.SyntaxError
				if !errors.As(err, &se) || se.Err != manifest.ErrSyntax {
					t.Fatalf("%s(%q): %v, want a *SyntaxError wrapping ErrSyntax", op, src, err)
				}
				checkError(t, src, err)
				if err.Error() != errs["Read"].Error() {
					t.Errorf("%s(%q): %v, but Read says %v", op, src, err, errs["Read"])
				}
			}
		}
	}
}

// TestHuge reads and applies to 100 MB manifests built in memory: each
// succeeds or fails cleanly. The race detector slows the scan down tenfold,
// so under it the inputs are 10 MB.
func TestHuge(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MB inputs")
	}
	size := 100 << 20
	if raceEnabled() {
		size = 10 << 20
		t.Logf("the race detector is on: %d MB inputs", size>>20)
	}
	tail := `,"requiredResourceAccess":[]}`
	for _, tt := range []struct {
		name string
		src  []byte
		err  error
	}{
		{"huge string", []byte(`{"blob":"` + strings.Repeat("a", size) + `"` + tail), nil},
		{"huge array", []byte(`{"blob":[` + strings.Repeat("1,", size/2) + `1]` + tail), nil},
		{"huge array, broken at the end", []byte(`{"blob":[` + strings.Repeat("1,", size/2) + `]` + tail), manifest.ErrSyntax},
		{"huge nesting", []byte(strings.Repeat("[", size)), manifest.ErrTooDeep},
		{"huge white space", []byte(strings.Repeat(" \n", size/2) + "{}"), nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := manifest.Read(tt.src)
			if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
				t.Fatalf("Read: %v, want %v", err, tt.err)
			}
			if err != nil {
				checkError(t, tt.src, err)
				return
			}
			out, rep, err := manifest.Apply(tt.src, calendarSet, manifest.Options{})
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if !rep.Changed || len(out) <= len(tt.src) {
				t.Errorf("Apply added nothing")
			}
			if !json.Valid(out) {
				t.Errorf("output is not valid JSON")
			}
		})
	}
}

func raceEnabled() bool {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" {
				return s.Value == "true"
			}
		}
	}
	return false
}

// TestWantNotUTF8 shows that Apply refuses wanted identifiers it could not
// write as JSON.
func TestWantNotUTF8(t *testing.T) {
	for i, want := range []manifest.Set{
		{{ResourceAppID: "a\xff", ResourceAccess: []manifest.Access{{ID: "b", Type: manifest.Scope}}}},
		{{ResourceAppID: "a", ResourceAccess: []manifest.Access{{ID: "User.Read\xc0", Type: manifest.Scope}}}},
	} {
		_, _, err := manifest.Apply([]byte(`{}`), want, manifest.Options{})
		if !errors.Is(err, manifest.ErrShape) || !strings.Contains(err.Error(), "not valid UTF-8") {
			t.Errorf("set %d: error %v, want a shape error saying the value is not valid UTF-8", i, err)
		}
	}
}
