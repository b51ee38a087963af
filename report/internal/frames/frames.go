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
)

// Color is an sRGB colour, 8 bits a channel.
type Color struct{ R, G, B uint8 }

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
}

// NewNode returns a node of role under parent.
func NewNode(role Role, parent *Node) *Node { return &Node{Role: role, Parent: parent} }

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
