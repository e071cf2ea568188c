package main

import (
	"github.com/urfave/cli/v2"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
)

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare a stored manifest with the live app's; change nothing",
		ArgsUsage: "STORED LIVE",
		Description: "Compares the permissions, sign-in audience and Web redirect URIs of STORED, a\n" +
			"manifest kept in a repository, with LIVE, the same app as it is (az ad app show\n" +
			"--id APPID > live.json, Graph output, a portal download), in any shape the tool\n" +
			"reads. Permissions are compared by resource, id and type with names resolved;\n" +
			"order, repeats and case are not differences. Exits 0 when they agree, 1 when\n" +
			"they differ, 2 on error. SARIF results are located in STORED.",
		Flags:  []cli.Flag{formatFlag(outputNames["diff"]...), catalogFlag()},
		Action: doDiff,
	}
}

func doDiff(c *cli.Context) error {
	// Not fileArgs, which names each file once: a file may be compared
	// with itself.
	var files []string
	dashes := false
	for _, a := range c.Args().Slice() {
		if a == "--" && !dashes {
			dashes = true // what follows is file names only
			continue
		}
		if !dashes && isFlag(c, a) {
			return usagef(c, "%q after a file name: flags go before the file names", a)
		}
		files = append(files, a)
	}
	if len(files) != 2 {
		return usagef(c, "diff takes two files, STORED and LIVE; got %d", len(files))
	}
	if files[0] == "-" && files[1] == "-" {
		return usagef(c, "standard input can be read only once, but it is named as STORED and as LIVE")
	}
	if err := stdinOnce(c, files); err != nil {
		return err
	}
	cat, err := loadCatalog(c)
	if err != nil {
		return err
	}
	var ms [2]manifest.Manifest
	var srcs [2][]byte
	for i, path := range files {
		in, err := readInput(path, c.App.Reader, false)
		if err == nil {
			files[i], srcs[i] = in.name, in.data
			if ms[i], err = manifest.Read(in.data); err != nil {
				err = fileError{in.name, err}
			}
		}
		if err != nil {
			// The error is on standard error; JSON and SARIF still write
			// their report, the error in it, located in the file at fault.
			f := &fileReport{kind: diffKind, file: files[i], src: srcs[i], err: err, pair: [2]string(files)}
			if werr := writeReports(c, f); werr != nil {
				return werr
			}
			return fileExit{err}
		}
	}
	f := &fileReport{kind: diffKind, cat: cat, file: files[0], src: srcs[0], pair: [2]string(files),
		res: &check.Result{Findings: check.Compare(ms[0], ms[1], cat)}}
	if err := writeReports(c, f); err != nil {
		return err
	}
	if len(f.res.Findings) > 0 {
		return codeErr(exitChanges)
	}
	return nil
}

// diffJSON is what diff --format json writes: one object.
type diffJSON struct {
	Stored      string        `json:"stored"`
	Live        string        `json:"live"`
	Equal       bool          `json:"equal"`
	Differences []findingJSON `json:"differences"`
	errorJSON
}

func diffRecord(f *fileReport) diffJSON {
	rec := diffJSON{Stored: f.pair[0], Live: f.pair[1], Differences: []findingJSON{}}
	if f.err != nil {
		rec.errorJSON = errorRecord(f.err)
		return rec
	}
	rec.Equal = len(f.res.Findings) == 0
	rec.Differences = findingsJSON(f.res.Findings, false, func(check.Finding) bool { return true })
	return rec
}
