// Package retirement holds the dates Microsoft announced for the parts of
// the calendar-sync setup that moved under it, and their wording. The
// checks and the profiles' setup steps both read them, worded for a given
// day (check.Options.Now, Profile.StepsFor), so a test can fix the day and a
// program uses today's.
package retirement

import (
	"fmt"
	"sync"
	"time"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

var (
	// AADGraphEnd: extended access to Azure AD Graph ended; calls fail.
	AADGraphEnd = Day(2025, 8, 31)
	// EWSPhaseOut: Exchange Online starts disabling EWS in phases; a
	// tenant that keeps it on lets only the app ids in EwsAllowedAppIDs
	// use it (MC1227454).
	EWSPhaseOut = Day(2026, 10, 1)
	// EWSShutdown: EWS in Exchange Online ends for good, no exceptions.
	EWSShutdown = Day(2027, 4, 1)
	// BaselineCA: Conditional Access evaluates sign-ins that ask only for
	// baseline scopes against Azure AD Graph as the enforcement audience.
	BaselineCA = Day(2026, 6, 15)
)

// Day is midnight UTC of the date.
func Day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// YMD words t as 2006-01-02.
func YMD(t time.Time) string { return t.Format(time.DateOnly) }

// OrNow returns t, or the current time when t is zero.
func OrNow(t time.Time) time.Time {
	if t.IsZero() {
		return time.Now()
	}
	return t
}

// EWS lists the Exchange Web Services permissions, canonical.
var EWS = map[manifest.Permission]bool{
	{ResourceAppID: permissions.ExchangeOnlineID, ID: "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", Type: manifest.Scope}: true, // EWS.AccessAsUser.All
	{ResourceAppID: permissions.ExchangeOnlineID, ID: "dc890d15-9560-4a4c-9b7f-a736ec74ec40", Type: manifest.Role}:  true, // full_access_as_app
	{ResourceAppID: permissions.MicrosoftGraphID, ID: "9769c687-087d-48ac-9cb3-c37dde652038", Type: manifest.Scope}: true, // EWS.AccessAsUser.All
}

// GraphCalendarSync names the built-in profile of calendar sync over
// Microsoft Graph alone, which the ews-retired lint points to.
const GraphCalendarSync = "calendar-sync-graph"

// EWSReplacements are the Microsoft Graph delegated permissions that
// replace EWS.AccessAsUser.All for a calendar sync, from the classification
// data's map of the EWS operations such a sync uses to the Graph calls that
// replace them (ews-calendar-to-graph-least-privilege.json):
// Calendars.ReadWrite.Shared for events in the calendars shared with or
// delegated to the signed-in user, read and written (FindItem, GetItem,
// CreateItem, UpdateItem, DeleteItem, SyncFolderItems on calendars; the
// data marks the plain Calendars permissions least privileged for a user's
// own calendar, and the .Shared form is what a delegated app needs for
// another's), and MailboxSettings.Read, the least privileged for the
// automatic-reply settings (GetUserOofSettings). The GraphCalendarSync
// profile asks for them.
// Their names are written out, so that nothing looks the catalog up as the
// program starts; the profile's test checks them against it.
var EWSReplacements = []Replacement{
	{manifest.Permission{ResourceAppID: permissions.MicrosoftGraphID, ID: "12466101-c9b8-439a-8589-dd09ee67e8e9", Type: manifest.Scope}, "Calendars.ReadWrite.Shared"},
	{manifest.Permission{ResourceAppID: permissions.MicrosoftGraphID, ID: "87f447af-9fa4-4c32-9dfa-4a57a73d18ce", Type: manifest.Scope}, "MailboxSettings.Read"},
}

// A Replacement is a Microsoft Graph permission that replaces a retired
// one, with its name.
type Replacement struct {
	manifest.Permission
	Name string
}

// EWSStatus words where Exchange Web Services in Exchange Online stands on
// the day now, for a finding or a step.
func EWSStatus(now time.Time) string {
	w := ewsWords()
	switch {
	case now.Before(EWSPhaseOut):
		return w[0]
	case now.Before(EWSShutdown):
		return w[1]
	}
	return w[2]
}

// ewsWords are EWSStatus's words before the phase-out, during it and after
// the shutdown, worded once: a check words them for every manifest that
// lists EWS.
var ewsWords = sync.OnceValue(func() [3]string {
	return [3]string{
		fmt.Sprintf("Exchange Web Services in Exchange Online will be disabled in phases from %s unless the tenant allow-lists this app in EwsAllowedAppIDs, and shut down on %s with no exceptions (MC1227454)", YMD(EWSPhaseOut), YMD(EWSShutdown)),
		fmt.Sprintf("Exchange Web Services in Exchange Online is disabled in phases since %s unless the tenant allow-lists this app in EwsAllowedAppIDs; it ends for good on %s, with no exceptions (MC1227454)", YMD(EWSPhaseOut), YMD(EWSShutdown)),
		fmt.Sprintf("no longer works: Exchange Web Services in Exchange Online was shut down on %s (MC1227454)", YMD(EWSShutdown)),
	}
})
