package charts

import (
	"fmt"
	"math/rand"
	"time"

	"github.com/briefing-pdf/briefing/data"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// genBriefing makes a random briefing of n events over 2023 (with a few
// before and after it), seeded for determinism: five tracks, eight kinds,
// a mix of precisions and multi-day events, one event in ten key.
func genBriefing(seed int64, n int) *data.Briefing {
	rng := rand.New(rand.NewSource(seed))
	tracks := []string{"armenia-azerbaijan", "armenia-turkiye", "humanitarian", "congress", ""}
	kinds := []string{"meeting", "call", "statement", "visit", "negotiation", "military", "aid", ""}
	b := &data.Briefing{
		Meta: data.Meta{
			Title:  "Generated",
			Date:   date(2024, 1, 15),
			Period: &data.Period{Start: date(2023, 1, 1), End: date(2023, 12, 31)},
		},
		Parties: []data.Party{
			{ID: "us", Name: "United States", Color: data.Color{R: 0x1f, G: 0x4e, B: 0x79, Set: true}},
			{ID: "armenia", Name: "Armenia"},
			{ID: "azerbaijan", Name: "Azerbaijan"},
		},
		Actors: []data.Actor{
			{ID: "blinken", Name: "Antony Blinken", Role: "US Secretary of State", Party: "us"},
			{ID: "mirzoyan", Name: "Ararat Mirzoyan", Role: "Foreign Minister of Armenia", Party: "armenia"},
			{ID: "bayramov", Name: "Jeyhun Bayramov", Role: "Foreign Minister of Azerbaijan", Party: "azerbaijan"},
			{ID: "icrc", Name: "International Committee of the Red Cross"},
		},
	}
	actors := []data.ID{"blinken", "mirzoyan", "bayramov", "icrc"}
	for i := 0; i < n; i++ {
		d := date(2022, 11, 1).AddDate(0, 0, rng.Intn(365+61+31))
		e := data.Event{
			ID:    data.ID(fmt.Sprintf("e%d", i)),
			Date:  d,
			Title: fmt.Sprintf("Event %d: talks between delegations on item %d", i, rng.Intn(1000)),
			Kind:  kinds[rng.Intn(len(kinds))],
			Track: tracks[rng.Intn(len(tracks))],
			Key:   rng.Intn(10) == 0,
		}
		switch p := rng.Intn(20); {
		case p == 0:
			e.Precision = data.Year
			e.Date = date(d.Year(), 1, 1)
		case p < 3:
			e.Precision = data.Month
			e.Date = date(d.Year(), d.Month(), 1)
		case p < 5:
			e.End = d.AddDate(0, 0, 1+rng.Intn(10))
		}
		for _, a := range rng.Perm(len(actors))[:rng.Intn(3)] {
			e.Actors = append(e.Actors, actors[a])
		}
		b.Events = append(b.Events, e)
	}
	return b
}

// sample is a small fixed briefing with one event of each form.
func sample() *data.Briefing {
	return &data.Briefing{
		Meta: data.Meta{
			Title:  "Sample",
			Date:   date(2024, 1, 15),
			Period: &data.Period{Start: date(2023, 1, 1), End: date(2023, 12, 31)},
		},
		Parties: []data.Party{
			{ID: "us", Name: "United States", Color: data.Color{R: 0x1f, G: 0x4e, B: 0x79, Set: true}},
			{ID: "armenia", Name: "Armenia"},
			{ID: "azerbaijan", Name: "Azerbaijan"},
		},
		Actors: []data.Actor{
			{ID: "blinken", Name: "Antony Blinken", Role: "US Secretary of State", Party: "us"},
			{ID: "mirzoyan", Name: "Ararat Mirzoyan", Role: "Foreign Minister of Armenia", Party: "armenia"},
			{ID: "bayramov", Name: "Jeyhun Bayramov", Role: "Foreign Minister of Azerbaijan", Party: "azerbaijan"},
			{ID: "power", Name: "Samantha Power", Role: "USAID Administrator", Party: "us"},
		},
		Events: []data.Event{
			{ID: "war-2020", Date: date(2020, 1, 1), Precision: data.Year, Title: "The 44-day war", Kind: "military", Track: "background"},
			{ID: "munich", Date: date(2023, 2, 18), Title: "Blinken–Pashinyan–Aliyev meeting in Munich", Kind: "meeting", Track: "armenia-azerbaijan", Actors: []data.ID{"blinken"}, Key: true},
			{ID: "round-1", Date: date(2023, 5, 1), End: date(2023, 5, 4), Title: "Foreign ministers’ round at the Shultz Center", Kind: "negotiation", Track: "armenia-azerbaijan", Actors: []data.ID{"blinken", "mirzoyan", "bayramov"}, Key: true},
			{ID: "power-visit", Date: date(2023, 9, 1), Precision: data.Month, Title: "Samantha Power visits Armenia and Azerbaijan", Kind: "visit", Track: "humanitarian", Actors: []data.ID{"power"}, Key: true},
			{ID: "statements", Date: date(2023, 1, 1), Precision: data.Year, Title: "US statements offering to facilitate talks", Kind: "statement", Track: "armenia-azerbaijan", Actors: []data.ID{"blinken"}},
			{ID: "call", Date: date(2023, 10, 3), Title: "Blinken calls Mirzoyan", Kind: "call", Track: "armenia-turkiye", Actors: []data.ID{"blinken", "mirzoyan"}},
			{ID: "next-year", Date: date(2024, 1, 10), Title: "Talks planned for January", Kind: "meeting", Track: "armenia-azerbaijan"},
		},
	}
}

// layoutAt draws p at w×h on a recorder and returns the timeline layout
// laid out on the plot's data canvas.
func layoutAt(p *plot.Plot, t *Timeline, w, h vg.Length) *timelineLayout {
	var rc recorder.Canvas
	c := draw.NewCanvas(&rc, w, h)
	return t.layout(p.DataCanvas(c), p)
}

// timelineOf builds the figure and its plotter.
func timelineOf(b *data.Briefing, opt TimelineOptions) (*plot.Plot, *Timeline, error) {
	p, err := NewTimeline(b, opt)
	if err != nil {
		return nil, nil, err
	}
	t, err := NewTimelinePlotter(b, opt)
	if err != nil {
		return nil, nil, err
	}
	return p, t, nil
}
