package charts

import (
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// textBox measures a single line of text set in sty with its baseline at
// y, starting at x.
func textBox(sty text.Style, s string, x, y vg.Length) vg.Rectangle {
	e := sty.FontExtents()
	return vg.Rectangle{Min: vg.Point{X: x, Y: y - e.Descent}, Max: vg.Point{X: x + sty.Width(s), Y: y + e.Ascent}}
}

// fillText draws one line of text in a left/bottom-aligned style with its
// baseline at (x, y). (The plain handler sets a line's baseline at
// pt.Y − ascent + size for a bottom-aligned style.)
func fillText(c draw.Canvas, sty text.Style, x, y vg.Length, s string) {
	sty.XAlign, sty.YAlign, sty.Rotation = draw.XLeft, draw.YBottom, 0
	e := sty.FontExtents()
	c.FillText(sty, vg.Point{X: x, Y: y + e.Ascent - sty.Font.Size}, s)
}
