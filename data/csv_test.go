package data

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// acledFS is the ACLED-style fixture: 200 event rows with dates in four
// formats, quoted cells holding commas and line breaks, a date that is no
// date in row 57 and an unknown actor in row 120; an actor list as CSV;
// the [briefing] and the sources in TOML.
func acledFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range []string{"events.csv", "actors.csv", "briefing.toml", "mapping.toml"} {
		b, err := os.ReadFile("testdata/acled/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: b}
	}
	return fsys
}

func acledImports(t *testing.T, fsys fstest.MapFS) []Import {
	t.Helper()
	raw, pos, perr := ParseTOML("mapping.toml", fsys["mapping.toml"].Data)
	if perr != nil {
		t.Fatal(perr)
	}
	ims, errs := DecodeImports("mapping.toml", raw["import"], pos.Key("import"))
	if errs != nil {
		t.Fatal(errs)
	}
	return ims
}

var acledFiles = []string{"briefing.toml", "actors.csv", "events.csv"}

func TestCSVImportErrors(t *testing.T) {
	fsys := acledFS(t)
	_, err := LoadWith(fsys, acledFiles, Options{Imports: acledImports(t, fsys)})
	es, ok := err.(Errors)
	if !ok {
		t.Fatalf("got %v; want Errors", err)
	}
	want := []string{
		`events.csv:68:10: row 57 "syr10056", column "event_date": date: "31/02/2023" matches none of the date formats "YYYY-MM-DD", "D Month YYYY", "DD/MM/YYYY", "Month YYYY"`,
		`events.csv:143:47: row 120 "syr10119", column "actor1": unknown actor "syrian-democratic-force" (did you mean "syrian-democratic-forces"?)`,
	}
	if len(es) != len(want) {
		t.Fatalf("got %d errors:\n%v\nwant:\n%s", len(es), es, strings.Join(want, "\n"))
	}
	for i, e := range es {
		if e.Error() != want[i] {
			t.Errorf("error %d:\ngot  %s\nwant %s", i, e, want[i])
		}
	}
}

func TestCSVImportEvents(t *testing.T) {
	fsys := acledFS(t)
	src := string(fsys["events.csv"].Data)
	src = strings.Replace(src, "SYR10056,31/02/2023,", "SYR10056,28/02/2023,", 1)
	src = strings.Replace(src, ",Syrian Democratic Force,", ",Syrian Democratic Forces,", 1)
	fsys["events.csv"] = &fstest.MapFile{Data: []byte(src)}
	b, err := LoadWith(fsys, acledFiles, Options{Imports: acledImports(t, fsys)})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Events) != 200 || len(b.Actors) != 7 {
		t.Fatalf("got %d events, %d actors; want 200, 7", len(b.Events), len(b.Actors))
	}
	day := func(s string) time.Time {
		d, _ := time.Parse("2006-01-02", s)
		return d
	}
	// One row of each date format, the fixed ones, a row whose notes
	// hold a line break and a quoted quotation.
	for _, c := range []struct {
		index               int
		id, date, precision string
		actors              string
		location, sources   string
	}{
		{0, "syr10001", "2023-02-08", "day", "hayat-tahrir-al-sham civilians-syria", "Aleppo, Aleppo", "syrian-observatory-for-human-rights al-jazeera"},
		{1, "syr10002", "2023-03-15", "day", "syrian-democratic-forces military-forces-of-syria-2000", "Ar-Raqqa, Ar-Raqqa", "al-jazeera"},
		{2, "syr10003", "2023-04-01", "month", "islamic-state-syria", "Deir-ez-Zor, Deir ez-Zor", "sana reuters"},
		{3, "syr10004", "2023-05-01", "day", "civilians-syria turkiye-armed-forces", "Dar'a, Daraa", "reuters"},
		{55, "syr10056", "2023-02-28", "day", "military-forces-of-syria-2000 hayat-tahrir-al-sham", "Aleppo, Aleppo", "reuters"},
		{118, "syr10119", "2023-12-01", "month", "syrian-democratic-forces hayat-tahrir-al-sham", "Dar'a, Daraa", "sana reuters"},
	} {
		e := b.Events[c.index]
		var actors, sources []string
		for _, a := range e.Actors {
			actors = append(actors, string(a))
		}
		for _, s := range e.Sources {
			sources = append(sources, string(s))
		}
		if string(e.ID) != c.id || !e.Date.Equal(day(c.date)) || e.Precision.String() != c.precision ||
			strings.Join(actors, " ") != c.actors || e.Location != c.location || strings.Join(sources, " ") != c.sources {
			t.Errorf("events[%d] = %s %s %s %v %q %v; want %s %s %s %s %q %s", c.index,
				e.ID, e.Date.Format("2006-01-02"), e.Precision, actors, e.Location, sources,
				c.id, c.date, c.precision, c.actors, c.location, c.sources)
		}
	}
	e := b.Events[4] // row 6: notes with a line break and quotes
	wantSummary := "On 8 June 2023, Protesters (Syria) clashed near Idlib, Idlib.\nA second paragraph: casualties unknown, reports \"unconfirmed\"."
	if e.Summary != wantSummary || e.Title != strings.ReplaceAll(wantSummary, "\n", " ") {
		t.Errorf("row 6: title %q, summary %q; want the notes, on one line in the title", e.Title, e.Summary)
	}
	if e.Pos != (Pos{File: "events.csv", Line: 6, Col: 1}) {
		t.Errorf("row 6 is at %v; want events.csv:6:1", e.Pos)
	}
	if a := b.Actors[6]; a.ID != "turkiye-armed-forces" || a.Name != "Türkiye Armed Forces" || a.Role != "State forces (external)" {
		t.Errorf("actors[6] = %+v", a)
	}
}
