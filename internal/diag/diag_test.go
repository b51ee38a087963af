package diag

import (
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
