package report

import (
	"testing"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// The finish stage's frames carry each drawn item's structure role, which
// tagged PDF is made from: every drawn item has a node; the running heads
// are pagination artifacts; charts are figures with their caption as
// alternate text; tables nest Table › THead/TBody › TR › TH/TD; a link's
// text and its area share one Link (or Reference) node.
func TestFramesCarryStructureRoles(t *testing.T) {
	b := builtin(t)
	cfg := DefaultConfig()
	st, err := runStages(b, cfg, briefing.Builtin, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, ph := cfg.PageDimensions()
	m := cfg.Page.Margins
	roles := map[frames.Role]int{}
	subtypes := map[string]int{}
	linkText := map[*frames.Node]bool{}
	for pi, pg := range st.frames.Pages {
		for _, it := range pg.Items {
			if it.Kind == frames.Anchor || it.Kind == frames.Bookmark {
				if it.Node != nil {
					t.Errorf("page %d: a %v carries node %v; it draws nothing", pi+1, it.Kind, it.Node.Role)
				}
				continue
			}
			n := it.Node
			if n == nil {
				t.Fatalf("page %d: item %+v has no structure node", pi+1, it)
			}
			for a := n; a != nil; a = a.Parent {
				roles[a.Role]++
			}
			if n.Role == frames.Artifact {
				subtypes[n.Subtype]++
			}
			flow := pi > 0
			if flow && it.Kind == frames.Text && (it.Y < m.Top-1 || it.Y > ph-m.Bottom+1) && n != frames.PaginationArtifact {
				t.Errorf("page %d: running text %q is %v, want a Pagination artifact", pi+1, it.Text, n.Role)
			}
			switch it.Kind {
			case frames.Chart:
				if n.Role != frames.Figure || len(n.Alt) < 20 {
					t.Errorf("page %d: a chart in %v with alternate text %q; want a Figure with its caption", pi+1, n.Role, n.Alt)
				}
			case frames.Link:
				if n.Role != frames.LinkRole && n.Role != frames.Reference {
					t.Errorf("page %d: a link area in %v", pi+1, n.Role)
				}
				if it.Dest != "" && len(it.Dest) > 5 && it.Dest[:5] == "note-" && n.Role != frames.Reference {
					t.Errorf("page %d: a citation of %s is a %v, want a Reference", pi+1, it.Dest, n.Role)
				}
			case frames.Text:
				if n.Role == frames.LinkRole || n.Role == frames.Reference {
					linkText[n] = true
				}
			}
			switch n.Role {
			case frames.TH, frames.TD:
				row := n.Parent
				if row == nil || row.Role != frames.TR || row.Parent == nil || row.Parent.Parent == nil || row.Parent.Parent.Role != frames.Table {
					t.Fatalf("page %d: a %v outside Table › THead/TBody › TR", pi+1, n.Role)
				}
				if want := map[frames.Role]frames.Role{frames.TH: frames.THead, frames.TD: frames.TBody}[n.Role]; row.Parent.Role != want {
					t.Errorf("page %d: a %v in a %v", pi+1, n.Role, row.Parent.Role)
				}
			case frames.TOCI:
				t.Errorf("page %d: an item directly in a TOCI; want it in the entry's Link", pi+1)
			case frames.Caption:
				if n.Parent == nil || n.Parent.Role != frames.Figure {
					t.Errorf("page %d: a caption outside its figure", pi+1)
				}
			}
		}
	}
	for _, r := range []frames.Role{frames.H1, frames.H2, frames.P, frames.Table, frames.TR, frames.TH, frames.TD,
		frames.THead, frames.TBody, frames.TOC, frames.TOCI, frames.Figure, frames.Caption, frames.BlockQuote, frames.LinkRole, frames.Reference, frames.L, frames.LI, frames.Lbl, frames.LBody, frames.Artifact} {
		if roles[r] == 0 {
			t.Errorf("no item in a %s; the built-in briefing has some", r)
		}
	}
	for _, s := range []string{frames.Pagination, frames.Layout} {
		if subtypes[s] == 0 {
			t.Errorf("no %s artifact", s)
		}
	}
	if len(linkText) == 0 {
		t.Error("no link text carries its Link node")
	}
}

// A Markdown text's lists nest as L › LI › (Lbl, LBody › P), a nested list
// inside its item's LBody, a quote's paragraphs in one BlockQuote.
func TestMarkdownStructure(t *testing.T) {
	d := &doc{}
	paras := []mdPara{
		{},                                   // 0: a paragraph
		{Level: 1, Marker: "•", Start: true}, // 1: item one
		{Level: 1},                           // 2: its second paragraph
		{Level: 2, Marker: "–"},              // 3: a nested item
		{Level: 1, Marker: "•"},              // 4: item two
		{Quote: 1}, {Quote: 1},               // 5, 6: one quote
		{Heading: true}, // 7
	}
	nodes := make([]*frames.Node, len(paras))
	labels := make([]*frames.Node, len(paras))
	for i, mp := range paras {
		nodes[i], labels[i] = d.mdNode(mp, i)
	}
	path := func(n *frames.Node) string {
		s := ""
		for ; n != nil; n = n.Parent {
			s = "/" + string(n.Role) + s
		}
		return s
	}
	want := []string{"/P", "/L/LI/LBody/P", "/L/LI/LBody/P", "/L/LI/LBody/L/LI/LBody/P", "/L/LI/LBody/P", "/BlockQuote/P", "/BlockQuote/P", "/H2"}
	for i, n := range nodes {
		if got := path(n); got != want[i] {
			t.Errorf("paragraph %d: %s, want %s", i, got, want[i])
		}
	}
	// A heading in a text goes one level below the one the text is
	// under: H2 under a section's H1, H3 under a subsection's H2.
	sub := &paraElem{heading: true}
	sub.node = frames.NewNode(frames.H2, nil)
	d.elems = append(d.elems, sub)
	if n, _ := d.mdNode(mdPara{Heading: true}, 0); n.Role != frames.H3 {
		t.Errorf("a heading in a text under an H2 is %s, want H3", n.Role)
	}
	if nodes[1].Parent != nodes[2].Parent {
		t.Error("an item's two paragraphs are in different LBody")
	}
	if nodes[1].Parent.Parent == nodes[4].Parent.Parent || nodes[1].Parent.Parent.Parent != nodes[4].Parent.Parent.Parent {
		t.Error("two items of one list: want two LI in one L")
	}
	if nodes[3].Parent.Parent.Parent.Parent != nodes[1].Parent {
		t.Error("the nested list is not inside its item's LBody")
	}
	if nodes[5].Parent != nodes[6].Parent {
		t.Error("one quote's paragraphs in two BlockQuotes")
	}
	for i, l := range labels {
		if hasMarker := paras[i].Marker != ""; hasMarker != (l != nil) || (l != nil && (l.Role != frames.Lbl || l.Parent != nodes[i].Parent.Parent)) {
			t.Errorf("paragraph %d: label %v", i, l)
		}
	}
}
