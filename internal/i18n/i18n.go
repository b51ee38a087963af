// Package i18n holds the words a briefing prints on its own — headings,
// captions, table heads, the cover's facts, the notes' back-references, the
// charts' legends and axes — as messages keyed by id, with built-in
// translations, and formats dates, ranges and numbers in the language's
// conventions.
//
// Each built-in language has a catalogue, catalog/LANG.toml, embedded in
// the binary. A message is a string with {name} placeholders; a message
// that counts something is a table of CLDR plural forms (zero, one, two,
// few, many, other) chosen by its {n} through the CLDR plural rules of
// golang.org/x/text/feature/plural; a list message (month names) is an
// array. A message a catalogue lacks falls back to English
// (TestCatalogsComplete lists the holes). A user's labels override any
// message.
package i18n

import (
	"embed"
	"fmt"
	"github.com/briefing-pdf/briefing/internal/diag"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

//go:embed catalog/*.toml
var catalogFS embed.FS

// Languages are the built-in languages, by their base subtag.
var Languages = []string{"en", "fr", "de", "es", "ru", "tr", "hy", "az"}

// message is one message: a text, plural forms or a list.
type message struct {
	text  string
	forms map[plural.Form]string // nil unless the message counts
	list  []string               // nil unless a list
}

var formNames = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

var (
	loadOnce sync.Once
	catalogs map[string]map[string]message
	loadErr  error
)

// load decodes every embedded catalogue.
func load() {
	catalogs = map[string]map[string]message{}
	for _, lang := range Languages {
		src, err := catalogFS.ReadFile(path.Join("catalog", lang+".toml"))
		if err != nil {
			loadErr = err
			return
		}
		var raw map[string]any
		if _, err := toml.Decode(string(src), &raw); err != nil {
			loadErr = fmt.Errorf("i18n: catalog/%s.toml: %v", lang, err)
			return
		}
		m := map[string]message{}
		if err := flatten(raw, "", m); err != nil {
			loadErr = fmt.Errorf("i18n: catalog/%s.toml: %v", lang, err)
			return
		}
		catalogs[lang] = m
	}
}

// flatten turns nested TOML tables into dotted ids.
func flatten(raw map[string]any, prefix string, out map[string]message) error {
	for k, v := range raw {
		id := prefix + k
		switch v := v.(type) {
		case string:
			out[id] = message{text: v}
		case []any:
			var l []string
			for _, e := range v {
				s, ok := e.(string)
				if !ok {
					return fmt.Errorf("%s: a list of strings wanted", id)
				}
				l = append(l, s)
			}
			out[id] = message{list: l}
		case map[string]any:
			if isPlural(v) {
				forms := map[plural.Form]string{}
				for f, s := range v {
					str, ok := s.(string)
					if !ok {
						return fmt.Errorf("%s.%s: a string wanted", id, f)
					}
					forms[formNames[f]] = str
				}
				if _, ok := forms[plural.Other]; !ok {
					return fmt.Errorf("%s: plural forms without \"other\"", id)
				}
				out[id] = message{forms: forms}
				continue
			}
			if err := flatten(v, id+".", out); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s: a string, a list or a table wanted", id)
		}
	}
	return nil
}

func isPlural(m map[string]any) bool {
	if len(m) == 0 {
		return false
	}
	for k := range m {
		if _, ok := formNames[k]; !ok {
			return false
		}
	}
	return true
}

func catalog(lang string) map[string]message {
	loadOnce.Do(load)
	if loadErr != nil {
		// The catalogues are embedded and tested; this is a build defect.
		panic(loadErr)
	}
	return catalogs[lang]
}

// IDs lists every message id, sorted: the English catalogue's, which is
// complete by definition.
func IDs() []string { return slices.Sorted(maps.Keys(catalog("en"))) }

// Missing lists the ids of lang's catalogue that fall back to English,
// and those whose kind (text, plural or list, and a list's length) or
// placeholders differ from the English message.
func Missing(lang string) []string {
	en, c := catalog("en"), catalog(lang)
	var out []string
	for _, id := range IDs() {
		m, ok := c[id]
		switch {
		case !ok:
			out = append(out, id+": missing")
		case (m.forms == nil) != (en[id].forms == nil) || (m.list == nil) != (en[id].list == nil):
			out = append(out, id+": not the same kind of message as in English")
		case en[id].list != nil && len(m.list) != len(en[id].list):
			out = append(out, id+fmt.Sprintf(": %d items; English has %d", len(m.list), len(en[id].list)))
		default:
			if bad := placeholderDiff(en[id], m); bad != "" {
				out = append(out, id+": "+bad)
			}
		}
	}
	for id := range c {
		if _, ok := en[id]; !ok {
			out = append(out, id+": not an English message")
		}
	}
	slices.Sort(out)
	return out
}

// placeholderDiff says which placeholders m uses that en does not have,
// or "".
func placeholderDiff(en, m message) string {
	have := map[string]bool{}
	for _, s := range en.all() {
		for _, p := range Placeholders(s) {
			have[p] = true
		}
	}
	for _, s := range m.all() {
		for _, p := range Placeholders(s) {
			if !have[p] {
				return "unknown placeholder {" + p + "}"
			}
		}
	}
	return ""
}

func (m message) all() []string {
	if m.forms != nil {
		return slices.Collect(maps.Values(m.forms))
	}
	if m.list != nil {
		return m.list
	}
	return []string{m.text}
}

// Placeholders lists the names of s's {name} placeholders.
func Placeholders(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return out
		}
		name := s[i+1 : i+j]
		if name != "" && !strings.ContainsAny(name, " {") {
			out = append(out, name)
		}
		s = s[i+j+1:]
	}
}

// Locale is a language's messages with a user's labels over them.
type Locale struct {
	tag  language.Tag
	lang string // the built-in language used: "en" when none fits
	msgs map[string]message
	own  map[string]bool // ids from lang's catalogue or the labels, not English
}

// Base returns the built-in language tag names, or "" when there is none
// (the text is then set with the English messages).
func Base(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	b, _ := t.Base()
	if slices.Contains(Languages, b.String()) {
		return b.String()
	}
	return ""
}

// New returns the locale of the BCP 47 tag with labels (message id →
// text) over its messages. A label for an id no message has is an error
// that suggests the nearest id; so is a label with a placeholder its
// message does not have. A tag with no built-in language gets English.
func New(tag string, labels map[string]string) (*Locale, error) {
	t, _ := language.Parse(tag)
	lang := Base(tag)
	if lang == "" {
		lang = "en"
	}
	l := &Locale{tag: t, lang: lang, msgs: map[string]message{}, own: map[string]bool{}}
	maps.Copy(l.msgs, catalog("en"))
	maps.Copy(l.msgs, catalog(lang))
	for id := range catalog(lang) {
		l.own[id] = true
	}
	for _, id := range slices.Sorted(maps.Keys(labels)) {
		if err := l.override(id, labels[id]); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// LabelError is a bad [labels] entry.
type LabelError struct {
	ID  string
	Msg string
}

func (e *LabelError) Error() string { return e.Msg }

// override sets the label id to s.
func (l *Locale) override(id, s string) error {
	en, ok := catalog("en")[id]
	if !ok {
		return &LabelError{id, fmt.Sprintf("labels: unknown message %q%s", id, diag.Suggest(id, IDs()))}
	}
	var m message
	switch {
	case en.list != nil:
		parts := strings.Split(s, ",")
		if len(parts) != len(en.list) {
			return &LabelError{id, fmt.Sprintf("labels.%s: got %d comma-separated items; want %d, like %q", id, len(parts), len(en.list), strings.Join(en.list, ","))}
		}
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		m = message{list: parts}
	default:
		m = message{text: s}
	}
	if bad := placeholderDiff(en, m); bad != "" {
		return &LabelError{id, fmt.Sprintf("labels.%s: %s; the message has %s", id, bad, placeholderList(en))}
	}
	l.msgs[id] = m
	l.own[id] = true
	return nil
}

// Translated reports whether the message id is the language's own (its
// catalogue's or a label's) rather than the English fallback.
func (l *Locale) Translated(id string) bool { return l.own[id] }

func placeholderList(m message) string {
	seen := map[string]bool{}
	var out []string
	for _, s := range m.all() {
		for _, p := range Placeholders(s) {
			if !seen[p] {
				seen[p] = true
				out = append(out, "{"+p+"}")
			}
		}
	}
	if len(out) == 0 {
		return "no placeholders"
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}

// English is the English locale without labels.
func English() *Locale {
	l, _ := New("en", nil)
	return l
}

// Lang returns the built-in language the locale's messages come from.
func (l *Locale) Lang() string { return l.lang }

// Tag returns the locale's BCP 47 tag.
func (l *Locale) Tag() language.Tag { return l.tag }

// T returns the message id with its placeholders filled from args, pairs
// of a name and a value. A plural message takes its form from the value
// named "n". Numbers are formatted in the language's convention.
func (l *Locale) T(id string, args ...any) string {
	if l == nil {
		l = English()
	}
	m, ok := l.msgs[id]
	if !ok {
		// Every id the program uses is in the English catalogue, which
		// TestMessagesUsedExist checks.
		panic("i18n: no message " + id)
	}
	s := m.text
	if m.forms != nil {
		n := 0
		for i := 0; i+1 < len(args); i += 2 {
			if args[i] == "n" {
				n, _ = args[i+1].(int)
			}
		}
		s = m.forms[l.form(n)]
		if s == "" {
			s = m.forms[plural.Other]
		}
	}
	if len(args) == 0 {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		name, _ := args[i].(string)
		var v string
		switch x := args[i+1].(type) {
		case int:
			v = l.Number(x)
		case string:
			v = x
		default:
			v = fmt.Sprint(x)
		}
		pairs = append(pairs, "{"+name+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// form is the CLDR plural category of the integer n in the language.
func (l *Locale) form(n int) plural.Form {
	t := language.Make(l.lang)
	if n < 0 {
		n = -n
	}
	return plural.Cardinal.MatchPlural(t, n, 0, 0, 0, 0)
}

// List returns the list message id (month names and the like).
func (l *Locale) List(id string) []string {
	if l == nil {
		l = English()
	}
	m, ok := l.msgs[id]
	if !ok || m.list == nil {
		panic("i18n: no list message " + id)
	}
	return m.list
}

// Has reports whether id is a message.
func Has(id string) bool {
	_, ok := catalog("en")[id]
	return ok
}

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
