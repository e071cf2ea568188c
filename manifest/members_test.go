package manifest

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAddMemberCreatesParentOnce: two planners that each add a member to
// the same object share it, whether the document lacks the object, has
// null, or has one: the output never holds two "web" members.
func TestAddMemberCreatesParentOnce(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"displayName": "x", "appId": "a"}`, `{"displayName": "x", "appId": "a", "web": {"redirectUris": ["https://a/"], "logoutUrl": "https://b/"}}`},
		{`{"displayName": "x", "appId": "a", "web": null}`, `{"displayName": "x", "appId": "a", "web": {"redirectUris": ["https://a/"], "logoutUrl": "https://b/"}}`},
		{`{"displayName": "x", "appId": "a", "web": {"homePageUrl": "h", "logo": "l"}}`, `{"displayName": "x", "appId": "a", "web": {"homePageUrl": "h", "logo": "l", "redirectUris": ["https://a/"], "logoutUrl": "https://b/"}}`},
	}
	for _, tt := range tests {
		d, err := parse([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		d.addMember(pathWeb, newMember{"redirectUris", arrayWriter(stringWriter("https://a/"))})
		d.addMember("", newMember{pathAudience, stringWriter(AzureADMultipleOrgs)})
		d.addMember(pathWeb, newMember{"logoutUrl", stringWriter("https://b/")})
		out := string(d.splice([]byte(tt.in), d.memberEdits()))
		d.release()
		// The audience goes in the top-level object, before a new web.
		want := strings.Replace(tt.want, `"appId": "a"`, `"appId": "a", "signInAudience": "AzureADMultipleOrgs"`, 1)
		if strings.Contains(tt.in, `"web"`) {
			want = strings.TrimSuffix(tt.want, "}") + `, "signInAudience": "AzureADMultipleOrgs"}`
		}
		if out != want {
			t.Errorf("%s:\n got %s\nwant %s", tt.in, out, want)
		}
		if !json.Valid([]byte(out)) || strings.Count(out, `"web"`) != 1 {
			t.Errorf("%s: %s is not valid JSON with one web", tt.in, out)
		}
	}
}
