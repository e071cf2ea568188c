package permissions_test

import (
	"fmt"
	"os"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// A set given by name, as Teams Toolkit templates write it, printed as
// Terraform for the azuread provider: GUIDs, each named in a comment.
func ExampleCatalog_Print() {
	set := manifest.Set{{ResourceAppID: "Microsoft Graph", ResourceAccess: []manifest.Access{
		{ID: "User.Read", Type: manifest.Scope},
		{ID: "Mail.Send", Type: manifest.Role},
	}}}
	out, err := permissions.Builtin().Print(set, "terraform")
	if err != nil {
		fmt.Println(err)
		return
	}
	os.Stdout.Write(out)
	// Output:
	// # Inside resource "azuread_application" (the azuread provider).
	// required_resource_access {
	//   resource_app_id = "00000003-0000-0000-c000-000000000000" # Microsoft Graph
	//
	//   resource_access {
	//     id   = "e1fe6dd8-ba31-4d61-89e7-88639da4683d" # User.Read (delegated)
	//     type = "Scope"
	//   }
	//
	//   resource_access {
	//     id   = "b633e1c5-b582-4048-a93e-9f11b44c7e96" # Mail.Send (application)
	//     type = "Role"
	//   }
	// }
}

func ExamplePrintFormats() {
	fmt.Println(permissions.PrintFormats())
	// Output: [manifest az powershell terraform bicep]
}
