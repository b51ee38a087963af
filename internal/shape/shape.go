package shape

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
)

// Glyph is one shaped glyph. Positions are in the face's font units
// (UnitsPerEm to the em), exactly as HarfBuzz gives them at a scale of
// one unit per font unit; Run.Width and Points turn them into points.
type Glyph struct {
	ID       uint16 // glyph index in the face
	Cluster  int    // byte offset in Run.Text of the first character the glyph stands for
	XAdvance int32  // how far the pen moves after the glyph (kerning included)
	XOffset  int32  // where the glyph is drawn relative to the pen (mark positioning)
	YOffset  int32  // up positive
}

// Run is an item shaped: glyphs of one face, in visual order (left to
// right, so a right-to-left run's first glyph is its last character's).
// Glyphs may be shared with the shaper's cache: do not modify them.
type Run struct {
	Text    string // the characters, in logical order
	Start   int    // byte offset of Text in the text given to Shape
	Level   uint8  // bidi level; odd is right to left
	Script  language.Script
	Face    *Face
	Glyphs  []Glyph
	Advance int32 // sum of the glyphs' XAdvance, font units
}

// RTL reports whether the run is set right to left.
func (r *Run) RTL() bool { return r.Level%2 == 1 }

// Width is the run's advance width in points at size points.
func (r *Run) Width(size float64) float64 { return r.Face.Points(r.Advance, size) }

// Points converts font units of f to points at size points.
func (f *Face) Points(units int32, size float64) float64 {
	return float64(units) * size / float64(f.upem)
}

// Line is a shaped text: its runs in logical order and the paragraph
// level (0 left to right, 1 right to left).
type Line struct {
	Runs  []Run
	Level uint8
}

// Width is the line's advance width in points at size points.
func (l *Line) Width(size float64) float64 {
	w := 0.0
	for i := range l.Runs {
		w += l.Runs[i].Width(size)
	}
	return w
}

// Visual is the line's runs in the order they are drawn, left to right
// (see Reorder).
func (l *Line) Visual() []Run {
	lv := make([]uint8, len(l.Runs))
	for i := range l.Runs {
		lv[i] = l.Runs[i].Level
	}
	out := make([]Run, len(l.Runs))
	for i, k := range Reorder(lv) {
		out[i] = l.Runs[k]
	}
	return out
}

// Shaper shapes text with HarfBuzz's rules (go-text/typesetting's port)
// and keeps what it shaped in a cache. It is safe for concurrent use.
type Shaper struct {
	lines *lru[lineKey, *Line]
	runs  *lru[runKey, []Glyph]
	pool  sync.Pool // *worker

	lineHits, lineMisses atomic.Uint64
	runHits, runMisses   atomic.Uint64
}

type lineKey struct {
	font string
	dir  Direction
	text string
}

type runKey struct {
	face     uint64
	features string
	lang     string
	script   language.Script
	rtl      bool
	text     string
}

// worker is what one goroutine needs to shape: a HarfBuzz buffer and
// HarfBuzz fonts (with their lookup accelerators), neither of which may
// be shared between goroutines.
type worker struct {
	buf   *harfbuzz.Buffer
	fonts map[uint64]*harfbuzz.Font
	runes []rune
	offs  []int
}

// DefaultCacheEntries is the cache size NewShaper(0) gives: enough for
// the distinct words of a briefing of several thousand events.
const DefaultCacheEntries = 1 << 16

// NewShaper makes a shaper whose cache holds about entries shaped texts
// (0 for DefaultCacheEntries, a negative number for no cache). The
// cache is keyed by (face chain, features, language, direction, text):
// not by size, because glyphs are shaped in font units without hinting
// and scale linearly, so "the" shaped once serves every size it is set
// in.
func NewShaper(entries int) *Shaper {
	if entries == 0 {
		entries = DefaultCacheEntries
	}
	s := &Shaper{}
	if entries > 0 {
		s.lines = newLRU[lineKey, *Line](entries)
		s.runs = newLRU[runKey, []Glyph](entries)
	}
	s.pool.New = func() any {
		return &worker{buf: harfbuzz.NewBuffer(), fonts: map[uint64]*harfbuzz.Font{}}
	}
	return s
}

// Stats counts cache look-ups.
type Stats struct {
	LineHits, LineMisses uint64 // Shape calls answered from the cache, and not
	RunHits, RunMisses   uint64 // items answered from the cache, and shaped
}

// Stats reports the cache's hits and misses so far.
func (s *Shaper) Stats() Stats {
	return Stats{
		LineHits: s.lineHits.Load(), LineMisses: s.lineMisses.Load(),
		RunHits: s.runHits.Load(), RunMisses: s.runMisses.Load(),
	}
}

// Shape shapes text (one word, or a line's worth of words: it is not
// broken) in font f: it itemises it (Font.Itemize) and shapes each
// item. The result may be shared with the cache: do not modify it.
// Errors: a *ControlError, a *MissingError, or a font that cannot be
// used (see ShapeItem).
func (s *Shaper) Shape(f *Font, text string, dir Direction) (*Line, error) {
	key := lineKey{f.id, dir, text}
	if s.lines != nil {
		if l, ok := s.lines.get(key); ok {
			s.lineHits.Add(1)
			return l, nil
		}
		s.lineMisses.Add(1)
	}
	if l := f.simpleLine(text, dir); l != nil {
		if s.lines != nil {
			s.lines.put(key, l)
		}
		return l, nil
	}
	items, level, err := f.Itemize(text, dir)
	if err != nil {
		return nil, err
	}
	l := &Line{Runs: make([]Run, len(items)), Level: level}
	for i, it := range items {
		if l.Runs[i], err = s.ShapeItem(f, text, it); err != nil {
			return nil, err
		}
	}
	if s.lines != nil {
		s.lines.put(key, l)
	}
	return l, nil
}

// simpleLine is text shaped by the primary face's Simple, as Itemize and
// ShapeItem would shape it, or nil if it is not simple.
func (f *Font) simpleLine(text string, dir Direction) *Line {
	sm := f.Simple()
	if sm == nil || dir == RightToLeft {
		return nil
	}
	gs, adv, ok := sm.Append(nil, text, 0)
	if !ok {
		return nil
	}
	return &Line{Runs: []Run{{Text: text, Script: sm.script(text), Face: f.faces[0], Glyphs: gs, Advance: adv}}}
}

// Width is the advance width in points of text set in f at size points.
func (s *Shaper) Width(f *Font, size float64, text string, dir Direction) (float64, error) {
	l, err := s.Shape(f, text, dir)
	if err != nil {
		return 0, err
	}
	return l.Width(size), nil
}

// Hyphenated shapes the part of a word before a line break with a
// hyphen after it: text + "-" shaped as one piece, so the hyphen is
// kerned to the letter before it and nothing is kerned or joined
// across the break. The part after the break is shaped on its own with
// Shape. (Shaping the two parts afresh, not cutting the whole word's
// glyphs, also undoes a ligature the break falls into: "ef-fect".)
func (s *Shaper) Hyphenated(f *Font, text string, dir Direction) (*Line, error) {
	return s.Shape(f, text+"-", dir)
}

// ShapeItem shapes text[it.Start:it.End] as one run, with no context
// around it. The glyphs come from the cache when the same face,
// features, language, script, direction and text were shaped before.
// The only error is a font whose layout tables make the shaper fail;
// it names the face.
func (s *Shaper) ShapeItem(f *Font, text string, it Item) (Run, error) {
	t := text[it.Start:it.End]
	r := Run{Text: t, Start: it.Start, Level: it.Level, Script: it.Script, Face: it.Face}
	key := runKey{it.Face.id, f.features.key, f.lang, it.Script, it.RTL(), t}
	var gs []Glyph
	ok := false
	if s.runs != nil {
		gs, ok = s.runs.get(key)
		if ok {
			s.runHits.Add(1)
		} else {
			s.runMisses.Add(1)
		}
	}
	if !ok {
		var err error
		if gs, err = s.shape(it.Face, f.features, f.lang, it.Script, it.RTL(), t); err != nil {
			return Run{}, err
		}
		if s.runs != nil {
			s.runs.put(key, gs)
		}
	}
	r.Glyphs = gs
	for _, g := range gs {
		r.Advance += g.XAdvance
	}
	return r, nil
}

// shape runs HarfBuzz on a pooled worker. go-text's shaper trusts a
// font's layout tables; a hostile font must give an error, not take the
// build down. A worker that panicked is not reused.
func (s *Shaper) shape(face *Face, ft Features, lang string, script language.Script, rtl bool, text string) (gs []Glyph, err error) {
	w := s.pool.Get().(*worker)
	defer func() {
		if r := recover(); r != nil {
			gs, err = nil, fmt.Errorf("%s: the font's tables cannot be used to set %q: %v", face.name, text, r)
			return
		}
		s.pool.Put(w)
	}()
	return w.shape(face, ft, lang, script, rtl, text), nil
}

func (w *worker) shape(face *Face, ft Features, lang string, script language.Script, rtl bool, text string) []Glyph {
	hf := w.fonts[face.id]
	if hf == nil {
		if len(w.fonts) >= 64 {
			// Faces replaced over a long run (watch, serve) must not
			// accumulate.
			clear(w.fonts)
		}
		hf = face.newHBFont()
		w.fonts[face.id] = hf
	}
	// HarfBuzz's clusters are rune indices; ours are byte offsets, as
	// hb-shape prints them for UTF-8 input (an invalid byte counts as
	// one U+FFFD of one byte, as in a Go range loop).
	w.runes, w.offs = w.runes[:0], w.offs[:0]
	for i, r := range text {
		w.runes = append(w.runes, r)
		w.offs = append(w.offs, i)
	}
	w.offs = append(w.offs, len(text))
	byteOff := w.offs
	b := w.buf
	b.Clear()
	b.AddRunes(w.runes, 0, len(w.runes))
	b.Props.Script = script
	b.Props.Language = language.NewLanguage(lang)
	if lang == "" {
		b.Props.Language = ""
	}
	b.Props.Direction = harfbuzz.LeftToRight
	if rtl {
		b.Props.Direction = harfbuzz.RightToLeft
	}
	b.Shape(hf, ft.harfbuzz())

	gs := make([]Glyph, len(b.Info))
	for i, in := range b.Info {
		p := b.Pos[i]
		gs[i] = Glyph{
			ID:       uint16(in.Glyph),
			Cluster:  byteOff[in.Cluster],
			XAdvance: int32(p.XAdvance),
			XOffset:  int32(p.XOffset),
			YOffset:  int32(p.YOffset),
		}
	}
	return gs
}
