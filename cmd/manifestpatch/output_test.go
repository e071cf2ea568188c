package main

import "testing"

// TestOutputsNamed: every --format a command offers has an output.
func TestOutputsNamed(t *testing.T) {
	for command, names := range outputNames {
		for _, name := range names {
			if outputs[name] == nil {
				t.Errorf("%s --format %s has no output", command, name)
			}
		}
	}
}
