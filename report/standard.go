package report

import (
	"fmt"
	"strings"

	"github.com/briefing-pdf/briefing/report/internal/frames"
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

func pdfStandardNames() []string {
	out := make([]string, len(pdfStandards))
	for i, s := range pdfStandards {
		out[i] = string(s.name)
	}
	return out
}

// UnmarshalText accepts ua-1, a-1b, a-2b, a-2u or a-2a, in any case.
func (s *PDFStandard) UnmarshalText(t []byte) error {
	for _, k := range pdfStandards {
		if strings.EqualFold(string(t), string(k.name)) {
			*s = k.name
			return nil
		}
	}
	return fmt.Errorf("unknown PDF standard %q (standards: %s)", t, strings.Join(pdfStandardNames(), ", "))
}

// PDFStandards are the standards a build claims: at most one PDF/A part,
// and PDF/UA-1 or not. In the config, a string or an array of strings.
type PDFStandards []PDFStandard

// oneOrMany lets the config give a single string for the array.
func (PDFStandards) oneOrMany() {}

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
	if err := out.check(); err != nil {
		return nil, err
	}
	return out, nil
}

// check refuses what no PDF can claim at once: two PDF/A parts, a
// standard listed twice.
func (ss PDFStandards) check() error {
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
		if a, _ := (PDFStandards{s}).claims(); a == "" {
			continue
		}
		if pdfa != "" {
			return fmt.Errorf("%q and %q are two PDF/A parts; a PDF claims one (with ua-1 or not)", pdfa, s)
		}
		pdfa = s
	}
	return nil
}

// claims is what ss asks of the writer: the PDF/A part and level ("1B",
// "2B", "2U", "2A" or "") and PDF/UA-1.
func (ss PDFStandards) claims() (pdfa string, ua bool) {
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

// pdfA1 reports whether ss claims PDF/A-1 (which forbids transparency).
func (ss PDFStandards) pdfA1() bool {
	a, _ := ss.claims()
	return strings.HasPrefix(a, "1")
}

// String is the standards as the config writes them: "ua-1, a-2a".
func (ss PDFStandards) String() string {
	return joinNames(ss)
}

// withStandard is cfg with the standards opt asks for (the command
// line's), if it asks.
func withStandard(cfg *Config, opt Options) *Config {
	if opt.Standard == nil {
		return cfg
	}
	c := *cfg
	c.PDF.Standard = *opt.Standard
	return &c
}

// setClaims puts the config's standards into the document's metadata.
func setClaims(m *frames.Meta, cfg *Config) {
	m.PDFA, m.UA = cfg.PDF.Standard.claims()
}
