package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/report"
)

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build")
	config := fs.String("config", "", "layout config `FILE`, or a directory with config.toml (default ./config.toml, else\nthe built-in briefing); the same as the positional CONFIG")
	out := fs.String("o", "", "output `FILE`, - for standard output (default: the config's output key); one CONFIG only")
	strict := fs.Bool("strict", false, "fail the build on typographic warnings (overfull or loose lines, widows, ...)")
	quiet := fs.Bool("q", false, "do not print where the PDF was written")
	jobs := fs.Int("j", runtime.GOMAXPROCS(0), "with several CONFIGs, build up to `N` at once (the default is the number of cores)")
	var inf inputFlags
	inf.flag(fs)
	var diag diagFormat
	diag.flag(fs)
	configs, err := parseConfigList(fs, args, config, stdout)
	if err != nil {
		return err
	}
	opt, err := inf.options()
	if err != nil {
		return setUsage(err)
	}
	if *jobs < 1 {
		return usageErrorf("build: -j %d: want at least 1", *jobs)
	}
	created, err := creationDate()
	if err != nil {
		return diag.problems(stderr, nil, nil, err)
	}
	report.Preload() // on the other core, while the input is read
	b := builder{opt: opt, created: created, strict: *strict, diag: diag, cache: report.NewCache()}
	if len(configs) > 1 {
		if *out != "" {
			return usageErrorf("build: -o names one output file; with %d configs each goes to its config's output key", len(configs))
		}
		return b.many(configs, *jobs, *quiet, stdout, stderr)
	}
	one := ""
	if len(configs) == 1 {
		one = configs[0]
	}
	res := b.build(one, *out, stdout, stderr)
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
	config := fs.String("config", "", "layout config `FILE`, or a directory with config.toml (default ./config.toml, else\nthe built-in briefing); the same as the positional CONFIG")
	strict := fs.Bool("strict", false, "fail on warnings (typographic and provenance), as build -strict does")
	var inf inputFlags
	inf.flag(fs)
	var diag diagFormat
	diag.flag(fs)
	configs, err := parseConfigList(fs, args, config, stdout)
	if err != nil {
		return err
	}
	opt, err := inf.options()
	if err != nil {
		return setUsage(err)
	}
	created, err := creationDate()
	if err != nil {
		return diag.problems(stderr, nil, nil, err)
	}
	report.Preload()
	cache := report.NewCache()
	validate := func(config string) (string, error) {
		in, err := loadWith(config, opt)
		if settingsOnly(err) {
			return "", setUsage(err)
		}
		if err != nil {
			return "", diag.problems(stderr, nil, nil, err)
		}
		warnings, err := report.Check(in.b, in.cfg, in.fsys, report.Options{Created: created, Strict: *strict, Cache: cache})
		if err := diag.problems(stderr, in, warnings, err); err != nil {
			return "", err
		}
		b := in.b
		return fmt.Sprintf("%d events, %d actors, %d sources, %d sections",
			len(b.Events), len(b.Actors), len(b.Sources), len(b.Sections)), nil
	}
	if len(configs) <= 1 {
		one := ""
		if len(configs) == 1 {
			one = configs[0]
		}
		counts, err := validate(one)
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

// chartFormats are the formats `briefing charts` writes, by flag value.
var chartFormats = map[string]bool{"svg": true, "png": true, "pdf": true}

func cmdCharts(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("charts")
	config := fs.String("config", "", "layout config `FILE`, or a directory with config.toml (default ./config.toml, else\nthe built-in briefing); the same as the positional CONFIG")
	dir := fs.String("o", ".", "output `DIR`ectory")
	format := fs.String("format", "svg", "file format: svg, png or pdf")
	var inf inputFlags
	inf.flag(fs)
	if err := parseConfigFlags(fs, args, config, stdout); err != nil {
		return err
	}
	opt, err := inf.options()
	if err != nil {
		return setUsage(err)
	}
	if !chartFormats[*format] {
		return usageErrorf("charts: -format %q: want svg, png or pdf", *format)
	}
	in, err := loadWith(*config, opt)
	if settingsOnly(err) {
		return setUsage(err)
	}
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
		if err := writeFileAtomic(name, out); err != nil {
			return err
		}
		fmt.Fprintln(stdout, name)
	}
	return nil
}

// writeFileAtomic writes data to a temporary file beside name and renames it
// into place, so that a failure never leaves a partial file and an existing
// file is replaced only by a complete one.
func writeFileAtomic(name string, data []byte) (err error) {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
