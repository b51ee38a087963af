package report

import (
	"math"
	"strings"

	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// tag rides on typeset runs and fragments: what a piece of text links to
// and how it is coloured. It is comparable, so runs of equal style merge.
type tag struct {
	Color    Color
	HasColor bool
	URL      string // an external link
	Dest     string // an internal link: the name of an anchor
	Anchor   string // an anchor placed where this text is
	Emph     bool   // Markdown emphasis: a Span in the structure
	Strike   bool   // struck through (Markdown ~~text~~)
}

// frame collects the items of one page (see report/internal/frames): the
// finish stage makes one a page and hands its items to the write stage,
// which turns them into fpdf calls; nothing else draws.
type frame struct {
	items []frames.Item
	// node is the structure element the items added belong to; an element
	// sets it as it draws.
	node *frames.Node
	// artifact, when set, is the node of every item added whatever node
	// says: a table's header repeated on a continuation page is page
	// furniture, read once where it first stands.
	artifact *frames.Node
	// span is the Span of the emphasis being drawn, which goes on in the
	// paragraph's next line.
	span *frames.Node
	// space measures a space as fpdf sets it; nil draws every fragment
	// with a text operator of its own.
	space  func(font string, size float64) float64
	merged []typeset.Fragment
}

// words joins the fragments of one style that lie a natural space apart
// (words of a line set ragged, or not stretched) into one fragment with
// the space in its text: fpdf then sets them with one text operator, in
// the same place, in a smaller content stream. The result is valid until
// the next call.
func (f *frame) words(frs []typeset.Fragment) []typeset.Fragment {
	if len(frs) < 2 || f.space == nil {
		return frs
	}
	out := f.merged[:0]
	for i, fr := range frs {
		if i > 0 {
			last := &out[len(out)-1]
			if last.Style == fr.Style && last.Level == fr.Level && last.Level%2 == 0 &&
				math.Abs(fr.X-(last.X+last.Width)-f.space(fr.Style.Font, fr.Style.Size)) < 1e-9 {
				last.Text += " " + fr.Text
				last.Width = fr.X + fr.Width - last.X
				last.Gap = fr.Gap
				continue
			}
		}
		out = append(out, fr)
	}
	f.merged = out
	return out
}

// rtlBlocks merges the right-to-left words of a line that are set side
// by side, in one style, into one fragment each: their text in reading
// order with a space between words, drawn as one right-to-left run,
// as word processors draw it (readers that order text by position, such
// as pdf.js, then read it as one run, spaces and all). spaces[i] is the
// set width of each space within merged fragment i (nil for the others),
// so the words stay where the line breaker put them.
func rtlBlocks(frs []typeset.Fragment) (out []typeset.Fragment, spaces map[int][]float64) {
	rtl := false
	for _, fr := range frs {
		rtl = rtl || fr.Level%2 == 1
	}
	if !rtl {
		return frs, nil
	}
	spaces = map[int][]float64{}
	for i := 0; i < len(frs); i++ {
		fr := frs[i]
		j := i
		var sp []float64
		for fr.Level%2 == 1 && j+1 < len(frs) {
			a, b := &frs[j], &frs[j+1]
			// b follows a in reading order and stands just left of it,
			// the space between them set where the line put it.
			if b.Level != a.Level || b.Style != a.Style || a.Gap <= 0 ||
				math.Abs(a.GapX+a.Gap-a.X) > 1e-6 || math.Abs(b.X+b.Width-a.GapX) > 1e-6 {
				break
			}
			sp = append(sp, a.Gap)
			j++
		}
		if j == i {
			out = append(out, fr)
			continue
		}
		m := frs[j] // the leftmost; its gap and level are the block's
		var text strings.Builder
		for k := i; k <= j; k++ {
			if k > i {
				text.WriteByte(' ')
			}
			text.WriteString(frs[k].Text)
		}
		m.Text = text.String()
		m.Width = fr.X + fr.Width - m.X
		spaces[len(out)] = sp
		out = append(out, m)
		i = j
	}
	return out, spaces
}

// nodeOf is the node of the item being added.
func (f *frame) nodeOf() *frames.Node {
	if f.artifact != nil {
		return f.artifact
	}
	return f.node
}

func (f *frame) text(x, y float64, s, font string, size float64, c Color) {
	f.textW(x, y, s, font, size, c, 0)
}

// textW is text with the width w the line breaker measured s at (0: not
// known): the bounds check (outside) trusts it where the text ends far
// enough inside the text area that no kerning pair or ligature at a
// break could make a difference, instead of measuring s again.
func (f *frame) textW(x, y float64, s, font string, size float64, c Color, w float64) {
	if s == "" {
		return
	}
	f.items = append(f.items, frames.Item{Kind: frames.Text, X: x, Y: y, W: w, Text: s, Font: font, Size: size, Color: frames.Color(c), Node: f.nodeOf()})
}

func (f *frame) rect(x, y, w, h float64, c Color) {
	f.items = append(f.items, frames.Item{Kind: frames.Rect, X: x, Y: y, W: w, H: h, Color: frames.Color(c), Node: f.nodeOf()})
}

func (f *frame) line(x1, y1, x2, y2, width float64, c Color) {
	f.items = append(f.items, frames.Item{Kind: frames.Line, X: x1, Y: y1, W: x2 - x1, H: y2 - y1, LineWidth: width, Color: frames.Color(c), Node: f.nodeOf()})
}

func (f *frame) linkURL(x, y, w, h float64, url string) {
	f.items = append(f.items, frames.Item{Kind: frames.Link, X: x, Y: y, W: w, H: h, URL: url, Node: f.nodeOf()})
}

func (f *frame) linkDest(x, y, w, h float64, dest string) {
	f.items = append(f.items, frames.Item{Kind: frames.Link, X: x, Y: y, W: w, H: h, Dest: dest, Node: f.nodeOf()})
}

func (f *frame) anchor(name string, y float64) {
	f.items = append(f.items, frames.Item{Kind: frames.Anchor, Y: y, Name: name})
}

func (f *frame) bookmark(text string, level int, y float64) {
	f.items = append(f.items, frames.Item{Kind: frames.Bookmark, Y: y, Text: text, Level: int32(level)})
}
