package report

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
)

// miniFS is the mini fixture's data with the given config and extra files.
func miniFS(t *testing.T, config string, extra map[string][]byte) fstest.MapFS {
	t.Helper()
	src, err := os.ReadFile("testdata/mini/data.toml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"b/config.toml": {Data: []byte(config)},
		"b/data.toml":   {Data: src},
	}
	for k, v := range extra {
		fsys[k] = &fstest.MapFile{Data: v}
	}
	return fsys
}

func buildFS(t *testing.T, fsys fstest.MapFS) ([]byte, error) {
	t.Helper()
	b, cfg := loadFS(t, fsys, "b/config.toml")
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	return pdf, err
}

func ttf(t *testing.T, face string) []byte {
	for _, f := range fonts.New().Faces() {
		if f.Name == face {
			return f.TTF
		}
	}
	t.Fatalf("no face %s", face)
	return nil
}

func TestUserFontAndLogo(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := 0; x < 40; x++ {
		for y := 0; y < 20; y++ {
			img.Set(x, y, color.RGBA{R: 200, A: 255})
		}
	}
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	conf := "data = [\"data.toml\"]\n[fonts.files]\nserif = \"fonts/other.ttf\"\n[cover]\nlogo = \"shared/logo.png\"\n"
	fsys := miniFS(t, conf, map[string][]byte{
		"b/fonts/other.ttf": ttf(t, "sans"),
		"b/shared/logo.png": logo.Bytes(),
	})
	pdf, err := buildFS(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := buildFS(t, miniFS(t, "data = [\"data.toml\"]\n", nil))
	if err != nil {
		t.Fatal(err)
	}
	doc, base := readPDF(t, pdf), readPDF(t, plain)
	got, want := byFace(t, doc.embeddedFonts()), byFace(t, base.embeddedFonts())
	if len(got) == 0 || got["serif"] == want["serif"] {
		t.Errorf("the serif face was not replaced: %v vs %v", got, want)
	}
	images := 0
	for _, o := range doc.objs {
		if s, ok := o.(*pdfStream); ok && s.dict["Subtype"] == pdfName("Image") {
			images++
		}
	}
	if images == 0 {
		t.Error("the logo is not in the PDF")
	}
}

func TestBadResources(t *testing.T) {
	cases := []struct {
		name, conf string
		files      map[string][]byte
		want       string
	}{
		{"font missing", "data = [\"data.toml\"]\n[fonts.files]\nsans-bold = \"nope.ttf\"\n", nil, "b/nope.ttf"},
		{"not a font", "data = [\"data.toml\"]\n[fonts.files]\nsans = \"x.ttf\"\n",
			map[string][]byte{"b/x.ttf": []byte("not a font at all, just some text")}, "b/x.ttf"},
		{"logo missing", "data = [\"data.toml\"]\n[cover]\nlogo = \"logo.png\"\n", nil, "b/logo.png"},
		{"logo not an image", "data = [\"data.toml\"]\n[cover]\nlogo = \"logo.png\"\n",
			map[string][]byte{"b/logo.png": []byte("GIF89a")}, "not a PNG or JPEG"},
		{"patterns missing", "data = [\"data.toml\"]\n[hyphenation]\npatterns = \"hyph.tex\"\n", nil, "b/hyph.tex"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf, err := buildFS(t, miniFS(t, c.conf, c.files))
			if err == nil || pdf != nil {
				t.Fatalf("built (%d bytes) without error", len(pdf))
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not name %q", err, c.want)
			}
		})
	}
}

func TestHyphenation(t *testing.T) {
	// Patterns that allow a break between every pair of letters of the
	// long words below: with them the breaker can hyphenate.
	patterns := "\\patterns{a1b b1c c1d d1e e1f f1g g1h h1i i1j j1k k1a}\n"
	body := strings.Repeat("abcdefghijkabcdefghijk ", 60)
	fsys := miniFS(t, "data = [\"data.toml\"]\n[hyphenation]\npatterns = \"hyph.tex\"\n",
		map[string][]byte{"b/hyph.tex": []byte(patterns)})
	cfg, err := LoadConfig(fsys, "b/config.toml")
	if err != nil {
		t.Fatal(err)
	}
	count := func(cfg *Config) int {
		b, err := data.Load(fsys, cfg.Data)
		if err != nil {
			t.Fatal(err)
		}
		b.Sections[1].Body = body
		lay := laidOut(t, b, cfg, fsys)
		n := 0
		for _, e := range lay.d.elems {
			if p, ok := e.(*paraElem); ok {
				for _, l := range p.lines {
					if l.Hyphen {
						n++
					}
				}
			}
		}
		return n
	}
	if n := count(cfg); n == 0 {
		t.Error("with patterns no line ends in a hyphen")
	}
	off := *cfg
	off.Hyphenation.Enabled = false
	if n := count(&off); n != 0 {
		t.Errorf("with hyphenation off %d lines end in a hyphen", n)
	}
}
