package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
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
	src, err := openSource(configFlag)
	if err != nil {
		return nil, err
	}
	in := &input{fsys: src.fsys, cfgPath: src.cfgPath}
	if d, ok := src.fsys.(dirFS); ok {
		in.dir = string(d)
	}
	cfg, err := report.LoadConfig(in.fsys, in.cfgPath)
	if err != nil {
		return nil, in.relabel(err)
	}
	in.cfg = cfg
	b, err := data.Load(in.fsys, cfg.Data)
	if err != nil {
		return nil, in.relabel(err)
	}
	in.b = b
	return in, nil
}

// relabel makes the file names in input errors read as the user would type
// them: relative to the working directory when the config was named by a
// path in another directory. It renames the files that errors are about
// and the files named inside messages ("first defined at FILE:LINE:COL"),
// so that a line never mixes two styles.
func (in *input) relabel(err error) error {
	var es data.Errors
	if !errors.As(err, &es) || in.dir == "" || in.dir == "." {
		return err
	}
	label := func(f string) string { return filepath.Join(in.dir, filepath.FromSlash(f)) }
	mention := in.mentions(es)
	out := make(data.Errors, len(es))
	for i, e := range es {
		c := *e
		if c.File != "" {
			c.File = label(c.File)
		}
		if mention != nil {
			c.Msg = mention.ReplaceAllStringFunc(c.Msg, func(m string) string {
				sm := mention.FindStringSubmatch(m)
				return sm[1] + label(sm[2]) + sm[3]
			})
		}
		out[i] = &c
	}
	return out
}

// mentions matches the names of the build's files (those of the errors
// and the inputs) where a message mentions one: after a space or an
// opening parenthesis, before a colon, a space, a closing parenthesis or
// the end. Longer names come first, so that data/a.toml is never taken
// for a.toml.
func (in *input) mentions(es data.Errors) *regexp.Regexp {
	seen := map[string]bool{}
	var names []string
	add := func(f string) {
		if f != "" && !seen[f] {
			seen[f] = true
			names = append(names, f)
		}
	}
	for _, e := range es {
		add(e.File)
	}
	for _, f := range in.inputs() {
		add(f.path)
	}
	if len(names) == 0 {
		return nil
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	for i, n := range names {
		names[i] = regexp.QuoteMeta(n)
	}
	return regexp.MustCompile(`(^|[\s(])(` + strings.Join(names, "|") + `)([:\s),;]|$)`)
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

// fileExists reports whether something is named name, a file or not: a
// ./config.toml that is a directory, a named pipe or a broken link is
// reported as such when read, never passed over for the built-in
// briefing.
func fileExists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
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

// dirFS is a directory on disk as an fs.FS, with os.DirFS's rules (paths
// are slash-separated, relative and stay inside the directory) and the
// folder rule of docs/config.md on top: a name is resolved through its
// symbolic links and must land inside the directory's real path; only
// regular files and directories are opened, and opening never blocks (a
// named pipe or a device is refused before it is opened, and a file
// swapped for one meanwhile is refused after). Its value is the
// directory's path, for the tests and messages that need it.
type dirFS string

func (d dirFS) Open(name string) (fs.File, error) {
	f, err := openInFolder(string(d), name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f, nil
}

// openInFolder opens name, a slash-separated path relative to dir, under
// the folder rule (see dirFS). Its errors are bare (no path): the caller
// names the file.
func openInFolder(dir, name string) (*os.File, error) {
	if !fs.ValidPath(name) {
		return nil, fs.ErrInvalid
	}
	root, err := filepath.Abs(dir)
	if err == nil {
		root, err = filepath.EvalSymlinks(root)
	}
	if err != nil {
		return nil, fmt.Errorf("the config's folder cannot be read: %w", unwrapPathErr(err))
	}
	real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		return nil, unwrapPathErr(err)
	}
	if !within(root, real) {
		return nil, outsideError{real}
	}
	rel, err := filepath.Rel(root, real)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(real)
	if err != nil {
		return nil, unwrapPathErr(err)
	}
	if err := openable(st.Mode()); err != nil {
		return nil, err
	}
	// Opened through an os.Root on the real folder, so that a symbolic
	// link swapped in since the check cannot lead outside it; O_NONBLOCK,
	// so that a named pipe swapped in cannot hang the open.
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, unwrapPathErr(err)
	}
	defer r.Close()
	f, err := r.OpenFile(rel, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if strings.Contains(err.Error(), "escapes") {
			return nil, outsideError{real}
		}
		return nil, unwrapPathErr(err)
	}
	st2, err := f.Stat()
	if err == nil {
		err = openable(st2.Mode())
		if err == nil && st2.Mode().Type() != st.Mode().Type() {
			err = errors.New("changed while being opened")
		}
	}
	if err != nil {
		f.Close()
		return nil, unwrapPathErr(err)
	}
	return f, nil
}

// openable refuses what a briefing never reads: anything but a regular
// file or a directory. Directories are opened (fs.FS may list them);
// readers refuse them as input.
func openable(m fs.FileMode) error {
	if m.IsRegular() || m.IsDir() {
		return nil
	}
	return data.NotRegular(m)
}

// outsideError is a path that resolves, through symbolic links, outside
// the config's folder.
type outsideError struct{ real string }

func (e outsideError) Error() string {
	return fmt.Sprintf("leads through a symbolic link to %s, outside the config's folder; copy the file into the folder", e.real)
}
