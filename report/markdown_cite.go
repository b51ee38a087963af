package report

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// KindCitation is the goldmark node kind of a [@id] citation.
var KindCitation = ast.NewNodeKind("Citation")

// Citation is an inline [@id] or [@a; @b] citation.
type Citation struct {
	ast.BaseInline
	IDs []data.ID
}

// Kind implements ast.Node.
func (n *Citation) Kind() ast.NodeKind { return KindCitation }

// Dump implements ast.Node.
func (n *Citation) Dump(source []byte, level int) {
	ids := make([]string, len(n.IDs))
	for i, id := range n.IDs {
		ids[i] = string(id)
	}
	ast.DumpHelper(n, source, level, map[string]string{"IDs": strings.Join(ids, ";")}, nil)
}

// citationParser parses "[@…]" before the link parser sees the bracket.
type citationParser struct{}

func (citationParser) Trigger() []byte { return []byte{'['} }

func (citationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) < 3 || line[1] != '@' {
		return nil
	}
	end := bytes.IndexByte(line, ']')
	if end < 0 {
		return nil
	}
	ids, ok := data.ParseCitation(string(line[1:end]))
	if !ok || len(ids) == 0 {
		return nil
	}
	block.Advance(end + 1)
	return &Citation{IDs: ids}
}

// citation sets the note numbers as superscripts that link to the notes,
// attached to the word before them.
func (r *mdRenderer) citation(_ util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering || r.st.Cite == nil {
		return ast.WalkSkipChildren, nil
	}
	for k := len(r.runs); k > 0; k = len(r.runs) {
		r.runs[k-1].Text = strings.TrimRight(r.runs[k-1].Text, " ")
		if r.runs[k-1].Text != "" {
			break
		}
		r.runs = r.runs[:k-1]
	}
	size := r.st.Size * 0.68
	rise := r.st.Size * 0.36
	// Citations side by side ("[@a] [@b]") read as one list: 1,2.
	follows := len(r.runs) > 0 && r.runs[len(r.runs)-1].Style.Rise > 0
	for i, id := range n.(*Citation).IDs {
		note, anchor, err := r.st.Cite(id)
		if err != nil {
			if r.err == nil {
				r.err = err
			}
			continue
		}
		if i > 0 || follows {
			r.runs = append(r.runs, typeset.Run{Text: ",",
				Style: typeset.Style{Font: face(r.st.Family, false, false), Size: size, Rise: rise, Tag: tag{}}})
		}
		r.runs = append(r.runs, typeset.Run{Text: strconv.Itoa(note), Style: typeset.Style{
			Font: face(r.st.Family, false, false), Size: size, Rise: rise,
			Tag: tag{Dest: noteAnchor(note), Anchor: anchor, Color: r.st.Link, HasColor: true},
		}})
	}
	return ast.WalkSkipChildren, nil
}
