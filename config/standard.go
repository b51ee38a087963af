package config

import (
	"fmt"
	"strings"
)

// PDFStandard is a standard the PDF claims to meet, named as Typst names
// them: ua-1 (PDF/UA-1, ISO 14289-1), a-1b, a-2b, a-2u, a-2a (PDF/A,
// ISO 19005-1 and -2).
type PDFStandard string

// pdfStandards are the standards a build can claim, with the PDF/A part
// and level each means to the writer ("" for PDF/UA).
var pdfStandards = []struct {
	name PDFStandard
	pdfa string
}{
	{"ua-1", ""},
	{"a-1b", "1B"},
	{"a-2b", "2B"},
	{"a-2u", "2U"},
	{"a-2a", "2A"},
}

var pdfStandardEnum = enum[PDFStandard]{what: "PDF standard", fold: true, values: func() []PDFStandard {
	out := make([]PDFStandard, len(pdfStandards))
	for i, s := range pdfStandards {
		out[i] = s.name
	}
	return out
}()}

// UnmarshalText accepts ua-1, a-1b, a-2b, a-2u or a-2a, in any case.
func (s *PDFStandard) UnmarshalText(t []byte) error { return pdfStandardEnum.decode(s, t) }

// PDFStandards are the standards a build claims: at most one PDF/A part,
// and PDF/UA-1 or not. In the config, a string or an array of strings.
type PDFStandards []PDFStandard

// oneOrMany lets the config give a single string for the array.
func (PDFStandards) oneOrMany() {}

// JSONSchema is the schema of [pdf] standard: one name or an array.
func (PDFStandards) JSONSchema() map[string]any {
	one := map[string]any{"type": "string", "enum": pdfStandardEnum.names()}
	return map[string]any{"anyOf": []any{one, map[string]any{"type": "array", "items": one}}}
}

// ParsePDFStandards reads the -pdf-standard flag: names separated by
// commas ("ua-1,a-2a"); "" or "none" claims none.
func ParsePDFStandards(s string) (PDFStandards, error) {
	out := PDFStandards{}
	if t := strings.TrimSpace(s); t == "" || strings.EqualFold(t, "none") {
		return out, nil
	}
	for _, f := range strings.Split(s, ",") {
		var st PDFStandard
		if err := st.UnmarshalText([]byte(strings.TrimSpace(f))); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	if err := out.Check(); err != nil {
		return nil, err
	}
	return out, nil
}

// Check refuses what no PDF can claim at once: two PDF/A parts, a
// standard listed twice (and a name not listed, in a value made in code).
func (ss PDFStandards) Check() error {
	var pdfa PDFStandard
	seen := map[PDFStandard]bool{}
	for _, s := range ss {
		if err := new(PDFStandard).UnmarshalText([]byte(s)); err != nil {
			return err
		}
		if seen[s] {
			return fmt.Errorf("%q is listed twice", s)
		}
		seen[s] = true
		if a, _ := (PDFStandards{s}).Claims(); a == "" {
			continue
		}
		if pdfa != "" {
			return fmt.Errorf("%q and %q are two PDF/A parts; a PDF claims one (with ua-1 or not)", pdfa, s)
		}
		pdfa = s
	}
	return nil
}

// Claims is what ss asks of the writer: the PDF/A part and level ("1B",
// "2B", "2U", "2A" or "") and PDF/UA-1.
func (ss PDFStandards) Claims() (pdfa string, ua bool) {
	for _, s := range ss {
		for _, k := range pdfStandards {
			if s == k.name {
				if k.pdfa == "" {
					ua = true
				} else {
					pdfa = k.pdfa
				}
			}
		}
	}
	return pdfa, ua
}

// PDFA1 reports whether ss claims PDF/A-1 (which forbids transparency).
func (ss PDFStandards) PDFA1() bool {
	a, _ := ss.Claims()
	return strings.HasPrefix(a, "1")
}

// String is the standards as the config writes them: "ua-1, a-2a".
func (ss PDFStandards) String() string {
	s := make([]string, len(ss))
	for i, n := range ss {
		s[i] = string(n)
	}
	return strings.Join(s, ", ")
}
