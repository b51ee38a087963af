package main

import (
	"flag"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/report"
)

// loadOptions are the command-line settings of loading a briefing.
type loadOptions struct {
	set      overrides
	maxInput int64 // per data file; 0 for the data package's default
}

func (o loadOptions) dataOptions(cfg *report.Config) data.Options {
	return data.Options{Imports: cfg.Import, MaxFileSize: o.maxInput, Meta: o.set.meta}
}

// defaultMaxInput is the CLI's cap on one data file: generous, since the
// files are the user's own (serve has its own, smaller -max-body).
const defaultMaxInput = 256 << 20

// inputFlags are the flags of every command that loads a briefing from
// the command line: -set and -max-input.
type inputFlags struct {
	set      setFlags
	maxInput byteSize
}

func (f *inputFlags) flag(fs *flag.FlagSet) {
	f.set.flag(fs)
	f.maxInput = defaultMaxInput
	fs.Var(&f.maxInput, "max-input", "the largest data file read, in bytes or with KiB, MiB or GiB (`SIZE`, like 1GiB)")
}

// options reads the flags' values; a bad -set is a usage error.
func (f *inputFlags) options() (loadOptions, error) {
	if f.maxInput <= 0 {
		return loadOptions{}, usageErrorf("-max-input: want a size above 0, like 256MiB")
	}
	o, err := f.set.split()
	if err != nil {
		return loadOptions{}, err
	}
	return loadOptions{set: o, maxInput: int64(f.maxInput)}, nil
}
