package fonts

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/briefing-pdf/briefing/internal/shape"
)

// Text is shaped with HarfBuzz's rules (internal/shape): Width measures
// shaped text and Shape gives the glyphs the PDF shows, from the same
// shaping, so what is measured is what is drawn. Spaces are glue: the
// words between them are shaped one at a time and nothing is kerned
// across a space, as in TeX; a space is its face's space glyph.

// shaper is the process's shaper: its cache of shaped words serves every
// build (the server's too), keyed by face, features and text.
var shaper = shape.NewShaper(0)

// Segment is a piece of shaped text in one face and one direction:
// what one glyph run of the PDF shows.
type Segment struct {
	Face    *shape.Face
	Embed   string        // the name the PDF registers Face under (a face name of the Set, or a fallback's; see EmbedFaces)
	Text    string        // the characters, in logical order
	RTL     bool          // set right to left (Glyphs are in visual order)
	Glyphs  []shape.Glyph // in visual order; positions in Face's font units
	Advance int32         // font units
}

// Width is the segment's advance in points at size points.
func (g *Segment) Width(size float64) float64 { return g.Face.Points(g.Advance, size) }

// shaping is a face's fonts for the shaper: the face alone, and the face
// with its fallback chain, made when a text needs a character the face
// lacks (parsing the fallback faces costs more than most builds' text).
type shaping struct {
	once   sync.Once
	solo   *shape.Font
	simple *shape.Simple // solo's, or nil (see shape.Simple)
	face   *shape.Face   // solo's face
	upem   float64
	err    error
	cOnce  sync.Once
	chain  *shape.Font
	cErr   error

	// The pieces shaped (a long briefing repeats its words): published
	// ones in a map never written again, read without a lock, and the
	// newest in pending; pending is published, merged with the rest,
	// when it is as large as they are (each piece is copied a few times
	// in all).
	published atomic.Pointer[map[string]*piece]
	mu        sync.Mutex
	pending   map[string]*piece
	space     atomic.Pointer[piece] // " ", the most frequent piece
}

// piece is a word or a space shaped: its runs in drawing order and its
// width.
type piece struct {
	runs []shape.Run
	w    pieceWidth
}

// pieceWidth is a shaped piece's advance: adv font units of upem to the
// em when it is one run (the common case, computed as Run.Width does),
// else perPt points at 1 pt.
type pieceWidth struct {
	adv, upem int32
	perPt     float64
}

func (p pieceWidth) at(size float64) float64 {
	if p.upem != 0 {
		return float64(p.adv) * size / float64(p.upem)
	}
	return p.perPt * size
}

// maxPieces bounds a face's cache of pieces (distinct words).
const maxPieces = 1 << 16

// shapeFace is f's file parsed for the shaper, once per face.
func (f *face) shapeFace() (*shape.Face, error) {
	f.sOnce.Do(func() { f.sface, f.sErr = shape.ParseFace(f.Source, f.TTF) })
	return f.sface, f.sErr
}

// Roles: a font name is a face name, or a face name and a role after
// "@" ("sans@tables", WithRole), which sets it with the role's features
// (SetFeatures).
const (
	RoleHeadings = "headings"
	RoleTables   = "tables"
)

const nRoles = 3 // none, headings, tables

func roleIndex(role string) int {
	switch role {
	case RoleHeadings:
		return 1
	case RoleTables:
		return 2
	}
	return -1
}

// WithRole is the font name of face set in role (RoleHeadings,
// RoleTables): measured, checked and drawn as the face, shaped with the
// role's features.
func WithRole(face, role string) string { return face + "@" + role }

// ref resolves a font name to its face's index and its role (0: none).
func ref(name string) (i, role int) {
	if i = faceIndex(name); i >= 0 {
		return i, 0
	}
	base, r, ok := strings.Cut(name, "@")
	if !ok {
		return -1, 0
	}
	if role = roleIndex(r); role < 0 {
		return -1, 0
	}
	return faceIndex(base), role
}

// fontsOf returns the shaping fonts of face i in role.
func (s *Set) fontsOf(i, role int) *shaping {
	sh := &s.shaping[role][i]
	sh.once.Do(func() {
		sf, err := s.faces[i].shapeFace()
		if err != nil {
			sh.err = err
			return
		}
		sh.solo, sh.err = shape.NewFont([]*shape.Face{sf}, s.features[role][i], "")
		if sh.err == nil {
			sh.simple, sh.face = sh.solo.Simple(), sf
			sh.upem = float64(sf.UnitsPerEm())
		}
	})
	return sh
}

// chainOf returns face i's font in role with its fallbacks.
func (s *Set) chainOf(i, role int) (*shape.Font, error) {
	sh := s.fontsOf(i, role)
	if sh.err != nil {
		return nil, sh.err
	}
	sh.cOnce.Do(func() {
		fb, err := s.fallbackFor(i)
		if err != nil {
			sh.cErr = err
			return
		}
		sh.chain, sh.cErr = shape.NewFont(append([]*shape.Face{sh.solo.Faces()[0]}, fb...), s.features[role][i], "")
	})
	return sh.chain, sh.cErr
}

// fallbackFor is the fallback chain of face i: the configured one, else
// the built-in one for its family (DejaVu Serif and Sans after a serif
// face, DejaVu Sans after a sans face).
func (s *Set) fallbackFor(i int) ([]*shape.Face, error) {
	if s.fallback != nil {
		if i < 4 {
			return s.fallback.serif, nil
		}
		return s.fallback.sans, nil
	}
	return shape.BuiltinFallback(i < 4)
}

// allFallbacks is every fallback face of the Set, each once: the
// serif faces' chain, then what the sans faces' adds.
func (s *Set) allFallbacks() []*shape.Face {
	se, err := s.fallbackFor(0)
	if err != nil {
		return nil
	}
	sa, _ := s.fallbackFor(4)
	out := append([]*shape.Face(nil), se...)
	for _, f := range sa {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// isGlue reports the characters that separate words: shaped alone.
func isGlue(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u00a0', '\u202f', '\u2007':
		return true
	}
	return false
}

// mayHaveGlue reports whether str may hold a character isGlue reports:
// an ASCII space, tab or line end, or the lead byte of U+00A0 (0xC2) or
// of U+2007 and U+202F (0xE2).
func mayHaveGlue(str string) bool {
	for k := 0; k < len(str); k++ {
		switch str[k] {
		case ' ', '\t', '\n', '\r', 0xc2, 0xe2:
			return true
		}
	}
	return false
}

// eachPiece calls fn with the pieces of str: its words, and its spaces
// one at a time.
func eachPiece(str string, fn func(piece string) bool) bool {
	start := 0
	for j, r := range str {
		if !isGlue(r) {
			continue
		}
		end := j + utf8.RuneLen(r)
		if j > start && !fn(str[start:j]) {
			return false
		}
		if !fn(str[j:end]) {
			return false
		}
		start = end
	}
	return start >= len(str) || fn(str[start:])
}

// each shapes str in face i piece by piece (words, and spaces one at a
// time) and calls fn with each run in drawing order.
//
// Text with right-to-left characters is shaped whole instead, its runs
// in visual order (the bidi algorithm orders the words of a line, not
// of a piece): see rtlLine.
func (s *Set) each(i, role int, str string, fn func(r *shape.Run)) error {
	if shape.HasRightToLeft(str) {
		return s.eachRTL(i, role, str, shape.LeftToRight, fn)
	}
	sh := &s.shaping[role][i]
	var err error
	eachPiece(str, func(text string) bool {
		var p *piece
		if p, err = s.piece(sh, i, role, text); err != nil {
			return false
		}
		for k := range p.runs {
			fn(&p.runs[k])
		}
		return true
	})
	return err
}

// shapedWidth is str's shaped advance in points at size, or false if it
// cannot be shaped (a character no face has: the text checks report it
// before layout).
func (s *Set) shapedWidth(i, role int, size float64, str string) (float64, bool) {
	sh := s.fontsOf(i, role)
	if sh.err != nil {
		return 0, false
	}
	if sh.simple != nil && str != "" && !mayHaveGlue(str) {
		// A simple word (most words) has no right-to-left character.
		if adv, ok := sh.simple.Advance(str); ok {
			return float64(adv) * size / sh.upem, true
		}
	}
	if shape.HasRightToLeft(str) {
		l, err := s.rtlLine(i, role, str, shape.LeftToRight)
		if err != nil {
			return 0, false
		}
		return l.Width(size), true
	}
	if str != "" && !mayHaveGlue(str) {
		// One word (what the line breaker measures): one piece.
		return s.pieceWidth(sh, i, role, size, str)
	}
	w := 0.0
	ok := eachPiece(str, func(text string) bool {
		pw, ok := s.pieceWidth(sh, i, role, size, text)
		w += pw
		return ok
	})
	return w, ok
}

// pieceWidth is a piece's width: from the face's shape.Simple if it
// sets the piece, else shaped (and cached).
func (s *Set) pieceWidth(sh *shaping, i, role int, size float64, text string) (float64, bool) {
	if sh.simple != nil {
		if adv, ok := sh.simple.Advance(text); ok {
			return float64(adv) * size / sh.upem, true
		}
	}
	p, err := s.piece(sh, i, role, text)
	if err != nil {
		return 0, false
	}
	return p.w.at(size), true
}

// piece returns a word or a space shaped, from the face's cache or the
// shaper.
func (s *Set) piece(sh *shaping, i, role int, text string) (*piece, error) {
	if text == " " {
		if p := sh.space.Load(); p != nil {
			return p, nil
		}
	}
	pub := sh.published.Load()
	if pub != nil {
		if p := (*pub)[text]; p != nil {
			return p, nil
		}
	}
	sh.mu.Lock()
	p := sh.pending[text]
	sh.mu.Unlock()
	if p != nil {
		return p, nil
	}
	runs, err := s.shapePiece(i, role, text)
	if err != nil {
		return nil, err
	}
	p = &piece{runs: runs}
	for k, r := range runs {
		if k == 0 {
			p.w = pieceWidth{adv: r.Advance, upem: int32(r.Face.UnitsPerEm())}
			continue
		}
		if p.w.upem != 0 {
			p.w = pieceWidth{perPt: p.w.at(1)}
		}
		p.w.perPt += r.Face.Points(r.Advance, 1)
	}
	sh.mu.Lock()
	if sh.pending == nil {
		sh.pending = make(map[string]*piece, 64)
	}
	sh.pending[text] = p
	if pub = sh.published.Load(); pub == nil || len(sh.pending) >= max(64, len(*pub)) {
		merged := sh.pending
		if pub != nil && len(*pub)+len(sh.pending) <= maxPieces {
			merged = make(map[string]*piece, len(*pub)+len(sh.pending))
			maps.Copy(merged, *pub)
			maps.Copy(merged, sh.pending)
		}
		sh.published.Store(&merged)
		sh.pending = nil
	}
	sh.mu.Unlock()
	if text == " " {
		sh.space.Store(p)
	}
	return p, nil
}

// shapePiece shapes a word or a space in face i, with the fallback chain
// if the face lacks a character, and returns its runs in drawing order.
func (s *Set) shapePiece(i, role int, text string) ([]shape.Run, error) {
	sh := s.fontsOf(i, role)
	if sh.err != nil {
		return nil, sh.err
	}
	line, err := shaper.Shape(sh.solo, text, shape.Auto)
	var miss *shape.MissingError
	if errors.As(err, &miss) {
		var chain *shape.Font
		if chain, err = s.chainOf(i, role); err == nil {
			line, err = shaper.Shape(chain, text, shape.Auto)
		}
	}
	if err != nil {
		return nil, err
	}
	if len(line.Runs) == 1 {
		return line.Runs, nil
	}
	return line.Visual(), nil
}

// AppendGlyphs appends the glyphs of str in the named face to dst, if
// they are all of the face itself and left to right: what Runs gives,
// as one run of glyphs (clusters are byte offsets in str). Pieces the
// face's shape.Simple sets cost no cache look-up. It returns the face,
// its embedded name (see EmbedFace) and the advance in font units; ok
// is false, with dst as it was, when a piece needs a fallback face or is
// right to left (use Runs).
func (s *Set) AppendGlyphs(dst []shape.Glyph, font, str string) (out []shape.Glyph, face *shape.Face, embed string, adv int32, ok bool) {
	i, role := ref(font)
	if i < 0 {
		return dst, nil, "", 0, false
	}
	sh := s.fontsOf(i, role)
	if sh.err != nil {
		return dst, nil, "", 0, false
	}
	n := len(dst)
	out = dst
	base := 0
	ok = eachPiece(str, func(text string) bool {
		if sh.simple != nil {
			var a int32
			var took bool
			if out, a, took = sh.simple.Append(out, text, base); took {
				adv += a
				base += len(text)
				return true
			}
		}
		p, err := s.piece(sh, i, role, text)
		if err != nil {
			return false
		}
		for k := range p.runs {
			r := &p.runs[k]
			if r.Face != sh.face || r.RTL() {
				return false
			}
			for _, g := range r.Glyphs {
				g.Cluster += base + r.Start
				out = append(out, g)
			}
			adv += r.Advance
		}
		base += len(text)
		return true
	})
	if !ok {
		return dst[:n], nil, "", 0, false
	}
	return out, sh.face, names[i], adv, true
}

// BidiLevels resolves the bidi algorithm over a paragraph's texts
// (typeset.BidiLeveler; see shape.BidiLevels).
func (s *Set) BidiLevels(texts []string) ([][]uint8, uint8) { return shape.BidiLevels(texts) }

// rtlLine shapes text with right-to-left characters whole, in a
// paragraph of direction dir, in face i's fallback chain: the bidi
// algorithm puts its words in order (pieces shaped one at a time could
// not be). Spaces may then be kerned with their neighbours, which few
// fonts do.
func (s *Set) rtlLine(i, role int, str string, dir shape.Direction) (*shape.Line, error) {
	font, err := s.chainOf(i, role)
	if err != nil {
		sh := s.fontsOf(i, role)
		if sh.err != nil {
			return nil, sh.err
		}
		font = sh.solo
	}
	return shaper.Shape(font, str, dir)
}

// eachRTL calls fn with the runs of str shaped whole (rtlLine), in
// visual order.
func (s *Set) eachRTL(i, role int, str string, dir shape.Direction, fn func(r *shape.Run)) error {
	l, err := s.rtlLine(i, role, str, dir)
	if err != nil {
		return err
	}
	runs := l.Visual()
	for k := range runs {
		fn(&runs[k])
	}
	return nil
}

// RunsRTL is Runs for text set right to left as a whole (a fragment at
// an odd bidi level of a line, typeset.Fragment.Level): shaped in a
// right-to-left paragraph, so that brackets and other mirrored
// characters are mirrored even where the text has no letter of its own.
func (s *Set) RunsRTL(font, str string, fn func(r *shape.Run, embed string)) error {
	i, role := ref(font)
	if i < 0 {
		return fmt.Errorf("unknown font %q", font)
	}
	primary, _ := s.faces[i].shapeFace()
	return s.eachRTL(i, role, str, shape.RightToLeft, func(r *shape.Run) {
		embed := names[i]
		if r.Face != primary {
			embed = s.embedName(i, r.Face)
		}
		fn(r, embed)
	})
}

// Runs shapes str in the named face (with its fallbacks) as Width
// measures it and calls fn with each shaped run, left to right, and the
// name its face is embedded under (see EmbedFace). Runs may be shared
// with the shaper's cache: do not modify them.
func (s *Set) Runs(font, str string, fn func(r *shape.Run, embed string)) error {
	i, role := ref(font)
	if i < 0 {
		return fmt.Errorf("unknown font %q", font)
	}
	primary, _ := s.faces[i].shapeFace()
	return s.each(i, role, str, func(r *shape.Run) {
		embed := names[i]
		if r.Face != primary {
			embed = s.embedName(i, r.Face)
		}
		fn(r, embed)
	})
}

// Shape shapes str in the named face (with its fallbacks) into the
// segments the PDF draws, left to right; their widths add up to Width.
// Consecutive left-to-right runs in one face make one segment.
func (s *Set) Shape(font, str string) ([]Segment, error) {
	var out []Segment
	fresh := false // the last segment's Glyphs are a slice of our own
	err := s.Runs(font, str, func(r *shape.Run, embed string) {
		if n := len(out); n > 0 && !r.RTL() && !out[n-1].RTL && out[n-1].Face == r.Face {
			g := &out[n-1]
			if !fresh {
				g.Glyphs = append([]shape.Glyph(nil), g.Glyphs...)
				fresh = true
			}
			base := len(g.Text)
			for _, gl := range r.Glyphs {
				gl.Cluster += base
				g.Glyphs = append(g.Glyphs, gl)
			}
			g.Text += r.Text
			g.Advance += r.Advance
			return
		}
		out = append(out, Segment{Face: r.Face, Embed: embed, Text: r.Text, RTL: r.RTL(), Glyphs: r.Glyphs, Advance: r.Advance})
		fresh = false
	})
	return out, err
}

// embedName is the name under which the PDF registers f, a face of face
// i's chain: the face's name, or "fallback-N" for the Nth fallback face.
func (s *Set) embedName(i int, f *shape.Face) string {
	if sf, _ := s.faces[i].shapeFace(); sf == f {
		return names[i]
	}
	for k, g := range s.allFallbacks() {
		if g == f {
			return fmt.Sprintf("fallback-%d", k+1)
		}
	}
	return names[i]
}

// EmbedFace returns the font file to embed under name: a face of the
// Set ("serif") or a fallback face as Shape's segments name it.
func (s *Set) EmbedFace(name string) (Face, bool) {
	if i := faceIndex(name); i >= 0 {
		return s.faces[i].Face, true
	}
	for k, f := range s.allFallbacks() {
		if fmt.Sprintf("fallback-%d", k+1) == name {
			return Face{Name: name, Source: f.Name(), TTF: f.Data()}, true
		}
	}
	return Face{}, false
}

// has reports whether face i or a face of its fallback chain has r.
func (s *Set) has(i int, r rune) bool {
	sh := s.fontsOf(i, 0)
	if sh.err != nil {
		return false
	}
	if sh.solo.Has(r) {
		return true
	}
	chain, err := s.chainOf(i, 0)
	return err == nil && chain.Has(r)
}
