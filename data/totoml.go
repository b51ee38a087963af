package data

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
)

// Imported is what one CSV file holds, read through its import and
// checked entry by entry (references to ids in other files are not
// resolved: the file is converted on its own).
type Imported struct {
	File    string
	Events  []Event
	Actors  []Actor
	Sources []Source
}

// LoadImports reads the [[import]] tables of a TOML file (a mapping file,
// or a config: other keys are left alone). The File of each is resolved
// against the file's directory, as a config's are.
func LoadImports(file string, src []byte) ([]Import, error) {
	raw, pos, perr := ParseTOML(file, src)
	if perr != nil {
		return nil, Errors{perr}
	}
	v, ok := raw["import"]
	if !ok {
		return nil, Errors{{File: file, Msg: "no [[import]] table; see docs/spreadsheet.md"}}
	}
	ims, errs := DecodeImports(file, v, pos.Key("import"))
	if errs != nil {
		return nil, errs
	}
	dir := path.Dir(file)
	for i := range ims {
		ims[i].File = path.Join(dir, ims[i].File)
	}
	return ims, nil
}

// ImportCSV reads the CSV file name (src its bytes) through im and
// returns its entries, or an Errors value with every problem.
func ImportCSV(name string, src []byte, im Import) (*Imported, error) {
	pt, errs := decodeCSV(name, src, &im)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return &Imported{File: name, Events: pt.events, Actors: pt.actors, Sources: pt.sources}, nil
}

// WriteTOML writes the entries as a data file in the TOML format, with
// the keys in the order docs/data-format.md gives them, ready to edit.
func (im *Imported) WriteTOML(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Converted from %s by briefing import.\n", path.Base(im.File))
	kv := func(k, v string) { fmt.Fprintf(bw, "%-9s = %s\n", k, v) }
	str := func(k, v string) {
		if v != "" {
			kv(k, tomlString(v))
		}
	}
	date := func(k string, t time.Time) {
		if !t.IsZero() {
			kv(k, t.Format("2006-01-02"))
		}
	}
	ids := func(k string, list []ID) {
		if len(list) == 0 {
			return
		}
		q := make([]string, len(list))
		for i, id := range list {
			q[i] = tomlString(string(id))
		}
		kv(k, "["+strings.Join(q, ", ")+"]")
	}
	for _, a := range im.Actors {
		bw.WriteString("\n[[actors]]\n")
		str("id", string(a.ID))
		str("name", a.Name)
		str("role", a.Role)
		str("party", string(a.Party))
	}
	for _, s := range im.Sources {
		bw.WriteString("\n[[sources]]\n")
		str("id", string(s.ID))
		str("title", s.Title)
		str("publisher", s.Publisher)
		str("url", string(s.URL))
		date("date", s.Date)
		str("kind", string(s.Kind))
		str("perspective", s.Perspective)
		str("reliability", s.Reliability)
		date("accessed", s.Accessed)
	}
	for _, e := range im.Events {
		bw.WriteString("\n[[events]]\n")
		str("id", string(e.ID))
		if e.NotBefore.IsZero() || !e.Date.Equal(e.NotBefore) {
			date("date", e.Date)
		}
		date("end", e.End)
		if e.Precision != Day {
			str("precision", e.Precision.String())
		}
		date("not_before", e.NotBefore)
		date("not_after", e.NotAfter)
		str("title", e.Title)
		str("kind", e.Kind)
		str("track", e.Track)
		ids("actors", e.Actors)
		str("location", e.Location)
		str("summary", e.Summary)
		ids("sources", e.Sources)
		if e.Key {
			kv("key", "true")
		}
	}
	return bw.Flush()
}

// tomlString writes s as a TOML string: a basic string on one line, or a
// multi-line basic string when s has line breaks.
func tomlString(s string) string {
	var b strings.Builder
	multi := strings.Contains(s, "\n")
	if multi {
		b.WriteString(`"""` + "\n")
	} else {
		b.WriteByte('"')
	}
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n' && multi:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	if multi {
		b.WriteString(`"""`)
	} else {
		b.WriteByte('"')
	}
	return b.String()
}

// QuoteTOML writes s as a TOML string value.
func QuoteTOML(s string) string { return tomlString(s) }
