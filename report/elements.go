package report

import (
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// element is one block of the flow, composed: it knows its measured
// units before anything is placed (block), and draws units [from, to)
// with the top of the first at y. Every element embeds blockBase, the
// fields all blocks share.
type element interface {
	shared() *blockBase
	block() typeset.Block
	draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64)
}

// blockBase holds what every element has: the pagination parameters of
// its block (the units are the element's own) and the structure element
// it draws into.
type blockBase struct {
	blk typeset.Block
	// where is where the block's text comes from, for errors and
	// warnings (a table's first row: see unitPos).
	where where
	// node is the element's structure element (a paragraph, a heading, a
	// table…); nil until set or first drawn, when a paragraph becomes P.
	node *frames.Node
}

func (b *blockBase) shared() *blockBase { return b }

// unitPositioner is an element whose units come from different places in
// the data (a table's rows).
type unitPositioner interface {
	unitPos(u int) data.Pos
}

// nodeOr returns the element's node, made of role under parent if it has
// none yet.
func (b *blockBase) nodeOr(role frames.Role, parent *frames.Node) *frames.Node {
	if b.node == nil {
		b.node = frames.NewNode(role, parent)
	}
	return b.node
}

// anchorAt names an anchor inside an element and the unit it lies in.
type anchorAt struct {
	name string
	unit int
}

// anchorer is an element with anchors (headings, citations, notes).
type anchorer interface {
	anchors() []anchorAt
}

// drawCtx is what drawing needs to know of the whole document.
type drawCtx struct {
	pageOf func(anchor string) int
}
