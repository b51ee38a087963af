package pdfcanvas

import (
	"sort"
	"strings"

	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/shape"
	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
)

// Text draws shaped text into one document: text set in a font of a
// fonts.Set, shaped as Set.Width measures it, as glyph runs. The body
// (report/internal/pdfwrite) and the charts (Canvas.Shaped) draw through
// one Text, so both are shaped the same way. It keeps each shaped run's
// glyphs as fpdf takes them: a document repeats its words. A Text is
// used by one goroutine.
type Text struct {
	pdf    *fpdf.Fpdf
	set    *fonts.Set
	glyphs map[*shape.Run][]fpdf.Glyph
	buf    []fpdf.Glyph
	sbuf   []shape.Glyph
	spaces []float64 // ShowDir's
}

// NewText returns a Text drawing into pdf, which must make glyph fonts
// (fpdf's SetGlyphFonts), the faces of set.
func NewText(pdf *fpdf.Fpdf, set *fonts.Set) *Text {
	return &Text{pdf: pdf, set: set, glyphs: map[*shape.Run][]fpdf.Glyph{}}
}

// Show draws text in font (a name of the Set) with the pen starting at
// (x, y) on the baseline, in pdf's units, at size points: a glyph run
// per face (and per right-to-left run), each selected with setFont,
// which is called with the face's embedded name (fonts.Set.EmbedFace)
// and must leave it current at size.
func (t *Text) Show(font, text string, x, y, size float64, setFont func(face string)) error {
	return t.ShowDir(font, text, false, nil, x, y, size, setFont)
}

// ShowDir is Show; rtl sets the text right to left as a whole (a line
// fragment at an odd bidi level, typeset.Fragment.Level), and spaces,
// if not nil, are the widths in points of its spaces, in reading order
// (the set spaces of a justified line).
func (t *Text) ShowDir(font, text string, rtl bool, spaces []float64, x, y, size float64, setFont func(face string)) error {
	pdf := t.pdf
	if rtl {
		t.spaces = spaces
		defer func() { t.spaces = nil }()
		return t.showRuns(font, text, x, y, size, setFont, t.set.RunsRTL)
	}
	if sg, face, embed, _, ok := t.set.AppendGlyphs(t.sbuf[:0], font, text); ok {
		// All in the face itself, left to right: one run (as the runs
		// below would give it, each cluster's text on its first glyph).
		scale := 1000 / float64(face.UnitsPerEm())
		glyphs := t.buf[:0]
		for i, g := range sg {
			fg := fpdf.Glyph{ID: g.ID, Advance: float64(g.XAdvance) * scale}
			if g.XOffset != 0 || g.YOffset != 0 {
				fg.XOffset, fg.YOffset = float64(g.XOffset)*scale, float64(g.YOffset)*scale
			}
			if i == 0 || g.Cluster != sg[i-1].Cluster {
				end := len(text)
				for j := i + 1; j < len(sg); j++ {
					if sg[j].Cluster > g.Cluster {
						end = sg[j].Cluster
						break
					}
				}
				if g.Cluster <= end {
					fg.Text = text[g.Cluster:end]
				}
			}
			glyphs = append(glyphs, fg)
		}
		if len(glyphs) > 0 {
			setFont(embed)
			pdf.GlyphRun(x, y, glyphs, "")
		}
		t.buf, t.sbuf = glyphs[:0], sg[:0]
		return nil
	}
	return t.showRuns(font, text, x, y, size, setFont, t.set.Runs)
}

// showRuns draws the runs runs gives, a glyph run per face (and per
// right-to-left run, with its logical text as /ActualText).
func (t *Text) showRuns(font, text string, x, y, size float64, setFont func(face string),
	runs func(font, str string, fn func(r *shape.Run, embed string)) error) error {
	pdf := t.pdf
	k := pdf.GetConversionRatio()
	glyphs := t.buf[:0]
	cur := ""
	adv := 0.0 // points
	flush := func(actual string) {
		if len(glyphs) > 0 {
			setFont(cur)
			pdf.GlyphRun(x, y, glyphs, actual)
			x += adv / k
		}
		glyphs, adv = glyphs[:0], 0
	}
	err := runs(font, text, func(r *shape.Run, embed string) {
		if embed != cur || r.RTL() {
			flush("")
			cur = embed
		}
		gs, ok := t.glyphs[r]
		if !ok {
			gs = appendGlyphs(nil, r)
			t.glyphs[r] = gs
		}
		n := len(glyphs)
		glyphs = append(glyphs, gs...)
		adv += r.Width(size)
		if t.spaces != nil {
			adv += setSpaces(glyphs[n:], r, text, t.spaces, size)
		}
		if r.RTL() {
			flush(r.Text)
		}
	})
	flush("")
	t.buf = glyphs[:0]
	return err
}

// setSpaces gives the space glyphs among gs, the glyphs of run r of
// text, the widths spaces sets them at (in reading order, points), and
// returns how much wider that makes them.
func setSpaces(gs []fpdf.Glyph, r *shape.Run, text string, spaces []float64, size float64) float64 {
	extra := 0.0
	for i, g := range r.Glyphs {
		off := r.Start + g.Cluster
		if off >= len(text) || text[off] != ' ' || i >= len(gs) {
			continue
		}
		k := strings.Count(text[:off], " ")
		if k >= len(spaces) {
			continue
		}
		w := spaces[k] * 1000 / size
		extra += (w - gs[i].Advance) * size / 1000
		gs[i].Advance = w
	}
	return extra
}

// appendGlyphs appends a run's glyphs as fpdf's: advances and offsets in
// thousandths of an em, and each cluster's characters on its first
// glyph (in drawing order), so that the PDF's ToUnicode CMap gives the
// text back (a ligature its letters).
func appendGlyphs(out []fpdf.Glyph, r *shape.Run) []fpdf.Glyph {
	scale := 1000 / float64(r.Face.UnitsPerEm())
	gs := r.Glyphs
	// A cluster's text runs to the start of the next cluster: in a
	// left-to-right run the clusters rise along the glyphs; a
	// right-to-left run's are sorted.
	var starts []int
	if r.RTL() {
		starts = make([]int, len(gs))
		for i, g := range gs {
			starts[i] = g.Cluster
		}
		sort.Ints(starts)
	}
	for i, g := range gs {
		fg := fpdf.Glyph{
			ID:      g.ID,
			Advance: float64(g.XAdvance) * scale,
			XOffset: float64(g.XOffset) * scale,
			YOffset: float64(g.YOffset) * scale,
		}
		if i == 0 || g.Cluster != gs[i-1].Cluster {
			end := len(r.Text)
			if starts != nil {
				if j := sort.SearchInts(starts, g.Cluster+1); j < len(starts) {
					end = starts[j]
				}
			} else {
				for j := i + 1; j < len(gs); j++ {
					if gs[j].Cluster > g.Cluster {
						end = gs[j].Cluster
						break
					}
				}
			}
			if g.Cluster <= end && end <= len(r.Text) {
				fg.Text = r.Text[g.Cluster:end]
			}
		}
		out = append(out, fg)
	}
	return out
}
