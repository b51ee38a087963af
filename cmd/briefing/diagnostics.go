package main

// How build, validate and watch report errors and warnings: as text in the
// compiler style (FILE:LINE:COL: message), or with -diagnostics json as
// JSON lines, one object per problem, in the shape serve answers with
// (diag.JSON) plus its severity. File names come relabelled from
// internal/build.

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/briefing-pdf/briefing/internal/diag"
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
			f.encode(w, diag.JSON{Severity: "error", Message: msg})
		} else {
			fmt.Fprintln(w, "briefing: "+msg)
		}
	case f.json():
		for _, e := range diag.JSONErrors(err) {
			e.Severity = "error"
			e.Message = strings.TrimPrefix(e.Message, "briefing: ")
			f.encode(w, e)
		}
	default:
		diag.Print(w, err)
	}
	return reported{err}
}

// warnings prints typographic warnings: with the data file position of
// the text they are about when it is known, in the compiler style.
func (f diagFormat) warnings(w io.Writer, warnings []report.Warning) {
	if len(warnings) == 0 {
		return
	}
	for _, wn := range warnings {
		e := wn.Input // the data's own warning, positioned already
		if e == nil {
			e = wn.Pos.Errorf("%s", wn.String())
		}
		// A notice is what the PDF itself tells the reader (a briefing
		// resting on one source): said, but never an error under -strict.
		severity := "warning"
		if wn.Notice {
			severity = "notice"
		}
		if f.json() {
			f.encode(w, e.JSON(severity))
		} else {
			fmt.Fprintln(w, e.Text(severity))
		}
	}
}

// info prints a note that is neither error nor warning (where the PDF
// went), about file.
func (f diagFormat) info(w io.Writer, file, msg string) {
	if f.json() {
		f.encode(w, diag.JSON{File: file, Severity: "info", Message: msg})
		return
	}
	fmt.Fprintln(w, "briefing: "+msg)
}

func (diagFormat) encode(w io.Writer, e diag.JSON) {
	json.NewEncoder(w).Encode(e)
}
