package report

import (
	"fmt"
	"strings"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

func (d *doc) mdStyle(size float64) inlineStyle {
	return inlineStyle{Family: d.body, Size: size, Link: d.accent, Cite: d.notes.cite, Heading: d.head, Shaped: d.fonts.Shaping(), Note: d.footnote, Warn: d.mdWarn}
}

// summary is the key judgments box.
// It holds the summary, then the judgments with their confidence, and is
// followed by the source card and the methodology note (provenance.go).
func (d *doc) summary() error {
	src := strings.TrimSpace(d.b.Meta.Summary)
	if src == "" && len(d.b.Judgments) == 0 {
		return d.provenance()
	}
	w := where{Pos: d.b.Meta.Pos, What: "briefing summary"}
	var paras []mdPara
	var err error
	if src != "" {
		d.notePos, d.noteWhat = d.b.Meta.Pos, "briefing summary"
		paras, err = d.markdown(src, d.size)
		if err != nil {
			return d.atErr(w, err)
		}
	}
	jparas, jwhere, err := d.judgmentParas()
	if err != nil {
		return err
	}
	paras = append(paras, jparas...)
	pad := d.lead * 0.9
	// The box bleeds into the margins so that its text keeps the measure
	// of every other page.
	bleed := min(d.lead, d.cfg.Page.Margins.Left*0.6, d.cfg.Page.Margins.Right*0.6)
	h := d.heading("", d.t("heading.summary"), 0, "summary", d.b.Meta.Pos)
	h.fill, h.boxX, h.boxW = &d.shade, -bleed, d.textW+2*bleed
	h.padTop = pad
	h.blk.SpaceAfter = 0
	h.padBottom = d.lead * 0.35
	for i, mp := range paras {
		pw := w
		if k := i - (len(paras) - len(jparas)); k >= 0 {
			pw = jwhere[k]
		}
		p := d.mdPara(mp, paras, i, 0, 0, pw)
		p.fill, p.boxX, p.boxW = &d.shade, -bleed, d.textW+2*bleed
		p.blk.SpaceBefore, p.blk.SpaceAfter = 0, 0
		if i > 0 {
			p.padTop = d.lead * 0.3
		}
		if i == len(paras)-1 {
			p.padBottom = pad
		}
		d.elems = append(d.elems, p)
	}
	return d.provenance()
}

func (d *doc) atErr(w where, err error) error {
	return data.Errors{{File: w.Pos.File, Line: w.Pos.Line, Col: w.Pos.Col, Msg: w.What + ": " + err.Error()}}
}

// mdPara lays out one Markdown paragraph of a text set between left and
// right insets.
func (d *doc) mdPara(mp mdPara, all []mdPara, i int, left, right float64, w where) *paraElem {
	step := d.lead * 1.3
	// Deep nesting indents no further than a third of the measure.
	depth := min(float64(mp.Level+mp.Quote)*step, d.textW/3)
	indent := left + depth
	o := paraOpts{indent: indent, right: right + min(float64(mp.Quote)*step*0.5, d.textW/6), where: w}
	prevPlain := i > 0 && all[i-1].Level == 0 && all[i-1].Quote == 0 && !all[i-1].Heading && !all[i-1].Code &&
		all[i-1].Table == nil && all[i-1].Image == nil
	plain := mp.Level == 0 && mp.Quote == 0 && !mp.Heading && !mp.Code
	switch {
	case mp.Heading:
		o.align = typeset.Left
		o.before = d.lead * 0.8
	case plain && prevPlain && d.cfg.Fonts.Paragraph == "indent":
		o.first = d.size * 1.5
	case plain && i > 0:
		o.before = d.lead * 0.5
	case mp.Start && i > 0:
		o.before = d.lead * 0.5
	case mp.Level > 0 && (mp.Tight || mp.Marker == "") && i > 0 && all[i-1].Level > 0:
		o.before = d.lead * 0.15
	default:
		if i > 0 {
			o.before = d.lead * 0.5
		}
	}
	if mp.Code {
		o.align = typeset.Left
	}
	p := d.para(mp.Runs, o)
	p.node, p.label = d.mdNode(mp, i)
	if mp.Heading {
		p.blk.KeepWithNext = true
	}
	if mp.Quote > 0 {
		p.rule = &d.muted
		p.ruleX = indent - step*0.55
		p.color = d.ink
	}
	if mp.Marker != "" {
		font := face(d.body, false, false)
		mw := d.width(font, d.size, mp.Marker)
		p.marker = &marker{Text: mp.Marker, Font: font, Size: d.size, Color: d.accent, X: -mw - d.size*0.5, W: mw}
	}
	return p
}

// sections are the numbered narrative.
func (d *doc) sections() error {
	for i := range d.b.Sections {
		s := &d.b.Sections[i]
		w := where{Pos: s.Pos, What: fmt.Sprintf("section %q", s.ID)}
		d.heading(itoa(i+1), d.smart(s.Title), 0, "sec-"+string(s.ID), s.Pos)
		d.notePos, d.noteWhat = s.Pos, w.What
		paras, err := d.markdownBlocks(s.Body, d.size)
		if err != nil {
			return d.atErr(w, err)
		}
		for j, mp := range paras {
			pw := w
			pw.What = fmt.Sprintf("%s, paragraph %d", w.What, j+1)
			if mp.Table != nil || mp.Image != nil {
				if err := d.mdBlock(mp, pw); err != nil {
					return err
				}
				continue
			}
			d.elems = append(d.elems, d.mdPara(mp, paras, j, 0, 0, pw))
		}
	}
	return nil
}
