package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"github.com/briefing-pdf/briefing/internal/diag"
	"io"
	"path"
	"strings"
	"unicode/utf8"
)

// How a CSV data file is read. Each row becomes a generic table, as the
// TOML library would have produced for the entry, with a position tree
// that places every key at its cell; the entry is then decoded by the same
// code as a TOML entry, so that every check (ids, URLs, enumerations,
// references) is made once, in one place. Messages name the row as a
// spreadsheet numbers it (the header is row 1) and the column by its
// header: `data/acled.csv:58:12: row 57, column "event_date": …`. The
// position is the cell's line and byte column in the file; the two agree
// unless a cell above holds a line break.

// utf8BOM is what spreadsheet programs put at the start of a UTF-8 CSV.
const utf8BOM = "\xef\xbb\xbf"

// isCSV reports whether a data file is read as CSV.
func isCSV(name string) bool { return strings.EqualFold(path.Ext(name), ".csv") }

// findImport returns the import that maps the CSV file name, or nil.
func findImport(imports []Import, name string) *Import {
	for i := range imports {
		if ok, _ := path.Match(imports[i].File, name); ok {
			return &imports[i]
		}
	}
	return nil
}

// decodeCSV reads one CSV data file with its import.
func decodeCSV(name string, src []byte, im *Import) (*part, Errors) {
	d := &decoder{file: name, pt: &part{file: name}}
	src, bom, errs := csvText(name, src)
	if errs != nil {
		return nil, errs
	}
	sh, errs := readCSVHeader(name, src, bom, im.Delimiter)
	if errs != nil {
		return nil, errs
	}
	sources, errs := sh.fieldSources(im)
	if len(errs) > 0 {
		return nil, errs
	}
	stem := Slug(strings.TrimSuffix(path.Base(name), path.Ext(name)))
	for row := 2; ; row++ {
		rec, err := sh.r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			d.errs = append(d.errs, sh.parseErr(err)...)
			break
		}
		d.csvRow(sh, im, sources, rec, row, stem)
	}
	return d.pt, d.errs
}

// csvText strips the byte order mark off src and checks that the rest
// is UTF-8 text. bom is the length of the mark stripped: the columns of
// the first line count it.
func csvText(name string, src []byte) (text []byte, bom int, errs Errors) {
	if bytes.HasPrefix(src, []byte(utf8BOM)) {
		src, bom = src[len(utf8BOM):], len(utf8BOM)
	}
	if !utf8.Valid(src) {
		i := 0
		for i < len(src) {
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		line := 1 + bytes.Count(src[:i], []byte("\n"))
		col := i - bytes.LastIndexByte(src[:i], '\n')
		if line == 1 {
			col += bom
		}
		return nil, 0, Errors{{File: name, Line: line, Col: col, Msg: "not UTF-8 text; save the sheet as \"CSV UTF-8\""}}
	}
	return src, bom, nil
}

// csvSheet is a CSV data file being read: its reader, past the header,
// and the header's columns.
type csvSheet struct {
	name  string
	r     *csv.Reader
	bom   int            // the length of the byte order mark before the first line
	cols  []string       // the header's cells, trimmed
	index map[string]int // the first column of each header
}

// readCSVHeader starts reading src, cells separated by comma, and reads
// its header row.
func readCSVHeader(name string, src []byte, bom int, comma rune) (*csvSheet, Errors) {
	r := csv.NewReader(bytes.NewReader(src))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	sh := &csvSheet{name: name, r: r, bom: bom, index: map[string]int{}}
	header, err := r.Read()
	if err == io.EOF {
		return nil, Errors{{File: name, Msg: "empty file: want a header row naming the columns, then one row per entry"}}
	}
	if err != nil {
		return nil, sh.parseErr(err)
	}
	sh.cols = make([]string, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		sh.cols[i] = h
		if _, dup := sh.index[h]; !dup {
			sh.index[h] = i
		}
	}
	return sh, nil
}

// parseErr is a syntax error of the sheet, at its position.
func (sh *csvSheet) parseErr(err error) Errors {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		col := pe.Column
		if pe.Line == 1 {
			col += sh.bom
		}
		return Errors{{File: sh.name, Line: pe.Line, Col: col, Msg: csvMessage(pe.Err)}}
	}
	return Errors{{File: sh.name, Msg: err.Error()}}
}

// hpos is the position of cell i of the row last read.
func (sh *csvSheet) hpos(i int) lc {
	l, c := sh.r.FieldPos(i)
	if l == 1 {
		c += sh.bom
	}
	return lc{l, c}
}

// csvSource is where one field of an entry is read: its columns, as
// indexes into the header.
type csvSource struct {
	field string
	kind  fieldKind
	cols  []int
}

// fieldSources finds the columns of each field the import maps. A
// column the header lacks is the import's error; a column named twice in
// the header, the file's.
func (sh *csvSheet) fieldSources(im *Import) ([]csvSource, Errors) {
	fields := importFields[im.Into]
	var sources []csvSource
	var errs Errors
	for _, f := range sortedKeys(im.Columns) {
		s := csvSource{field: f, kind: fields[f]}
		for j, c := range im.Columns[f] {
			i, ok := sh.index[c]
			if !ok {
				at := im.pos.columns[f]
				if e := im.pos.elems[f]; j < len(e) {
					at = e[j]
				}
				errs = append(errs, &Error{File: im.pos.file, Line: at.line, Col: at.col,
					Msg: fmt.Sprintf("%s columns: %s: no column %s in %s%s", im.pos.label, f, diag.Quote(c), sh.name, diag.Suggest(c, sh.cols))})
				continue
			}
			for k := i + 1; k < len(sh.cols); k++ {
				if sh.cols[k] == c {
					at := sh.hpos(k)
					errs = append(errs, &Error{File: sh.name, Line: at.line, Col: at.col,
						Msg: fmt.Sprintf("row 1: column %s appears twice in the header (first as column %d); rename one", diag.Quote(c), i+1)})
				}
			}
			s.cols = append(s.cols, i)
		}
		sources = append(sources, s)
	}
	return sources, errs
}

// csvRow decodes row number row of the sheet, rec, as an entry of the
// import's kind.
func (d *decoder) csvRow(sh *csvSheet, im *Import, sources []csvSource, rec []string, row int, stem string) {
	first := sh.hpos(0)
	label := fmt.Sprintf("row %d", row)
	if len(rec) != len(sh.cols) {
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			return // a line of spaces
		}
		d.errs = append(d.errs, &Error{File: sh.name, Line: first.line, Col: first.col,
			Msg: fmt.Sprintf("%s: has %d cells; the header has %d", label, len(rec), len(sh.cols))})
		if len(rec) < len(sh.cols) {
			return
		}
	}
	named := sh.rowName(im, rec, label)
	m := map[string]any{}
	n := &pnode{at: first}
	cellCol := map[lc]string{}  // cell position → its column's header
	failed := map[string]bool{} // fields whose cells were reported
	for _, s := range sources {
		if !d.cell(im, s.field, s.kind, s.cols, rec, sh.hpos, sh.cols, m, n, cellCol, named) {
			failed[s.field] = true
		}
	}
	defaultID(im, m, n, first, stem, row)
	composeText(m)
	e0, r0 := len(d.errs), len(d.pt.refs)
	t := d.table(m, n, first, label)
	switch im.Into {
	case "events":
		d.pt.events = append(d.pt.events, d.event(t))
	case "actors":
		d.pt.actors = append(d.pt.actors, d.actor(t))
	case "sources":
		d.pt.sources = append(d.pt.sources, d.source(t))
	}
	d.nameCellColumns(sh.name, importFields[im.Into], e0, r0, cellCol, failed)
}

// rowName is the row's label with its id, for the problems found before
// the entry is decoded (which names it so itself).
func (sh *csvSheet) rowName(im *Import, rec []string, label string) string {
	named := label
	if cs, ok := im.Columns["id"]; ok {
		if i, ok := sh.index[cs[0]]; ok && i < len(rec) {
			id := strings.TrimSpace(rec[i])
			if !validID(id) {
				id = Slug(id)
			}
			if id != "" {
				named += fmt.Sprintf(" %q", id)
			}
		}
	}
	return named
}

// defaultID gives the entry m an id when no column is mapped to it: an
// event the file's stem and its row number; an actor or a source the
// slug of its name or title, placed at that cell.
func defaultID(im *Import, m map[string]any, n *pnode, first lc, stem string, row int) {
	if _, ok := m["id"]; !ok && im.Into == "events" {
		if _, mapped := im.Columns["id"]; !mapped {
			m["id"] = fmt.Sprintf("%s-%d", stem, row)
		}
	}
	if _, ok := m["id"]; !ok {
		if from, ok := m[idFrom[im.Into]].(string); ok {
			if _, mapped := im.Columns["id"]; !mapped && Slug(from) != "" {
				m["id"] = Slug(from)
				n.child("id", n.key(idFrom[im.Into]).pos(first))
			}
		}
	}
}

// nameCellColumns names the column of each problem found at a cell of
// the row since the problem e0 and the reference r0, and drops "missing"
// for a field whose cell was reported already.
func (d *decoder) nameCellColumns(name string, fields map[string]fieldKind, e0, r0 int, cellCol map[lc]string, failed map[string]bool) {
	kept := d.errs[:e0]
	for _, e := range d.errs[e0:] {
		i := strings.Index(e.Msg, ": ")
		if i < 0 || e.File != name {
			kept = append(kept, e)
			continue
		}
		rest := e.Msg[i+2:]
		if k, ok := strings.CutPrefix(rest, "missing required key "); ok && failed[strings.Trim(k, `"`)] {
			continue
		}
		if c, ok := cellCol[lc{e.Line, e.Col}]; ok && !strings.Contains(e.Msg[:i], "column ") {
			f, _, _ := strings.Cut(rest, ":")
			f, _, _ = strings.Cut(f, "[")
			if _, isField := fields[f]; isField {
				e.Msg = e.Msg[:i] + ", column " + diag.Quote(c) + e.Msg[i:]
			}
		}
		kept = append(kept, e)
	}
	d.errs = kept
	for i := r0; i < len(d.pt.refs); i++ {
		rf := &d.pt.refs[i]
		if c, ok := cellCol[rf.at]; ok {
			rf.label += ", column " + diag.Quote(c)
		}
	}
}

// cell puts the value of one field, read from its columns of rec, into
// the entry's table m and position tree n. Problems a value has before it
// is a value of the data format (a date no format reads) are reported
// here; the rest by the entry's decoder.
func (d *decoder) cell(im *Import, field string, kind fieldKind, idx []int, rec []string,
	hpos func(int) lc, cols []string, m map[string]any, n *pnode, cellCol map[lc]string, label string) bool {
	type cellValue struct {
		text, col string
		at        lc
	}
	var cells []cellValue
	for _, i := range idx {
		if i >= len(rec) {
			continue
		}
		at := hpos(i)
		cellCol[at] = cols[i]
		if v := strings.TrimSpace(rec[i]); v != "" {
			cells = append(cells, cellValue{v, cols[i], at})
		}
	}
	if len(cells) == 0 {
		// An empty cell leaves the field out; a required text field
		// is given as empty so that its error is placed at the cell.
		if len(idx) > 0 && idx[0] < len(rec) && (field == "title" || field == "name") {
			at := hpos(idx[0])
			m[field] = ""
			n.child(field, at).at = at
		}
		return true
	}
	at := cells[0].at
	switch kind {
	case fLine, fText:
		parts := make([]string, len(cells))
		for i, c := range cells {
			parts[i] = c.text
			if kind == fLine {
				parts[i] = strings.Join(strings.Fields(c.text), " ")
			}
		}
		m[field] = strings.Join(parts, ", ")
	case fID, fRef:
		v := cells[0].text
		if !validID(v) {
			if s := Slug(v); s != "" {
				v = s
			}
		}
		m[field] = v
	case fList:
		var list []any
		pn := n.child(field, at)
		pn.at = at
		for _, c := range cells {
			vals := []string{c.text}
			if im.Split != "" {
				vals = strings.Split(c.text, im.Split)
			}
			for _, v := range vals {
				v = strings.TrimSpace(v)
				if v == "" {
					continue
				}
				if !validID(v) {
					if s := Slug(v); s != "" {
						v = s
					}
				}
				list = append(list, v)
				pn.elems = append(pn.elems, &pnode{at: c.at})
			}
		}
		m[field] = list
		return true
	case fDate:
		c := cells[0]
		t, prec, ok := im.parseDate(c.text)
		if !ok {
			d.errs = append(d.errs, &Error{File: d.file, Line: c.at.line, Col: c.at.col,
				Msg: fmt.Sprintf("%s, column %s: %s: %s matches none of the date formats %s", label, diag.Quote(c.col), field, diag.Quote(c.text), strings.Join(quoteAll(im.DateFormats), ", "))})
			return false
		}
		m[field] = t
		if field == "date" && prec != Day {
			// A precision column, decoded after date, overrides this.
			m["precision"] = prec.String()
			n.child("precision", at).at = at
		}
	case fBool:
		switch strings.ToLower(cells[0].text) {
		case "true", "yes", "y", "1", "x":
			m[field] = true
		case "false", "no", "n", "0":
			m[field] = false
		default:
			m[field] = cells[0].text // reported as not true or false
		}
	}
	n.child(field, at).at = at
	return true
}

// csvMessage words a CSV syntax error.
func csvMessage(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return `a " inside a cell that is not in quotes; quote the cell and double the " ("say ""no""")`
	case errors.Is(err, csv.ErrQuote):
		return `a quoted cell is not closed, or text follows its closing "`
	}
	return err.Error()
}
