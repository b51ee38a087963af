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
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/briefing-pdf/briefing/internal/diag"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

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
	// Each {name} of the message is replaced by its value, as a
	// strings.Replacer would (the first pair of a name wins, replaced
	// text is not looked at again), without building one per call: a
	// 1,000-event briefing asks for some 30,000 messages.
	value := func(name string) (string, bool) {
		for i := 0; i+1 < len(args); i += 2 {
			if n, _ := args[i].(string); n == name {
				switch x := args[i+1].(type) {
				case int:
					return l.Number(x), true
				case string:
					return x, true
				default:
					return fmt.Sprint(x), true
				}
			}
		}
		return "", false
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		if v, ok := value(s[i+1 : i+j]); ok {
			b.WriteString(s[:i])
			b.WriteString(v)
			s = s[i+j+1:]
			continue
		}
		b.WriteString(s[:i+1])
		s = s[i+1:]
	}
	if b.Len() == 0 {
		return s
	}
	b.WriteString(s)
	return b.String()
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
