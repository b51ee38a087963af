package data

import (
	"encoding"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/internal/diag"
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

// table is one TOML table being decoded: its values, its position tree,
// the label that names it in messages and the keys asked for so far.
type table struct {
	d     *decoder
	m     map[string]any
	n     *pnode
	at    lc
	label string
	asked []string
}

func (d *decoder) table(m map[string]any, n *pnode, def lc, label string) *table {
	if d.rec != nil {
		d.rec.opened(label)
	}
	return &table{d: d, m: m, n: n, at: n.pos(def), label: label, asked: make([]string, 0, 16)}
}

// errf records a problem at position at, prefixed with the table's label.
func (t *table) errf(at lc, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if t.label != "" {
		msg = t.label + ": " + msg
	}
	t.d.errs = append(t.d.errs, &Error{File: t.d.file, Line: at.line, Col: at.col, Msg: msg})
}

// keyPos is where key k is written, or the table's position.
func (t *table) keyPos(k string) lc { return t.n.key(k).pos(t.at) }

func (t *table) pos() Pos { return Pos{File: t.d.file, Line: t.at.line, Col: t.at.col} }

// get returns the value of key k, remembering that k is a known key.
func (t *table) get(k string) (any, bool) {
	t.asked = append(t.asked, k)
	if t.d.rec != nil {
		t.d.rec.asked(t.label, k)
	}
	v, ok := t.m[k]
	return v, ok
}

// missing reports a required key that is absent.
func (t *table) missing(k string) { t.errf(t.at, "missing required key %q", k) }

// wrongType reports a value of the wrong TOML type.
func (t *table) wrongType(k string, v any, want string) {
	t.errf(t.keyPos(k), "%s: got %s; want %s", k, describe(v), want)
}

// done reports every key of the table that was not asked for.
func (t *table) done() {
	var unknown []string
	for k := range t.m {
		if !slices.Contains(t.asked, k) { // a dozen keys: no map needed
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return
	}
	sort.Strings(unknown)
	cands := append([]string(nil), t.asked...)
	sort.Strings(cands)
	for _, k := range unknown {
		t.errf(t.keyPos(k), "unknown key %s%s", diag.Quote(k), diag.Suggest(k, cands))
	}
}

// str returns a string value; a required one must not be blank.
func (t *table) str(k string, required bool) string {
	t.typed(k, stringSchema, required)
	v, ok := t.get(k)
	if !ok {
		if required {
			t.missing(k)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.wrongType(k, v, "a string")
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		t.errf(t.keyPos(k), "%s: must not be empty", k)
	}
	return s
}

// text decodes a string value through u's UnmarshalText. It reports
// whether a valid value was stored.
func (t *table) text(k string, u encoding.TextUnmarshaler, required bool) bool {
	if t.d.rec != nil { // the schema is built only for Schema
		t.typed(k, textSchema(u), required)
	}
	v, ok := t.get(k)
	if !ok {
		if required {
			t.missing(k)
		}
		return false
	}
	s, ok := v.(string)
	if !ok {
		t.wrongType(k, v, "a string")
		return false
	}
	if err := u.UnmarshalText([]byte(s)); err != nil {
		t.errf(t.keyPos(k), "%s: %v", k, err)
		return false
	}
	return true
}

// boolean returns a boolean value, false when absent.
func (t *table) boolean(k string) bool {
	if t.d.rec != nil { // the schema is built only for Schema
		t.typed(k, map[string]any{"type": "boolean"}, false)
	}
	v, ok := t.get(k)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		t.wrongType(k, v, "true or false")
	}
	return b
}

// date returns a TOML local date as UTC midnight of the same calendar day.
func (t *table) date(k string, required bool) time.Time {
	t.typed(k, dateSchema, required)
	v, ok := t.get(k)
	if !ok {
		if required {
			t.missing(k)
		}
		return time.Time{}
	}
	return t.dateValue(k, v, t.keyPos(k))
}

func (t *table) dateValue(k string, v any, at lc) time.Time {
	const want = "want a date like 2023-05-01"
	tm, ok := v.(time.Time)
	switch {
	case !ok:
		if s, isStr := v.(string); isStr {
			if pt, err := time.Parse("2006-01-02", s); err == nil && t.d.jsonDates {
				if !dateInRange(pt) {
					t.errf(at, "%s: date %s is out of range; %s", k, s, dateRange())
					return time.Time{}
				}
				return pt
			}
			if _, err := time.Parse("2006-01-02", s); err == nil {
				t.errf(at, "%s: got string %s; %s, without quotes", k, diag.Quote(s), want)
				return time.Time{}
			}
		}
		t.errf(at, "%s: got %s; %s", k, describe(v), want)
	case tm.Location().String() != "date-local":
		t.errf(at, "%s: got %s; %s", k, describe(v), want)
	case !dateInRange(utcDate(tm)):
		t.errf(at, "%s: date %s is out of range; %s", k, tm.Format("2006-01-02"), dateRange())
	default:
		return utcDate(tm)
	}
	return time.Time{}
}

// strings returns an array of strings.
func (t *table) strings(k string) []string {
	if t.d.rec != nil { // the schema is built only for Schema
		t.typed(k, map[string]any{"type": "array", "items": stringSchema}, false)
	}
	v, ok := t.get(k)
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		t.wrongType(k, v, "an array of strings")
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			t.errf(t.n.key(k).elem(i).pos(t.keyPos(k)), "%s[%d]: got %s; want a string", k, i, describe(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

// refs returns an array of ids and records each as a reference of kind.
func (t *table) refs(k string, kind refKind) []ID {
	if t.d.rec != nil { // the schema is built only for Schema
		t.typed(k, map[string]any{"type": "array", "items": idSchema}, false)
	}
	v, ok := t.get(k)
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		if s, isStr := v.(string); isStr {
			t.errf(t.keyPos(k), "%s: got string %s; want an array of ids, like [%q]", k, diag.Quote(s), s)
			return nil
		}
		t.wrongType(k, v, "an array of ids")
		return nil
	}
	out := make([]ID, 0, len(arr))
	for i, e := range arr {
		at := t.n.key(k).elem(i).pos(t.keyPos(k))
		s, ok := e.(string)
		if !ok {
			t.errf(at, "%s[%d]: got %s; want an id", k, i, describe(e))
			continue
		}
		var id ID
		if err := id.UnmarshalText([]byte(s)); err != nil {
			t.errf(at, "%s[%d]: %v", k, i, err)
			continue
		}
		out = append(out, id)
		t.ref(kind, id, at, "")
	}
	return out
}

// ref records a reference to be resolved once every file is read.
func (t *table) ref(kind refKind, id ID, at lc, what string) {
	t.d.pt.refs = append(t.d.pt.refs, ref{kind: kind, id: id, file: t.d.file, at: at, label: t.label, what: what})
}

// markdown returns a Markdown string and records its citations, each at
// its own place in the source where it can be found there (a citation
// holds no escapes, so it is written as it reads), else at the key.
func (t *table) markdown(k string) string {
	s := t.str(k, false)
	keyAt := t.keyPos(k)
	from := t.d.offset(keyAt)
	// The value lies after its key; escapes at most sextuple its length.
	limit := min(len(t.d.src), from+len(k)+16+6*len(s))
	for _, c := range scanCitations(s) {
		at := keyAt
		if i := strings.Index(t.d.src[from:limit], c.text); i >= 0 {
			at = t.d.position(from + i)
			from += i + len(c.text)
		}
		switch {
		case c.unclosed:
			t.errf(at, "%s: malformed citation %s: no \"]\" on the same line; want [@id] or [@id; @id] on one line", k, diag.Quote(c.text))
			continue
		case !c.ok:
			t.errf(at, "%s: malformed citation %s; want [@id] or [@id; @id]", k, diag.Quote(c.text))
			continue
		}
		for _, id := range c.ids {
			t.ref(refCitable, id, at, k+": citation of")
		}
	}
	return s
}

// id decodes the entry's id and adds it to the label.
func (t *table) id() ID {
	var id ID
	if t.text("id", &id, true) {
		t.label += " " + strconv.Quote(string(id))
	}
	return id
}

// describe names a TOML value's type for a message.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "string " + diag.Quote(v)
	case int64:
		return fmt.Sprintf("integer %d", v)
	case float64:
		return fmt.Sprintf("float %v", v)
	case bool:
		return fmt.Sprintf("boolean %v", v)
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return "date " + v.Format("2006-01-02")
		case "time-local":
			return "time " + v.Format("15:04:05")
		case "datetime-local":
			return "local date-time " + v.Format("2006-01-02T15:04:05")
		}
		return "date-time " + v.Format(time.RFC3339)
	case []any:
		return "array"
	case []map[string]any:
		return "array of tables"
	case map[string]any:
		return "table"
	}
	return fmt.Sprintf("%T", v)
}

// tableList returns the tables of an array of tables, written either as
// [[k]] headers or as an array of inline tables.
func tableList(v any) ([]map[string]any, bool) {
	switch v := v.(type) {
	case []map[string]any:
		return v, true
	case []any:
		out := make([]map[string]any, len(v))
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			out[i] = m
		}
		return out, true
	}
	return nil, false
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
