package data

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// derived holds the views computed once from a briefing.
type derived struct {
	once        sync.Once
	chronology  []*Event
	actorCounts []ActorCount
	partyCounts []Count
	trackCounts []Count
	monthly     []MonthCount
	actors      map[ID]*Actor
	parties     map[ID]*Party
	sources     map[ID]*Source
	events      map[ID]*Event
}

// ActorCount is the number of events an actor takes part in.
type ActorCount struct {
	Actor  *Actor
	Events int
}

// Count is a number of events under a name (a party id or a track).
type Count struct {
	Name   string
	Events int
}

// MonthCount is the number of events of one track that start in one month.
type MonthCount struct {
	Month  time.Time // first day of the month, UTC
	Track  string
	Events int
}

func (b *Briefing) views() *derived {
	if b.derived == nil {
		b.derived = &derived{}
	}
	d := b.derived
	d.once.Do(func() { d.compute(b) })
	return d
}

func (d *derived) compute(b *Briefing) {
	d.actors = make(map[ID]*Actor, len(b.Actors))
	for i := range b.Actors {
		d.actors[b.Actors[i].ID] = &b.Actors[i]
	}
	d.parties = make(map[ID]*Party, len(b.Parties))
	for i := range b.Parties {
		d.parties[b.Parties[i].ID] = &b.Parties[i]
	}
	d.sources = make(map[ID]*Source, len(b.Sources))
	for i := range b.Sources {
		d.sources[b.Sources[i].ID] = &b.Sources[i]
	}
	d.events = make(map[ID]*Event, len(b.Events))
	d.chronology = make([]*Event, len(b.Events))
	for i := range b.Events {
		d.events[b.Events[i].ID] = &b.Events[i]
		d.chronology[i] = &b.Events[i]
	}
	sort.SliceStable(d.chronology, func(i, j int) bool {
		return d.chronology[i].sortKey().Before(d.chronology[j].sortKey())
	})

	perActor := make(map[ID]int)
	perParty := make(map[string]int)
	perTrack := make(map[string]int)
	type mk struct {
		month time.Time
		track string
	}
	perMonth := make(map[mk]int)
	for _, e := range d.chronology {
		seenParty := make(map[ID]bool)
		for _, a := range e.Actors {
			perActor[a]++
			if act := d.actors[a]; act != nil && act.Party != "" && !seenParty[act.Party] {
				seenParty[act.Party] = true
				perParty[string(act.Party)]++
			}
		}
		perTrack[e.Track]++
		m := time.Date(e.Date.Year(), e.Date.Month(), 1, 0, 0, 0, 0, time.UTC)
		perMonth[mk{m, e.Track}]++
	}
	for i := range b.Actors {
		if n := perActor[b.Actors[i].ID]; n > 0 {
			d.actorCounts = append(d.actorCounts, ActorCount{&b.Actors[i], n})
		}
	}
	sort.SliceStable(d.actorCounts, func(i, j int) bool {
		a, c := d.actorCounts[i], d.actorCounts[j]
		if a.Events != c.Events {
			return a.Events > c.Events
		}
		return a.Actor.Name < c.Actor.Name
	})
	d.partyCounts = sortedCounts(perParty)
	d.trackCounts = sortedCounts(perTrack)
	for k, n := range perMonth {
		d.monthly = append(d.monthly, MonthCount{k.month, k.track, n})
	}
	sort.Slice(d.monthly, func(i, j int) bool {
		a, c := d.monthly[i], d.monthly[j]
		if !a.Month.Equal(c.Month) {
			return a.Month.Before(c.Month)
		}
		return a.Track < c.Track
	})
}

func sortedCounts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{k, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Chronology returns the events in date order; events on the same date keep
// their file order. An event known only to the month or year sorts at the
// end of that month or year, after the events dated within it, as a reader
// of a chronology expects ("September 2023" after "19 September 2023").
// The slice is shared: do not modify it.
func (b *Briefing) Chronology() []*Event { return b.views().chronology }

// ActorFrequency returns the actors that take part in at least one event,
// most events first, ties by name.
func (b *Briefing) ActorFrequency() []ActorCount { return b.views().actorCounts }

// PartyCounts returns, per party id, the number of events in which at least
// one of its actors takes part; most first, ties by id.
func (b *Briefing) PartyCounts() []Count { return b.views().partyCounts }

// TrackCounts returns the number of events per track (the empty track
// included when some events have none); most first, ties by name.
func (b *Briefing) TrackCounts() []Count { return b.views().trackCounts }

// MonthlyByTrack returns the number of events starting in each month, per
// track, ordered by month then track. Months without events are absent.
func (b *Briefing) MonthlyByTrack() []MonthCount { return b.views().monthly }

// Actor returns the actor with the given id, or nil.
func (b *Briefing) Actor(id ID) *Actor { return b.views().actors[id] }

// Party returns the party with the given id, or nil.
func (b *Briefing) Party(id ID) *Party { return b.views().parties[id] }

// Source returns the source with the given id, or nil.
func (b *Briefing) Source(id ID) *Source { return b.views().sources[id] }

// Event returns the event with the given id, or nil.
func (b *Briefing) Event(id ID) *Event { return b.views().events[id] }

// Window returns the reporting window: [briefing].period when given, else
// the span from the first event's date to the last event's end (or date,
// widened to the end of its month or year by precision). With no events
// and no period it is the publication date alone.
func (b *Briefing) Window() (start, end time.Time) {
	if p := b.Meta.Period; p != nil {
		return p.Start, p.End
	}
	ev := b.Chronology()
	if len(ev) == 0 {
		return b.Meta.Date, b.Meta.Date
	}
	start = ev[0].Date
	for _, e := range ev {
		if e.Date.Before(start) {
			start = e.Date
		}
		if l := e.Last(); l.After(end) {
			end = l
		}
	}
	return start, end
}

// sortKey is where the event stands in the chronology: its date, or for a
// month- or year-precision event the last day of the month or year its date
// falls in.
func (e *Event) sortKey() time.Time {
	if e.Uncertain() {
		return e.Date
	}
	switch e.Precision {
	case Month:
		return time.Date(e.Date.Year(), e.Date.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	case Year:
		return time.Date(e.Date.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return e.Date
}

// Last returns the last calendar day the event may cover: the last day of
// its end's (or, without an end, its date's) day, month or year, so that a
// month-precision range "December 2022 – September 2023" ends on 30
// September.
func (e *Event) Last() time.Time {
	if e.Uncertain() {
		return e.NotAfter
	}
	if !e.End.IsZero() {
		end := *e
		end.Date = e.End
		return end.sortKey()
	}
	return e.sortKey()
}

// DateString displays the event's date as exactly as its precision allows:
// "18 February 2023", "January 2023", "2023", "1–4 May 2023",
// "27 June – 1 July 2023", "30 December 2022 – 2 January 2023".
//
// An event dated by an interval of uncertainty prints as the interval:
// "September 2023" or "2023" when it covers exactly a month or a year,
// "September – October 2023" for whole months, else "between 19 September
// and 20 November 2023".
func (e *Event) DateString() string {
	if e.Uncertain() {
		return FormatInterval(e.NotBefore, e.NotAfter)
	}
	return FormatRange(e.Date, e.End, e.Precision)
}

// FormatInterval displays an interval of uncertainty [from, to]: by whole
// years or months where it covers exactly those, else "between" its two
// days.
func FormatInterval(from, to time.Time) string {
	first := from.Day() == 1
	last := to.AddDate(0, 0, 1).Day() == 1
	switch {
	case first && last && from.Month() == time.January && to.Month() == time.December:
		return FormatRange(from, to, Year)
	case first && last:
		return FormatRange(from, to, Month)
	case from.Equal(to):
		return FormatDate(from, Day)
	}
	s := FormatRange(from, to, Day)
	if strings.Contains(s, " – ") {
		return "between " + strings.Replace(s, " – ", " and ", 1)
	}
	return "between " + strings.Replace(s, "–", " and ", 1)
}

// FormatDate displays a single date at the given precision.
func FormatDate(t time.Time, p Precision) string {
	switch p {
	case Month:
		return fmt.Sprintf("%s %d", t.Month(), t.Year())
	case Year:
		return fmt.Sprintf("%d", t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), t.Month(), t.Year())
}

// FormatRange displays a date or, when end is set and differs, a range with
// an en dash, sharing the month and year where the two share them.
func FormatRange(start, end time.Time, p Precision) string {
	if end.IsZero() || FormatDate(start, p) == FormatDate(end, p) {
		return FormatDate(start, p)
	}
	switch p {
	case Year:
		return fmt.Sprintf("%d–%d", start.Year(), end.Year())
	case Month:
		if start.Year() == end.Year() {
			return fmt.Sprintf("%s – %s %d", start.Month(), end.Month(), end.Year())
		}
		return FormatDate(start, p) + " – " + FormatDate(end, p)
	}
	switch {
	case start.Year() == end.Year() && start.Month() == end.Month():
		return fmt.Sprintf("%d–%d %s %d", start.Day(), end.Day(), end.Month(), end.Year())
	case start.Year() == end.Year():
		return fmt.Sprintf("%d %s – %d %s %d", start.Day(), start.Month(), end.Day(), end.Month(), end.Year())
	}
	return FormatDate(start, p) + " – " + FormatDate(end, p)
}
