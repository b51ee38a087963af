// Package diag holds the program's diagnostics: a problem of the input
// with its file and position (Error), a list of them (Errors), where a
// thing is written (Pos), the did-you-mean hint of a misspelt name
// (Suggest), and the two ways a problem is shown: in the compiler style,
// FILE:LINE:COL: message (Error.Error, Print, Lines), and as JSON, the
// shape POST /render answers with and -diagnostics json prints (JSON).
//
// The data, the config, the fonts and the logo all report their problems
// as Errors; data.Error, data.Errors and data.Pos are names for these
// types.
package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Pos is where something is written in a file: 1-based line and byte
// column, 0 when unknown. File is the path as the loader was given it.
type Pos struct {
	File string
	Line int
	Col  int
}

// Errorf is a problem at p.
func (p Pos) Errorf(format string, args ...any) *Error {
	return &Error{File: p.File, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)}
}

// Error is one problem in the input. File is the path as given to the
// loader; Line and Col are 1-based, 0 when unknown. Col counts bytes, as
// the TOML library and Go's compiler do.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

// Pos is where the problem is.
func (e *Error) Pos() Pos { return Pos{File: e.File, Line: e.Line, Col: e.Col} }

// Error formats the problem in the compiler style: "FILE:LINE:COL: msg",
// "FILE:LINE: msg" when the column is unknown, "FILE: msg" when the line
// is unknown too; without a file, "LINE:COL: msg" or just "msg".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		if e.File != "" {
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, "%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found. Loaders return it sorted by file, then
// line, then column (problems of a whole file, with no line, come first),
// then message. It implements error: the messages joined by newlines.
type Errors []*Error

// Error returns one line per problem.
func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Sort orders the errors by file name, line, column and message.
func (es Errors) Sort() {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
}

// Err returns es as an error, or nil when es is empty, so that callers
// never hold a non-nil error interface wrapping an empty list.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// WithoutPath is err's message without the path an *fs.PathError adds,
// for messages whose caller names the file itself.
func WithoutPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
