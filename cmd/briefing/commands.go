package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/internal/build"
	"github.com/briefing-pdf/briefing/report"
)

// configHelp is the -config flag's help of build, validate and charts.
const configHelp = "layout config `FILE`, or a directory with config.toml (default ./config.toml, else\nthe built-in briefing); the same as the positional CONFIG"

// startBuild parses the flags of build or validate, with -diagnostics,
// -set and -max-input, and their CONFIGs (none: -config, else
// ./config.toml, else the built-in briefing); reads the creation date;
// and starts parsing the built-in fonts on the other core. Its errors
// are printed.
func startBuild(fs *flag.FlagSet, args []string, config *string, diag *diagFormat, stdout, stderr io.Writer) (configs []string, set build.Settings, created time.Time, err error) {
	var inf inputFlags
	inf.flag(fs)
	diag.flag(fs)
	if configs, err = parseConfigList(fs, args, config, stdout); err != nil {
		return nil, set, created, err
	}
	if set, err = inf.settings(); err != nil {
		return nil, set, created, setUsage(err)
	}
	if created, err = build.CreationDate(); err != nil {
		return nil, set, created, diag.problems(stderr, nil, err)
	}
	report.Preload()
	return configs, set, created, nil
}

// load finds and loads one config (as build.Open names it: "" for
// ./config.toml, else the built-in briefing) and its data, with the
// command line's settings. Its errors are printed, but those of -set
// alone, which are a usage error (said once for all CONFIGs).
func load(config string, set build.Settings, diag diagFormat, stderr io.Writer) (*build.Input, error) {
	src, err := build.Open(config)
	if err != nil {
		return nil, diag.problems(stderr, nil, err)
	}
	src.Settings = set
	in, err := build.Load(src)
	if settingsOnly(err) {
		return nil, setUsage(err)
	}
	if err != nil {
		return nil, diag.problems(stderr, nil, err)
	}
	return in, nil
}

// only is the one CONFIG of a command given at most one, "" for none.
func only(configs []string) string {
	if len(configs) == 1 {
		return configs[0]
	}
	return ""
}

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build")
	config := fs.String("config", "", configHelp)
	out := fs.String("o", "", "output `FILE`, - for standard output (default: the config's output key); one CONFIG only")
	strict := fs.Bool("strict", false, "fail the build on typographic warnings (overfull or loose lines, widows, ...)")
	quiet := fs.Bool("q", false, "do not print where the PDF was written")
	var std standardFlag
	std.flag(fs)
	jobs := fs.Int("j", runtime.GOMAXPROCS(0), "with several CONFIGs, build up to `N` at once (the default is the number of cores)")
	var diag diagFormat
	configs, set, created, err := startBuild(fs, args, config, &diag, stdout, stderr)
	if err != nil {
		return err
	}
	if *jobs < 1 {
		return usageErrorf("build: -j %d: want at least 1", *jobs)
	}
	b := builder{set: set, created: created, strict: *strict, standard: std.opt(), diag: diag, cache: report.NewCache()}
	if len(configs) > 1 {
		if *out != "" {
			return usageErrorf("build: -o names one output file; with %d configs each goes to its config's output key", len(configs))
		}
		return b.many(configs, *jobs, *quiet, stdout, stderr)
	}
	res := b.build(only(configs), *out, stdout, stderr)
	if res.err != nil {
		return res.err
	}
	if !*quiet {
		diag.info(stderr, res.target, fmt.Sprintf("wrote %s (%s)", res.name, plural(res.pages, "page")))
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
	var std standardFlag
	std.flag(fs)
	var diag diagFormat
	configs, set, created, err := startBuild(fs, args, config, &diag, stdout, stderr)
	if err != nil {
		return err
	}
	cache := report.NewCache()
	validate := func(config string) (string, error) {
		in, err := load(config, set, diag, stderr)
		if err != nil {
			return "", err
		}
		res, err := in.Build(build.Options{Options: report.Options{Created: created, Strict: *strict, Standard: std.opt(), Cache: cache}, Make: build.Check})
		if err := diag.problems(stderr, res.Warnings, err); err != nil {
			return "", err
		}
		b := in.Briefing
		return fmt.Sprintf("%d events, %d actors, %d sources, %d sections",
			len(b.Events), len(b.Actors), len(b.Sources), len(b.Sections)), nil
	}
	if len(configs) <= 1 {
		counts, err := validate(only(configs))
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "ok: %s\n", counts)
		return nil
	}
	// Several configs, one after the other: each one's problems, then
	// its line.
	failed := 0
	for _, c := range configs {
		counts, err := validate(c)
		switch {
		case err != nil && errors.Is(err, errUsage):
			return err // the same -set for every config
		case err != nil:
			failed++
			fmt.Fprintf(stdout, "FAIL %s\n", c)
		default:
			fmt.Fprintf(stdout, "ok   %s: %s\n", c, counts)
		}
	}
	if failed > 0 {
		msg := fmt.Sprintf("%d of %d briefings failed", failed, len(configs))
		fmt.Fprintln(stderr, "briefing: "+msg)
		return reported{errors.New(msg)}
	}
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
	var inf inputFlags
	inf.flag(fs)
	if err := parseConfigFlags(fs, args, config, stdout); err != nil {
		return err
	}
	set, err := inf.settings()
	if err != nil {
		return setUsage(err)
	}
	if !chartFormats[*format] {
		return usageErrorf("charts: -format %q: want svg, png or pdf", *format)
	}
	src, err := build.Open(*config)
	if err != nil {
		return err
	}
	src.Settings = set
	in, res, err := build.Run(src, build.Options{Make: build.Charts})
	if settingsOnly(err) {
		return setUsage(err)
	}
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

// standardFlag is -pdf-standard of build, validate and watch: the
// standards the PDF claims, replacing the config's [pdf] standard.
type standardFlag struct {
	set bool
	v   report.PDFStandards
}

func (f *standardFlag) flag(fs *flag.FlagSet) {
	fs.Var(f, "pdf-standard", "claim the `STANDARDS` the PDF meets, separated by commas: ua-1, a-1b, a-2b, a-2u, a-2a\n(one PDF/A part, with ua-1 or not), or none; replaces the config's [pdf] standard")
}

func (f *standardFlag) String() string { return f.v.String() }

func (f *standardFlag) Set(s string) error {
	v, err := report.ParsePDFStandards(s)
	if err != nil {
		return err
	}
	f.set, f.v = true, v
	return nil
}

// opt is the flag's value for report.Options: nil when it was not given.
func (f *standardFlag) opt() *report.PDFStandards {
	if !f.set {
		return nil
	}
	return &f.v
}
