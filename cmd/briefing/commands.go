package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/internal/build"
	"github.com/briefing-pdf/briefing/report"
)

// configHelp is the -config flag's help of build, validate and charts.
const configHelp = "layout config `FILE`, or a directory with config.toml (default ./config.toml, else\nthe built-in briefing); the same as the positional CONFIG"

// startBuild parses the flags of build or validate, with -diagnostics,
// reads the creation date, and finds and loads the config (-config, else
// ./config.toml, else the built-in briefing) and its data. The built-in
// fonts are parsed on the other core meanwhile. Its errors are printed.
func startBuild(fs *flag.FlagSet, args []string, config *string, diag *diagFormat, stdout, stderr io.Writer) (*build.Input, time.Time, error) {
	diag.flag(fs)
	if err := parseConfigFlags(fs, args, config, stdout); err != nil {
		return nil, time.Time{}, err
	}
	created, err := build.CreationDate()
	if err != nil {
		return nil, time.Time{}, diag.problems(stderr, nil, err)
	}
	report.Preload()
	src, err := build.Open(*config)
	if err != nil {
		return nil, time.Time{}, diag.problems(stderr, nil, err)
	}
	in, err := build.Load(src)
	if err != nil {
		return nil, time.Time{}, diag.problems(stderr, nil, err)
	}
	return in, created, nil
}

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build")
	config := fs.String("config", "", configHelp)
	out := fs.String("o", "", "output `FILE`, - for standard output (default: the config's output key)")
	strict := fs.Bool("strict", false, "fail the build on typographic warnings (overfull or loose lines, widows, ...)")
	quiet := fs.Bool("q", false, "do not print where the PDF was written")
	var diag diagFormat
	in, created, err := startBuild(fs, args, config, &diag, stdout, stderr)
	if err != nil {
		return err
	}
	// Checked before the build, and the build's bytes written only there.
	target, err := in.OutputTarget(*out)
	if err != nil {
		return diag.problems(stderr, nil, err)
	}
	res, err := in.Build(build.Options{Options: report.Options{Created: created, Strict: *strict}, Make: build.PDF})
	if err := diag.problems(stderr, res.Warnings, err); err != nil {
		return err
	}
	pdf := res.PDF
	name := target
	if target == "-" {
		if _, err := stdout.Write(pdf); err != nil {
			return diag.problems(stderr, nil, err)
		}
		name = "standard output"
	} else if err := writeFileAtomic(target, pdf); err != nil {
		return diag.problems(stderr, nil, err)
	}
	if !*quiet {
		diag.info(stderr, target, fmt.Sprintf("wrote %s (%s)", name, plural(res.Pages, "page")))
	}
	return nil
}

// plural is "1 page", "12 pages".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func cmdValidate(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("validate")
	config := fs.String("config", "", configHelp)
	strict := fs.Bool("strict", false, "fail on warnings (typographic and provenance), as build -strict does")
	var diag diagFormat
	in, created, err := startBuild(fs, args, config, &diag, stdout, stderr)
	if err != nil {
		return err
	}
	res, err := in.Build(build.Options{Options: report.Options{Created: created, Strict: *strict}, Make: build.Check})
	if err := diag.problems(stderr, res.Warnings, err); err != nil {
		return err
	}
	b := in.Briefing
	fmt.Fprintf(stdout, "ok: %d events, %d actors, %d sources, %d sections\n",
		len(b.Events), len(b.Actors), len(b.Sources), len(b.Sections))
	return nil
}

// chartFormats are the formats `briefing charts` writes, by flag value:
// SVG and PNG through charts.Export, PDF through the report's writer.
var chartFormats = map[string]bool{"svg": true, "png": true, "pdf": true}

func cmdCharts(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("charts")
	config := fs.String("config", "", configHelp)
	dir := fs.String("o", ".", "output `DIR`ectory")
	format := fs.String("format", "svg", "file format: svg, png or pdf")
	if err := parseConfigFlags(fs, args, config, stdout); err != nil {
		return err
	}
	if !chartFormats[*format] {
		return usageErrorf("charts: -format %q: want svg, png or pdf", *format)
	}
	src, err := build.Open(*config)
	if err != nil {
		return err
	}
	in, res, err := build.Run(src, build.Options{Make: build.Charts})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	created, err := build.CreationDate()
	if err != nil {
		return err
	}
	if created.IsZero() {
		created = in.Briefing.Meta.Date
	}
	figures := res.Figures
	for _, f := range figures {
		var out []byte
		if *format == "pdf" {
			// The report's PDF writer, in the briefing's embedded fonts.
			out, err = f.PDF(in.Briefing.Meta.Title+": "+f.Name, created)
		} else {
			var buf bytes.Buffer
			err = charts.Export(f.Plot, f.Width, f.Height, *format, &buf)
			out = buf.Bytes()
		}
		if err != nil {
			return fmt.Errorf("chart %s: %w", f.Name, err)
		}
		name := filepath.Join(*dir, f.Name+"."+*format)
		if err := in.NotAnInput(name); err != nil {
			return err
		}
		if err := writeFileAtomic(name, out); err != nil {
			return err
		}
		fmt.Fprintln(stdout, name)
	}
	return nil
}
