package report

import (
	"bytes"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"codeberg.org/go-fonts/dejavu/dejavuserif"

	"github.com/briefing-pdf/briefing/config"
	"github.com/briefing-pdf/briefing/internal/shape"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// dejaVuEverywhere sets every face in DejaVu Serif, a face with "ff" and
// "fl" ligatures and kerning, given as the user's file.
const dejaVuEverywhere = "[fonts]\nshaping = true\nbody = \"serif\"\nheading = \"serif\"\n[fonts.files]\n" +
	"serif = \"DejaVuSerif.ttf\"\nserif-bold = \"DejaVuSerif.ttf\"\nserif-italic = \"DejaVuSerif.ttf\"\nserif-bolditalic = \"DejaVuSerif.ttf\"\n"

// TestShapedTextInPDF checks what a reader of the PDF gets from shaped
// text: ligatures drawn where the font has them and given back as their
// letters, kerned pairs closer than their advances, a script the faces
// lack (Armenian) set in the built-in fallback, and the words as
// written, with no U+FFFD and no private-use characters.
func TestShapedTextInPDF(t *testing.T) {
	const title = "Office To fluent Հայաստան"
	fsys, _ := miniWith(t, unprintable{old: `title     = "First round"`, new: `title     = "` + title + `"`, config: dejaVuEverywhere})
	fsys["DejaVuSerif.ttf"] = &fstest.MapFile{Data: dejavuserif.TTF}
	b, cfg := loadFS(t, fsys, "config.toml")
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := readPDF(t, pdf)
	text := doc.allText()
	if !strings.Contains(text, title) {
		t.Errorf("the PDF's text has no %q", title)
	}
	for _, r := range text {
		if r == unicode.ReplacementChar || unicode.In(r, unicode.Co) {
			t.Errorf("the PDF's text has %U", r)
		}
	}
	// The ligatures are drawn: a glyph of DejaVu Serif maps to "ff" and
	// one to "fl", and the face's characters are given back by glyph.
	ligatures := map[string]bool{}
	var content []byte
	for n := 1; n <= doc.pages(); n++ {
		for _, f := range doc.fonts(n) {
			for _, s := range f.toUni {
				if s == "ff" || s == "fl" {
					ligatures[s] = true
				}
			}
		}
		content = append(content, doc.content(n)...)
	}
	if !ligatures["ff"] || !ligatures["fl"] {
		t.Errorf("ligature glyphs drawn: %v, want ff and fl", ligatures)
	}
	// "To": DejaVu Serif's T (glyph 55) is followed in its TJ by a
	// positive adjustment, the pair's kerning.
	if !regexp.MustCompile(`\(\x00\x37\)\d+(\.\d+)? \(\x00R`).Match(content) {
		t.Error(`no kerned "To" (glyph 55, an adjustment, glyph 82) in the pages' TJs`)
	}
	// The Armenian is in a fallback face, embedded as DejaVu Serif (the
	// user's serif is also DejaVu Serif: two subsets of one font file).
	if fonts := doc.embeddedFonts(); len(fonts) < 2 {
		t.Errorf("embedded fonts %v: want the face and the fallback", fonts)
	}
}

// TestFallbackConfig checks [fonts] fallback: with no fallback a
// character the faces lack is an error naming it and its place; a
// fallback file sets it; a fallback that is not a TrueType font is an
// error naming the file.
func TestFallbackConfig(t *testing.T) {
	armenian := unprintable{old: `title     = "First round"`, new: `title     = "First Հայաստան round"`}
	// No fallback.
	armenian.config = "[fonts]\nshaping = true\nfallback = []\n"
	fsys, _ := miniWith(t, armenian)
	b, cfg := loadFS(t, fsys, "config.toml")
	if _, _, err := buildPDF(b, cfg, fsys, Options{}); err == nil || !strings.Contains(err.Error(), "U+0540 'Հ' is not in font") ||
		!regexp.MustCompile(`data\.toml:\d+:\d+: event "talks-1"`).MatchString(err.Error()) {
		t.Errorf("no fallback: %v", err)
	}
	// A file.
	armenian.config = "[fonts]\nshaping = true\nfallback = [\"fonts/DejaVuSerif.ttf\"]\n"
	fsys, _ = miniWith(t, armenian)
	fsys["fonts/DejaVuSerif.ttf"] = &fstest.MapFile{Data: dejavuserif.TTF}
	b, cfg = loadFS(t, fsys, "config.toml")
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(readPDF(t, pdf).allText(), "First Հայաստան round") {
		t.Error("the fallback file's Armenian is not in the PDF's text")
	}
	found := false
	for _, in := range cfg.Inputs() {
		found = found || in.Path == "fonts/DejaVuSerif.ttf"
	}
	if !found {
		t.Errorf("Inputs %v lack the fallback file", cfg.Inputs())
	}
	// Not a font.
	fsys["fonts/DejaVuSerif.ttf"] = &fstest.MapFile{Data: []byte("not a font at all, just some bytes")}
	b, cfg = loadFS(t, fsys, "config.toml")
	if _, _, err := buildPDF(b, cfg, fsys, Options{}); err == nil || !strings.Contains(err.Error(), "fonts/DejaVuSerif.ttf") {
		t.Errorf("a fallback that is no font: %v", err)
	}
	// A path outside the config's directory.
	armenian.config = "[fonts]\nshaping = true\nfallback = [\"../x.ttf\"]\n"
	fsys, _ = miniWith(t, armenian)
	if _, err := LoadConfig(fsys, "config.toml"); err == nil || !strings.Contains(err.Error(), "fonts.fallback") {
		t.Errorf("a fallback above the config: %v", err)
	}
}

// TestFeaturesConfig checks [fonts.features]: a role's features change
// how its text is shaped (liga off: no ligature glyph drawn), and an
// unknown or malformed setting is an error at its key.
func TestFeaturesConfig(t *testing.T) {
	fsys, _ := miniWith(t, unprintable{old: `title     = "First round"`, new: `title     = "Office fluent"`,
		config: dejaVuEverywhere + "[fonts.features]\nbody = [\"-liga\"]\nheadings = [\"-liga\"]\ntables = [\"-liga\"]\n"})
	fsys["DejaVuSerif.ttf"] = &fstest.MapFile{Data: dejavuserif.TTF}
	b, cfg := loadFS(t, fsys, "config.toml")
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := readPDF(t, pdf)
	for n := 1; n <= doc.pages(); n++ {
		for _, f := range doc.fonts(n) {
			for _, s := range f.toUni {
				if s == "ff" || s == "fl" {
					t.Errorf("page %d: a ligature glyph (%q) with liga off", n, s)
				}
			}
		}
	}
	if !strings.Contains(doc.allText(), "Office fluent") {
		t.Error("the title is not in the PDF's text")
	}
	for _, bad := range []string{`["kern[3:5]"]`, `["not a tag"]`} {
		fsys["config.toml"] = &fstest.MapFile{Data: []byte("data = [\"data.toml\"]\n[fonts]\nshaping = true\n[fonts.features]\ntables = " + bad + "\n")}
		_, err := LoadConfig(fsys, "config.toml")
		if err == nil || !strings.Contains(err.Error(), "config.toml:5:") || !strings.Contains(err.Error(), "fonts.features.tables") {
			t.Errorf("tables = %s: %v", bad, err)
		}
	}
}

// TestLigaturesInAUserFont sets the body in a user's OpenType font with
// CFF outlines and ligatures (the Linux Libertine subset the shaper's
// tests use): the PDF draws its ffi and fl ligatures, embeds the font,
// and gives the words back.
// A face from an .otf file (CFF outlines) is embedded as a bare
// CID-keyed CFF subset, in every PDF/A part PDF/A-1 included: the
// briefing builds, tagged, with the font file a CIDFontType0C.
func TestCFFFaceInPDFA(t *testing.T) {
	otf, err := os.ReadFile("../internal/shape/testdata/fonts/ligature-serif.otf")
	if err != nil {
		t.Fatal(err)
	}
	fsys, _ := miniWith(t, unprintable{config: "[fonts]\nbody = \"serif\"\n[fonts.files]\nserif = \"ligature-serif.otf\"\n"})
	fsys["ligature-serif.otf"] = &fstest.MapFile{Data: otf}
	b, cfg := loadFS(t, fsys, "config.toml")
	for _, std := range []string{"", "a-1b", "ua-1,a-2b"} {
		ss, err := ParsePDFStandards(std)
		if err != nil {
			t.Fatal(err)
		}
		raw, _, err := buildPDF(b, cfg, fsys, Options{Standard: &ss})
		if err != nil {
			t.Fatalf("standard %q: %v", std, err)
		}
		if !bytes.Contains(raw, []byte("/Subtype /CIDFontType0C")) {
			t.Errorf("standard %q: the .otf face is not embedded as a bare CFF", std)
		}
		if std == "a-1b" && !bytes.Contains(raw, []byte("/CIDSet ")) {
			t.Errorf("standard %q: no CIDSet", std)
		}
		if _, problems := checkTagged(t, raw); len(problems) > 0 {
			t.Errorf("standard %q: %v", std, problems)
		}
	}
}

func TestLigaturesInAUserFont(t *testing.T) {
	otf, err := os.ReadFile("../internal/shape/testdata/fonts/ligature-serif.otf")
	if err != nil {
		t.Fatal(err)
	}
	const title = "Office affluent flight"
	fsys, _ := miniWith(t, unprintable{old: `title     = "First round"`, new: `title     = "` + title + `"`,
		config: "[fonts]\nshaping = true\nbody = \"serif\"\nheading = \"serif\"\n[fonts.files]\nserif = \"ligature-serif.otf\"\nserif-bold = \"ligature-serif.otf\"\n"})
	fsys["ligature-serif.otf"] = &fstest.MapFile{Data: otf}
	b, cfg := loadFS(t, fsys, "config.toml")
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := readPDF(t, pdf)
	if !strings.Contains(doc.allText(), title) {
		t.Errorf("the PDF's text has no %q", title)
	}
	ligatures := map[string]bool{}
	for n := 1; n <= doc.pages(); n++ {
		for _, f := range doc.fonts(n) {
			for _, s := range f.toUni {
				if len(s) > 1 && strings.Trim(s, "fil") == "" {
					ligatures[s] = true
				}
			}
		}
	}
	if !ligatures["ffi"] || !ligatures["ffl"] || !ligatures["fl"] {
		t.Errorf("ligature glyphs drawn: %v, want ffi, ffl and fl", ligatures)
	}
	if !bytes.Contains(pdf, []byte("/Subtype /CIDFontType0")) {
		t.Error("the CFF font is not embedded as a CIDFontType0")
	}
}

// TestFeatureSyntaxAgrees checks that the config's check of
// [fonts.features] (config.CheckFeatures, which may not import the
// shaper) accepts and refuses what the shaper's parser does, with the
// same message.
func TestFeatureSyntaxAgrees(t *testing.T) {
	for _, s := range []string{"onum", "+smcp", "-kern", "salt=2", "salt = 3", " tnum ", "ss01", "a", "cv1 ",
		"", " ", "toolong", "-kern=1", "salt=x", "salt=-1", "kern[0:3]", "x:y", "k rn", "é", "+", "-", "=1", "abcd=99999999999"} {
		_, want := shape.ParseFeatures([]string{s})
		got := config.CheckFeatures([]string{s})
		if (got == nil) != (want == nil) || (got != nil && got.Error() != want.Error()) {
			t.Errorf("%q: config says %v, the shaper %v", s, got, want)
		}
	}
}

// TestRightToLeftInPDF sets Hebrew and Arabic inside an English,
// justified paragraph: the build succeeds; each right-to-left phrase is
// drawn as one run whose words read right to left (it stands between
// the English words around it, in their places); the structure tree
// reads the paragraph in reading order, spaces and all; and the PDF is
// tagged throughout.
func TestRightToLeftInPDF(t *testing.T) {
	const he, ar = "שנת בצורת קשה", "سنة الجفاف"
	para := "The first round took place in May, which the ministry called " + he +
		" and the Arabic-language press " + ar + ", in a year of many rounds of talks that went on and on [@talks-1]."
	fsys, _ := miniWith(t, unprintable{old: "The first round took place in May [@talks-1].", new: para})
	b, cfg := loadFS(t, fsys, "config.toml")
	raw, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, problems := checkTagged(t, raw)
	for _, p := range problems {
		t.Error(p)
	}
	found := false
	for _, e := range doc.elems() {
		if e.role == "P" && strings.Contains(e.text, "The first round") {
			found = true
			got := strings.Join(strings.Fields(e.text), " ")
			for _, want := range []string{"ministry called " + he + " and the", "press " + ar + ", in"} {
				if !strings.Contains(got, want) {
					t.Errorf("the paragraph reads %q, without %q in reading order", got, want)
				}
			}
		}
	}
	if !found {
		t.Fatal("no paragraph with the right-to-left text")
	}
	// On the page: each phrase is one shown run (its /ActualText the
	// phrase in reading order), right of "called" and left of "and".
	d := readPDF(t, raw)
	for n := 1; n <= d.pages(); n++ {
		shows := d.shows(n)
		for k, st := range shows {
			if !strings.Contains(st.s, he) {
				continue
			}
			var before, after *shownText
			for j := range shows {
				if shows[j].y != st.y {
					continue
				}
				if strings.HasPrefix(shows[j].s, "called") || strings.Contains(shows[j].s, " called") {
					before = &shows[j]
				}
				if strings.HasPrefix(shows[j].s, "and") && j > k {
					after = &shows[j]
				}
			}
			if before == nil || after == nil {
				t.Fatalf("no %q and %q on the line of %q", "called", "and", he)
			}
			if !(before.x+before.w <= st.x+1e-6 && st.x+st.w <= after.x+1e-6) {
				t.Errorf("%q at %.2f–%.2f, not between %q (ends %.2f) and %q (starts %.2f)",
					he, st.x, st.x+st.w, before.s, before.x+before.w, after.s, after.x)
			}
			return
		}
	}
	t.Errorf("no run shows %q", he)
}

// A right-to-left list item has its bullet on the right, a right-to-left
// block quote and pull quote their rules on the right; left-to-right
// ones keep them on the left.
func TestRightToLeftFurniture(t *testing.T) {
	const he = "שנת בצורת קשה מאוד באגם הגדול והמים יורדים"
	fsys, _ := miniWith(t, unprintable{old: "- two items\n", new: "- two items\n- " + he + "\n\n> " + he + "\n\n"})
	src := fsys["data.toml"].Data
	src = bytes.Replace(src, []byte(`quotes    = [{ text = "within reach", by = "blinken" }]`),
		[]byte(`quotes    = [{ text = "within reach", by = "blinken" }, { text = "`+he+`", by = "blinken" }]`), 1)
	fsys["data.toml"] = &fstest.MapFile{Data: src}
	b, cfg := loadFS(t, fsys, "config.toml")
	st, err := runStages(b, cfg, fsys, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	type span struct{ lo, hi float64 }
	checked := map[string]int{}
	for _, pg := range st.frames.Pages {
		// The text of each line (by baseline), and the rules.
		lines := map[float64]*span{}
		rtlLine := map[float64]bool{}
		for _, it := range pg.Items {
			if it.Kind != frames.Text || strings.TrimSpace(it.Text) == "" || it.Text == "• " || it.Text == "“" {
				continue
			}
			s := lines[it.Y]
			if s == nil {
				s = &span{math.Inf(1), math.Inf(-1)}
				lines[it.Y] = s
			}
			s.lo, s.hi = min(s.lo, it.X), max(s.hi, it.X+it.W)
			rtlLine[it.Y] = rtlLine[it.Y] || strings.Contains(it.Text, "בצורת")
		}
		for _, it := range pg.Items {
			switch {
			case it.Kind == frames.Text && it.Text == "• ":
				s := lines[it.Y]
				if s == nil {
					t.Fatalf("a bullet at y %.1f with no text beside it", it.Y)
				}
				if rtlLine[it.Y] {
					checked["rtl bullet"]++
					if it.X < s.hi {
						t.Errorf("right-to-left item: bullet at x %.1f, left of its text's end %.1f", it.X, s.hi)
					}
				} else {
					checked["bullet"]++
					if it.X > s.lo {
						t.Errorf("left-to-right item: bullet at x %.1f, right of its text's start %.1f", it.X, s.lo)
					}
				}
			case (it.Kind == frames.Line && it.W == 0 && it.H > 0) || (it.Kind == frames.Rect && it.W < 3 && it.H > 5):
				// A quotation's rule: the lines beside it (the text
				// starts half a line or so below its top), right to
				// left if one is; all of them on one side of it.
				rtl := false
				var beside []*span
				for y, s := range lines {
					if y >= it.Y && y <= it.Y+it.H+8 {
						beside = append(beside, s)
						rtl = rtl || rtlLine[y]
					}
				}
				if len(beside) == 0 {
					continue
				}
				for _, s := range beside {
					if rtl && it.X < s.hi {
						t.Errorf("right-to-left quotation: rule at x %.1f, left of its text's end %.1f", it.X, s.hi)
					}
					if !rtl && it.X > s.lo {
						t.Errorf("left-to-right quotation: rule at x %.1f, right of its text's start %.1f", it.X, s.lo)
					}
				}
				if rtl {
					checked["rtl rule"]++
				} else {
					checked["rule"]++
				}
			}
		}
	}
	for _, k := range []string{"bullet", "rtl bullet", "rule", "rtl rule"} {
		if checked[k] == 0 {
			t.Errorf("no %s found to check (%v)", k, checked)
		}
	}
}
