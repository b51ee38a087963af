package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/briefing-pdf/briefing/data"
)

// configSeeds are the repository's configs: the built-in one, the test
// fixtures', the examples', the starter's and those in the command's
// test scripts.
func configSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	for _, name := range []string{"../config.toml", "../report/testdata/mini/config.toml", "../docs/examples/config.toml", "../cmd/briefing/starter/config.toml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	scripts, err := filepath.Glob("../cmd/briefing/testdata/script/*.txtar")
	if err != nil {
		tb.Fatal(err)
	}
	for _, s := range scripts {
		a, err := txtar.ParseFile(s)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, "config.toml") {
				seeds = append(seeds, f.Data)
			}
		}
	}
	return seeds
}

// FuzzLoadConfig checks that no config file makes Load panic or
// hang, that it returns either a config or a non-empty Errors value, that
// every error names the file and a line and column inside it, and that a
// config it accepts passes the checks Build makes.
func FuzzLoadConfig(f *testing.F) {
	for _, s := range configSeeds(f) {
		f.Add(s)
	}
	f.Add([]byte("data = \"d.toml\"\noutput = 5\n[page]\nmargins = { top = nan, lefft = 1e9 }\n[fonts]\nbody_size = inf\n"))
	f.Add([]byte("data = [\"d.toml\"]\nlanguage = \"en_US\"\n[header]\nleft = \"{nope} {title\"\n[colors.parties]\n\"A.b\" = \"#000000\"\n"))
	f.Add([]byte("data = [\"d.toml\"]\npage.margins.top = 400\npage.size = \"a5\"\nfonts.files.serif = \"/x.ttf\"\n[[timeline]]\n"))
	f.Add([]byte("data = [[\"d.toml\"], {a = 1}]\nblocks = [\"sources\", \"cover\", \"cover\"]\n[frequency]\ntop = 9223372036854775807\n"))
	f.Add([]byte(strings.Repeat("[", 70) + "\n" + strings.Repeat("a.", 100) + "b = 1\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{"conf/config.toml": {Data: src}}
		c, err := Load(fsys, "conf/config.toml")
		if (c == nil) == (err == nil) {
			t.Fatalf("config %v and error %v", c != nil, err)
		}
		if err != nil {
			var es data.Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error %T %v", err, err)
			}
			lines := strings.Count(string(src), "\n") + 1
			for _, e := range es {
				if e.File != "conf/config.toml" || e.Line < 1 || e.Line > lines || e.Col < 1 || e.Msg == "" {
					t.Fatalf("error without a position in the file: %+v (input has %d lines)", e, lines)
				}
			}
			return
		}
		if errs := c.Check(); len(errs) > 0 {
			t.Fatalf("a loaded config fails Build's check: %v", errs)
		}
		for _, r := range numberRules {
			if v := c.field(r.key); v.CanFloat() && v.Float() != v.Float() {
				t.Fatalf("%s is NaN", r.key)
			}
		}
	})
}

// The seeds load: the repository's own configs are valid.
func TestConfigSeedsLoad(t *testing.T) {
	seeds := configSeeds(t)
	if len(seeds) < 6 {
		t.Fatalf("only %d seed configs", len(seeds))
	}
	for i, s := range seeds {
		if _, err := Load(fstest.MapFS{"conf/config.toml": {Data: s}}, "conf/config.toml"); err != nil {
			t.Errorf("seed %d:\n%s\n%v", i, s, err)
		}
	}
}

func BenchmarkLoadConfig(b *testing.B) {
	src, err := os.ReadFile("../config.toml")
	if err != nil {
		b.Fatal(err)
	}
	fsys := fstest.MapFS{"conf/config.toml": {Data: src}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(fsys, "conf/config.toml"); err != nil {
			b.Fatal(err)
		}
	}
}
