package main

import (
	"flag"

	"github.com/briefing-pdf/briefing/internal/build"
)

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

// settings reads the flags' values for build.Source.Settings; a bad -set
// is a usage error.
func (f *inputFlags) settings() (build.Settings, error) {
	if f.maxInput <= 0 {
		return build.Settings{}, usageErrorf("-max-input: want a size above 0, like 256MiB")
	}
	o, err := f.set.split()
	if err != nil {
		return build.Settings{}, err
	}
	return build.Settings{Config: o.config, Meta: o.meta, MaxInput: int64(f.maxInput)}, nil
}
