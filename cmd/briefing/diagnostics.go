package main

// How build, validate and watch report errors and warnings: as text in the
// compiler style (FILE:LINE:COL: message), or with -diagnostics json as
// JSON lines, one object per problem, in the shape serve answers with
// (build.JSONError) plus its severity. File names come relabelled from
// internal/build.

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/build"
	"github.com/briefing-pdf/briefing/report"
)

// diagFormat is the -diagnostics flag: "text" (the zero value too) or
// "json".
type diagFormat string

func (f *diagFormat) String() string {
	if *f == "" {
		return "text"
	}
	return string(*f)
}

func (f *diagFormat) Set(s string) error {
	if s != "text" && s != "json" {
		return errors.New("want text or json")
	}
	*f = diagFormat(s)
	return nil
}

// flag adds -diagnostics to fs.
func (f *diagFormat) flag(fs *flag.FlagSet) {
	fs.Var(f, "diagnostics", "`FORMAT` of errors and warnings on standard error: text (the default), or json:\none JSON object a line with file, line, col, severity and message")
}

func (f diagFormat) json() bool { return f == "json" }

// reported wraps an error that has been printed already: exit status 1,
// nothing more to print.
type reported struct{ err error }

func (r reported) Error() string { return r.err.Error() }
func (r reported) Unwrap() error { return r.err }

// problems prints the warnings of a build and its error (nil for none),
// and returns the error marked as printed. With a strict build's error,
// the warnings it holds are printed once, followed by their count.
func (f diagFormat) problems(w io.Writer, warnings []report.Warning, err error) error {
	var strict *report.StrictError
	if errors.As(err, &strict) && len(warnings) == 0 {
		warnings = strict.Warnings
	}
	f.warnings(w, warnings)
	if err == nil {
		return nil
	}
	switch {
	case strict != nil:
		msg := plural(len(strict.Warnings), "warning") + " in strict mode"
		if f.json() {
			f.encode(w, build.JSONError{Severity: "error", Message: msg})
		} else {
			fmt.Fprintln(w, "briefing: "+msg)
		}
	case f.json():
		for _, e := range build.JSONErrors(err) {
			e.Severity = "error"
			e.Message = strings.TrimPrefix(e.Message, "briefing: ")
			f.encode(w, e)
		}
	default:
		build.PrintErrors(w, err)
	}
	return reported{err}
}

// warnings prints typographic warnings: with the data file position of
// the text they are about when it is known, in the compiler style.
func (f diagFormat) warnings(w io.Writer, warnings []report.Warning) {
	if len(warnings) == 0 {
		return
	}
	es := make(data.Errors, len(warnings))
	for i, wn := range warnings {
		if wn.Input != nil { // the data's own warning, positioned already
			c := *wn.Input
			es[i] = &c
			continue
		}
		es[i] = &data.Error{File: wn.Pos.File, Line: wn.Pos.Line, Col: wn.Pos.Col, Msg: wn.String()}
	}
	for i, e := range es {
		// A notice is what the PDF itself tells the reader (a briefing
		// resting on one source): said, but never an error under -strict.
		severity := "warning"
		if warnings[i].Notice {
			severity = "notice"
		}
		if f.json() {
			f.encode(w, build.JSONError{File: e.File, Line: e.Line, Col: e.Col, Severity: severity, Message: e.Msg})
			continue
		}
		if e.File == "" {
			fmt.Fprintf(w, "briefing: %s: %s\n", severity, e.Msg)
			continue
		}
		c := *e
		c.Msg = severity + ": " + e.Msg
		fmt.Fprintln(w, c.Error())
	}
}

// info prints a note that is neither error nor warning (where the PDF
// went), about file.
func (f diagFormat) info(w io.Writer, file, msg string) {
	if f.json() {
		f.encode(w, build.JSONError{File: file, Severity: "info", Message: msg})
		return
	}
	fmt.Fprintln(w, "briefing: "+msg)
}

func (diagFormat) encode(w io.Writer, e build.JSONError) {
	json.NewEncoder(w).Encode(e)
}
