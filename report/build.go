// Package report composes the typeset PDF briefing in four stages, each
// feeding the next and none looking back (docs/architecture.md):
//
//   - compose (compose.go and the block files) turns the briefing and the
//     config into blocks, measured and broken into lines, and checks
//     every input: the config, the fonts, the logo, the patterns and
//     every character of the text;
//   - paginate (paginate.go, over internal/typeset) breaks the blocks into
//     pages, settling the page numbers the text itself shows;
//   - finish (finish.go, cover.go) lays out the cover, the running header
//     and footer, the destinations and the outline into frames: a display
//     list of positioned items, each carrying its structure role
//     (report/internal/frames);
//   - write (report/internal/pdfwrite) turns the frames into PDF through
//     fpdf, and does nothing else.
//
// Check runs the first three; Build runs all four. The layout config is
// package config (Config here is its alias, see config_alias.go).
package report

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/report/internal/frames"
	"github.com/briefing-pdf/briefing/report/internal/pdfwrite"
)

// Options adjust a build.
type Options struct {
	// Created is the PDF's creation and modification date; the zero time
	// means the briefing's publication date.
	Created time.Time
	// Strict turns warnings into an error.
	Strict bool
	// Standard, when not nil, replaces the config's [pdf] standard (the
	// -pdf-standard flag; empty claims none).
	Standard *PDFStandards
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

// Result is a built briefing.
type Result struct {
	PDF      []byte
	Pages    int      // the PDF's page count, the cover included
	Figures  []Figure // the charts as the PDF shows them, in its order
	Warnings []Warning
	// Inputs are the fs paths of every file the build read: the config,
	// the data files, the sources' text files, the fonts, the logo and
	// the hyphenation patterns. A server snapshots, and a watcher
	// watches, exactly these.
	Inputs []string
}

// Build composes the briefing and returns the PDF with what the layout
// knows of it. cfg nil means DefaultConfig. fsys holds the files the
// config names (fonts, logo, hyphenation patterns). On an error there is
// no PDF: the result is nil, or holds only the warnings found before the
// error (as with a *StrictError).
func Build(b *data.Briefing, cfg *Config, fsys fs.FS, opt Options) (res *Result, err error) {
	defer func() {
		if err != nil && res != nil {
			res = &Result{Warnings: res.Warnings}
		}
	}()
	defer recoverInto(&err)
	var w *pdfwrite.Writer
	defer func() {
		if w != nil {
			w.Close()
		}
	}()
	st, err := runStages(b, cfg, fsys, opt, func(meta frames.Meta, set *fonts.Set) func(face, text string) {
		w = pdfwrite.New(meta, set, panicError)
		return w.Want
	})
	if st != nil {
		res = &Result{Warnings: st.warnings, Inputs: st.inputs}
	}
	if err != nil {
		return res, err
	}
	if err := strictError(opt, st.warnings); err != nil {
		return res, err
	}
	// The frames are all write needs: the layout (every line's
	// fragments) may go while the PDF is written.
	figures, doc := st.lay.figures(), st.frames
	st = nil
	pdf, err := w.Write(doc)
	if err != nil {
		return res, err
	}
	return &Result{PDF: pdf, Pages: len(doc.Pages), Figures: figures,
		Warnings: res.Warnings, Inputs: res.Inputs}, nil
}

// staged is what the stages before write make.
type staged struct {
	lay      *layout
	frames   *frames.Doc
	warnings []Warning
	inputs   []string
}

// runStages runs compose, paginate and finish. start, if not nil, is
// called once the fonts are loaded, with the document's metadata: it
// returns the function the layout tells the faces the text uses (the
// writer registers them meanwhile), or nil.
func runStages(b *data.Briefing, cfg *Config, fsys fs.FS, opt Options, start func(frames.Meta, *fonts.Set) func(face, text string)) (*staged, error) {
	if b == nil {
		return nil, errors.New("report: no briefing")
	}
	if cfg == nil {
		cfg = DefaultConfig()
	}
	cfg = withStandard(cfg, opt)
	// A config made or changed in code has not been through config.Load's
	// checks; what they catch would make no sense on the page.
	if errs := cfg.Check(); len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	res, err := loadResourcesCached(cfg, fsys, opt.Cache)
	if err != nil {
		return nil, err
	}
	// The logo is read, checked and measured (image.DecodeConfig) with
	// the other resources, before anything is laid out.
	if res.logo, err = loadLogo(cfg, fsys); err != nil {
		return nil, err
	}
	if res.logo != nil {
		res.read = append(res.read, cfg.Cover.Logo)
	}
	var want func(face, text string)
	if start != nil {
		want = start(pdfMeta(b, cfg, opt), res.fonts)
	}
	d, err := compose(b, cfg, res, want)
	if err != nil {
		return nil, err
	}
	res.read = append(res.read, d.read...) // the sections' images
	lay, err := paginate(d)
	if err != nil {
		return nil, err
	}
	st := &staged{lay: lay, inputs: inputs(b, cfg, res)}
	st.warnings = append(dataWarnings(b), lay.warnings()...)
	st.frames, err = lay.finish(opt)
	return st, err
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
