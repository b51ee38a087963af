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
