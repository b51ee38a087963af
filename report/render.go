package report

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg/draw"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/pdfcanvas"
	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/internal/version"
)

// eachFrame lays out every page as items, one page at a time: the cover,
// then the flow pages with their running header and footer. fn gets the
// 0-based page index and the page's frame, which it may not keep: a long
// briefing's frames together take more memory than its layout.
func (l *layout) eachFrame(logo *logoInfo, fn func(pi int, f *frame) error) error {
	d := l.d
	pi := 0
	if d.cfg.Has(BlockCover) {
		if err := fn(pi, d.cover(logo)); err != nil {
			return err
		}
		pi++
	}
	m := d.cfg.Page.Margins
	ctx := &drawCtx{pageOf: func(a string) int { return l.refs[a] }}
	total := l.pageCount()
	f := &frame{space: func(font string, size float64) float64 { return d.fonts.Width(font, size, " ") }}
	for i, pg := range l.pages {
		f.items = f.items[:0]
		for _, pl := range pg.Placements {
			d.elems[pl.Block].draw(f, ctx, pl.From, pl.To, pl.Head, m.Left, m.Top+pl.Y)
		}
		d.furniture(f, i+l.first, total, i == 0)
		if err := fn(pi, f); err != nil {
			return err
		}
		pi++
	}
	return nil
}

// placeholders fills {title}, {subtitle}, {author}, {date}, {page},
// {pages} and {distribution}.
func (d *doc) placeholders(s string, page, pages int) string {
	r := strings.NewReplacer(
		"{title}", d.b.Meta.Title,
		"{subtitle}", d.b.Meta.Subtitle,
		"{author}", d.b.Meta.Author,
		"{date}", data.FormatDate(d.b.Meta.Date, data.Day),
		"{page}", itoa(page),
		"{pages}", itoa(pages),
		"{distribution}", strings.TrimSpace(d.cfg.Cover.Distribution),
	)
	return r.Replace(s)
}

// fit shortens s with an ellipsis at a word boundary until it is at most
// w wide.
func (d *doc) fit(s, font string, size, w float64) string {
	if d.width(font, size, s) <= w {
		return s
	}
	words := strings.Fields(s)
	for n := len(words) - 1; n > 0; n-- {
		t := strings.TrimRight(strings.Join(words[:n], " "), ",:;.–—") + "…"
		if d.width(font, size, t) <= w {
			return t
		}
	}
	return ""
}

// furniture draws the running header and footer of a flow page.
func (d *doc) furniture(f *frame, page, pages int, check bool) {
	pw, ph := d.cfg.PageDimensions()
	m := d.cfg.Page.Margins
	font := face(d.head, false, false)
	size := d.small
	y := m.Top - size*2.2
	if y < size*1.5 {
		y = size * 1.5
	}
	d.runningLine(f, "header", d.cfg.Header, y, page, pages, font, size, check)
	if d.cfg.Header.Left != "" || d.cfg.Header.Right != "" {
		f.line(m.Left, y+size*0.7, pw-m.Right, y+size*0.7, 0.4, d.muted)
	}
	fy := ph - m.Bottom + size*3.2
	if fy > ph-size {
		fy = ph - size
	}
	d.runningLine(f, "footer", d.cfg.Footer, fy, page, pages, font, size, check)
}

// runningLine draws a header or footer line; check asks for its glyphs to
// be checked (once, on the first page that has it: only the digits of
// {page} differ between pages).
func (d *doc) runningLine(f *frame, key string, rc RunningConfig, y float64, page, pages int, font string, size float64, check bool) {
	m := d.cfg.Page.Margins
	right := d.placeholders(rc.Right, page, pages)
	rw := d.width(font, size, right)
	left := d.fit(d.placeholders(rc.Left, page, pages), font, size, d.textW-rw-size*2)
	pw, _ := d.cfg.PageDimensions()
	if check {
		d.checkRunning(rc, left+right, font, size)
	}
	f.text(m.Left, y, left, font, size, d.muted)
	f.text(pw-m.Right-rw, y, right, font, size, d.muted)
}

// logoInfo is the registered logo image.
type logoInfo struct {
	name string
	w, h float64 // intrinsic size, for the aspect ratio
}

// cover lays out the cover page.
func (d *doc) cover(logo *logoInfo) *frame {
	f := &frame{}
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
		f.items = append(f.items, item{Kind: itemImage, X: x, Y: top, W: lw, H: lh, Name: logo.name})
	}
	highest := top // the highest the title may start
	if dist := strings.TrimSpace(d.cfg.Cover.Distribution); dist != "" {
		t := strings.ToUpper(dist)
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
	f.rect(x, y, 48, 4, d.accent)
	y += 4 + d.cfg.Fonts.TitleSize*0.6
	ts := d.cfg.Fonts.TitleSize
	tlead := ts * 1.12
	w := where{Pos: d.b.Meta.Pos, What: "briefing title"}
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
		for _, l := range d.lines([]typeset.Run{d.run(s, italic, ss)}, d.textW*0.9, 0, typeset.Left, w) {
			drawLine(f, l, x, y+d.baseline(italic, ss, slead), y, d.ink)
			y += slead
		}
	}
	y += d.lead * 1.2
	f.line(x, y, pw-m.Right, y, 0.6, d.muted)
	y += d.lead * 1.4
	as := d.size + 1
	if a := d.b.Meta.Author; a != "" {
		// Broken into lines (checking its glyphs) when wider than the page.
		for _, l := range d.lines([]typeset.Run{d.run(a, sansBold, as)}, d.textW, 0, typeset.Left, where{Pos: d.b.Meta.Pos, What: "briefing author"}) {
			drawLine(f, l, x, y, y, d.ink)
			y += as * 1.5
		}
	}
	f.text(x, y, data.FormatDate(d.b.Meta.Date, data.Day), sans, as, d.ink)
	factsFrom, factsY := len(f.items), y
	if facts := d.coverFacts(); facts != "" {
		y += as * 1.9
		fs := d.small + 0.5
		for i, l := range d.lines([]typeset.Run{d.run(facts, sans, fs)}, d.textW, 0, typeset.Left, where{Pos: d.b.Meta.Pos, What: "cover"}) {
			if i > 0 {
				y += fs * 1.3
			}
			drawLine(f, l, x, y, y, d.muted)
		}
	}

	var lines []typeset.Line // the keywords'
	if len(d.b.Meta.Keywords) > 0 {
		kw := []typeset.Run{d.colored("Keywords  ", sansBold, d.small, d.muted),
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
		f.line(x, ky-d.smallLead*0.6, pw-m.Right, ky-d.smallLead*0.6, 0.4, d.muted)
		for _, l := range lines {
			drawLine(f, l, x, ky+d.baseline(sans, d.small, d.smallLead), ky, d.muted)
			ky += d.smallLead
		}
	}
	return f
}

// loadLogo registers the configured logo with the PDF.
func loadLogo(pdf *fpdf.Fpdf, cfg *Config, fsys fs.FS) (*logoInfo, error) {
	p := cfg.Cover.Logo
	if p == "" {
		return nil, nil
	}
	if fsys == nil {
		return nil, data.Errors{{File: p, Msg: "cover.logo: no file system to read it from"}}
	}
	src, err := readInput(fsys, p, maxLogoSize)
	if err != nil {
		return nil, data.Errors{{File: p, Msg: "cover.logo: " + pathErrMsg(err)}}
	}
	src, typ, err := checkLogo(cfg, p, src)
	if err != nil {
		return nil, err
	}
	name := "logo-" + path.Base(p)
	info := pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(src))
	if err := pdf.Error(); err != nil || info == nil {
		msg := "cannot be read"
		if err != nil {
			msg = err.Error()
		}
		return nil, data.Errors{cfg.keyError("cover.logo", cfg.relPath(p)+": "+msg)}
	}
	w, h := info.Extent()
	if w <= 0 || h <= 0 {
		return nil, data.Errors{cfg.keyError("cover.logo", cfg.relPath(p)+": image has no size")}
	}
	return &logoInfo{name: name, w: w, h: h}, nil
}

// newPDF makes the fpdf document of a briefing: page size, metadata and
// output settings; nothing is drawn yet.
func newPDF(b *data.Briefing, cfg *Config, opt Options) *fpdf.Fpdf {
	pw, ph := cfg.PageDimensions()
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: pw, Ht: ph}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	created := opt.Created
	if created.IsZero() {
		created = b.Meta.Date
	}
	created = created.UTC()
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetTitle(b.Meta.Title, true)
	if b.Meta.Author != "" {
		pdf.SetAuthor(b.Meta.Author, true)
	}
	if b.Meta.Subtitle != "" {
		pdf.SetSubject(b.Meta.Subtitle, true)
	}
	if len(b.Meta.Keywords) > 0 {
		pdf.SetKeywords(strings.Join(b.Meta.Keywords, ", "), true)
	}
	pdf.SetCreator("briefing "+version.String(), true)
	pdf.SetProducer("briefing "+version.String()+" (fpdf)", true)
	pdf.SetLang(cfg.Language)
	pdf.SetDisplayMode("fullwidth", "single")
	return pdf
}

// render writes the frames into a new PDF: the one place that turns
// positioned items into fpdf calls.
func render(l *layout, fsys fs.FS, opt Options) ([]byte, error) {
	return renderInto(l, newPDF(l.d.b, l.d.cfg, opt), nil, fsys)
}

// renderInto is render into pdf, whose faces reg (if not nil) has been
// registering during the layout.
func renderInto(l *layout, pdf *fpdf.Fpdf, reg *faceRegistrar, fsys fs.FS) ([]byte, error) {
	d := l.d
	cfg := d.cfg
	// A face is registered (and so embedded) when it is used: an unused
	// face costs its parsing and a subset in the file.
	if reg == nil {
		reg = startRegistrar(pdf, d.fonts)
	}
	reg.wait()
	use := reg.register
	chartFont := func(f font.Font) string {
		name := fonts.FaceName(f)
		use(name)
		return name
	}
	logo, err := loadLogo(pdf, cfg, fsys)
	if err != nil {
		return nil, err
	}
	// Internal links: one fpdf link per anchor that something links to.
	// A first run over the pages finds the anchors and the links.
	anchors := map[string][2]float64{} // name → page, y
	var dests []string
	l.eachFrame(logo, func(pi int, f *frame) error {
		for _, it := range f.items {
			switch {
			case it.Kind == itemText:
				// Every string printed, whatever checked it before.
				d.checkDrawn(it.Font, it.Text)
			case it.Kind == itemAnchor:
				if _, ok := anchors[it.Name]; !ok {
					anchors[it.Name] = [2]float64{float64(pi + 1), it.Y}
				}
			case it.Kind == itemLink && it.Dest != "":
				dests = append(dests, it.Dest)
			}
		}
		return nil
	})
	if len(d.errs) > 0 { // glyphs of the cover and furniture
		d.errs.Sort()
		return nil, d.errs
	}
	links := map[string]int{}
	var linkOrder []string
	for _, dest := range dests {
		if _, ok := anchors[dest]; !ok {
			continue
		}
		if _, ok := links[dest]; !ok {
			links[dest] = pdf.AddLink()
			linkOrder = append(linkOrder, dest)
		}
	}
	for _, name := range linkOrder {
		a := anchors[name]
		pdf.SetLink(links[name], a[1], int(a[0]))
	}

	st := &penState{use: use}
	err = l.eachFrame(logo, func(_ int, f *frame) error {
		pdf.AddPage()
		st.reset()
		for _, it := range f.items {
			switch it.Kind {
			case itemText:
				st.font(pdf, it.Font, it.Size)
				st.textColor(pdf, it.Color)
				pdf.Text(it.X, it.Y, it.Text)
			case itemRect:
				st.fillColor(pdf, it.Color)
				pdf.Rect(it.X, it.Y, it.W, it.H, "F")
			case itemLine:
				st.drawColor(pdf, it.Color)
				st.lineWidth(pdf, it.LineWidth)
				pdf.Line(it.X, it.Y, it.X+it.W, it.Y+it.H)
			case itemLink:
				if it.URL != "" {
					pdf.LinkString(it.X, it.Y, it.W, it.H, it.URL)
				} else if id, ok := links[it.Dest]; ok {
					pdf.Link(it.X, it.Y, it.W, it.H, id)
				}
			case itemBookmark:
				// fpdf encodes a bookmark's title as UTF-16 only while a
				// UTF-8 font is current.
				if st.fnt == "" {
					st.font(pdf, face(d.body, false, false), d.size)
				}
				// Nested by level (fpdf writes the items open, with
				// the Count that items with children need).
				pdf.Bookmark(it.Text, it.Level, it.Y)
			case itemChart:
				c := pdfcanvas.New(pdf, it.X, it.Y, it.W, it.H, chartFont)
				it.Plot.Draw(draw.New(c))
			case itemImage:
				pdf.ImageOptions(it.Name, it.X, it.Y, it.W, it.H, false, fpdf.ImageOptions{}, 0, "")
			}
		}
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("writing PDF: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("writing PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// penState avoids repeating fpdf state changes.
type penState struct {
	use                 func(face string) // registers a face on first use
	fnt                 string
	size                float64
	text, fill, draw    Color
	haveText, haveFill  bool
	haveDraw, haveWidth bool
	width               float64
}

func (s *penState) reset() { *s = penState{use: s.use} }

func (s *penState) font(pdf *fpdf.Fpdf, f string, size float64) {
	if s.fnt != f || s.size != size {
		s.use(f)
		pdf.SetFont(f, "", size)
		s.fnt, s.size = f, size
	}
}

func (s *penState) textColor(pdf *fpdf.Fpdf, c Color) {
	if !s.haveText || s.text != c {
		pdf.SetTextColor(int(c.R), int(c.G), int(c.B))
		s.text, s.haveText = c, true
	}
}

func (s *penState) fillColor(pdf *fpdf.Fpdf, c Color) {
	if !s.haveFill || s.fill != c {
		pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
		s.fill, s.haveFill = c, true
	}
}

func (s *penState) drawColor(pdf *fpdf.Fpdf, c Color) {
	if !s.haveDraw || s.draw != c {
		pdf.SetDrawColor(int(c.R), int(c.G), int(c.B))
		s.draw, s.haveDraw = c, true
	}
}

func (s *penState) lineWidth(pdf *fpdf.Fpdf, w float64) {
	if !s.haveWidth || s.width != w {
		pdf.SetLineWidth(w)
		s.width, s.haveWidth = w, true
	}
}

// coverFacts is the line under the date: the period covered and how much
// the briefing rests on.
func (d *doc) coverFacts() string {
	var parts []string
	if len(d.b.Events) > 0 || d.b.Meta.Period != nil {
		parts = append(parts, "Covers "+periodString(d.b))
	}
	count := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, itoa(n)+" "+many)
		}
	}
	count(len(d.b.Events), "event", "events")
	count(len(d.b.Actors), "actor", "actors")
	count(len(d.b.Sources), "source", "sources")
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
