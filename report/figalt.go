package report

import (
	"slices"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/i18n"
)

// The charts' alternate text (a tagged PDF's Figure /Alt), written from
// the data each chart draws: what it shows, its period and its
// extremes, for a reader who cannot see it; in the document's language
// (the alt.* messages).

// timelineAlt describes the timeline t of the period, its lanes being
// lanes (figure.lanes_track, _kind or _party).
func timelineAlt(l *i18n.Locale, t *charts.Timeline, period, lanes string) string {
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
	nEvents := func(n int) string { return l.T("chart.events", "n", n) }
	var b strings.Builder
	b.WriteString(l.T("alt.timeline", "events", nEvents(len(events)), "period", period,
		"lanes", l.T("alt.lanes", "n", len(t.Lanes)), "lane", lanes))
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
		b.WriteString(l.T("alt.densest_month", "month", l.Date(dense[0], i18n.Month), "events", nEvents(most)))
	case len(dense) <= 3:
		names := make([]string, len(dense))
		for i, m := range dense {
			names[i] = l.Date(m, i18n.Month)
		}
		b.WriteString(l.T("alt.densest_months", "months", l.JoinAnd(names), "events", nEvents(most)))
	default:
		b.WriteString(l.T("alt.no_densest", "n", len(dense), "events", nEvents(most)))
	}
	if len(t.Lanes) > 1 {
		busiest, least := t.Lanes[0], t.Lanes[0]
		for _, ln := range t.Lanes[1:] {
			if ln.Events > busiest.Events {
				busiest = ln
			}
			if ln.Events < least.Events {
				least = ln
			}
		}
		b.WriteString(l.T("alt.busiest", "busiest", laneName(l, busiest), "events", nEvents(busiest.Events),
			"quietest", laneName(l, least), "least", least.Events))
	}
	if key > 0 {
		b.WriteString(l.T("alt.key", "n", key))
	}
	if n := len(outside); n > 0 {
		b.WriteString(l.T("alt.outside", "n", n))
	}
	b.WriteString(".")
	return b.String()
}

// laneName is a lane's name for the alternate text.
func laneName(l *i18n.Locale, ln charts.Lane) string {
	if ln.Name == "" {
		return l.T("alt.other_lane")
	}
	return ln.Name
}

// frequencyAlt describes the actor frequency chart f over the period.
func frequencyAlt(l *i18n.Locale, f *charts.Frequency, period string) string {
	var b strings.Builder
	if f.Group == charts.GroupParty {
		b.WriteString(l.T("alt.frequency_parties", "n", len(f.Rows)))
	} else {
		b.WriteString(l.T("alt.frequency_actors", "n", len(f.Rows)))
	}
	if f.PeriodOnly {
		b.WriteString(l.T("alt.frequency_period", "period", period))
	}
	for i, r := range f.Rows {
		name := r.Name
		if r.Actor != nil && f.Group != charts.GroupParty {
			name = r.Actor.Name
		}
		if i == 0 {
			b.WriteString(l.T("alt.frequency_first", "name", name, "events", l.T("chart.events", "n", r.Events)))
		} else {
			b.WriteString(l.T("alt.frequency_next", "name", name, "n", r.Events))
		}
	}
	if f.Others > 0 {
		if f.OthersMin == f.OthersMax {
			b.WriteString(l.T("alt.frequency_others", "n", f.Others, "events", l.T("chart.events", "n", f.OthersMax)))
		} else {
			b.WriteString(l.T("alt.frequency_others_range", "n", f.Others, "lo", f.OthersMin, "hi", f.OthersMax))
		}
	}
	b.WriteString(".")
	return b.String()
}
