package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefing-pdf/briefing/internal/i18n"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// Typographic quotes and dashes. With [typography] smart_quotes (the
// default), the straight quotes of the text a user writes become the
// language's quotation marks ("…" in English, „…“ in German, « … » in
// French, «…» in Spanish, Russian and Armenian), an apostrophe becomes
// ’, "--" an en dash, "---" an em dash, a hyphen between spaces an en
// dash and "..." an ellipsis. This happens when the text is laid out:
// the data keep the characters as written (a quotation is checked
// against its source's text as written), and code is left alone.

// smartener converts straight quotes and dashes across the runs of one
// paragraph: whether a quote opens or closes depends on the character
// before it, which may end the previous run.
type smartener struct {
	loc   *i18n.Locale
	prev  rune // the last character written; 0 at the start
	depth int  // open double quotes (outer marks, then inner)
	open1 int  // open single quotes (always the inner marks)
}

// opensAfter reports whether a quote after r opens a quotation.
func opensAfter(r rune) bool {
	return r == 0 || unicode.IsSpace(r) || strings.ContainsRune("([{–—-/«„“‘", r)
}

func (s *smartener) convert(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		rest := text[i+n:]
		next, _ := utf8.DecodeRuneInString(rest)
		switch {
		case r == '"':
			if opensAfter(s.prev) && next != utf8.RuneError && !unicode.IsSpace(next) {
				o, _ := s.loc.QuoteMarks(s.depth)
				s.depth++
				b.WriteString(o)
			} else {
				if s.depth > 0 {
					s.depth--
				}
				_, c := s.loc.QuoteMarks(s.depth)
				b.WriteString(c)
			}
		case r == '\'':
			switch {
			case unicode.IsLetter(s.prev) || unicode.IsDigit(s.prev):
				if s.open1 > 0 && !unicode.IsLetter(next) {
					s.open1--
					_, c := s.loc.QuoteMarks(1)
					b.WriteString(c)
				} else {
					b.WriteString("’") // an apostrophe: Commission’s, l’accord
				}
			case opensAfter(s.prev) && (unicode.IsLetter(next) || unicode.IsDigit(next)) && !isElision(rest):
				o, _ := s.loc.QuoteMarks(1)
				s.open1++
				b.WriteString(o)
			default:
				if s.open1 > 0 {
					s.open1--
					_, c := s.loc.QuoteMarks(1)
					b.WriteString(c)
				} else {
					b.WriteString("’")
				}
			}
		case r == '-' && strings.HasPrefix(rest, "--"):
			b.WriteString("—")
			n += 2
		case r == '-' && strings.HasPrefix(rest, "-"):
			b.WriteString("–")
			n++
		case r == '-' && s.prev == ' ' && next == ' ':
			b.WriteString("–")
		case r == '.' && strings.HasPrefix(rest, ".."):
			b.WriteString("…")
			n += 2
		default:
			b.WriteRune(r)
		}
		last, _ := utf8.DecodeLastRuneInString(b.String())
		s.prev = last
		i += n
	}
	return b.String()
}

// isElision reports an apostrophe that stands for left-out letters at
// the start of a word: 'tis, '90s.
func isElision(rest string) bool {
	for _, w := range []string{"tis ", "twas ", "em ", "n ", "n'", "n’"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsDigit(r)
}

// smartRuns converts the runs of a paragraph in place, leaving code
// (set in the sans face within serif text) alone.
func (d *doc) smartRuns(runs []typeset.Run, family string) {
	if !d.cfg.Typography.SmartQuotes {
		return
	}
	s := &smartener{loc: d.loc}
	for i := range runs {
		if family == "serif" && strings.HasPrefix(runs[i].Style.Font, "sans") {
			s.prev = 'x' // code: a quote after it closes
			continue
		}
		runs[i].Text = s.convert(runs[i].Text)
	}
}

// smart converts one plain text (a pull quote, a title).
func (d *doc) smart(text string) string {
	if !d.cfg.Typography.SmartQuotes {
		return text
	}
	return (&smartener{loc: d.loc}).convert(text)
}

// markdown renders Markdown in the document's styles at size, with
// typographic quotes. Tables and images belong to sections
// (markdownBlocks); elsewhere they are an error.
func (d *doc) markdown(src string, size float64) ([]mdPara, error) {
	paras, err := d.markdownBlocks(src, size)
	if err == nil {
		err = blocksOnlyInSections(paras)
	}
	return paras, err
}

// inlineMarkdown renders src as one paragraph of runs, with typographic
// quotes: block structure is flattened (paragraphs joined with a space).
func (d *doc) inlineMarkdown(src string, st inlineStyle) ([]typeset.Run, error) {
	paras, err := renderMarkdown(src, st)
	if err == nil {
		err = blocksOnlyInSections(paras)
	}
	if err != nil {
		return nil, err
	}
	var out []typeset.Run
	for i, p := range paras {
		if i > 0 && len(p.Runs) > 0 {
			out = append(out, typeset.Run{Text: " ", Style: p.Runs[0].Style})
		}
		out = append(out, p.Runs...)
	}
	d.smartRuns(out, st.Family)
	internalLinks(out)
	return out, nil
}

// smartInner converts a text that is itself inside quotation marks (a
// pull quote): its quotes are the inner ones.
func (d *doc) smartInner(text string) string {
	if !d.cfg.Typography.SmartQuotes {
		return text
	}
	return (&smartener{loc: d.loc, depth: 1}).convert(text)
}
