//go:build ignore

// gen_catalog writes the permission catalog's tables (catalog_data.go)
// from the data files in data/. Run it with go generate; the work is done
// by package internal/gencatalog.
//
// Usage:
//
//	go run gen_catalog.go [-o catalog_data.go] [DATA_DIR]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/manifestpatch/manifestpatch/permissions/internal/gencatalog"
)

func main() {
	out := flag.String("o", "catalog_data.go", "output `file`")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run gen_catalog.go [-o file] [DATA_DIR]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	dir := "data"
	switch flag.NArg() {
	case 0:
	case 1:
		dir = flag.Arg(0)
	default:
		flag.Usage()
		os.Exit(2)
	}
	src, err := gencatalog.Generate(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen_catalog:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen_catalog:", err)
		os.Exit(1)
	}
}
