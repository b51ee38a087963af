package charts

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefing-pdf/briefing/data"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// wordDisplay spells words that title case gets wrong: acronyms and names
// with diacritics that ids, being ASCII, cannot carry. It is consulted for
// each hyphen-separated part of a track or kind id.
var wordDisplay = map[string]string{
	"turkiye": "Türkiye",
	"turkey":  "Türkiye",
	"us":      "US",
	"usa":     "USA",
	"uk":      "UK",
	"eu":      "EU",
	"un":      "UN",
	"osce":    "OSCE",
	"nato":    "NATO",
	"csto":    "CSTO",
	"icj":     "ICJ",
	"echr":    "ECHR",
	"g7":      "G7",
	"nk":      "NK",
}

// LaneName is how a track (or kind) id is shown: the name of the party
// with that id when there is one; else each hyphen-separated part shown as
// the party of that id when there is one, else title-cased (with a small
// table for acronyms and "turkiye" → "Türkiye"), the parts joined by an
// en dash. "armenia-azerbaijan" → "Armenia–Azerbaijan". The empty id is
// "Other".
func LaneName(b *data.Briefing, id string) string {
	if id == "" {
		return "Other"
	}
	if b != nil {
		if p := b.Party(data.ID(id)); p != nil {
			return p.Name
		}
	}
	parts := strings.Split(id, "-")
	out := make([]string, 0, len(parts))
	for _, w := range parts {
		if w == "" {
			continue
		}
		if b != nil {
			if p := b.Party(data.ID(w)); p != nil && len(parts) > 1 {
				out = append(out, shortPartyName(p.Name))
				continue
			}
		}
		out = append(out, titleWord(w))
	}
	return strings.Join(out, "–")
}

// shortPartyName drops a leading "The " and, for names of states given in
// full ("United States of America"), keeps them: parties' names are the
// authors' choice.
func shortPartyName(s string) string {
	return strings.TrimPrefix(s, "The ")
}

// titleWord capitalises a lower-case word, or spells it from wordDisplay.
func titleWord(w string) string {
	if d, ok := wordDisplay[strings.ToLower(w)]; ok {
		return d
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// KindName is how an event kind is shown in a legend: sentence case, its
// hyphens as spaces ("press-conference" → "Press conference"); the empty
// kind is "Other".
func KindName(kind string) string {
	if kind == "" {
		return "Other"
	}
	s := strings.ReplaceAll(kind, "-", " ")
	first, _, _ := strings.Cut(s, " ")
	if d, ok := wordDisplay[first]; ok {
		return d + s[len(first):]
	}
	return titleWord(s)
}

// truncate shortens s to fit max when set in sty, cutting at a word
// boundary when one is near and ending with an ellipsis.
func truncate(sty text.Style, s string, max vg.Length) string {
	if max <= 0 || sty.Width(s) <= max {
		return s
	}
	runes := []rune(s)
	// Binary search for the longest prefix that fits with the ellipsis.
	lo, hi := 0, len(runes)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if sty.Width(strings.TrimRight(string(runes[:mid]), " ,;:–-")+"…") <= max {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	cut := runes[:lo]
	// Prefer a word boundary in the last third of the kept text.
	for i := len(cut) - 1; i > len(cut)*2/3; i-- {
		if cut[i] == ' ' {
			cut = cut[:i]
			break
		}
	}
	t := strings.TrimRight(string(cut), " ,;:–-")
	if t == "" {
		return "…"
	}
	return t + "…"
}
