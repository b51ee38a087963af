package report

import (
	"fmt"
	"image"
	"image/color"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
)

// textChecker finds text that cannot be printed as written: characters
// the face lacks (drawn as blank boxes), characters outside the Basic
// Multilingual Plane (which the PDF writer cannot embed unshaped) and,
// unshaped, right-to-left text (which would be drawn letter-reversed).
// The report's layout (doc) and `briefing charts` (Figures) check with
// the same code: check for text whose source is known, checkPlot for
// every string a chart draws, checkDrawn for text found only once drawn.
type textChecker struct {
	fonts *fonts.Set
	b     *data.Briefing
	cfg   *Config

	errs     data.Errors
	glyphs   map[string]bool // reported: where + "\x00" + rune
	reported map[rune]bool   // characters reported anywhere
	fields   []textField     // the briefing's and config's text, for locate

	// fsys holds the data files, when known: an error then points at
	// the character itself (place), not at the entry it is in.
	fsys  fs.FS
	files map[string]string // read by place
}

func newTextChecker(set *fonts.Set, b *data.Briefing, cfg *Config) *textChecker {
	return &textChecker{fonts: set, b: b, cfg: cfg, glyphs: map[string]bool{}, reported: map[rune]bool{}}
}

// rtlFrom is the first code point with a right-to-left bidi class
// (U+0590, Hebrew); below it every character is left-to-right or neutral.
const rtlFrom = 0x0590

// rightToLeft reports whether r is strong right-to-left text (bidi class
// R or AL) or a control that asks for right-to-left order.
func rightToLeft(r rune) bool {
	if r < rtlFrom {
		return false
	}
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.R, bidi.AL, bidi.RLE, bidi.RLO, bidi.RLI:
		return true
	}
	return false
}

// mayHaveRTL is a fast test: s has no byte that starts a code point at
// or above U+0590.
func mayHaveRTL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xD6 {
			return true
		}
	}
	return false
}

// problems returns the characters of text that cannot be printed in font.
func (c *textChecker) problems(font, text string) []rune {
	out := c.fonts.MissingGlyphs(font, text)
	if !c.fonts.Shaping() && mayHaveRTL(text) {
		for _, r := range text {
			if rightToLeft(r) && !containsRune(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

func containsRune(rs []rune, r rune) bool {
	for _, o := range rs {
		if o == r {
			return true
		}
	}
	return false
}

// check reports the characters of text, set in font, that cannot be
// printed, at w: each character once per w, and of right-to-left text
// only the first character.
func (c *textChecker) check(font, text string, w where) {
	bad := c.problems(font, text)
	rtlSeen := false
	for _, r := range bad {
		c.reported[r] = true
		rtl := rightToLeft(r)
		if rtl && rtlSeen {
			continue
		}
		rtlSeen = rtlSeen || rtl
		key := w.What + "\x00" + string(r)
		if c.glyphs[key] {
			continue
		}
		c.glyphs[key] = true
		at := c.place(w.Pos, r)
		c.errs = append(c.errs, &data.Error{File: at.File, Line: at.Line, Col: at.Col,
			Msg: w.What + ": " + c.message(font, r, rtl)})
	}
}

// place is where r is written in the entry of the data that starts at
// pos: the line and byte column of its first occurrence from pos up to
// the next entry of the file. It is pos when r is not written there as
// itself (an escape), the file is not a data file or cannot be read.
func (c *textChecker) place(pos data.Pos, r rune) data.Pos {
	if c.fsys == nil || c.b == nil || pos.Line < 1 || !slices.Contains(c.b.Files, pos.File) {
		return pos
	}
	src, ok := c.files[pos.File]
	if !ok {
		b, err := fs.ReadFile(c.fsys, pos.File)
		if err != nil {
			b = nil
		}
		if c.files == nil {
			c.files = map[string]string{}
		}
		src = string(b)
		c.files[pos.File] = src
	}
	start := offsetOf(src, pos.Line, pos.Col)
	end := len(src)
	for _, p := range entryPositions(c.b) {
		if p.File != pos.File || (p.Line < pos.Line || (p.Line == pos.Line && p.Col <= pos.Col)) {
			continue
		}
		end = min(end, offsetOf(src, p.Line, p.Col))
	}
	if start < 0 || start >= end {
		return pos
	}
	toml := strings.EqualFold(path.Ext(pos.File), ".toml")
	for start < end {
		i := strings.IndexRune(src[start:end], r)
		if i < 0 {
			return pos
		}
		at := start + i
		lineStart := strings.LastIndexByte(src[:at], '\n') + 1
		if toml && strings.HasPrefix(strings.TrimLeft(src[lineStart:at], " \t"), "#") {
			// In a comment: not what is printed.
			start = at + utf8.RuneLen(r)
			continue
		}
		return data.Pos{File: pos.File, Line: 1 + strings.Count(src[:at], "\n"), Col: at - lineStart + 1}
	}
	return pos
}

// offsetOf is the byte offset of 1-based line and byte column col of
// src, or -1 past its end.
func offsetOf(src string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	if off+max(col, 1)-1 > len(src) {
		return -1
	}
	return off + max(col, 1) - 1
}

// entryPositions are where the briefing's entries start.
func entryPositions(b *data.Briefing) []data.Pos {
	out := []data.Pos{b.Meta.Pos}
	out = appendPos(out, b.Parties, func(p data.Party) data.Pos { return p.Pos })
	out = appendPos(out, b.Actors, func(a data.Actor) data.Pos { return a.Pos })
	out = appendPos(out, b.Sources, func(s data.Source) data.Pos { return s.Pos })
	out = appendPos(out, b.Events, func(e data.Event) data.Pos { return e.Pos })
	out = appendPos(out, b.Sections, func(s data.Section) data.Pos { return s.Pos })
	return appendPos(out, b.Judgments, func(j data.Judgment) data.Pos { return j.Pos })
}

func appendPos[T any](out []data.Pos, xs []T, pos func(T) data.Pos) []data.Pos {
	for _, x := range xs {
		out = append(out, pos(x))
	}
	return out
}

// message says why r cannot be printed in font.
func (c *textChecker) message(font string, r rune, rtl bool) string {
	font = fonts.FaceOf(font) // "sans@tables" is the sans face
	src := font
	for _, fc := range c.fonts.Faces() {
		if fc.Name == font {
			src = fc.Name + " (" + fc.Source + ")"
		}
	}
	shaped := c.fonts.Shaping()
	if shaped {
		if fb := c.fonts.Fallbacks(font); len(fb) > 0 {
			src += " nor in its fallback fonts (" + strings.Join(fb, ", ") + ")"
		}
	}
	switch {
	case rtl:
		return fmt.Sprintf("character %s is right-to-left text (Hebrew, Arabic, …), which cannot be set without text shaping "+
			"([fonts] shaping = false): its letters would be drawn in reverse order", fonts.RuneName(r))
	case !shaped && r >= 1<<16 && c.fonts.InFile(font, r):
		// Unshaped, fpdf embeds only the Basic Multilingual Plane.
		return fmt.Sprintf("character %s is outside the Basic Multilingual Plane: font %s has it, "+
			"but the PDF writer cannot embed such characters unless text is shaped ([fonts] shaping = true)", fonts.RuneName(r), src)
	}
	return fmt.Sprintf("character %s is not in font %s", fonts.RuneName(r), src)
}

// checkRest is check for characters not reported anywhere yet: for text
// made of pieces checked before (a running header with its placeholders
// filled in) whose new characters are blamed on w.
func (c *textChecker) checkRest(font, text string, w where) {
	for _, r := range c.problems(font, text) {
		if !c.reported[r] {
			c.check(font, text, w)
			return
		}
	}
}

// configWhere is the position of a key of the config.
func (c *textChecker) configWhere(key string) where {
	e := c.cfg.KeyError(key, "")
	return where{Pos: data.Pos{File: e.File, Line: e.Line, Col: e.Col}, What: key}
}

// checkDrawn checks text that is about to be drawn, whose source is not
// known: a character not reported yet is blamed on the first field of
// the briefing or config that contains it (one with text drawn in it,
// if any).
func (c *textChecker) checkDrawn(font, text string) {
	for _, r := range c.problems(font, text) {
		if c.reported[r] {
			continue
		}
		c.check(font, string(r), c.locate(r, text, font))
	}
}

// checkChart checks the text of a chart of the briefing, drawn at w × h
// points: the names it shows (event titles, actor names and roles, in
// the faces a chart may set them in) at their entries, then every string
// it draws.
func (c *textChecker) checkChart(p *plot.Plot, w, h float64) {
	head := string(c.cfg.Fonts.Heading)
	faces := []string{face(head, false, false), face(head, true, false)}
	for _, f := range faces {
		for _, e := range c.b.Events {
			c.check(f, e.Title, where{Pos: e.Pos, What: fmt.Sprintf("event %q", e.ID)})
		}
		for _, a := range c.b.Actors {
			wa := where{Pos: a.Pos, What: fmt.Sprintf("actor %q", a.ID)}
			c.check(f, a.Name, wa)
			c.check(f, a.Role, wa)
		}
	}
	c.checkPlot(p, w, h)
}

// checkPlot checks every string the chart p draws at w × h points.
func (c *textChecker) checkPlot(p *plot.Plot, w, h float64) {
	tc := &textCanvas{w: vg.Length(w), h: vg.Length(h), fn: func(f font.Face, s string) {
		c.checkDrawn(fonts.FaceName(f.Font), s)
	}}
	p.Draw(draw.New(tc))
}

// textField is a piece of text of the briefing or the config and where
// it is written.
type textField struct {
	text string
	w    where
}

// locate finds where r is written: the first field with r whose text
// and drawn overlap, else the first field with r. A character no field
// has is one the layout adds (an ellipsis, a dash between numbers): it is
// blamed on the font file that lacks it, or the config.
func (c *textChecker) locate(r rune, drawn, font string) where {
	if c.fields == nil {
		c.fields = c.textFields()
	}
	// Charts change case (a lane named "domestic" is labelled
	// "Domestic"): compare in lower case, and r in any case.
	drawn = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(drawn), "…")))
	var first *textField
	for i, f := range c.fields {
		if !containsFold(f.text, r) {
			continue
		}
		text := strings.ToLower(f.text)
		if drawn != "" && (strings.Contains(text, drawn) || strings.Contains(drawn, text)) {
			return f.w
		}
		if first == nil {
			first = &c.fields[i]
		}
	}
	if first != nil {
		return first.w
	}
	const what = "text the layout adds"
	if c.cfg == nil {
		return where{Pos: data.Pos{File: "config.toml"}, What: what}
	}
	for _, f := range c.cfg.Fonts.Files.Faces() {
		if f.Face == font && f.File != "" {
			w := c.configWhere("fonts.files." + font)
			w.What += " (" + what + ")"
			return w
		}
	}
	w := c.configWhere("")
	w.What = what
	return w
}

// containsFold reports whether s contains r or another case of r.
func containsFold(s string, r rune) bool {
	for f := r; ; {
		if strings.ContainsRune(s, f) {
			return true
		}
		if f = unicode.SimpleFold(f); f == r {
			return false
		}
	}
}

// textFields lists every string of the briefing (with the position of
// the entry it belongs to) and of the config (at its key).
func (c *textChecker) textFields() []textField {
	out := []textField{}
	if c.b != nil {
		b := c.b
		meta := where{Pos: b.Meta.Pos, What: "briefing"}
		collect(reflect.ValueOf(b.Meta), meta, &out)
		for _, p := range b.Parties {
			collect(reflect.ValueOf(p), where{Pos: p.Pos, What: fmt.Sprintf("party %q", p.ID)}, &out)
		}
		for _, a := range b.Actors {
			collect(reflect.ValueOf(a), where{Pos: a.Pos, What: fmt.Sprintf("actor %q", a.ID)}, &out)
		}
		for _, s := range b.Sources {
			collect(reflect.ValueOf(s), where{Pos: s.Pos, What: fmt.Sprintf("source %q", s.ID)}, &out)
		}
		for _, e := range b.Events {
			collect(reflect.ValueOf(e), where{Pos: e.Pos, What: fmt.Sprintf("event %q", e.ID)}, &out)
		}
		for _, s := range b.Sections {
			collect(reflect.ValueOf(s), where{Pos: s.Pos, What: fmt.Sprintf("section %q", s.ID)}, &out)
		}
	}
	if c.cfg != nil {
		c.configFields(reflect.ValueOf(*c.cfg), "", &out)
	}
	return out
}

// collect appends the strings in v, a value of the data model, as fields
// at w named by their field names: `event "e1" title`.
func collect(v reflect.Value, w where, out *[]textField) {
	switch v.Kind() {
	case reflect.String:
		if v.Len() > 0 {
			*out = append(*out, textField{v.String(), w})
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			collect(v.Index(i), w, out)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			collect(v.Elem(), w, out)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if !t.Field(i).IsExported() || t.Field(i).Type == reflect.TypeFor[data.Pos]() {
				continue
			}
			fw := w
			fw.What = w.What + " " + strings.ToLower(t.Field(i).Name)
			collect(v.Field(i), fw, out)
		}
	}
}

// configFields appends the config's strings at their keys.
func (c *textChecker) configFields(v reflect.Value, key string, out *[]textField) {
	switch v.Kind() {
	case reflect.String:
		if v.Len() > 0 && key != "" {
			*out = append(*out, textField{v.String(), c.configWhere(key)})
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			c.configFields(v.Index(i), key, out)
		}
	case reflect.Map:
		// [labels]: each text at its key.
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			c.configFields(v.MapIndex(k), key+"."+k.String(), out)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
			if !t.Field(i).IsExported() || name == "-" || name == "" {
				continue
			}
			k := name
			if key != "" {
				k = key + "." + name
			}
			c.configFields(v.Field(i), k, out)
		}
	}
}

// textCanvas is a vg.Canvas that draws nothing but hands every string to
// fn, to check the text of a chart.
type textCanvas struct {
	w, h vg.Length
	fn   func(font.Face, string)
}

func (c *textCanvas) Size() (vg.Length, vg.Length)        { return c.w, c.h }
func (c *textCanvas) SetLineWidth(vg.Length)              {}
func (c *textCanvas) SetLineDash([]vg.Length, vg.Length)  {}
func (c *textCanvas) SetColor(color.Color)                {}
func (c *textCanvas) Rotate(float64)                      {}
func (c *textCanvas) Translate(vg.Point)                  {}
func (c *textCanvas) Scale(float64, float64)              {}
func (c *textCanvas) Push()                               {}
func (c *textCanvas) Pop()                                {}
func (c *textCanvas) Stroke(vg.Path)                      {}
func (c *textCanvas) Fill(vg.Path)                        {}
func (c *textCanvas) DrawImage(vg.Rectangle, image.Image) {}
func (c *textCanvas) FillString(f font.Face, _ vg.Point, s string) {
	if s != "" && utf8.ValidString(s) {
		c.fn(f, s)
	}
}
