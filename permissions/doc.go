// Package permissions knows the permissions Microsoft's resource
// applications publish, by name and GUID, offline: Microsoft Graph in full,
// and the other first-party resources as far as their published data goes.
//
// Everything is reached through a *Catalog: Builtin() is the catalog
// compiled into the package, and Builtin().With(exports...) layers the
// user's own service principal exports (ParseExport) over it. A catalog
// looks permissions up (Lookup, LookupValue, LookupResource), resolves what a user
// or a template writes (ParsePermission, Resolve, ResolveSet, Canonical),
// words a permission (Describe, DescribeAll), answers a question (Query),
// says who can consent (ConsentFor) and prints a set for other tools
// (Print).
//
// The built-in catalog is a set of static, sorted tables: nothing is built
// when the program starts or on the first lookup. Callers get copies;
// nothing exported can change the package's data. An export may add
// permissions and resources, and refresh an entry it agrees with, but never
// relabel one the catalog knows (Catalog.Conflicts says where it tried).
package permissions
