package data

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in the input. File is the path as given to Load (or
// the name given to LoadBytes); Line and Col are 1-based, 0 when unknown.
// Col counts bytes, as the TOML library and Go's compiler do.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

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

// Errors is every problem found. Load returns it sorted by file, then line,
// then column (problems of a whole file, with no line, come first), then
// message. It implements error: the messages joined by newlines.
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

// maxSuggestLen bounds the ids and keys compared for suggestions.
const maxSuggestLen = 100

// suggest returns ` (did you mean "x"?)` when one of the candidates is
// close to the misspelt id by edit distance, else "". Ties go to the
// candidate that sorts first, so the hint is deterministic.
func suggest(bad string, candidates []string) string {
	if len(bad) > maxSuggestLen {
		return "" // no id is that long by mistake; and distance costs len²
	}
	best, bestD := "", -1
	limit := len(bad) / 3
	if limit < 1 {
		limit = 1
	}
	if limit > 4 {
		limit = 4
	}
	for _, c := range candidates {
		if c == bad || len(c) > maxSuggestLen {
			continue
		}
		d := editDistance(bad, c, limit)
		if d > limit {
			continue
		}
		if bestD < 0 || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if bestD < 0 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance between a and b in bytes,
// computed only as far as needed: any result above limit is reported as
// limit+1.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
