package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/data"
)

// The charts' alternate text (a tagged PDF's Figure /Alt), written from
// the data each chart draws: what it shows, its period and its
// extremes, for a reader who cannot see it.

// timelineAlt describes the timeline t of the period, its lanes being
// lanes ("track", "kind of event" or "party").
func timelineAlt(t *charts.Timeline, period, lanes string) string {
	events := map[*data.Event]bool{}
	outside := map[*data.Event]bool{}
	months := map[time.Time]int{}
	key := 0
	for _, m := range t.Marks {
		if m.Form == charts.Before || m.Form == charts.After {
			outside[m.Event] = true
			continue
		}
		if events[m.Event] {
			continue
		}
		events[m.Event] = true
		if m.Label != "" {
			key++
		}
		e := m.Event
		if e.NotBefore.IsZero() && (e.Precision == data.Day || e.Precision == data.Month) {
			months[time.Date(e.Date.Year(), e.Date.Month(), 1, 0, 0, 0, 0, time.UTC)]++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Timeline of %s over %s in %s, one per %s", count(len(events), "event"), period, count(len(t.Lanes), "lane"), lanes)
	most := 0
	for _, n := range months {
		most = max(most, n)
	}
	var dense []time.Time
	for m, n := range months {
		if n == most {
			dense = append(dense, m)
		}
	}
	slices.SortFunc(dense, func(a, b time.Time) int { return a.Compare(b) })
	switch {
	case most == 0:
	case len(dense) == 1:
		fmt.Fprintf(&b, "; the densest month is %s with %s", data.FormatDate(dense[0], data.Month), count(most, "event"))
	case len(dense) <= 3:
		names := make([]string, len(dense))
		for i, m := range dense {
			names[i] = data.FormatDate(m, data.Month)
		}
		fmt.Fprintf(&b, "; the densest months are %s and %s with %s each", strings.Join(names[:len(names)-1], ", "), names[len(names)-1], count(most, "event"))
	default:
		fmt.Fprintf(&b, "; no month has more than %s (%d months have as many)", count(most, "event"), len(dense))
	}
	if len(t.Lanes) > 1 {
		busiest, least := t.Lanes[0], t.Lanes[0]
		for _, l := range t.Lanes[1:] {
			if l.Events > busiest.Events {
				busiest = l
			}
			if l.Events < least.Events {
				least = l
			}
		}
		fmt.Fprintf(&b, "; the busiest lane is %s with %s, the quietest %s with %d", laneName(busiest), count(busiest.Events, "event"), laneName(least), least.Events)
	}
	if key > 0 {
		fmt.Fprintf(&b, "; %s labelled as key", count(key, "event is", "events are"))
	}
	if n := len(outside); n > 0 {
		fmt.Fprintf(&b, "; arrows at its edges count %s outside the period", count(n, "event"))
	}
	b.WriteString(".")
	return b.String()
}

// laneName is a lane's name for the alternate text.
func laneName(l charts.Lane) string {
	if l.Name == "" {
		return "the lane of other events"
	}
	return l.Name
}

// frequencyAlt describes the actor frequency chart f over the period.
func frequencyAlt(f *charts.Frequency, period string) string {
	var b strings.Builder
	who := "actors"
	if f.Group == charts.GroupParty {
		who = "parties"
	}
	fmt.Fprintf(&b, "Actor frequency, the %d %s taking part in the most events", len(f.Rows), who)
	if f.PeriodOnly {
		fmt.Fprintf(&b, " of %s", period)
	}
	b.WriteString(": ")
	for i, r := range f.Rows {
		name := r.Name
		if r.Actor != nil && f.Group != charts.GroupParty {
			name = r.Actor.Name
		}
		switch i {
		case 0:
			fmt.Fprintf(&b, "%s takes part in %s", name, count(r.Events, "event"))
		default:
			fmt.Fprintf(&b, ", %s in %d", name, r.Events)
		}
	}
	if f.Others > 0 {
		if f.OthersMin == f.OthersMax {
			fmt.Fprintf(&b, "; %d others in %s each", f.Others, count(f.OthersMax, "event"))
		} else {
			fmt.Fprintf(&b, "; %d others in %d to %d events each", f.Others, f.OthersMin, f.OthersMax)
		}
	}
	b.WriteString(".")
	return b.String()
}

// count is "1 event" or "5 events"; with a plural given, "1 event is",
// "5 events are".
func count(n int, one string, many ...string) string {
	if n == 1 {
		return "1 " + one
	}
	if len(many) > 0 {
		return fmt.Sprintf("%d %s", n, many[0])
	}
	return fmt.Sprintf("%d %ss", n, one)
}
