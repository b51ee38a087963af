package charts

import (
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"
)

// keyEntry is one line group of the numbered key.
type keyEntry struct {
	number int
	mark   int
	lines  [][]word
	at     vg.Point // baseline start of the first line
}

// maxKeyShare caps the key's height as a share of the chart's.
const maxKeyShare = 0.35

// keyHeight is the height the key needs for entries (and the line about
// unlabelled key events when more is true), capped at maxKeyShare.
func (t *Timeline) keyHeight(ms *measurer, entries []keyEntry, c vg.Rectangle, more int) vg.Length {
	if len(entries) == 0 && more == 0 {
		return 0
	}
	h := t.keyColumns(ms, entries, c, c.Min.X-t.leftMargin())
	reg := t.Theme.style(t.Theme.Font, t.Theme.LabelSize, t.Theme.Ink)
	e := reg.FontExtents()
	h += (e.Ascent + e.Descent) * 1.15 // the line about unlabelled events
	return min(h, (c.Max.Y-c.Min.Y)*maxKeyShare)
}

// keyEntries are the entries of the numbered key for the unplaced labels,
// numbered in date order.
func (t *Timeline) keyEntries(geoms []labelGeom, unplaced []int) []keyEntry {
	out := make([]keyEntry, 0, len(unplaced))
	for i, u := range unplaced {
		m := t.Marks[geoms[u].mark]
		words := []word{{strconv.Itoa(i+1) + ".", true}}
		for _, w := range strings.Fields(m.Date) {
			words = append(words, word{w, true})
		}
		for _, w := range strings.Fields(m.Label) {
			words = append(words, word{w, false})
		}
		out = append(out, keyEntry{number: i + 1, mark: geoms[u].mark, lines: [][]word{words}})
	}
	return out
}

// keyColumns lays key entries out in columns across c: two when every
// entry fits on one line in half the width, else one, each entry wrapped
// to the column (never cut). It returns the entries' lines and their
// positions relative to the key's top left, and the key's height.
func (t *Timeline) keyColumns(ms *measurer, entries []keyEntry, c vg.Rectangle, left vg.Length) vg.Length {
	e := ms.reg.FontExtents()
	lineH := (e.Ascent + e.Descent) * 1.15
	width := c.Max.X - left
	colGap := vg.Length(12)
	cols := 1
	colW := (width - colGap) / 2
	if len(entries) > 1 {
		cols = 2
		for _, en := range entries {
			if ms.run(en.lines[0]) > colW {
				cols = 1
				break
			}
		}
	}
	if cols == 1 {
		colW = width
	}
	per := (len(entries) + cols - 1) / cols
	var h vg.Length
	y := vg.Length(0)
	for i := range entries {
		if i%per == 0 {
			y = 0
		}
		en := &entries[i]
		en.lines = ms.wrap(en.lines[0], colW)
		col := i / per
		en.at = vg.Point{X: left + vg.Length(col)*(colW+colGap), Y: -y - e.Ascent}
		y += lineH * vg.Length(len(en.lines))
		h = max(h, y)
	}
	return h
}

// layoutKey places numbered tags for the key events without a full label
// and lays out the key under the axis. It tries two orders: the full
// labels as placed, then the tags; and the tags first, then the full
// labels, then tags for the full labels that lost their place. It keeps
// the order that marks more key events (the first on ties). Key events
// whose tag or key line finds no room are counted in f.unlabelled.
//
// It returns the height the key would want for every tagged event.
func (t *Timeline) layoutKey(f *timelineLayout, ms *measurer, c vg.Rectangle, reqs []labelRequest, geoms []labelGeom, places []placement, obstacles []vg.Rectangle) vg.Length {
	th := t.Theme
	bold := th.style(th.Bold, th.LabelSize, th.Ink)
	e := bold.FontExtents()
	var fullIdx, tagIdx []int
	for i, p := range places {
		if p.ok {
			fullIdx = append(fullIdx, i)
		} else {
			tagIdx = append(tagIdx, i)
		}
	}
	tagW := bold.Width(strconv.Itoa(len(reqs))) // the widest number a tag may get
	pl := placer{area: f.area, gap: 1.5, levels: t.levels(f), markN: len(obstacles) - len(f.notes)}
	grow := func(obs []vg.Rectangle, p placement) []vg.Rectangle {
		obs = append(obs, inflate(p.box, pl.gap/2))
		if p.leader {
			obs = append(obs, segmentBox(p.from, p.to))
		}
		return obs
	}
	// placeSet places the requests idx (as tags when tag is set) among obs.
	placeSet := func(obs []vg.Rectangle, idx []int, tag bool, out map[int]placement) []vg.Rectangle {
		sub := make([]labelRequest, len(idx))
		for k, i := range idx {
			sub[k] = reqs[i]
			if tag {
				sub[k].sizes = []labelSize{{w: tagW, h: e.Ascent + e.Descent}}
			}
		}
		for k, p := range pl.place(obs, sub, 0) {
			if p.ok {
				out[idx[k]] = p
				obs = grow(obs, p)
			}
		}
		return obs
	}
	base := append([]vg.Rectangle(nil), obstacles...)
	full, tags := map[int]placement{}, map[int]placement{}
	obs := base
	for _, i := range fullIdx {
		full[i] = places[i]
		obs = grow(obs, places[i])
	}
	placeSet(obs, tagIdx, true, tags)
	if len(tags) < len(tagIdx) {
		full2, tags2 := map[int]placement{}, map[int]placement{}
		obs2 := placeSet(append([]vg.Rectangle(nil), obstacles...), tagIdx, true, tags2)
		obs2 = placeSet(obs2, fullIdx, false, full2)
		var lostFull []int
		for _, i := range fullIdx {
			if _, ok := full2[i]; !ok {
				lostFull = append(lostFull, i)
			}
		}
		placeSet(obs2, lostFull, true, tags2)
		if len(full2)+len(tags2) > len(full)+len(tags) {
			full, tags = full2, tags2
		}
	}
	f.labels = f.labels[:0]
	for _, i := range fullIdx {
		if p, ok := full[i]; ok {
			g := geoms[i]
			g.place = p
			g.lines = reqs[i].sizes[p.variant].lines
			f.labels = append(f.labels, g)
		}
	}
	var kept []int // request indexes with a tag, in date order
	for i := range reqs {
		if _, ok := tags[i]; ok {
			kept = append(kept, i)
		}
	}
	f.unlabelled += len(reqs) - len(full) - len(kept)
	// Number those kept, and fit the key; drop from the end what does
	// not fit.
	reg := th.style(th.Font, th.LabelSize, th.Ink)
	re := reg.FontExtents()
	noteH := (re.Ascent + re.Descent) * 1.15
	room := f.keyTop - c.Min.Y - noteH
	var want vg.Length
	if len(kept) > 0 {
		want = t.keyColumns(ms, t.keyEntries(geoms, kept), c, f.left) + noteH
	}
	for len(kept) > 0 {
		entries := t.keyEntries(geoms, kept)
		h := t.keyColumns(ms, entries, c, f.left)
		if h <= room+layoutEps {
			for j, i := range kept {
				g := geoms[i]
				g.place = tags[i]
				g.number = j + 1
				g.lines = [][]word{{{strconv.Itoa(j + 1), true}}}
				f.labels = append(f.labels, g)
				entries[j].at.Y += f.keyTop
			}
			f.key = entries
			f.keyNoteAt = vg.Point{X: f.left, Y: f.keyTop - h - re.Ascent}
			f.keyUsed = h + noteH
			return want
		}
		kept = kept[:len(kept)-1]
		f.unlabelled++
	}
	f.keyNoteAt = vg.Point{X: f.left, Y: f.keyTop - re.Ascent}
	if f.unlabelled > 0 {
		f.keyUsed = noteH
	}
	return want
}

// thinKeys chooses the key events drawn in dense lanes: from left to
// right, one is kept when its marker clears the last one kept.
func (t *Timeline) thinKeys(dense []bool, xf func(float64) vg.Length) map[int]bool {
	type key struct {
		mark int
		x    vg.Length
	}
	perLane := make([][]key, len(dense))
	for mi, m := range t.Marks {
		if m.Label != "" && (m.Form == Point || m.Form == Bar) && dense[m.Lane] {
			perLane[m.Lane] = append(perLane[m.Lane], key{mi, xf(max(m.Start, t.Min))})
		}
	}
	keep := map[int]bool{}
	gap := 2*1.25*t.Theme.MarkerRadius + 1 // the widest shape's width, and a little
	for _, ks := range perLane {
		var last vg.Length
		sort.SliceStable(ks, func(i, j int) bool { return ks[i].x < ks[j].x })
		for i, k := range ks {
			if i == 0 || k.x-last >= gap {
				keep[k.mark] = true
				last = k.x
			}
		}
	}
	return keep
}
