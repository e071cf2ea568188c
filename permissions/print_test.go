package permissions_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

var printSet = manifest.Set{
	{ResourceAppID: "00000003-0000-0000-C000-000000000000", ResourceAccess: []manifest.Access{
		{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope},
		{ID: "b633e1c5-b582-4048-a93e-9f11b44c7e96", Type: manifest.Role},
	}},
	{ResourceAppID: "Office 365 Exchange Online", ResourceAccess: []manifest.Access{{ID: "EAS.AccessAsUser.All", Type: manifest.Scope}}},
	// The same resource again, and a repeat: each is written once.
	{ResourceAppID: "graph", ResourceAccess: []manifest.Access{{ID: "User.Read", Type: manifest.Scope}, {ID: "openid", Type: manifest.Scope}}},
}

// TestPrint pins the PowerShell and Bicep formats, which no tool here can
// check, to the shapes their documentation gives (Update-MgApplication's
// -RequiredResourceAccess hashtables; Microsoft.Graph/applications'
// requiredResourceAccess). Terraform is the Example, and the command's
// tests run terraform fmt on it where Terraform is installed.
func TestPrint(t *testing.T) {
	cat := permissions.Builtin()
	for format, want := range map[string]string{
		"powershell": `# Microsoft Graph PowerShell: the app registration's requiredResourceAccess.
$requiredResourceAccess = @(
    @{
        ResourceAppId  = "00000003-0000-0000-c000-000000000000" # Microsoft Graph
        ResourceAccess = @(
            @{ Id = "e1fe6dd8-ba31-4d61-89e7-88639da4683d"; Type = "Scope" } # User.Read (delegated)
            @{ Id = "b633e1c5-b582-4048-a93e-9f11b44c7e96"; Type = "Role" } # Mail.Send (application)
            @{ Id = "37f7f235-527c-4136-accd-4a02d197296e"; Type = "Scope" } # openid (delegated)
        )
    }
    @{
        ResourceAppId  = "00000002-0000-0ff1-ce00-000000000000" # Office 365 Exchange Online
        ResourceAccess = @(
            @{ Id = "266d2589-20b5-4f91-9a03-89247d1be8da"; Type = "Scope" } # EAS.AccessAsUser.All (delegated)
        )
    }
)
# $applicationId is the application's object id (az ad app show --id APPID --query id).
Update-MgApplication -ApplicationId $applicationId -RequiredResourceAccess $requiredResourceAccess
`,
		"bicep": `// A property of resource 'Microsoft.Graph/applications@v1.0' (the Microsoft Graph Bicep extension).
requiredResourceAccess: [
  {
    resourceAppId: '00000003-0000-0000-c000-000000000000' // Microsoft Graph
    resourceAccess: [
      {
        id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d' // User.Read (delegated)
        type: 'Scope'
      }
      {
        id: 'b633e1c5-b582-4048-a93e-9f11b44c7e96' // Mail.Send (application)
        type: 'Role'
      }
      {
        id: '37f7f235-527c-4136-accd-4a02d197296e' // openid (delegated)
        type: 'Scope'
      }
    ]
  }
  {
    resourceAppId: '00000002-0000-0ff1-ce00-000000000000' // Office 365 Exchange Online
    resourceAccess: [
      {
        id: '266d2589-20b5-4f91-9a03-89247d1be8da' // EAS.AccessAsUser.All (delegated)
        type: 'Scope'
      }
    ]
  }
]
`,
	} {
		out, err := cat.Print(printSet, format)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if diff := cmp.Diff(want, string(out)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", format, diff)
		}
	}
	if _, err := cat.Print(printSet, "yaml"); err == nil || !strings.Contains(err.Error(), "manifest, az, powershell, terraform, bicep") {
		t.Errorf("an unknown format: %v", err)
	}
	// A name the catalog cannot resolve cannot be written as a GUID.
	bad := manifest.Set{{ResourceAppID: "graph", ResourceAccess: []manifest.Access{{ID: "User.Raed", Type: manifest.Scope}}}}
	if _, err := cat.Print(bad, "bicep"); err == nil || !strings.Contains(err.Error(), `"User.Raed"`) {
		t.Errorf("an unknown name: %v", err)
	}
}

// TestPrintComments: a name from an export cannot end the comment it is
// written in, which would make the rest of it code.
func TestPrintComments(t *testing.T) {
	ex, err := permissions.ParseExport([]byte(`{"appId": "22222222-3333-4444-5555-666666666666",
"displayName": "Contoso\u202e\nresource \"null_resource\" \"x\" {}\n",
"oauth2PermissionScopes": [{"id": "bbbbbbbb-cccc-dddd-eeee-ffffffffffff", "value": "Things.Read", "type": "User", "isEnabled": true}]}`))
	if err != nil {
		t.Fatal(err)
	}
	cat := permissions.Builtin().With(ex)
	set := manifest.Set{{ResourceAppID: "22222222-3333-4444-5555-666666666666", ResourceAccess: []manifest.Access{{ID: "bbbbbbbb-cccc-dddd-eeee-ffffffffffff", Type: manifest.Scope}}}}
	for _, format := range []string{"powershell", "terraform", "bicep"} {
		out, err := cat.Print(set, format)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "resource \"null_resource\"") || strings.ContainsRune(line, 0x202e) {
				t.Errorf("%s: a name became code:\n%s", format, out)
			}
		}
	}
}
