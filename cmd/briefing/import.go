package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/build"
)

// cmdImport converts a CSV file into a TOML data file through a mapping:
// the same [[import]] tables a config holds, in the config itself or in a
// file of their own.
func cmdImport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import")
	mapping := fs.String("map", "", "the `FILE` with the [[import]] tables: a mapping file, or the config")
	out := fs.String("o", "-", "output `FILE`, - for standard output")
	maxInput := byteSize(defaultMaxInput)
	fs.Var(&maxInput, "max-input", "the largest CSV file read, in bytes or with KiB, MiB or GiB (`SIZE`)")
	pos, err := parseArgs(fs, args, stdout)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 0:
		return usageErrorf("import: no CSV file given")
	case len(pos) > 1:
		return usageErrorf("import: unexpected argument %q: want one CSV file", pos[1])
	case *mapping == "":
		return usageErrorf("import: -map FILE is required: the [[import]] tables that map the CSV's columns")
	case maxInput <= 0:
		return usageErrorf("import: -max-input: want a size above 0")
	}
	csvPath := pos[0]
	msrc, err := readCapped(*mapping, 1<<20)
	if err != nil {
		return fmt.Errorf("briefing: -map: %w", err)
	}
	// The mapping's file patterns are relative to the mapping's directory;
	// so is the CSV, to match them.
	mdir := filepath.Dir(*mapping)
	ims, err := data.LoadImports(filepath.ToSlash(filepath.Base(*mapping)), msrc)
	if err != nil {
		return relabelDir(err, mdir)
	}
	rel, rerr := filepath.Rel(mdir, csvPath)
	if rerr != nil {
		rel = csvPath
	}
	im, err := pickImport(ims, filepath.ToSlash(rel), *mapping, csvPath)
	if err != nil {
		return err
	}
	src, err := readCapped(csvPath, int64(maxInput))
	if err != nil {
		return fmt.Errorf("briefing: %w", err)
	}
	got, err := data.ImportCSV(filepath.ToSlash(csvPath), src, im)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := got.WriteTOML(&buf); err != nil {
		return err
	}
	n := len(got.Events) + len(got.Actors) + len(got.Sources)
	if *out == "-" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "briefing: wrote %s (%s)\n", *out, plural(n, strings.TrimSuffix(im.Into, "s")))
	return nil
}

// pickImport chooses the import for the CSV: the one whose file pattern
// matches it, else the only one there is.
func pickImport(ims []data.Import, rel, mapping, csvPath string) (data.Import, error) {
	for _, im := range ims {
		if ok, _ := filepath.Match(filepath.FromSlash(im.File), filepath.FromSlash(rel)); ok {
			return im, nil
		}
	}
	if len(ims) == 1 {
		return ims[0], nil
	}
	var files []string
	for _, im := range ims {
		files = append(files, im.File)
	}
	return data.Import{}, fmt.Errorf("briefing: %s: no [[import]] in %s names it (they name %s)", csvPath, mapping, strings.Join(files, ", "))
}

// readCapped reads a regular file of at most limit bytes, without
// blocking on a named pipe or a device.
func readCapped(name string, limit int64) ([]byte, error) {
	b, _, _, err := build.ReadRegular(build.DirFS(filepath.Dir(name)), filepath.Base(name), limit)
	if err != nil {
		if strings.HasPrefix(build.UnwrapPathErr(err).Error(), "larger than ") {
			return nil, fmt.Errorf("%s: file too large (at most %d bytes; see -max-input)", name, limit)
		}
		return nil, build.UnwrapPath(err, name)
	}
	return b, nil
}

// relabelDir puts dir in front of the file names of input errors.
func relabelDir(err error, dir string) error {
	var es data.Errors
	if !errors.As(err, &es) || dir == "" || dir == "." {
		return err
	}
	out := make(data.Errors, len(es))
	for i, e := range es {
		c := *e
		if c.File != "" {
			c.File = filepath.Join(dir, filepath.FromSlash(c.File))
		}
		out[i] = &c
	}
	return out
}
