package manifest_test

import (
	"errors"
	"fmt"

	"github.com/manifestpatch/manifestpatch/manifest"
)

var graphUserRead = manifest.Set{{
	ResourceAppID:  "00000003-0000-0000-c000-000000000000",
	ResourceAccess: []manifest.Access{{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}},
}}

func ExampleApply() {
	src := []byte(`{
	"displayName": "Calendar Sync",
	"requiredResourceAccess": []
}`)
	out, report, err := manifest.Apply(src, graphUserRead, manifest.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	fmt.Println(len(report.Added), "added")
	// Output:
	// {
	// 	"displayName": "Calendar Sync",
	// 	"requiredResourceAccess": [
	// 		{
	// 			"resourceAppId": "00000003-0000-0000-c000-000000000000",
	// 			"resourceAccess": [
	// 				{
	// 					"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
	// 					"type": "Scope"
	// 				}
	// 			]
	// 		}
	// 	]
	// }
	// 1 added
}

func ExampleApply_merge() {
	// Existing entries keep their bytes, one-line objects included; new
	// ones copy their style.
	src := []byte(`{"requiredResourceAccess": [
  {"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [
    { "id": "37f7f235-527c-4136-accd-4a02d197296e", "type": "Scope" }
  ]}
]}`)
	out, _, err := manifest.Apply(src, graphUserRead, manifest.Options{Mode: manifest.Merge})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	// Output:
	// {"requiredResourceAccess": [
	//   {"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [
	//     { "id": "37f7f235-527c-4136-accd-4a02d197296e", "type": "Scope" },
	//     { "id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope" }
	//   ]}
	// ]}
}

func ExampleApply_overwrite() {
	src := []byte(`[{"resourceAppId":"00000003-0000-0000-c000-000000000000","resourceAccess":[{"id":"df021288-bdef-4463-88db-98f22de89214","type":"Role"}]}]`)
	out, report, err := manifest.Apply(src, graphUserRead, manifest.Options{Mode: manifest.Overwrite})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	fmt.Println("removed:", report.Removed[0].ID, report.Removed[0].Type)
	// Output:
	// [{"resourceAppId":"00000003-0000-0000-c000-000000000000","resourceAccess":[{"id":"e1fe6dd8-ba31-4d61-89e7-88639da4683d","type":"Scope"}]}]
	// removed: df021288-bdef-4463-88db-98f22de89214 Role
}

func ExampleRead() {
	m, err := manifest.Read([]byte(`{"requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000",
	"resourceAccess": [{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope"}]}]}`))
	if err != nil {
		panic(err)
	}
	for _, r := range m.Resources {
		for _, a := range r.ResourceAccess {
			fmt.Println(r.ResourceAppID, a.ID, a.Type)
		}
	}
	// Output:
	// 00000003-0000-0000-c000-000000000000 e1fe6dd8-ba31-4d61-89e7-88639da4683d Scope
}

func ExampleShapeError() {
	_, err := manifest.Read([]byte(`{"requiredResourceAccess": [{"resourceAppId": "x", "resourceAccess": [{"id": "y", "type": "scope"}]}]}`))
	var shape *manifest.ShapeError
	if errors.As(err, &shape) {
		fmt.Println(shape.Path)
		fmt.Println(shape.Pos)
	}
	fmt.Println(errors.Is(err, manifest.ErrShape))
	// Output:
	// requiredResourceAccess[0].resourceAccess[0].type
	// 1:91
	// true
}

func ExampleSyntaxError() {
	_, err := manifest.Read([]byte("{\n  // the permissions\n  \"requiredResourceAccess\": []\n}"))
	fmt.Println(err)
	fmt.Println(errors.Is(err, manifest.ErrComment))
	// Output:
	// 2:3: comment: JSON does not allow comments; remove it (the portal and Microsoft Graph reject it)
	// true
}

func ExampleRewrite() {
	// A template names its permissions; Rewrite puts in the GUIDs and
	// touches nothing else.
	src := []byte(`{"requiredResourceAccess": [{"resourceAppId": "Microsoft Graph",
  "resourceAccess": [{"id": "User.Read", "type": "Scope"}]}]}`)
	names := map[string]string{
		"Microsoft Graph": "00000003-0000-0000-c000-000000000000",
		"User.Read":       "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
	}
	out, err := manifest.Rewrite(src, func(p manifest.Permission) manifest.Permission {
		if id, ok := names[p.ResourceAppID]; ok {
			p.ResourceAppID = id
		}
		if id, ok := names[p.ID]; ok {
			p.ID = id
		}
		return p
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	// Output:
	// {"requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000",
	//   "resourceAccess": [{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope"}]}]}
}

func ExampleOptions_canonical() {
	// A document that names a permission satisfies a wanted set of GUIDs
	// when Canonical maps the names.
	src := []byte(`[{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}]}]`)
	canon := func(p manifest.Permission) manifest.Permission {
		if p.ResourceAppID == "Microsoft Graph" {
			p.ResourceAppID = "00000003-0000-0000-c000-000000000000"
		}
		if p.ID == "User.Read" {
			p.ID = "e1fe6dd8-ba31-4d61-89e7-88639da4683d"
		}
		return p
	}
	_, report, err := manifest.Apply(src, graphUserRead, manifest.Options{Canonical: canon})
	if err != nil {
		panic(err)
	}
	fmt.Println(report.Changed)
	// Output: false
}

func ExampleReadSetup() {
	src := []byte(`{
    "displayName": "Calendar Sync",
    "signInAudience": "AzureADMyOrg",
    "passwordCredentials": [
        {"displayName": "ci", "endDateTime": "2026-12-01T00:00:00Z", "hint": "abc", "keyId": "0e1d", "secretText": null}
    ],
    "web": {"redirectUris": ["https://example.com/auth"]}
}`)
	s, err := manifest.ReadSetup(src)
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Schema, s.SignInAudience)
	for _, u := range s.RedirectURIs {
		fmt.Println(u.Pos, u.Path, u.URI)
	}
	for _, c := range s.Credentials {
		fmt.Println(c.Pos, c.Path, c.Kind, c.DisplayName, c.End)
	}
	// Output:
	// Microsoft Graph app manifest AzureADMyOrg
	// 7:30 web.redirectUris[0] https://example.com/auth
	// 5:46 passwordCredentials[0].endDateTime password ci 2026-12-01T00:00:00Z
}

func ExampleReadSnippet() {
	// The setup guide prints the list as a member, and people store it so,
	// trailing comma and all. Read refuses it; ReadSnippet reads it.
	src := []byte(`"requiredResourceAccess": [
    {
        "resourceAppId": "00000003-0000-0000-c000-000000000000",
        "resourceAccess": [{"id": "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "type": "Scope"}]
    }
],
`)
	_, err := manifest.Read(src)
	fmt.Println(errors.Is(err, manifest.ErrSnippet))
	m, err := manifest.ReadSnippet(src)
	if err != nil {
		panic(err)
	}
	for i, r := range m.Resources {
		for j, a := range r.ResourceAccess {
			fmt.Println(m.Positions[i].IDs[j], r.ResourceAppID, a.ID, a.Type)
		}
	}
	// Output:
	// true
	// 4:35 00000003-0000-0000-c000-000000000000 e1fe6dd8-ba31-4d61-89e7-88639da4683d Scope
}

func ExampleSetup_Admits() {
	// A legacy manifest whose flag disagrees with its audience: the
	// audience decides, and it admits any organizational directory.
	s, err := manifest.ReadSetup([]byte(`{"name": "x", "signInAudience": "AzureADandPersonalMicrosoftAccount", "availableToOtherTenants": false}`))
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Audience(), s.AudienceConflict)
	fmt.Println(s.Admits(manifest.AzureADMultipleOrgs), s.Admits(manifest.AzureADMyOrg))

	// Apply follows the same rule, and says what the audience was.
	_, rep, err := manifest.Apply([]byte(`{"name": "x", "availableToOtherTenants": false}`), nil,
		manifest.Options{Settings: manifest.Settings{SignInAudience: manifest.AzureADMultipleOrgs}})
	if err != nil {
		panic(err)
	}
	c, changed := rep.Change(manifest.PathSignInAudience)
	fmt.Printf("sign-in audience was %s; changed: %v\n", c.Was, changed)
	// Output:
	// AzureADandPersonalMicrosoftAccount true
	// true true
	// sign-in audience was availableToOtherTenants false; changed: true
}

func ExampleSyntaxError_Position() {
	_, err := manifest.Read([]byte("{\n  \"requiredResourceAccess\": [,]\n}"))
	var se *manifest.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Position().Line, se.Position().Column)
	}
	// Output:
	// 2 30
}

// A caller that knows the file's name writes it before the error, as
// compilers do; Positioned finds the position whatever the error's type.
func ExampleShapeError_Position() {
	_, err := manifest.Read([]byte(`{"requiredResourceAccess": {}}`))
	var pe manifest.Positioned
	if errors.As(err, &pe) {
		fmt.Printf("app.json:%v\n", pe)
		fmt.Println(pe.Position())
	}
	// Output:
	// app.json:1:28: requiredResourceAccess: want an array, got an object
	// 1:28
}

func ExampleReport_Change() {
	_, rep, err := manifest.Apply([]byte(`{"name": "x", "signInAudience": "AzureADMyOrg"}`), nil,
		manifest.Options{Settings: manifest.Settings{SignInAudience: manifest.AzureADMultipleOrgs, RedirectURIs: []string{"https://example.com/auth"}}})
	if err != nil {
		panic(err)
	}
	for _, c := range rep.Changes {
		fmt.Printf("%s: %q -> %q\n", c.Path, c.Was, c.Now)
	}
	c, _ := rep.Change(manifest.PathSignInAudience)
	fmt.Println(c.Now)
	// Output:
	// signInAudience: "AzureADMyOrg" -> "AzureADMultipleOrgs"
	// web.redirectUris: "" -> "https://example.com/auth"
	// AzureADMultipleOrgs
}

// PositionAt words an offset as errors do, for another JSON file.
func ExamplePositionAt() {
	src := []byte("{\n  \"overrides\": 1\n}\n")
	fmt.Println(manifest.PositionAt(src, 17))
	// Output:
	// 2:16
}

// Settings joined: a value the second sets replaces the first's, and the
// lists are joined.
func ExampleSettings_Join() {
	profile := manifest.Settings{SignInAudience: manifest.AzureADMyOrg, RedirectURIs: []string{"https://acme.example/auth"}}
	flags := manifest.Settings{SignInAudience: manifest.AzureADMultipleOrgs, RedirectURIs: []string{"http://localhost:8400/"}}
	s := profile.Join(flags)
	fmt.Println(s.SignInAudience)
	fmt.Println(s.RedirectURIs)
	// Output:
	// AzureADMultipleOrgs
	// [https://acme.example/auth http://localhost:8400/]
}
