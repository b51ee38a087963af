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
	"os/signal"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/briefing-pdf/briefing/report"
)

func cmdWatch(args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("watch")
	config := fset.String("config", "", "layout config `FILE` (default ./config.toml)")
	out := fset.String("o", "", "output `FILE` (default: the config's output key)")
	strict := fset.Bool("strict", false, "fail a build on typographic warnings")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	if *out == "-" {
		return usageErrorf("watch: -o - is not supported: watch writes a file")
	}
	cfgPath := *config
	switch {
	case cfgPath != "":
		if _, err := os.Stat(cfgPath); err != nil {
			return fmt.Errorf("briefing: config: %w", unwrapPath(err, cfgPath))
		}
	case fileExists("config.toml"):
		cfgPath = "config.toml"
	default:
		return usageErrorf("watch: no config.toml here and no -config: the built-in briefing never changes, so there is nothing to watch")
	}
	created, err := creationDate()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	w := &watcher{config: cfgPath, out: *out, strict: *strict, created: created,
		debounce: 200 * time.Millisecond, stdout: stdout, stderr: stderr}
	return w.run(ctx)
}

// watcher rebuilds a briefing when its input files change.
type watcher struct {
	config   string // the config's path as given
	out      string // -o, or "" for the config's output key
	strict   bool
	created  time.Time
	debounce time.Duration
	stdout   io.Writer
	stderr   io.Writer

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
	dirs := map[string]bool{}
	files := w.rebuild(fw, dirs)
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
			if abs, err := filepath.Abs(ev.Name); err == nil && files[abs] {
				timer.Reset(w.debounce)
			}
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(w.stderr, "briefing: watch: %v\n", err)
		case <-timer.C:
			files = w.rebuild(fw, dirs)
		}
	}
}

// rebuild points the watcher at the directories of the input files the
// config names, then builds, and returns those files as absolute paths.
// The watches come first so that no change during the build is missed.
func (w *watcher) rebuild(fw *fsnotify.Watcher, dirs map[string]bool) map[string]bool {
	files := w.inputs()
	want := map[string]bool{}
	for f := range files {
		want[filepath.Dir(f)] = true
	}
	for _, d := range sortedKeys(want) {
		if dirs[d] {
			continue
		}
		if err := fw.Add(d); err != nil {
			fmt.Fprintf(w.stderr, "briefing: watch: %s: %v\n", d, unwrapPathErr(err))
			continue
		}
		dirs[d] = true
	}
	for _, d := range sortedKeys(dirs) {
		if !want[d] {
			fw.Remove(d)
			delete(dirs, d)
		}
	}
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
			err = fmt.Errorf("briefing: internal error during the build: %v", v)
			printInputErrors(err, w.stderr)
		}
	}()
	start := time.Now()
	in, err := load(w.config)
	if err != nil {
		printInputErrors(err, w.stderr)
		return err
	}
	pdf, warnings, err := report.Build(in.b, in.cfg, in.fsys, report.Options{Created: w.created, Strict: w.strict})
	for _, wn := range warnings {
		fmt.Fprintf(w.stderr, "briefing: warning: %s\n", wn)
	}
	if err != nil {
		err = in.relabel(err)
		printInputErrors(err, w.stderr)
		return err
	}
	target, err := in.outputTarget(w.out)
	if err == nil {
		err = writeFileAtomic(target, pdf)
	}
	if err != nil {
		printInputErrors(err, w.stderr)
		return err
	}
	fmt.Fprintf(w.stdout, "built %s: %d pages, %d KB in %d ms\n",
		target, countPages(pdf), (len(pdf)+512)/1024, time.Since(start).Milliseconds())
	return nil
}

// inputs are the files a build reads, as absolute paths: the config and,
// when it can be read, its data, font, logo and hyphenation files.
func (w *watcher) inputs() map[string]bool {
	files := map[string]bool{}
	dir := filepath.Dir(w.config)
	add := func(p string) {
		if abs, err := filepath.Abs(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
			files[abs] = true
		}
	}
	base := filepath.Base(w.config)
	add(base)
	cfg, err := report.LoadConfig(dirFS(dir), base)
	if err != nil {
		return files
	}
	for _, p := range cfg.Data {
		add(p)
	}
	for _, p := range resourcePaths(cfg) {
		if p != "" {
			add(p)
		}
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
