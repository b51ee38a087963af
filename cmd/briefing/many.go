package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/briefing-pdf/briefing/internal/build"
	"github.com/briefing-pdf/briefing/report"
)

// builder builds briefings with one set of command-line options. Its
// build method is safe to call from several goroutines: the built-in
// fonts and hyphenation patterns are parsed once per process (report
// keeps them) and shared by every build.
type builder struct {
	set     build.Settings // -set and -max-input
	created time.Time
	strict  bool
	diag    diagFormat
	// standard is -pdf-standard; nil for each config's [pdf] standard.
	standard *report.PDFStandards
	cache    *report.Cache // user fonts and patterns, parsed once per run
}

// built is the outcome of one build.
type built struct {
	config string // as given; "" for the default
	target string // the output path
	name   string // where the PDF went, for people
	pages  int
	took   time.Duration
	err    error // printed already, unless a usage error
}

// build loads and builds one briefing and writes its PDF to out (or the
// config's output key), printing its problems to stderr.
func (b *builder) build(config, out string, stdout, stderr io.Writer) (r built) {
	start := time.Now()
	r.config = config
	defer func() { r.took = time.Since(start) }()
	in, err := load(config, b.set, b.diag, stderr)
	if err != nil {
		r.err = err
		return r
	}
	// Checked before the build, and the build's bytes written only there.
	target, err := in.OutputTarget(out)
	if err != nil {
		r.err = b.diag.problems(stderr, nil, err)
		return r
	}
	res, err := in.Build(build.Options{Options: report.Options{Created: b.created, Strict: b.strict, Standard: b.standard, Cache: b.cache}, Make: build.PDF})
	if err := b.diag.problems(stderr, res.Warnings, err); err != nil {
		r.err = err
		return r
	}
	r.target, r.name, r.pages = target, target, res.Pages
	if target == "-" {
		if _, err := stdout.Write(res.PDF); err != nil {
			r.err = b.diag.problems(stderr, nil, err)
		}
		r.name = "standard output"
		return r
	}
	if err := writeFileAtomic(target, res.PDF); err != nil {
		r.err = b.diag.problems(stderr, nil, err)
	}
	return r
}

// many builds every config, up to jobs at once. Each briefing's errors and
// warnings are printed together, and then its summary line, in the order
// the configs were given, each as soon as it and those before it are done.
// The error is non-nil (exit status 1) when any build failed.
func (b *builder) many(configs []string, jobs int, quiet bool, stdout, stderr io.Writer) error {
	// Two configs that write one file would overwrite each other's PDF:
	// the later ones fail before building.
	claimed := map[string]string{}
	dup := map[int]string{}
	for i, c := range configs {
		t := b.outputOf(c)
		if t == "" {
			continue
		}
		abs, err := filepath.Abs(t)
		if err != nil {
			continue
		}
		if first, ok := claimed[abs]; ok {
			dup[i] = fmt.Sprintf("briefing: %s: output %s is also the output of %s; give each config its own output key", c, t, first)
			continue
		}
		claimed[abs] = c
	}
	type slot struct {
		res  built
		logs bytes.Buffer
		done chan struct{}
	}
	slots := make([]*slot, len(configs))
	for i := range slots {
		slots[i] = &slot{done: make(chan struct{})}
	}
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i, c := range configs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := slots[i]
			defer close(s.done)
			if msg, ok := dup[i]; ok {
				fmt.Fprintln(&s.logs, msg)
				s.res = built{config: c, err: reported{errors.New(msg)}}
				return
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			s.res = b.build(c, "", io.Discard, &s.logs)
		}()
	}
	failed := 0
	var usage error
	for _, s := range slots {
		<-s.done
		stderr.Write(s.logs.Bytes())
		r := s.res
		switch {
		case r.err != nil && errors.Is(r.err, errUsage):
			usage = r.err // the same -set for every config: said once
		case r.err != nil:
			failed++
			fmt.Fprintf(stdout, "FAIL %s (%s)\n", r.config, seconds(r.took))
		case !quiet:
			fmt.Fprintf(stdout, "ok   %s -> %s (%s, %s)\n", r.config, r.target, plural(r.pages, "page"), seconds(r.took))
		}
	}
	wg.Wait()
	if usage != nil {
		return usage
	}
	if failed > 0 {
		msg := fmt.Sprintf("%d of %d briefings failed", failed, len(configs))
		fmt.Fprintln(stderr, "briefing: "+msg)
		return reported{errors.New(msg)}
	}
	return nil
}

// outputOf is where config's PDF goes, read from the config alone; "" when
// the config cannot be read (its build reports why).
func (b *builder) outputOf(config string) string {
	src, err := build.Open(config)
	if err != nil {
		return ""
	}
	src.Settings = b.set
	in, err := build.LoadConfig(src)
	if err != nil {
		return ""
	}
	return in.OutputPath("")
}

func seconds(d time.Duration) string {
	return fmt.Sprintf("%.2fs", d.Seconds())
}

// parseConfigList parses a command that takes any number of CONFIGs:
// files, directories and glob patterns. -config, when given, comes first.
// A directory holding config.toml stands for it; any other directory for
// the config.toml of each of its subdirectories. A pattern (quoted, so
// that the shell leaves it) stands for the files and directories it
// matches. The same config named twice is built once.
func parseConfigList(fs *flag.FlagSet, args []string, config *string, stdout io.Writer) ([]string, error) {
	pos, err := parseArgs(fs, args, stdout)
	if err != nil {
		return nil, err
	}
	if *config != "" {
		pos = append([]string{*config}, pos...)
	}
	return expandConfigs(fs.Name(), pos)
}

// expandConfigs turns the CONFIG arguments into config files.
func expandConfigs(cmd string, args []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		key := filepath.Clean(p)
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	for _, a := range args {
		if a == "" {
			return nil, usageErrorf("%s: empty CONFIG", cmd)
		}
		paths := []string{a}
		if _, err := os.Stat(a); err != nil && strings.ContainsAny(a, "*?[") {
			m, gerr := filepath.Glob(a)
			if gerr != nil {
				return nil, usageErrorf("%s: bad pattern %q: %v", cmd, a, gerr)
			}
			if len(m) == 0 {
				return nil, usageErrorf("%s: no file matches %q", cmd, a)
			}
			paths = m
		}
		for _, p := range paths {
			st, err := os.Stat(p)
			if err != nil || !st.IsDir() {
				add(p) // a missing file is the build's error, with the others built
				continue
			}
			if build.FileExists(filepath.Join(p, "config.toml")) {
				add(filepath.Join(p, "config.toml"))
				continue
			}
			subs, _ := filepath.Glob(filepath.Join(p, "*", "config.toml"))
			sort.Strings(subs)
			if len(subs) == 0 {
				add(filepath.Join(p, "config.toml")) // missing: the build says so
				continue
			}
			for _, s := range subs {
				add(s)
			}
		}
	}
	return out, nil
}
