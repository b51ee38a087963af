package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/data"
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
	pdf, warnings, err := report.Build(in.b, in.cfg, in.fsys, report.Options{Created: created, Strict: *strict})
	for _, w := range warnings {
		if w.Notice {
			fmt.Fprintf(stderr, "briefing: notice: %s\n", in.warningText(w))
			continue
		}
		fmt.Fprintf(stderr, "briefing: warning: %s\n", in.warningText(w))
	}
	var se *report.StrictError
	if errors.As(err, &se) {
		lines := []string{fmt.Sprintf("%d warning(s) in strict mode", len(se.Warnings))}
		for _, w := range se.Warnings {
			lines = append(lines, in.warningText(w))
		}
		return errors.New(strings.Join(lines, "\n"))
	}
	if err != nil {
		return in.relabel(err)
	}
	target := in.outputPath(*out)
	if target == "-" {
		_, err := stdout.Write(pdf)
		return err
	}
	return writeFileAtomic(target, pdf)
}

func cmdValidate(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("validate")
	config := fs.String("config", "", "layout config `FILE` (default ./config.toml, else the built-in briefing)")
	strict := fs.Bool("strict", false, "fail on provenance warnings")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	in, err := load(*config)
	if err != nil {
		return err
	}
	b := in.b
	for _, n := range in.relabel(b.Notices()).(data.Errors) {
		fmt.Fprintf(stderr, "briefing: notice: %s\n", n)
	}
	if ws := b.Warnings(); len(ws) > 0 {
		if *strict {
			return in.relabel(ws)
		}
		for _, w := range in.relabel(ws).(data.Errors) {
			fmt.Fprintf(stderr, "briefing: warning: %s\n", w)
		}
	}
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
		return err
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

// version is the module version the binary was built from, or "devel".
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// warningText is a build warning as printed: a data warning's file named
// as the user would type it, like an error's.
func (in *input) warningText(w report.Warning) string {
	if w.Input == nil {
		return w.String()
	}
	return in.relabel(data.Errors{w.Input}).(data.Errors)[0].Error()
}
