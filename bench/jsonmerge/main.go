// Command jsonmerge is a baseline for bench/compare.sh: the calendar-sync
// merge and check done the way a short program would do them with
// encoding/json, decoding the whole document into map[string]any.
//
//	jsonmerge FILE...         merge the calendar-sync set into each FILE in place
//	jsonmerge -check FILE...  print what each FILE lacks; exit 1 if any lacks something
//
// The merge follows manifestpatch's rules: for each wanted resource, the
// first entry whose resourceAppId matches regardless of case gets the
// (id, type) pairs it lacks appended, and a missing resource is appended as
// a new entry. The file is written back with json.MarshalIndent and a tab
// indent, so its keys come out sorted and its layout is lost; the write is
// a plain os.WriteFile, not an atomic replace. The exit code is 2 on any
// error.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/profile"
)

func main() {
	check := flag.Bool("check", false, "print what each file lacks instead of merging; exit 1 if any lacks something")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: jsonmerge [-check] FILE...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	want := profile.Default().Set()
	code := 0
	for _, path := range flag.Args() {
		var err error
		if *check {
			var missing bool
			missing, err = checkFile(path, want)
			if missing {
				code = max(code, 1)
			}
		} else {
			err = mergeFile(path, want)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "jsonmerge: %s: %v\n", path, err)
			code = 2
		}
	}
	os.Exit(code)
}

// mergeFile merges want into the file at path and writes it back.
func mergeFile(path string, want manifest.Set) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc any
	if err := json.Unmarshal(src, &doc); err != nil {
		return err
	}
	switch d := doc.(type) {
	case []any:
		doc = merge(d, want)
	case map[string]any:
		list, _ := d[manifest.RequiredResourceAccess].([]any)
		d[manifest.RequiredResourceAccess] = merge(list, want)
	default:
		return fmt.Errorf("the top-level value is not an object or an array")
	}
	out, err := json.MarshalIndent(doc, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(out, '\n'), 0o644)
}

// merge returns list with want merged in.
func merge(list []any, want manifest.Set) []any {
	for _, r := range want {
		var entry map[string]any
		for _, e := range list {
			if m, ok := e.(map[string]any); ok && strings.EqualFold(str(m["resourceAppId"]), r.ResourceAppID) {
				entry = m
				break
			}
		}
		if entry == nil {
			entry = map[string]any{"resourceAppId": r.ResourceAppID, "resourceAccess": []any{}}
			list = append(list, entry)
		}
		access, _ := entry["resourceAccess"].([]any)
	next:
		for _, a := range r.ResourceAccess {
			for _, x := range access {
				if m, ok := x.(map[string]any); ok && strings.EqualFold(str(m["id"]), a.ID) && str(m["type"]) == string(a.Type) {
					continue next
				}
			}
			access = append(access, map[string]any{"id": a.ID, "type": string(a.Type)})
		}
		entry["resourceAccess"] = access
	}
	return list
}

// checkFile prints the wanted permissions the file at path lacks and
// reports whether there were any.
func checkFile(path string, want manifest.Set) (bool, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	var doc any
	if err := json.Unmarshal(src, &doc); err != nil {
		return false, err
	}
	list, _ := doc.([]any)
	if m, ok := doc.(map[string]any); ok {
		list, _ = m[manifest.RequiredResourceAccess].([]any)
	}
	have := make(map[string]bool)
	for _, e := range list {
		m, _ := e.(map[string]any)
		access, _ := m["resourceAccess"].([]any)
		for _, x := range access {
			a, _ := x.(map[string]any)
			have[permKey(str(m["resourceAppId"]), str(a["id"]), str(a["type"]))] = true
		}
	}
	missing := false
	for _, p := range want.Permissions() {
		if k := permKey(p.ResourceAppID, p.ID, string(p.Type)); !have[k] {
			fmt.Printf("%s: missing %s\n", path, k)
			missing = true
		}
	}
	return missing, nil
}

func permKey(app, id, typ string) string {
	return strings.ToLower(app) + " " + strings.ToLower(id) + " (" + typ + ")"
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
