package build

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/briefing-pdf/briefing/data"
)

// JSONError is one problem in a POST /render answer, and in the command
// line's -diagnostics json, which adds its Severity ("error", "warning"
// or "info"; a POST /render answer holds errors only and leaves it out).
type JSONError struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity,omitempty"`
	Message  string `json:"message"`
}

// JSONErrors are err's problems as JSONErrors: each input problem, or
// the error's message.
func JSONErrors(err error) []JSONError {
	var es data.Errors
	if errors.As(err, &es) {
		out := make([]JSONError, len(es))
		for i, e := range es {
			out[i] = JSONError{File: e.File, Line: e.Line, Col: e.Col, Message: e.Msg}
		}
		return out
	}
	return []JSONError{{Message: err.Error()}}
}

// PrintErrors writes err: each input problem on a line of its own in the
// compiler style, then a count.
func PrintErrors(w io.Writer, err error) {
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

// ErrorLines are an error's lines as the command line prints them.
func ErrorLines(err error) []string {
	var es data.Errors
	if errors.As(err, &es) {
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = e.Error()
		}
		return out
	}
	return strings.Split(err.Error(), "\n")
}
