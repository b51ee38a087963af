// Package report composes the typeset PDF briefing: the blocks of the
// briefing (cover, key judgments, contents, narrative, figures, quotes,
// chronology, actor annex, notes and sources) are measured, broken into
// lines and pages by internal/typeset, and only then drawn, from frames of
// positioned items, into a PDF by fpdf.
package report

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/hyphenation"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// Options adjust a build.
type Options struct {
	// Created is the PDF's creation and modification date; the zero time
	// means the briefing's publication date.
	Created time.Time
	// Strict turns warnings into an error.
	Strict bool
	// Cache, when not nil, shares the parsed user fonts and hyphenation
	// patterns with the other builds that use it (see NewCache).
	Cache *Cache
}

// Warning is a typographic problem found after layout: an overfull or a
// loose line, a heading stranded at the foot of a page.
type Warning struct {
	Page  int      // 1-based page number; 0 for the document as a whole
	Where string   // which block, paragraph or entry
	Pos   data.Pos // where in the data that text is written; zero when unknown
	Msg   string
	// Notice marks what the reader is told in the PDF itself (a briefing
	// resting on one source): reported, but never an error under Strict.
	Notice bool
	// Input is the data's own warning (a provenance warning or notice),
	// with its file, line and column; nil for the layout's warnings.
	Input *data.Error
}

func (w Warning) String() string {
	if w.Page == 0 {
		return w.Where + ": " + w.Msg
	}
	return fmt.Sprintf("page %d: %s: %s", w.Page, w.Where, w.Msg)
}

// StrictError is returned by Build with Options.Strict when there are
// warnings.
type StrictError struct{ Warnings []Warning }

func (e *StrictError) Error() string {
	lines := make([]string, 0, len(e.Warnings)+1)
	lines = append(lines, fmt.Sprintf("%d warning(s) in strict mode", len(e.Warnings)))
	for _, w := range e.Warnings {
		lines = append(lines, w.String())
	}
	return strings.Join(lines, "\n")
}

// layout is the result of composing and paginating.
type layout struct {
	d        *doc
	pages    []typeset.Page
	problems []typeset.Problem
	blocks   []typeset.Block
	refs     map[string]int // anchor → page number (1-based, cover included)
	first    int            // page number of the first flow page
}

// Build composes the briefing and returns the PDF bytes. cfg nil means
// DefaultConfig. fsys holds the files the config names (fonts, logo,
// hyphenation patterns).
func Build(b *data.Briefing, cfg *Config, fsys fs.FS, opt Options) (pdf []byte, warnings []Warning, err error) {
	defer func() {
		if err != nil {
			pdf = nil
		}
	}()
	defer recoverInto(&err)
	if b == nil {
		return nil, nil, errors.New("report: no briefing")
	}
	if cfg == nil {
		cfg = DefaultConfig()
	}
	// A config made or changed in code has not been through LoadConfig's
	// checks; what they catch would make no sense on the page.
	if errs := cfg.check(); len(errs) > 0 {
		errs.Sort()
		return nil, nil, errs
	}
	set, settings, err := loadResourcesCached(cfg, fsys, opt.Cache)
	if err != nil {
		return nil, nil, err
	}
	doc := newPDF(b, cfg, opt)
	reg := startRegistrar(doc, set)
	defer reg.wait()
	lay, err := composeRegistering(b, cfg, set, settings, reg)
	if err != nil {
		return nil, nil, err
	}
	warnings = append(dataWarnings(b), lay.warnings()...)
	pdf, err = renderInto(lay, doc, reg, fsys)
	if err != nil {
		return nil, warnings, err
	}
	if err := strictError(opt, warnings); err != nil {
		return nil, warnings, err
	}
	return pdf, warnings, nil
}

// strictError is the error Options.Strict makes of warnings: every one
// but the notices (what the PDF itself tells the reader), or nil.
func strictError(opt Options, warnings []Warning) error {
	if !opt.Strict {
		return nil
	}
	var strict []Warning
	for _, w := range warnings {
		if !w.Notice {
			strict = append(strict, w)
		}
	}
	if len(strict) == 0 {
		return nil
	}
	return &StrictError{Warnings: strict}
}

// loadResources makes the font set (with the user's TrueType files) and
// the line-breaking settings (with hyphenation patterns when named).
func loadResources(cfg *Config, fsys fs.FS) (*fonts.Set, typeset.Settings, error) {
	return loadResourcesCached(cfg, fsys, nil)
}

// loadResourcesCached is loadResources through cache (nil for none).
func loadResourcesCached(cfg *Config, fsys fs.FS, cache *Cache) (*fonts.Set, typeset.Settings, error) {
	builtinPatterns := cfg.Hyphenation.Enabled && cfg.Hyphenation.Patterns == "" && english(cfg.Language)
	if builtinPatterns {
		goRecovered(func() { builtinHyphenator() }) // while the fonts parse
	}
	set := fonts.New()
	settings := typeset.DefaultSettings()
	// Words a natural space apart are drawn with one text operator anyway
	// (frame.words); joined when broken, a long briefing keeps a fraction
	// of the fragments in memory until it is drawn.
	settings.JoinWords = true
	var errs data.Errors
	file := cfg.File
	if file == "" {
		file = "config.toml"
	}
	for _, f := range cfg.Fonts.Files.faces() {
		if f.file == "" {
			continue
		}
		if fsys == nil {
			errs = append(errs, &data.Error{File: file, Msg: fmt.Sprintf("fonts.files.%s: no file system to read %s from", f.face, f.file)})
			continue
		}
		ttf, err := fs.ReadFile(fsys, f.file)
		if err != nil {
			errs = append(errs, &data.Error{File: f.file, Msg: "font for face " + f.face + ": " + pathErrMsg(err)})
			continue
		}
		if err := set.ReplaceCached(cache.faceCache(), f.face, f.file, ttf); err != nil {
			errs = append(errs, &data.Error{File: f.file, Msg: err.Error()})
		}
	}
	p := cfg.Hyphenation.Patterns
	if builtinPatterns {
		h, err := builtinHyphenator()
		if err != nil {
			return nil, settings, err
		}
		settings.Hyphenator = h
	}
	if cfg.Hyphenation.Enabled && p != "" {
		var src []byte
		var err error
		if fsys == nil {
			err = errors.New("no file system to read it from")
		} else {
			src, err = fs.ReadFile(fsys, p)
		}
		if err != nil {
			errs = append(errs, &data.Error{File: p, Msg: "hyphenation patterns: " + pathErrMsg(err)})
		} else if h, err := cache.hyphenation(src); err != nil {
			errs = append(errs, &data.Error{File: p, Msg: "hyphenation patterns: " + err.Error()})
		} else {
			settings.Hyphenator = h
		}
	}
	if len(errs) > 0 {
		return nil, settings, errs
	}
	return set, settings, nil
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

// english reports whether a BCP 47 language tag is English.
func english(tag string) bool {
	tag = strings.ToLower(tag)
	return tag == "en" || strings.HasPrefix(tag, "en-")
}

// composeAndPaginate composes the flow and paginates it until the page
// numbers that the text itself shows (note back-references) are those of
// the pages it lands on.
func composeAndPaginate(b *data.Briefing, cfg *Config, set *fonts.Set, settings typeset.Settings) (*layout, error) {
	return composeRegistering(b, cfg, set, settings, nil)
}

// composeRegistering is composeAndPaginate, telling reg (if not nil)
// the faces the text uses.
func composeRegistering(b *data.Briefing, cfg *Config, set *fonts.Set, settings typeset.Settings, reg *faceRegistrar) (*layout, error) {
	d := newDoc(b, cfg, set, settings, nil)
	d.reg = reg
	if err := d.compose(); err != nil {
		return nil, err
	}
	if len(d.errs) > 0 {
		d.errs.Sort()
		return nil, d.errs
	}
	lay := d.paginate()
	// The notes print the pages of their citations ("Cited on pp. 2,
	// 3"): set them again with the pages found until the pages agree.
	for pass := 1; pass < 4 && !sameRefs(d.refs, lay.refs); pass++ {
		d.redoNotes(lay.refs)
		lay = d.paginate()
	}
	return lay, nil
}

func sameRefs(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func newDoc(b *data.Briefing, cfg *Config, set *fonts.Set, settings typeset.Settings, refs map[string]int) *doc {
	w, h := cfg.PageDimensions()
	m := cfg.Page.Margins
	d := &doc{
		cfg: cfg, b: b, fonts: set, settings: settings,
		textW: w - m.Left - m.Right, textH: h - m.Top - m.Bottom,
		body: string(cfg.Fonts.Body), head: string(cfg.Fonts.Heading),
		size: cfg.Fonts.BodySize, lead: cfg.Fonts.Leading,
		small:  cfg.Fonts.SmallSize,
		accent: cfg.Colors.Accent, ink: cfg.Colors.Text, muted: cfg.Colors.Muted, shade: cfg.Colors.Shade,
		notes:       newNoteBook(b),
		refs:        refs,
		textChecker: newTextChecker(set, b, cfg),
	}
	d.smallLead = d.small * 1.3
	return d
}

// paginate breaks the flow into pages and finds the page of every anchor.
func (d *doc) paginate() *layout {
	lay := &layout{d: d, refs: map[string]int{}, first: 1}
	if d.cfg.Has(BlockCover) {
		lay.first = 2
	}
	lay.blocks = make([]typeset.Block, len(d.elems))
	for i, e := range d.elems {
		lay.blocks[i] = e.block()
	}
	lay.pages, lay.problems = typeset.PaginateReport(lay.blocks, d.textH)
	// Each element's anchors, in unit order, listed once per element:
	// later passes keep every element but the notes block's.
	if d.anchorsOf == nil {
		d.anchorsOf = map[element][]anchorAt{}
	}
	anchors := make([][]anchorAt, len(d.elems))
	for i, e := range d.elems {
		as, ok := d.anchorsOf[e]
		if !ok {
			if an, isAn := e.(anchorer); isAn {
				as = an.anchors()
			}
			d.anchorsOf[e] = as
		}
		anchors[i] = as
	}
	for pi, pg := range lay.pages {
		for _, pl := range pg.Placements {
			as := anchors[pl.Block]
			k := sort.Search(len(as), func(j int) bool { return as[j].unit >= pl.From })
			for ; k < len(as) && as[k].unit < pl.To; k++ {
				if _, seen := lay.refs[as[k].name]; !seen {
					lay.refs[as[k].name] = pi + lay.first
				}
			}
		}
	}
	return lay
}

// pageCount is the number of pages of the PDF.
func (l *layout) pageCount() int { return len(l.pages) + l.first - 1 }
