package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/diag"
	"github.com/briefing-pdf/briefing/report"
)

// Input is a loaded, validated briefing with the config it was read with.
type Input struct {
	Source *Source
	// Resources, when not nil, is where the fonts, logo and hyphenation
	// patterns are read from instead of Source.FS: a server's own files
	// for data posted to it.
	Resources fs.FS
	Config    *report.Config // the layout
	Briefing  *data.Briefing // the validated data
	dir       string         // the config's directory on disk; "" for the built-in briefing or a snapshot
}

// Builtin reports whether the input is the briefing embedded in the binary.
func (in *Input) Builtin() bool { return in.Source.Static }

// Dir is the config's directory on disk; "" where the input is not read
// from a directory (the built-in briefing, a server's snapshot).
func (in *Input) Dir() string { return in.dir }

// Load reads and validates the config and the data it names. Errors name
// files as the user would type them (see Relabel).
func Load(src *Source) (*Input, error) {
	return LoadWith(src, nil)
}

// LoadWith is Load with the config parsed already (nil: parse it from
// src, with src.Settings.Config applied): a server keeps the config it
// last parsed. The data is read with the config's [[import]] mappings
// (CSV data files) and language (the dates of its {date} and {period}
// placeholders), and src.Settings' [briefing] values and size cap. Its
// errors are relabelled as Load's.
func LoadWith(src *Source, cfg *report.Config) (*Input, error) {
	in := &Input{Source: src, dir: src.Dir()}
	if cfg == nil {
		c, err := report.LoadConfig(src.FS, src.Config, src.Settings.Config...)
		if err != nil {
			return nil, in.Relabel(err)
		}
		cfg = c
	}
	in.Config = cfg
	b, err := data.LoadWith(src.FS, cfg.Data, data.Options{
		Imports: cfg.Import, MaxFileSize: src.Settings.MaxInput, Meta: src.Settings.Meta,
		Dates: cfg.PlaceholderDates(),
	})
	if err != nil {
		return nil, in.Relabel(err)
	}
	in.Briefing = b
	return in, nil
}

// LoadConfig reads the config alone, as Load does, and not the data:
// enough to know where a build of it writes (OutputPath).
func LoadConfig(src *Source) (*Input, error) {
	in := &Input{Source: src, dir: src.Dir()}
	cfg, err := report.LoadConfig(src.FS, src.Config, src.Settings.Config...)
	if err != nil {
		return nil, in.Relabel(err)
	}
	in.Config = cfg
	return in, nil
}

// resources is where the build reads fonts, logo and patterns.
func (in *Input) resources() fs.FS {
	if in.Resources != nil {
		return in.Resources
	}
	return in.Source.FS
}

// Files are the files a build of the input reads, from the config (see
// Inputs): the config, the data files, the source texts and section
// images the data names, the fonts, the logo and the hyphenation patterns.
func (in *Input) Files() []InputFile {
	if in.Config == nil {
		return []InputFile{{in.Source.Config, "the config"}}
	}
	return Inputs(in.Source.Config, in.Config, in.named)
}

// named are the files the data file p names, as fs paths: its sources'
// text files and the images of its sections' Markdown.
func (in *Input) named(p string) []InputFile {
	if in.Briefing == nil {
		return nil
	}
	var out []InputFile
	for _, s := range in.Briefing.Sources {
		if s.TextFile != "" && s.Pos.File == p {
			out = append(out, InputFile{path.Join(path.Dir(p), s.TextFile), textWhat})
		}
	}
	for _, s := range in.Briefing.Sections {
		if s.Pos.File == p {
			for _, f := range report.MarkdownImages(in.Config, s.Body) {
				out = append(out, InputFile{f, imageWhat})
			}
		}
	}
	return out
}

// Relabel makes the file names in input errors read as the user would
// type them: relative to the working directory when the config was named
// by a path in another directory. It renames the files that errors are
// about and the files named inside messages ("first defined at
// FILE:LINE:COL"), so that a line never mixes two styles.
func (in *Input) Relabel(err error) error {
	var es diag.Errors
	if !errors.As(err, &es) || !in.relabels() {
		return err
	}
	l := in.labeller(es)
	out := make(diag.Errors, len(es))
	for i, e := range es {
		out[i] = l.error(e)
	}
	return out
}

// relabelWarnings is Relabel for a build's warnings.
func (in *Input) relabelWarnings(ws []report.Warning) []report.Warning {
	if len(ws) == 0 || !in.relabels() {
		return ws
	}
	var es diag.Errors
	for _, w := range ws {
		es = append(es, &diag.Error{File: w.Pos.File})
		if w.Input != nil {
			es = append(es, w.Input)
		}
	}
	l := in.labeller(es)
	out := make([]report.Warning, len(ws))
	for i, w := range ws {
		c := w
		if c.Pos.File != "" {
			c.Pos.File = l.file(c.Pos.File)
		}
		c.Where, c.Msg = l.text(c.Where), l.text(c.Msg)
		if w.Input != nil {
			c.Input = l.error(w.Input)
		}
		out[i] = c
	}
	return out
}

func (in *Input) relabels() bool { return in.dir != "" && in.dir != "." }

// labeller renames the build's files for Relabel.
type labeller struct {
	dir     string
	mention *regexp.Regexp // nil: no file to mention
	names   []string       // the file names mention matches
}

func (in *Input) labeller(es diag.Errors) labeller {
	re, names := in.mentions(es)
	return labeller{dir: in.dir, mention: re, names: names}
}

// file is f as the user would name it; the command line's -set is no
// file.
func (l labeller) file(f string) string {
	if f == report.SettingFile {
		return f
	}
	return filepath.Join(l.dir, filepath.FromSlash(f))
}

func (l labeller) text(s string) string {
	if l.mention == nil || !containsAny(s, l.names) {
		// Most messages name no file: the regular expression, a
		// backtracking one, took 9 ms of a 1,000-event build's warnings.
		return s
	}
	return l.mention.ReplaceAllStringFunc(s, func(m string) string {
		sm := l.mention.FindStringSubmatch(m)
		return sm[1] + l.file(sm[2]) + sm[3]
	})
}

func (l labeller) error(e *diag.Error) *diag.Error {
	c := *e
	if c.File != "" {
		c.File = l.file(c.File)
	}
	c.Msg = l.text(c.Msg)
	return &c
}

// mentions matches the names of the build's files (those of the errors
// and the inputs) where a message mentions one: after a space or an
// opening parenthesis, before a colon, a space, a closing parenthesis or
// the end. Longer names come first, so that data/a.toml is never taken
// for a.toml.
func (in *Input) mentions(es diag.Errors) (*regexp.Regexp, []string) {
	seen := map[string]bool{}
	var names []string
	add := func(f string) {
		if f != "" && f != report.SettingFile && !seen[f] {
			seen[f] = true
			names = append(names, f)
		}
	}
	for _, e := range es {
		add(e.File)
	}
	for _, f := range in.Files() {
		add(f.Path)
	}
	if len(names) == 0 {
		return nil, nil
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	return regexp.MustCompile(`(^|[\s(])(` + strings.Join(quoted, "|") + `)([:\s),;]|$)`), names
}

// containsAny reports whether s contains one of names.
func containsAny(s string, names []string) bool {
	for _, n := range names {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// CreationDate is the PDF's creation date: SOURCE_DATE_EPOCH when set,
// else the zero time, which tells the report to use the briefing's own
// date.
func CreationDate() (time.Time, error) {
	v, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > 253402300799 {
		return time.Time{}, fmt.Errorf("briefing: SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", v)
	}
	return time.Unix(n, 0).UTC(), nil
}
