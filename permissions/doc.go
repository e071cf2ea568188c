// Package permissions knows the permissions of Microsoft's resource
// applications by name and GUID, offline, and the built-in sets of
// permissions (profiles) an app registration may need, such as
// calendar-sync.
//
// The catalog is a set of static, sorted tables compiled into the package:
// nothing is built when the program starts or on the first lookup. A
// Catalog refreshed with With(exports...) from the user's own service
// principal exports layers those over the built-in tables. Callers get
// copies; nothing exported can change the package's data.
//
// Plan is the package's main entry point: for a manifest and what is
// wanted (a profile's Want, or a set) it plans the edits that make the
// manifest right and reports every finding about it. Applying is writing
// Result.Output; checking is asking Result.OK. The two cannot disagree.
package permissions
