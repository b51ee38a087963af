package report

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// Check fails exactly where Build fails, with the same error, and returns
// the same warnings: `briefing validate` promises that a briefing it
// accepts builds.
func TestCheckAgreesWithBuild(t *testing.T) {
	src, err := os.ReadFile("testdata/mini/data.toml")
	if err != nil {
		t.Fatal(err)
	}
	replace := func(old, new string) []byte {
		if !bytes.Contains(src, []byte(old)) {
			t.Fatalf("fixture lacks %q", old)
		}
		return bytes.Replace(src, []byte(old), []byte(new), 1)
	}
	const conf = "data = [\"data.toml\"]\n"
	longWord := fmt.Sprintf("body = \"Short. %s end.\"", strings.Repeat("x", 200))
	cases := []struct {
		name   string
		conf   string
		data   []byte
		extra  map[string][]byte
		strict bool
		want   string // in the error; "" for none
	}{
		{name: "valid", conf: conf, data: src},
		{name: "glyph in the text", conf: conf, data: replace(`title     = "Second round"`, `title     = "Second round 中"`), want: "U+4E2D"},
		{name: "glyph on the cover", conf: conf, data: replace(`title    = "Test Briefing on Ğ and İ"`, `title    = "Test Briefing 中"`), want: "U+4E2D"},
		{name: "glyph in the running header", conf: conf + "[header]\nleft = \"Desk 中\"\n", data: src, want: "U+4E2D"},
		{name: "glyph only in a chart", conf: conf + "blocks = [\"actors\"]\n", data: replace(`name  = "Ararat Mirzoyan"`, `name  = "Ararat 中 Mirzoyan"`), want: "U+4E2D"},
		{name: "logo not an image", conf: conf + "[cover]\nlogo = \"logo.png\"\n", data: src, extra: map[string][]byte{"logo.png": []byte("GIF89a")}, want: "not a PNG or JPEG"},
		{name: "font missing", conf: conf + "[fonts.files]\nsans = \"nope.ttf\"\n", data: src, want: "nope.ttf"},
		{name: "warnings, not strict", conf: conf, data: replaceBody(t, src, longWord)},
		{name: "warnings, strict", conf: conf, data: replaceBody(t, src, longWord), strict: true, want: "strict mode"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{"config.toml": {Data: []byte(c.conf)}, "data.toml": {Data: c.data}}
			for k, v := range c.extra {
				fsys[k] = &fstest.MapFile{Data: v}
			}
			b, cfg := loadFS(t, fsys, "config.toml")
			opt := Options{Strict: c.strict}
			pdf, bw, berr := buildPDF(b, cfg, fsys, opt)
			cw, cerr := Check(b, cfg, fsys, opt)
			if (berr == nil) != (cerr == nil) || (berr != nil && berr.Error() != cerr.Error()) {
				t.Fatalf("Build: %v\nCheck: %v", berr, cerr)
			}
			if c.want == "" && berr != nil || c.want != "" && (berr == nil || !strings.Contains(berr.Error(), c.want)) {
				t.Fatalf("error %v, want one with %q", berr, c.want)
			}
			if berr == nil && len(pdf) == 0 {
				t.Fatal("Build returned no PDF and no error")
			}
			if fmt.Sprint(bw) != fmt.Sprint(cw) {
				t.Errorf("warnings differ:\nBuild: %v\nCheck: %v", bw, cw)
			}
			if strings.HasPrefix(c.name, "warnings") && len(cw) == 0 {
				t.Error("no warnings: the case shows nothing")
			}
		})
	}
}

// replaceBody gives the mini fixture's "outlook" section a word far wider
// than the measure, which cannot be set without overfull or loose lines.
func replaceBody(t *testing.T, src []byte, body string) []byte {
	t.Helper()
	i := bytes.Index(src, []byte(`id    = "outlook"`))
	if i < 0 {
		t.Fatal(`fixture lacks section "outlook"`)
	}
	j := bytes.Index(src[i:], []byte("body"))
	k := bytes.Index(src[i+j:], []byte(`"""`))
	if j < 0 || k < 0 {
		t.Fatal("unexpected fixture layout")
	}
	// The body is a multi-line string: drop it to its closing quotes.
	end := bytes.Index(src[i+j+k+3:], []byte(`"""`))
	if end < 0 {
		t.Fatal("unexpected fixture layout")
	}
	out := append([]byte{}, src[:i+j]...)
	out = append(out, body...)
	return append(out, src[i+j+k+3+end+3:]...)
}

// Typographic warnings say where in the data the text they are about is
// written: the file, line and column of its entry.
func TestWarningPositions(t *testing.T) {
	b, cfg, fsys := mini(t)
	b.Sections[1].Body = "Short. " + strings.Repeat("x", 200) + " end."
	_, warns, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pos := b.Sections[1].Pos
	if pos.File == "" || pos.Line == 0 {
		t.Fatalf("section without a position: %+v", pos)
	}
	n := 0
	for _, w := range warns {
		if strings.Contains(w.Where, `section "outlook"`) {
			n++
			if w.Pos != pos {
				t.Errorf("%s: at %+v, want the section's %+v", w, w.Pos, pos)
			}
		}
	}
	if n == 0 {
		t.Fatalf("no warning for the outlook section: %v", warns)
	}
}
