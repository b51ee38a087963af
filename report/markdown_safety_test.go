package report

import (
	"fmt"
	"strings"
	"testing"
)

// Issue 12, item 15: paragraphs written as raw HTML blocks used to vanish
// with their text. Their text is kept, without the tags, and a warning
// names the section's position.
func TestHTMLBlockTextIsKept(t *testing.T) {
	b, cfg, fsys := mini(t)
	s := &b.Sections[1]
	s.Body = "Before.\n\n<div class=\"x\">alpha <b>beta</b>\n</div>\n\n<p>gamma &amp; delta</p>\n\n" +
		"<!-- a comment -->\n\n<table><tr><td>epsilon</td></tr></table>\n\nAfter."
	pdf, warns, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := normalizeSpace(readPDF(t, pdf).allText())
	for _, w := range []string{"Before.", "alpha beta", "gamma & delta", "epsilon", "After."} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q", w)
		}
	}
	if strings.Contains(text, "<div") || strings.Contains(text, "</p>") || strings.Contains(text, "comment") {
		t.Errorf("tags or comments printed: %s", text)
	}
	// Positioned at the section (FILE:LINE:COL on the command line).
	at := fmt.Sprintf("section %q", s.ID)
	n := 0
	for _, w := range warns {
		if w.Pos == s.Pos && w.Where == at && strings.Contains(w.Msg, "raw HTML block") {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d warnings at %v, %s about raw HTML blocks, want 4: %v", n, s.Pos, at, warns)
	}
}

func TestStripTags(t *testing.T) {
	for in, want := range map[string]string{
		"<div>a <em>b</em></div>":      "a b",
		"<p>x &lt; y &amp; z</p>":      "x < y & z",
		"a<!-- gone -->b":              "a b",
		"<br/>":                        "",
		"1 < 2 and <3":                 "1 < 2 and <3",
		"<div\nclass=\"q\">text</div>": "text",
		"<p>unclosed <!-- comment":     "unclosed",
	} {
		if got := stripTags(in); got != want {
			t.Errorf("stripTags(%q) = %q, want %q", in, got, want)
		}
	}
}

// Issue 12, item 16: links in Markdown to javascript:, file: and data:
// used to become live PDF links. They follow the rule of source URLs:
// http or https only, else an error at the section's position.
func TestMarkdownLinksMustBeHTTP(t *testing.T) {
	for _, body := range []string{
		"See [this](javascript:alert(1)).",
		"See [this](file:///etc/passwd).",
		"See [this](data:text/html,hello).",
		"See [this](JAVASCRIPT:alert(1)).",
		"See [this](notes.html).",
		"See <mailto:desk@example.org>.",
		"See [ref].\n\n[ref]: ftp://example.org/x",
	} {
		b, cfg, fsys := mini(t)
		s := &b.Sections[1]
		s.Body = body
		_, _, err := buildPDF(b, cfg, fsys, Options{})
		at := fmt.Sprintf("%s:%d:%d: section %q", s.Pos.File, s.Pos.Line, s.Pos.Col, s.ID)
		if err == nil || !strings.Contains(err.Error(), at) || !strings.Contains(err.Error(), "want an http or https URL") {
			t.Errorf("%q: err = %v, want it at %s", body, err, at)
		}
	}
	// In an event's summary too.
	b, cfg, fsys := mini(t)
	b.Events[0].Summary = "A [link](javascript:void(0))."
	if _, _, err := buildPDF(b, cfg, fsys, Options{}); err == nil || !strings.Contains(err.Error(), "summary: link: invalid URL") {
		t.Errorf("summary: err = %v, want a link error", err)
	}
	// http and https links stay live.
	b, cfg, fsys = mini(t)
	b.Sections[1].Body = "See [a](http://example.org/a) and <https://example.org/b>."
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, uris := readPDF(t, pdf).links()
	for _, u := range []string{"http://example.org/a", "https://example.org/b"} {
		if !contains(uris, u) {
			t.Errorf("no link to %s in %v", u, uris)
		}
	}
}
