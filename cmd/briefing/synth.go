package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/briefing-pdf/briefing/internal/synth"
)

// cmdSynth writes a synthetic briefing of N events (a config and its data
// files) into a directory, for benchmarks and scale tests. It is not in
// the usage text: see docs/performance.md.
func cmdSynth(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("synth")
	n := fs.Int("events", 1000, "number of `N` events")
	seed := fs.Int64("seed", 1, "random seed")
	dir := fs.String("o", ".", "output `DIR`ectory")
	one := fs.Bool("one-file", false, "write all the data into one file, data/briefing.toml (50,000 events make 26 MB;\nbuild it with -max-input above that)")
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if *n < 0 {
		return usageErrorf("synth: -events %d: want 0 or more", *n)
	}
	if *one {
		if err := os.MkdirAll(filepath.Join(*dir, "data"), 0o755); err != nil {
			return err
		}
		if err := writeFileAtomic(filepath.Join(*dir, "data", "briefing.toml"), synth.Generate(*n, *seed)); err != nil {
			return err
		}
		config := filepath.Join(*dir, "config.toml")
		if err := writeFileAtomic(config, synth.Config([]string{"data/briefing.toml"})); err != nil {
			return err
		}
		fmt.Fprintln(stdout, config)
		return nil
	}
	config, err := synth.WriteDir(*dir, *n, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, config)
	return nil
}
