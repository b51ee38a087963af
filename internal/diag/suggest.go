package diag

import "fmt"

// maxSuggestLen bounds the ids and keys compared for suggestions.
const maxSuggestLen = 100

// Suggest returns ` (did you mean "x"?)` when one of the candidates is
// close to the misspelt name by edit distance, else "". Ties go to the
// candidate that sorts first, so the hint is deterministic.
func Suggest(bad string, candidates []string) string {
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

// Quote quotes s for a message, cut to a readable length (60 bytes, not
// splitting a UTF-8 sequence) and marked with "…" when cut.
func Quote(s string) string {
	const max = 60
	if len(s) > max {
		cut := max
		for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
			cut--
		}
		return fmt.Sprintf("%q…", s[:cut])
	}
	return fmt.Sprintf("%q", s)
}
