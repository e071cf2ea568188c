// Package profile holds what a vendor's setup needs of an app registration:
// the built-in profiles (Default, Lookup, All), each a set of permissions
// given by resource, name and type, an audience and a redirect URI.
// Profile.Want turns one into the check package's Want for an agency;
// StepsFor words the whole setup, online steps included, for a manifest and
// a day; AdminConsentURL gives the link an administrator follows to
// consent. A repository's Policy (ParsePolicy) says which profiles and
// limits apply to each of its manifests by path, and gives each manifest
// its planner.
package profile
