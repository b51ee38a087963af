package diag

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// prefix starts a line that names no file: the program's name.
const prefix = "briefing: "

// JSON is one problem in a POST /render answer, and in the command line's
// -diagnostics json, which adds its Severity ("error", "warning", "notice"
// or "info"; a POST /render answer holds errors only and leaves it out).
type JSON struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity,omitempty"`
	Message  string `json:"message"`
}

// JSON is e in the JSON form, with severity ("" to leave it out).
func (e *Error) JSON(severity string) JSON {
	return JSON{File: e.File, Line: e.Line, Col: e.Col, Severity: severity, Message: e.Msg}
}

// Text is e in the compiler style with its severity after the position:
// "FILE:LINE:COL: warning: msg", or "briefing: warning: msg" when e names
// no file. With severity "" it is e.Error().
func (e *Error) Text(severity string) string {
	if severity == "" {
		return e.Error()
	}
	if e.File == "" {
		return prefix + severity + ": " + e.Msg
	}
	c := *e
	c.Msg = severity + ": " + e.Msg
	return c.Error()
}

// JSONErrors are err's problems in the JSON form: each input problem, or
// the error's message.
func JSONErrors(err error) []JSON {
	var es Errors
	if errors.As(err, &es) {
		out := make([]JSON, len(es))
		for i, e := range es {
			out[i] = e.JSON("")
		}
		return out
	}
	return []JSON{{Message: err.Error()}}
}

// Print writes err in the text form: each input problem on a line of its
// own in the compiler style, then a count; another error on one line that
// starts with the program's name.
func Print(w io.Writer, err error) {
	var es Errors
	if errors.As(err, &es) {
		for _, e := range es {
			fmt.Fprintln(w, e.Error())
		}
		if len(es) == 1 {
			fmt.Fprintln(w, prefix+"1 error")
		} else {
			fmt.Fprintf(w, prefix+"%d errors\n", len(es))
		}
		return
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, prefix) {
		msg = prefix + msg
	}
	fmt.Fprintln(w, msg)
}

// Lines are an error's problems in the text form, a line each, without
// the count Print adds.
func Lines(err error) []string {
	var es Errors
	if errors.As(err, &es) {
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = e.Error()
		}
		return out
	}
	return strings.Split(err.Error(), "\n")
}
