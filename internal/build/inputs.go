package build

import (
	"bytes"
	"io/fs"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/report"
)

// InputFile is a file a build reads, by its fs path, and what it is for.
type InputFile struct{ Path, What string }

// What the files a data file names are for.
const (
	textWhat  = "a source's text file"
	imageWhat = "an image in a section"
)

// Inputs lists the files a build of cfg reads: the config (cfgPath), each
// data file followed by the files it names (named returns them, as fs
// paths: its sources' text files and its sections' images; nil names
// none), the fonts, the logo and the hyphenation patterns. It is the one
// list of a build's files: the server snapshots exactly these, the
// watcher watches them, outputs may not replace them, and error messages
// name them relabelled.
func Inputs(cfgPath string, cfg *report.Config, named func(dataPath string) []InputFile) []InputFile {
	out := []InputFile{{cfgPath, "the config"}}
	for _, f := range cfg.Inputs() {
		out = append(out, InputFile{f.Path, f.What})
		if f.Data && named != nil && fs.ValidPath(f.Path) {
			out = append(out, named(f.Path)...)
		}
	}
	return out
}

// DataNames are the files the data file p, of bytes src, names as a
// build with cfg reads them: its sources' text files (data.TextFiles) and
// the images of its sections' Markdown (data.SectionBodies,
// report.MarkdownImages), from a TOML or JSON data file (a CSV file names
// none). Serve and watch list them before the data is loaded; src that
// does not parse names none (the build reports why).
func DataNames(cfg *report.Config, p string, src []byte) []InputFile {
	var out []InputFile
	for _, t := range data.TextFiles(p, src) {
		out = append(out, InputFile{t, textWhat})
	}
	if !bytes.Contains(src, []byte("![")) {
		return out // no Markdown image: spare the second parse
	}
	for _, body := range data.SectionBodies(p, src) {
		for _, f := range report.MarkdownImages(cfg, body) {
			out = append(out, InputFile{f, imageWhat})
		}
	}
	return out
}
