package charts

import (
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// word is a piece of label or key text, set in bold or not.
type word struct {
	text string
	bold bool
}

// measurer measures words in the label styles, each distinct word once
// per layout: measuring text allocates, and a layout measures the same
// titles in every pass.
type measurer struct {
	bold, reg text.Style
	space     vg.Length
	widths    map[word]vg.Length
	sizes     map[int][]labelSize // by mark index
}

func (t *Timeline) newMeasurer() *measurer {
	th := t.Theme
	reg := th.style(th.Font, th.LabelSize, th.Ink)
	return &measurer{bold: th.style(th.Bold, th.LabelSize, th.Ink), reg: reg, space: reg.Width(" "),
		widths: map[word]vg.Length{}, sizes: map[int][]labelSize{}}
}

// lineHeight is the height of a line of the key.
func (m *measurer) lineHeight() vg.Length {
	e := m.reg.FontExtents()
	return (e.Ascent + e.Descent) * 1.15
}

// width is the width of one word.
func (m *measurer) width(w word) vg.Length {
	if v, ok := m.widths[w]; ok {
		return v
	}
	sty := m.reg
	if w.bold {
		sty = m.bold
	}
	v := sty.Width(w.text)
	m.widths[w] = v
	return v
}

// run is the width of words set with single spaces.
func (m *measurer) run(words []word) vg.Length {
	var w vg.Length
	for i, wd := range words {
		if i > 0 {
			w += m.space
		}
		w += m.width(wd)
	}
	return w
}

// wrap breaks words into lines no wider than w (a word wider than w
// stands on a line of its own, whole).
func (m *measurer) wrap(words []word, w vg.Length) [][]word {
	var lines [][]word
	var cur []word
	var cw vg.Length
	for _, wd := range words {
		ww := m.width(wd)
		if len(cur) > 0 && cw+m.space+ww > w {
			lines = append(lines, cur)
			cur, cw = nil, 0
		}
		if len(cur) > 0 {
			cw += m.space
		}
		cur = append(cur, wd)
		cw += ww
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// labelLeading is the extra space between the two lines of a label.
const labelLeading = 0.5

// drawWords draws words from x on the baseline y, the bold ones in bold.
func drawWords(c draw.Canvas, bold, reg text.Style, x, y vg.Length, words []word) {
	for i, w := range words {
		if i > 0 {
			x += reg.Width(" ")
		}
		sty := reg
		if w.bold {
			sty = bold
		}
		fillText(c, sty, x, y, w.text)
		x += sty.Width(w.text)
	}
}
