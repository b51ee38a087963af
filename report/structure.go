package report

import (
	"strings"

	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// The structure roles of what the blocks draw (report/internal/frames):
// most elements make their node when they are composed (a heading's H1 or
// H2, a figure and its caption, a note) or when first drawn (a
// paragraph's P, a table's rows and cells, the contents' entries);
// decoration is a Layout artifact, the running header and footer a
// Pagination one.

// mdNodes is the structure open while a Markdown text's paragraphs are
// composed: its block quote and its lists, a level each.
type mdNodes struct {
	quote  *frames.Node
	lists  []*frames.Node // L, by depth
	items  []*frames.Node // the open LI at each depth
	bodies []*frames.Node // its LBody
}

// mdNode returns the structure element of Markdown paragraph i of a text
// (mp), and the node of its list marker (Lbl) if it has one: a P, or an
// H3 for a heading inside the text, under its block quote and list item.
func (d *doc) mdNode(mp mdPara, i int) (node, label *frames.Node) {
	st := &d.md
	if i == 0 || mp.Start {
		*st = mdNodes{}
	}
	var parent *frames.Node
	if mp.Quote > 0 {
		if st.quote == nil {
			st.quote = frames.NewNode(frames.BlockQuote, nil)
		}
		parent = st.quote
	} else {
		st.quote = nil
	}
	role := frames.P
	if mp.Heading {
		role = d.subheadingRole()
	}
	if mp.Level == 0 {
		st.lists, st.items, st.bodies = st.lists[:0], st.items[:0], st.bodies[:0]
		return frames.NewNode(role, parent), nil
	}
	lvl := mp.Level
	if len(st.lists) > lvl {
		st.lists, st.items, st.bodies = st.lists[:lvl], st.items[:lvl], st.bodies[:lvl]
	}
	for len(st.lists) < lvl {
		under := parent
		if k := len(st.lists); k > 0 && st.bodies[k-1] != nil {
			under = st.bodies[k-1]
		}
		st.lists = append(st.lists, frames.NewNode(frames.L, under))
		st.items = append(st.items, nil)
		st.bodies = append(st.bodies, nil)
	}
	k := lvl - 1
	if mp.Marker != "" || st.items[k] == nil {
		st.items[k] = frames.NewNode(frames.LI, st.lists[k])
		st.bodies[k] = frames.NewNode(frames.LBody, st.items[k])
	}
	if mp.Marker != "" {
		label = frames.NewNode(frames.Lbl, st.items[k])
	}
	return frames.NewNode(role, st.bodies[k]), label
}

// subheadingRole is the role of a heading inside a Markdown text: one
// level below the heading the text stands under, so that no level is
// skipped (H1, then H2).
func (d *doc) subheadingRole() frames.Role {
	for i := len(d.elems) - 1; i >= 0; i-- {
		if p, ok := d.elems[i].(*paraElem); ok && p.heading && p.node != nil {
			switch p.node.Role {
			case frames.H1:
				return frames.H2
			case frames.H2, frames.H3:
				return frames.H3
			}
		}
	}
	return frames.H2
}

// headingRole is the role of a heading of level (0 for a block's or a
// section's heading).
func headingRole(level int) frames.Role {
	if level == 0 {
		return frames.H1
	}
	return frames.H2
}

// plainText is the text of runs, for a figure's alternate text.
func plainText(runs []typeset.Run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
