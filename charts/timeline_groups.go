package charts

import (
	"math"
	"sort"
	"time"
)

// group is a set of coinciding marks drawn as one, before geometry.
type group struct {
	lane       int // index into timelineLayout.lanes (the strip is the last)
	form       Form
	start, end float64 // the span drawn, Unix seconds
	members    []int
	sub        int // sub-row in the strip
}

// spot is where marks coincide.
type spot struct {
	lane       int
	form       Form
	start, end float64
}

// maxStripRows caps the sub-rows of the undated strip: when its events
// have more distinct intervals, the intervals are widened (to whole
// months, quarters, years, then to the union of all) until they fit.
// Widening only makes a span less exact, never wrong.
const maxStripRows = 4

// groups sorts the marks in the window into what is drawn: marks that
// coincide in a lane become one group; day-dated events of dense lanes go
// to the histograms (their key events, thinned by keep, get groups of
// their own above the counts); Intervals that would fill their lane go to
// the strip, once per event. It also returns the key events that cannot
// be shown at all (thinned out of a dense lane).
func (t *Timeline) groups(dense []bool, keep map[int]bool, stripLane int) (gs []group, lost int) {
	at := map[spot]int{}
	var strip []int
	seen := map[any]bool{}
	for mi, m := range t.Marks {
		if m.Form == Before || m.Form == After {
			continue
		}
		if m.Strip {
			if !seen[m.Event] {
				seen[m.Event] = true
				strip = append(strip, mi)
			}
			continue
		}
		if dense[m.Lane] && (m.Form == Point || m.Form == Bar) {
			if m.Label != "" {
				if keep[mi] {
					gs = append(gs, group{lane: m.Lane, form: m.Form, start: m.Start, end: m.End, members: []int{mi}})
				} else {
					lost++
				}
			}
			continue
		}
		k := spot{m.Lane, m.Form, m.Start, m.End}
		if j, ok := at[k]; ok {
			gs[j].members = append(gs[j].members, mi)
			continue
		}
		at[k] = len(gs)
		gs = append(gs, group{lane: m.Lane, form: m.Form, start: m.Start, end: m.End, members: []int{mi}})
	}
	if len(strip) == 0 {
		return gs, lost
	}
	// The strip: one sub-row per distinct interval, widened until few.
	widen := []func(time.Time) time.Time{
		func(t time.Time) time.Time { return t },
		binUnits[2].start, binUnits[3].start, binUnits[4].start,
	}
	nextOf := []func(time.Time) time.Time{
		func(t time.Time) time.Time { return t },
		binUnits[2].next, binUnits[3].next, binUnits[4].next,
	}
	for wi := 0; wi <= len(widen); wi++ {
		sg := map[[2]float64]int{}
		var out []group
		for _, mi := range strip {
			m := t.Marks[mi]
			s, e := m.Start, m.End
			switch {
			case wi == len(widen):
				s, e = math.Inf(1), math.Inf(-1)
				for _, mj := range strip {
					s, e = min(s, t.Marks[mj].Start), max(e, t.Marks[mj].End)
				}
			case wi > 0:
				st := widen[wi](fromUnix(s))
				en := widen[wi](fromUnix(e - day))
				s, e = unix(st), unix(nextOf[wi](en))
			}
			k := [2]float64{s, e}
			if j, ok := sg[k]; ok {
				out[j].members = append(out[j].members, mi)
				continue
			}
			sg[k] = len(out)
			out = append(out, group{lane: stripLane, form: Interval, start: s, end: e, members: []int{mi}})
		}
		if len(out) <= maxStripRows || wi == len(widen) {
			sort.SliceStable(out, func(i, j int) bool {
				if out[i].start != out[j].start {
					return out[i].start < out[j].start
				}
				return out[i].end > out[j].end
			})
			for i := range out {
				out[i].sub = i
			}
			return append(gs, out...), lost
		}
	}
	return gs, lost
}

// kindsOf counts the kinds of a group's members, in kind order.
func (t *Timeline) kindsOf(g group) []kindCount {
	n := make([]int, len(t.Kinds))
	for _, mi := range g.members {
		n[t.Marks[mi].Kind]++
	}
	var out []kindCount
	for k, c := range n {
		if c > 0 {
			out = append(out, kindCount{k, c})
		}
	}
	return out
}
