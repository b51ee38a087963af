package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/report"
)

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build")
	config := fs.String("config", "", "layout config `FILE` (default ./config.toml, else the built-in briefing)")
	out := fs.String("o", "", "output `FILE`, - for standard output (default: the config's output key)")
	strict := fs.Bool("strict", false, "fail the build on typographic warnings")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	created, err := creationDate()
	if err != nil {
		return err
	}
	report.Preload() // on the other core, while the input is read
	in, err := load(*config)
	if err != nil {
		return err
	}
	// Checked before the build, and the build's bytes written only there.
	target, err := in.outputTarget(*out)
	if err != nil {
		return err
	}
	pdf, warnings, err := report.Build(in.b, in.cfg, in.fsys, report.Options{Created: created, Strict: *strict})
	for _, w := range warnings {
		fmt.Fprintf(stderr, "briefing: warning: %s\n", w)
	}
	if err != nil {
		return in.relabel(err)
	}
	if target == "-" {
		_, err := stdout.Write(pdf)
		return err
	}
	return writeFileAtomic(target, pdf)
}

func cmdValidate(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("validate")
	config := fs.String("config", "", "layout config `FILE` (default ./config.toml, else the built-in briefing)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	in, err := load(*config)
	if err != nil {
		return err
	}
	b := in.b
	fmt.Fprintf(stdout, "ok: %d events, %d actors, %d sources, %d sections\n",
		len(b.Events), len(b.Actors), len(b.Sources), len(b.Sections))
	return nil
}

// chartFormats are the formats `briefing charts` writes, by flag value.
var chartFormats = map[string]bool{"svg": true, "png": true, "pdf": true}

func cmdCharts(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("charts")
	config := fs.String("config", "", "layout config `FILE` (default ./config.toml, else the built-in briefing)")
	dir := fs.String("o", ".", "output `DIR`ectory")
	format := fs.String("format", "svg", "file format: svg, png or pdf")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !chartFormats[*format] {
		return usageErrorf("charts: -format %q: want svg, png or pdf", *format)
	}
	in, err := load(*config)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	created, err := creationDate()
	if err != nil {
		return err
	}
	if created.IsZero() {
		created = in.b.Meta.Date
	}
	figures, err := report.Figures(in.b, in.cfg, in.fsys)
	if err != nil {
		return in.relabel(err)
	}
	for _, f := range figures {
		var out []byte
		if *format == "pdf" {
			// Our own canvas: the briefing's embedded Unicode fonts.
			out, err = f.PDF(in.b.Meta.Title+": "+f.Name, created)
		} else {
			var buf bytes.Buffer
			err = charts.Export(f.Plot, f.Width, f.Height, *format, &buf)
			out = buf.Bytes()
		}
		if err != nil {
			return fmt.Errorf("chart %s: %w", f.Name, err)
		}
		name := filepath.Join(*dir, f.Name+"."+*format)
		if err := in.notAnInput(name); err != nil {
			return err
		}
		if err := writeFileAtomic(name, out); err != nil {
			return err
		}
		fmt.Fprintln(stdout, name)
	}
	return nil
}

// version is the module version the binary was built from, or "devel".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
