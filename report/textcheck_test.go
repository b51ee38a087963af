package report

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"codeberg.org/go-fonts/dejavu/dejavuserif"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg/draw"

	"github.com/briefing-pdf/briefing/data"
)

// entryLine is the line of the [[header]] of the entry whose id line is
// idLine in src (the mini fixture writes the id first).
// charAt is where the character of code point char ("U+1F389") is
// written in src, inside the text new: "data.toml:LINE:COL:", the byte
// column an editor jumps to.
func charAt(t *testing.T, src []byte, new, char string) string {
	t.Helper()
	cp, err := strconv.ParseUint(strings.TrimPrefix(char, "U+"), 16, 32)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(src, []byte(new))
	k := strings.IndexRune(new, rune(cp))
	if i < 0 || k < 0 {
		t.Fatalf("no %s in %q in the fixture", char, new)
	}
	at := i + k
	return fmt.Sprintf("data.toml:%d:%d:", 1+bytes.Count(src[:at], []byte("\n")), at-(bytes.LastIndexByte(src[:at], '\n')+1)+1)
}

// unprintable is a briefing whose text has a character that cannot be
// printed: where it is put, and what the error must say.
type unprintable struct {
	name        string
	old, new    string // replaced in the mini fixture's data
	config      string // appended to the config
	at          string // the error's position in the config, "config.toml:N:C"; in the data, the character's in new
	what, char  string // in the message
	inCharts    bool   // printed by the charts too
	rightToLeft bool
}

func miniWith(t *testing.T, c unprintable) (fstest.MapFS, []byte) {
	t.Helper()
	src, err := os.ReadFile("testdata/mini/data.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.old != "" {
		if !bytes.Contains(src, []byte(c.old)) {
			t.Fatalf("no %q in the fixture", c.old)
		}
		src = bytes.Replace(src, []byte(c.old), []byte(c.new), 1)
	}
	return fstest.MapFS{
		"config.toml": {Data: []byte("data = [\"data.toml\"]\n" + c.config)},
		"data.toml":   {Data: src},
	}, src
}

// TestEveryPrintedFieldIsChecked puts a character the fonts lack, or
// right-to-left text unshaped, into each field the report or the charts print:
// the build (and `briefing charts`, for what a chart shows) fails with
// the field's position, never a blank box or reversed letters with exit 0.
func TestEveryPrintedFieldIsChecked(t *testing.T) {
	cases := []unprintable{
		{name: "emoji in a key event's title", old: `title     = "First round"`, new: `title     = "First round 🎉"`,
			what: `event "talks-1"`, char: "U+1F389", inCharts: true},
		{name: "Ethiopic actor name", old: `name  = "Ararat Mirzoyan"`, new: `name  = "ሀገር Mirzoyan"`,
			what: `actor "mirzoyan"`, char: "U+1200", inCharts: true},
		{name: "actor role", old: `role  = "Foreign Minister of Armenia"`, new: `role  = "Foreign Minister 中"`,
			what: `actor "mirzoyan"`, char: "U+4E2D", inCharts: true, config: "[frequency]\nshow_role = true\n"},
		{name: "track", old: `track     = "armenia-azerbaijan"`, new: `track     = "ለሀ"`,
			what: `event "talks-1"`, char: "U+1200", inCharts: true},
		{name: "kind", old: `kind      = "negotiation"`, new: `kind      = "ሀ talks"`,
			what: `event "talks-1"`, char: "U+1200", inCharts: true},
		{name: "party name", old: `name  = "Armenia"`, new: `name  = "ሀገር"`,
			what: `party "am"`, char: "U+1200", inCharts: true, config: "[timeline]\nlanes = \"party\"\n"},
		{name: "location", old: `location  = "Arlington, Virginia"`, new: `location  = "Arlington 中"`,
			what: `event "talks-1"`, char: "U+4E2D"},
		{name: "quote", old: `text = "within reach"`, new: `text = "within 中 reach"`,
			what: `event "talks-1"`, char: "U+4E2D"},
		{name: "source publisher", old: `publisher = "A journal"`, new: `publisher = "A 中 journal"`,
			what: `source "article"`, char: "U+4E2D"},
		{name: "distribution", config: "[cover]\ndistribution = \"ሀ restricted\"\n",
			at: "config.toml:3:1:", what: "cover.distribution", char: "U+1200"},
		{name: "header", config: "[header]\nleft = \"中 {title}\"\n",
			at: "config.toml:3:1:", what: "header.left", char: "U+4E2D"},
		{name: "footer", config: "[footer]\nright = \"page {page} 中\"\n",
			at: "config.toml:3:1:", what: "footer.right", char: "U+4E2D"},
		{name: "Hebrew title", old: `title     = "First round"`, new: `title     = "First round שלום"`,
			what: `event "talks-1"`, char: "U+05E9", inCharts: true, rightToLeft: true, config: "[fonts]\nshaping = false\n"},
		{name: "Arabic actor name", old: `name  = "Ararat Mirzoyan"`, new: `name  = "آرارات"`,
			what: `actor "mirzoyan"`, char: "U+0622", inCharts: true, rightToLeft: true, config: "[fonts]\nshaping = false\n"},
		{name: "right-to-left override", old: `location  = "Arlington, Virginia"`, new: "location  = \"Arlington \u202eainigriV\"",
			what: `event "talks-1"`, char: "U+202E", rightToLeft: true, config: "[fonts]\nshaping = false\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys, src := miniWith(t, c)
			if c.at == "" {
				c.at = charAt(t, src, c.new, c.char)
			}
			b, cfg := loadFS(t, fsys, "config.toml")
			check := func(cmd string, err error) {
				t.Helper()
				var es data.Errors
				if !errors.As(err, &es) {
					t.Fatalf("%s: %v, want positioned errors", cmd, err)
				}
				for _, e := range es {
					msg := e.Error()
					if strings.HasPrefix(msg, c.at) && strings.Contains(msg, c.what) && strings.Contains(msg, c.char) &&
						strings.Contains(msg, "right-to-left") == c.rightToLeft {
						return
					}
				}
				t.Errorf("%s: errors\n%v\nhave none at %s on %s about %s", cmd, err, c.at, c.what, c.char)
			}
			pdf, _, err := buildPDF(b, cfg, fsys, Options{})
			if pdf != nil {
				t.Fatalf("build wrote a PDF of %d bytes", len(pdf))
			}
			check("build", err)
			figs, err := Figures(b, cfg, fsys)
			if !c.inCharts {
				if err != nil {
					t.Errorf("charts: %v, but the charts do not show the field", err)
				}
				return
			}
			if figs != nil {
				t.Errorf("charts: %d figures", len(figs))
			}
			check("charts", err)
		})
	}
}

// TestCharactersOutsideTheBMP checks that, with text shaped, a character
// outside the Basic Multilingual Plane is printed when a face of the chain has it (U+1D538
// in DejaVu Serif as the user's face, read from its format 12 cmap, or in
// the built-in fallback behind Liberation), and refused, naming it, when
// none has (U+13000).
func TestCharactersOutsideTheBMP(t *testing.T) {
	config := "[fonts]\nshaping = true\nbody = \"serif\"\nheading = \"serif\"\n[fonts.files]\n" +
		"serif = \"DejaVuSerif.ttf\"\nserif-bold = \"DejaVuSerif.ttf\"\nserif-italic = \"DejaVuSerif.ttf\"\nserif-bolditalic = \"DejaVuSerif.ttf\"\n"
	for _, conf := range []string{config, "[fonts]\nshaping = true\n"} {
		fsys, _ := miniWith(t, unprintable{old: `title     = "First round"`, new: `title     = "First 𝔸 round"`, config: conf})
		fsys["DejaVuSerif.ttf"] = &fstest.MapFile{Data: dejavuserif.TTF}
		b, cfg := loadFS(t, fsys, "config.toml")
		pdf, _, err := buildPDF(b, cfg, fsys, Options{})
		if err != nil {
			t.Fatalf("config %q: %v", conf, err)
		}
		if text := readPDF(t, pdf).allText(); !strings.Contains(text, "First 𝔸 round") {
			t.Errorf("config %q: the PDF's text has no %q", conf, "First 𝔸 round")
		}
	}
	fsys, _ := miniWith(t, unprintable{old: `title     = "First round"`, new: `title     = "First 𓀀 round"`, config: "[fonts]\nshaping = true\n"})
	b, cfg := loadFS(t, fsys, "config.toml")
	if _, _, err := buildPDF(b, cfg, fsys, Options{}); err == nil || !strings.Contains(err.Error(), "U+13000 '𓀀' is not in font") {
		t.Errorf("a character no face has: %v", err)
	}
}

// TestCharactersOutsideTheBMPUnshaped checks that, with text not shaped
// (shaping = false), a character outside the Basic
// Multilingual Plane that the font has (U+1D538 in DejaVu Serif, read
// from its format 12 cmap) is refused with that reason: fpdf maps only
// the BMP, so it would print a box.
func TestCharactersOutsideTheBMPUnshaped(t *testing.T) {
	config := "[fonts]\nshaping = false\nbody = \"serif\"\nheading = \"serif\"\n[fonts.files]\n" +
		"serif = \"DejaVuSerif.ttf\"\nserif-bold = \"DejaVuSerif.ttf\"\nserif-italic = \"DejaVuSerif.ttf\"\nserif-bolditalic = \"DejaVuSerif.ttf\"\n"
	fsys, _ := miniWith(t, unprintable{old: `title     = "First round"`, new: `title     = "First 𝔸 round"`, config: config})
	fsys["DejaVuSerif.ttf"] = &fstest.MapFile{Data: dejavuserif.TTF}
	b, cfg := loadFS(t, fsys, "config.toml")
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	if err == nil || pdf != nil {
		t.Fatal("built without error")
	}
	var es data.Errors
	if !errors.As(err, &es) {
		t.Fatal(err)
	}
	for _, e := range es {
		if !strings.Contains(e.Msg, "U+1D538") || !strings.Contains(e.Msg, "outside the Basic Multilingual Plane") ||
			!strings.Contains(e.Msg, "DejaVuSerif.ttf") {
			t.Errorf("error %q: want U+1D538 outside the BMP, in the font", e)
		}
	}
	// In Liberation Serif (without shaping's fallback fonts) it is simply missing.
	fsys, _ = miniWith(t, unprintable{old: `title     = "First round"`, new: `title     = "First 𝔸 round"`, config: "[fonts]\nshaping = false\n"})
	b, cfg = loadFS(t, fsys, "config.toml")
	if _, _, err := buildPDF(b, cfg, fsys, Options{}); err == nil || !strings.Contains(err.Error(), "U+1D538 '𝔸' is not in font") {
		t.Errorf("Liberation: %v", err)
	}
}

// TestDecomposedAccentsAreComposed checks that text is printed in NFC:
// "e" + U+0301 is printed as the one glyph "é", not a letter and an
// accent beside it.
func TestDecomposedAccentsAreComposed(t *testing.T) {
	fsys, _ := miniWith(t, unprintable{old: `title     = "First round"`, new: "title     = \"Cafe\u0301 talks\""})
	b, cfg := loadFS(t, fsys, "config.toml")
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := readPDF(t, pdf).allText()
	if !strings.Contains(text, "Café talks") || strings.Contains(text, "\u0301") {
		t.Errorf("the PDF's text has no composed %q or still a combining accent", "Café")
	}
}

// TestTextTheLayoutAdds checks the check of what is drawn, not written:
// with a sans face that lacks "…", which the methodology note prints
// of its own and no field of the data holds, the character is blamed on
// the font file, in the build and (for what charts draw) in charts.
func TestTextTheLayoutAdds(t *testing.T) {
	long := `title     = "First round of the long talks about everything that matters"`
	fsys, _ := miniWith(t, unprintable{old: `title     = "First round"`, new: long})
	b, cfg := loadFS(t, fsys, "config.toml")
	// Every character the briefing prints, in the PDF and its charts.
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	chars := map[rune]bool{}
	for _, r := range readPDF(t, pdf).allText() {
		chars[r] = true
	}
	figs, err := Figures(b, cfg, fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, fg := range figs {
		fg.Plot.Draw(draw.New(&textCanvas{w: fg.Width, h: fg.Height, fn: func(_ font.Face, s string) {
			for _, r := range s {
				chars[r] = true
			}
		}}))
	}
	if !chars['…'] {
		t.Fatal("no ellipsis is printed: the test does not reach its case")
	}
	var keep strings.Builder
	for r := range chars {
		if r != '…' && r >= ' ' {
			keep.WriteRune(r)
		}
	}
	fsys["sub.ttf"] = &fstest.MapFile{Data: subsetWith(t, ttf(t, "sans"), keep.String())}
	// With no fallback face, which would have the "…".
	fsys["config.toml"] = &fstest.MapFile{Data: []byte("data = [\"data.toml\"]\n[fonts.files]\nsans = \"sub.ttf\"\n[fonts]\nfallback = []\n")}
	b, cfg = loadFS(t, fsys, "config.toml")
	want := `config.toml:3:1: fonts.files.sans (text the layout adds): character U+2026 '…' is not in font sans (sub.ttf)`
	if err := buildErr(b, cfg, fsys); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("build: %v\nwant %s", err, want)
	}
	// Charts never cut a label, so they print no "…" and pass.
	if err := figuresErr(b, cfg, fsys); err != nil {
		t.Errorf("charts: %v", err)
	}
}

func buildErr(b *data.Briefing, cfg *Config, fsys fstest.MapFS) error {
	_, _, err := buildPDF(b, cfg, fsys, Options{})
	return err
}

func figuresErr(b *data.Briefing, cfg *Config, fsys fstest.MapFS) error {
	_, err := Figures(b, cfg, fsys)
	return err
}

// TestConfigTextIsComposed checks that the config's printed text is NFC
// too.
func TestConfigTextIsComposed(t *testing.T) {
	fsys, _ := miniWith(t, unprintable{config: "[cover]\ndistribution = \"Re\u0301sume\u0301 only\"\n[header]\nleft = \"Cafe\u0301\"\n"})
	_, cfg := loadFS(t, fsys, "config.toml")
	if cfg.Cover.Distribution != "Résumé only" || cfg.Header.Left != "Café" {
		t.Errorf("distribution %q, header %q: not composed", cfg.Cover.Distribution, cfg.Header.Left)
	}
}

// An unprintable character is placed where it is written in its entry:
// not in a comment before it; a character written as an escape, which
// cannot be pointed at, at its entry.
func TestUnprintablePlaced(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		want           func(src []byte) string
	}{
		{"after a comment that has it", `title     = "First round"`, "# 中 is Chinese\ntitle     = \"First round 中\"",
			func(src []byte) string { return charAt(t, src, "title     = \"First round 中\"", "U+4E2D") }},
		{"an escape", `title     = "First round"`, `title     = "First round \u4E2D"`,
			func(src []byte) string {
				i := bytes.Index(src, []byte(`id        = "talks-1"`))
				return fmt.Sprintf("data.toml:%d:1:", bytes.Count(src[:i], []byte("\n")))
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys, src := miniWith(t, unprintable{old: tc.old, new: tc.new})
			b, cfg := loadFS(t, fsys, "config.toml")
			_, _, err := buildPDF(b, cfg, fsys, Options{})
			want := tc.want(src)
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %v, want one at %s", err, want)
			}
		})
	}
}
