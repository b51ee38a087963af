// Package config is the layout config of a briefing: how it looks and
// which data it reads (config.toml, docs/config.md). Load decodes a
// user's config over the embedded default (Default), reports every
// problem at its key with a did-you-mean, applies the command line's -set
// values (Setting) and resolves the paths the config names (Inputs); Schema
// is its JSON Schema for editors. The report reads a *Config; nothing here
// knows of PDF, fonts or charts.
package config

import (
	"io/fs"
	"path"

	"github.com/briefing-pdf/briefing/internal/diag"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/data"
)

// MaxSize caps a config file's bytes, checked on the bytes read: a
// layout config is a few kilobytes.
const MaxSize = 1 << 20

// Config is the layout config: how the briefing looks and which data it
// reads. Its values come from the embedded default config.toml, over which
// a user's config is decoded.
type Config struct {
	// Data lists the data files as fs.FS paths (resolved against the
	// config's directory).
	Data []string `toml:"data"`
	// Output is the default output path, as written in the config.
	Output   string      `toml:"output"`
	Language string      `toml:"language"`
	Blocks   []BlockName `toml:"blocks"`
	NewPage  []BlockName `toml:"new_page"`

	Page        PageConfig        `toml:"page"`
	Fonts       FontConfig        `toml:"fonts"`
	Colors      ColorConfig       `toml:"colors"`
	Header      RunningConfig     `toml:"header"`
	Footer      RunningConfig     `toml:"footer"`
	Cover       CoverConfig       `toml:"cover"`
	Timeline    TimelineConfig    `toml:"timeline"`
	Frequency   FrequencyConfig   `toml:"frequency"`
	Hyphenation HyphenationConfig `toml:"hyphenation"`
	Typography  TypographyConfig  `toml:"typography"`
	PDF         PDFConfig         `toml:"pdf"`
	// Labels override the built-in messages by id (see internal/i18n):
	// "heading.contents" = "Table des matières".
	Labels map[string]string `toml:"labels"`
	// Import maps the columns of CSV data files to fields ([[import]]).
	Import data.Imports `toml:"import"`

	// File is the config's fs.FS path ("" for the embedded default alone).
	File string `toml:"-"`

	// pos is where each key is written in File (in the embedded default's
	// config.toml when File is ""); zero for a config made in code.
	pos data.Positions
	// failed holds the keys whose values were reported when decoding;
	// Check does not report them again.
	failed map[string]bool
}

// PageConfig is the paper and the text area.
type PageConfig struct {
	Size        PageSize    `toml:"size"`
	Orientation Orientation `toml:"orientation"`
	Margins     Margins     `toml:"margins"`
}

// Margins are the distances in points from the page edges to the text area.
type Margins struct {
	Top    float64 `toml:"top"`
	Bottom float64 `toml:"bottom"`
	Left   float64 `toml:"left"`
	Right  float64 `toml:"right"`
}

// FontConfig chooses families, sizes and user TrueType files.
type FontConfig struct {
	Body        Family    `toml:"body"`
	Heading     Family    `toml:"heading"`
	BodySize    float64   `toml:"body_size"`
	Leading     float64   `toml:"leading"`
	HeadingSize float64   `toml:"heading_size"`
	TitleSize   float64   `toml:"title_size"`
	SmallSize   float64   `toml:"small_size"`
	Paragraph   ParaStyle `toml:"paragraph"`
	Files       FontFiles `toml:"files"`
	// Shaping sets text shaped with HarfBuzz's rules (kerning,
	// ligatures, marks, Fallback, Features; docs/shaping.md). Off (the
	// default until it meets its speed budgets), text is set by
	// characters' advance widths and Fallback and Features do nothing.
	Shaping bool `toml:"shaping"`
	// Fallback is the chain of faces for characters a face lacks, in
	// order: "dejavu" (the built-in DejaVu faces of the face's family,
	// then DejaVu Sans), "dejavu-serif", "dejavu-sans", or TrueType files
	// (fs.FS paths once loaded). Empty: no fallback.
	Fallback []string     `toml:"fallback"`
	Features FontFeatures `toml:"features"`
}

// FontFeatures are OpenType feature settings by role, on top of the
// defaults (kern, liga, …): "onum", "smcp", "tnum", "-kern", "salt=2".
type FontFeatures struct {
	Body     []string `toml:"body"`
	Headings []string `toml:"headings"`
	Tables   []string `toml:"tables"`
}

// The built-in fallback names of [fonts] fallback.
const (
	FallbackDejaVu      = "dejavu"       // DejaVu of the face's family, then DejaVu Sans
	FallbackDejaVuSerif = "dejavu-serif" // DejaVu Serif
	FallbackDejaVuSans  = "dejavu-sans"  // DejaVu Sans
)

// BuiltinFallback reports whether an entry of [fonts] fallback names
// built-in faces rather than a file.
func BuiltinFallback(name string) bool {
	switch name {
	case FallbackDejaVu, FallbackDejaVuSerif, FallbackDejaVuSans:
		return true
	}
	return false
}

// RoleFeatures are the feature settings of one role of [fonts.features].
type RoleFeatures struct {
	Role     string // "body", "headings", "tables"
	Settings []string
}

// Roles lists the feature settings by role, in a fixed order.
func (f *FontFeatures) Roles() []RoleFeatures {
	return []RoleFeatures{{"body", f.Body}, {"headings", f.Headings}, {"tables", f.Tables}}
}

// FontFiles are TrueType files (fs.FS paths once loaded) replacing the
// built-in faces; empty keeps the built-in face.
type FontFiles struct {
	Serif           string `toml:"serif"`
	SerifBold       string `toml:"serif-bold"`
	SerifItalic     string `toml:"serif-italic"`
	SerifBoldItalic string `toml:"serif-bolditalic"`
	Sans            string `toml:"sans"`
	SansBold        string `toml:"sans-bold"`
	SansItalic      string `toml:"sans-italic"`
	SansBoldItalic  string `toml:"sans-bolditalic"`
}

// TypographyConfig says how the text's own characters are set.
type TypographyConfig struct {
	// SmartQuotes turns straight quotes into the language's quotation
	// marks, and -- , --- and ... into dashes and an ellipsis, when the
	// text is laid out.
	SmartQuotes bool `toml:"smart_quotes"`
}

// ColorConfig holds the colours; Parties override the data's party colours.
type ColorConfig struct {
	Accent  Color            `toml:"accent"`
	Text    Color            `toml:"text"`
	Muted   Color            `toml:"muted"`
	Shade   Color            `toml:"shade"`
	Parties map[string]Color `toml:"parties"`
}

// RunningConfig is a running header or footer: text at the left and right
// of the text area, with placeholders {title}, {subtitle}, {author},
// {date}, {page}, {pages} and {distribution}.
type RunningConfig struct {
	Left  string `toml:"left"`
	Right string `toml:"right"`
}

// CoverConfig is what the cover adds to the briefing's metadata.
type CoverConfig struct {
	Distribution string  `toml:"distribution"`
	Logo         string  `toml:"logo"`
	LogoWidth    float64 `toml:"logo_width"`
	// LogoAlt is the logo's alternate text in the tagged PDF; empty:
	// "Logo of" and the author.
	LogoAlt string `toml:"logo_alt"`
}

// PDFConfig is what the PDF claims: Standard lists the standards it is
// made to meet (standard.go). Every build is tagged.
type PDFConfig struct {
	Standard PDFStandards `toml:"standard"`
}

// TimelineConfig sizes and configures Figure 1.
type TimelineConfig struct {
	Width     float64 `toml:"width"` // 0: the text width
	Height    float64 `toml:"height"`
	Lanes     Lanes   `toml:"lanes"`
	MaxLabels int     `toml:"max_labels"`
}

// FrequencyConfig sizes and configures the actor-frequency chart.
type FrequencyConfig struct {
	Width    float64 `toml:"width"` // 0: the text width
	Height   float64 `toml:"height"`
	Top      int     `toml:"top"`
	ShowRole bool    `toml:"show_role"`
	// PeriodOnly counts only events in the period; Group is "actor"
	// (one bar per actor) or "party" (people grouped under their party).
	PeriodOnly bool      `toml:"period_only"`
	Group      FreqGroup `toml:"group"`
}

// HyphenationConfig says whether justified text may be hyphenated, and by
// which patterns: a TeX or libhyphen patterns file, or, when empty and the
// language is English, the built-in US English patterns of plain TeX.
type HyphenationConfig struct {
	Enabled  bool   `toml:"enabled"`
	Patterns string `toml:"patterns"`
}

// Default returns the embedded config.toml alone.
func Default() *Config {
	c, err := decodeDefault()
	if err != nil {
		// The embedded default is tested; reaching this is a build defect.
		panic("config: embedded config.toml: " + err.Error())
	}
	return c
}

func decodeDefault() (*Config, error) {
	c := &Config{}
	if err := decodeInto(c, "config.toml", briefing.Defaults); err != nil {
		return nil, err
	}
	c.File = "" // the embedded default alone; c.pos stays its config.toml's
	c.resolve(".")
	return c, nil
}

// Load reads the layout config at path in fsys over the embedded
// default. Unknown keys and bad values are data.Errors with positions.
// Paths in the config are relative to its directory and come back as fs.FS
// paths.
//
// Settings, from -set on the command line, are applied over the file;
// their problems are data.Errors with the File SettingFile.
func Load(fsys fs.FS, name string, sets ...Setting) (*Config, error) {
	src, err := data.ReadRegular(fsys, name, MaxSize)
	if err != nil {
		return nil, data.Errors{{File: name, Msg: "cannot read config: " + diag.WithoutPath(err)}}
	}
	// Deep nesting and keys of thousands of parts make the TOML library
	// crawl: refuse them first, as the data loader does.
	if e := data.CheckNesting(name, src); e != nil {
		return nil, data.Errors{e}
	}
	c, err := decodeDefault()
	if err != nil {
		return nil, err
	}
	// The default's data files are the built-in briefing's; a user's
	// config names its own.
	c.Data = nil
	if err := decodeInto(c, name, src); err != nil {
		return nil, err
	}
	c.File = name
	if errs := c.applySettings(sets); len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	c.composeText()
	c.resolve(path.Dir(name))
	return c, nil
}

// PageDimensions returns the page width and height in points, oriented.
func (c *Config) PageDimensions() (w, h float64) {
	w, h = pageSizes[1].w, pageSizes[1].h
	for _, s := range pageSizes {
		if c.Page.Size == s.name {
			w, h = s.w, s.h
		}
	}
	if c.Page.Orientation == "landscape" {
		w, h = h, w
	}
	return w, h
}

// TextWidth is the width of the text area in points.
func (c *Config) TextWidth() float64 {
	w, _ := c.PageDimensions()
	return w - c.Page.Margins.Left - c.Page.Margins.Right
}

// Has reports whether block b is in the briefing.
func (c *Config) Has(b BlockName) bool {
	for _, x := range c.Blocks {
		if x == b {
			return true
		}
	}
	return false
}

// StartsPage reports whether block b starts on a new page (new_page).
func (c *Config) StartsPage(b BlockName) bool {
	for _, x := range c.NewPage {
		if x == b {
			return true
		}
	}
	return false
}

// ChartSizes returns the width and height in points of the timeline and
// the actor-frequency chart as the PDF shows them.
func (c *Config) ChartSizes() (timelineW, timelineH, frequencyW, frequencyH float64) {
	w := c.TextWidth()
	timelineW, frequencyW = w, w
	if c.Timeline.Width > 0 && c.Timeline.Width < w {
		timelineW = c.Timeline.Width
	}
	if c.Frequency.Width > 0 && c.Frequency.Width < w {
		frequencyW = c.Frequency.Width
	}
	return timelineW, c.Timeline.Height, frequencyW, c.Frequency.Height
}
