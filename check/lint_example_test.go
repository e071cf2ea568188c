package check_test

import (
	"fmt"
	"time"

	"github.com/manifestpatch/manifestpatch/check"
)

// With nothing wanted, Plan lints: it reports what is wrong with the
// manifest as it stands.
func ExamplePlan_lints() {
	src := []byte(`{
  "signInAudience": "AzureADMyOrg",
  "requiredResourceAccess": [
    {
      "resourceAppId": "00000003-0000-0000-c000-000000000000",
      "resourceAccess": [
        {"id": "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42", "type": "Scope"},
        {"id": "1ec239c2-d7c9-4623-a91a-a9775856bb36", "type": "Scope"}
      ]
    },
    {"resourceAppId": "00000002-0000-0ff1-ce00-000000000000", "resourceAccess": []}
  ]
}`)
	res, err := check.Plan(src, check.Want{}, check.Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		panic(err)
	}
	for _, f := range res.Findings {
		fmt.Printf("%s: %s: %s [%s]\n", f.Pos, f.Level, f.Msg, f.Code)
	}
	// Output:
	// 7:16: warning: Microsoft Graph Calendars.Read (delegated) is redundant: Calendars.ReadWrite, also listed, covers it; drop Calendars.Read [redundant]
	// 11:23: error: the entry for Office 365 Exchange Online has no permissions; Microsoft Graph rejects it ("requiredResourceAccess.resourceAccess value is required but is empty or missing"): apply removes it, or fills it with the wanted permissions of its resource [empty-access]
}

func ExampleLevel_Fails() {
	for _, l := range []check.Level{check.LevelNote, check.LevelWarning, check.LevelError} {
		fmt.Println(l, l.Fails(false), l.Fails(true))
	}
	// Output:
	// note false false
	// warning false true
	// error true true
}
