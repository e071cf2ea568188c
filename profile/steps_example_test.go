package profile_test

import (
	"fmt"
	"time"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/profile"
)

func ExampleProfile_StepsFor() {
	setup, err := manifest.ReadSetup([]byte(`{"appId": "3c9d7e21-4a5b-4c6d-8e9f-a0b1c2d3e4f5", "displayName": "Calendar sync"}`))
	if err != nil {
		panic(err)
	}
	day := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for i, st := range profile.Default().StepsFor(setup, nil, day) {
		fmt.Printf("%d. [%s] %s\n", i+1, st.ID, st.Title)
		for _, c := range st.Commands {
			fmt.Printf("     %s\n", c)
		}
	}
	// Output:
	// 1. [create] Create the app registration in the Entra admin center (or with az ad app create) and download its manifest
	// 2. [audience] Accept accounts in any organizational directory (multi-tenant)
	// 3. [redirect-uri] Add the Web redirect URI https://<agency>.sensehq.com/settings/calendar-sync/auth-result
	// 4. [permissions] Request the nine delegated permissions
	// 5. [upload] Upload the manifest (paste it into the manifest editor, or az ad app update)
	// 6. [consent] Grant tenant-wide admin consent: an administrator must consent for the organization
	// 7. [ews-allow-list] Allow the app to use EWS: add its application (client) id to the tenant's EwsAllowedAppIDs (Exchange Online PowerShell)
	//      Connect-ExchangeOnline
	//      Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Format-List EwsEnabled, EwsAllowedAppIDs
	//      $current = Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Select-Object -ExpandProperty EwsAllowedAppIDs
	//      $ids = @((@($current) -join ',') -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
	//      if ($ids -notcontains '3c9d7e21-4a5b-4c6d-8e9f-a0b1c2d3e4f5') { Set-OrganizationConfig -EwsAllowedAppIDs ((@($ids) + '3c9d7e21-4a5b-4c6d-8e9f-a0b1c2d3e4f5') -join ',') }
	//      Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Format-List EwsEnabled, EwsAllowedAppIDs
	// 8. [secret] Create a client secret with a 24-month expiry and give it to the vendor
	// 9. [service-account] Create the service account mailbox and assign its Exchange role
}
