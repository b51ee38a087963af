package pdfwrite

import (
	"strconv"
	"strings"

	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
	"github.com/briefing-pdf/briefing/internal/third_party/srgb"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// tagger translates the items' structure nodes into the PDF's structure
// tree and marked content. Elements are made on the first item that
// needs them, parents first, so the tree's order is the order the items
// are drawn in: the briefing's reading order. Consecutive items of one
// node on a page share one marked-content sequence; an item without a
// node is drawn outside any (a bug the structure tests find).
type tagger struct {
	pdf  *fpdf.Fpdf
	root fpdf.StructElem
	// elems are the elements made; a Reference's value is the Link
	// inside it, which owns its content and annotation.
	elems map[*frames.Node]fpdf.StructElem
	kids  []int        // child elements made under each element
	open  *frames.Node // the node whose marked content is open
	// text is the text of each link node, its words one space apart,
	// for its annotation's description.
	text  map[*frames.Node][]byte
	dest  map[string]int   // an anchor's page
	words frames.LinkWords // the descriptions' words
}

func newTagger(pdf *fpdf.Fpdf, doc *frames.Doc) *tagger {
	t := &tagger{pdf: pdf, text: map[*frames.Node][]byte{}, dest: make(map[string]int, len(doc.Dests)),
		words: doc.Meta.Links}
	t.root = pdf.AddStructElem(fpdf.StructRoot, string(frames.Document), fpdf.StructAttrs{})
	for _, d := range doc.Dests {
		t.dest[d.Name] = d.Page
	}
	// Each node whose content is drawn gets an element, and so do its
	// ancestors: the changes of node from item to item bound the first
	// (each starts a marked-content sequence), a good size for elems.
	changes := 0
	for i := range doc.Pages {
		var prev *frames.Node
		for j := range doc.Pages[i].Items {
			it := &doc.Pages[i].Items[j]
			if it.Node != prev && it.Node != nil && it.Node.Role != frames.Artifact {
				changes++
			}
			prev = it.Node
			if it.Kind == frames.Text && it.Node != nil && (it.Node.Role == frames.LinkRole || it.Node.Role == frames.Reference) {
				b := t.text[it.Node]
				for w := range strings.FieldsSeq(it.Text) {
					if len(b) > 0 {
						b = append(b, ' ')
					}
					b = append(b, w...)
				}
				t.text[it.Node] = b
			}
		}
	}
	t.elems = make(map[*frames.Node]fpdf.StructElem, changes)
	t.kids = make([]int, 0, changes+1)
	return t
}

// maxKids is the most rows a TBody, or items an L, gets before the rest
// go into another beside it.
const maxKids = 8000

// elem returns the element of n, made under its parent's if it is new.
func (t *tagger) elem(n *frames.Node) fpdf.StructElem {
	if e, ok := t.elems[n]; ok {
		return e
	}
	parent := t.root
	if n.Parent != nil {
		parent = t.elem(n.Parent)
		if t.kidsOf(parent) == maxKids && (n.Parent.Role == frames.TBody || n.Parent.Role == frames.L) {
			// A table body or list this long goes on in another one
			// beside it (PDF/A-1 limits an array to 8,191 elements).
			up := t.root
			if n.Parent.Parent != nil {
				up = t.elem(n.Parent.Parent)
			}
			parent = t.pdf.AddStructElem(up, string(n.Parent.Role), fpdf.StructAttrs{})
			t.count(up)
			t.elems[n.Parent] = parent
		}
	}
	t.count(parent)
	e := t.pdf.AddStructElem(parent, string(n.Role), fpdf.StructAttrs{Alt: n.Alt, Scope: n.Scope})
	if n.Role == frames.Reference {
		// A citation: Reference › Link › [the number, the annotation].
		e = t.pdf.AddStructElem(e, string(frames.LinkRole), fpdf.StructAttrs{})
	}
	t.elems[n] = e
	return e
}

// kidsOf is the number of child elements made under e.
func (t *tagger) kidsOf(e fpdf.StructElem) int {
	if int(e) < len(t.kids) {
		return t.kids[e]
	}
	return 0
}

// count counts a child element made under e.
func (t *tagger) count(e fpdf.StructElem) {
	for int(e) >= len(t.kids) {
		t.kids = append(t.kids, 0)
	}
	t.kids[e]++
}

// mark opens the marked content of n unless it is open.
func (t *tagger) mark(n *frames.Node) {
	if n == t.open {
		return
	}
	t.end()
	if n == nil {
		return
	}
	if n.Role == frames.Artifact {
		t.pdf.BeginArtifact(n.Subtype, "")
	} else {
		t.pdf.BeginMarkedContent(t.elem(n))
	}
	t.open = n
}

// end closes the open marked content: before another node's, and before
// the page ends.
func (t *tagger) end() {
	if t.open != nil {
		t.pdf.EndMarkedContent()
		t.open = nil
	}
}

// link adds the annotation of a link item, owned by its node's element.
func (t *tagger) link(it *frames.Item, id int) {
	n := it.Node
	if n == nil || n.Role == frames.Artifact {
		// Not content: a plain annotation (the structure tests refuse
		// it).
		if it.URL != "" {
			t.pdf.LinkString(it.X, it.Y, it.W, it.H, it.URL)
		} else {
			t.pdf.Link(it.X, it.Y, it.W, it.H, id)
		}
		return
	}
	e := t.elem(n)
	c := t.contents(it)
	if it.URL != "" {
		t.pdf.LinkStringTagged(it.X, it.Y, it.W, it.H, it.URL, e, c)
	} else {
		t.pdf.LinkTagged(it.X, it.Y, it.W, it.H, id, e, c)
	}
}

// contents describes a link's target, in the words of the document's
// Meta.Links: "Note 3" for a citation, the URL for a web link ("text:
// URL" when the text is not the URL), "text, page 7" for a link inside
// the document ("Page 7" when its text is the page number).
func (t *tagger) contents(it *frames.Item) string {
	n := it.Node
	text := string(t.text[n])
	switch {
	case it.URL != "":
		if text == "" || text == it.URL {
			return it.URL
		}
		return text + ": " + it.URL
	case strings.HasPrefix(it.Dest, "note-") && n.Role == frames.Reference:
		return fill(t.words.Note, "Note {n}", "{n}", strings.TrimPrefix(it.Dest, "note-"))
	}
	page := strconv.Itoa(t.dest[it.Dest])
	// A contents entry ends in its page number; a back reference is one.
	text = strings.TrimSpace(strings.TrimSuffix(text, " "+page))
	if text == "" || text == page {
		return fill(t.words.Page, "Page {page}", "{page}", page)
	}
	return fill(t.words.TextPage, "{text}, page {page}", "{text}", text, "{page}", page)
}

// fill is the message msg (or def when it is empty) with its
// placeholders replaced: pairs of a placeholder and its value. As
// strings.NewReplacer(pairs...).Replace(msg) does, without building a
// replacer for each link: at each place the first placeholder that
// matches is replaced, and the text put in is not searched again.
func fill(msg, def string, pairs ...string) string {
	if msg == "" {
		msg = def
	}
	var b strings.Builder
	b.Grow(len(msg) + 16)
	for i := 0; i < len(msg); {
		matched := false
		for p := 0; p+1 < len(pairs); p += 2 {
			if pairs[p] != "" && strings.HasPrefix(msg[i:], pairs[p]) {
				b.WriteString(pairs[p+1])
				i += len(pairs[p])
				matched = true
				break
			}
		}
		if !matched {
			b.WriteByte(msg[i])
			i++
		}
	}
	return b.String()
}

// setStandard makes meta's claims: PDF/A with the sRGB output intent,
// PDF/UA. fpdf refuses at Output what the document cannot meet.
func setStandard(pdf *fpdf.Fpdf, m frames.Meta) {
	if m.PDFA == "" && !m.UA {
		return
	}
	pdf.SetStandard(fpdf.Standard{PDFA: m.PDFA, PDFUA: m.UA})
	if m.PDFA != "" {
		pdf.AddOutputIntent(fpdf.OutputIntentType{
			SubtypeIdent:              fpdf.OutputIntent_GTS_PDFA1,
			OutputConditionIdentifier: srgb.OutputCondition,
			Info:                      srgb.Info,
			ICCProfile:                srgb.Profile,
		})
	}
}
