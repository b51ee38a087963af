package synth

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/report"
)

func load(t testing.TB, files map[string][]byte) (*report.Config, *data.Briefing, fstest.MapFS) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, b := range files {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	cfg, err := report.LoadConfig(fsys, "config.toml")
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	b, err := data.Load(fsys, cfg.Data)
	if err != nil {
		t.Fatalf("data: %v", err)
	}
	return cfg, b, fsys
}

// wordCount counts the words of s: the fields with a letter in them.
func wordCount(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

func TestGenerateLoads(t *testing.T) {
	for _, n := range []int{0, 1, 7, 100, 1000} {
		src := Generate(n, 1)
		b, err := data.LoadBytes("synth.toml", src)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if len(b.Events) != n {
			t.Errorf("n=%d: %d events", n, len(b.Events))
		}
		if got, want := len(b.Actors), actorCount(n); got != want {
			t.Errorf("n=%d: %d actors, want %d", n, got, want)
		}
		if got, want := len(b.Sources), sourceCount(n); got != want {
			t.Errorf("n=%d: %d sources, want %d", n, got, want)
		}
		if got := len(b.Sections); got < 5 || got > 20 {
			t.Errorf("n=%d: %d sections", n, got)
		}
		if len(b.Parties) != 10 {
			t.Errorf("n=%d: %d parties", n, len(b.Parties))
		}
		for _, p := range b.Parties {
			if !p.Color.Set {
				t.Errorf("party %s has no colour", p.ID)
			}
		}
		if b.Meta.Summary == "" || len(data.Citations(b.Meta.Summary)) == 0 && n > 0 {
			t.Errorf("n=%d: summary %q", n, b.Meta.Summary)
		}
	}
}

// The proportions that make the data realistic.
func TestProportions(t *testing.T) {
	const n = 2000
	b, err := data.LoadBytes("synth.toml", Generate(n, 7))
	if err != nil {
		t.Fatal(err)
	}
	var quotes, keys, ranges, month, year, cited int
	tracks := map[string]bool{}
	kinds := map[string]bool{}
	for _, e := range b.Events {
		if w := wordCount(e.Title); w < 4 || w > 10 {
			t.Errorf("%s: title of %d words: %q", e.ID, w, e.Title)
		}
		if w := wordCount(e.Summary); w < 20 || w > 80 {
			t.Errorf("%s: summary of %d words: %q", e.ID, w, e.Summary)
		}
		if len(e.Quotes) > 0 {
			quotes++
		}
		if e.Key {
			keys++
		}
		if !e.End.IsZero() {
			ranges++
		}
		switch e.Precision {
		case data.Month:
			month++
		case data.Year:
			year++
		}
		if len(data.Citations(e.Summary)) > 0 {
			cited++
		}
		tracks[e.Track] = true
		kinds[e.Kind] = true
	}
	delete(tracks, "")
	if len(tracks) < 5 || len(tracks) > 8 {
		t.Errorf("%d tracks", len(tracks))
	}
	if len(kinds) < 5 {
		t.Errorf("%d kinds", len(kinds))
	}
	for _, c := range []struct {
		what     string
		got      int
		min, max int
	}{
		{"quotes", quotes, n / 20, n / 7},
		{"key events", keys, 8, n / 50},
		{"ranges", ranges, n / 20, n / 4},
		{"month precision", month, n / 20, n / 5},
		{"year precision", year, n / 50, n / 10},
		{"citing summaries", cited, n / 20, n / 5},
	} {
		if c.got < c.min || c.got > c.max {
			t.Errorf("%s: %d, want %d..%d", c.what, c.got, c.min, c.max)
		}
	}
	// Some of the Unicode the report must set.
	all := string(Generate(n, 7))
	for _, r := range "əğİşü’“”–—" {
		if !strings.ContainsRune(all, r) {
			t.Errorf("no %q in the generated text", r)
		}
	}
	// Actor frequency has a long tail.
	freq := b.ActorFrequency()
	if len(freq) < 2 || freq[0].Events < 5*freq[len(freq)/2].Events {
		t.Errorf("actor frequency without a long tail: top %d, median %d", freq[0].Events, freq[len(freq)/2].Events)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := Generate(300, 42), Generate(300, 42)
	if !bytes.Equal(a, b) {
		t.Fatal("same seed, different output")
	}
	if bytes.Equal(a, Generate(300, 43)) {
		t.Fatal("different seeds, same output")
	}
}

// Files splits the events over files of at most MaxFileEvents, and the
// config names them all.
func TestFilesSplit(t *testing.T) {
	if testing.Short() {
		t.Skip("loads more than 10,000 events")
	}
	n := MaxFileEvents + 5
	files := Files(n, 3)
	if len(files) != 4 || files["data/events-02.toml"] == nil {
		t.Fatalf("files: %v", sortedKeys(files))
	}
	_, b, _ := load(t, files)
	if len(b.Events) != n || b.Events[n-1].ID != "ev-10005" {
		t.Fatalf("%d events", len(b.Events))
	}
}

func TestBuild(t *testing.T) {
	for _, n := range []int{0, 60} {
		cfg, b, fsys := load(t, Files(n, 5))
		res, err := report.Build(b, cfg, fsys, report.Options{})
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if !bytes.HasPrefix(res.PDF, []byte("%PDF-")) {
			t.Fatalf("n=%d: not a PDF", n)
		}
	}
}

func TestQuoted(t *testing.T) {
	for in, want := range map[string]string{
		`a "b" \c`: `"a \"b\" \\c"`,
		"x\ny\tz":  `"x\ny\tz"`,
		"\x01ə":    `"\u0001ə"`,
	} {
		if got := quoted(in); got != want {
			t.Errorf("quoted(%q) = %s, want %s", in, got, want)
		}
	}
	if got := multiline("a\n\"\"\"b"); got != "\"\"\"\na\n\\\"\\\"\\\"b\"\"\"" {
		t.Errorf("multiline: %s", got)
	}
}
