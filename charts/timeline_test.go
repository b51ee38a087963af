package charts

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/briefing-pdf/briefing/data"
	"gonum.org/v1/plot/vg"
)

func markOf(t *testing.T, tl *Timeline, id data.ID) (int, Mark) {
	t.Helper()
	for i, m := range tl.Marks {
		if m.Event.ID == id {
			return i, m
		}
	}
	t.Fatalf("no mark for %s", id)
	return -1, Mark{}
}

func TestTimelineMarks(t *testing.T) {
	tl, err := NewTimelinePlotter(sample(), TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tl.Min != unix(date(2023, 1, 1)) || tl.Max != unix(date(2024, 1, 1)) {
		t.Errorf("window = [%v, %v), want 2023", fromUnix(tl.Min), fromUnix(tl.Max))
	}
	cases := []struct {
		id         data.ID
		form       Form
		start, end float64 // Unix seconds
		x          float64
	}{
		{"munich", Point, unix(date(2023, 2, 18)), unix(date(2023, 2, 19)), unix(date(2023, 2, 18)) + day/2},
		{"round-1", Bar, unix(date(2023, 5, 1)), unix(date(2023, 5, 5)), unix(date(2023, 5, 1))},
		// A month-precision event covers its whole month, not the 1st.
		{"power-visit", Band, unix(date(2023, 9, 1)), unix(date(2023, 10, 1)), (unix(date(2023, 9, 1)) + unix(date(2023, 10, 1))) / 2},
		// A year-precision event covers the year: a faint band (in the
		// undated strip, since it fills the window).
		{"statements", Interval, unix(date(2023, 1, 1)), unix(date(2024, 1, 1)), (unix(date(2023, 1, 1)) + unix(date(2024, 1, 1))) / 2},
		{"war-2020", Before, unix(date(2020, 1, 1)), unix(date(2021, 1, 1)), tl.Min},
		{"next-year", After, unix(date(2024, 1, 10)), unix(date(2024, 1, 11)), tl.Max},
	}
	for _, c := range cases {
		_, m := markOf(t, tl, c.id)
		if m.Form != c.form || m.Start != c.start || m.End != c.end || m.X != c.x {
			t.Errorf("%s: form %d [%v, %v) x %v; want form %d [%v, %v) x %v", c.id,
				m.Form, fromUnix(m.Start), fromUnix(m.End), m.X, c.form, fromUnix(c.start), fromUnix(c.end), c.x)
		}
	}
}

func TestTimelineLanes(t *testing.T) {
	b := sample()
	tl, err := NewTimelinePlotter(b, TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Most events first, ties by id (data.TrackCounts).
	var names []string
	for _, l := range tl.Lanes {
		names = append(names, l.Name)
	}
	want := "Armenia–Azerbaijan|Armenia–Türkiye|Background|Humanitarian"
	if got := strings.Join(names, "|"); got != want {
		t.Errorf("lanes = %s, want %s", got, want)
	}
	for _, m := range tl.Marks {
		if got := tl.Lanes[m.Lane].ID; got != m.Event.Track {
			t.Errorf("%s in lane %q, want %q", m.Event.ID, got, m.Event.Track)
		}
	}
	if l := tl.Lanes[0]; l.Events != 4 || l.After != 1 || l.Before != 0 {
		t.Errorf("lane 0 = %+v, want 4 events, 1 after", l)
	}
	if l := tl.Lanes[2]; l.Before != 1 {
		t.Errorf("background lane = %+v, want 1 before", l)
	}

	// By party: round-1 has actors of three parties, so three lanes.
	tp, err := NewTimelinePlotter(b, TimelineOptions{Lanes: LanesByParty})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range tp.Marks {
		if m.Event.ID == "round-1" {
			n++
			if tp.Lanes[m.Lane].ID == "" {
				t.Errorf("round-1 in the no-party lane")
			}
		}
	}
	if n != 3 {
		t.Errorf("round-1 in %d party lanes, want 3", n)
	}
	last := tp.Lanes[len(tp.Lanes)-1]
	if last.Name != "No party" {
		t.Errorf("last party lane %q, want No party", last.Name)
	}
	// Only the first mark of an event carries its label.
	labels := 0
	for _, m := range tp.Marks {
		if m.Event.ID == "round-1" && m.Label != "" {
			labels++
		}
	}
	if labels != 1 {
		t.Errorf("round-1 labelled %d times, want 1", labels)
	}

	// By kind.
	tk, err := NewTimelinePlotter(b, TimelineOptions{Lanes: LanesByKind})
	if err != nil {
		t.Fatal(err)
	}
	if tk.Lanes[0].ID != "meeting" || tk.Lanes[0].Name != "Meeting" {
		t.Errorf("first kind lane = %+v, want meeting (2 events)", tk.Lanes[0])
	}
}

func TestTimelineValidation(t *testing.T) {
	if _, err := NewTimeline(nil, TimelineOptions{}); err == nil {
		t.Error("nil briefing: no error")
	}
	if _, err := NewTimeline(sample(), TimelineOptions{Lanes: "actor"}); err == nil || !strings.Contains(err.Error(), `"actor"`) {
		t.Errorf("bad lanes: err = %v", err)
	}
	if _, err := NewTimeline(sample(), TimelineOptions{MaxLabels: -1}); err == nil {
		t.Error("negative MaxLabels: no error")
	}
	empty := sample()
	empty.Events = nil
	if _, err := NewTimeline(empty, TimelineOptions{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("no events: err = %v, want ErrEmpty", err)
	}
	bad := sample()
	bad.Meta.Period = &data.Period{Start: date(2023, 12, 31), End: date(2023, 1, 1)}
	if _, err := NewTimeline(bad, TimelineOptions{}); err == nil {
		t.Error("reversed window: no error")
	}
	th := DefaultTheme()
	th.Font.Typeface = "NoSuchFace"
	if _, err := NewTimeline(sample(), TimelineOptions{Theme: th}); err == nil {
		t.Error("missing font: no error")
	}
}

func TestTimelineGeometry(t *testing.T) {
	p, tl, err := timelineOf(sample(), TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w, h := 16*vg.Centimeter, 8*vg.Centimeter
	f := layoutAt(p, tl, w, h)
	c := f.canvas
	// Dates map linearly onto the data canvas: the window's first
	// midnight at its left edge, the last day's end at its right.
	xAt := func(v float64) vg.Length {
		return c.Min.X + (c.Max.X-c.Min.X)*vg.Length((v-tl.Min)/(tl.Max-tl.Min))
	}
	near := func(a, b vg.Length) bool { return math.Abs(float64(a-b)) < 1e-6 }
	seen := map[data.ID]bool{}
	for _, g := range f.marks {
		m := tl.Marks[g.mark]
		seen[m.Event.ID] = true
		lf := f.lanes[tl.laneIndex(m, len(tl.Lanes))]
		if !m.Strip && !near(g.center.Y, lf.row) {
			t.Errorf("%s: y %v, want its lane's row %v", m.Event.ID, g.center.Y, lf.row)
		}
		if g.form != m.Form {
			t.Errorf("%s: drawn as form %d, want %d", m.Event.ID, g.form, m.Form)
		}
		switch m.Form {
		case Point:
			if !near(g.center.X, xAt(m.X)) {
				t.Errorf("%s: x %v, want %v", m.Event.ID, g.center.X, xAt(m.X))
			}
		case Bar:
			if !near(g.box.Min.X, xAt(m.Start)) || !near(g.box.Max.X, xAt(m.End)) {
				t.Errorf("%s: bar %v–%v, want %v–%v", m.Event.ID, g.box.Min.X, g.box.Max.X, xAt(m.Start), xAt(m.End))
			}
		case Band, Interval:
			// The band spans the whole month (or year, or interval) in
			// the window; no marker pretends to a day.
			if !near(g.box.Min.X, xAt(max(m.Start, tl.Min))) || !near(g.box.Max.X, xAt(min(m.End, tl.Max))) {
				t.Errorf("%s: band %v–%v, want %v–%v", m.Event.ID, g.box.Min.X, g.box.Max.X, xAt(m.Start), xAt(m.End))
			}
		}
	}
	for _, id := range []data.ID{"munich", "round-1", "power-visit", "statements", "call"} {
		if !seen[id] {
			t.Errorf("%s not drawn", id)
		}
	}
	// Lanes: top to bottom in order, tiling the area.
	top := f.area.Max.Y
	for i, lf := range f.lanes {
		if !near(lf.band.Max.Y, top) || lf.band.Min.Y >= lf.band.Max.Y {
			t.Errorf("lane %d band %v, want from %v down", i, lf.band, top)
		}
		top = lf.band.Min.Y
	}
	if !near(top, f.area.Min.Y) {
		t.Errorf("lanes end at %v, want %v", top, f.area.Min.Y)
	}
	// Every key event inside the window is labelled in this sparse sample.
	if len(f.labels) != 3 {
		t.Errorf("%d labels, want 3", len(f.labels))
	}
	// Outside events are counted at the lane's edges.
	if f.lanes[0].after != 1 || f.lanes[2].before != 1 {
		t.Errorf("outside counts: %+v %+v", f.lanes[0], f.lanes[2])
	}
	// The legend lies above the lanes.
	for _, it := range f.legend {
		if it.thumb.Min.Y < f.area.Max.Y {
			t.Errorf("legend item %q at %v overlaps the lanes (top %v)", it.text, it.thumb, f.area.Max.Y)
		}
	}
}

func TestTimelineCoincidingMarks(t *testing.T) {
	b := sample()
	b.Events = append(b.Events,
		data.Event{ID: "s2", Date: date(2023, 10, 3), Title: "A statement that day", Kind: "statement", Track: "armenia-turkiye"},
		data.Event{ID: "s3", Date: date(2023, 10, 3), Title: "Another call", Kind: "call", Track: "armenia-turkiye", Key: true},
		data.Event{ID: "y2", Date: date(2023, 1, 1), Precision: data.Year, Title: "More statements", Kind: "statement", Track: "armenia-azerbaijan"},
	)
	p, tl, err := timelineOf(b, TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f := layoutAt(p, tl, 16*vg.Centimeter, 8*vg.Centimeter)
	var day, strip *markGeom
	for i, g := range f.marks {
		m := tl.Marks[g.mark]
		if m.Form == Point && m.Event.Date.Equal(date(2023, 10, 3)) {
			if day != nil {
				t.Errorf("3 October drawn twice")
			}
			day = &f.marks[i]
		}
		if m.Strip {
			if strip != nil {
				t.Errorf("the strip's year band drawn twice")
			}
			strip = &f.marks[i]
		}
	}
	if day == nil || strip == nil {
		t.Fatal("3 October or the strip not drawn")
	}
	// The cluster shows its mix of kinds (two calls, one statement), not
	// the first event's shape.
	if day.count != 3 || len(day.kinds) != 2 {
		t.Errorf("3 October: count %d, kinds %v; want 3 events of 2 kinds", day.count, day.kinds)
	}
	if strip.count != 2 || len(strip.kinds) != 1 {
		t.Errorf("strip: count %d, kinds %v; want 2 statements", strip.count, strip.kinds)
	}
	// Every member's key label is placed (or numbered), anchored to the cluster.
	labelled := map[data.ID]bool{}
	for _, l := range f.labels {
		labelled[tl.Marks[l.mark].Event.ID] = true
	}
	if !labelled["s3"] {
		t.Errorf("key event s3 in a cluster is not labelled")
	}
	notes := map[string]bool{}
	for _, n := range f.notes {
		notes[n.text] = true
	}
	if !notes["×3"] || !notes["×2"] {
		t.Errorf("notes %v, want ×3 and ×2", f.notes)
	}
	// The legend explains the pie, the counts and the strip's band, and
	// only marks that appear: military (the 2020 war, before the window)
	// and "Month known" (no month event here but power-visit) checked.
	legend := map[string]bool{}
	for _, it := range f.legend {
		legend[it.text] = true
	}
	for _, want := range []string{"Kinds mixed on one day", "×N: N events on one date or span", "Only the year or a span known", "Several days", "Month known, not the day", "Outside the period (count)"} {
		if !legend[want] {
			t.Errorf("legend lacks %q: %v", want, legend)
		}
	}
	for _, no := range []string{"Military", "Kinds mixed on one span (stripes)"} {
		if legend[no] {
			t.Errorf("legend explains %q, which is not drawn", no)
		}
	}
	checkFrame(t, "coinciding", tl, f)
}

// The honest forms: a month range runs to the end of its last month; an
// interval of uncertainty is a band over the interval; nothing is drawn
// at a made-up date.
func TestTimelineUncertainDates(t *testing.T) {
	b := sample()
	b.Events = append(b.Events,
		data.Event{ID: "blockade", Date: date(2022, 12, 1), End: date(2023, 9, 1), Precision: data.Month, Title: "Blockade of the Lachin corridor", Kind: "conflict", Track: "background", Key: true},
		data.Event{ID: "after-nov", Date: date(2023, 11, 21), NotBefore: date(2023, 11, 21), NotAfter: date(2023, 12, 31), Title: "Statement after the cancelled round", Kind: "statement", Track: "armenia-azerbaijan", Key: true},
	)
	p, tl, err := timelineOf(b, TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, m := markOf(t, tl, "blockade")
	if m.Form != Band || m.Start != unix(date(2022, 12, 1)) || m.End != unix(date(2023, 10, 1)) {
		t.Errorf("blockade: form %d [%v, %v), want a band to the end of September", m.Form, fromUnix(m.Start), fromUnix(m.End))
	}
	_, m = markOf(t, tl, "after-nov")
	if m.Form != Interval || m.Strip || m.Start != unix(date(2023, 11, 21)) || m.End != unix(date(2024, 1, 1)) {
		t.Errorf("after-nov: form %d strip %v [%v, %v), want an in-lane interval 21 Nov – 31 Dec", m.Form, m.Strip, fromUnix(m.Start), fromUnix(m.End))
	}
	if m.Date != "between 21 November and 31 December" {
		t.Errorf("after-nov label date %q", m.Date)
	}
	f := layoutAt(p, tl, 16*vg.Centimeter, 8*vg.Centimeter)
	for _, g := range f.marks {
		if g.form == Point && tl.Marks[g.mark].Form != Point {
			t.Errorf("%s drawn as a marker", tl.Marks[g.mark].Event.ID)
		}
	}
	checkFrame(t, "uncertain", tl, f)
}

// The honest sample's layout keeps every label invariant, and shows a
// numbered key.
func TestTimelineHonestFrame(t *testing.T) {
	p, tl, err := timelineOf(honest(), TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f := layoutAt(p, tl, 16*vg.Centimeter, 9*vg.Centimeter)
	checkFrame(t, "honest", tl, f)
	if len(f.key) == 0 {
		t.Error("no numbered key")
	}
	var strip, month, interval bool
	for _, g := range f.marks {
		m := tl.Marks[g.mark]
		strip = strip || m.Strip
		month = month || (g.form == Band && m.Event.ID == "blockade")
		interval = interval || (g.form == Interval && m.Event.ID == "after-nov")
	}
	if !strip || !month || !interval {
		t.Errorf("strip %v, blockade band %v, after-nov interval %v; want all", strip, month, interval)
	}
}

// Labels that do not fit go to the numbered key, whole.
func TestTimelineNumberedKey(t *testing.T) {
	b := sample()
	for i := 0; i < 12; i++ {
		b.Events = append(b.Events, data.Event{ID: data.ID(fmt.Sprintf("k%d", i)), Date: date(2023, 3, 1+i),
			Title: "A long title for a key event that cannot all be labelled in this small chart", Kind: "meeting",
			Track: "armenia-azerbaijan", Key: true})
	}
	p, tl, err := timelineOf(b, TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f := layoutAt(p, tl, 12*vg.Centimeter, 7*vg.Centimeter)
	if len(f.key) == 0 {
		t.Fatalf("no numbered key: %d labels, %d unlabelled", len(f.labels), f.unlabelled)
	}
	for _, en := range f.key {
		if en.at.Y > f.axisY {
			t.Errorf("key entry %d at %v, above the axis %v", en.number, en.at, f.axisY)
		}
	}
	keyed := 0
	for _, m := range tl.Marks {
		if m.Label != "" && m.Form != Before && m.Form != After {
			keyed++
		}
	}
	full := 0
	for _, l := range f.labels {
		if l.number == 0 {
			full++
		}
	}
	if full+len(f.key)+f.unlabelled != keyed {
		t.Errorf("%d full labels + %d numbered + %d unlabelled != %d key events", full, len(f.key), f.unlabelled, keyed)
	}
	checkFrame(t, "numbered", tl, f)
}

func TestMonthTicks(t *testing.T) {
	ticks := MonthTicks{}.Ticks(unix(date(2023, 1, 1)), unix(date(2024, 1, 1)))
	var labels []string
	minor := 0
	for _, tk := range ticks {
		if tk.IsMinor() {
			minor++
			if d := fromUnix(tk.Value); d.Day() != 1 || d.Hour() != 0 {
				t.Errorf("boundary tick at %v, want a month's first midnight", d)
			}
			continue
		}
		labels = append(labels, strings.ReplaceAll(tk.Label, "\n", " "))
	}
	want := "Jan 2023|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
	if got := strings.Join(labels, "|"); got != want {
		t.Errorf("labels %s, want %s", got, want)
	}
	if minor != 13 {
		t.Errorf("%d boundaries, want 13", minor)
	}
	// A window from mid-November: the year under the first label and
	// under January.
	labels = nil
	for _, tk := range (MonthTicks{}).Ticks(unix(date(2022, 11, 1)), unix(date(2023, 3, 1))) {
		if !tk.IsMinor() {
			labels = append(labels, strings.ReplaceAll(tk.Label, "\n", " "))
		}
	}
	if got := strings.Join(labels, "|"); got != "Nov 2022|Dec|Jan 2023|Feb" {
		t.Errorf("labels %s", got)
	}
	// Longer spans: quarters, then years.
	q := MonthTicks{}.Ticks(unix(date(2021, 1, 1)), unix(date(2024, 1, 1)))
	if q[1].Label != "Q1\n2021" {
		t.Errorf("quarter label %q", q[1].Label)
	}
	y := MonthTicks{}.Ticks(unix(date(2000, 1, 1)), unix(date(2010, 1, 1)))
	if y[1].Label != "2000" {
		t.Errorf("year label %q", y[1].Label)
	}
	if len(MonthTicks{}.Ticks(5, 5)) != 0 || len(MonthTicks{}.Ticks(math.NaN(), 5)) != 0 {
		t.Error("empty or NaN range gave ticks")
	}
}

func TestLaneName(t *testing.T) {
	b := sample()
	cases := map[string]string{
		"armenia-azerbaijan": "Armenia–Azerbaijan",
		"armenia-turkiye":    "Armenia–Türkiye",
		"us":                 "United States", // a party's id
		"us-eu":              "United States–EU",
		"humanitarian":       "Humanitarian",
		"":                   "Other",
	}
	for id, want := range cases {
		if got := LaneName(b, id); got != want {
			t.Errorf("LaneName(%q) = %q, want %q", id, got, want)
		}
	}
	if got := LaneName(nil, "osce-minsk-group"); got != "OSCE–Minsk–Group" {
		t.Errorf("LaneName(nil, osce-minsk-group) = %q", got)
	}
	if got := KindName("press-conference"); got != "Press conference" {
		t.Errorf("KindName = %q", got)
	}
}

func TestTruncate(t *testing.T) {
	th := DefaultTheme().withDefaults()
	sty := th.style(th.Font, 8, th.Ink)
	s := "International Committee of the Red Cross"
	cut := truncate(sty, s, 80)
	if !strings.HasSuffix(cut, "…") || sty.Width(cut) > 80 {
		t.Errorf("truncate = %q (%v wide)", cut, sty.Width(cut))
	}
	if truncate(sty, "Red Cross", 80) != "Red Cross" {
		t.Error("truncate cut a name that fits")
	}
}
