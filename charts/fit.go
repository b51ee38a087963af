package charts

import "gonum.org/v1/plot/vg"

// How tall a chart must be for its rows to stay readable: a document
// that places a chart grows it to this (plus its legend and axis) or
// warns that it cannot.

// LanesHeight is the least height the timeline's lanes need, all
// together: each lane its wrapped name and a marker, as laneHeights
// reserves them. Shorter, the lanes share the height equally and their
// names overlap.
func (t *Timeline) LanesHeight() vg.Length {
	sty := t.Theme.style(t.Theme.Bold, t.Theme.TextSize, t.Theme.Ink)
	e := sty.FontExtents()
	line := (e.Ascent + e.Descent) * 1.15
	var need vg.Length
	for i := range t.Lanes {
		lines := 1
		if i < len(t.laneLines) {
			lines = max(1, len(t.laneLines[i]))
		}
		need += max(line*vg.Length(lines), 2*t.Theme.MarkerRadius*1.25) + 8
	}
	return need
}

// RowsHeight is the least height the frequency chart's rows need: one
// line of a name for each bar and for the "others" line. Shorter, the
// names overlap.
func (f *Frequency) RowsHeight() vg.Length {
	e := f.Theme.style(f.Theme.Font, f.Theme.TextSize, f.Theme.Ink).FontExtents()
	n := len(f.Rows)
	if f.Others > 0 {
		n++
	}
	return (e.Ascent + e.Descent) * 1.15 * vg.Length(n)
}
