package data

import (
	"encoding"
	"strings"
	"testing"
)

func TestValueTypes(t *testing.T) {
	type tc struct {
		in   string
		ok   bool
		want string // String() after a successful decode
	}
	run := func(name string, newV func() interface {
		encoding.TextUnmarshaler
		String() string
	}, cases []tc) {
		for _, c := range cases {
			v := newV()
			err := v.UnmarshalText([]byte(c.in))
			if (err == nil) != c.ok {
				t.Errorf("%s %q: error %v, want ok=%v", name, c.in, err, c.ok)
				continue
			}
			if err == nil && v.String() != c.want {
				t.Errorf("%s %q: %q, want %q", name, c.in, v.String(), c.want)
			}
		}
	}
	run("ID", func() interface {
		encoding.TextUnmarshaler
		String() string
	} {
		return new(ID)
	}, []tc{
		{"a", true, "a"}, {"2020-war", true, "2020-war"}, {"munich-2023", true, "munich-2023"},
		{"", false, ""}, {"-a", false, ""}, {"A", false, ""}, {"a_b", false, ""}, {"a b", false, ""}, {"é", false, ""}, {"a.", false, ""},
	})
	run("URL", func() interface {
		encoding.TextUnmarshaler
		String() string
	} {
		return new(URL)
	}, []tc{
		{"https://www.state.gov/x?y=1#z", true, "https://www.state.gov/x?y=1#z"},
		{"http://example.org", true, "http://example.org"},
		{"HTTPS://EXAMPLE.ORG/", true, "HTTPS://EXAMPLE.ORG/"},
		{"www.example.org", false, ""}, {"ftp://example.org", false, ""}, {"https://", false, ""},
		{"https:///path", false, ""}, {"javascript:alert(1)", false, ""}, {"https://a b.org", false, ""},
		{"", false, ""}, {"https://:80/", false, ""}, {"mailto:a@b.org", false, ""},
	})
	run("Color", func() interface {
		encoding.TextUnmarshaler
		String() string
	} {
		return new(Color)
	}, []tc{
		{"#1f4e79", true, "#1f4e79"}, {"#1F4E79", true, "#1f4e79"}, {"#000000", true, "#000000"},
		{"1f4e79", false, ""}, {"#1f4e7", false, ""}, {"#1f4e79a", false, ""}, {"#gggggg", false, ""}, {"", false, ""}, {"red", false, ""},
	})
	run("Precision", func() interface {
		encoding.TextUnmarshaler
		String() string
	} {
		return new(Precision)
	}, []tc{
		{"day", true, "day"}, {"month", true, "month"}, {"year", true, "year"},
		{"Day", false, ""}, {"days", false, ""}, {"", false, ""},
	})
}

func TestValueMarshal(t *testing.T) {
	c := Color{R: 0x1f, G: 0x4e, B: 0x79, Set: true}
	if b, err := c.MarshalText(); err != nil || string(b) != "#1f4e79" {
		t.Errorf("Color.MarshalText: %q %v", b, err)
	}
	if _, err := (Color{}).MarshalText(); err == nil {
		t.Error("unset Color marshals")
	}
	if (Color{}).String() != "" {
		t.Error("unset Color has a string")
	}
	for _, p := range []Precision{Day, Month, Year} {
		b, err := p.MarshalText()
		var q Precision
		if err != nil || q.UnmarshalText(b) != nil || q != p {
			t.Errorf("Precision %v does not round-trip", p)
		}
	}
	if _, err := Precision(7).MarshalText(); err == nil || Precision(7).String() != "Precision(7)" {
		t.Error("invalid Precision")
	}
	if b, _ := ID("a-1").MarshalText(); string(b) != "a-1" {
		t.Error("ID.MarshalText")
	}
	if b, _ := URL("https://x.org").MarshalText(); string(b) != "https://x.org" {
		t.Error("URL.MarshalText")
	}
}

func TestQuoteShort(t *testing.T) {
	long := strings.Repeat("é", 100)
	got := quoteShort(long)
	if !strings.HasSuffix(got, `"…`) || len(got) > 70 || strings.ContainsRune(got, '\uFFFD') || strings.Contains(got, `\x`) {
		t.Errorf("quoteShort: %s", got)
	}
	if quoteShort("ab") != `"ab"` {
		t.Error("short string changed")
	}
}
