package charts

import (
	"sort"

	"github.com/briefing-pdf/briefing/data"
)

// freqCount is one bar before layout: an actor, or a party.
type freqCount struct {
	actor  *data.Actor // nil for a party
	party  data.ID     // the actor's party, or the party
	name   string
	role   string
	events int
}

// count counts events per actor or per party, as opt says.
func (f *Frequency) count(b *data.Briefing, opt FrequencyOptions) []freqCount {
	var lo, hi float64
	if opt.PeriodOnly {
		s, e := b.Window()
		lo, hi = unix(s), unix(e)+day
	}
	index := map[string]int{}
	var out []freqCount
	members := map[data.ID]map[data.ID]bool{}
	for i := range b.Events {
		e := &b.Events[i]
		if len(e.Actors) == 0 {
			continue
		}
		if opt.PeriodOnly {
			if s, en := Span(e); en <= lo || s >= hi {
				f.Outside++
				continue
			}
		}
		f.Counted++
		seen := map[string]bool{}
		for _, id := range e.Actors {
			a := b.Actor(id)
			if a == nil {
				continue
			}
			key, fc := "a:"+string(a.ID), freqCount{actor: a, party: a.Party, name: a.Name, role: a.Role}
			if opt.Group == GroupParty && a.Party != "" {
				key = "p:" + string(a.Party)
				fc = freqCount{party: a.Party, name: string(a.Party)}
				if p := b.Party(a.Party); p != nil {
					fc.name = p.Name
				}
				if members[a.Party] == nil {
					members[a.Party] = map[data.ID]bool{}
				}
				members[a.Party][a.ID] = true
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			j, ok := index[key]
			if !ok {
				j = len(out)
				index[key] = j
				out = append(out, fc)
			}
			out[j].events++
		}
	}
	for i := range out {
		if out[i].actor == nil {
			n := len(members[out[i].party])
			out[i].role = f.loc.T("chart.party_actors", "n", n)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].events != out[j].events {
			return out[i].events > out[j].events
		}
		return out[i].name < out[j].name
	})
	return out
}

// cut is how many of counts (most first) get a bar when top are asked
// for: top, unless the cut falls inside a tie, which is then shown whole
// when that keeps the rows within top + top/2, else left out whole.
func (f *Frequency) cut(counts []freqCount, top int) int {
	if len(counts) <= top || counts[top-1].events != counts[top].events {
		return min(top, len(counts))
	}
	k := counts[top].events
	a, b := top-1, top
	for a > 0 && counts[a-1].events == k {
		a--
	}
	for b < len(counts) && counts[b].events == k {
		b++
	}
	if b <= top+top/2 {
		f.TiedShown, f.TiedEvents = b-a, k
		return b
	}
	f.TiedLeftOut, f.TiedEvents = b-a, k
	return a
}
