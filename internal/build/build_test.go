package build

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationserifregular"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/report"
)

// recordFS records the name of every file opened in it. It has Open
// only, so that nothing is read around it.
type recordFS struct {
	fsys   fs.FS
	mu     sync.Mutex
	opened map[string]bool
}

func (r *recordFS) Open(name string) (fs.File, error) {
	r.mu.Lock()
	r.opened[name] = true
	r.mu.Unlock()
	return r.fsys.Open(name)
}

func (r *recordFS) names() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for n := range r.opened {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// everyResource is the built-in briefing (whose data names a source text)
// with a config that names every kind of file a config can: two fonts, a
// logo and hyphenation patterns; and a section with an image.
func everyResource(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(briefing.Builtin, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(briefing.Builtin, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := string(m["config.toml"].Data)
	for old, repl := range map[string]string{
		"[fonts.files]\n": "[fonts.files]\nserif = \"fonts/serif.ttf\"\nsans-bold = \"fonts/sans-bold.ttf\"\n",
		"logo = \"\"":     "logo = \"img/logo.png\"",
		"patterns = \"\"": "patterns = \"hyph/en.tex\"",
	} {
		if !strings.Contains(cfg, old) {
			t.Fatalf("the built-in config lacks %q", old)
		}
		cfg = strings.Replace(cfg, old, repl, 1)
	}
	m["config.toml"].Data = []byte(cfg)
	m["fonts/serif.ttf"] = &fstest.MapFile{Data: liberationserifregular.TTF}
	m["fonts/sans-bold.ttf"] = &fstest.MapFile{Data: liberationsansbold.TTF}
	img := image.NewRGBA(image.Rect(0, 0, 4, 2))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	m["img/logo.png"] = &fstest.MapFile{Data: logo.Bytes()}
	m["img/dot.png"] = &fstest.MapFile{Data: logo.Bytes()}
	const dataFile = "data/us-mediation-2023.toml"
	body := "id    = \"background\"\ntitle = \"Background\"\nbody  = \"\"\"\n"
	src := string(m[dataFile].Data)
	if !strings.Contains(src, body) {
		t.Fatalf("the built-in data lacks %q", body)
	}
	m[dataFile].Data = []byte(strings.Replace(src, body, body+"![A red dot](img/dot.png \"A dot.\")\n\n", 1))
	m["hyph/en.tex"] = &fstest.MapFile{Data: []byte("\\patterns{a1b b1c c1d .ex1a 1tion}\n")}
	// A file no build reads, to show that the recording tells them apart.
	m["notes.txt"] = &fstest.MapFile{Data: []byte("not an input\n")}
	return m
}

// The files a build reads are exactly the files Input.Files lists: the
// list the server snapshots, the watcher watches and outputs may not
// replace. A file a build reads that the list leaves out would be served
// stale and never watched.
func TestFilesAreWhatTheBuildReads(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fs.FS
	}{
		{"every resource", everyResource(t)},
		{"built-in", briefing.Builtin},
	} {
		for _, make := range []Make{PDF | Charts, PDF, Check, Charts} {
			rec := &recordFS{fsys: tc.fsys, opened: map[string]bool{}}
			_, res, err := Run(&Source{FS: rec, Config: "config.toml", Name: tc.name}, Options{Make: make})
			if err != nil {
				t.Fatalf("%s, make %d: %v", tc.name, make, err)
			}
			read := rec.names()
			listed := slices.Clone(res.Inputs)
			sort.Strings(listed)
			if make&PDF != 0 || make == Check {
				// Charts alone read no logo nor patterns.
				if !slices.Equal(read, listed) {
					t.Errorf("%s, make %d: the build read\n  %q\nbut its inputs are\n  %q", tc.name, make, read, listed)
				}
			}
			for _, f := range read {
				if !slices.Contains(listed, f) {
					t.Errorf("%s, make %d: read %s, which the inputs leave out", tc.name, make, f)
				}
			}
			if tc.name == "every resource" && len(listed) != 8 {
				t.Errorf("%s: %d inputs %q, want 8: config, data, source text, section image, two fonts, logo, patterns", tc.name, len(listed), listed)
			}
		}
	}
}

// The one build makes the PDF with its page count and the charts at once.
func TestBuildMakesWhatIsAsked(t *testing.T) {
	src := &Source{FS: briefing.Builtin, Config: "config.toml", Name: BuiltinName, Static: true}
	_, res, err := Run(src, Options{Make: PDF | Charts})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(res.PDF, []byte("%PDF-")) || res.Pages < 2 {
		t.Errorf("PDF %.8q, %d pages", res.PDF, res.Pages)
	}
	var names []string
	for _, f := range res.Figures {
		names = append(names, f.Name)
	}
	if !slices.Equal(names, []string{"timeline", "actor-frequency"}) {
		t.Errorf("figures %q", names)
	}
	_, res, err = Run(src, Options{Make: Check})
	if err != nil || res.PDF != nil || res.Figures != nil {
		t.Errorf("check: %v, %d bytes, %d figures", err, len(res.PDF), len(res.Figures))
	}
	if len(res.Warnings) == 0 {
		t.Error("check: the built-in briefing's notice is missing")
	}
}

// Errors and warnings name files as the user typed the config's path:
// relative to the working directory, the file an error is about and the
// files its message mentions alike.
func TestRelabel(t *testing.T) {
	in := &Input{Source: &Source{Config: "config.toml"}, dir: filepath.Join("work", "b"),
		Config: &report.Config{Data: []string{"data/a.toml", "a.toml"}}}
	label := func(p string) string { return filepath.Join("work", "b", filepath.FromSlash(p)) }
	orig := data.Errors{
		{File: "a.toml", Line: 3, Col: 1, Msg: `duplicate id; first defined at data/a.toml:1:1`},
	}
	err := in.Relabel(orig)
	var es data.Errors
	if !errors.As(err, &es) || es[0].File != label("a.toml") || es[0].Msg != "duplicate id; first defined at "+label("data/a.toml")+":1:1" {
		t.Errorf("relabelled: %v", err)
	}
	ws := in.relabelWarnings([]report.Warning{{
		Pos:   data.Pos{File: "data/a.toml", Line: 2, Col: 1},
		Where: "section 1", Msg: "see a.toml",
		Input: &data.Error{File: "data/a.toml", Msg: "rests on (a.toml)"},
	}})
	if w := ws[0]; w.Pos.File != label("data/a.toml") || w.Msg != "see "+label("a.toml") ||
		w.Input.File != label("data/a.toml") || w.Input.Msg != "rests on ("+label("a.toml")+")" {
		t.Errorf("relabelled warning: %+v, %+v", w, *w.Input)
	}
	// The built-in briefing and a config in the working directory keep
	// their names.
	in.dir = ""
	if err := in.Relabel(orig); !errors.As(err, &es) || es[0].File != "a.toml" || es[0].Msg != orig[0].Msg {
		t.Errorf("relabelled without a folder: %v", err)
	}
}

// The data's {date} and {period} placeholders are written in the
// config's language, as the report writes its own dates; -set values
// (Source.Settings) reach the config and the [briefing] table.
func TestLoadPlaceholdersAndSettings(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml": {Data: []byte("language = \"fr\"\ndata = [\"d.toml\"]\n")},
		"d.toml": {Data: []byte("[briefing]\ntitle = \"Note du {date}\"\nsubtitle = \"{period}\"\ndate = 2024-04-05\n" +
			"period = { start = 2024-01-01, end = 2024-03-31 }\n\n" +
			"[[events]]\nid = \"a\"\ndate = 2024-01-02\ntitle = \"A\"\n")},
	}
	src := &Source{FS: fsys, Config: "config.toml", Name: "config.toml"}
	in, err := Load(src)
	if err != nil {
		t.Fatal(err)
	}
	if m := in.Briefing.Meta; m.Title != "Note du 5 avril 2024" || m.Subtitle != "1 janvier – 31 mars 2024" {
		t.Errorf("title %q, subtitle %q", m.Title, m.Subtitle)
	}
	src.Settings = Settings{
		Config: []report.Setting{{Key: "language", Value: "en", N: 1}},
		Meta:   []data.Override{{Key: "date", Value: mustDate(t, "2024-05-06"), File: report.SettingFile, Line: 2, Col: 6}},
	}
	in, err = Load(src)
	if err != nil {
		t.Fatal(err)
	}
	if got := in.Briefing.Meta.Title; got != "Note du 6 May 2024" {
		t.Errorf("with -set language=en date=2024-05-06: title %q", got)
	}
}

// mustDate is a TOML date value as -set reads one.
func mustDate(t *testing.T, s string) any {
	t.Helper()
	raw, _, perr := data.ParseTOML("-set", []byte("v="+s))
	if perr != nil {
		t.Fatal(perr)
	}
	return raw["v"]
}

// A JSON data file names its sources' text files and its sections'
// images as a TOML one does, so that serve snapshots and watch watches
// them; a CSV file names none.
func TestDataNamesJSON(t *testing.T) {
	src := []byte(`{
  "briefing": {"title": "T", "date": "2024-01-01"},
  "sources": [{"id": "s", "title": "S", "text_file": "texts/s.txt"}],
  "sections": [{"id": "x", "title": "X", "body": "Intro.\n\n![A map](maps/a.png)\n"}]
}`)
	got := DataNames(report.DefaultConfig(), "data/d.json", src)
	want := []InputFile{{"data/texts/s.txt", textWhat}, {"maps/a.png", imageWhat}}
	if !slices.Equal(got, want) {
		t.Errorf("DataNames = %v; want %v", got, want)
	}
	if got := DataNames(report.DefaultConfig(), "data/e.csv", []byte("a,b\n1,2\n")); len(got) != 0 {
		t.Errorf("a CSV file names %v", got)
	}
}
