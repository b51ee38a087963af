package main

// `briefing watch`: rebuild the PDF whenever the config or a file it names
// changes. Directories are watched, not files, so that editors that save
// by writing a new file and renaming it over the old one are seen; events
// are filtered to the input files and debounced.

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/build"
	"github.com/briefing-pdf/briefing/report"
)

func cmdWatch(args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("watch")
	config := fset.String("config", "", "layout config `FILE` (default ./config.toml)")
	out := fset.String("o", "", "output `FILE` (default: the config's output key)")
	strict := fset.Bool("strict", false, "fail a build on typographic warnings")
	var std standardFlag
	std.flag(fset)
	var inf inputFlags
	inf.flag(fset)
	var diag diagFormat
	diag.flag(fset)
	if err := parseConfigFlags(fset, args, config, stdout); err != nil {
		return err
	}
	set, err := inf.settings()
	if err != nil {
		return setUsage(err)
	}
	if *out == "-" {
		return usageErrorf("watch: -o - is not supported: watch writes a file")
	}
	src, err := build.Open(*config)
	if err != nil {
		return err
	}
	if src.Static {
		return usageErrorf("watch: no config.toml here and no -config: the built-in briefing never changes, so there is nothing to watch")
	}
	created, err := build.CreationDate()
	if err != nil {
		return err
	}
	ctx, stop := interrupted()
	defer stop()
	w := &watcher{config: src.Name, out: *out, strict: *strict, standard: std.opt(), diag: diag, created: created, set: set,
		debounce: 200 * time.Millisecond, stdout: stdout, stderr: stderr}
	return w.run(ctx)
}

// watcher rebuilds a briefing when its input files change.
type watcher struct {
	config   string // the config's path as given
	out      string // -o, or "" for the config's output key
	strict   bool
	set      build.Settings // -set and -max-input
	diag     diagFormat     // how errors and warnings are printed
	created  time.Time
	debounce time.Duration
	stdout   io.Writer
	stderr   io.Writer

	// standard is -pdf-standard; nil for the config's.
	standard *report.PDFStandards

	// onBuild, when set, is called after each build attempt with its
	// error (nil when the PDF was written).
	onBuild func(error)
}

// run builds once, then again after each change, until ctx ends.
func (w *watcher) run(ctx context.Context) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("briefing: watch: %w", err)
	}
	defer fw.Close()
	ws := &watchSet{fw: fw, dirs: map[string]bool{}, waiting: map[string]string{}, stderr: w.stderr}
	files := w.rebuild(ws)
	fmt.Fprintf(w.stdout, "watching %d files; press Ctrl-C to stop\n", len(files))

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			if ev.Op == fsnotify.Chmod {
				continue
			}
			if abs, err := filepath.Abs(ev.Name); err == nil && relevant(abs, files) {
				timer.Reset(w.debounce)
			}
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(w.stderr, "briefing: watch: %v\n", err)
		case <-timer.C:
			files = w.rebuild(ws)
		}
	}
}

// relevant reports whether an event on path concerns the input files: it
// is one of them, or a directory on the way to one (created, removed or
// renamed, which makes inputs appear or vanish).
func relevant(path string, files map[string]bool) bool {
	if files[path] {
		return true
	}
	prefix := path + string(filepath.Separator)
	for f := range files {
		if strings.HasPrefix(f, prefix) {
			return true
		}
	}
	return false
}

// watchSet is the directories watched for the input files: each file's
// directory, or while that is missing its nearest existing ancestor, so
// that the directory's return is seen and the watch moves back to it.
type watchSet struct {
	fw      *fsnotify.Watcher
	dirs    map[string]bool   // directories watched
	waiting map[string]string // missing directory → the ancestor watched instead, as last reported
	stderr  io.Writer
}

// arm points the watches at the directories of files. Every wanted
// directory is added again each time: a directory removed and made anew
// (rm -rf data; mkdir data) lost its watch with its inode, and adding a
// watch that still holds costs nothing.
func (ws *watchSet) arm(files map[string]bool) {
	want := map[string]bool{}
	waiting := map[string]string{}
	for f := range files {
		dir := filepath.Dir(f)
		d := nearestDir(dir)
		if d != dir {
			waiting[dir] = d
		}
		want[d] = true
	}
	for _, d := range sortedKeys(want) {
		if err := ws.fw.Add(d); err != nil {
			fmt.Fprintf(ws.stderr, "briefing: watch: %s: %v\n", d, build.UnwrapPathErr(err))
			delete(ws.dirs, d)
			continue
		}
		ws.dirs[d] = true
	}
	for _, d := range sortedKeys(ws.dirs) {
		if !want[d] {
			ws.fw.Remove(d)
			delete(ws.dirs, d)
		}
	}
	missing := make([]string, 0, len(waiting))
	for dir := range waiting {
		missing = append(missing, dir)
	}
	sort.Strings(missing)
	for _, dir := range missing {
		if ws.waiting[dir] != waiting[dir] {
			fmt.Fprintf(ws.stderr, "briefing: watch: %s does not exist; waiting for it to appear (watching %s)\n", dir, waiting[dir])
		}
	}
	for dir := range ws.waiting {
		if _, still := waiting[dir]; !still {
			fmt.Fprintf(ws.stderr, "briefing: watch: %s is back; watching it again\n", dir)
		}
	}
	ws.waiting = waiting
}

// nearestDir is dir if it is an existing directory, else its nearest
// ancestor that is.
func nearestDir(dir string) string {
	for {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}

// rebuild points the watches at the directories of the input files the
// config names, then builds, and returns those files as absolute paths.
// The watches come first so that no change during the build is missed.
func (w *watcher) rebuild(ws *watchSet) map[string]bool {
	files := w.inputs()
	ws.arm(files)
	err := w.build()
	if w.onBuild != nil {
		w.onBuild(err)
	}
	return files
}

// build builds the briefing and writes the PDF, printing what happened:
// one line on success; on failure every error as `briefing validate` does,
// leaving the last good PDF in place.
func (w *watcher) build() (err error) {
	defer func() {
		// A defect in the build must not end the session: report it
		// like any failed build and keep watching.
		if v := recover(); v != nil {
			err = w.diag.problems(w.stderr, nil, fmt.Errorf("briefing: internal error during the build: %v", v))
		}
	}()
	start := time.Now()
	src, err := build.Open(w.config)
	if err != nil {
		return w.diag.problems(w.stderr, nil, err)
	}
	src.Settings = w.set
	in, res, err := build.Run(src, build.Options{Options: report.Options{Created: w.created, Strict: w.strict, Standard: w.standard}, Make: build.PDF})
	if err := w.diag.problems(w.stderr, res.Warnings, err); err != nil {
		return err
	}
	target, err := in.OutputTarget(w.out)
	if err == nil {
		err = writeFileAtomic(target, res.PDF)
	}
	if err != nil {
		return w.diag.problems(w.stderr, nil, err)
	}
	fmt.Fprintf(w.stdout, "built %s: %d pages, %d KB in %d ms\n",
		target, res.Pages, (len(res.PDF)+512)/1024, time.Since(start).Milliseconds())
	return nil
}

// inputs are the files a build reads (build.Inputs), as absolute paths:
// the config and, when it can be read, the files it names. Files are read
// only if they are regular files, without blocking.
func (w *watcher) inputs() map[string]bool {
	files := map[string]bool{}
	dir, base := filepath.Dir(w.config), filepath.Base(w.config)
	add := func(p string) {
		if abs, err := filepath.Abs(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
			files[abs] = true
		}
	}
	add(base)
	fsys := build.DirFS(dir)
	cfg, err := report.LoadConfig(fsys, base, w.set.Config...)
	if err != nil {
		return files
	}
	named := func(p string) []build.InputFile { // the sources' texts, the sections' images
		src, err := data.ReadRegular(fsys, p, build.MaxFile)
		if err != nil {
			return nil
		}
		return build.DataNames(cfg, p, src)
	}
	for _, f := range build.Inputs(base, cfg, named) {
		add(f.Path)
	}
	return files
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
