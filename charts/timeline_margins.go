package charts

import (
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// Gaps and sizes of the timeline layout, in points.
const (
	nameGap   = 6 // between lane names and the outside arrows or the data
	arrowSize = 4 // length of an outside-window arrow
	legendGap = 6 // below the legend
)

// leftMargin and rightMargin are the room the plotter draws in outside
// the data area: lane names, outside arrows with their counts, and the
// overhang of markers on the window's first and last days.
func (t *Timeline) leftMargin() vg.Length {
	w := t.nameWidth + nameGap + t.Theme.MarkerRadius
	if t.hasBefore {
		w += arrowSize + 2 + t.outWidth + nameGap/2
	}
	return w
}

func (t *Timeline) rightMargin() vg.Length {
	w := t.Theme.MarkerRadius * 1.2
	if t.hasAfter {
		w += nameGap/2 + arrowSize + 2 + t.outWidth
	}
	return w
}

// GlyphBoxes implements plot.GlyphBoxer: it asks the plot for room on
// the left for the lane names (and arrows for events before the window)
// and on the right for arrows for events after it.
func (t *Timeline) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	return []plot.GlyphBox{
		{X: 0, Y: 0, Rectangle: vg.Rectangle{Min: vg.Point{X: -t.leftMargin()}, Max: vg.Point{}}},
		{X: 1, Y: 0, Rectangle: vg.Rectangle{Min: vg.Point{}, Max: vg.Point{X: t.rightMargin()}}},
	}
}

// maxNameWidth caps a lane name line; longer names wrap once, then are
// cut with an ellipsis.
const maxNameWidth = 96

// measureNames wraps the lane names and measures them and the outside
// counts, for GlyphBoxes.
func (t *Timeline) measureNames() {
	sty := t.Theme.style(t.Theme.Bold, t.Theme.TextSize, t.Theme.Ink)
	t.laneLines = make([][]string, len(t.Lanes))
	t.nameWidth = 0
	for i, l := range t.Lanes {
		lines := wrapName(sty, l.Name, maxNameWidth)
		t.laneLines[i] = lines
		for _, s := range lines {
			t.nameWidth = max(t.nameWidth, sty.Width(s))
		}
	}
	for _, m := range t.Marks {
		if m.Strip {
			for _, s := range t.stripLines() {
				t.nameWidth = max(t.nameWidth, t.stripStyle().Width(s))
			}
			break
		}
	}
	small := t.Theme.style(t.Theme.Font, t.Theme.LabelSize, t.Theme.Muted)
	for _, l := range t.Lanes {
		for _, n := range []int{l.Before, l.After} {
			if n > 0 {
				t.outWidth = max(t.outWidth, small.Width(strconv.Itoa(n)))
			}
		}
	}
}

// wrapName splits a name that is too wide into two lines at the space or
// dash nearest its middle, and cuts what still does not fit.
func wrapName(sty text.Style, s string, w vg.Length) []string {
	if sty.Width(s) <= w {
		return []string{s}
	}
	runes := []rune(s)
	best := -1
	for i, r := range runes {
		if r == ' ' || r == '–' || r == '-' || r == '/' {
			if best < 0 || abs(i-len(runes)/2) < abs(best-len(runes)/2) {
				best = i
			}
		}
	}
	lines := []string{s}
	if best > 0 {
		cut := best
		if runes[best] != ' ' {
			cut = best + 1 // keep the dash at the end of the first line
		}
		lines = []string{strings.TrimSpace(string(runes[:cut])), strings.TrimSpace(string(runes[best+1:]))}
	}
	for i, l := range lines {
		lines[i] = truncate(sty, l, w)
	}
	return lines
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}
