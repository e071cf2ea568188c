package permissions

import (
	"fmt"
	"time"
)

// The dates Microsoft announced for the parts of the calendar-sync setup
// that moved under it. Findings and steps that depend on them are worded
// for a given day (LintOptions.Now, Profile.StepsFor), so a test can fix
// the day and a program uses today's.
var (
	// aadGraphEnd: extended access to Azure AD Graph ended; calls fail.
	aadGraphEnd = day(2025, 8, 31)
	// ewsPhaseOut: Exchange Online starts disabling EWS in phases; a
	// tenant that keeps it on lets only the app ids in EwsAllowedAppIDs
	// use it (MC1227454).
	ewsPhaseOut = day(2026, 10, 1)
	// ewsShutdown: EWS in Exchange Online ends for good, no exceptions.
	ewsShutdown = day(2027, 4, 1)
	// baselineCA: Conditional Access evaluates sign-ins that ask only for
	// baseline scopes against Azure AD Graph as the enforcement audience.
	baselineCA = day(2026, 6, 15)
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func ymd(t time.Time) string { return t.Format(time.DateOnly) }

// orNow returns t, or the current time when t is zero.
func orNow(t time.Time) time.Time {
	if t.IsZero() {
		return time.Now()
	}
	return t
}

// ewsStatus words where Exchange Web Services in Exchange Online stands on
// the day now, for a finding or a step.
func ewsStatus(now time.Time) string {
	switch {
	case now.Before(ewsPhaseOut):
		return fmt.Sprintf("Exchange Web Services in Exchange Online will be disabled in phases from %s unless the tenant allow-lists this app in EwsAllowedAppIDs, and shut down on %s with no exceptions (MC1227454)", ymd(ewsPhaseOut), ymd(ewsShutdown))
	case now.Before(ewsShutdown):
		return fmt.Sprintf("Exchange Web Services in Exchange Online is disabled in phases since %s unless the tenant allow-lists this app in EwsAllowedAppIDs; it ends for good on %s, with no exceptions (MC1227454)", ymd(ewsPhaseOut), ymd(ewsShutdown))
	}
	return fmt.Sprintf("no longer works: Exchange Web Services in Exchange Online was shut down on %s (MC1227454)", ymd(ewsShutdown))
}
