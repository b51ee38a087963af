package data

import (
	"fmt"
	"github.com/briefing-pdf/briefing/internal/diag"
	"path"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Import says how the rows of a CSV data file become entries: which kind
// of entry each row is, which column feeds which field, how dates are
// written and how multi-valued cells are split. It is written in the
// layout config as an [[import]] table (see docs/spreadsheet.md); use
// the values DecodeImports or LoadImports return, which have the date
// formats parsed and know where they were written.
type Import struct {
	File        string              // the CSV file or a path.Match pattern, relative to the config
	Into        string              // "events", "actors" or "sources"
	Delimiter   rune                // between cells; ',' by default
	Split       string              // between the values of a multi-valued cell; ";" by default, "" for none
	DateFormats []string            // as written: "YYYY-MM-DD", "D Month YYYY"…
	Precision   Precision           // of a date whose format has no day: Month (default) or Year
	Columns     map[string][]string // field → the columns that feed it, in order

	layouts []dateLayout
	pos     importPos
}

// importPos is where an import is written, for errors about it found
// only when its CSV file is read (a column missing from the header).
type importPos struct {
	file    string
	label   string        // "import[0]"
	at      lc            // the table
	columns map[string]lc // each field's value in [import.columns]
	elems   map[string][]lc
}

// Valid kinds of import and the fields a row may feed.
var importFields = map[string]map[string]fieldKind{
	"events": {
		"id": fID, "date": fDate, "end": fDate, "not_before": fDate, "not_after": fDate,
		"precision": fText, "title": fLine, "kind": fLine, "track": fLine,
		"actors": fList, "location": fLine, "summary": fText, "sources": fList, "key": fBool,
	},
	"actors": {
		"id": fID, "name": fLine, "role": fLine, "party": fRef,
	},
	"sources": {
		"id": fID, "title": fLine, "publisher": fLine, "url": fText, "date": fDate,
		"kind": fText, "perspective": fLine, "reliability": fText, "accessed": fDate,
	},
}

// idFrom is the field a row's id is made from when no column gives it:
// events are numbered by row.
var idFrom = map[string]string{"actors": "name", "sources": "title"}

// requiredFields must have a column (the id excepted: it can be made).
var requiredFields = map[string][]string{
	"events":  {"date", "title"},
	"actors":  {"name"},
	"sources": {"title"},
}

// fieldKind says how a cell becomes a value of the data format.
type fieldKind int

const (
	fLine fieldKind = iota // one line of text: runs of white space become one space
	fText                  // text as written (Markdown, a URL, a word)
	fID                    // an id: written as is when valid, else made into one (Slug)
	fRef                   // a reference to an id, made into one as ids are
	fList                  // references, split at Split
	fDate                  // a date in one of DateFormats
	fBool                  // true/false, yes/no, 1/0, x or empty
)

// DecodeImports decodes the value of a config's import key: an array of
// tables, each an [[import]]. file and pos place the problems; key is the
// config key ("import"). The File of each import is as written; the
// caller resolves it against the config's directory.
func DecodeImports(file string, v any, pos Positions) ([]Import, Errors) {
	d := &decoder{file: file, pt: &part{}}
	list, ok := tableList(v)
	if !ok {
		at := pos.n.pos(lc{1, 1})
		return nil, Errors{{File: file, Line: at.line, Col: at.col,
			Msg: fmt.Sprintf("import: got %s; want an array of tables [[import]]", describe(v))}}
	}
	var out []Import
	for i, m := range list {
		t := d.table(m, pos.n.elem(i), pos.n.pos(lc{1, 1}), fmt.Sprintf("import[%d]", i))
		if im, ok := d.importTable(t); ok {
			out = append(out, im)
		}
	}
	if len(d.errs) > 0 {
		d.errs.Sort()
		return nil, d.errs
	}
	return out, nil
}

func (d *decoder) importTable(t *table) (Import, bool) {
	n := len(d.errs)
	im := Import{Delimiter: ',', Split: ";", Precision: Month}
	im.pos = importPos{file: d.file, label: t.label, at: t.at, columns: map[string]lc{}, elems: map[string][]lc{}}
	im.File = t.str("file", true)
	if im.File != "" && !strings.HasSuffix(strings.ToLower(im.File), ".csv") {
		t.errf(t.keyPos("file"), "file: %s is not a .csv file", diag.Quote(im.File))
	} else if _, err := path.Match(im.File, ""); err != nil {
		t.errf(t.keyPos("file"), "file: bad pattern %s", diag.Quote(im.File))
	}
	im.Into = t.str("into", true)
	fields, known := importFields[im.Into]
	if im.Into != "" && !known {
		t.errf(t.keyPos("into"), "into: got %s; want \"events\", \"actors\" or \"sources\"%s", diag.Quote(im.Into), diag.Suggest(im.Into, []string{"actors", "events", "sources"}))
	}
	if v, ok := t.get("delimiter"); ok {
		s, _ := v.(string)
		r, size := utf8.DecodeRuneInString(s)
		if size == 0 || size != len(s) || r == '"' || r == '\r' || r == '\n' || r == utf8.RuneError {
			t.errf(t.keyPos("delimiter"), "delimiter: got %s; want one character, like \",\" or \";\" or \"\\t\"", describe(v))
		} else {
			im.Delimiter = r
		}
	}
	if v, ok := t.get("split"); ok {
		if s, isStr := v.(string); isStr {
			im.Split = s
		} else {
			t.wrongType("split", v, `a string, like ";" ("" for none)`)
		}
	}
	im.DateFormats = t.strings("date_formats")
	if _, ok := t.m["date_formats"]; !ok {
		im.DateFormats = []string{"YYYY-MM-DD"}
	}
	for i, f := range im.DateFormats {
		l, err := parseDateFormat(f)
		if err != nil {
			t.errf(t.n.key("date_formats").elem(i).pos(t.keyPos("date_formats")), "date_formats[%d]: %v", i, err)
			continue
		}
		im.layouts = append(im.layouts, l)
	}
	if t.text("precision", &im.Precision, false) && im.Precision == Day {
		t.errf(t.keyPos("precision"), `precision: the precision of a date written without its day: "month" or "year"`)
	}
	im.Columns = map[string][]string{}
	if v, ok := t.get("columns"); !ok {
		t.missing("columns")
	} else if m, isMap := v.(map[string]any); !isMap {
		t.wrongType("columns", v, `a table like { date = "event_date", title = "notes" }`)
	} else {
		ct := d.table(m, t.n.key("columns"), t.keyPos("columns"), t.label+" columns")
		names := make([]string, 0, len(fields))
		for f := range fields {
			names = append(names, f)
		}
		sort.Strings(names)
		for _, f := range names {
			v, ok := ct.get(f)
			if !ok {
				continue
			}
			at := ct.keyPos(f)
			im.pos.columns[f] = at
			switch v := v.(type) {
			case string:
				im.Columns[f] = []string{v}
			case []any:
				for i, e := range v {
					s, ok := e.(string)
					if !ok {
						ct.errf(ct.n.key(f).elem(i).pos(at), "%s[%d]: got %s; want a column name", f, i, describe(e))
						continue
					}
					im.Columns[f] = append(im.Columns[f], s)
					im.pos.elems[f] = append(im.pos.elems[f], ct.n.key(f).elem(i).pos(at))
				}
				if len(v) == 0 {
					ct.errf(at, "%s: no column named", f)
				}
			default:
				ct.wrongType(f, v, `a column name, or an array of them like ["actor1", "actor2"]`)
			}
		}
		if known {
			ct.done()
			for _, f := range requiredFields[im.Into] {
				if _, ok := m[f]; !ok {
					ct.errf(ct.at, "no column for %q; %s need %s", f, im.Into, strings.Join(quoteAll(requiredFields[im.Into]), " and "))
				}
			}
		}
	}
	t.done()
	return im, len(d.errs) == n
}

// dateLayout is a parsed date format: a Go time layout and the precision
// of the dates it reads.
type dateLayout struct {
	text   string
	layout string
	prec   Precision // Day, Month (no day) or Year (no month)
}

// dateTokens are the parts of a date format, longest first.
var dateTokens = []struct{ token, layout string }{
	{"YYYY", "2006"}, {"Month", "January"}, {"Mon", "Jan"},
	{"MM", "01"}, {"M", "1"}, {"DD", "02"}, {"D", "2"},
}

// parseDateFormat turns a format like "D Month YYYY" into a Go layout.
// Tokens: YYYY (year), MM or M (month number, with or without a leading
// zero), Month or Mon (month name, full or short, in English), DD or D
// (day). Anything else is written as is.
func parseDateFormat(f string) (dateLayout, error) {
	var b strings.Builder
	var year, month, day bool
	for i := 0; i < len(f); {
		matched := false
		for _, tk := range dateTokens {
			if strings.HasPrefix(f[i:], tk.token) {
				switch tk.token[0] {
				case 'Y':
					if year {
						return dateLayout{}, fmt.Errorf("%s gives the year twice", diag.Quote(f))
					}
					year = true
				case 'M':
					if month {
						return dateLayout{}, fmt.Errorf("%s gives the month twice", diag.Quote(f))
					}
					month = true
				case 'D':
					if day {
						return dateLayout{}, fmt.Errorf("%s gives the day twice", diag.Quote(f))
					}
					day = true
				}
				b.WriteString(tk.layout)
				i += len(tk.token)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		c := f[i]
		if unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)) {
			return dateLayout{}, fmt.Errorf("%s: unknown part %q; a format is made of YYYY, MM, M, Month, Mon, DD, D and punctuation", diag.Quote(f), f[i:i+1])
		}
		b.WriteByte(c)
		i++
	}
	switch {
	case !year:
		return dateLayout{}, fmt.Errorf("%s has no year (YYYY)", diag.Quote(f))
	case day && !month:
		return dateLayout{}, fmt.Errorf("%s has a day but no month", diag.Quote(f))
	}
	l := dateLayout{text: f, layout: b.String(), prec: Day}
	switch {
	case !month:
		l.prec = Year
	case !day:
		l.prec = Month
	}
	return l, nil
}

// dateLocal marks a time as a TOML local date, as the TOML library does.
var dateLocal = time.FixedZone("date-local", 0)

// parseDate reads a cell with the import's formats; it returns the date,
// the precision its format gives and whether one matched.
func (im *Import) parseDate(s string) (time.Time, Precision, bool) {
	for _, l := range im.layouts {
		if t, err := time.ParseInLocation(l.layout, s, dateLocal); err == nil {
			p := l.prec
			if p == Month && im.Precision == Year {
				p = Year
			}
			return t, p, true
		}
	}
	return time.Time{}, Day, false
}

// Slug makes an id from a name: lower case, with every run of characters
// other than a–z and 0–9 turned into one "-" and none at either end
// ("Military Forces of Syria (2000-)" → "military-forces-of-syria-2000").
// Letters with accents lose them where they decompose (é → e). A name
// with no letter or digit gives "".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		r = unicode.ToLower(foldAccent(r))
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// foldAccent maps a Latin letter with a diacritic to its base letter.
func foldAccent(r rune) rune {
	if r < 0xC0 {
		return r
	}
	const from = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŞşĞğİıČčŠšŽžĆćŁłŃńŚśŹźŻżĄąĘęŌōŪūĀāĒēĪī"
	const to = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsGgIiCcSsZzCcLlNnSsZzZzAaEeOoUuAaEeIi"
	i := 0
	for _, f := range from {
		if f == r {
			return rune(to[i])
		}
		i++
	}
	return r
}

// Imports are a config's [[import]] tables. The layout config's decoder
// hands the value of its import key to DecodeConfigValue.
type Imports []Import

// DecodeConfigValue decodes v, the value of the config key import written
// at p in file, into *im.
func (im *Imports) DecodeConfigValue(file string, v any, p Positions) Errors {
	list, errs := DecodeImports(file, v, p)
	if errs != nil {
		return errs
	}
	*im = list
	return nil
}

// JSONSchema is the schema of the import key, for the config's schema.
func (Imports) JSONSchema() map[string]any {
	col := map[string]any{"oneOf": []any{
		map[string]any{"type": "string"},
		map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "minItems": 1},
	}}
	fields := map[string]any{}
	for _, fs := range importFields {
		for f := range fs {
			fields[f] = col
		}
	}
	return map[string]any{
		"type":        "array",
		"description": "How CSV data files map to entries: one table per file (see docs/spreadsheet.md).",
		"items": map[string]any{
			"type":                 "object",
			"additionalProperties": false,
			"required":             []any{"file", "into", "columns"},
			"properties": map[string]any{
				"file":         map[string]any{"type": "string", "description": "the CSV data file, or a pattern like data/*.csv, relative to the config"},
				"into":         map[string]any{"type": "string", "enum": []any{"events", "actors", "sources"}},
				"delimiter":    map[string]any{"type": "string", "minLength": 1, "maxLength": 1},
				"split":        map[string]any{"type": "string"},
				"date_formats": map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
				"precision":    map[string]any{"type": "string", "enum": []any{"month", "year"}},
				"columns":      map[string]any{"type": "object", "additionalProperties": false, "properties": fields},
			},
		},
	}
}
