package report

import (
	"bytes"
	"image"
	"io/fs"
	"path"
	"strings"

	"github.com/briefing-pdf/briefing/internal/diag"
	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// logoInfo is the cover's logo, read and checked: the image data the PDF
// embeds and its size in pixels, for the aspect ratio.
type logoInfo struct {
	name string // the image's name in the PDF
	typ  string // "PNG" or "JPG"
	data []byte
	w, h float64
}

// loadLogo reads the configured logo, checks it (checkLogo) and measures
// it with image.DecodeConfig; nil when the config names none.
func loadLogo(cfg *Config, fsys fs.FS) (*logoInfo, error) {
	p := cfg.Cover.Logo
	if p == "" {
		return nil, nil
	}
	if fsys == nil {
		return nil, diag.Errors{{File: p, Msg: "cover.logo: no file system to read it from"}}
	}
	src, err := readInput(fsys, p, maxLogoSize)
	if err != nil {
		return nil, diag.Errors{{File: p, Msg: "cover.logo: " + diag.WithoutPath(err)}}
	}
	src, typ, err := checkLogo(cfg, p, src)
	if err != nil {
		return nil, err
	}
	c, _, err := image.DecodeConfig(bytes.NewReader(src))
	if err != nil {
		return nil, diag.Errors{cfg.KeyError("cover.logo", cfg.RelPath(p)+": "+imageErr(err))}
	}
	if c.Width <= 0 || c.Height <= 0 {
		return nil, diag.Errors{cfg.KeyError("cover.logo", cfg.RelPath(p)+": image has no size")}
	}
	return &logoInfo{name: "logo-" + path.Base(p), typ: typ, data: src, w: float64(c.Width), h: float64(c.Height)}, nil
}

// cover lays out the cover page.
func (d *doc) cover(logo *logoInfo) *frame {
	// Its decoration is a Layout artifact; each text a node of its own.
	f := &frame{node: frames.LayoutArtifact}
	text := func(role frames.Role) { f.node = frames.NewNode(role, nil) }
	pw, ph := d.cfg.PageDimensions()
	m := d.cfg.Page.Margins
	x := m.Left
	sans := face(d.head, false, false)
	sansBold := face(d.head, true, false)
	f.rect(0, 0, pw, 10, d.accent)
	top := m.Top
	if logo != nil {
		lw := d.cfg.Cover.LogoWidth
		lh := lw * logo.h / logo.w
		f.node = &frames.Node{Role: frames.Figure, Alt: d.logoAlt()}
		f.items = append(f.items, frames.Item{Kind: frames.Image, X: x, Y: top, W: lw, H: lh, Name: logo.name, Node: f.node})
	}
	highest := top // the highest the title may start
	if dist := strings.TrimSpace(d.cfg.Cover.Distribution); dist != "" {
		t := strings.ToUpper(dist)
		text(frames.P)
		// Set flush right, broken into lines when wider than the page.
		y := top + d.small
		for _, l := range d.lines([]typeset.Run{d.run(t, sansBold, d.small)}, d.textW, 0, typeset.Right, d.configWhere("cover.distribution")) {
			drawLine(f, l, x, y, y, d.muted)
			y += d.smallLead
		}
		highest = y
	}
	y := ph * 0.3
	block := len(f.items) // the title block's first item
	f.node = frames.LayoutArtifact
	f.rect(x, y, 48, 4, d.accent)
	y += 4 + d.cfg.Fonts.TitleSize*0.6
	ts := d.cfg.Fonts.TitleSize
	tlead := ts * 1.12
	w := where{Pos: d.b.Meta.Pos, What: "briefing title"}
	text(frames.H1)
	title := d.lines([]typeset.Run{d.run(d.b.Meta.Title, sansBold, ts)}, d.textW, 0, typeset.Left, w)
	for _, l := range title {
		drawLine(f, l, x, y+d.baseline(sansBold, ts, tlead), y, d.accent)
		y += tlead
	}
	if s := d.b.Meta.Subtitle; s != "" {
		ss := ts * 0.55
		slead := ss * 1.3
		y += ss * 0.6
		italic := face(d.body, false, true)
		w := where{Pos: d.b.Meta.Pos, What: "briefing subtitle"}
		text(frames.P)
		for _, l := range d.lines([]typeset.Run{d.run(s, italic, ss)}, d.textW*0.9, 0, typeset.Left, w) {
			drawLine(f, l, x, y+d.baseline(italic, ss, slead), y, d.ink)
			y += slead
		}
	}
	y += d.lead * 1.2
	f.node = frames.LayoutArtifact
	f.line(x, y, pw-m.Right, y, 0.6, d.muted)
	y += d.lead * 1.4
	as := d.size + 1
	if a := d.b.Meta.Author; a != "" {
		// Broken into lines (checking its glyphs) when wider than the page.
		text(frames.P)
		for _, l := range d.lines([]typeset.Run{d.run(a, sansBold, as)}, d.textW, 0, typeset.Left, where{Pos: d.b.Meta.Pos, What: "briefing author"}) {
			drawLine(f, l, x, y, y, d.ink)
			y += as * 1.5
		}
	}
	text(frames.P)
	f.text(x, y, d.date(d.b.Meta.Date), sans, as, d.ink)
	factsFrom, factsY := len(f.items), y
	if facts := d.coverFacts(); facts != "" {
		y += as * 1.9
		fs := d.small + 0.5
		text(frames.P)
		for i, l := range d.lines([]typeset.Run{d.run(facts, sans, fs)}, d.textW, 0, typeset.Left, where{Pos: d.b.Meta.Pos, What: "cover"}) {
			if i > 0 {
				y += fs * 1.3
			}
			drawLine(f, l, x, y, y, d.muted)
		}
	}

	var lines []typeset.Line // the keywords'
	if len(d.b.Meta.Keywords) > 0 {
		kw := []typeset.Run{d.colored(d.t("cover.keywords")+"  ", sansBold, d.small, d.muted),
			d.colored(strings.Join(keepTogether(d.b.Meta.Keywords), " · "), sans, d.small, d.muted)}
		w := where{Pos: d.b.Meta.Pos, What: "briefing keywords"}
		lines = d.lines(kw, d.textW, 0, typeset.Left, w)
	}
	// A title block that would run into the keywords or the bottom
	// margin (large type, a small page) moves up, as far as the marking.
	limit := ph - m.Bottom - as*0.5
	if len(lines) > 0 {
		limit -= float64(len(lines))*d.smallLead + d.smallLead*0.6 + d.lead
	}
	over, room := y-limit, ph*0.3-highest-d.lead
	if over > room && len(f.items) > factsFrom {
		// Not enough even so: the facts line, which only repeats what
		// the briefing shows, goes.
		f.items = f.items[:factsFrom]
		over -= y - factsY
	}
	if over > 0 {
		lift := min(over, room)
		for i := block; lift > 0 && i < len(f.items); i++ {
			f.items[i].Y -= lift
		}
	}
	if len(lines) > 0 {
		ky := ph - m.Bottom - float64(len(lines))*d.smallLead
		f.node = frames.LayoutArtifact
		f.line(x, ky-d.smallLead*0.6, pw-m.Right, ky-d.smallLead*0.6, 0.4, d.muted)
		text(frames.P)
		for _, l := range lines {
			drawLine(f, l, x, ky+d.baseline(sans, d.small, d.smallLead), ky, d.muted)
			ky += d.smallLead
		}
	}
	return f
}

// coverFacts is the line under the date: the period covered and how much
// the briefing rests on.
func (d *doc) coverFacts() string {
	var parts []string
	if len(d.b.Events) > 0 || d.b.Meta.Period != nil {
		parts = append(parts, d.t("cover.covers", "period", periodString(d.loc, d.b)))
	}
	count := func(n int, id string) {
		if n > 0 {
			parts = append(parts, d.t(id, "n", n))
		}
	}
	count(len(d.b.Events), "cover.events")
	count(len(d.b.Actors), "cover.actors")
	count(len(d.b.Sources), "cover.sources")
	return strings.Join(parts, " · ")
}

// keepTogether joins the words of each phrase with no-break spaces, so a
// line breaks only between phrases.
func keepTogether(phrases []string) []string {
	out := make([]string, len(phrases))
	for i, p := range phrases {
		out[i] = strings.Join(strings.Fields(p), "\u00a0")
	}
	return out
}

// logoAlt is the logo's alternate text: [cover] logo_alt, with its
// placeholders filled, or the cover.logo_of message with the author
// ("Logo of …"), or cover.logo.
func (d *doc) logoAlt() string {
	if alt := strings.TrimSpace(d.placeholders(d.cfg.Cover.LogoAlt, 1, 1)); alt != "" {
		return alt
	}
	if a := strings.TrimSpace(d.b.Meta.Author); a != "" {
		return d.t("cover.logo_of", "author", a)
	}
	return d.t("cover.logo")
}
