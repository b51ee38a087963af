package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

var (
	mdOnce   sync.Once
	mdParser parser.Parser
)

// markdownParser is CommonMark with citations; the link parser has
// priority 200, ours runs first.
func markdownParser() parser.Parser {
	mdOnce.Do(func() {
		inlines := append(parser.DefaultInlineParsers(), util.Prioritized(citationParser{}, 199))
		mdParser = parser.NewParser(
			parser.WithBlockParsers(parser.DefaultBlockParsers()...),
			parser.WithInlineParsers(inlines...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		)
		mdParser.AddOptions(markdownExtensions()...) // markdown_ext.go
	})
	return mdParser
}

// mdPara is one paragraph of a Markdown text, ready to be broken.
type mdPara struct {
	Runs    []typeset.Run
	Level   int      // list nesting depth
	Marker  string   // list marker, on the first paragraph of an item
	Quote   int      // block quote depth
	Heading bool     // a heading inside the text
	Code    bool     // a code block
	Tight   bool     // in a tight list: no space before it
	Start   bool     // the first paragraph of a top-level list
	Table   *mdTable // a pipe table (markdown_ext.go); Runs are empty
	Image   *mdImage // an image alone in its paragraph (markdown_ext.go)
}

// inlineStyle is what Markdown needs of the document's styles.
type inlineStyle struct {
	Family  string  // "serif" or "sans"
	Size    float64 // points
	Link    Color   // link colour
	Cite    func(id data.ID) (note int, anchor string, err error)
	Heading string // font family of headings in the text
	Shaped  bool   // text is shaped: headings' faces carry their role (inHeadings)
	// Note makes a footnote's text a numbered note (markdown_ext.go),
	// or with again > 0 cites note again; nil leaves footnotes out of a
	// text that cannot have them.
	Note func(again int, text []typeset.Run) (note int, anchor string)
	// Warn reports Markdown that is set otherwise than written (an
	// image inside text, a raw HTML block printed as plain text); nil
	// ignores it.
	Warn func(msg string)
}

// face returns the face name for the family with bold/italic.
func face(family string, bold, italic bool) string {
	switch {
	case bold && italic:
		return family + "-bolditalic"
	case bold:
		return family + "-bold"
	case italic:
		return family + "-italic"
	}
	return family
}

// mdRenderer turns a goldmark AST into paragraphs of runs. It registers
// one function per node kind with goldmark's renderer and ignores the
// writer.
type mdRenderer struct {
	st     inlineStyle
	paras  []mdPara
	runs   []typeset.Run
	bold   int
	italic int
	code   int
	links  []string
	lists  []listState
	quote  int
	marker string
	tight  bool
	start  bool // the next paragraph starts a top-level list
	err    error
	emph   int   // inside *emphasis* or **strong emphasis** (a Span in the PDF's structure)
	ext    mdExt // tables, footnotes, strikethrough, images (markdown_ext.go)
}

type listState struct {
	ordered bool
	n       int
	tight   bool
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *mdRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindDocument, r.nop)
	reg.Register(ast.KindParagraph, r.paragraph)
	reg.Register(ast.KindTextBlock, r.paragraph)
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindBlockquote, r.blockquote)
	reg.Register(ast.KindList, r.list)
	reg.Register(ast.KindListItem, r.listItem)
	reg.Register(ast.KindCodeBlock, r.codeBlock)
	reg.Register(ast.KindFencedCodeBlock, r.codeBlock)
	reg.Register(ast.KindHTMLBlock, r.htmlBlock)
	reg.Register(ast.KindThematicBreak, r.nop)
	reg.Register(ast.KindText, r.text)
	reg.Register(ast.KindString, r.str)
	reg.Register(ast.KindEmphasis, r.emphasis)
	reg.Register(ast.KindCodeSpan, r.codeSpan)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(ast.KindImage, r.nop) // its children are the alt text
	reg.Register(ast.KindRawHTML, r.skip)
	reg.Register(KindCitation, r.citation)
	r.registerExtensions(reg)
}

func (r *mdRenderer) nop(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkContinue, nil
}

func (r *mdRenderer) skip(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

func (r *mdRenderer) font() string {
	fam := r.st.Family
	if r.code > 0 {
		fam = "sans"
	}
	return face(fam, r.bold > 0, r.italic%2 == 1)
}

func (r *mdRenderer) tag() tag {
	t := tag{Emph: r.emph > 0, Strike: r.ext.strike > 0}
	if len(r.links) > 0 {
		t.URL = r.links[len(r.links)-1]
		t.Color, t.HasColor = r.st.Link, true
	}
	return t
}

// add appends text in the current style, merging with the previous run
// when the style is the same.
func (r *mdRenderer) add(s string) {
	if s == "" {
		return
	}
	st := typeset.Style{Font: r.font(), Size: r.st.Size, Tag: r.tag()}
	if n := len(r.runs); n > 0 && r.runs[n-1].Style == st {
		r.runs[n-1].Text += s
		return
	}
	r.runs = append(r.runs, typeset.Run{Text: s, Style: st})
}

func (r *mdRenderer) flush(heading, code bool) {
	runs := trimRuns(r.runs)
	r.runs = nil
	if len(runs) == 0 {
		return
	}
	p := mdPara{Runs: runs, Level: len(r.lists), Marker: r.marker, Quote: r.quote,
		Heading: heading, Code: code, Tight: r.tight, Start: r.start}
	r.marker = ""
	r.start = false
	r.paras = append(r.paras, p)
}

func (r *mdRenderer) paragraph(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.tight = false
		if n.Kind() == ast.KindTextBlock {
			// Text of a tight list item; only its first gets the marker
			// and no space above it.
			r.tight = len(r.lists) > 0 && r.lists[len(r.lists)-1].tight
		}
		return ast.WalkContinue, nil
	}
	r.flush(false, false)
	return ast.WalkContinue, nil
}

func (r *mdRenderer) heading(_ util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.bold++
		return ast.WalkContinue, nil
	}
	r.bold--
	// Headings inside a text are set in the heading family, bold.
	for i := range r.runs {
		r.runs[i].Style.Font = inHeadings(face(r.st.Heading, true, strings.Contains(r.runs[i].Style.Font, "italic")), r.st.Shaped)
	}
	r.flush(true, false)
	return ast.WalkContinue, nil
}

func (r *mdRenderer) blockquote(_ util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.quote++
	} else {
		r.quote--
	}
	return ast.WalkContinue, nil
}

func (r *mdRenderer) list(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	l := n.(*ast.List)
	if entering {
		if len(r.lists) == 0 {
			r.start = true
		}
		r.lists = append(r.lists, listState{ordered: l.IsOrdered(), n: l.Start, tight: l.IsTight})
	} else {
		r.lists = r.lists[:len(r.lists)-1]
	}
	return ast.WalkContinue, nil
}

func (r *mdRenderer) listItem(_ util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	l := &r.lists[len(r.lists)-1]
	if l.ordered {
		r.marker = strconv.Itoa(l.n) + "."
		l.n++
	} else if len(r.lists)%2 == 1 {
		r.marker = "•"
	} else {
		r.marker = "–"
	}
	return ast.WalkContinue, nil
}

func (r *mdRenderer) codeBlock(_ util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	lines := n.Lines()
	var b strings.Builder
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.TrimRight(string(seg.Value(src)), "\n"))
	}
	r.code++
	r.add(b.String())
	r.code--
	r.flush(false, true)
	return ast.WalkSkipChildren, nil
}

func (r *mdRenderer) text(_ util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	t := n.(*ast.Text)
	r.add(string(t.Segment.Value(src)))
	if t.SoftLineBreak() || t.HardLineBreak() {
		r.add(" ")
	}
	return ast.WalkContinue, nil
}

func (r *mdRenderer) str(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.add(string(n.(*ast.String).Value))
	}
	return ast.WalkContinue, nil
}

func (r *mdRenderer) emphasis(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	d := 1
	if !entering {
		d = -1
	}
	r.emph += d
	if n.(*ast.Emphasis).Level >= 2 {
		r.bold += d
	} else {
		r.italic += d
	}
	return ast.WalkContinue, nil
}

func (r *mdRenderer) codeSpan(_ util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.code++
	} else {
		r.code--
	}
	return ast.WalkContinue, nil
}

func (r *mdRenderer) link(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		dest := string(n.(*ast.Link).Destination)
		r.checkURL(dest)
		r.links = append(r.links, dest)
	} else {
		r.links = r.links[:len(r.links)-1]
	}
	return ast.WalkContinue, nil
}

func (r *mdRenderer) autoLink(_ util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	l := n.(*ast.AutoLink)
	url := string(l.URL(src))
	r.checkURL(url)
	r.links = append(r.links, url)
	r.add(string(l.Label(src)))
	r.links = r.links[:len(r.links)-1]
	return ast.WalkSkipChildren, nil
}

// checkURL holds links in Markdown to the rule of source URLs: absolute
// http or https URLs only, so that no javascript:, file: or data: link
// reaches the PDF; or "#name", a link to an anchor of the briefing
// (table-N, figure-N, sec-ID: see internalLinks). The first bad one is
// the text's error.
func (r *mdRenderer) checkURL(dest string) {
	if len(dest) > 1 && dest[0] == '#' && !strings.ContainsAny(dest, " \t\n") {
		return
	}
	var u data.URL
	if err := u.UnmarshalText([]byte(dest)); err != nil && r.err == nil {
		r.err = fmt.Errorf("link: %w", err)
	}
}

// trimRuns drops leading and trailing spaces and collapses runs of
// spaces, which would be glue of double width.
func trimRuns(runs []typeset.Run) []typeset.Run {
	out := runs[:0]
	prevSpace := true
	for _, r := range runs {
		var b strings.Builder
		for _, c := range r.Text {
			if c == ' ' || c == '\t' || c == '\n' {
				if prevSpace {
					continue
				}
				prevSpace = true
				b.WriteByte(' ')
				continue
			}
			prevSpace = false
			b.WriteRune(c)
		}
		if b.Len() > 0 {
			r.Text = b.String()
			out = append(out, r)
		}
	}
	for len(out) > 0 {
		last := &out[len(out)-1]
		last.Text = strings.TrimRight(last.Text, " ")
		if last.Text != "" {
			break
		}
		out = out[:len(out)-1]
	}
	return out
}

// renderMarkdown parses src and returns its paragraphs.
func renderMarkdown(src string, st inlineStyle) ([]mdPara, error) {
	source := []byte(src)
	doc := markdownParser().Parse(text.NewReader(source))
	r := &mdRenderer{st: st}
	rd := renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(r, 100)))
	if err := rd.Render(io.Discard, source, doc); err != nil {
		return nil, fmt.Errorf("markdown: %w", err)
	}
	r.flush(false, false)
	return r.paras, r.err
}

// inlineMarkdown renders src as one paragraph of runs: block structure is
// flattened (paragraphs joined with a space).
func inlineMarkdown(src string, st inlineStyle) ([]typeset.Run, error) {
	paras, err := renderMarkdown(src, st)
	var out []typeset.Run
	for i, p := range paras {
		if i > 0 {
			out = append(out, typeset.Run{Text: " ", Style: p.Runs[0].Style})
		}
		out = append(out, p.Runs...)
	}
	return out, err
}
