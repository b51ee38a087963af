// Package frames is the display list between the report's finish stage
// and its write stage: every page of the briefing as positioned items
// (glyph runs, rules, fills, images, chart drawings, links, anchors and
// outline entries), each carrying the structure element it belongs to.
// Nothing here knows of fpdf: the finish stage makes a Document, and the
// write stage (report/internal/pdfwrite) turns it into PDF and does
// nothing else.
package frames

import (
	"time"

	"gonum.org/v1/plot"

	"github.com/briefing-pdf/briefing/internal/rgb"
)

// Color is an sRGB colour, 8 bits a channel: the program's one colour
// type.
type Color = rgb.Color

// Kind says what an item draws.
type Kind uint8

const (
	Text     Kind = iota // Text at X, Y (baseline) in Font at Size
	Rect                 // a filled rectangle X, Y, W, H
	Line                 // a rule from X, Y to X+W, Y+H, LineWidth wide
	Link                 // a clickable area X, Y, W, H: URL, or Dest (an anchor)
	Anchor               // a link destination named Name at Y
	Bookmark             // an outline entry Text at level Level, at Y
	Chart                // Plot drawn in X, Y, W, H
	Image                // the image Name drawn in X, Y, W, H
)

// Item is one positioned thing on a page, in points from the page's top
// left corner. (Its fields are ordered to keep it small: a long briefing
// has hundreds of thousands.)
type Item struct {
	X, Y, W, H float64
	Size       float64 // the text's size in points
	LineWidth  float64
	Text       string
	Font       string
	URL, Dest  string
	Name       string
	Plot       *plot.Plot
	// Node is the structure element the item belongs to (a paragraph, a
	// table cell, a link, an artifact…); items of one element share it,
	// across pages too. Anchors and bookmarks, which draw nothing, have
	// none.
	Node  *Node
	Level int32 // a bookmark's outline level
	Kind  Kind
	Color Color
	// RTL: a Text item is right-to-left text (a fragment at an odd bidi
	// level), shaped and drawn right to left; Spaces, if set, are the
	// widths in points its spaces are set at, in reading order (words
	// of a justified line).
	RTL    bool
	Spaces []float64
	// Actual, when not nil, is what a Text item reads as: the first
	// half of a word hyphenated across a line break as the whole word
	// (with the rest of its fragment), the second half as "".
	Actual *string
}

// Role is the standard structure type of a node (ISO 32000-1, 14.8.4).
type Role string

// The roles the report uses.
const (
	Document   Role = "Document"
	H1         Role = "H1"
	H2         Role = "H2"
	H3         Role = "H3"
	P          Role = "P"
	L          Role = "L"
	LI         Role = "LI"
	Lbl        Role = "Lbl"
	LBody      Role = "LBody"
	TOC        Role = "TOC"
	TOCI       Role = "TOCI"
	Table      Role = "Table"
	THead      Role = "THead"
	TBody      Role = "TBody"
	TR         Role = "TR"
	TH         Role = "TH"
	TD         Role = "TD"
	Figure     Role = "Figure"
	Caption    Role = "Caption"
	BlockQuote Role = "BlockQuote"
	LinkRole   Role = "Link"
	Reference  Role = "Reference"
	Note       Role = "Note"
	Code       Role = "Code"
	Span       Role = "Span" // emphasis in the text
	// Artifact marks what is not content: page furniture (Subtype
	// Pagination) and decoration (Subtype Layout).
	Artifact Role = "Artifact"
)

// Artifact subtypes.
const (
	Pagination = "Pagination" // running header and footer
	Layout     = "Layout"     // rules, fills, boxes, stripes
)

// Node is a structure element: its role, its parent (nil for a child of
// the document), the alternate text of a figure and an artifact's
// subtype.
type Node struct {
	Role    Role
	Parent  *Node
	Alt     string // a Figure's alternate text
	Subtype string // an Artifact's: Pagination or Layout
	Scope   string // a TH's: Column or Row
}

// MaxDepth bounds how deep a node may stand below the document: readers
// and validators refuse or give up on deeper structure trees (pdfcpu at
// 100 levels), which only Markdown nested past any use (a list in a list
// forty times) would make.
const MaxDepth = 48

// NewNode returns a node of role under parent. Where that would stand
// deeper than MaxDepth, its parent is instead the deepest ancestor of
// parent's role that leaves room (a list nested too deep goes on in an
// item of a list above it): the roles stay valid, the text in order.
func NewNode(role Role, parent *Node) *Node {
	if parent != nil && parent.depth() >= MaxDepth {
		for a := parent.Parent; a != nil; a = a.Parent {
			if a.Role == parent.Role && a.depth() < MaxDepth {
				parent = a
				break
			}
		}
	}
	return &Node{Role: role, Parent: parent}
}

// depth is how many nodes n stands below the top (1 for a node without
// a parent).
func (n *Node) depth() int {
	d := 0
	for ; n != nil; n = n.Parent {
		d++
	}
	return d
}

// Shared artifact nodes: decoration and page furniture are not part of
// the structure tree, so one node each serves every page.
var (
	LayoutArtifact     = &Node{Role: Artifact, Subtype: Layout}
	PaginationArtifact = &Node{Role: Artifact, Subtype: Pagination}
)

// Page is the items of one page, in drawing order.
type Page struct {
	Items []Item
}

// ImageFile is an image the pages draw by Name: its file data, of Type
// "PNG" or "JPG".
type ImageFile struct {
	Name string
	Type string
	Data []byte
}

// Dest is an internal link's destination: the anchor Name at Y on the
// 1-based page Page.
type Dest struct {
	Name string
	Page int
	Y    float64
}

// Meta is the document's page size and information dictionary.
type Meta struct {
	Width, Height float64 // page size in points
	Created       time.Time
	Title         string
	Author        string
	Subject       string
	Keywords      string
	Lang          string
	Creator       string
	Producer      string

	// PDFA is the PDF/A part and level the document claims ("1B", "2B",
	// "2U", "2A" or ""), UA whether it claims PDF/UA-1.
	PDFA string
	UA   bool

	// Links are the words of the links' descriptions (an annotation's
	// /Contents) in the document's language.
	Links LinkWords
}

// LinkWords describe where a link leads, with placeholders: Note "Note
// {n}" for a citation, Page "Page {page}" for a link that is a page
// number, TextPage "{text}, page {page}" for other links inside the
// document. Empty: English.
type LinkWords struct {
	Note, Page, TextPage string
}

// Doc is a finished document: everything the write stage needs.
type Doc struct {
	Meta   Meta
	Images []ImageFile
	// Dests are the anchors something links to, in the order of their
	// first link.
	Dests []Dest
	Pages []Page
	// OutlineFont and OutlineSize are the face set current before a page's
	// first bookmark when no text has set one yet (a UTF-8 face makes the
	// outline titles UTF-16).
	OutlineFont string
	OutlineSize float64
}
