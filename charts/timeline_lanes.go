package charts

import (
	"math"
	"sort"

	"github.com/briefing-pdf/briefing/data"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// lanes sets up t.Lanes for the mode and returns the lanes of an event.
func (t *Timeline) lanes(b *data.Briefing, mode string) func(*data.Event) []int {
	index := map[string]int{}
	add := func(id, name string) {
		index[id] = len(t.Lanes)
		t.Lanes = append(t.Lanes, Lane{ID: id, Name: name})
	}
	switch mode {
	case LanesByKind:
		n := map[string]int{}
		for _, e := range b.Events {
			n[e.Kind]++
		}
		kinds := make([]string, 0, len(n))
		for k := range n {
			kinds = append(kinds, k)
		}
		sort.Slice(kinds, func(i, j int) bool {
			a, c := kinds[i], kinds[j]
			if (a == "") != (c == "") {
				return c == "" // the kindless lane last
			}
			if n[a] != n[c] {
				return n[a] > n[c]
			}
			return a < c
		})
		for _, k := range kinds {
			add(k, t.kindName(k))
		}
		return func(e *data.Event) []int { return []int{index[e.Kind]} }
	case LanesByParty:
		for _, c := range b.PartyCounts() {
			name := c.Name
			if p := b.Party(data.ID(c.Name)); p != nil {
				name = p.Name
			}
			add(c.Name, name)
		}
		none := -1
		return func(e *data.Event) []int {
			var out []int
			seen := map[int]bool{}
			for _, a := range e.Actors {
				if act := b.Actor(a); act != nil && act.Party != "" {
					if i, ok := index[string(act.Party)]; ok && !seen[i] {
						seen[i] = true
						out = append(out, i)
					}
				}
			}
			if len(out) == 0 {
				if none < 0 {
					none = len(t.Lanes)
					t.Lanes = append(t.Lanes, Lane{ID: "", Name: t.loc.T("chart.no_party")})
				}
				out = append(out, none)
			}
			sort.Ints(out)
			return out
		}
	}
	var other bool
	for _, c := range b.TrackCounts() {
		if c.Name == "" {
			other = true
			continue
		}
		add(c.Name, t.laneName(b, c.Name))
	}
	if other {
		add("", t.loc.T("chart.other"))
	}
	return func(e *data.Event) []int { return []int{index[e.Track]} }
}

// laneName is LaneName in the chart's language for the empty id.
func (t *Timeline) laneName(b *data.Briefing, id string) string {
	if id == "" {
		return t.loc.T("chart.other")
	}
	return LaneName(b, id)
}

type laneLayout struct {
	band   vg.Rectangle // the lane's share of area
	row    vg.Length    // y of the marker row
	dense  bool         // drawn as a histogram of counts
	base   vg.Length    // baseline of the histogram
	bins   []binGeom
	before int
	after  int
	rows   int // sub-rows of the undated strip
}

// laneHeights shares height h among the lanes: each gets the room its
// name and a marker need, and what is left is shared by the number of
// labels each lane wants (plus one half, so that a lane without labels
// still breathes). When h is too small, lanes share it equally.
func (t *Timeline) laneHeights(h vg.Length) []vg.Length {
	n := len(t.Lanes)
	out := make([]vg.Length, n)
	if n == 0 {
		return out
	}
	sty := t.Theme.style(t.Theme.Bold, t.Theme.TextSize, t.Theme.Ink)
	e := sty.FontExtents()
	line := (e.Ascent + e.Descent) * 1.15
	wants := make([]float64, n)
	for _, m := range t.Marks {
		if m.Label != "" && !m.Strip {
			wants[m.Lane]++
		}
	}
	var need vg.Length
	mins := make([]vg.Length, n)
	var total float64
	for i := range t.Lanes {
		mins[i] = t.laneMin(i, line)
		need += mins[i]
		wants[i] = math.Sqrt(wants[i]) + 0.5
		total += wants[i]
	}
	if need >= h {
		for i := range out {
			out[i] = h / vg.Length(n)
		}
		return out
	}
	extra := h - need
	for i := range out {
		out[i] = mins[i] + extra*vg.Length(wants[i]/total)
	}
	return out
}

// laneMin is the least height of lane i: its name (lines line apart) or
// a marker, with a little room.
func (t *Timeline) laneMin(i int, line vg.Length) vg.Length {
	return max(line*vg.Length(len(t.laneLines[i])), 2*t.Theme.MarkerRadius*1.25) + 8
}

// lanesMinHeight is the least height of all the lanes together.
func (t *Timeline) lanesMinHeight() vg.Length {
	e := t.Theme.style(t.Theme.Bold, t.Theme.TextSize, t.Theme.Ink).FontExtents()
	var h vg.Length
	for i := range t.Lanes {
		h += t.laneMin(i, (e.Ascent+e.Descent)*1.15)
	}
	return h
}

// layoutLanes shares the lanes' rectangle among the lanes (top to bottom)
// and sets up the strip under them.
func (t *Timeline) layoutLanes(f *timelineLayout, lanesR, stripR vg.Rectangle, dense []bool, stripRows int) {
	f.lanes = f.lanes[:0]
	heights := t.laneHeights(lanesR.Max.Y - lanesR.Min.Y)
	top := lanesR.Max.Y
	for i, l := range t.Lanes {
		h := heights[i]
		band := vg.Rectangle{Min: vg.Point{X: lanesR.Min.X, Y: top - h}, Max: vg.Point{X: lanesR.Max.X, Y: top}}
		f.lanes = append(f.lanes, laneLayout{band: band, row: top - h/2, before: l.Before, after: l.After, dense: dense[i]})
		top -= h
	}
	if stripRows > 0 {
		f.lanes = append(f.lanes, laneLayout{band: stripR, row: (stripR.Min.Y + stripR.Max.Y) / 2, rows: stripRows})
	}
}

// levels is how many label levels above and below a mark the placer
// tries: as many as the tallest lane has room for.
func (t *Timeline) levels(f *timelineLayout) int {
	titleSty := t.Theme.style(t.Theme.Font, t.Theme.LabelSize, t.Theme.Ink)
	e := titleSty.FontExtents()
	h := e.Ascent + e.Descent
	var bandH vg.Length
	for _, lf := range f.lanes {
		bandH = max(bandH, lf.band.Max.Y-lf.band.Min.Y)
	}
	return max(int(bandH/(h+2))+1, 1)
}

// undatedHeight is the height of the undated strip with rows sub-rows (0:
// no strip).
func (t *Timeline) undatedHeight(rows int) vg.Length {
	if rows == 0 {
		return 0
	}
	e := t.stripStyle().FontExtents()
	names := (e.Ascent + e.Descent) * 1.15 * vg.Length(len(t.stripLines()))
	return max(names, t.subRow()*vg.Length(rows)) + 4
}

// subRow is the distance between sub-rows of the strip.
func (t *Timeline) subRow() vg.Length { return 2*t.Theme.MarkerRadius + 3 }

// stripLines is the strip's name, wrapped like a lane name.
func (t *Timeline) stripLines() []string {
	return wrapName(t.stripStyle(), t.loc.T("chart.undated"), maxNameWidth*0.75)
}

// stripStyle is the style of the strip's name: smaller and muted, as it
// is not a lane.
func (t *Timeline) stripStyle() text.Style {
	return t.Theme.style(t.Theme.Bold, t.Theme.LabelSize, t.Theme.Muted)
}
