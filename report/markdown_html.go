package report

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// htmlBlock keeps the text of a raw HTML block (a paragraph written as
// <div>…</div> or <p>…</p>) as a plain paragraph, without its tags and
// comments, and says so: no word of the data is dropped.
func (r *mdRenderer) htmlBlock(_ util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	hb := n.(*ast.HTMLBlock)
	var raw strings.Builder
	lines := hb.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		raw.Write(seg.Value(src))
	}
	if hb.HasClosure() {
		raw.Write(hb.ClosureLine.Value(src))
	}
	text := stripTags(raw.String())
	first := strings.TrimSpace(raw.String())
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if r.st.Warn != nil {
		if strings.TrimSpace(text) == "" {
			r.st.Warn(fmt.Sprintf("raw HTML block %s has no text: left out", quoteHTML(first)))
		} else {
			r.st.Warn(fmt.Sprintf("raw HTML block %s printed as plain text, without its tags: write Markdown instead", quoteHTML(first)))
		}
	}
	r.flush(false, false)
	r.add(text)
	r.flush(false, false)
	return ast.WalkSkipChildren, nil
}

// quoteHTML quotes the start of an HTML block for a message.
func quoteHTML(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	return strconv.Quote(s)
}

// stripTags returns the text of an HTML fragment: tags and comments
// removed, character references decoded, white space as a space.
func stripTags(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, "<!--"):
			end := strings.Index(s[4:], "-->")
			if end < 0 { // runs to the end, as in HTML
				s = ""
				continue
			}
			s = s[4+end+3:]
			b.WriteByte(' ')
		case s[0] == '<' && len(s) > 1 && (isASCIILetter(s[1]) || s[1] == '/' || s[1] == '!' || s[1] == '?'):
			end := strings.IndexByte(s, '>')
			if end < 0 {
				b.WriteString(s) // not a tag: text
				s = ""
				continue
			}
			s = s[end+1:]
			b.WriteByte(' ')
		default:
			b.WriteByte(s[0])
			s = s[1:]
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
