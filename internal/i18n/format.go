package i18n

import (
	"strconv"
	"strings"
)

// numberFormat is how a language writes a whole number: the group
// separator and the fewest digits before a group (CLDR's
// minimumGroupingDigits: Spanish writes 1000 but 10.000).
var numberFormat = map[string]struct {
	sep      string
	minGroup int
}{
	"en": {",", 1}, "fr": {"\u202f", 1}, "de": {".", 1}, "es": {".", 2},
	"ru": {"\u00a0", 1}, "tr": {".", 1}, "hy": {"\u00a0", 1}, "az": {".", 1},
}

// Number formats the integer n with the language's group separator.
func (l *Locale) Number(n int) string {
	lang := "en"
	if l != nil {
		lang = l.lang
	}
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	nf := numberFormat[lang]
	if len(s) > 3 && len(s) >= 3+nf.minGroup {
		var b strings.Builder
		head := len(s) % 3
		if head > 0 {
			b.WriteString(s[:head])
		}
		for i := head; i < len(s); i += 3 {
			if b.Len() > 0 {
				b.WriteString(nf.sep)
			}
			b.WriteString(s[i : i+3])
		}
		s = b.String()
	}
	if neg {
		s = "−" + s
	}
	return s
}

// JoinAnd joins items as a list: "a", "a and b", "a, b and c", with the
// language's word for "and".
func (l *Locale) JoinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return l.T("list.and", "a", strings.Join(items[:len(items)-1], l.T("list.comma")), "b", items[len(items)-1])
}

// Capital returns s with its first letter in upper case, by the
// language's rules (Turkish and Azerbaijani dotted i).
func (l *Locale) Capital(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	first := string(r[0])
	if l != nil && (l.lang == "tr" || l.lang == "az") && r[0] == 'i' {
		first = "İ"
	} else {
		first = strings.ToUpper(first)
	}
	return first + string(r[1:])
}

// quoteMarks are each language's outer quotation marks: English and
// Turkish and Azerbaijani “…”, German „…“, French « … » (with no-break
// spaces), Spanish, Russian and Armenian «…».
var quoteMarks = map[string][2]string{
	"en": {"“", "”"}, "tr": {"“", "”"}, "az": {"“", "”"},
	"de": {"„", "“"}, "fr": {"«\u00a0", "\u00a0»"},
	"es": {"«", "»"}, "ru": {"«", "»"}, "hy": {"«", "»"},
}

// innerQuoteMarks are the quotation marks inside quotation marks.
var innerQuoteMarks = map[string][2]string{
	"en": {"‘", "’"}, "tr": {"‘", "’"}, "az": {"‘", "’"},
	"de": {"‚", "‘"}, "fr": {"“", "”"},
	"es": {"“", "”"}, "ru": {"„", "“"}, "hy": {"“", "”"},
}

// QuoteMarks returns the language's opening and closing quotation marks,
// outer (level 0) or inner (level 1).
func (l *Locale) QuoteMarks(level int) (open, close string) {
	lang := "en"
	if l != nil {
		lang = l.lang
	}
	q := quoteMarks[lang]
	if level%2 == 1 {
		q = innerQuoteMarks[lang]
	}
	return q[0], q[1]
}

// Quote puts s in the language's quotation marks.
func (l *Locale) Quote(s string) string {
	o, c := l.QuoteMarks(0)
	return o + s + c
}
