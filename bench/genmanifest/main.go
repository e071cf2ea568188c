// Command genmanifest writes a synthetic app registration manifest of about
// the given size, the same bytes internal/synth gives the Go benchmarks.
//
//	genmanifest [-many] BYTES FILE
//
// BYTES may end in K or M (KiB, MiB): genmanifest 10M large.json. With
// -many the manifest is almost all tiny permissions (synth.ManyPermissions),
// the worst case for memory.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/manifestpatch/manifestpatch/internal/synth"
)

func main() {
	args := os.Args[1:]
	gen := synth.Manifest
	if len(args) > 0 && args[0] == "-many" {
		args, gen = args[1:], synth.ManyPermissions
	}
	if len(args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genmanifest [-many] BYTES FILE")
		os.Exit(2)
	}
	size, err := parseSize(args[0])
	if err != nil {
		fmt.Fprintf(os.Stderr, "genmanifest: %v\n", err)
		os.Exit(2)
	}
	if err := os.WriteFile(args[1], gen(size), 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "genmanifest: %v\n", err)
		os.Exit(2)
	}
}

func parseSize(s string) (int, error) {
	mult := 1
	switch {
	case strings.HasSuffix(s, "K"):
		s, mult = strings.TrimSuffix(s, "K"), 1<<10
	case strings.HasSuffix(s, "M"):
		s, mult = strings.TrimSuffix(s, "M"), 1<<20
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("size %q: want a positive number of bytes, optionally ending in K or M", s)
	}
	return n * mult, nil
}
