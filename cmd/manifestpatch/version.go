package main

import (
	"runtime/debug"
	"strings"
)

// releaseVersion is the version a release build stamps in at link time
// (-ldflags "-X main.releaseVersion=v1.2.0"; see .goreleaser.yaml). Other
// builds leave it empty and take the version from the build information.
var releaseVersion string

// version returns what --version prints: the release's or the module's
// version and, when the binary was built in a version-controlled checkout,
// the commit and whether the work tree had uncommitted changes.
func version() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(releaseVersion, bi)
}

// versionOf describes the build bi (nil when the binary has no build
// information), whose version stamped at link time is stamped.
//
//	go install …@v1.2.0                    v1.2.0
//	go build in a clone (Go 1.24 or later) v0.0.0-20261126115500-296822a1b2c3+dirty (commit 296822a1b2c3, modified)
//	a release build                        v1.2.0 (commit 296822a1b2c3)
//	go build -buildvcs=false               (devel) (no commit recorded: built outside version control or with -buildvcs=false)
func versionOf(stamped string, bi *debug.BuildInfo) string {
	v := stamped
	if v == "" && bi != nil {
		v = bi.Main.Version
	}
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	if bi != nil {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
	}
	switch {
	case rev != "":
		if len(rev) > 12 {
			rev = rev[:12] // as in pseudo-versions
		}
		var b strings.Builder
		b.WriteString(v + " (commit " + rev)
		if modified == "true" {
			b.WriteString(", modified")
		}
		b.WriteString(")")
		return b.String()
	case v == "(devel)":
		// Built from a work tree without recording where it came from.
		return v + " (no commit recorded: built outside version control or with -buildvcs=false)"
	default:
		// A module version (go install …@version) names the source.
		return v
	}
}
