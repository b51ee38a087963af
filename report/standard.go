package report

import (
	"github.com/briefing-pdf/briefing/config"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// ParsePDFStandards reads the -pdf-standard flag (config.ParsePDFStandards).
func ParsePDFStandards(s string) (PDFStandards, error) { return config.ParsePDFStandards(s) }

// withStandard is cfg with the standards opt asks for (the command
// line's), if it asks.
func withStandard(cfg *Config, opt Options) *Config {
	if opt.Standard == nil {
		return cfg
	}
	c := *cfg
	c.PDF.Standard = *opt.Standard
	return &c
}

// setClaims puts the config's standards into the document's metadata.
func setClaims(m *frames.Meta, cfg *Config) {
	m.PDFA, m.UA = cfg.PDF.Standard.Claims()
}
