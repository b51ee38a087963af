package data

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func testBriefing() *Briefing {
	return &Briefing{
		Meta: Meta{Title: "T", Date: date(2024, 1, 15)},
		Parties: []Party{
			{ID: "us", Name: "United States"},
			{ID: "am", Name: "Armenia"},
			{ID: "az", Name: "Azerbaijan"},
		},
		Actors: []Actor{
			{ID: "blinken", Name: "Antony Blinken", Party: "us"},
			{ID: "mirzoyan", Name: "Ararat Mirzoyan", Party: "am"},
			{ID: "bayramov", Name: "Jeyhun Bayramov", Party: "az"},
			{ID: "reeker", Name: "Philip Reeker", Party: "us"},
			{ID: "idle", Name: "Nobody", Party: "us"},
		},
		Events: []Event{
			{ID: "e1", Date: date(2023, 5, 1), End: date(2023, 5, 4), Track: "aa", Actors: []ID{"mirzoyan", "bayramov", "blinken"}},
			{ID: "e2", Date: date(2023, 2, 18), Track: "bb", Actors: []ID{"blinken", "reeker"}},
			{ID: "e3", Date: date(2023, 5, 1), Track: "aa", Actors: []ID{"mirzoyan"}},
			{ID: "e4", Date: date(2023, 1, 1), Precision: Month, Actors: []ID{"bayramov"}},
			{ID: "e5", Date: date(2023, 2, 1), Track: "bb"},
		},
	}
}

func ids(evs []*Event) string {
	var s []string
	for _, e := range evs {
		s = append(s, string(e.ID))
	}
	return strings.Join(s, " ")
}

func TestChronologyIsStable(t *testing.T) {
	b := testBriefing()
	if got, want := ids(b.Chronology()), "e4 e5 e2 e1 e3"; got != want {
		t.Errorf("Chronology: %s, want %s", got, want)
	}
	// Same dates in the other file order keep that order.
	b = testBriefing()
	b.Events[0], b.Events[2] = b.Events[2], b.Events[0]
	if got, want := ids(b.Chronology()), "e4 e5 e2 e3 e1"; got != want {
		t.Errorf("Chronology after swap: %s, want %s", got, want)
	}
}

func TestActorFrequency(t *testing.T) {
	b := testBriefing()
	var got []string
	for _, c := range b.ActorFrequency() {
		got = append(got, fmt.Sprintf("%s=%d", c.Actor.ID, c.Events))
	}
	// blinken, mirzoyan and bayramov tie at 2: by name (Antony, Ararat,
	// Jeyhun); reeker (Philip) has 1; idle has none and is left out.
	want := "blinken=2 mirzoyan=2 bayramov=2 reeker=1"
	if strings.Join(got, " ") != want {
		t.Errorf("ActorFrequency: %s, want %s", strings.Join(got, " "), want)
	}
}

func TestCounts(t *testing.T) {
	b := testBriefing()
	str := func(cs []Count) string {
		var s []string
		for _, c := range cs {
			s = append(s, fmt.Sprintf("%s=%d", c.Name, c.Events))
		}
		return strings.Join(s, " ")
	}
	// e2 has two US actors but counts once for the US.
	if got, want := str(b.PartyCounts()), "am=2 az=2 us=2"; got != want {
		t.Errorf("PartyCounts: %s, want %s", got, want)
	}
	if got, want := str(b.TrackCounts()), "aa=2 bb=2 =1"; got != want {
		t.Errorf("TrackCounts: %s, want %s", got, want)
	}
	var m []string
	for _, c := range b.MonthlyByTrack() {
		m = append(m, fmt.Sprintf("%s/%s=%d", c.Month.Format("2006-01-02"), c.Track, c.Events))
		if c.Month.Location() != time.UTC {
			t.Errorf("month %v not UTC", c.Month)
		}
	}
	if got, want := strings.Join(m, " "), "2023-01-01/=1 2023-02-01/bb=2 2023-05-01/aa=2"; got != want {
		t.Errorf("MonthlyByTrack: %s, want %s", got, want)
	}
}

func TestLookups(t *testing.T) {
	b := testBriefing()
	if b.Actor("blinken").Name != "Antony Blinken" || b.Party("az").Name != "Azerbaijan" || b.Event("e3").Date != date(2023, 5, 1) {
		t.Error("lookup by id")
	}
	if b.Actor("nobody") != nil || b.Party("xx") != nil || b.Source("s") != nil || b.Event("e9") != nil {
		t.Error("lookup of a missing id is not nil")
	}
}

func TestWindow(t *testing.T) {
	tests := []struct {
		name       string
		events     []Event
		period     *Period
		start, end time.Time
	}{
		{"period wins", []Event{{Date: date(2020, 9, 27)}}, &Period{date(2023, 1, 1), date(2023, 12, 31)}, date(2023, 1, 1), date(2023, 12, 31)},
		{"no events: publication date", nil, nil, date(2024, 1, 15), date(2024, 1, 15)},
		{"day span with end", []Event{{Date: date(2023, 5, 1), End: date(2023, 5, 4)}, {Date: date(2023, 2, 18)}}, nil, date(2023, 2, 18), date(2023, 5, 4)},
		{"month precision widens to month end", []Event{{Date: date(2023, 1, 1)}, {Date: date(2023, 2, 1), Precision: Month}}, nil, date(2023, 1, 1), date(2023, 2, 28)},
		{"year precision widens to year end", []Event{{Date: date(2023, 3, 1)}, {Date: date(2022, 1, 1), Precision: Year}}, nil, date(2022, 1, 1), date(2023, 3, 1)},
		{"year precision last", []Event{{Date: date(2023, 3, 1)}, {Date: date(2023, 1, 1), Precision: Year}}, nil, date(2023, 1, 1), date(2023, 12, 31)},
		{"a long event ends last", []Event{{Date: date(2022, 12, 12), End: date(2023, 9, 19)}, {Date: date(2023, 5, 1)}}, nil, date(2022, 12, 12), date(2023, 9, 19)},
	}
	for _, tt := range tests {
		b := &Briefing{Meta: Meta{Date: date(2024, 1, 15), Period: tt.period}, Events: tt.events}
		start, end := b.Window()
		if !start.Equal(tt.start) || !end.Equal(tt.end) {
			t.Errorf("%s: Window %s – %s, want %s – %s", tt.name, start.Format(time.DateOnly), end.Format(time.DateOnly), tt.start.Format(time.DateOnly), tt.end.Format(time.DateOnly))
		}
	}
}

func TestEventLast(t *testing.T) {
	for _, tt := range []struct {
		e    Event
		want time.Time
	}{
		{Event{Date: date(2023, 2, 18)}, date(2023, 2, 18)},
		{Event{Date: date(2023, 5, 1), End: date(2023, 5, 4)}, date(2023, 5, 4)},
		{Event{Date: date(2024, 2, 1), Precision: Month}, date(2024, 2, 29)},
		{Event{Date: date(2023, 12, 1), Precision: Month}, date(2023, 12, 31)},
		{Event{Date: date(2023, 1, 1), Precision: Year}, date(2023, 12, 31)},
		// A month range ends on the last day of its end month (issue 13:
		// the Lachin blockade ran to 30 September, not 1 September).
		{Event{Date: date(2023, 1, 1), End: date(2023, 3, 1), Precision: Month}, date(2023, 3, 31)},
		{Event{Date: date(2022, 12, 1), End: date(2023, 9, 1), Precision: Month}, date(2023, 9, 30)},
		{Event{Date: date(2020, 1, 1), End: date(2023, 1, 1), Precision: Year}, date(2023, 12, 31)},
	} {
		if got := tt.e.Last(); !got.Equal(tt.want) {
			t.Errorf("Last of %v %v %v: %v, want %v", tt.e.Date, tt.e.End, tt.e.Precision, got, tt.want)
		}
	}
}

func TestDateDisplay(t *testing.T) {
	for _, tt := range []struct {
		start, end time.Time
		p          Precision
		want       string
	}{
		{date(2023, 2, 18), time.Time{}, Day, "18 February 2023"},
		{date(2023, 1, 1), time.Time{}, Month, "January 2023"},
		{date(2023, 1, 1), time.Time{}, Year, "2023"},
		{date(2023, 5, 1), date(2023, 5, 4), Day, "1–4 May 2023"},
		{date(2023, 6, 27), date(2023, 7, 1), Day, "27 June – 1 July 2023"},
		{date(2022, 12, 30), date(2023, 1, 2), Day, "30 December 2022 – 2 January 2023"},
		{date(2023, 5, 1), date(2023, 5, 1), Day, "1 May 2023"},
		{date(2023, 1, 1), date(2023, 1, 20), Month, "January 2023"},
		{date(2023, 1, 1), date(2023, 3, 31), Month, "January – March 2023"},
		{date(2022, 12, 1), date(2023, 9, 19), Month, "December 2022 – September 2023"},
		{date(2020, 1, 1), date(2020, 11, 10), Year, "2020"},
		{date(2020, 1, 1), date(2021, 1, 1), Year, "2020–2021"},
	} {
		if got := FormatRange(tt.start, tt.end, tt.p); got != tt.want {
			t.Errorf("FormatRange(%v, %v, %v) = %q, want %q", tt.start.Format(time.DateOnly), tt.end.Format(time.DateOnly), tt.p, got, tt.want)
		}
		e := Event{Date: tt.start, End: tt.end, Precision: tt.p}
		if got := e.DateString(); got != tt.want {
			t.Errorf("DateString = %q, want %q", got, tt.want)
		}
	}
	if got := FormatDate(date(2024, 1, 15), Day); got != "15 January 2024" {
		t.Errorf("FormatDate %q", got)
	}
}

// A month- or year-precision event follows the events dated within its
// month or year: "September 2023" after "19 September 2023", "2023" after
// every dated 2023 event, and before the next year.
func TestChronologyPlacesCoarseDatesLast(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	b := &Briefing{Events: []Event{
		{ID: "year", Date: d(2023, 1, 1), Precision: Year},
		{ID: "sept", Date: d(2023, 9, 1), Precision: Month},
		{ID: "sept19", Date: d(2023, 9, 19)},
		{ID: "feb", Date: d(2023, 2, 18)},
		{ID: "dec22", Date: d(2022, 12, 1), Precision: Month, End: d(2023, 9, 30)},
		{ID: "jan24", Date: d(2024, 1, 1), Precision: Month},
		{ID: "oct", Date: d(2023, 10, 1)},
	}}
	if got, want := ids(b.Chronology()), "dec22 feb sept19 sept oct year jan24"; got != want {
		t.Errorf("Chronology: %s, want %s", got, want)
	}
	if s, e := b.Window(); !s.Equal(d(2022, 12, 1)) || !e.Equal(d(2024, 1, 31)) {
		t.Errorf("Window: %s – %s, want 2022-12-01 – 2024-01-31", s, e)
	}
}
