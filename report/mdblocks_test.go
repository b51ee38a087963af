package report

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
)

// withSection adds a section with body to the starter (in language) and
// builds it.
func withSection(t *testing.T, language, body string, files map[string][]byte) (string, *pdfDoc, error) {
	t.Helper()
	fsys := starterFS(t, language)
	src := string(fsys["data/briefing.toml"].Data)
	src = strings.Replace(src, "[[sections]]", "[[sections]]\nid = \"md\"\ntitle = \"Markdown\"\nbody = '''\n"+body+"\n'''\n\n[[sections]]", 1)
	fsys["data/briefing.toml"] = &fstest.MapFile{Data: []byte(src)}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	b, cfg := loadFS(t, fsys, "config.toml")
	raw, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		return "", nil, err
	}
	doc := readPDF(t, raw)
	return squeeze(doc.allText()), doc, nil
}

func pngFile(t *testing.T, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMarkdownTableFootnoteImage: a section with a pipe table, a footnote, a struck
// word and an image builds to a numbered table with its caption, a
// numbered note among the notes, and a numbered figure.
func TestMarkdownTableFootnoteImage(t *testing.T) {
	body := `Rounds, as [Table 1](#table-1) shows[^a]. Some claims were ~~withdrawn~~ corrected.

| Round | Place | Days |
| :--- | :--- | ---: |
| First | Port Sallow | 3 |
| Second | *Lake Orrin* | 2 |

Table: Rounds of talks, 2025.

![A map of the lake](maps/lake.png "The Orrin basin")

Again[^a], and once more[^b].

[^a]: The footnote's text, which cites [@round-one].
[^b]: Another note.`
	text, doc, err := withSection(t, "fr", body, map[string][]byte{"maps/lake.png": pngFile(t, 300, 200)})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Tableau 1. Rounds of talks, 2025.", "Round Place Days", "Second Lake Orrin 2",
		"Figure 1. The Orrin basin.", "The footnote’s text, which cites", "Another note.",
		"withdrawn corrected",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%q is not in the PDF", want)
		}
	}
	if strings.Contains(text, "[^a]") || strings.Contains(text, "| Round") || strings.Contains(text, "Table:") {
		t.Error("Markdown syntax is printed as text")
	}
	// The footnote referenced twice is one note.
	if n := strings.Count(text, "The footnote’s text"); n != 1 {
		t.Errorf("the footnote's text is printed %d times, want once", n)
	}
	if titles, _ := doc.outline(); !contains(titles, "Figure 1. The Orrin basin") {
		t.Errorf("outline %q lacks the image's figure", titles)
	}
}

// TestMarkdownImageErrors: a missing file, missing alt text, an SVG and a
// URL are errors at the section, naming the image.
func TestMarkdownImageErrors(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"![A map](nothere.png)", "image nothere.png: "},
		{"![](maps/lake.png)", "image maps/lake.png: alt text is required"},
		{"![A map](maps/lake.svg)", "SVG images are not supported"},
		{"![A map](https://example.test/x.png)", "not a URL"},
		{"![A map](maps/bad.png)", "image maps/bad.png: not a valid PNG image"},
	} {
		_, _, err := withSection(t, "en", c.body, map[string][]byte{"maps/lake.png": pngFile(t, 10, 10), "maps/bad.png": pngFile(t, 10, 10)[:60]})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), `data/briefing.toml:`) {
			t.Errorf("%s: error %v, want %q at the section", c.body, err, c.want)
		}
	}
}

// A table in the summary, which has no room for one, is an error.
func TestMarkdownTableOutsideSection(t *testing.T) {
	fsys := starterFS(t, "en")
	src := strings.Replace(string(fsys["data/briefing.toml"].Data), `summary  = """`, "summary  = \"\"\"\n| a | b |\n| - | - |\n| 1 | 2 |\n", 1)
	fsys["data/briefing.toml"] = &fstest.MapFile{Data: []byte(src)}
	b, cfg := loadFS(t, fsys, "config.toml")
	if _, _, err := buildPDF(b, cfg, fsys, Options{}); err == nil || !strings.Contains(err.Error(), "a table can stand only in a section") {
		t.Errorf("error %v", err)
	}
}

// TestMarkdownWarnings: Markdown set otherwise than written is a warning
// at the section's entry, not silently changed.
func TestMarkdownWarnings(t *testing.T) {
	fsys := starterFS(t, "en")
	src := strings.Replace(string(fsys["data/briefing.toml"].Data), "[[sections]]",
		"[[sections]]\nid = \"md\"\ntitle = \"Markdown\"\nbody = '''\nSee ![the map](map.png) here[^nope].\n\n#### Too deep\n'''\n\n[[sections]]", 1)
	fsys["data/briefing.toml"] = &fstest.MapFile{Data: []byte(src)}
	b, cfg := loadFS(t, fsys, "config.toml")
	_, warns, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(src[:strings.Index(src, "id = \"md\"")], "\n")
	found := 0
	for _, w := range warns {
		if strings.Contains(w.Msg, "image map.png inside a paragraph") || strings.Contains(w.Msg, "heading of level 4") ||
			strings.Contains(w.Msg, "footnote [^nope] is not defined") {
			found++
			if w.Pos.File != "data/briefing.toml" || w.Pos.Line != line || w.Where != `section "md"` {
				t.Errorf("warning %+v: want it at data/briefing.toml:%d, section \"md\"", w, line)
			}
		}
	}
	if found != 3 {
		t.Errorf("%d Markdown warnings, want 3: %v", found, warns)
	}
}
