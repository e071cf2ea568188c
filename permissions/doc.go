// Package permissions knows the permissions of Microsoft's resource
// applications by name and GUID, offline, and the built-in sets of
// permissions (profiles) an app registration may need, such as
// calendar-sync.
//
// The catalog is a table compiled into the package: a program that never
// looks a name up does no work for it, and the first lookup builds its index
// in well under a millisecond. Callers get copies; nothing exported can
// change the package's data.
package permissions
