package data

import "github.com/briefing-pdf/briefing/internal/diag"

// Error is one problem in the input, Errors every problem found, and Pos
// where an entry starts in its data file (the line of its [[header]], or
// of the inline table when the array is written inline). They are the
// program's diagnostics types (internal/diag), named here so that the
// loader's callers need not import two packages.
type (
	Error  = diag.Error
	Errors = diag.Errors
	Pos    = diag.Pos
)
