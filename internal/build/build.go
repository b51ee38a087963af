// Package build is the one build path of every command: it finds the
// config (Open), loads the config and the data (Load), builds (Build) and
// relabels what goes wrong so that files are named as the user would type
// them. build, validate, charts, watch and serve all go through it; the
// files a build reads are listed in one place (Inputs).
package build

import (
	"errors"

	"github.com/briefing-pdf/briefing/report"
)

// Make says what a build makes.
type Make uint8

const (
	// PDF makes the PDF, with its page count.
	PDF Make = 1 << iota
	// Charts makes the briefing's charts as figures.
	Charts
	// Check (no bit set) makes nothing and runs every check a build
	// runs: `briefing validate`.
	Check Make = 0
)

// Options adjust a build.
type Options struct {
	report.Options
	Make Make
}

// Result is what a build made. It has the shape of report.Build's result.
type Result struct {
	PDF      []byte          // nil unless Options.Make has PDF
	Pages    int             // the PDF's pages
	Figures  []report.Figure // the charts, with Options.Make Charts
	Warnings []report.Warning
	Inputs   []string // the fs paths of the files the build read
}

// Run loads src and builds it: the path of build, validate, charts and
// watch. Its errors and the result's warnings name files as the user
// would type them. The Input is returned too, when it was loaded; the
// result is never nil (see Input.Build).
func Run(src *Source, opt Options) (*Input, *Result, error) {
	in, err := Load(src)
	if err != nil {
		return nil, &Result{}, err
	}
	res, err := in.Build(opt)
	return in, res, err
}

// Build builds a loaded input. The result is never nil: on error it
// holds the warnings found before it (a strict build's error holds them
// too) and nothing else.
// Errors and warnings are relabelled as Load's.
func (in *Input) Build(opt Options) (*Result, error) {
	res, err := build(in, opt)
	if err != nil {
		res = &Result{Warnings: res.Warnings}
	}
	res.Warnings = in.relabelWarnings(res.Warnings)
	var strict *report.StrictError
	if errors.As(err, &strict) {
		err = &report.StrictError{Warnings: in.relabelWarnings(strict.Warnings)}
	}
	return res, in.Relabel(err)
}

// build is the one call into report. A PDF build returns its charts
// with it (made once); a charts-only run makes just the charts. The
// inputs are the config's list (Input.Files), which serve and watch also
// need before a build runs.
func build(in *Input, opt Options) (*Result, error) {
	b, cfg, fsys := in.Briefing, in.Config, in.resources()
	res := &Result{}
	for _, f := range in.Files() {
		res.Inputs = append(res.Inputs, f.Path)
	}
	var err error
	switch {
	case opt.Make&PDF != 0:
		var r *report.Result
		r, err = report.Build(b, cfg, fsys, opt.Options)
		if r != nil {
			res.PDF, res.Pages, res.Warnings = r.PDF, r.Pages, r.Warnings
			if opt.Make&Charts != 0 {
				res.Figures = r.Figures
			}
		}
		return res, err
	case opt.Make == Check:
		res.Warnings, err = report.Check(b, cfg, fsys, opt.Options)
	}
	if err == nil && opt.Make&Charts != 0 {
		res.Figures, err = report.Figures(b, cfg, fsys)
	}
	return res, err
}
