package i18n

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"
)

// TestCatalogsComplete lists every message a built-in language lacks (it
// would print in English) or writes with placeholders English does not
// have.
func TestCatalogsComplete(t *testing.T) {
	for _, lang := range Languages {
		for _, hole := range Missing(lang) {
			t.Errorf("%s: %s", lang, hole)
		}
	}
}

func TestPluralForms(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 event"}, {"en", 2, "2 events"}, {"en", 0, "0 events"},
		{"fr", 0, "0 événement"}, {"fr", 1, "1 événement"}, {"fr", 2, "2 événements"},
		{"ru", 1, "1 событие"}, {"ru", 3, "3 события"}, {"ru", 5, "5 событий"}, {"ru", 21, "21 событие"}, {"ru", 11, "11 событий"},
		{"de", 1, "1 Ereignis"}, {"de", 2, "2 Ereignisse"},
		{"tr", 2, "2 olay"},
		{"en", 1200, "1,200 events"}, {"de", 1200, "1.200 Ereignisse"}, {"es", 1200, "1200 eventos"}, {"es", 12000, "12.000 eventos"},
	} {
		l, err := New(c.lang, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.T("cover.events", "n", c.n); got != c.want {
			t.Errorf("%s n=%d: got %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestDates(t *testing.T) {
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		lang       string
		start, end time.Time
		p          Precision
		want       string
	}{
		{"en", d(2023, 5, 1), d(2023, 5, 4), Day, "1–4 May 2023"},
		{"en", d(2023, 6, 27), d(2023, 7, 1), Day, "27 June – 1 July 2023"},
		{"en", d(2022, 12, 30), d(2023, 1, 2), Day, "30 December 2022 – 2 January 2023"},
		{"en", d(2023, 1, 1), time.Time{}, Month, "January 2023"},
		{"de", d(2023, 5, 1), d(2023, 5, 4), Day, "1.–4. Mai 2023"},
		{"de", d(2023, 5, 4), time.Time{}, Day, "4. Mai 2023"},
		{"fr", d(2023, 2, 18), time.Time{}, Day, "18 février 2023"},
		{"es", d(2023, 5, 4), time.Time{}, Day, "4 de mayo de 2023"},
		{"ru", d(2023, 5, 4), time.Time{}, Day, "4 мая 2023 г."},
		{"ru", d(2023, 5, 1), time.Time{}, Month, "май 2023 г."},
		{"tr", d(2023, 5, 4), time.Time{}, Day, "4 Mayıs 2023"},
		{"az", d(2023, 5, 4), time.Time{}, Day, "4 may 2023"},
		{"hy", d(2023, 5, 4), time.Time{}, Day, "4 մայիսի, 2023 թ."},
		{"en", d(2021, 1, 1), d(2023, 1, 1), Year, "2021–2023"},
	} {
		l, _ := New(c.lang, nil)
		if got := l.Range(c.start, c.end, c.p); got != c.want {
			t.Errorf("%s: got %q, want %q", c.lang, got, c.want)
		}
	}
	en := English()
	if got := en.Interval(d(2023, 9, 19), d(2023, 11, 20)); got != "between 19 September and 20 November 2023" {
		t.Errorf("interval: %q", got)
	}
	if got := en.Interval(d(2023, 9, 1), d(2023, 10, 31)); got != "September – October 2023" {
		t.Errorf("interval: %q", got)
	}
}

func TestLabels(t *testing.T) {
	l, err := New("de", map[string]string{"heading.contents": "Inhaltsübersicht", "cover.events": "{n} Vorgänge"})
	if err != nil {
		t.Fatal(err)
	}
	if got := l.T("heading.contents"); got != "Inhaltsübersicht" {
		t.Errorf("got %q", got)
	}
	if got := l.T("cover.events", "n", 3); got != "3 Vorgänge" {
		t.Errorf("got %q", got)
	}
	if _, err := New("de", map[string]string{"heading.contens": "x"}); err == nil || err.Error() != `labels: unknown message "heading.contens" (did you mean "heading.contents"?)` {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := New("en", map[string]string{"running.page": "{page}/{total}"}); err == nil {
		t.Error("an unknown placeholder is accepted")
	}
	if _, err := New("en", map[string]string{"date.months_short": "a,b"}); err == nil {
		t.Error("a month list of two is accepted")
	}
}

func TestNumberAndCapital(t *testing.T) {
	fr, _ := New("fr-CA", nil)
	if got := fr.Number(1234567); got != "1\u202f234\u202f567" {
		t.Errorf("fr: %q", got)
	}
	tr, _ := New("tr", nil)
	if got := tr.Capital("istanbul"); got != "İstanbul" {
		t.Errorf("tr: %q", got)
	}
	if New("xx-unknown", nil); Base("pt-BR") != "" || Base("de-AT") != "de" {
		t.Error("Base")
	}
}

// TestPlaceholders checks T's substitution against strings.Replacer, which
// it replaced: every {name} of the message, the first value of a name,
// ints as numbers, braces that are no placeholder left alone, replaced
// text not looked at again.
func TestPlaceholders(t *testing.T) {
	en := *English()
	l := &en
	l.msgs = maps.Clone(l.msgs)
	for _, tc := range []struct {
		text string
		args []any
	}{
		{"{n} events from {from} to {to}", []any{"n", 12000, "from", "May", "to", "June"}},
		{"{a}{a} {b", []any{"a", "x"}},
		{"{a{b}} {} {c}", []any{"b", "{a}", "a", "no"}},
		{"no placeholders", []any{"a", "x"}},
		{"{x} and {x}", []any{"x", "", "x", "second"}},
		{"{v}", []any{"v", 3.5}},
	} {
		pairs := []string{}
		for i := 0; i+1 < len(tc.args); i += 2 {
			v := fmt.Sprint(tc.args[i+1])
			if n, ok := tc.args[i+1].(int); ok {
				v = l.Number(n)
			}
			pairs = append(pairs, "{"+tc.args[i].(string)+"}", v)
		}
		want := strings.NewReplacer(pairs...).Replace(tc.text)
		l.msgs["test.placeholders"] = message{text: tc.text}
		if got := l.T("test.placeholders", tc.args...); got != want {
			t.Errorf("%q %v: %q, want %q", tc.text, tc.args, got, want)
		}
	}
}
