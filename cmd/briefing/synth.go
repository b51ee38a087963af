package main

import (
	"fmt"
	"io"

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
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if *n < 0 {
		return usageErrorf("synth: -events %d: want 0 or more", *n)
	}
	config, err := synth.WriteDir(*dir, *n, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, config)
	return nil
}
