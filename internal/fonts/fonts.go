// Package fonts holds the briefing's font faces and is the one source of
// truth for their metrics: the typesetter measures with it (it implements
// typeset.Measurer), the report embeds its files into the PDF, and the
// charts draw with the same faces through PlotCache.
//
// There are two families, "serif" and "sans", each with four faces:
//
//	serif  serif-bold  serif-italic  serif-bolditalic
//	sans   sans-bold   sans-italic   sans-bolditalic
//
// By default they are Liberation Serif and Liberation Sans, the faces
// gonum/plot uses. Any face can be replaced by a TrueType file.
//
// Text is shaped with HarfBuzz's rules (internal/shape, shaped.go):
// Width measures the shaped text (kerning, ligatures, marks; each word
// shaped alone, spaces as glue) and Runs gives the glyphs the PDF draws
// from the same shaping, so what is measured is what is drawn. A
// character a face lacks is set in its fallback chain (the built-in
// DejaVu faces, or SetFallback's); HasGlyph and MissingGlyphs ask the
// chain. A font name may carry a role ("sans@tables", WithRole): the
// face shaped with the role's features (SetFeatures).
//
// This package does not import fpdf; pdfcanvas.Register puts a Set's
// faces into a document and pdfcanvas.Text draws its shaped text.
package fonts

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansbolditalic"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifbolditalic"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font/opentype"

	"github.com/briefing-pdf/briefing/internal/shape"
)

// Face names.
const (
	Serif           = "serif"
	SerifBold       = "serif-bold"
	SerifItalic     = "serif-italic"
	SerifBoldItalic = "serif-bolditalic"
	Sans            = "sans"
	SansBold        = "sans-bold"
	SansItalic      = "sans-italic"
	SansBoldItalic  = "sans-bolditalic"
)

// names is the fixed order of the faces.
var names = [...]string{
	Serif, SerifBold, SerifItalic, SerifBoldItalic,
	Sans, SansBold, SansItalic, SansBoldItalic,
}

// Names returns the face names in their fixed order.
func Names() []string { return append([]string(nil), names[:]...) }

// Face is one face's font file, for embedding.
type Face struct {
	Name   string // face name, e.g. "serif-bold"
	Source string // where the file came from: "Liberation Serif Bold" or the user's file name
	TTF    []byte // the TrueType file; do not modify
}

type face struct {
	Face
	m     *metrics
	oOnce sync.Once      // otf parsed (at load for a user's file, which this checks; on first use for a built-in face)
	otf   *opentype.Font // for gonum, unshaped: parsed without kerning, see withoutKerning

	kOnce sync.Once      // the file parsed for gonum with its kerning (kerned)
	kotf  *opentype.Font // for gonum, shaped: kerned by its kern table, as the shaper kerns

	sOnce sync.Once // the file parsed for the shaper (shapeFace)
	sface *shape.Face
	sErr  error
}

// Set is the briefing's eight faces. A Set is safe for concurrent use by
// readers; Replace must not run concurrently with anything else.
type Set struct {
	faces    [len(names)]*face
	shaped   bool                               // SetShaping: text is shaped (shaped.go); false: set by advance widths, as fpdf sets it
	shaping  [nRoles][len(names)]shaping        // shaped.go
	features [nRoles][len(names)]shape.Features // per role and face; zero: HarfBuzz's defaults
	fallback *fallbackChain                     // nil: the built-in chain
}

var (
	defaultsOnce sync.Once
	defaults     [len(names)]*face
	defaultsErr  error
)

func loadDefaults() {
	files := [len(names)]struct {
		source string
		ttf    []byte
	}{
		{"Liberation Serif", liberationserifregular.TTF},
		{"Liberation Serif Bold", liberationserifbold.TTF},
		{"Liberation Serif Italic", liberationserifitalic.TTF},
		{"Liberation Serif Bold Italic", liberationserifbolditalic.TTF},
		{"Liberation Sans", liberationsansregular.TTF},
		{"Liberation Sans Bold", liberationsansbold.TTF},
		{"Liberation Sans Italic", liberationsansitalic.TTF},
		{"Liberation Sans Bold Italic", liberationsansbolditalic.TTF},
	}
	// The faces parse independently: on two cores, in about half the time.
	var wg sync.WaitGroup
	var errs [len(names)]error
	for i, f := range files {
		wg.Go(func() {
			defer func() {
				if v := recover(); v != nil {
					errs[i] = fmt.Errorf("%s: %v", f.source, v)
				}
			}()
			defaults[i], errs[i] = parseFaceOf(names[i], f.source, f.ttf, true)
		})
	}
	wg.Wait()
	defaultsErr = errors.Join(errs[:]...)
}

// Preload parses the built-in faces in the background, so that a program
// can do other work (read its input) meanwhile; New waits for it.
func Preload() {
	go func() {
		// loadDefaults recovers its parsers' panics into defaultsErr,
		// which New reports.
		defer func() { _ = recover() }()
		defaultsOnce.Do(loadDefaults)
	}()
}

// PreloadShaper readies the named faces of the Set for shaping in the
// background: parses each for the shaper (1 to 2 ms a face in a fresh
// process) and builds its shape.Simple, which the first text a shaping
// Set measures would otherwise wait for. It works on the faces
// themselves, which Sets share, not on the Set's shaping state: it may
// be called before the Set's features and fallbacks are set, and a face
// the Set replaces later is simply not used. A program that shapes text
// calls it with the faces it will use as soon as it knows.
func (s *Set) PreloadShaper(faces ...string) {
	for _, name := range faces {
		i := faceIndex(name)
		if i < 0 {
			continue
		}
		fc := s.faces[i]
		go func() {
			defer func() { _ = recover() }()
			if sf, err := fc.shapeFace(); err == nil {
				sf.Prepare()
			}
		}()
	}
}

// New returns the default Set: Liberation Serif and Liberation Sans.
// The built-in files are parsed once per process and shared.
func New() *Set {
	defaultsOnce.Do(loadDefaults)
	if defaultsErr != nil {
		// The files are compiled into the binary; TestDefaults covers them.
		panic("fonts: built-in Liberation fonts do not parse: " + defaultsErr.Error())
	}
	s := &Set{}
	s.faces = defaults
	return s
}

func parseFace(name, source string, ttf []byte) (*face, error) {
	return parseFaceOf(name, source, ttf, false)
}

// parseFaceOf is parseFace; trusted is for the built-in faces (see
// parseMetricsOf).
func parseFaceOf(name, source string, ttf []byte, trusted bool) (*face, error) {
	m, err := parseMetricsOf(ttf, trusted)
	if err != nil {
		return nil, err
	}
	f := &face{Face: Face{Name: name, Source: source, TTF: ttf}, m: m}
	if !trusted {
		// gonum's parser must take a user's file too; a built-in face's
		// is parsed when an unshaped chart first measures with it.
		var err error
		f.oOnce.Do(func() { f.otf, err = opentype.Parse(withoutKerning(ttf)) })
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errNotTrueType, err)
		}
	}
	if m.cff {
		// The CFF outlines, which parseMetrics does not read, must parse
		// too (the shaper's parser reads them whole).
		if _, err := shape.ParseFace(source, ttf); err != nil {
			return nil, fmt.Errorf("%w: %v", errNotTrueType, err)
		}
	}
	return f, nil
}

// index is the index of a font name's face: a face name, with or
// without a role ("sans@tables", see WithRole).
func index(name string) int {
	i, _ := ref(name)
	return i
}

// faceIndex is the index of a face name, or -1.
func faceIndex(name string) int {
	// A switch is faster than a map for eight short keys.
	switch name {
	case Serif:
		return 0
	case SerifBold:
		return 1
	case SerifItalic:
		return 2
	case SerifBoldItalic:
		return 3
	case Sans:
		return 4
	case SansBold:
		return 5
	case SansItalic:
		return 6
	case SansBoldItalic:
		return 7
	}
	return -1
}

// ErrNotTrueType is matched (errors.Is) by Replace's error when the file
// is not a TrueType font fpdf can embed.
var ErrNotTrueType = errNotTrueType

// Replace replaces the named face with the font in ttf. file names the
// file in error messages. The font must have TrueType outlines, or CFF
// outlines when the Set shapes text (SetShaping: they are drawn only as
// glyph runs), and a format 4 Unicode cmap (what the patched fpdf can
// embed); anything else is rejected and the Set is left unchanged. ttf
// is copied.
func (s *Set) Replace(faceName, file string, ttf []byte) error {
	i := faceIndex(faceName)
	if i < 0 {
		return fmt.Errorf("font %s: unknown face %q (want one of %s)", file, faceName, strings.Join(names[:], ", "))
	}
	if err := s.refuseCFF(faceName, file, ttf); err != nil {
		return err
	}
	fc, err := parseFace(faceName, file, append([]byte(nil), ttf...))
	if err != nil {
		return fmt.Errorf("font %s for face %s: %w", file, faceName, err)
	}
	return s.put(i, fc)
}

// refuseCFF refuses a font with CFF outlines unless the Set shapes
// text: fpdf embeds them only as glyph fonts.
func (s *Set) refuseCFF(faceName, file string, ttf []byte) error {
	if !s.shaped && len(ttf) >= 4 && string(ttf[:4]) == "OTTO" {
		return fmt.Errorf("font %s for face %s: %w", file, faceName,
			malformed("OpenType font with CFF outlines; only TrueType (glyf) outlines can be embedded unless text is shaped ([fonts] shaping = true)"))
	}
	return nil
}

// put makes fc face i of the Set.
func (s *Set) put(i int, fc *face) error {
	s.faces[i] = fc
	for r := range s.shaping {
		s.shaping[r][i] = shaping{}
	}
	return nil
}

// Faces returns the eight faces in the fixed order of Names.
func (s *Set) Faces() []Face {
	out := make([]Face, len(s.faces))
	for i, f := range s.faces {
		out[i] = f.Face
	}
	return out
}

func (s *Set) face(name string) *face {
	if i := faceIndex(name); i >= 0 {
		return s.faces[i]
	}
	if !s.shaped {
		return nil
	}
	if i := index(name); i >= 0 {
		return s.faces[i]
	}
	return nil
}

// Copy returns a copy of the Set, whose faces can be replaced without
// changing s; its shaping caches start empty.
func (s *Set) Copy() *Set {
	return &Set{faces: s.faces, shaped: s.shaped, features: s.features, fallback: s.fallback}
}

// SetShaping switches text shaping on or off ([fonts] shaping; off in
// a new Set). Off, text is measured as fpdf sets it by characters:
// advance widths, no kerning, ligatures or fallback faces (a character
// the face lacks is missing), only the Basic Multilingual Plane, and
// the faces' files are never parsed for the shaper. On, Width, HasGlyph
// and MissingGlyphs are the shaper's (shaped.go). Call it before
// Replace, and before the Set is used.
func (s *Set) SetShaping(on bool) { s.shaped = on }

// Shaping reports whether the Set shapes text (SetShaping).
func (s *Set) Shaping() bool { return s.shaped }

// Has reports whether name is one of the Set's faces.
func (s *Set) Has(name string) bool { return s.face(name) != nil }

// Width returns the advance width, in points, of str set in the named face
// at size points: shaped (kerning, ligatures, marks, the fallback faces
// for characters the face lacks), as Shape gives the glyphs the PDF
// draws. It is 0 for an unknown face. Text that cannot be shaped (a
// character no face has, which the text checks report first) measures
// with the face's advances.
func (s *Set) Width(font string, size float64, str string) float64 {
	if !s.shaped {
		// As fpdf sets text (SetShaping false): no kerning, the hmtx
		// advance of each code point's glyph rounded to 1/1000 em, the
		// width of glyph 0 for code points the font lacks.
		f := s.face(font)
		if f == nil {
			return 0
		}
		return float64(f.m.units(str)) * size / 1000
	}
	i, role := ref(font)
	if i < 0 {
		return 0
	}
	if w, ok := s.shapedWidth(i, role, size, str); ok {
		return w
	}
	return float64(s.faces[i].m.units(str)) * size / 1000
}

// HyphenatedWidth is Width of str + "-" (typeset.HyphenMeasurer).
func (s *Set) HyphenatedWidth(font string, size float64, str string) float64 {
	if s.shaped && str != "" && !mayHaveGlue(str) {
		if i, role := ref(font); i >= 0 {
			if sh := s.fontsOf(i, role); sh.err == nil && sh.simple != nil {
				if adv, ok := sh.simple.AdvanceHyphenated(str); ok {
					return float64(adv) * size / sh.upem
				}
			}
		}
	}
	return s.Width(font, size, str+"-")
}

// Prefixes gives the widths of word[:cut] and word[:cut] + "-" for each
// cut in one pass, where the face's shape.Simple sets the word
// (typeset.PrefixMeasurer); false otherwise.
func (s *Set) Prefixes(font string, size float64, word string, cuts []int, widths, hyphenated []float64) bool {
	if !s.shaped || len(cuts) > 64 {
		return false
	}
	i, role := ref(font)
	if i < 0 {
		return false
	}
	sh := s.fontsOf(i, role)
	if sh.err != nil || sh.simple == nil {
		return false
	}
	var a, h [64]int32
	if !sh.simple.Prefixes(word, cuts, a[:len(cuts)], h[:len(cuts)]) {
		return false
	}
	for k := range cuts {
		widths[k] = float64(a[k]) * size / sh.upem
		hyphenated[k] = float64(h[k]) * size / sh.upem
	}
	return true
}

// units is fpdf's GetStringSymbolWidth: the width in 1/1000 em.
func (m *metrics) units(str string) int {
	w := 0
	for _, r := range str {
		if r < 1<<16 {
			switch cw := m.widths[r]; cw {
			case noGlyph:
			case zeroWidth:
				continue
			default:
				w += int(cw)
				continue
			}
		}
		if m.missing != 0 {
			w += m.missing
		} else {
			w += 500
		}
	}
	return w
}

// HasGlyph reports whether the named face or one of its fallbacks has a
// glyph for r (or r needs none: a joiner, a bidi mark).
func (s *Set) HasGlyph(font string, r rune) bool {
	f := s.face(font)
	if f == nil || r < 0 {
		return false
	}
	if r < 1<<16 && f.m.widths[r] != noGlyph {
		return true
	}
	// Unshaped, fpdf sets only the face's own Basic Multilingual Plane.
	return s.shaped && s.has(index(font), r)
}

// InFile reports whether the named face's font file maps r to a glyph,
// read from its format 4 cmap and, outside the Basic Multilingual Plane,
// its format 12 cmap (the face alone, not its fallbacks).
func (s *Set) InFile(font string, r rune) bool {
	f := s.face(font)
	switch {
	case f == nil || r < 0:
		return false
	case r < 1<<16:
		return f.m.widths[r] != noGlyph
	}
	return f.m.hasAstral(r)
}

// Ascent returns the named face's ascent (hhea ascender) at size points,
// in points above the baseline. It is 0 for an unknown face.
func (s *Set) Ascent(font string, size float64) float64 {
	return s.scaled(font, size, func(m *metrics) int { return m.ascent })
}

// Descent returns the named face's descent (hhea descender) at size
// points, as a positive distance in points below the baseline.
func (s *Set) Descent(font string, size float64) float64 {
	return s.scaled(font, size, func(m *metrics) int { return -m.descent })
}

// LineGap returns the named face's recommended extra leading (hhea line
// gap) at size points.
func (s *Set) LineGap(font string, size float64) float64 {
	return s.scaled(font, size, func(m *metrics) int { return m.lineGap })
}

// CapHeight returns the height of the named face's capitals (OS/2
// sCapHeight, else the ascent) at size points.
func (s *Set) CapHeight(font string, size float64) float64 {
	return s.scaled(font, size, func(m *metrics) int { return m.capHeight })
}

func (s *Set) scaled(font string, size float64, v func(*metrics) int) float64 {
	f := s.face(font)
	if f == nil {
		return 0
	}
	return float64(v(f.m)) * size / float64(f.m.unitsPerEm)
}
