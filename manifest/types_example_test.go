package manifest_test

import (
	"fmt"

	"github.com/manifestpatch/manifestpatch/manifest"
)

func ExampleIsGUID() {
	fmt.Println(manifest.IsGUID("E1FE6DD8-BA31-4D61-89E7-88639DA4683D"), manifest.IsGUID("User.Read"))
	// Output:
	// true false
}

func ExampleParseMode() {
	m, err := manifest.ParseMode("overwrite")
	fmt.Println(m, err)
	_, err = manifest.ParseMode("replace")
	fmt.Println(err)
	// Output:
	// overwrite <nil>
	// manifest: unknown mode "replace"; want merge or overwrite
}

func ExamplePermission_Equal() {
	p := manifest.Permission{ResourceAppID: "00000003-0000-0000-C000-000000000000", ID: "E1FE6DD8-BA31-4D61-89E7-88639DA4683D", Type: manifest.Scope}
	q := manifest.Permission{ResourceAppID: "00000003-0000-0000-c000-000000000000", ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}
	fmt.Println(p.Equal(q))
	q.Type = manifest.Role
	fmt.Println(p.Equal(q)) // one id can be a Scope and a Role: they differ
	// Output:
	// true
	// false
}

func ExampleSet_Permissions() {
	set := manifest.Set{
		{ResourceAppID: "00000003-0000-0000-c000-000000000000", ResourceAccess: []manifest.Access{
			{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope},
			{ID: "E1FE6DD8-BA31-4D61-89E7-88639DA4683D", Type: manifest.Scope}, // the same, again
		}},
	}
	fmt.Println(len(set.Permissions()))
	// Output:
	// 1
}

func ExampleType_Valid() {
	fmt.Println(manifest.Scope.Valid(), manifest.Type("scope").Valid())
	// Output:
	// true false
}

func ExampleSetup_Audience() {
	m, _ := manifest.Read([]byte(`{"name": "legacy", "availableToOtherTenants": true}`))
	fmt.Println(m.Setup.Audience())
	// Output:
	// AzureADMultipleOrgs
}

func ExampleSetup_AudienceSource() {
	m, _ := manifest.Read([]byte(`{"name": "legacy", "availableToOtherTenants": false}`))
	fmt.Println(m.Setup.AudienceSource())
	// Output:
	// availableToOtherTenants false
}

func ExamplePermission_Fold() {
	p := manifest.Permission{ResourceAppID: "00000003-0000-0000-C000-000000000000", ID: "E1FE6DD8-BA31-4D61-89E7-88639DA4683D", Type: manifest.Scope}
	fmt.Println(p.Fold())
	fmt.Println(p.Fold() == manifest.Permission{ResourceAppID: "00000003-0000-0000-c000-000000000000", ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope})
	// Output:
	// {00000003-0000-0000-c000-000000000000 e1fe6dd8-ba31-4d61-89e7-88639da4683d Scope}
	// true
}

func ExampleAudienceOf() {
	for _, v := range []string{"AzureADMultipleOrgs", "AzureADAndPersonalMicrosoftAccount", "Everyone"} {
		fmt.Printf("%s: %v\n", v, manifest.AudienceOf(v))
	}
	// Output:
	// AzureADMultipleOrgs: accounts in any organizational directory
	// AzureADAndPersonalMicrosoftAccount: accounts in any organizational directory and personal Microsoft accounts
	// Everyone: no accounts
}

// An audience is never narrowed: what admits both a manifest's personal
// accounts and the wanted organizational ones is the audience Apply sets.
func ExampleAccounts_Audience() {
	both := manifest.AudienceOf(manifest.PersonalMicrosoftAccount) | manifest.AudienceOf(manifest.AzureADMultipleOrgs)
	fmt.Println(both.Audience())
	fmt.Println(manifest.AudienceOf(manifest.AzureADMyOrg).Audience())
	// Output:
	// AzureADandPersonalMicrosoftAccount
	// AzureADMyOrg
}

func ExampleAccounts_Personal() {
	fmt.Println(manifest.AudienceOf(manifest.AzureADandPersonalMicrosoftAccount).Personal())
	fmt.Println(manifest.AudienceOf(manifest.AzureADMultipleOrgs).Personal())
	// Output:
	// true
	// false
}

func ExampleType_Other() {
	fmt.Println(manifest.Scope.Other(), manifest.Role.Other())
	// Output:
	// Role Scope
}
