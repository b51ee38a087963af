package report

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sync"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/diag"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/hyphenation"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// resources are what the files a config names make: the font set and the
// line-breaking settings.
type resources struct {
	fonts    *fonts.Set
	settings typeset.Settings
	read     []string  // the fs paths of the files read, in order
	logo     *logoInfo // the cover's logo; nil for none
	fsys     fs.FS     // where the sections' images are read; nil: none can be
}

// loadResources makes the font set (with the user's TrueType files) and
// the line-breaking settings (with hyphenation patterns when named).
func loadResources(cfg *Config, fsys fs.FS) (*resources, error) {
	return loadResourcesCached(cfg, fsys, nil)
}

// loadResourcesCached is loadResources through cache (nil for none): the
// user's fonts and patterns parsed by an earlier build of the run are
// taken from it.
func loadResourcesCached(cfg *Config, fsys fs.FS, cache *Cache) (*resources, error) {
	lang := hyphenationLanguage(cfg.Language)
	builtinPatterns := cfg.Hyphenation.Enabled && cfg.Hyphenation.Patterns == "" && lang != ""
	if builtinPatterns {
		goRecovered(func() { languageHyphenator(lang) }) // while the fonts parse
	}
	set, err := languageFonts(cfg.Language)
	if err != nil {
		return nil, err
	}
	// [fonts] shaping: off, the Set measures by advance widths and never
	// parses a face for the shaper (fonts.Set.SetShaping).
	set.SetShaping(cfg.Fonts.Shaping)
	settings := typeset.DefaultSettings()
	// Words a natural space apart are drawn with one text operator anyway
	// (frame.words); joined when broken, a long briefing keeps a fraction
	// of the fragments in memory until it is drawn.
	settings.JoinWords = true
	var errs diag.Errors
	var read []string
	file := cfg.File
	if file == "" {
		file = "config.toml"
	}
	for _, f := range cfg.Fonts.Files.Faces() {
		if f.File == "" {
			continue
		}
		if fsys == nil {
			errs = append(errs, &diag.Error{File: file, Msg: fmt.Sprintf("fonts.files.%s: no file system to read %s from", f.Face, f.File)})
			continue
		}
		ttf, err := readInput(fsys, f.File, maxFontSize)
		read = append(read, f.File)
		if err != nil {
			errs = append(errs, &diag.Error{File: f.File, Msg: "font for face " + f.Face + ": " + diag.WithoutPath(err)})
			continue
		}
		if err := set.ReplaceCached(cache.faceCache(), f.Face, f.File, ttf); err != nil {
			errs = append(errs, &diag.Error{File: f.File, Msg: err.Error()})
		}
	}
	if cfg.Fonts.Shaping {
		r, es := applyShaping(cfg, fsys, set)
		read = append(read, r...)
		errs = append(errs, es...)
		// The Set is complete: ready its faces while the patterns load
		// and the data is composed.
		preloadFaces(cfg, set)
	}
	p := cfg.Hyphenation.Patterns
	if builtinPatterns {
		h, err := languageHyphenator(lang)
		if err != nil {
			return nil, err
		}
		settings.Hyphenator = h
	}
	if cfg.Hyphenation.Enabled && p != "" {
		var src []byte
		var err error
		if fsys == nil {
			err = errors.New("no file system to read it from")
		} else {
			src, err = readInput(fsys, p, maxPatternsSize)
			read = append(read, p)
		}
		if err != nil {
			errs = append(errs, &diag.Error{File: p, Msg: "hyphenation patterns: " + diag.WithoutPath(err)})
		} else if h, err := cache.hyphenation(src); err != nil {
			errs = append(errs, &diag.Error{File: p, Msg: "hyphenation patterns: " + err.Error()})
		} else {
			settings.Hyphenator = h
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return &resources{fonts: set, settings: settings, read: read, fsys: fsys}, nil
}

// preloadFaces readies the faces nearly every briefing sets text in (bold
// italic only Markdown's ***text*** asks for), but those the config
// replaces with its own files.
func preloadFaces(cfg *Config, set *fonts.Set) {
	replaced := map[string]bool{}
	for _, f := range cfg.Fonts.Files.Faces() {
		if f.File != "" {
			replaced[f.Face] = true
		}
	}
	for _, fam := range []string{string(cfg.Fonts.Body), string(cfg.Fonts.Heading)} {
		for _, f := range []string{face(fam, false, false), face(fam, true, false), face(fam, false, true)} {
			if !replaced[f] {
				set.PreloadShaper(f)
			}
		}
	}
}

// inputs lists the fs paths of the files a build reads: the config, the
// data files, the sources' text files, and the fonts, patterns and logo
// (res). It is the one list of them: a resource added to the config is
// read, and so listed, where it is loaded.
func inputs(b *data.Briefing, cfg *Config, res *resources) []string {
	var out []string
	if cfg.File != "" {
		out = append(out, cfg.File)
	}
	out = append(out, b.Files...)
	for _, s := range b.Sources {
		if s.TextFile != "" {
			out = append(out, path.Join(path.Dir(s.Pos.File), s.TextFile))
		}
	}
	out = append(out, res.read...)
	return dedup(out)
}

// dedup drops the repeats of paths, keeping the first of each.
func dedup(paths []string) []string {
	seen := make(map[string]bool, len(paths))
	out := paths[:0]
	for _, p := range paths {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// Preload parses the built-in fonts and hyphenation patterns in the
// background, each once per process, so that a program can read its input
// meanwhile; Build waits for what it needs. Calling it is optional.
func Preload() {
	fonts.Preload()
	goRecovered(func() { builtinHyphenator() })
}

// builtinHyphenator parses the built-in patterns (plain TeX's US English
// hyphen.tex, see internal/hyphenation) once per process.
var builtinHyphenator = sync.OnceValues(func() (*typeset.Hyphenator, error) {
	return typeset.ParseHyphenation(hyphenation.PlainTeX())
})
