package pdfwrite

import (
	"bytes"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// sample is two pages: text with a link to an anchor on page 2 and one to
// a URL, a fill, a rule and an outline entry.
func sample() *frames.Doc {
	p := frames.NewNode(frames.P, nil)
	return &frames.Doc{
		Meta: frames.Meta{Width: 300, Height: 400, Created: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
			Title: "Sample", Author: "A", Lang: "en", Creator: "test", Producer: "test"},
		Dests: []frames.Dest{{Name: "there", Page: 2, Y: 50}},
		Pages: []frames.Page{
			{Items: []frames.Item{
				{Kind: frames.Bookmark, Text: "Sample — one", Y: 20},
				{Kind: frames.Text, X: 20, Y: 40, Text: "Go there", Font: fonts.Serif, Size: 10, Node: p},
				{Kind: frames.Link, X: 20, Y: 30, W: 40, H: 12, Dest: "there", Node: p},
				{Kind: frames.Link, X: 20, Y: 60, W: 40, H: 12, URL: "https://example.org/", Node: p},
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
