package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/briefing-pdf/briefing/charts"
)

// FreqGroup is what a bar of the actor chart stands for: an actor or a
// party.
type FreqGroup string

// UnmarshalText accepts actor or party.
func (g *FreqGroup) UnmarshalText(t []byte) error {
	switch s := string(t); s {
	case charts.GroupActor, charts.GroupParty:
		*g = FreqGroup(s)
		return nil
	}
	return fmt.Errorf("frequency group must be actor or party, not %q", t)
}

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

// UnmarshalText accepts the name of a block.
func (b *BlockName) UnmarshalText(t []byte) error {
	for _, n := range blockNames {
		if string(t) == string(n) {
			*b = n
			return nil
		}
	}
	return fmt.Errorf("unknown block %q (blocks: %s)", t, joinNames(blockNames))
}

func joinNames[T ~string](ns []T) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = string(n)
	}
	return strings.Join(s, ", ")
}

// PageSize is a named paper size.
type PageSize string

// pageSizes are the paper sizes in points, portrait.
var pageSizes = []struct {
	name string
	w, h float64
}{
	{"A3", 841.89, 1190.55},
	{"A4", 595.28, 841.89},
	{"A5", 419.53, 595.28},
	{"Letter", 612, 792},
	{"Legal", 612, 1008},
}

// UnmarshalText accepts A3, A4, A5, Letter or Legal, in any case.
func (p *PageSize) UnmarshalText(t []byte) error {
	for _, s := range pageSizes {
		if strings.EqualFold(string(t), s.name) {
			*p = PageSize(s.name)
			return nil
		}
	}
	names := make([]string, len(pageSizes))
	for i, s := range pageSizes {
		names[i] = s.name
	}
	return fmt.Errorf("unknown page size %q (sizes: %s)", t, strings.Join(names, ", "))
}

// Orientation is portrait or landscape.
type Orientation string

// UnmarshalText accepts portrait or landscape.
func (o *Orientation) UnmarshalText(t []byte) error {
	switch s := strings.ToLower(string(t)); s {
	case "portrait", "landscape":
		*o = Orientation(s)
		return nil
	}
	return fmt.Errorf("orientation must be portrait or landscape, not %q", t)
}

// Family is a font family of the built-in set: serif or sans.
type Family string

// UnmarshalText accepts serif or sans.
func (f *Family) UnmarshalText(t []byte) error {
	switch s := string(t); s {
	case "serif", "sans":
		*f = Family(s)
		return nil
	}
	return fmt.Errorf("font family must be serif or sans, not %q", t)
}

// ParaStyle is how paragraphs are told apart: a first-line indent or space.
type ParaStyle string

// UnmarshalText accepts indent or space.
func (p *ParaStyle) UnmarshalText(t []byte) error {
	switch s := string(t); s {
	case "indent", "space":
		*p = ParaStyle(s)
		return nil
	}
	return fmt.Errorf("paragraph must be indent or space, not %q", t)
}

// Lanes is how the timeline groups events: by track, kind or party.
type Lanes string

// UnmarshalText accepts track, kind or party.
func (l *Lanes) UnmarshalText(t []byte) error {
	switch s := string(t); s {
	case "track", "kind", "party":
		*l = Lanes(s)
		return nil
	}
	return fmt.Errorf("timeline lanes must be track, kind or party, not %q", t)
}

// Color is an sRGB colour written #rrggbb.
type Color struct{ R, G, B uint8 }

// UnmarshalText accepts #rrggbb.
func (c *Color) UnmarshalText(t []byte) error {
	s := string(t)
	if len(s) != 7 || s[0] != '#' {
		return fmt.Errorf("colour must be #rrggbb, not %q", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return fmt.Errorf("colour must be #rrggbb, not %q", s)
	}
	*c = Color{uint8(v >> 16), uint8(v >> 8), uint8(v)}
	return nil
}

// String returns #rrggbb.
func (c Color) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
