package data

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
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

// textFile decodes a source's text_file: a slash-separated path relative
// to the data file's directory. The file is read by readSourceTexts.
func (d *decoder) textFile(t *table) string {
	s := t.str("text_file", false)
	if s == "" {
		return ""
	}
	at := t.keyPos("text_file")
	full := path.Join(path.Dir(d.file), s)
	if strings.HasPrefix(s, "/") || strings.Contains(s, "\\") || !fs.ValidPath(full) {
		t.errf(at, "text_file: invalid path %s: want a slash-separated path relative to this data file, inside the config's directory", diag.Quote(s))
		return ""
	}
	d.pt.texts = append(d.pt.texts, textRef{source: len(d.pt.sources), path: full, at: at, label: t.label})
	return s
}

// textRef is a source's text_file, to be read once the file is decoded.
type textRef struct {
	source int    // index in the part's sources
	path   string // fs path
	at     lc
	label  string
}

// maxTextSize bounds a source's text file.
const maxTextSize = 16 << 20

// readSourceTexts reads the text files the part's sources name. fsys nil
// means there are no files to read (a data file given alone).
func readSourceTexts(fsys fs.FS, pt *part) Errors {
	var errs Errors
	for _, r := range pt.texts {
		fail := func(msg string) {
			errs = append(errs, &Error{File: pt.file, Line: r.at.line, Col: r.at.col,
				Msg: fmt.Sprintf("%s: text_file %s: %s", r.label, diag.Quote(r.path), msg)})
		}
		if fsys == nil {
			fail("cannot be read: the data file was given without the files beside it")
			continue
		}
		b, err := readFile(fsys, r.path, maxFileSize)
		if err != nil {
			fail(err.Error())
			continue
		}
		if len(b) > maxTextSize {
			fail("file too large")
			continue
		}
		pt.sources[r.source].Text = string(b)
	}
	return errs
}

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

// judgment decodes one [[judgments]] entry.
func (d *decoder) judgment(t *table) Judgment {
	j := Judgment{Pos: t.pos()}
	j.Text = t.markdown("text")
	if strings.TrimSpace(j.Text) == "" {
		if _, ok := t.m["text"]; ok {
			t.errf(t.keyPos("text"), "text: must not be empty")
		} else {
			t.missing("text")
		}
	}
	t.text("confidence", &j.Confidence, true)
	d.likelihood(t, "text", j.Text)
	d.quotations(t, "text", j.Text, "")
	t.done()
	return j
}

// The ICD 203 likelihood scale: the only words a key judgment may use to
// say how likely something is.
var likelihoodScale = []string{
	"almost no chance", "remote",
	"very unlikely", "highly improbable",
	"unlikely", "improbable", "improbably",
	"roughly even chance", "roughly even odds",
	"likely", "probable", "probably",
	"very likely", "highly probable",
	"almost certain", "almost certainly", "nearly certain",
}

// nonStandard are estimative words and phrases outside the ICD 203 scale,
// each with the standard term a writer most likely meant ("" when it
// depends on the claim). Longer phrases come first so that "highly likely"
// is reported, not "likely" inside it.
var nonStandard = []struct{ phrase, use string }{
	{"in all likelihood", "very likely"},
	{"chances are", "likely"},
	{"odds are", "likely"},
	{"highly likely", "very likely"},
	{"highly unlikely", "very unlikely"},
	{"extremely likely", "almost certain"},
	{"extremely unlikely", "almost no chance"},
	{"most likely", "likely or very likely"},
	{"quite likely", "likely or very likely"},
	{"fairly likely", "likely"},
	{"somewhat likely", "likely or roughly even chance"},
	{"more likely than not", "likely"},
	{"virtually certain", "almost certain"},
	{"all but certain", "almost certain"},
	{"near certainty", "almost certain"},
	{"even chance", "roughly even chance"},
	{"fifty-fifty", "roughly even chance"},
	{"possibly", ""},
	{"possible", ""},
	{"perhaps", ""},
	{"maybe", ""},
	{"might", ""},
	{"conceivably", ""},
	{"presumably", ""},
	{"plausibly", ""},
	{"doubtful", "unlikely"},
	{"doubtless", "almost certain"},
	{"undoubtedly", "almost certain"},
	{"certainly", "almost certain"},
	{"definitely", "almost certain"},
	{"surely", "almost certain"},
}

// likelihood warns of each estimative word in a judgment's text that is
// not on the ICD 203 scale, at its place in the file.
func (d *decoder) likelihood(t *table, k, text string) {
	if text == "" {
		return
	}
	lower := strings.ToLower(text)
	taken := make([]bool, len(lower))
	type hit struct {
		off         int
		phrase, use string
	}
	var hits []hit
	for _, ns := range nonStandard {
		for from := 0; ; {
			i := strings.Index(lower[from:], ns.phrase)
			if i < 0 {
				break
			}
			i += from
			end := i + len(ns.phrase)
			from = end
			if !wordBoundary(lower, i, end) || taken[i] {
				continue
			}
			for j := i; j < end; j++ {
				taken[j] = true
			}
			hits = append(hits, hit{i, text[i:end], ns.use})
		}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].off < hits[j].off })
	keyAt := t.keyPos(k)
	from := d.offset(keyAt)
	limit := min(len(d.src), from+len(k)+16+6*len(text))
	for _, h := range hits {
		at := keyAt
		if i := strings.Index(d.src[from:limit], h.phrase); i >= 0 {
			at = d.position(from + i)
			from += i + len(h.phrase)
		}
		hint := "say how likely with one of the ICD 203 terms: almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain"
		if h.use != "" {
			hint = fmt.Sprintf("the ICD 203 term is %q", h.use)
		}
		d.pt.warnings = append(d.pt.warnings, &Error{File: d.file, Line: at.line, Col: at.col,
			Msg: fmt.Sprintf("%s: %s: %q is not a standard likelihood term; %s", t.label, k, h.phrase, hint)})
	}
}

// wordBoundary reports whether s[i:end] is a whole word or phrase.
func wordBoundary(s string, i, end int) bool {
	isWord := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c >= 0x80
	}
	return (i == 0 || !isWord(s[i-1])) && (end == len(s) || !isWord(s[end]))
}

// quotation is a quotation to check against the text of the sources it
// rests on: an event's quote, or words in “curly quotes” in Markdown.
type quotation struct {
	file   string
	at     lc
	label  string // the entry and key, for messages
	text   string
	event  ID   // the event whose sources it rests on; "" for none
	cites  []ID // ids cited in the same paragraph
	direct bool // an event's quotes entry, not words in Markdown
}

// quotations records the “quoted” words of a Markdown value, each with
// the citations of its paragraph (blank-line separated) and, inside an
// event, the event's id.
func (d *decoder) quotations(t *table, k, md string, event ID) {
	if !strings.Contains(md, "“") {
		return
	}
	keyAt := t.keyPos(k)
	from := d.offset(keyAt)
	limit := min(len(d.src), from+len(k)+16+6*len(md))
	paraEnd := -1
	var cites []ID
	for i := 0; ; {
		j := strings.Index(md[i:], "“")
		if j < 0 {
			return
		}
		open := i + j + len("“")
		l := strings.Index(md[open:], "”")
		if l < 0 {
			return
		}
		q := md[open : open+l]
		i = open + l + len("”")
		if strings.TrimSpace(q) == "" {
			continue
		}
		if open >= paraEnd {
			var paraStart int
			paraStart, paraEnd = paragraphAround(md, open)
			cites = Citations(md[paraStart:paraEnd])
		}
		at := keyAt
		if m := strings.Index(d.src[from:limit], "“"+q); m >= 0 {
			at = d.position(from + m)
			from += m + len(q)
		}
		d.pt.quoted = append(d.pt.quoted, quotation{file: d.file, at: at, label: t.label + ": " + k,
			text: q, event: event, cites: cites})
	}
}

// paragraphAround returns the bounds of the paragraph of Markdown md (the
// text between blank lines) that holds offset i.
func paragraphAround(md string, i int) (start, end int) {
	blank := func(line string) bool { return strings.TrimSpace(line) == "" }
	for k := i; ; {
		nl := strings.LastIndexByte(md[:k], '\n')
		if nl < 0 {
			break
		}
		prev := strings.LastIndexByte(md[:nl], '\n') + 1
		if blank(md[prev:nl]) {
			start = nl + 1
			break
		}
		k = nl
	}
	end = len(md)
	for k := i; k < len(md); {
		nl := strings.IndexByte(md[k:], '\n')
		if nl < 0 {
			break
		}
		next := k + nl + 1
		lineEnd := strings.IndexByte(md[next:], '\n')
		if lineEnd < 0 {
			lineEnd = len(md) - next
		}
		if blank(md[next : next+lineEnd]) {
			end = next
			break
		}
		k = next
	}
	return start, end
}

// quoteSources returns the sources a quotation rests on: its event's, and
// those its paragraph cites (a cited event brings its own sources).
func quoteSources(b *Briefing, q quotation) []*Source {
	var out []*Source
	seen := map[ID]bool{}
	add := func(id ID) {
		if s := b.Source(id); s != nil && !seen[id] {
			seen[id] = true
			out = append(out, s)
		}
	}
	if e := b.Event(q.event); e != nil {
		for _, id := range e.Sources {
			add(id)
		}
	}
	for _, id := range q.cites {
		add(id)
		if e := b.Event(id); e != nil {
			for _, s := range e.Sources {
				add(s)
			}
		}
	}
	return out
}

// checkQuotations checks every quotation against the texts of the sources
// it rests on, where any of them has a text: it must be found in one of
// them. A quotation resting on no source is a warning.
func checkQuotations(b *Briefing, parts []*part) Errors {
	var errs Errors
	for _, pt := range parts {
		for _, q := range pt.quoted {
			srcs := quoteSources(b, q)
			if len(srcs) == 0 {
				what := "quotation"
				if !q.direct {
					what = fmt.Sprintf("quotation “%s”", shortText(q.text))
				}
				where := "its event lists no sources"
				switch {
				case q.direct:
				case len(q.cites) == 0 && q.event == "":
					where = "nothing in its paragraph is cited"
				case len(q.cites) == 0:
					where = "its event lists no sources and nothing in its paragraph is cited"
				case q.event == "":
					where = "nothing its paragraph cites lists a source"
				default:
					where = "neither its event nor what its paragraph cites lists a source"
				}
				b.warnings = append(b.warnings, &Error{File: q.file, Line: q.at.line, Col: q.at.col,
					Msg: fmt.Sprintf("%s: %s without a source: %s", q.label, what, where)})
				continue
			}
			var withText []*Source
			found := false
			miss := ""
			for _, s := range srcs {
				if s.Text == "" {
					continue
				}
				withText = append(withText, s)
				frag, ok := FindQuotation(s.Text, q.text)
				if ok {
					found = true
					break
				}
				if miss == "" {
					miss = frag
				}
			}
			if len(withText) == 0 || found {
				continue
			}
			names := make([]string, len(withText))
			for i, s := range withText {
				names[i] = fmt.Sprintf("%q (%s)", s.ID, s.TextFile)
			}
			msg := fmt.Sprintf("%s: quotation not found verbatim in the text of source %s: no “%s”", q.label, strings.Join(names, " or "), shortText(miss))
			errs = append(errs, &Error{File: q.file, Line: q.at.line, Col: q.at.col, Msg: msg})
		}
	}
	return errs
}

func shortText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

// FindQuotation reports whether quote is found verbatim in text, modulo
// ellipses and white space: the quote is cut at each ellipsis (… or ...,
// bracketed or not), and its pieces must appear in text in order. White
// space (including no-break spaces) matches any run of white space;
// curly and straight quotation marks and apostrophes match each other;
// the first letter of a piece may differ in case, as when a quotation
// starts mid-sentence. When it is not found, the first piece that is not
// is returned.
func FindQuotation(text, quote string) (string, bool) {
	hay := foldQuote(text)
	from := 0
	for _, piece := range quotePieces(quote) {
		p := foldQuote(piece)
		i := strings.Index(hay[from:], p)
		if i < 0 {
			r := []rune(p)
			if len(r) > 0 {
				up, lo := strings.ToUpper(string(r[0])), strings.ToLower(string(r[0]))
				for _, alt := range []string{up + string(r[1:]), lo + string(r[1:])} {
					if j := strings.Index(hay[from:], alt); j >= 0 {
						i, p = j, alt
						break
					}
				}
			}
		}
		if i < 0 {
			return piece, false
		}
		from += i + len(p)
	}
	return "", true
}

// quotePieces cuts a quotation at its ellipses.
func quotePieces(q string) []string {
	q = strings.NewReplacer("[…]", "…", "[...]", "…", "...", "…").Replace(q)
	var out []string
	for _, p := range strings.Split(q, "…") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// foldQuote collapses white space and folds quotation marks for matching.
func foldQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0', '\u2009', '\u202f', '\u2002', '\u2003':
			space = true
			continue
		case '‘', '’':
			r = '\''
		case '“', '”':
			r = '"'
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Warnings returns the provenance warnings found while loading (sorted):
// events cited nowhere, sources nothing uses, judgments without a
// citation, quotations without a source, likelihood words outside the
// ICD 203 scale. They do not stop a build; under -strict they are errors.
func (b *Briefing) Warnings() Errors {
	var out Errors
	for _, w := range b.warnings {
		if !isNotice(w) {
			out = append(out, w)
		}
	}
	return out
}

// Notices returns what a reader must be told about the briefing's
// provenance but the author cannot fix by editing: that it rests on a
// single source, or on none. The report prints them on the source card;
// they are shown by validate and build but never fail -strict.
func (b *Briefing) Notices() Errors {
	var out Errors
	for _, w := range b.warnings {
		if isNotice(w) {
			out = append(out, w)
		}
	}
	return out
}

// noticePrefix marks a notice among the warnings.
const noticePrefix = "[briefing]: rests on "

func isNotice(e *Error) bool { return strings.HasPrefix(e.Msg, noticePrefix) }

// UsedSources returns the sources events list or the text cites, in file
// order.
func (b *Briefing) UsedSources() []*Source {
	used := b.citedIDs()
	for i := range b.Events {
		for _, id := range b.Events[i].Sources {
			used[id] = true
		}
	}
	var out []*Source
	for i := range b.Sources {
		if used[b.Sources[i].ID] {
			out = append(out, &b.Sources[i])
		}
	}
	return out
}

// citedIDs is every id cited anywhere in the briefing's Markdown.
func (b *Briefing) citedIDs() map[ID]bool {
	cited := map[ID]bool{}
	add := func(md string) {
		for _, id := range Citations(md) {
			cited[id] = true
		}
	}
	add(b.Meta.Summary)
	for _, j := range b.Judgments {
		add(j.Text)
	}
	for _, s := range b.Sections {
		add(s.Body)
	}
	for _, e := range b.Events {
		add(e.Summary)
	}
	return cited
}

// lint finds weak provenance in a valid briefing.
func lint(b *Briefing) Errors {
	var ws Errors
	warn := func(p Pos, format string, args ...any) {
		ws = append(ws, &Error{File: p.File, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)})
	}
	index := func(n int, pos func(int) Pos) []int {
		out := make([]int, n)
		per := map[string]int{}
		for i := range out {
			f := pos(i).File
			out[i] = per[f]
			per[f]++
		}
		return out
	}
	// Every citation, scanned once; an event's citation of itself does
	// not count for it.
	cited := map[ID]bool{}  // cited anywhere
	others := map[ID]bool{} // cited by anything but the entry itself
	note := func(md string, self ID) {
		for _, id := range Citations(md) {
			cited[id] = true
			if id != self {
				others[id] = true
			}
		}
	}
	note(b.Meta.Summary, "")
	judgmentCites := make([]int, len(b.Judgments))
	for i, j := range b.Judgments {
		ids := Citations(j.Text)
		judgmentCites[i] = len(ids)
		for _, id := range ids {
			cited[id], others[id] = true, true
		}
	}
	for _, s := range b.Sections {
		note(s.Body, "")
	}
	for _, e := range b.Events {
		note(e.Summary, e.ID)
	}
	{
		ix := index(len(b.Events), func(i int) Pos { return b.Events[i].Pos })
		for i, e := range b.Events {
			// Rows imported from a dataset make the chronology; they
			// are not each meant to be cited.
			if !others[e.ID] && !isCSV(e.Pos.File) {
				warn(e.Pos, "events[%d] %q: cited nowhere: no [@%s] in the key judgments, the sections or another event's summary", ix[i], e.ID, e.ID)
			}
		}
	}
	listed := map[ID]bool{}
	for _, e := range b.Events {
		for _, id := range e.Sources {
			listed[id] = true
		}
	}
	ix := index(len(b.Sources), func(i int) Pos { return b.Sources[i].Pos })
	for i, s := range b.Sources {
		if !listed[s.ID] && !cited[s.ID] {
			warn(s.Pos, "sources[%d] %q: used by no event and cited nowhere", ix[i], s.ID)
		}
	}
	jx := index(len(b.Judgments), func(i int) Pos { return b.Judgments[i].Pos })
	for i := range b.Judgments {
		if judgmentCites[i] == 0 {
			warn(b.Judgments[i].Pos, "judgments[%d]: no citation: cite the events or sources the judgment rests on with [@id]", jx[i])
		}
	}
	var used []*Source
	for i := range b.Sources {
		if listed[b.Sources[i].ID] || cited[b.Sources[i].ID] {
			used = append(used, &b.Sources[i])
		}
	}
	if len(b.Events) > 0 || len(b.Judgments) > 0 {
		switch len(used) {
		case 0:
			warn(b.Meta.Pos, noticePrefix+"no source: no event lists a source and nothing cites one")
		case 1:
			warn(b.Meta.Pos, noticePrefix+"one source, %q: every claim stands or falls with it", used[0].ID)
		}
	}
	return ws
}

func judgmentTexts(b *Briefing) []string {
	out := make([]string, len(b.Judgments))
	for i, j := range b.Judgments {
		out[i] = j.Text
	}
	return out
}

func sectionBodies(b *Briefing) []string {
	out := make([]string, len(b.Sections))
	for i, s := range b.Sections {
		out[i] = s.Body
	}
	return out
}

// TextFiles returns the source text files a data file names, as fs paths
// (relative to the config's directory, like the data file's own name), in
// file order. The file is read by its extension as LoadWith reads it
// (TOML or JSON; a CSV file's rows name no files). A file that does not
// parse names none. Servers and watchers use it to know which files a
// build reads besides the data files.
func TextFiles(name string, src []byte) []string {
	pt, _ := (&Options{}).decode(name, src)
	if pt == nil {
		return nil
	}
	out := make([]string, 0, len(pt.texts))
	for _, t := range pt.texts {
		out = append(out, t.path)
	}
	return out
}

// SectionBodies returns the Markdown bodies of the sections of one data
// file, composed (NFC) as Load gives them, in file order; read like
// TextFiles. Servers and watchers look for the images they name.
func SectionBodies(name string, src []byte) []string {
	pt, _ := (&Options{}).decode(name, src)
	if pt == nil {
		return nil
	}
	out := make([]string, 0, len(pt.sections))
	for _, s := range pt.sections {
		out = append(out, s.Body)
	}
	return out
}
