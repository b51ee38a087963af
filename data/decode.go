package data

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// How a data file is decoded. The TOML library parses the file into its
// generic tree (tables, arrays, strings, local dates…); decoder then walks
// that tree against the format, one entry at a time, so that it can report
// every problem rather than the first (struct decoding stops at the first
// type error), reject unknown keys (the role MetaData.Undecoded plays for
// struct decoding) with the entry they belong to, and place each problem at
// the right line (see position.go). Messages read
//
//	LABEL: KEY: problem
//
// where LABEL names the entry as kind[index] "id", index counted from 0
// within the file (events[7] "munich-2023"), or "[briefing]".

// decoder turns one file's generic TOML values into model entries,
// collecting every problem with its position.
type decoder struct {
	file       string
	src        string
	lineStarts []int // byte offset of each line, computed when needed
	errs       Errors
	pt         *part
	rec        *recorder // notes the format as it is decoded; nil except in Schema
	jsonDates  bool      // dates are strings like "2023-05-01" (JSON data files)
}

// offset returns the byte offset of a position in the source.
func (d *decoder) offset(at lc) int {
	if d.lineStarts == nil {
		d.lineStarts = make([]int, 1, strings.Count(d.src, "\n")+1)
		for i := 0; ; {
			j := strings.IndexByte(d.src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			d.lineStarts = append(d.lineStarts, i)
		}
	}
	if at.line < 1 || at.line > len(d.lineStarts) {
		return len(d.src)
	}
	return min(d.lineStarts[at.line-1]+at.col-1, len(d.src))
}

// position returns the line and column of a byte offset in the source.
func (d *decoder) position(off int) lc {
	d.offset(lc{}) // fill lineStarts
	i := sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > off }) - 1
	return lc{i + 1, off - d.lineStarts[i] + 1}
}

// decodeAll decodes a whole file.
func (d *decoder) decodeAll(raw map[string]any, root *pnode) *part {
	d.pt = &part{file: d.file}
	top := d.table(raw, root, lc{}, "")
	if v, ok := top.get("briefing"); ok {
		n := root.key("briefing")
		if m, ok := v.(map[string]any); ok {
			meta := d.meta(d.table(m, n, lc{1, 1}, "[briefing]"))
			d.pt.meta = &meta
		} else {
			top.errf(n.pos(lc{}), "briefing: got %s; want a table [briefing]", describe(v))
		}
	}
	each := func(k string, f func(t *table)) {
		v, ok := top.get(k)
		if !ok {
			return
		}
		n := root.key(k)
		list, ok := tableList(v)
		if !ok {
			top.errf(n.pos(lc{}), "%s: got %s; want an array of tables [[%s]]", k, describe(v), k)
			return
		}
		d.pt.grow(k, len(list))
		for i, m := range list {
			f(d.table(m, n.elem(i), n.pos(lc{}), k+"["+strconv.Itoa(i)+"]"))
		}
	}
	each("parties", func(t *table) { d.pt.parties = append(d.pt.parties, d.party(t)) })
	each("actors", func(t *table) { d.pt.actors = append(d.pt.actors, d.actor(t)) })
	each("sources", func(t *table) { d.pt.sources = append(d.pt.sources, d.source(t)) })
	each("events", func(t *table) { d.pt.events = append(d.pt.events, d.event(t)) })
	each("sections", func(t *table) { d.pt.sections = append(d.pt.sections, d.section(t)) })
	each("judgments", func(t *table) { d.pt.judgments = append(d.pt.judgments, d.judgment(t)) })
	top.done()
	return d.pt
}

func (d *decoder) meta(t *table) Meta {
	m := Meta{Pos: t.pos()}
	m.Title = t.str("title", true)
	m.Subtitle = t.str("subtitle", false)
	m.Author = t.str("author", false)
	m.Date = t.date("date", true)
	if v, ok := t.get("period"); ok {
		if pm, ok := v.(map[string]any); ok {
			pt := d.table(pm, t.n.key("period"), t.keyPos("period"), "[briefing] period")
			start := pt.date("start", true)
			end := pt.date("end", true)
			pt.done()
			if !start.IsZero() && !end.IsZero() {
				if end.Before(start) {
					pt.errf(pt.keyPos("end"), "end %s is before start %s", end.Format("2006-01-02"), start.Format("2006-01-02"))
				} else {
					m.Period = &Period{Start: start, End: end}
				}
			}
		} else {
			t.wrongType("period", v, "a table like { start = 2023-01-01, end = 2023-12-31 }")
		}
	}
	m.Summary = t.markdown("summary")
	d.quotations(t, "summary", m.Summary, "")
	m.Keywords = t.strings("keywords")
	m.Edition = t.edition()
	t.done()
	return m
}

// edition reads [briefing] edition: a string, or an integer written as
// one ("12").
func (t *table) edition() string {
	if t.d.rec != nil {
		t.typed("edition", map[string]any{"type": []any{"string", "integer"}, "description": "this issue of a recurring briefing; texts refer to it as {edition}"}, false)
	}
	v, ok := t.get("edition")
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case string:
		if strings.TrimSpace(v) == "" {
			t.errf(t.keyPos("edition"), "edition: must not be empty")
		}
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	}
	t.wrongType("edition", v, "a string or an integer")
	return ""
}

func (d *decoder) party(t *table) Party {
	p := Party{Pos: t.pos()}
	p.ID = t.id()
	p.Name = t.str("name", true)
	t.text("color", &p.Color, false)
	t.done()
	return p
}

func (d *decoder) actor(t *table) Actor {
	a := Actor{Pos: t.pos()}
	a.ID = t.id()
	a.Name = t.str("name", true)
	a.Role = t.str("role", false)
	if t.text("party", &a.Party, false) {
		t.ref(refParty, a.Party, t.keyPos("party"), "")
	}
	t.done()
	return a
}

func (d *decoder) source(t *table) Source {
	s := Source{Pos: t.pos()}
	s.ID = t.id()
	s.Title = t.str("title", true)
	s.Publisher = t.str("publisher", false)
	t.text("url", &s.URL, false)
	s.Date = t.date("date", false)
	t.text("kind", &s.Kind, false)
	s.Perspective = t.str("perspective", false)
	var r reliability
	if t.text("reliability", &r, false) {
		s.Reliability = string(r)
	}
	s.Accessed = t.date("accessed", false)
	s.TextFile = d.textFile(t)
	t.done()
	return s
}

func (d *decoder) event(t *table) Event {
	e := Event{Pos: t.pos()}
	e.ID = t.id()
	d.eventDates(t, &e)
	e.Title = t.str("title", true)
	e.Kind = t.str("kind", false)
	e.Track = t.str("track", false)
	e.Actors = t.refs("actors", refActor)
	e.Location = t.str("location", false)
	e.Summary = t.markdown("summary")
	d.quotations(t, "summary", e.Summary, e.ID)
	if v, ok := t.get("quotes"); ok {
		list, ok := tableList(v)
		if !ok {
			t.wrongType("quotes", v, `an array of tables like [{ text = "…", by = "actor-id" }]`)
		}
		for i, m := range list {
			qt := d.table(m, t.n.key("quotes").elem(i), t.keyPos("quotes"), fmt.Sprintf("%s quotes[%d]", t.label, i))
			var q Quote
			q.Text = qt.str("text", true)
			at := qt.keyPos("text")
			q.Pos = Pos{File: d.file, Line: at.line, Col: at.col}
			if qt.text("by", &q.By, true) {
				qt.ref(refActor, q.By, qt.keyPos("by"), "")
			}
			qt.done()
			if q.Text != "" {
				d.pt.quoted = append(d.pt.quoted, quotation{file: d.file, at: at, label: qt.label + ": text",
					text: q.Text, event: e.ID, direct: true})
			}
			e.Quotes = append(e.Quotes, q)
		}
	}
	e.Sources = t.refs("sources", refSource)
	e.Key = t.boolean("key")
	e.Basis = d.basis(t)
	t.done()
	return e
}

func (d *decoder) section(t *table) Section {
	s := Section{Pos: t.pos()}
	s.ID = t.id()
	s.Title = t.str("title", true)
	s.Body = t.markdown("body")
	d.quotations(t, "body", s.Body, "")
	t.done()
	return s
}

// grow makes room for n more entries of kind k, which the file holds.
func (pt *part) grow(k string, n int) {
	switch k {
	case "events":
		pt.events = slices.Grow(pt.events, n)
	case "actors":
		pt.actors = slices.Grow(pt.actors, n)
	case "sources":
		pt.sources = slices.Grow(pt.sources, n)
	}
}
