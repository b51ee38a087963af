package pdfwrite

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// sample is two pages: text with a link to an anchor on page 2 and one to
// a URL, a fill, a rule and an outline entry.
func sample() *frames.Doc {
	p := frames.NewNode(frames.P, nil)
	there := frames.NewNode(frames.LinkRole, p)
	actual := "example.org"
	web := frames.NewNode(frames.LinkRole, p)
	return &frames.Doc{
		Meta: frames.Meta{Width: 300, Height: 400, Created: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
			Title: "Sample", Author: "A", Lang: "en", Creator: "test", Producer: "test"},
		Dests: []frames.Dest{{Name: "there", Page: 2, Y: 50}},
		Pages: []frames.Page{
			{Items: []frames.Item{
				{Kind: frames.Bookmark, Text: "Sample — one", Y: 20},
				{Kind: frames.Text, X: 20, Y: 40, Text: "Go ", Font: fonts.Serif, Size: 10, Node: p},
				{Kind: frames.Text, X: 35, Y: 40, Text: "there", Font: fonts.Serif, Size: 10, Node: there},
				{Kind: frames.Link, X: 35, Y: 30, W: 25, H: 12, Dest: "there", Node: there},
				{Kind: frames.Text, X: 20, Y: 70, Text: "exam-", Font: fonts.Serif, Size: 10, Node: web, Actual: &actual},
				{Kind: frames.Link, X: 20, Y: 60, W: 40, H: 12, URL: "https://example.org/", Node: web},
				{Kind: frames.Rect, X: 10, Y: 100, W: 50, H: 20, Color: frames.Color{R: 200}, Node: frames.LayoutArtifact},
				{Kind: frames.Line, X: 10, Y: 130, W: 100, LineWidth: 0.5, Node: frames.LayoutArtifact},
			}},
			{Items: []frames.Item{
				{Kind: frames.Anchor, Name: "there", Y: 50},
				{Kind: frames.Text, X: 20, Y: 60, Text: "Here", Font: fonts.Serif, Size: 10, Node: p},
			}},
		},
		OutlineFont: fonts.Serif, OutlineSize: 10,
	}
}

func write(t *testing.T, doc *frames.Doc, want ...string) []byte {
	t.Helper()
	w := New(doc.Meta, fonts.New(), func(v any, _ []byte) error { return errors.New("panic") })
	defer w.Close()
	for _, f := range want {
		w.Want(f, "text")
	}
	pdf, err := w.Write(doc)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// The write stage draws what the frames hold: every page, the internal
// link to its destination, the URL link, the outline, and only the faces
// the pages use.
func TestWriteDrawsTheFrames(t *testing.T) {
	pdf := write(t, sample())
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	pdf = inflated(t, pdf)
	if n := len(regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(pdf, -1)); n != 2 {
		t.Errorf("%d pages, want 2", n)
	}
	if !regexp.MustCompile(`/Dest \[\d+ 0 R /XYZ 0 350\.00 null\]`).Match(pdf) {
		t.Error("no internal link to y = 50 pt of page 2")
	}
	if !bytes.Contains(pdf, []byte("/URI (https://example.org/)")) {
		t.Error("no URL link")
	}
	if !bytes.Contains(pdf, []byte("/Outlines")) {
		t.Error("no outline")
	}
	if n := bytes.Count(pdf, []byte("/FontFile2")); n != 1 {
		t.Errorf("%d faces embedded, want the one the pages use", n)
	}
}

// Faces the layout asks for meanwhile (Want) are registered on another
// goroutine; the PDF is the same bytes as registering each on first use.
func TestWantLeavesTheBytesAlone(t *testing.T) {
	want := write(t, sample())
	if got := write(t, sample(), fonts.Serif); !bytes.Equal(got, want) {
		t.Error("registering the face during the layout changed the PDF")
	}
}

// inflated is the PDF with each of its deflated streams (page contents,
// object streams) appended inflated, for the tests to look into.
func inflated(t *testing.T, pdf []byte) []byte {
	t.Helper()
	return bytes.Join(append([][]byte{pdf}, streams(t, pdf)...), []byte("\n"))
}

// streams are the PDF's deflated streams, inflated.
func streams(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for _, m := range regexp.MustCompile(`/FlateDecode[^>]*>>\s*stream\r?\n`).FindAllIndex(pdf, -1) {
		r, err := zlib.NewReader(bytes.NewReader(pdf[m[1]:]))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// Every item is drawn inside its node's marked content or an artifact;
// the nodes become structure elements (a link's with its annotation),
// and a word's actual text is kept.
func TestWriteTagsTheItems(t *testing.T) {
	raw := write(t, sample())
	pdf := inflated(t, raw)
	for _, want := range []string{
		"/MarkInfo <</Marked true>>", "/StructTreeRoot", "/Lang (en)", "/DisplayDocTitle true", "<dc:title>",
		"/P <</MCID 0>> BDC", "/Link <</MCID 1>> BDC", "/Artifact <</Type /Layout>> BDC",
		"/S /Document", "/S /P", "/S /Link", "/Type /OBJR", "/Contents (there, page 2)",
		"/Contents (exam-: https://example.org/)", "/Tabs /S",
	} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("no %s", want)
		}
	}
	if !regexp.MustCompile(`/Span <</ActualText \(example\.org\)>> BDC\nBT [^\n]*Tj ET\nEMC`).Match(pdf) {
		t.Error("the hyphenated word has no /ActualText")
	}
	// Content streams: as many EMC as BDC, every text object inside one.
	pages := map[string]bool{}
	for _, c := range streams(t, raw) {
		if !bytes.Contains(c, []byte(" Tj ET")) || pages[string(c)] {
			continue
		}
		pages[string(c)] = true
		depth := 0
		for _, tok := range regexp.MustCompile(`BDC|EMC|Tj`).FindAll(c, -1) {
			switch string(tok) {
			case "BDC":
				depth++
			case "EMC":
				depth--
			case "Tj":
				if depth == 0 {
					t.Errorf("text drawn outside marked content: %q", c)
				}
			}
		}
		if depth != 0 {
			t.Errorf("BDC and EMC do not pair: %q", c)
		}
	}
	if len(pages) != 2 {
		t.Errorf("%d pages' contents, want 2", len(pages))
	}
}

// A table body of more rows than PDF/A-1 allows in an array goes on in a
// second TBody beside it, so that even a very long chronology meets
// PDF/A-1.
func TestLongTableBodyIsSplit(t *testing.T) {
	doc := sample()
	doc.Meta.PDFA = "1B"
	table := frames.NewNode(frames.Table, nil)
	body := frames.NewNode(frames.TBody, table)
	var items []frames.Item
	for i := range maxKids + 5 {
		td := frames.NewNode(frames.TD, frames.NewNode(frames.TR, body))
		items = append(items, frames.Item{Kind: frames.Text, X: 20, Y: 20 + float64(i%300), Text: "x", Font: fonts.Serif, Size: 1, Node: td})
	}
	doc.Pages = append(doc.Pages, frames.Page{Items: items})
	pdf := write(t, doc)
	if n := bytes.Count(pdf, []byte("/S /TBody")); n != 2 {
		t.Errorf("%d TBody elements, want 2", n)
	}
	if n := bytes.Count(pdf, []byte("/S /TR")); n != maxKids+5 {
		t.Errorf("%d rows, want %d", n, maxKids+5)
	}
}

// fill replaces a link description's placeholders as strings.Replacer
// does: left to right, the first placeholder that matches, the values
// put in not searched again; an empty message takes the default.
func TestFillLikeReplacer(t *testing.T) {
	cases := []struct{ msg, def string }{
		{"{text}, page {page}", ""},
		{"", "{text}, page {page}"},
		{"Seite {page}: {text}", ""},
		{"{page}{page} {text}{", ""},
		{"no placeholder", ""},
		{"{tex} {pag} {{page}} ünïcödé {text}", ""},
	}
	pairs := []string{"{text}", "Talks {page} resume", "{page}", "12"}
	for _, c := range cases {
		msg := c.msg
		if msg == "" {
			msg = c.def
		}
		want := strings.NewReplacer(pairs...).Replace(msg)
		if got := fill(c.msg, c.def, pairs...); got != want {
			t.Errorf("fill(%q, %q) = %q, want %q", c.msg, c.def, got, want)
		}
	}
}
