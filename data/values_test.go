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

// Dates have one documented range, 1000-01-01 to 9999-12-31, whatever key
// holds them and however close to Go's zero time they are: 0000-01-01 was
// accepted while 0001-01-01 was not (issue 12, item 31).
func TestDateRange(t *testing.T) {
	for _, c := range []struct {
		date string
		ok   bool
	}{
		{"0000-01-01", false},
		{"0001-01-01", false},
		{"0001-01-02", false},
		{"0999-12-31", false},
		{"1000-01-01", true},
		{"1582-10-10", true},
		{"2023-05-01", true},
		{"9999-12-31", true},
	} {
		for _, key := range []string{"date", "end"} {
			body := prefix + "[[events]]\nid = \"a\"\ndate = 1000-01-01\ntitle = \"A\"\n"
			if key == "end" {
				body += "end = " + c.date + "\n"
			} else {
				body = strings.Replace(body, "date = 1000-01-01", "date = "+c.date, 1)
			}
			_, err := LoadBytes("x.toml", []byte(body))
			if c.ok {
				if err != nil {
					t.Errorf("%s = %s: %v", key, c.date, err)
				}
				continue
			}
			want := []string{`x.toml:` + map[string]string{"date": "20", "end": "22"}[key] + `:1: events[0] "a": ` + key +
				`: date ` + c.date + ` is out of range; want a date from 1000-01-01 to 9999-12-31`}
			if got := errorLines(t, err); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s = %s:\n got %q\nwant %q", key, c.date, got, want)
			}
		}
	}
	// The publication date and a source's date follow the same rule.
	src := strings.Replace(prefix, "date = 2024-01-15", "date = 0000-01-01", 1)
	src = strings.Replace(src, "title = \"S\"\n", "title = \"S\"\ndate = 0000-06-01\n", 1)
	got := errorLines(t, func() error { _, err := LoadBytes("x.toml", []byte(src)); return err }())
	if len(got) != 2 || !strings.HasPrefix(got[0], "x.toml:3:1: [briefing]: date: date 0000-01-01 is out of range") ||
		!strings.HasPrefix(got[1], `x.toml:17:1: sources[0] "src-1": date: date 0000-06-01 is out of range`) {
		t.Errorf("errors %q", got)
	}
}
