package charts

import (
	"sort"

	"github.com/briefing-pdf/briefing/data"
)

// otherKind is the Kind of the style shared by the kinds beyond
// MaxKinds (and by events without a kind).
const otherKind = ""

// kinds collects the event kinds, most frequent first (ties by kind),
// gives each of the first maxKinds its colour and shape, folds the rest
// into one "Other" style, and returns the style index of every kind.
func (t *Timeline) kinds(b *data.Briefing, maxKinds int) map[string]int {
	n := map[string]int{}
	for _, e := range b.Events {
		n[e.Kind]++
	}
	names := make([]string, 0, len(n))
	for k := range n {
		if k != otherKind {
			names = append(names, k)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if n[names[i]] != n[names[j]] {
			return n[names[i]] > n[names[j]]
		}
		return names[i] < names[j]
	})
	own := names
	if len(names) > maxKinds || (len(names) == maxKinds && n[otherKind] > 0) {
		own = names[:maxKinds-1]
	}
	th := &t.Theme
	used := map[Shape]bool{}
	for _, k := range own {
		if s, ok := th.KindShapes[k]; ok {
			used[s] = true
		}
	}
	index := make(map[string]int, len(n))
	nextShape, nextColor := 0, 0
	for _, k := range own {
		ks := KindStyle{Kind: k, Name: t.kindName(k), Events: n[k], theme: th}
		if c, ok := th.KindColors[k]; ok && c != nil {
			ks.Color = c
		} else {
			ks.Color = th.Palette[nextColor%len(th.Palette)]
			nextColor++
		}
		if s, ok := th.KindShapes[k]; ok {
			ks.Shape = s
		} else {
			// Take the next shape no listed kind uses; cycle when all are.
			for tries := 0; tries < len(th.Shapes); tries++ {
				s := th.Shapes[nextShape%len(th.Shapes)]
				nextShape++
				if !used[s] || tries == len(th.Shapes)-1 {
					ks.Shape = s
					used[s] = true
					break
				}
			}
		}
		index[k] = len(t.Kinds)
		t.Kinds = append(t.Kinds, ks)
	}
	if len(own) < len(names) || n[otherKind] > 0 {
		other := KindStyle{Kind: otherKind, Name: t.loc.T("chart.other"), Shape: Circle, Color: th.Muted, theme: th}
		for _, k := range append(names[len(own):], otherKind) {
			other.Events += n[k]
			index[k] = len(t.Kinds)
		}
		if len(own) < len(names) {
			other.Name = t.loc.T("chart.other_kinds")
		}
		t.Kinds = append(t.Kinds, other)
	}
	return index
}

// kindName is KindName in the chart's language for the empty kind.
func (t *Timeline) kindName(k string) string {
	if k == "" {
		return t.loc.T("chart.other")
	}
	return KindName(k)
}
