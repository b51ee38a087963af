package config

import (
	"github.com/briefing-pdf/briefing/internal/rgb"
)

// configEnumDefs are the config's enumerated types, for the schema.
var configEnumDefs = []enumDef{blockEnum, pageSizeEnum, orientationEnum, familyEnum, paraStyleEnum, lanesEnum, freqGroupEnum, pdfStandardEnum}

// FreqGroup is what a bar of the actor chart stands for: an actor or a
// party. The values are the charts package's GroupActor and GroupParty
// (a report test holds them equal), written here so that the config does
// not depend on the plotting library.
type FreqGroup string

// The frequency groups.
const (
	GroupActor FreqGroup = "actor"
	GroupParty FreqGroup = "party"
)

var freqGroupEnum = enum[FreqGroup]{what: "frequency group", values: []FreqGroup{GroupActor, GroupParty}}

// UnmarshalText accepts actor or party.
func (g *FreqGroup) UnmarshalText(t []byte) error { return freqGroupEnum.decode(g, t) }

// BlockName names one block of the briefing.
type BlockName string

// The blocks.
const (
	BlockCover      BlockName = "cover"
	BlockSummary    BlockName = "summary"
	BlockContents   BlockName = "contents"
	BlockSections   BlockName = "sections"
	BlockTimeline   BlockName = "timeline"
	BlockActors     BlockName = "actors"
	BlockQuotes     BlockName = "quotes"
	BlockChronology BlockName = "chronology"
	BlockAnnex      BlockName = "annex"
	BlockSources    BlockName = "sources"
)

var blockNames = []BlockName{BlockCover, BlockSummary, BlockContents, BlockSections,
	BlockTimeline, BlockActors, BlockQuotes, BlockChronology, BlockAnnex, BlockSources}

var blockEnum = enum[BlockName]{what: "block", values: blockNames}

// UnmarshalText accepts the name of a block.
func (b *BlockName) UnmarshalText(t []byte) error { return blockEnum.decode(b, t) }

// PageSize is a named paper size.
type PageSize string

// pageSizes are the paper sizes in points, portrait.
var pageSizes = []struct {
	name PageSize
	w, h float64
}{
	{"A3", 841.89, 1190.55},
	{"A4", 595.28, 841.89},
	{"A5", 419.53, 595.28},
	{"Letter", 612, 792},
	{"Legal", 612, 1008},
}

var pageSizeEnum = enum[PageSize]{what: "page size", fold: true, values: func() []PageSize {
	out := make([]PageSize, len(pageSizes))
	for i, s := range pageSizes {
		out[i] = s.name
	}
	return out
}()}

// UnmarshalText accepts A3, A4, A5, Letter or Legal, in any case.
func (p *PageSize) UnmarshalText(t []byte) error { return pageSizeEnum.decode(p, t) }

// Orientation is portrait or landscape.
type Orientation string

var orientationEnum = enum[Orientation]{what: "orientation", fold: true, values: []Orientation{"portrait", "landscape"}}

// UnmarshalText accepts portrait or landscape, in any case.
func (o *Orientation) UnmarshalText(t []byte) error { return orientationEnum.decode(o, t) }

// Family is a font family of the built-in set: serif or sans.
type Family string

var familyEnum = enum[Family]{what: "font family", values: []Family{"serif", "sans"}}

// UnmarshalText accepts serif or sans.
func (f *Family) UnmarshalText(t []byte) error { return familyEnum.decode(f, t) }

// ParaStyle is how paragraphs are told apart: a first-line indent or space.
type ParaStyle string

var paraStyleEnum = enum[ParaStyle]{what: "paragraph", values: []ParaStyle{"indent", "space"}}

// UnmarshalText accepts indent or space.
func (p *ParaStyle) UnmarshalText(t []byte) error { return paraStyleEnum.decode(p, t) }

// Lanes is how the timeline groups events: by track, kind or party.
type Lanes string

var lanesEnum = enum[Lanes]{what: "timeline lanes", values: []Lanes{"track", "kind", "party"}}

// UnmarshalText accepts track, kind or party.
func (l *Lanes) UnmarshalText(t []byte) error { return lanesEnum.decode(l, t) }

// Color is an sRGB colour written #rrggbb: the program's one colour type,
// as the data has it.
type Color = rgb.Color
