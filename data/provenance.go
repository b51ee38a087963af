package data

import (
	"fmt"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/internal/diag"
)

// Provenance: what a briefing's claims rest on and how sure they are.
//
//   - Sources say what sort of document they are (kind), from whose point
//     of view (perspective), how far they are trusted (reliability, the
//     Admiralty grade A–F) and when they were read (accessed); a source
//     may name a copy of its text (text_file), against which quotations
//     are checked word for word.
//   - Events say whether the source states or the author inferred their
//     date, place and participants (basis), and may be dated by an
//     interval of uncertainty (not_before, not_after).
//   - Key judgments ([[judgments]]) carry a confidence and may use only
//     the ICD 203 likelihood terms.
//
// Problems of form are errors (a bad kind, an interval the wrong way
// round, a quotation not found in its source's text). Weak provenance is
// a warning (lint): an event cited nowhere, a source nothing uses, a
// judgment without a citation, a quotation without a source; see
// Warnings. A briefing resting on one source is a notice: see Notices.
//
// The files: the kinds, grades and dates here; quotation.go checks
// quotations against the sources' texts, judgment.go the judgments and
// their likelihood terms, lint.go makes the warnings and notices.

// UnmarshalText accepts one of the source kinds.
func (k *SourceKind) UnmarshalText(b []byte) error {
	s := string(b)
	for _, c := range SourceKinds {
		if s == string(c) {
			*k = c
			return nil
		}
	}
	names := make([]string, len(SourceKinds))
	for i, c := range SourceKinds {
		names[i] = string(c)
	}
	return fmt.Errorf("invalid kind %s%s: want one of %s", diag.Quote(s), diag.Suggest(s, names), strings.Join(quoteAll(names), ", "))
}

// Plural is the kind's plural for a count: "official documents",
// "news reports", "opinion pieces"…
func (k SourceKind) Plural(n int) string {
	one := map[SourceKind][2]string{
		KindOfficial: {"official document", "official documents"},
		KindNews:     {"news report", "news reports"},
		KindAnalysis: {"analysis", "analyses"},
		KindAcademic: {"academic work", "academic works"},
		KindOpinion:  {"opinion piece", "opinion pieces"},
		KindDataset:  {"dataset", "datasets"},
		KindOther:    {"other source", "other sources"},
		"":           {"source of unstated kind", "sources of unstated kind"},
	}[k]
	if n == 1 {
		return one[0]
	}
	return one[1]
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// reliability is an Admiralty (NATO) source-reliability grade.
type reliability string

// Reliabilities names the Admiralty source-reliability grades.
var Reliabilities = map[string]string{
	"A": "completely reliable",
	"B": "usually reliable",
	"C": "fairly reliable",
	"D": "not usually reliable",
	"E": "unreliable",
	"F": "reliability cannot be judged",
}

func (r *reliability) UnmarshalText(b []byte) error {
	s := string(b)
	if _, ok := Reliabilities[s]; !ok {
		return fmt.Errorf("invalid reliability %s: want an Admiralty grade, \"A\" (completely reliable) to \"E\" (unreliable), or \"F\" (cannot be judged)", diag.Quote(s))
	}
	*r = reliability(s)
	return nil
}

// UnmarshalText accepts "high", "moderate" or "low".
func (c *Confidence) UnmarshalText(b []byte) error {
	switch string(b) {
	case "high":
		*c = High
	case "moderate":
		*c = Moderate
	case "low":
		*c = Low
	default:
		s := string(b)
		return fmt.Errorf("invalid confidence %s%s: want \"high\", \"moderate\" or \"low\"", diag.Quote(s), diag.Suggest(s, []string{"high", "low", "moderate"}))
	}
	return nil
}

// String returns "high", "moderate" or "low" ("" when unset).
func (c Confidence) String() string {
	switch c {
	case High:
		return "high"
	case Moderate:
		return "moderate"
	case Low:
		return "low"
	}
	return ""
}

// UnmarshalText accepts "stated" or "inferred".
func (g *Grounds) UnmarshalText(b []byte) error {
	switch string(b) {
	case "stated":
		*g = Stated
	case "inferred":
		*g = Inferred
	default:
		s := string(b)
		return fmt.Errorf("invalid basis %s%s: want \"stated\" (the source says it) or \"inferred\"", diag.Quote(s), diag.Suggest(s, []string{"inferred", "stated"}))
	}
	return nil
}

// String returns "stated" or "inferred".
func (g Grounds) String() string {
	if g == Inferred {
		return "inferred"
	}
	return "stated"
}

// Any reports whether anything is inferred.
func (b Basis) Any() bool { return b.Date == Inferred || b.Place == Inferred || b.Actors == Inferred }

// Uncertain reports whether the event is dated by an interval.
func (e *Event) Uncertain() bool { return !e.NotBefore.IsZero() }

// eventDates decodes an event's date, end, precision and interval of
// uncertainty, and checks them together.
func (d *decoder) eventDates(t *table, e *Event) {
	const layout = "2006-01-02"
	e.NotBefore = t.date("not_before", false)
	e.NotAfter = t.date("not_after", false)
	_, hasNB := t.m["not_before"]
	_, hasNA := t.m["not_after"]
	interval := hasNB || hasNA
	switch {
	case hasNB && !hasNA:
		t.errf(t.keyPos("not_before"), "not_before: not_after is missing; an interval of uncertainty needs both ends")
	case hasNA && !hasNB:
		t.errf(t.keyPos("not_after"), "not_after: not_before is missing; an interval of uncertainty needs both ends")
	case !e.NotBefore.IsZero() && !e.NotAfter.IsZero() && e.NotAfter.Before(e.NotBefore):
		t.errf(t.keyPos("not_after"), "not_after %s is before not_before %s", e.NotAfter.Format(layout), e.NotBefore.Format(layout))
	}
	e.Date = t.date("date", !interval)
	e.End = t.date("end", false)
	if !e.Date.IsZero() && !e.End.IsZero() && e.End.Before(e.Date) {
		t.errf(t.keyPos("end"), "end %s is before date %s", e.End.Format(layout), e.Date.Format(layout))
	}
	t.text("precision", &e.Precision, false)
	if !interval {
		return
	}
	if _, ok := t.m["end"]; ok {
		t.errf(t.keyPos("end"), "end: an event dated by not_before and not_after has no end; give the interval in which it happened")
	}
	if e.Precision != Day {
		t.errf(t.keyPos("precision"), "precision: an event dated by not_before and not_after is dated to the day at both ends; leave precision out")
	}
	if e.NotBefore.IsZero() || e.NotAfter.IsZero() {
		e.NotBefore, e.NotAfter = time.Time{}, time.Time{}
		return
	}
	if e.Date.IsZero() {
		if _, ok := t.m["date"]; !ok {
			e.Date = e.NotBefore
		}
		return
	}
	if e.Date.Before(e.NotBefore) || e.Date.After(e.NotAfter) {
		t.errf(t.keyPos("date"), "date %s is outside the interval %s to %s; leave date out or put it inside", e.Date.Format(layout), e.NotBefore.Format(layout), e.NotAfter.Format(layout))
	}
}

// basis decodes an event's basis table.
func (d *decoder) basis(t *table) Basis {
	var b Basis
	v, ok := t.get("basis")
	if !ok {
		return b
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.wrongType("basis", v, `a table like { date = "inferred", note = "…" }`)
		return b
	}
	bt := d.table(m, t.n.key("basis"), t.keyPos("basis"), t.label+" basis")
	bt.text("date", &b.Date, false)
	bt.text("place", &b.Place, false)
	bt.text("actors", &b.Actors, false)
	b.Note = strings.TrimSpace(bt.str("note", false))
	bt.done()
	if b.Any() && b.Note == "" {
		bt.errf(bt.at, "note: missing; say what the inferred %s rest%s on", inferredList(b), map[bool]string{true: "s", false: ""}[len(inferredParts(b)) == 1])
	}
	return b
}

func inferredParts(b Basis) []string {
	var out []string
	if b.Date == Inferred {
		out = append(out, "date")
	}
	if b.Place == Inferred {
		out = append(out, "place")
	}
	if b.Actors == Inferred {
		out = append(out, "actors")
	}
	return out
}

func inferredList(b Basis) string {
	p := inferredParts(b)
	switch len(p) {
	case 0:
		return ""
	case 1:
		return p[0]
	}
	return strings.Join(p[:len(p)-1], ", ") + " and " + p[len(p)-1]
}
