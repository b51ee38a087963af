// Package pdfwrite is the report's write stage: it turns a finished
// document (report/internal/frames) into PDF through fpdf, and does
// nothing else. It lays nothing out and checks no input: every problem
// of the input is known before it runs. With the chart canvas
// (internal/pdfcanvas) it is the only code of the report that knows fpdf.
package pdfwrite

import (
	"bytes"
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg/draw"

	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/pdfcanvas"
	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// Writer is a PDF being made. New starts it before the layout, so that
// the faces the layout asks for (Want) are registered meanwhile; Write
// draws the finished pages. A Writer writes one document.
type Writer struct {
	pdf    *fpdf.Fpdf
	set    *fonts.Set
	reg    *registrar
	shaped *pdfcanvas.Text // draws the text items and the charts' text; nil: text is not shaped (fonts.Set.Shaping)
}

// New starts a PDF of meta's page size and information, with the faces
// of set at hand. onPanic makes the error of a panic in fpdf's font
// parser on the registering goroutine. Close (or Write) must be called.
func New(meta frames.Meta, set *fonts.Set, onPanic func(v any, stack []byte) error) *Writer {
	pdf := newPDF(meta)
	w := &Writer{pdf: pdf, set: set, reg: startRegistrar(pdf, set, onPanic)}
	if set.Shaping() {
		// Text is drawn as shaped glyph runs (text below).
		pdf.SetGlyphFonts(true)
		w.shaped = pdfcanvas.NewText(pdf, set)
	}
	return w
}

// Want tells the writer that text will be drawn in face: the face is
// registered with the PDF on another goroutine while the layout goes on.
// It must be called from one goroutine, and not after Write or Close.
func (w *Writer) Want(face, text string) { w.reg.want(face, text) }

// Close stops the registering goroutine; it is safe to call twice.
func (w *Writer) Close() { w.reg.wait() }

// newPDF makes the fpdf document: page size, metadata and output
// settings; nothing is drawn yet.
func newPDF(m frames.Meta) *fpdf.Fpdf {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: m.Width, Ht: m.Height}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(m.Created)
	pdf.SetModificationDate(m.Created)
	pdf.SetTitle(m.Title, true)
	if m.Author != "" {
		pdf.SetAuthor(m.Author, true)
	}
	if m.Subject != "" {
		pdf.SetSubject(m.Subject, true)
	}
	if m.Keywords != "" {
		pdf.SetKeywords(m.Keywords, true)
	}
	pdf.SetCreator(m.Creator, true)
	pdf.SetProducer(m.Producer, true)
	pdf.SetLang(m.Lang)
	pdf.SetDisplayMode("fullwidth", "single")
	// Tagged PDF (docs/tagging.md): the structure tree, XMP from the
	// information dictionary, the title in the viewer's title bar, the
	// fonts' real names.
	pdf.SetTagged(true)
	pdf.SetXmpFromInfo(true)
	pdf.SetDisplayDocTitle(true)
	pdf.SetPostScriptFontNames(true)
	setStandard(pdf, m)
	return pdf
}

// Write draws doc's pages and returns the PDF's bytes.
func (w *Writer) Write(doc *frames.Doc) ([]byte, error) {
	pdf := w.pdf
	// A face is registered (and so embedded) when it is used: an unused
	// face costs its parsing and a subset in the file.
	w.reg.wait()
	use := w.reg.register
	for _, im := range doc.Images {
		info := pdf.RegisterImageOptionsReader(im.Name, fpdf.ImageOptions{ImageType: im.Type}, bytes.NewReader(im.Data))
		if err := pdf.Error(); err != nil || info == nil {
			if err == nil {
				err = fmt.Errorf("image %s cannot be read", im.Name)
			}
			return nil, fmt.Errorf("writing PDF: %w", err)
		}
	}
	// Internal links: one fpdf link per anchor that something links to.
	links := make(map[string]int, len(doc.Dests))
	for _, d := range doc.Dests {
		links[d.Name] = pdf.AddLink()
	}
	for _, d := range doc.Dests {
		pdf.SetLink(links[d.Name], d.Y, d.Page)
	}
	chartFont := func(f font.Font) string {
		name := fonts.FaceName(f)
		use(name)
		return name
	}
	st := &penState{use: use}
	tg := newTagger(pdf, doc)
	for i := range doc.Pages {
		pdf.AddPage()
		st.reset()
		items := doc.Pages[i].Items
		for j := range items {
			w.item(st, tg, doc, &items[j], links, chartFont)
		}
		tg.end()
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("writing PDF: %w", err)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("writing PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// item draws one item.
func (w *Writer) item(st *penState, tg *tagger, doc *frames.Doc, it *frames.Item, links map[string]int, chartFont func(font.Font) string) {
	pdf := w.pdf
	switch it.Kind {
	case frames.Text, frames.Rect, frames.Line, frames.Chart, frames.Image:
		// What is drawn is marked as its node's content or an artifact.
		tg.mark(it.Node)
	}
	switch it.Kind {
	case frames.Text:
		st.textColor(pdf, it.Color)
		switch {
		case w.shaped != nil:
			// Shaped: glyph runs, inside the same marked content, and
			// a hyphenated word's /ActualText around them.
			if it.Actual != nil {
				pdf.BeginActualText(*it.Actual)
				w.text(st, it)
				pdf.EndMarkedContent()
			} else {
				w.text(st, it)
			}
		case it.Actual != nil:
			st.font(pdf, it.Font, it.Size)
			pdf.BeginActualText(*it.Actual)
			pdf.Text(it.X, it.Y, it.Text)
			pdf.EndMarkedContent()
		default:
			st.font(pdf, it.Font, it.Size)
			pdf.Text(it.X, it.Y, it.Text)
		}
	case frames.Rect:
		st.fillColor(pdf, it.Color)
		pdf.Rect(it.X, it.Y, it.W, it.H, "F")
	case frames.Line:
		st.drawColor(pdf, it.Color)
		st.lineWidth(pdf, it.LineWidth)
		pdf.Line(it.X, it.Y, it.X+it.W, it.Y+it.H)
	case frames.Link:
		if id, ok := links[it.Dest]; ok || it.URL != "" {
			tg.link(it, id)
		}
	case frames.Bookmark:
		// fpdf encodes a bookmark's title as UTF-16 only while a UTF-8
		// font is current.
		if st.fnt == "" {
			st.font(pdf, doc.OutlineFont, doc.OutlineSize)
		}
		// Nested by level (the fork writes the Count that items with
		// children need).
		pdf.Bookmark(it.Text, int(it.Level), it.Y)
	case frames.Chart:
		c := pdfcanvas.New(pdf, it.X, it.Y, it.W, it.H, chartFont)
		if w.shaped != nil {
			c.Shaped(w.shaped, st.use)
		}
		it.Plot.Draw(draw.New(c))
	case frames.Image:
		pdf.ImageOptions(it.Name, it.X, it.Y, it.W, it.H, false, fpdf.ImageOptions{}, 0, "")
	}
}

// text draws a text item as glyphs shaped as the layout measured them
// (fonts.Set.Shape): a glyph run per face, with its kerning, ligatures
// and mark positions, and the text for extraction in the ToUnicode CMap
// (or /ActualText).
func (w *Writer) text(st *penState, it *frames.Item) {
	err := w.shaped.ShowDir(it.Font, it.Text, it.RTL, it.Spaces, it.X, it.Y, it.Size, func(face string) { st.font(w.pdf, face, it.Size) })
	if err != nil {
		w.pdf.SetError(fmt.Errorf("text %q: %w", it.Text, err))
	}
}

// penState avoids repeating fpdf state changes.
type penState struct {
	use                 func(face string) // registers a face on first use
	fnt                 string
	size                float64
	text, fill, draw    frames.Color
	haveText, haveFill  bool
	haveDraw, haveWidth bool
	width               float64
}

func (s *penState) reset() { *s = penState{use: s.use} }

func (s *penState) font(pdf *fpdf.Fpdf, f string, size float64) {
	if s.fnt != f || s.size != size {
		s.use(f)
		pdf.SetFont(f, "", size)
		s.fnt, s.size = f, size
	}
}

func (s *penState) textColor(pdf *fpdf.Fpdf, c frames.Color) {
	if !s.haveText || s.text != c {
		pdf.SetTextColor(int(c.R), int(c.G), int(c.B))
		s.text, s.haveText = c, true
	}
}

func (s *penState) fillColor(pdf *fpdf.Fpdf, c frames.Color) {
	if !s.haveFill || s.fill != c {
		pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
		s.fill, s.haveFill = c, true
	}
}

func (s *penState) drawColor(pdf *fpdf.Fpdf, c frames.Color) {
	if !s.haveDraw || s.draw != c {
		pdf.SetDrawColor(int(c.R), int(c.G), int(c.B))
		s.draw, s.haveDraw = c, true
	}
}

func (s *penState) lineWidth(pdf *fpdf.Fpdf, w float64) {
	if !s.haveWidth || s.width != w {
		pdf.SetLineWidth(w)
		s.width, s.haveWidth = w, true
	}
}

// Chart draws plot alone on a page of its size (w by h points), in the
// faces of set, with meta's information, and returns the PDF's bytes.
// Every face of set is registered: a chart's text is not known before
// it is drawn.
func Chart(meta frames.Meta, set *fonts.Set, plot *plot.Plot, w, h float64) ([]byte, error) {
	meta.Width, meta.Height = w, h
	pdf := newChartPDF(meta)
	if set.Shaping() {
		pdf.SetGlyphFonts(true)
	}
	if err := pdfcanvas.Register(pdf, set); err != nil {
		return nil, err
	}
	pdf.AddPage()
	use := func(name string) {
		if f, ok := set.EmbedFace(name); ok {
			pdf.AddUTF8FontFromBytes(name, "", f.TTF) // a no-op for a face added already
		}
	}
	c := pdfcanvas.New(pdf, 0, 0, w, h, nil)
	if set.Shaping() {
		c.Shaped(pdfcanvas.NewText(pdf, set), use)
	}
	plot.Draw(draw.New(c))
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newChartPDF is newPDF for a chart alone: no author, subject, keywords,
// language or display mode.
func newChartPDF(m frames.Meta) *fpdf.Fpdf {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: m.Width, Ht: m.Height}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(m.Created)
	pdf.SetModificationDate(m.Created)
	pdf.SetTitle(m.Title, true)
	pdf.SetCreator(m.Creator, true)
	pdf.SetProducer(m.Producer, true)
	return pdf
}
