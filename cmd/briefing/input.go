package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/report"
)

// input is a loaded, validated briefing with the config it was read with.
type input struct {
	fsys    fs.FS          // the files the config's paths are relative to
	cfgPath string         // the config's path within fsys
	dir     string         // the config's directory on disk; "" for the built-in briefing
	cfg     *report.Config // the layout
	b       *data.Briefing // the validated data
}

// builtin reports whether the input is the briefing embedded in the binary.
func (in *input) builtin() bool { return in.dir == "" }

// load resolves which config to read with openSource (-config, else
// ./config.toml, else the built-in briefing), then loads and validates
// config and data together.
func load(configFlag string) (*input, error) {
	return loadWith(configFlag, loadOptions{})
}

// loadWith is load with the command line's -set values and -max-input.
func loadWith(configFlag string, opt loadOptions) (*input, error) {
	src, err := openSource(configFlag)
	if err != nil {
		return nil, err
	}
	in := &input{fsys: src.fsys, cfgPath: src.cfgPath}
	if d, ok := src.fsys.(dirFS); ok {
		in.dir = string(d)
	}
	cfg, err := report.LoadConfig(in.fsys, in.cfgPath, opt.set.config...)
	if err != nil {
		return nil, in.relabel(err)
	}
	in.cfg = cfg
	b, err := data.LoadWith(in.fsys, cfg.Data, opt.dataOptions(cfg))
	if err != nil {
		return nil, in.relabel(err)
	}
	in.b = b
	return in, nil
}

// relabel makes the file names in input errors read as the user would type
// them: relative to the working directory when the config was named by a
// path in another directory.
func (in *input) relabel(err error) error {
	var es data.Errors
	if !errors.As(err, &es) || in.dir == "" || in.dir == "." {
		return err
	}
	out := make(data.Errors, len(es))
	for i, e := range es {
		c := *e
		if c.File != "" && c.File != report.SettingFile {
			c.File = filepath.Join(in.dir, filepath.FromSlash(c.File))
		}
		out[i] = &c
	}
	return out
}

// outputPath is where the PDF goes: -o, else the config's output key,
// relative to the config's directory (or the working directory for the
// built-in briefing).
func (in *input) outputPath(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	out := in.cfg.Output
	if out == "" {
		out = "briefing.pdf"
	}
	if in.builtin() || filepath.IsAbs(out) {
		return filepath.FromSlash(out)
	}
	return filepath.Join(in.dir, filepath.FromSlash(out))
}

// unwrapPathErr drops the operation and path of an fs.PathError, for
// messages that name the file themselves.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func unwrapPath(err error, name string) error {
	return fmt.Errorf("%s: %w", name, unwrapPathErr(err))
}

func fileExists(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.Mode().IsRegular()
}

// creationDate is the PDF's creation date: SOURCE_DATE_EPOCH when set, else
// the zero time, which tells the report to use the briefing's own date.
func creationDate() (time.Time, error) {
	v, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > 253402300799 {
		return time.Time{}, fmt.Errorf("briefing: SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", v)
	}
	return time.Unix(n, 0).UTC(), nil
}

// printInputErrors writes err to stderr: each input problem on a line of its
// own in the compiler style, then a count.
func printInputErrors(err error, w io.Writer) {
	var es data.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			fmt.Fprintln(w, e.Error())
		}
		if len(es) == 1 {
			fmt.Fprintln(w, "briefing: 1 error")
		} else {
			fmt.Fprintf(w, "briefing: %d errors\n", len(es))
		}
		return
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "briefing: ") {
		msg = "briefing: " + msg
	}
	fmt.Fprintln(w, msg)
}

// dirFS is a directory on disk as an fs.FS, with os.DirFS's rules: paths
// are slash-separated, relative and stay inside the directory. Its value
// is the directory's path, for the tests and messages that need it.
type dirFS string

func (d dirFS) Open(name string) (fs.File, error) { return os.DirFS(string(d)).Open(name) }
