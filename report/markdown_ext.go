package report

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// The Markdown analysts use beyond CommonMark: goldmark's Table,
// Strikethrough and Footnote extensions, rendered into the report's own
// blocks. A pipe table becomes a numbered table set like the chronology,
// captioned by a following "Table: …" paragraph; a footnote ([^1]) a
// numbered note among the citations' notes; ~~text~~ is struck through.
// An image alone in its paragraph becomes an image block (a figure when
// the section is laid out). goldmark's Typographer is not used: quotes
// and dashes follow the language at layout time (smartquotes.go).

// markdownExtensions are the parser options of the extensions, at the
// priorities goldmark's own extenders give them.
func markdownExtensions() []parser.Option {
	return []parser.Option{
		parser.WithParagraphTransformers(util.Prioritized(extension.NewTableParagraphTransformer(), 200)),
		parser.WithASTTransformers(
			util.Prioritized(extension.NewTableASTTransformer(), 0),
			util.Prioritized(extension.NewFootnoteASTTransformer(), 999)),
		parser.WithInlineParsers(
			util.Prioritized(extension.NewStrikethroughParser(), 500),
			util.Prioritized(extension.NewFootnoteParser(), 101)),
		parser.WithBlockParsers(util.Prioritized(extension.NewFootnoteBlockParser(), 999)),
	}
}

// mdTable is a pipe table: a header row and body rows of cells.
type mdTable struct {
	Header  []mdCell
	Rows    [][]mdCell
	Align   []extast.Alignment
	Caption []typeset.Run // from a following "Table: …" paragraph; may be empty
}

type mdCell struct{ Runs []typeset.Run }

// mdImage is an image alone in its paragraph.
type mdImage struct {
	Dest  string // the file, relative to the config's directory
	Alt   string
	Title string
}

// mdExt is the renderer's state for the extensions.
type mdExt struct {
	strike    int
	src       []byte
	footnotes map[int]*extast.Footnote
	noted     map[int]int // footnote index → note number
	inFoot    map[int]bool
	table     *mdTable
	row       []mdCell
	caption   bool
}

func (r *mdRenderer) registerExtensions(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindDocument, r.document)
	reg.Register(ast.KindParagraph, r.paragraphOrCaption)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindHeading, r.headingLevel)
	reg.Register(extast.KindStrikethrough, r.strikethrough)
	reg.Register(extast.KindTable, r.table)
	reg.Register(extast.KindTableHeader, r.tableRow)
	reg.Register(extast.KindTableRow, r.tableRow)
	reg.Register(extast.KindTableCell, r.tableCell)
	reg.Register(extast.KindFootnoteLink, r.footnoteLink)
	reg.Register(extast.KindFootnoteBacklink, r.skip)
	reg.Register(extast.KindFootnoteList, r.skip)
}

// document notes the footnotes of the text, which are set where they are
// referenced, and the source.
func (r *mdRenderer) document(_ util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	r.ext.src = src
	r.ext.footnotes = map[int]*extast.Footnote{}
	defined := map[string]bool{}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if list, ok := c.(*extast.FootnoteList); ok {
			for f := list.FirstChild(); f != nil; f = f.NextSibling() {
				if fn, ok := f.(*extast.Footnote); ok {
					r.ext.footnotes[fn.Index] = fn
					defined[strings.ToLower(string(fn.Ref))] = true
				}
			}
		}
	}
	// A reference to a footnote the text does not define prints as
	// written: say so.
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || (c.Kind() != ast.KindParagraph && c.Kind() != ast.KindTextBlock) {
			return ast.WalkContinue, nil
		}
		line := string(c.Lines().Value(src))
		for _, m := range footnoteRefRE.FindAllStringSubmatchIndex(line, -1) {
			label := line[m[2]:m[3]]
			if strings.Count(line[:m[0]], "`")%2 == 0 && !defined[strings.ToLower(label)] {
				r.warn(fmt.Sprintf("footnote [^%s] is not defined in this text (a line \"[^%s]: …\"): it is printed as written", label, label))
			}
		}
		return ast.WalkContinue, nil
	})
	return ast.WalkContinue, nil
}

var footnoteRefRE = regexp.MustCompile(`\[\^([^\]\s]+)\](?:[^:]|$)`)

func (r *mdRenderer) strikethrough(_ util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.ext.strike++
	} else {
		r.ext.strike--
	}
	return ast.WalkContinue, nil
}

// footnoteLink sets the footnote's note number as a superscript linked
// to the note, as a citation is; the footnote's text becomes the note.
func (r *mdRenderer) footnoteLink(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	link := n.(*extast.FootnoteLink)
	fn := r.ext.footnotes[link.Index]
	if fn == nil || r.st.Note == nil || r.ext.inFoot[link.Index] {
		return ast.WalkSkipChildren, nil
	}
	if r.ext.noted == nil {
		r.ext.noted = map[int]int{}
	}
	var note int
	var anchor string
	if n, ok := r.ext.noted[link.Index]; ok {
		note, anchor = r.st.Note(n, nil)
	} else {
		note, anchor = r.st.Note(0, r.footnoteRuns(link.Index, fn))
		r.ext.noted[link.Index] = note
	}
	size, rise := r.st.Size*0.68, r.st.Size*0.36
	if len(r.runs) > 0 && r.runs[len(r.runs)-1].Style.Rise > 0 {
		r.runs = append(r.runs, typeset.Run{Text: ",",
			Style: typeset.Style{Font: face(r.st.Family, false, false), Size: size, Rise: rise, Tag: tag{}}})
	}
	r.runs = append(r.runs, typeset.Run{Text: itoa(note), Style: typeset.Style{
		Font: face(r.st.Family, false, false), Size: size, Rise: rise,
		Tag: tag{Dest: noteAnchor(note), Anchor: anchor, Color: r.st.Link, HasColor: true},
	}})
	return ast.WalkSkipChildren, nil
}

// footnoteRuns renders a footnote's text as one paragraph of runs.
func (r *mdRenderer) footnoteRuns(index int, fn *extast.Footnote) []typeset.Run {
	sub := &mdRenderer{st: r.st}
	sub.ext.src, sub.ext.footnotes = r.ext.src, r.ext.footnotes
	sub.ext.inFoot = map[int]bool{index: true}
	for k := range r.ext.inFoot {
		sub.ext.inFoot[k] = true
	}
	rd := renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(sub, 100)))
	if err := rd.Render(io.Discard, r.ext.src, fn); err != nil && r.err == nil {
		r.err = err
	}
	sub.flush(false, false)
	if sub.err != nil && r.err == nil {
		r.err = sub.err
	}
	var out []typeset.Run
	for i, p := range sub.paras {
		if i > 0 && len(p.Runs) > 0 {
			out = append(out, typeset.Run{Text: " ", Style: p.Runs[0].Style})
		}
		out = append(out, p.Runs...)
	}
	return out
}

// table starts or ends a pipe table.
func (r *mdRenderer) table(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.flush(false, false)
		r.ext.table = &mdTable{Align: n.(*extast.Table).Alignments}
		return ast.WalkContinue, nil
	}
	t := r.ext.table
	r.ext.table = nil
	// A "Table: …" line right under the table (no blank line between)
	// is read by the table parser as a last row: it is the caption.
	if k := len(t.Rows); k > 0 {
		last := t.Rows[k-1]
		if len(last) > 0 && captionRuns(last[0].Runs) != nil && emptyCells(last[1:]) {
			t.Caption = captionRuns(last[0].Runs)
			t.Rows = t.Rows[:k-1]
		}
	}
	r.paras = append(r.paras, mdPara{Table: t, Level: len(r.lists), Quote: r.quote})
	return ast.WalkContinue, nil
}

func emptyCells(cs []mdCell) bool {
	for _, c := range cs {
		if len(c.Runs) > 0 {
			return false
		}
	}
	return true
}

func (r *mdRenderer) tableRow(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.ext.row = nil
		return ast.WalkContinue, nil
	}
	if n.Kind() == extast.KindTableHeader {
		r.ext.table.Header = r.ext.row
	} else {
		r.ext.table.Rows = append(r.ext.table.Rows, r.ext.row)
	}
	return ast.WalkContinue, nil
}

func (r *mdRenderer) tableCell(_ util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.runs = nil
		return ast.WalkContinue, nil
	}
	r.ext.row = append(r.ext.row, mdCell{Runs: trimRuns(r.runs)})
	r.runs = nil
	return ast.WalkContinue, nil
}

// captionRuns returns runs without their leading "Table:", or nil when
// they do not start with it.
func captionRuns(runs []typeset.Run) []typeset.Run {
	if len(runs) == 0 || !strings.HasPrefix(runs[0].Text, "Table:") {
		return nil
	}
	out := append([]typeset.Run(nil), runs...)
	out[0].Text = strings.TrimLeft(strings.TrimPrefix(out[0].Text, "Table:"), " ")
	if out[0].Text == "" {
		out = out[1:]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// paragraphOrCaption is a paragraph, or the caption of the table just
// before it when it starts with "Table:".
func (r *mdRenderer) paragraphOrCaption(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	prev, isTable := n.PreviousSibling().(*extast.Table)
	if !isTable || prev == nil || len(r.paras) == 0 || r.paras[len(r.paras)-1].Table == nil {
		return r.paragraph(w, src, n, entering)
	}
	if entering {
		r.ext.caption = strings.HasPrefix(strings.TrimSpace(string(n.Lines().Value(src))), "Table:")
		return r.paragraph(w, src, n, entering)
	}
	if !r.ext.caption {
		return r.paragraph(w, src, n, entering)
	}
	r.ext.caption = false
	if c := captionRuns(trimRuns(r.runs)); c != nil {
		r.paras[len(r.paras)-1].Table.Caption = c
		r.runs = nil
		return ast.WalkContinue, nil
	}
	return r.paragraph(w, src, n, entering)
}

// image is a block image when it is alone in its paragraph; within text
// its alt text stands in its place, as before.
func (r *mdRenderer) image(_ util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	img := n.(*ast.Image)
	alone := n.Parent() != nil && n.Parent().ChildCount() == 1 && r.ext.table == nil
	if !alone {
		if entering {
			r.warn(fmt.Sprintf("image %s inside a paragraph: only its alt text is printed; give it a paragraph of its own to make it a figure", img.Destination))
		}
		return ast.WalkContinue, nil // its children, the alt text, are set
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	var alt strings.Builder
	_ = ast.Walk(n, func(c ast.Node, enter bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && enter {
			alt.Write(t.Segment.Value(src))
		}
		if s, ok := c.(*ast.String); ok && enter {
			alt.Write(s.Value)
		}
		return ast.WalkContinue, nil
	})
	r.flush(false, false)
	r.paras = append(r.paras, mdPara{Image: &mdImage{Dest: string(img.Destination), Alt: strings.TrimSpace(alt.String()),
		Title: string(img.Title)}, Level: len(r.lists), Quote: r.quote})
	return ast.WalkSkipChildren, nil
}

// footnote makes a footnote's text the next note; its number and a new
// anchor for the reference.
func (d *doc) footnote(again int, text []typeset.Run) (int, string) {
	nb := d.notes
	if again > 0 {
		a := "cite-" + itoa(again) + "-" + itoa(len(nb.cites[again])+1)
		nb.cites[again] = append(nb.cites[again], a)
		return again, a
	}
	id := data.ID("footnote-" + itoa(len(nb.texts)+1))
	d.smartRuns(text, d.body)
	internalLinks(text)
	nb.texts[id] = footnote{runs: text, pos: d.notePos}
	nb.order = append(nb.order, id)
	n := len(nb.order)
	nb.num[id] = n
	a := "cite-" + itoa(n) + "-1"
	nb.cites[n] = append(nb.cites[n], a)
	return n, a
}

// resize sets runs at size, keeping their proportions (superscripts).
func resize(runs []typeset.Run, size float64) []typeset.Run {
	out := make([]typeset.Run, len(runs))
	base := 0.0
	for _, r := range runs {
		if r.Style.Rise == 0 {
			base = max(base, r.Style.Size)
		}
	}
	if base == 0 {
		base = size
	}
	for i, r := range runs {
		r.Style.Size *= size / base
		r.Style.Rise *= size / base
		out[i] = r
	}
	return out
}

// markdownBlocks is markdown for a section, where tables and images are
// blocks of their own.
func (d *doc) markdownBlocks(src string, size float64) ([]mdPara, error) {
	paras, err := renderMarkdown(src, d.mdStyle(size))
	for i := range paras {
		p := &paras[i]
		switch {
		case p.Table != nil:
			for _, c := range p.Table.Header {
				d.smartRuns(c.Runs, d.body)
			}
			for _, row := range p.Table.Rows {
				for _, c := range row {
					d.smartRuns(c.Runs, d.body)
				}
			}
			d.smartRuns(p.Table.Caption, d.body)
		case p.Image != nil:
			p.Image.Alt = d.smart(p.Image.Alt)
		case !p.Code:
			d.smartRuns(p.Runs, d.body)
		}
		internalLinks(p.Runs)
	}
	return paras, err
}

// internalLinks makes a link to "#name" (a table-N, figure-N or
// sec-ID anchor) a link inside the PDF.
func internalLinks(runs []typeset.Run) {
	for i := range runs {
		if t, ok := runs[i].Style.Tag.(tag); ok && strings.HasPrefix(t.URL, "#") && len(t.URL) > 1 {
			t.Dest, t.URL = t.URL[1:], ""
			runs[i].Style.Tag = t
		}
	}
}

// blocksOnlyInSections is the error for a table or image in a text that
// is not a section (the summary, a judgment, an event's summary).
func blocksOnlyInSections(paras []mdPara) error {
	for _, p := range paras {
		if p.Table != nil {
			return errors.New("markdown: a table can stand only in a section's body")
		}
		if p.Image != nil {
			return fmt.Errorf("markdown: an image (%s) can stand only in a section's body", p.Image.Dest)
		}
	}
	return nil
}

func (r *mdRenderer) warn(msg string) {
	if r.st.Warn != nil {
		r.st.Warn(msg)
	}
}

// headingLevel warns of a heading deeper than a section's own
// subheadings (##), which is set as one of them.
func (r *mdRenderer) headingLevel(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if h := n.(*ast.Heading); entering && h.Level > 2 {
		r.warn(fmt.Sprintf("heading of level %d (%s): a section's text has one level of headings under the section's title; it is set as one of them",
			h.Level, strings.Repeat("#", h.Level)))
	}
	return r.heading(w, src, n, entering)
}

// mdWarn is the inline style's Warn: a warning at the entry whose text
// is being composed.
func (d *doc) mdWarn(msg string) {
	d.notices = append(d.notices, Warning{Where: d.noteWhat, Pos: d.notePos, Msg: msg})
}
