package data

import (
	"fmt"
	"path"
	"strings"
	"time"
)

// Options are the settings of LoadWith beyond the files to read.
type Options struct {
	// Imports map the columns of CSV data files to fields; a CSV file
	// that none of them maps is an error. From the config's [[import]].
	Imports []Import
	// MaxFileSize caps the size in bytes of each data file; 0 means
	// Load's cap, 16 MiB.
	MaxFileSize int64
	// Meta overrides keys of the data's [briefing] table, as -set does;
	// see Override.
	Meta []Override
	// Dates writes the {date} and {period} placeholders of the texts in
	// the briefing's language; its nil fields write English.
	Dates DateText
}

// DateText writes dates into texts, for the placeholders {date} (a day)
// and {period} (a range of days).
type DateText struct {
	Date   func(t time.Time) string
	Period func(start, end time.Time) string
}

func (d DateText) date(t time.Time) string {
	if d.Date != nil {
		return d.Date(t)
	}
	return FormatDate(t, Day)
}

func (d DateText) period(start, end time.Time) string {
	if d.Period != nil {
		return d.Period(start, end)
	}
	return FormatRange(start, end, Day)
}

func (o *Options) maxSize() int64 {
	if o.MaxFileSize > 0 {
		return o.MaxFileSize
	}
	return maxFileSize
}

// decode decodes one data file by its extension: .csv through its import,
// .json as JSON, anything else as TOML.
func (o *Options) decode(name string, src []byte) (*part, Errors) {
	switch {
	case isCSV(name):
		im := findImport(o.Imports, name)
		if im == nil {
			return nil, Errors{{File: name, Msg: "a CSV data file needs an [[import]] in the config that maps its columns to fields (see docs/spreadsheet.md)"}}
		}
		return decodeCSV(name, src, im)
	case strings.EqualFold(path.Ext(name), ".json"):
		return decodeJSON(name, src)
	}
	return decodeFile(name, src)
}

// tooLarge is the message for a data file over the cap.
func tooLarge(limit int64) string {
	return fmt.Sprintf("file too large (at most %d bytes; see -max-input)", limit)
}
