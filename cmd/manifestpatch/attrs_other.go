//go:build !linux

package main

// keepAttrs does nothing outside Linux: the syscall package reads no
// extended attributes or access control lists there, and the README says
// that a replacement does not keep them.
func keepAttrs(tmp, path string) error { return nil }
