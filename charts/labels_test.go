package charts

import (
	"fmt"
	"math"
	"math/rand"
	"os"
	"strings"
	"testing"

	"github.com/briefing-pdf/briefing/data"
	"gonum.org/v1/plot/vg"
)

// checkFrame verifies the label invariants of a laid-out timeline: no two
// label boxes intersect; no label meets a mark (marker, bar, band,
// histogram bar) or a count; every label lies inside the plot area and
// its lane (or the strip); no leader crosses a label or a mark other than
// its own; every label is joined to its mark so that a reader can tell
// whose it is — touching it with every line beginning or ending at the
// mark, or by a leader that meets the label's text — and lies nearer to
// its own mark than to any other by at least 1 pt (no nearer to a mark
// stacked with its own, one spanning the other's width, like a marker on
// a bar); and no label text is
// cut: a full label reads the event's date and whole title, a numbered
// one has a key entry that does.
//
// Touching alone is not enough: a label that meets its mark only with the
// far end of its box, its text starting under another mark, reads as
// that other mark's label. So a label above or below its mark whose text
// begins away from the mark or its leader (set flush right, or across its
// leader) must have no other mark nearer to where its text begins than its
// own mark is, by the way the eye goes (along the text, down the leader).
func checkFrame(t *testing.T, name string, tl *Timeline, f *timelineLayout) {
	t.Helper()
	type obstacle struct {
		box  vg.Rectangle
		what string
		geom int // for marks: index into f.marks
	}
	var obs []obstacle
	geomOf := map[int]int{} // mark index → index into f.marks
	for gi, g := range f.marks {
		obs = append(obs, obstacle{g.box, "mark " + string(tl.Marks[g.mark].Event.ID), gi})
		for _, mi := range g.members {
			geomOf[mi] = gi
		}
	}
	for i, lf := range f.lanes {
		for _, b := range lf.bins {
			obs = append(obs, obstacle{b.box, fmt.Sprintf("bin of lane %d", i), -1})
		}
	}
	for _, n := range f.notes {
		obs = append(obs, obstacle{n.box, "note " + n.text, -1})
	}
	fails := 0
	fail := func(format string, args ...any) {
		fails++
		if fails <= 5 {
			t.Errorf(name+": "+format, args...)
		}
	}
	keyText := map[int]string{}
	for _, en := range f.key {
		var words []string
		for _, ln := range en.lines {
			for _, w := range ln {
				words = append(words, w.text)
			}
		}
		keyText[en.number] = strings.Join(words, " ")
	}
	const eps = 1e-6
	ms := tl.newMeasurer()
	// lineX is the ink extent of line k of a label as drawn.
	lineX := func(l labelGeom, k int) (vg.Length, vg.Length) {
		w := ms.run(l.lines[k])
		if l.place.right {
			return l.place.box.Max.X - w, l.place.box.Max.X
		}
		return l.place.box.Min.X, l.place.box.Min.X + w
	}
	dist := func(a, b vg.Rectangle) float64 {
		dx := max(a.Min.X-b.Max.X, b.Min.X-a.Max.X, 0)
		dy := max(a.Min.Y-b.Max.Y, b.Min.Y-a.Max.Y, 0)
		return math.Hypot(float64(dx), float64(dy))
	}
	for i, l := range f.labels {
		b := l.place.box
		m := tl.Marks[l.mark]
		whole := strings.Join(strings.Fields(m.Date+" "+m.Event.Title), " ")
		if l.number == 0 {
			if got := l.text(); got != whole {
				fail("label %q is not the event's date and whole title %q", got, whole)
			}
		} else if want := fmt.Sprintf("%d. %s", l.number, whole); keyText[l.number] != want {
			fail("numbered label %d: key reads %q, want %q", l.number, keyText[l.number], want)
		}
		if strings.Contains(l.text(), "…") && !strings.Contains(m.Event.Title, "…") {
			fail("label %q is cut", l.text())
		}
		if !inside(b, f.area) {
			fail("label %q at %v outside the plot area %v", l.text(), b, f.area)
		}
		lane := f.lanes[tl.laneIndex(m, len(tl.Lanes))].band
		if !inside(b, lane) {
			fail("label %q at %v outside its lane %v", l.text(), b, lane)
		}
		gi, drawn := geomOf[l.mark]
		if !drawn {
			fail("label %q belongs to no drawn mark", l.text())
			continue
		}
		a := f.marks[gi].box
		if l.place.leader {
			p, q := l.place.from, l.place.to
			onAnchor := p.X >= a.Min.X-eps && p.X <= a.Max.X+eps && (math.Abs(float64(p.Y-a.Max.Y)) < eps || math.Abs(float64(p.Y-a.Min.Y)) < eps)
			onBox := q.X >= b.Min.X-eps && q.X <= b.Max.X+eps && (math.Abs(float64(q.Y-b.Max.Y)) < eps || math.Abs(float64(q.Y-b.Min.Y)) < eps)
			if !onAnchor || !onBox || p.X != q.X {
				fail("leader of %q from %v to %v does not join its mark %v to its box %v", l.text(), p, q, a, b)
			}
			// The leader meets the text of the line it reaches.
			k := 0
			if q.Y < p.Y {
				k = len(l.lines) - 1
			}
			if x0, x1 := lineX(l, k); q.X < x0-eps || q.X > x1+eps {
				fail("leader of %q at x %.1f meets blank space, not its line %.1f–%.1f", l.text(), q.X, x0, x1)
			}
		} else {
			// Touching: at most a small gap apart, facing each other.
			dx := max(a.Min.X-b.Max.X, b.Min.X-a.Max.X, 0)
			dy := max(a.Min.Y-b.Max.Y, b.Min.Y-a.Max.Y, 0)
			facing := (dx == 0 && b.Min.X < a.Max.X && a.Min.X < b.Max.X) || (dy == 0 && b.Min.Y < a.Max.Y && a.Min.Y < b.Max.Y)
			if dx > 2 || dy > 2 || !facing {
				fail("label %q at %v is not joined to its mark %v", l.text(), b, a)
			}
			// Every line begins or ends at the mark (within a few points).
			const reach = 5
			for k := range l.lines {
				x0, x1 := lineX(l, k)
				at := func(x vg.Length) bool { return x >= a.Min.X-reach-eps && x <= a.Max.X+reach+eps }
				if !at(x0) && !at(x1) {
					fail("line %d of label %q (x %.1f–%.1f) neither begins nor ends at its mark %.1f–%.1f", k+1, l.text(), x0, x1, a.Min.X, a.Max.X)
				}
			}
		}
		// Above or below its mark, a label whose text begins away from
		// the mark or its leader has no other mark nearer to where its
		// text begins than its own mark is along the text and the leader.
		if b.Min.Y >= a.Max.Y-eps || b.Max.Y <= a.Min.Y+eps {
			x0, _ := lineX(l, 0)
			y := b.Max.Y
			if b.Min.Y >= a.Max.Y-eps {
				y = b.Min.Y
			}
			pt := vg.Rectangle{Min: vg.Point{X: x0, Y: y}, Max: vg.Point{X: x0, Y: y}}
			path, away := dist(pt, a), float64(x0) < float64(a.Min.X)-5 || float64(x0) > float64(a.Max.X)+5
			if l.place.leader {
				dx := math.Abs(float64(x0 - l.place.to.X))
				path, away = dx+math.Abs(float64(l.place.to.Y-l.place.from.Y)), dx > 5
			}
			for _, o := range obs {
				if !away || o.geom == gi || strings.HasPrefix(o.what, "note ") {
					continue
				}
				if d := dist(pt, o.box); d < path+1-eps {
					fail("label %q begins %.1f pt from %s, %.1f pt from its own mark", l.text(), d, o.what, path)
				}
			}
		}
		// Nearer to its own mark than to any other.
		own := dist(b, a)
		if l.place.leader {
			own = 1.5
		}
		for _, o := range obs {
			if o.geom == gi || strings.HasPrefix(o.what, "note ") {
				continue
			}
			clear := 1.0
			if overlaps(o.box, a) && (o.box.Min.X <= a.Min.X && o.box.Max.X >= a.Max.X || a.Min.X <= o.box.Min.X && a.Max.X >= o.box.Max.X) {
				clear = 0 // stacked with its own mark (a marker on a bar): no nearer
			}
			if d := dist(b, o.box); d < own+clear-eps {
				fail("label %q is %.2f pt from %s but %.2f pt from its own mark %s", l.text(), d, o.what, own, tl.Marks[f.marks[gi].mark].Event.ID)
			}
		}
		for j := i + 1; j < len(f.labels); j++ {
			if overlaps(b, f.labels[j].place.box) {
				fail("labels %q and %q overlap: %v %v", l.text(), f.labels[j].text(), b, f.labels[j].place.box)
			}
		}
		for _, o := range obs {
			if overlaps(b, o.box) {
				fail("label %q at %v meets %s at %v", l.text(), b, o.what, o.box)
			}
		}
		if l.place.leader {
			seg := segmentBox(l.place.from, l.place.to)
			for j, m := range f.labels {
				if j != i && overlaps(seg, m.place.box) {
					fail("leader of %q crosses label %q", l.text(), m.text())
				}
			}
			for _, o := range obs {
				if o.geom == gi {
					continue
				}
				if overlaps(seg, o.box) {
					fail("leader of %q crosses %s", l.text(), o.what)
				}
			}
		}
	}
	checkLegend(t, name, tl, f)
	// Every key entry has its number on the chart.
	tags := map[int]bool{}
	for _, l := range f.labels {
		if l.number > 0 {
			tags[l.number] = true
		}
	}
	for _, en := range f.key {
		if !tags[en.number] {
			fail("key entry %d has no number on the chart", en.number)
		}
	}
}

func TestLabelPlacementProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(2023))
	sizes := []struct{ w, h vg.Length }{
		{16 * vg.Centimeter, 8 * vg.Centimeter},
		{10 * vg.Centimeter, 6 * vg.Centimeter},
		{25 * vg.Centimeter, 12 * vg.Centimeter},
	}
	placedAny, keyed := 0, 0
	for trial := 0; trial < 24; trial++ {
		n := 1 + rng.Intn(60)
		if trial%4 == 3 {
			n = 200 + rng.Intn(801) // up to 1,000 events
		}
		b := genBriefing(int64(trial), n)
		if trial%2 == 0 {
			// Intervals of uncertainty, month ranges and cut-free long
			// titles: the new marks and labels.
			for i := range b.Events {
				e := &b.Events[i]
				switch rng.Intn(12) {
				case 0:
					e.NotBefore = e.Date
					e.NotAfter = e.Date.AddDate(0, 0, 1+rng.Intn(300))
				case 1:
					e.Precision = data.Month
					e.Date = date(e.Date.Year(), e.Date.Month(), 1)
					e.End = e.Date.AddDate(0, 1+rng.Intn(8), 0)
				case 2:
					e.Title += " and a much longer tail that would once have been cut with an ellipsis"
				}
			}
		}
		if trial%5 == 1 {
			// Every event key: far more labels asked for than fit.
			for i := range b.Events {
				b.Events[i].Key = true
			}
		}
		lanes := []string{"", LanesByKind, LanesByParty}[trial%3]
		p, tl, err := timelineOf(b, TimelineOptions{Lanes: lanes})
		if err != nil {
			t.Fatal(err)
		}
		sz := sizes[trial%len(sizes)]
		f := layoutAt(p, tl, sz.w, sz.h)
		checkFrame(t, fmt.Sprintf("trial %d (%d events, lanes %q)", trial, n, lanes), tl, f)
		placedAny += len(f.labels)
		dense := 0
		for _, lf := range f.lanes {
			if lf.dense {
				dense++
			}
		}
		t.Logf("trial %d: %d events, %d lanes (%d dense), %d labels, %d in the key, %d unlabelled", trial, n, len(f.lanes), dense, len(f.labels), len(f.key), f.unlabelled)
		keyed += len(f.key)
	}
	if keyed == 0 {
		t.Errorf("no numbered key in any trial: that path is untested")
	}
	if placedAny < 20 {
		t.Errorf("only %d labels placed over all trials: the property holds vacuously", placedAny)
	}
}

// The placer itself, on hand-made obstacles: a label that fits only above
// a crowded row gets a leader; one that fits nowhere is left out.
func TestPlacerLevels(t *testing.T) {
	area := rect(0, 0, 200, 60)
	// A row of marks at y 27..33 from x 0 to 200, with a label already
	// sitting just above the anchor at x 100.
	var marks []vg.Rectangle
	for x := vg.Length(0); x < 200; x += 8 {
		marks = append(marks, rect(x, 27, 6, 6))
	}
	marks = append(marks, rect(90, 34.5, 60, 8)) // a blocker right above
	self := 12                                   // the mark at x 96
	req := labelRequest{anchor: marks[self], self: self, ax: 99, sizes: []labelSize{{w: 40, h: 8}}, band: area}
	pl := placer{area: area, gap: 1.5, levels: 4}
	got := pl.place(marks, []labelRequest{req}, 0)
	if !got[0].ok {
		t.Fatal("no place found")
	}
	if overlaps(got[0].box, marks[len(marks)-1]) {
		t.Errorf("label %v overlaps the blocker", got[0].box)
	}
	for i, m := range marks {
		if overlaps(got[0].box, m) {
			t.Errorf("label %v overlaps mark %d", got[0].box, i)
		}
	}
	// Too wide for the area: left out.
	req.sizes = []labelSize{{w: 300, h: 8}}
	if got := pl.place(marks, []labelRequest{req}, 0); got[0].ok {
		t.Errorf("a label wider than the area was placed at %v", got[0].box)
	}
	// MaxLabels.
	row := marks[:len(marks)-1]
	var reqs []labelRequest
	for _, i := range []int{3, 12, 20} {
		reqs = append(reqs, labelRequest{anchor: row[i], self: i, ax: row[i].Min.X + 3, sizes: []labelSize{{w: 20, h: 8}}, band: area})
	}
	n := 0
	for _, p := range pl.place(row, reqs, 0) {
		if p.ok {
			n++
		}
	}
	if n != 3 {
		t.Fatalf("placed %d of 3 labels with room for all", n)
	}
	n = 0
	for _, p := range pl.place(row, reqs, 2) {
		if p.ok {
			n++
		}
	}
	if n != 2 {
		t.Errorf("placed %d with max 2", n)
	}
}

// The built-in briefing's timeline at the size the PDF draws it (the A4
// text width, the configured height): its crowded Armenia–Azerbaijan
// lane once had labels touching their mark only with the far end of
// their box, the text starting under another event's marker, and a key
// event neither labelled nor numbered though a key line had room.
func TestBuiltinTimelineLabels(t *testing.T) {
	b, err := data.Load(os.DirFS("../data"), []string{"us-mediation-2023.toml"})
	if err != nil {
		t.Fatal(err)
	}
	p, tl, err := timelineOf(b, TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f := layoutAt(p, tl, 451.28, 290)
	checkFrame(t, "built-in", tl, f)
	if f.unlabelled > 0 {
		t.Errorf("%d key events neither labelled nor numbered", f.unlabelled)
	}
	keyEvents := 0
	for _, m := range tl.Marks {
		if m.Label != "" && m.Form != Before && m.Form != After {
			keyEvents++
		}
	}
	// The aid event is drawn only as a stripe of a mixed interval: the
	// legend shows its colour, not a marker no mark has.
	for _, it := range f.legend {
		if it.text == "Aid" && it.marker {
			t.Errorf("legend shows the Aid marker, drawn nowhere")
		}
	}
	if len(f.labels) != keyEvents {
		t.Errorf("%d labels and tags for %d key events", len(f.labels), keyEvents)
	}
}

// checkLegend verifies that the legend and the marks agree: a kind is
// listed if and only if a drawn mark holds one of its events; its
// thumbnail is its marker if and only if one of them is drawn as a marker
// of its own (not in a pie, a bar, a band or an interval); the entries for
// mixes are there if and only if such a mix is drawn.
func checkLegend(t *testing.T, name string, tl *Timeline, f *timelineLayout) {
	t.Helper()
	inMark := map[int]bool{}
	asMarker := map[int]bool{}
	var pie, stripes bool
	for _, g := range f.marks {
		for _, k := range g.kinds {
			inMark[k.kind] = true
		}
		if g.form == Point && len(g.kinds) == 1 {
			asMarker[g.kinds[0].kind] = true
		}
		pie = pie || g.form == Point && len(g.kinds) > 1
		stripes = stripes || g.form != Point && len(g.kinds) > 1
	}
	listed := map[int]bool{}
	texts := map[string]bool{}
	for _, it := range f.legend {
		texts[it.text] = true
		if it.kind < 0 {
			continue
		}
		listed[it.kind] = true
		if !inMark[it.kind] {
			t.Errorf("%s: legend lists %q, which no mark holds", name, it.text)
		}
		if it.marker != asMarker[it.kind] {
			t.Errorf("%s: legend shows %q with its marker %v, drawn as a marker of its own %v", name, it.text, it.marker, asMarker[it.kind])
		}
	}
	for k := range inMark {
		if !listed[k] {
			t.Errorf("%s: kind %q is drawn but not in the legend", name, tl.Kinds[k].Name)
		}
	}
	if texts["Kinds mixed on one day"] != pie {
		t.Errorf("%s: legend explains pies %v, pies drawn %v", name, texts["Kinds mixed on one day"], pie)
	}
	if texts["Kinds mixed on one span (stripes)"] != stripes {
		t.Errorf("%s: legend explains stripes %v, stripes drawn %v", name, texts["Kinds mixed on one span (stripes)"], stripes)
	}
}

// A label whose first-level places all lie along another mark, as near
// to it as to its own, goes up a level with a leader instead; set flush
// right when it ends at its mark.
func TestPlacerNearestMark(t *testing.T) {
	area := rect(0, 0, 200, 60)
	a := rect(97, 27, 6, 6)  // the label's mark
	b := rect(40, 27, 6, 6)  // a mark to its left
	c := rect(108, 27, 6, 6) // and one close on its right
	marks := []vg.Rectangle{a, b, c}
	sz := labelSize{w: 70, h: 8, lines: [][]word{{{"x", false}}}, lineW: []vg.Length{70}}
	req := labelRequest{anchor: a, self: 0, ax: 100, sizes: []labelSize{sz}, band: area}
	pl := placer{area: area, gap: 1.5, levels: 3}
	p := pl.place(marks, []labelRequest{req}, 0)[0]
	if !p.ok {
		t.Fatal("no place found")
	}
	if !p.leader {
		t.Errorf("placed at %v without a leader, along mark b or c", p.box)
	}
	for _, m := range marks[1:] {
		if d := boxDist(p.box, m); d < pl.gap+labelClear {
			t.Errorf("label at %v is %.2f pt from another mark %v", p.box, d, m)
		}
	}
	// With c gone, the label fits on the first level, starting at its
	// mark over the free side.
	p = pl.place(marks[:2], []labelRequest{req}, 0)[0]
	if !p.ok || p.leader || p.right {
		t.Errorf("got %+v, want a first-level label flush left", p)
	}
	// With b and c on its right, ending at it: flush right.
	marks = []vg.Rectangle{a, rect(120, 27, 6, 6), c}
	p = pl.place(marks, []labelRequest{req}, 0)[0]
	if !p.ok || p.leader || !p.right || p.box.Max.X < a.Min.X {
		t.Errorf("got %+v, want a first-level label ending at its mark, flush right", p)
	}
	// But not when another mark lies by where its text would begin.
	marks = append(marks, rect(20, 27, 6, 6))
	p = pl.place(marks, []labelRequest{req}, 0)[0]
	if !p.ok || (p.right && !p.leader) {
		t.Errorf("got %+v, want a label beginning at its mark or its leader", p)
	}
}
