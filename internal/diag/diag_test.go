package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	for _, tt := range []struct {
		e    Error
		want string
	}{
		{Error{File: "f.toml", Line: 3, Col: 7, Msg: "m"}, "f.toml:3:7: m"},
		{Error{File: "f.toml", Line: 3, Col: 0, Msg: "m"}, "f.toml:3: m"},
		{Error{File: "f.toml", Line: 0, Col: 0, Msg: "m"}, "f.toml: m"},
		{Error{File: "", Line: 0, Col: 0, Msg: "m"}, "m"},
		{Error{File: "", Line: 2, Col: 5, Msg: "m"}, "2:5: m"},
		{Error{File: "", Line: 2, Col: 0, Msg: "m"}, "2: m"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.e, got, tt.want)
		}
	}
	es := Errors{{File: "b", Line: 1, Col: 1, Msg: "x"}, {File: "a", Line: 2, Col: 1, Msg: "y"}, {File: "a", Line: 1, Col: 5, Msg: "z"}, {File: "a", Line: 0, Col: 0, Msg: "w"}}
	es.Sort()
	if got := es.Error(); got != "a: w\na:1:5: z\na:2:1: y\nb:1:1: x" {
		t.Errorf("sorted: %q", got)
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"blinken", "bayramov", "mirzoyan", "us", "eu"}
	for _, tt := range []struct{ bad, want string }{
		{"blinkn", ` (did you mean "blinken"?)`},
		{"blinekn", ` (did you mean "blinken"?)`},
		{"mirzoian", ` (did you mean "mirzoyan"?)`},
		{"ux", ` (did you mean "us"?)`},
		{"uu", ` (did you mean "eu"?)`}, // a tie goes to the first in order
		{"pashinyan", ""},
		{"", ""},
	} {
		if got := Suggest(tt.bad, cands); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.bad, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	long := strings.Repeat("é", 100)
	got := Quote(long)
	if !strings.HasSuffix(got, `"…`) || len(got) > 70 || strings.ContainsRune(got, '\uFFFD') || strings.Contains(got, `\x`) {
		t.Errorf("Quote: %s", got)
	}
	if Quote("ab") != `"ab"` {
		t.Error("short string changed")
	}
}

func TestForms(t *testing.T) {
	e := &Error{File: "d.toml", Line: 3, Col: 2, Msg: "m"}
	if got := e.Text("warning"); got != "d.toml:3:2: warning: m" {
		t.Errorf("Text: %q", got)
	}
	if got := (&Error{Msg: "m"}).Text("notice"); got != "briefing: notice: m" {
		t.Errorf("Text without a file: %q", got)
	}
	if got := e.Text(""); got != e.Error() {
		t.Errorf("Text(\"\"): %q", got)
	}
	if j := e.JSON("error"); j != (JSON{File: "d.toml", Line: 3, Col: 2, Severity: "error", Message: "m"}) {
		t.Errorf("JSON: %+v", j)
	}
	es := Errors{e, {File: "c.toml", Msg: "n"}}
	var b strings.Builder
	Print(&b, es)
	if got := b.String(); got != "d.toml:3:2: m\nc.toml: n\nbriefing: 2 errors\n" {
		t.Errorf("Print: %q", got)
	}
	b.Reset()
	Print(&b, errors.New("no config"))
	if got := b.String(); got != "briefing: no config\n" {
		t.Errorf("Print of another error: %q", got)
	}
	if got := JSONErrors(fmt.Errorf("wrapped: %w", es)); len(got) != 2 || got[1].File != "c.toml" || got[1].Severity != "" {
		t.Errorf("JSONErrors: %+v", got)
	}
	if got := Lines(errors.New("a\nb")); len(got) != 2 || got[1] != "b" {
		t.Errorf("Lines: %q", got)
	}
	if (Errors{}).Err() != nil || es.Err() == nil {
		t.Error("Err")
	}
	if p := (Pos{File: "f", Line: 2}).Errorf("x %d", 1); p.Error() != "f:2: x 1" || p.Pos() != (Pos{File: "f", Line: 2}) {
		t.Errorf("Pos.Errorf: %v", p)
	}
}
