package report

import (
	"io/fs"
	"slices"
	"sync"
	"testing"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
)

// recordFS records the names of the files opened in it.
type recordFS struct {
	fs.FS
	mu     sync.Mutex
	opened []string
}

func (r *recordFS) Open(name string) (fs.File, error) {
	r.mu.Lock()
	r.opened = append(r.opened, name)
	r.mu.Unlock()
	return r.FS.Open(name)
}

// Build's Result.Inputs are exactly the files the config, the data and
// the build read: a server snapshots, and a watcher watches, these.
func TestResultInputsAreTheFilesRead(t *testing.T) {
	patterns := "\\patterns{a1b b1c}\n"
	mini := miniFS(t, "data = [\"data.toml\"]\n[fonts.files]\nserif = \"f.ttf\"\n[cover]\nlogo = \"logo.png\"\n[hyphenation]\npatterns = \"hyph.tex\"\n",
		map[string][]byte{"b/f.ttf": ttf(t, fonts.Serif), "b/logo.png": encodePNG(t, testLogo()), "b/hyph.tex": []byte(patterns)})
	for _, c := range []struct {
		name, config string
		fsys         fs.FS
		want         []string // some of the inputs, at least
	}{
		{"built-in", "config.toml", briefing.Builtin, []string{"config.toml", "data/sources/us-main-mediator-2023.txt"}},
		{"mini with fonts, logo and patterns", "b/config.toml", mini, []string{"b/config.toml", "b/data.toml", "b/f.ttf", "b/logo.png", "b/hyph.tex"}},
	} {
		rec := &recordFS{FS: c.fsys}
		cfg, err := LoadConfig(rec, c.config)
		if err != nil {
			t.Fatal(err)
		}
		b, err := data.Load(rec, cfg.Data)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Build(b, cfg, rec, Options{})
		if err != nil {
			t.Fatal(err)
		}
		opened := slices.Compact(slices.Sorted(slices.Values(rec.opened)))
		got := slices.Sorted(slices.Values(res.Inputs))
		if !slices.Equal(got, opened) {
			t.Errorf("%s: Inputs %q; the build opened %q", c.name, got, opened)
		}
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: Inputs lack %s", c.name, w)
			}
		}
		if n := readPDF(t, res.PDF).pages(); res.Pages != n {
			t.Errorf("%s: Result.Pages %d, the PDF has %d", c.name, res.Pages, n)
		}
		if len(res.Figures) == 0 {
			t.Errorf("%s: no figures", c.name)
		}
	}
}
