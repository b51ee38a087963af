package data

import (
	"fmt"
	"strings"
)

// maxNesting bounds how deeply arrays and inline tables may nest, so that
// no recursive parser (the library's or ours) can run out of stack.
const maxNesting = 64

// maxKeyParts bounds the dotted parts of one key or table header
// ([a.b.c] and a.b.c = 1 have three), and maxFileKeyParts the parts of
// all keys and headers of one file. The TOML library's work and memory
// grow with every part and with the square of one key's parts (a header
// of 30,000 parts took 5 s and 1 GB to reject). The deepest key the
// formats know has four parts; a synthetic file of 10,000 events (6.8 MB)
// has about 110,000.
const (
	maxKeyParts     = 16
	maxFileKeyParts = 250_000
)

// CheckNesting reports, as an *Error naming file, where the TOML source
// src nests arrays and inline tables (or bracket pairs of any kind outside
// strings and comments) more than 64 deep, or has a key or table header
// of more than 16 dotted parts, or more than 250,000 key parts in all,
// and nil when it does not. Call it before decoding untrusted TOML with
// BurntSushi/toml, which slows to a crawl and exhausts memory on such
// input; Load and LoadBytes already do.
func CheckNesting(file string, src []byte) *Error {
	e := checkNesting(string(src))
	if e != nil {
		e.File = file
	}
	return e
}

// checkNesting reports the first place where arrays and inline tables
// outside strings and comments nest deeper than maxNesting, or where a
// key or table header has more than maxKeyParts dotted parts. The TOML
// library slows to a crawl and exhausts memory on such input, so the
// loader runs this before handing it the file. It follows TOML's grammar
// only as far as it must to tell keys from values: a key starts a line
// outside arrays, or follows { or a comma in an inline table, and ends at
// = (or at the ] of a header); it never rejects valid TOML below the caps.
func checkNesting(src string) *Error {
	var stack []byte // open arrays '[' and inline tables '{'
	expectKey := true
	inKey, header := false, false
	parts, total := 0, 0 // parts of this key, of all keys so far
	var keyAt lc
	line, col := 1, 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		adv := func(to int) { // move i to to-1, keeping line and col
			for ; i < to-1 && i < len(src); i++ {
				if src[i] == '\n' {
					line, col = line+1, 1
				} else {
					col++
				}
			}
		}
		if expectKey && c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '#' && c != '}' && (c != '[' || len(stack) > 0) {
			// A key starts here (its first byte is handled below).
			expectKey, inKey, header, parts, keyAt = false, true, false, 1, lc{line, col}
			if total++; total > maxFileKeyParts {
				return tooManyKeys(keyAt)
			}
		}
		switch {
		case c == ' ' || c == '\t' || c == '\r':
		case c == '\n':
			if len(stack) == 0 {
				expectKey, inKey, header = true, false, false
			}
		case c == '#':
			end := strings.IndexByte(src[i:], '\n')
			if end < 0 {
				return nil
			}
			adv(i + end) // the newline itself is seen next
		case expectKey && c == '}':
			expectKey = false
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case expectKey && c == '[' && len(stack) == 0:
			// A table header, [name] or [[name]].
			expectKey, inKey, header, parts, keyAt = false, true, true, 1, lc{line, col}
			if total++; total > maxFileKeyParts {
				return tooManyKeys(keyAt)
			}
			if i+1 < len(src) && src[i+1] == '[' {
				adv(i + 2)
				col++
				continue
			}
		case inKey && c == '.':
			parts++
			if total++; total > maxFileKeyParts {
				return tooManyKeys(keyAt)
			}
			if parts > maxKeyParts {
				what := "key"
				if header {
					what = "table header"
				}
				return &Error{Line: keyAt.line, Col: keyAt.col, Msg: fmt.Sprintf("%s has more than %d dotted parts", what, maxKeyParts)}
			}
		case inKey && c == '=':
			inKey = false
		case inKey && header && c == ']':
			inKey, header = false, false
			if i+1 < len(src) && src[i+1] == ']' {
				adv(i + 2)
				col++
				continue
			}
		case !inKey && (c == '[' || c == '{'):
			stack = append(stack, c)
			if len(stack) > maxNesting {
				return &Error{Line: line, Col: col, Msg: fmt.Sprintf("arrays and inline tables nest more than %d deep", maxNesting)}
			}
			expectKey = c == '{'
		case !inKey && (c == ']' || c == '}'):
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case !inKey && c == ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1] == '{'
		case c == '"' || c == '\'':
			q := string([]byte{c, c, c})
			if strings.HasPrefix(src[i:], q) {
				j := i + 3
				for {
					k := strings.Index(src[j:], q)
					if k < 0 {
						return nil
					}
					if c == '"' && escaped(src, j+k) {
						j += k + 1
						continue
					}
					j += k + 3
					break
				}
				for j < len(src) && src[j] == c {
					j++
				}
				adv(j)
				break
			}
			j := i + 1
			for j < len(src) && src[j] != c && src[j] != '\n' {
				if c == '"' && src[j] == '\\' {
					j++
				}
				j++
			}
			adv(j + 1)
		}
		if i < len(src) && src[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return nil
}

func tooManyKeys(at lc) *Error {
	return &Error{Line: at.line, Col: at.col, Msg: fmt.Sprintf("more than %d keys and key parts in one file: split it into several data files", maxFileKeyParts)}
}

// escaped reports whether the byte at i is preceded by an odd number of
// backslashes.
func escaped(src string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && src[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}
