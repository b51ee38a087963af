package data

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// The TOML that import writes loads to the same entries as the CSV it
// came from.
func TestImportRoundTrip(t *testing.T) {
	fsys := acledFS(t)
	src := string(fsys["events.csv"].Data)
	src = strings.Replace(src, "SYR10056,31/02/2023,", "SYR10056,28/02/2023,", 1)
	src = strings.Replace(src, ",Syrian Democratic Force,", ",Syrian Democratic Forces,", 1)
	fsys["events.csv"] = &fstest.MapFile{Data: []byte(src)}
	ims := acledImports(t, fsys)
	fromCSV, err := LoadWith(fsys, acledFiles, Options{Imports: ims})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ImportCSV("events.csv", []byte(src), ims[0])
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := got.WriteTOML(&buf); err != nil {
		t.Fatal(err)
	}
	fsys["events.toml"] = &fstest.MapFile{Data: buf.Bytes()}
	fromTOML, err := LoadWith(fsys, []string{"briefing.toml", "actors.csv", "events.toml"}, Options{Imports: ims})
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes()[:500])
	}
	if len(fromTOML.Events) != 200 {
		t.Fatalf("got %d events", len(fromTOML.Events))
	}
	for i := range fromCSV.Events {
		a, b := fromCSV.Events[i], fromTOML.Events[i]
		a.Pos, b.Pos = Pos{}, Pos{}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("events[%d]:\nCSV  %+v\nTOML %+v", i, a, b)
		}
	}
}

func TestCSVProblems(t *testing.T) {
	mapping := `
[[import]]
file = "e.csv"
into = "events"
date_formats = ["DD.MM.YYYY"]
[import.columns]
date = "Date"
title = "What"
actors = "Who"
key = "Key"
`
	for _, c := range []struct{ name, csv, want string }{
		{"ok", "Date,What,Who,Key\n01.02.2023,Talks,a,yes\n", ""},
		{"bom and semicolons kept in cells", "\xef\xbb\xbfDate,What,Who,Key\n01.02.2023,\"Talks; more\",a,\n", ""},
		{"empty file", "", "e.csv: empty file: want a header row naming the columns, then one row per entry"},
		{"short row", "Date,What,Who,Key\n01.02.2023,Talks\n", "e.csv:2:1: row 2: has 2 cells; the header has 4"},
		{"empty title", "Date,What,Who,Key\n01.02.2023,,a,\n", `e.csv:2:12: row 2 "e-2", column "What": title: must not be empty`},
		{"bad key", "Date,What,Who,Key\n01.02.2023,Talks,a,maybe\n", `e.csv:2:20: row 2 "e-2", column "Key": key: got string "maybe"; want true or false`},
		{"bare quote", "Date,What,Who,Key\n01.02.2023,Say \"no\",a,\n", `e.csv:2:16: a " inside a cell that is not in quotes; quote the cell and double the " ("say ""no""")`},
		{"not utf-8", "Date,What,Who,Key\n01.02.2023,Caf\xe9,a,\n", `e.csv:2:15: not UTF-8 text; save the sheet as "CSV UTF-8"`},
		{"missing column", "Date,Title,Who,Key\n", `m.toml:8:1: import[0] columns: title: no column "What" in e.csv`},
		{"twice in header", "Date,What,Who,Who,Key\n", `e.csv:1:15: row 1: column "Who" appears twice in the header (first as column 3); rename one`},
		{"bad date", "Date,What,Who,Key\n2023-02-01,Talks,a,\n", `e.csv:2:1: row 2, column "Date": date: "2023-02-01" matches none of the date formats "DD.MM.YYYY"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			ims, err := LoadImports("m.toml", []byte(mapping))
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{
				"e.csv":  {Data: []byte(c.csv)},
				"b.toml": {Data: []byte("[briefing]\ntitle = \"T\"\ndate = 2024-01-01\n[[actors]]\nid = \"a\"\nname = \"A\"\n")},
			}
			_, err = LoadWith(fsys, []string{"b.toml", "e.csv"}, Options{Imports: ims})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestImportMappingProblems(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{`[[import]]
file = "e.csv"
into = "event"
columns = { date = "d" }`, `m.toml:3:1: import[0]: into: got "event"; want "events", "actors" or "sources" (did you mean "events"?)`},
		{`[[import]]
file = "e.csv"
into = "events"
columns = { date = "d", titl = "t" }`, "m.toml:4:1: import[0] columns: no column for \"title\"; events need \"date\" and \"title\"\nm.toml:4:25: import[0] columns: unknown key \"titl\" (did you mean \"title\"?)"},
		{`[[import]]
file = "e.txt"
into = "actors"
date_formats = ["YYYY-DD", "DD/MM/YY"]
precision = "day"
delimiter = ";;"
columns = { name = 3 }`, strings.Join([]string{
			`m.toml:2:1: import[0]: file: "e.txt" is not a .csv file`,
			`m.toml:4:17: import[0]: date_formats[0]: "YYYY-DD" has a day but no month`,
			`m.toml:4:28: import[0]: date_formats[1]: "DD/MM/YY": unknown part "Y"; a format is made of YYYY, MM, M, Month, Mon, DD, D and punctuation`,
			`m.toml:5:1: import[0]: precision: the precision of a date written without its day: "month" or "year"`,
			`m.toml:6:1: import[0]: delimiter: got string ";;"; want one character, like "," or ";" or "\t"`,
			`m.toml:7:13: import[0] columns: name: got integer 3; want a column name, or an array of them like ["actor1", "actor2"]`,
		}, "\n")},
	} {
		_, err := LoadImports("m.toml", []byte(c.src))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s\ngot  %v\nwant %s", c.src, err, c.want)
		}
	}
}

func TestJSONDataFile(t *testing.T) {
	src := `{
  "briefing": {"title": "T", "date": "2024-01-15"}, "$schema": "../docs/schema/data.schema.json",
  "actors": [{"id": "a", "name": "A"}],
  "events": [
    {"id": "e1", "date": "2023-05-01", "title": "One", "actors": ["a"]},
    {"id": "e2", "date": "2023-05", "title": "Two", "actors": ["b"], "key": 1}
  ]
}`
	_, err := LoadWith(fstest.MapFS{"d.json": {Data: []byte(src)}}, []string{"d.json"}, Options{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, w := range []string{`d.json:6:18: events[1] "e2": date: got string "2023-05"; want a date like 2023-05-01`,
		`d.json:6:70: events[1] "e2": key: got integer 1; want true or false`,
		`d.json:6:64: events[1] "e2": unknown actor "b" (did you mean "a"?)`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("got\n%v\nwant a line %s", err, w)
		}
	}
	ok := strings.Replace(strings.Replace(strings.Replace(src, `"2023-05"`, `"2023-05-02"`, 1), `, "key": 1`, `, "key": true`, 1), `["b"]`, `["a"]`, 1)
	b, err := LoadWith(fstest.MapFS{"d.json": {Data: []byte(ok)}}, []string{"d.json"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Events) != 2 || !b.Events[1].Key || b.Events[1].Date.Format("2006-01-02") != "2023-05-02" || b.Events[1].Pos.Line != 6 {
		t.Errorf("got %+v", b.Events)
	}
	for _, c := range []struct{ src, want string }{
		{`{"briefing": {"title": "T", "title": "U"}}`, `d.json:1:29: key "title" appears twice in this object`},
		{`{"briefing": null}`, `d.json:1:14: null is not a value of the data format; leave the key out`},
		{`{"briefing": {"title": "T",}}`, `d.json:1:`},
		{`[1]`, `d.json:1:1: got array; want an object`},
	} {
		_, err := LoadWith(fstest.MapFS{"d.json": {Data: []byte(c.src)}}, []string{"d.json"}, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: got %v; want %s…", c.src, err, c.want)
		}
	}
}

func TestParseDateFormat(t *testing.T) {
	for _, c := range []struct{ format, in, want, prec string }{
		{"YYYY-MM-DD", "2023-05-01", "2023-05-01", "day"},
		{"D Month YYYY", "1 May 2023", "2023-05-01", "day"},
		{"DD/MM/YYYY", "01/05/2023", "2023-05-01", "day"},
		{"M/D/YYYY", "5/1/2023", "2023-05-01", "day"},
		{"Mon YYYY", "May 2023", "2023-05-01", "month"},
		{"YYYY", "2023", "2023-01-01", "year"},
	} {
		l, err := parseDateFormat(c.format)
		if err != nil {
			t.Fatal(err)
		}
		im := Import{layouts: []dateLayout{l}, Precision: Month}
		d, p, ok := im.parseDate(c.in)
		if !ok || d.Format("2006-01-02") != c.want || p.String() != c.prec {
			t.Errorf("%s %s: got %v %v %v", c.format, c.in, d, p, ok)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Military Forces of Syria (2000-)": "military-forces-of-syria-2000",
		"Türkiye Armed Forces":             "turkiye-armed-forces",
		"  --  ":                           "",
		"SYR10001":                         "syr10001",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestPlaceholdersAndOverrides(t *testing.T) {
	src := `[briefing]
title = "Brief no. {edition}"
subtitle = "Events of {period}"
date = 2024-01-15
edition = 3
period = { start = 2023-10-01, end = 2023-12-31 }

[[sections]]
id = "s"
title = "As of {date}"
body = "Covers {period}; {other} stays."
`
	fsys := fstest.MapFS{"b.toml": {Data: []byte(src)}}
	b, err := LoadWith(fsys, []string{"b.toml"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Meta.Title != "Brief no. 3" || b.Meta.Subtitle != "Events of 1 October – 31 December 2023" ||
		b.Sections[0].Title != "As of 15 January 2024" || b.Sections[0].Body != "Covers 1 October – 31 December 2023; {other} stays." {
		t.Errorf("got %q %q %q %q", b.Meta.Title, b.Meta.Subtitle, b.Sections[0].Title, b.Sections[0].Body)
	}
	on := func(k string, v any, n int) Override {
		return Override{Key: k, Value: v, File: "-set", Line: n, Col: len(k) + 2}
	}
	local := func(s string) time.Time {
		d, _ := time.ParseInLocation("2006-01-02", s, dateLocal)
		return d
	}
	b, err = LoadWith(fsys, []string{"b.toml"}, Options{Meta: []Override{
		on("edition", "4", 1), on("date", local("2024-04-15"), 2), on("period.start", local("2024-01-01"), 3), on("period.end", local("2024-03-31"), 4),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if b.Meta.Title != "Brief no. 4" || b.Meta.Subtitle != "Events of 1 January – 31 March 2024" || b.Sections[0].Title != "As of 15 April 2024" || b.Meta.Date.Format("2006-01-02") != "2024-04-15" {
		t.Errorf("overridden: got %q %q %q %v", b.Meta.Title, b.Meta.Subtitle, b.Sections[0].Title, b.Meta.Date)
	}
	_, err = LoadWith(fsys, []string{"b.toml"}, Options{Meta: []Override{on("period.end", local("2023-01-01"), 1), on("date", "2024-04-15", 2)}})
	want := "-set:1:12: [briefing] period: end 2023-01-01 is before start 2023-10-01\n" +
		"-set:2:6: date: got string \"2024-04-15\"; want a date like 2023-05-01, without quotes"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	noEdition := strings.Replace(src, "edition = 3\n", "", 1)
	_, err = LoadWith(fstest.MapFS{"b.toml": {Data: []byte(noEdition)}}, []string{"b.toml"}, Options{})
	if err == nil || err.Error() != "b.toml:1:1: [briefing] title: {edition}: the [briefing] has no edition; give edition = … or -set edition=…" {
		t.Errorf("got %v", err)
	}
}
