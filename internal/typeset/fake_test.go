package typeset

import "unicode/utf8"

// fixed is a Measurer in which every rune, space included, is one unit
// wide at size 1 (and size units at other sizes).
type fixed struct{}

func (fixed) Width(font string, size float64, s string) float64 {
	if size <= 0 {
		size = 1
	}
	return float64(utf8.RuneCountInString(s)) * size
}

func (fixed) HasGlyph(font string, r rune) bool { return true }

func plain(text string, width float64) Paragraph {
	return Paragraph{Runs: []Run{{Text: text, Style: Style{Font: "f", Size: 1}}}, Width: width}
}

// texts returns the lines' text, fragments joined by spaces.
func texts(lines []Line) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		s := ""
		for j, f := range l.Fragments {
			if j > 0 {
				s += " "
			}
			s += f.Text
		}
		out[i] = s
	}
	return out
}

// spacy is fixed with spaces 3 units wide, so that glue stretches by 1.5
// and shrinks by 1: more room to choose than fixed's.
type spacy struct{}

func (spacy) Width(font string, size float64, s string) float64 {
	w := 0.0
	for _, r := range s {
		if r == ' ' {
			w += 3
		} else {
			w++
		}
	}
	return w
}

func (spacy) HasGlyph(font string, r rune) bool { return true }
