package charts

import (
	"errors"
	"fmt"
	"image/color"
	"strings"
	"testing"

	"github.com/briefing-pdf/briefing/data"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// crowd is a briefing with n actors, actor i taking part in n−i events
// (so ties do not arise), except that actors 3 and 4 tie and sort by name.
func crowd(n int) *data.Briefing {
	b := &data.Briefing{
		Meta: data.Meta{Title: "Crowd", Date: date(2024, 1, 1)},
		Parties: []data.Party{
			{ID: "us", Name: "United States", Color: data.Color{R: 0x11, G: 0x22, B: 0x33, Set: true}},
			{ID: "armenia", Name: "Armenia"},
		},
	}
	for i := 0; i < n; i++ {
		a := data.Actor{ID: data.ID(fmt.Sprintf("a%02d", i)), Name: fmt.Sprintf("Actor %c", 'Z'-i), Role: "Envoy"}
		switch i % 3 {
		case 0:
			a.Party = "us"
		case 1:
			a.Party = "armenia"
		}
		b.Actors = append(b.Actors, a)
	}
	events := n + 1
	for e := 0; e < events; e++ {
		ev := data.Event{ID: data.ID(fmt.Sprintf("e%d", e)), Date: date(2023, 1, 1+e%28), Title: "E"}
		for i := 0; i < n; i++ {
			k := n - i
			if i == 4 {
				k = n - 3 // ties with actor 3
			}
			if e < k {
				ev.Actors = append(ev.Actors, b.Actors[i].ID)
			}
		}
		b.Events = append(b.Events, ev)
	}
	return b
}

func TestFrequencyRows(t *testing.T) {
	b := crowd(20)
	f, err := NewFrequencyPlotter(b, FrequencyOptions{Top: 6})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rows) != 6 {
		t.Fatalf("%d rows, want 6", len(f.Rows))
	}
	var got []string
	for _, r := range f.Rows {
		got = append(got, fmt.Sprintf("%s:%d", r.Name, r.Events))
	}
	// Actors 3 (Actor W) and 4 (Actor V) tie at 17: by name, V first.
	want := "Actor Z:20|Actor Y:19|Actor X:18|Actor V:17|Actor W:17|Actor U:15"
	if s := strings.Join(got, "|"); s != want {
		t.Errorf("rows %s\nwant %s", s, want)
	}
	if f.Others != 14 || f.OthersMax != 14 || f.OthersMin != 1 {
		t.Errorf("others %d (%d–%d), want 14 (1–14)", f.Others, f.OthersMin, f.OthersMax)
	}
	if s := f.othersText(); s != "and 14 others (1–14 events each)" {
		t.Errorf("others line %q", s)
	}
	// Party colours: the party's own, else the palette's first; no party
	// is grey.
	us := f.Parties[f.Rows[0].Party]
	if us.ID != "us" || us.Color != (color.RGBA{R: 0x11, G: 0x22, B: 0x33, A: 0xff}) {
		t.Errorf("us style %+v", us)
	}
	am := f.Parties[f.Rows[1].Party]
	if am.ID != "armenia" || am.Color != DefaultTheme().Palette[0] {
		t.Errorf("armenia style %+v", am)
	}
	if f.Rows[2].Party != -1 {
		t.Errorf("actor without party has party %d", f.Rows[2].Party)
	}

	// All rows fit when Top is large; no others line.
	all, err := NewFrequencyPlotter(b, FrequencyOptions{Top: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Rows) != 20 || all.Others != 0 {
		t.Errorf("Top 50: %d rows, %d others", len(all.Rows), all.Others)
	}
	// The default is 12.
	def, _ := NewFrequencyPlotter(b, FrequencyOptions{})
	if len(def.Rows) != 12 {
		t.Errorf("default Top: %d rows", len(def.Rows))
	}
}

func TestFrequencyNames(t *testing.T) {
	b := sample()
	b.Actors[0].Name = "Antony John Blinken of the Department of State of the United States"
	f, err := NewFrequencyPlotter(b, FrequencyOptions{ShowRole: true, NameWidth: 120})
	if err != nil {
		t.Fatal(err)
	}
	th := f.Theme
	sty := th.style(th.Font, th.TextSize, th.Ink)
	for _, r := range f.Rows {
		if w := sty.Width(r.Name); w > 120 {
			t.Errorf("%q is %v wide, over 120", r.Name, w)
		}
		if w := f.roleStyle().Width(r.Role); w > 120 {
			t.Errorf("%q is %v wide, over 120", r.Role, w)
		}
		for _, c := range [][2]string{{r.Name, r.Actor.Name}, {r.Role, r.Actor.Role}} {
			if c[0] != c[1] && (!strings.HasSuffix(c[0], "…") || !strings.HasPrefix(c[1], strings.TrimSuffix(c[0], "…"))) {
				t.Errorf("%q is not %q or a prefix of it with an ellipsis", c[0], c[1])
			}
		}
	}
	if r := f.Rows[0]; r.Name != "Antony John Blinken of the…" || r.Role != "US Secretary of State" {
		t.Errorf("first row %q / %q", r.Name, r.Role)
	}
	if f.nameWidth > 120 {
		t.Errorf("name column %v wide, over 120", f.nameWidth)
	}
	plain, _ := NewFrequencyPlotter(b, FrequencyOptions{})
	if plain.Rows[0].Role != "" {
		t.Errorf("role %q shown without ShowRole", plain.Rows[0].Role)
	}
	// Rows far apart take two lines; close rows only the name.
	if !f.twoLines(30) || f.twoLines(10) {
		t.Errorf("twoLines(30) = %v, twoLines(10) = %v", f.twoLines(30), f.twoLines(10))
	}
}

func TestFrequencyGeometry(t *testing.T) {
	b := crowd(8)
	p, err := NewActorFrequency(b, FrequencyOptions{Top: 5})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := NewFrequencyPlotter(b, FrequencyOptions{Top: 5})
	var rc recorder.Canvas
	c := draw.NewCanvas(&rc, 16*vg.Centimeter, 9*vg.Centimeter)
	dc := p.DataCanvas(c)
	ff := f.layout(dc, p)
	// Bars start at one baseline and are proportional to the counts.
	for i, r := range f.Rows {
		bar := ff.bars[i]
		if bar.Min.X != ff.bars[0].Min.X {
			t.Errorf("bar %d starts at %v", i, bar.Min.X)
		}
		wantW := (dc.Max.X - dc.Min.X) * vg.Length(r.Events) / vg.Length(f.Rows[0].Events)
		if d := bar.Max.X - bar.Min.X - wantW; d > 1e-6 || d < -1e-6 {
			t.Errorf("bar %d is %v wide, want %v", i, bar.Max.X-bar.Min.X, wantW)
		}
		if i > 0 && bar.Max.Y > ff.bars[i-1].Min.Y {
			t.Errorf("bar %d overlaps bar %d", i, i-1)
		}
	}
	// Names and counts stay on the canvas: the plot padded for them.
	if dc.Min.X-f.nameWidth-nameGap < c.Min.X-1e-9 {
		t.Errorf("names start at %v, left of the canvas", dc.Min.X-f.nameWidth-nameGap)
	}
	if last := ff.bars[0].Max.X + countGap + f.countWidth; last > c.Max.X+1e-9 {
		t.Errorf("count ends at %v, right of the canvas %v", last, c.Max.X)
	}
	for _, it := range ff.legend {
		if it.thumb.Min.Y < ff.area.Max.Y {
			t.Errorf("legend %q overlaps the bars", it.text)
		}
	}
}

func TestFrequencyValidation(t *testing.T) {
	if _, err := NewActorFrequency(nil, FrequencyOptions{}); err == nil {
		t.Error("nil briefing: no error")
	}
	if _, err := NewActorFrequency(sample(), FrequencyOptions{Top: -1}); err == nil {
		t.Error("negative Top: no error")
	}
	b := sample()
	for i := range b.Events {
		b.Events[i].Actors = nil
	}
	if _, err := NewActorFrequency(b, FrequencyOptions{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("no actors in events: err = %v, want ErrEmpty", err)
	}
}

// ties builds a briefing where actors a..f have 3, 2, 2, 2, 1, 1 events
// in 2023 and one more event of f's in 2022, outside the period.
func ties() *data.Briefing {
	b := &data.Briefing{
		Meta:    data.Meta{Title: "Ties", Date: date(2024, 1, 1), Period: &data.Period{Start: date(2023, 1, 1), End: date(2023, 12, 31)}},
		Parties: []data.Party{{ID: "us", Name: "United States"}},
	}
	counts := map[data.ID]int{"a": 3, "b": 2, "c": 2, "d": 2, "e": 1, "f": 1}
	n := 0
	for _, id := range []data.ID{"a", "b", "c", "d", "e", "f"} {
		a := data.Actor{ID: id, Name: "Actor " + string(id)}
		if id == "a" || id == "b" {
			a.Party = "us"
		}
		b.Actors = append(b.Actors, a)
		for i := 0; i < counts[id]; i++ {
			n++
			b.Events = append(b.Events, data.Event{ID: data.ID(fmt.Sprintf("e%d", n)), Date: date(2023, 3, n), Title: "E", Actors: []data.ID{id}})
		}
	}
	b.Events = append(b.Events, data.Event{ID: "old", Date: date(2022, 12, 1), Precision: data.Month, Title: "Old", Actors: []data.ID{"f", "f"}})
	return b
}

func TestFrequencyPeriodOnly(t *testing.T) {
	all, err := NewFrequencyPlotter(ties(), FrequencyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	in, err := NewFrequencyPlotter(ties(), FrequencyOptions{PeriodOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	events := func(f *Frequency, name string) int {
		for _, r := range f.Rows {
			if r.Actor.Name == name {
				return r.Events
			}
		}
		return -1
	}
	if events(all, "Actor f") != 2 || events(in, "Actor f") != 1 {
		t.Errorf("actor f: %d events in all, %d in the period; want 2 and 1", events(all, "Actor f"), events(in, "Actor f"))
	}
	if in.Outside != 1 || in.Counted != 11 || all.Outside != 0 || all.Counted != 12 {
		t.Errorf("counted %d outside %d (period), counted %d outside %d (all)", in.Counted, in.Outside, all.Counted, all.Outside)
	}
}

func TestFrequencyTies(t *testing.T) {
	// Top 2 cuts inside the three-way tie at 2 events: shown whole (4
	// rows are more than 2 + 2/2 = 3, so the cut moves above the tie).
	f, err := NewFrequencyPlotter(ties(), FrequencyOptions{Top: 2, PeriodOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rows) != 1 || f.TiedLeftOut != 3 || f.TiedEvents != 2 || f.Others != 5 {
		t.Errorf("top 2: %d rows, %d tied left out at %d, %d others; want 1 row, 3 tied at 2, 5 others", len(f.Rows), f.TiedLeftOut, f.TiedEvents, f.Others)
	}
	if s := f.othersText(); !strings.Contains(s, "3 with 2 events each tie at the cut") {
		t.Errorf("others line %q does not say the tie was left out", s)
	}
	// Top 3: the tie is shown whole (4 rows ≤ 3 + 1).
	f, err = NewFrequencyPlotter(ties(), FrequencyOptions{Top: 3, PeriodOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rows) != 4 || f.TiedShown != 3 {
		t.Errorf("top 3: %d rows, %d tied shown; want 4 rows, the 3 tied shown", len(f.Rows), f.TiedShown)
	}
	// Never decided by name: whatever the names, the same counts show.
	b := ties()
	b.Actors[3].Name = "AAA first by name"
	g, _ := NewFrequencyPlotter(b, FrequencyOptions{Top: 2, PeriodOnly: true})
	if len(g.Rows) != len(f.Rows)-3 {
		t.Errorf("renaming an actor changed the cut: %d rows", len(g.Rows))
	}
}

func TestFrequencyGroupParty(t *testing.T) {
	f, err := NewFrequencyPlotter(ties(), FrequencyOptions{Group: GroupParty, PeriodOnly: true, ShowRole: true})
	if err != nil {
		t.Fatal(err)
	}
	// a (3) and b (2) are both United States: one bar of 5.
	if f.Rows[0].Name != "United States" || f.Rows[0].Events != 5 || f.Rows[0].Role != "2 actors" || f.Rows[0].Actor != nil {
		t.Errorf("first row %+v, want United States with 5 events of 2 actors", f.Rows[0])
	}
	// Parties without a colour never take one a party shown already has.
	g, err := NewFrequencyPlotter(genBriefing(3, 80), FrequencyOptions{Group: GroupParty})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range g.Parties {
		for _, q := range g.Parties[:i] {
			if p.Color == q.Color {
				t.Errorf("%s and %s share the colour %v", p.Name, q.Name, p.Color)
			}
		}
	}
	if _, err := NewFrequencyPlotter(ties(), FrequencyOptions{Group: "team"}); err == nil {
		t.Error("unknown group: no error")
	}
}
