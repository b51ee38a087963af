package report

import (
	"io/fs"

	"github.com/briefing-pdf/briefing/config"
)

// The layout config is package config; these names keep the report's
// code and its callers as they were. New code may use package config
// directly.

type (
	Config            = config.Config
	PageConfig        = config.PageConfig
	Margins           = config.Margins
	FontConfig        = config.FontConfig
	FontFiles         = config.FontFiles
	TypographyConfig  = config.TypographyConfig
	ColorConfig       = config.ColorConfig
	RunningConfig     = config.RunningConfig
	CoverConfig       = config.CoverConfig
	TimelineConfig    = config.TimelineConfig
	FrequencyConfig   = config.FrequencyConfig
	HyphenationConfig = config.HyphenationConfig
	PDFConfig         = config.PDFConfig

	BlockName    = config.BlockName
	PageSize     = config.PageSize
	Orientation  = config.Orientation
	Family       = config.Family
	ParaStyle    = config.ParaStyle
	Lanes        = config.Lanes
	FreqGroup    = config.FreqGroup
	Color        = config.Color
	PDFStandard  = config.PDFStandard
	PDFStandards = config.PDFStandards

	ConfigInput = config.Input
	Setting     = config.Setting
)

// The blocks.
const (
	BlockCover      = config.BlockCover
	BlockSummary    = config.BlockSummary
	BlockContents   = config.BlockContents
	BlockSections   = config.BlockSections
	BlockTimeline   = config.BlockTimeline
	BlockActors     = config.BlockActors
	BlockQuotes     = config.BlockQuotes
	BlockChronology = config.BlockChronology
	BlockAnnex      = config.BlockAnnex
	BlockSources    = config.BlockSources
)

// SettingFile is the file name the problems of a Setting carry.
const SettingFile = config.SettingFile

// DefaultConfig returns the embedded config.toml alone (config.Default).
func DefaultConfig() *Config { return config.Default() }

// LoadConfig reads the layout config at name in fsys over the embedded
// default (config.Load).
func LoadConfig(fsys fs.FS, name string, sets ...Setting) (*Config, error) {
	return config.Load(fsys, name, sets...)
}

// ConfigSchema returns the JSON Schema of a layout config (config.Schema).
func ConfigSchema() map[string]any { return config.Schema() }

// ConfigKeys lists the config's keys, dotted (config.Keys).
func ConfigKeys() []string { return config.Keys() }

// KnownConfigKey reports whether the dotted key names a config key
// (config.KnownKey).
func KnownConfigKey(key string) bool { return config.KnownKey(key) }
