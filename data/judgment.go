package data

import (
	"fmt"
	"sort"
	"strings"
)

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
