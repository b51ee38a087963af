package data

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/briefing-pdf/briefing/internal/diag"
)

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
	// Each source's text is folded once, not once per quotation.
	folded := map[*Source]string{}
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
				hay, ok := folded[s]
				if !ok {
					hay = foldQuote(s.Text)
					folded[s] = hay
				}
				frag, ok := findFolded(hay, q.text)
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
	return findFolded(foldQuote(text), quote)
}

// findFolded is FindQuotation in a text folded by foldQuote already.
func findFolded(hay, quote string) (string, bool) {
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
