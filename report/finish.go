package report

import (
	"slices"
	"strings"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/version"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// finish is the finish stage: it lays out every page as a frame of
// positioned items (the cover, then the flow pages with their running
// header and footer), finds the destinations of the internal links, and
// checks every string the frames print. Every problem of the input is
// known when it returns: the write stage only draws.
func (l *layout) finish(opt Options) (*frames.Doc, error) {
	d := l.d
	logo := d.logo
	doc := &frames.Doc{
		Meta:        pdfMeta(d.b, d.cfg, opt),
		Pages:       make([]frames.Page, 0, l.pageCount()),
		OutlineFont: face(d.body, false, false),
		OutlineSize: d.size,
	}
	if logo != nil {
		doc.Images = append(doc.Images, frames.ImageFile{Name: logo.name, Type: logo.typ, Data: logo.data})
	}
	doc.Images = append(doc.Images, d.images...) // the sections' (imagefigure.go)
	anchors := map[string]frames.Dest{}
	var dests []string
	add := func(f *frame) {
		page := len(doc.Pages) + 1
		for _, it := range f.items {
			switch {
			case it.Kind == frames.Text:
				// Every string printed, whatever checked it before.
				d.checkDrawn(it.Font, it.Text)
			case it.Kind == frames.Anchor:
				if _, ok := anchors[it.Name]; !ok {
					anchors[it.Name] = frames.Dest{Name: it.Name, Page: page, Y: it.Y}
				}
			case it.Kind == frames.Link && it.Dest != "":
				dests = append(dests, it.Dest)
			}
		}
		// The frame is reused page after page; the page keeps a copy of
		// its items, of their exact number.
		doc.Pages = append(doc.Pages, frames.Page{Items: slices.Clone(f.items)})
	}
	if d.cfg.Has(BlockCover) {
		f := d.cover(logo)
		if err := d.checkCoverBounds(f); err != nil {
			return nil, err
		}
		add(f)
	}
	m := d.cfg.Page.Margins
	ctx := &drawCtx{pageOf: func(a string) int { return l.refs[a] }}
	total := l.pageCount()
	f := &frame{space: func(font string, size float64) float64 { return d.fonts.Width(font, size, " ") }}
	for i, pg := range l.pages {
		f.items = f.items[:0]
		for _, pl := range pg.Placements {
			// Each element sets the nodes of what it draws: one that
			// sets none draws untagged, which the tests catch, not into
			// the element before it.
			f.node = nil
			d.elems[pl.Block].draw(f, ctx, pl.From, pl.To, pl.Head, m.Left, m.Top+pl.Y)
		}
		n := len(f.items)
		d.furniture(f, i+l.first, total, i == 0)
		if i == len(l.pages)-1 {
			// The last page's numbers are the widest.
			if err := d.checkFurnitureBounds(f.items[n:]); err != nil {
				return nil, err
			}
		}
		add(f)
	}
	if len(d.errs) > 0 { // the glyphs of the cover and the furniture
		d.errs.Sort()
		return nil, d.errs
	}
	// One destination per anchor that something links to, in the order
	// of the first link to it.
	linked := map[string]bool{}
	for _, name := range dests {
		if a, ok := anchors[name]; ok && !linked[name] {
			linked[name] = true
			doc.Dests = append(doc.Dests, a)
		}
	}
	return doc, nil
}

// pdfMeta is the document's page size and information: its creation and
// modification date is opt.Created, or else the briefing's date.
func pdfMeta(b *data.Briefing, cfg *Config, opt Options) frames.Meta {
	pw, ph := cfg.PageDimensions()
	created := opt.Created
	if created.IsZero() {
		created = b.Meta.Date
	}
	m := frames.Meta{
		Width: pw, Height: ph,
		Created:  created.UTC(),
		Title:    b.Meta.Title,
		Author:   b.Meta.Author,
		Subject:  b.Meta.Subtitle,
		Keywords: strings.Join(b.Meta.Keywords, ", "),
		Lang:     cfg.Language,
		Creator:  "briefing " + version.String(),
		Producer: "briefing " + version.String() + " (fpdf)",
	}
	setClaims(&m, cfg)
	loc := cfg.Locale()
	m.Links = frames.LinkWords{Note: loc.T("link.note"), Page: loc.T("link.page"), TextPage: loc.T("link.text_page")}
	return m
}

// placeholders fills {title}, {subtitle}, {author}, {date}, {page},
// {pages} and {distribution}.
func (d *doc) placeholders(s string, page, pages int) string {
	r := strings.NewReplacer(
		"{title}", d.b.Meta.Title,
		"{subtitle}", d.b.Meta.Subtitle,
		"{author}", d.b.Meta.Author,
		"{date}", d.date(d.b.Meta.Date),
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
	f.node = frames.PaginationArtifact
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
