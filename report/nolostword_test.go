package report

// "The PDF contains everything the data says, or the build fails": blocks
// taller than a page split across pages, nothing is drawn outside the
// text area, and a property test over random briefings checks that every
// word of the data is in the PDF and lies inside the margins.

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

var propIters = flag.Int("layout.iters", 10, "random briefings the no-lost-word property test builds")

// shownText is a string a page draws: its face, size and baseline origin
// in points from the page's top left corner, read back from the PDF.
type shownText struct {
	face    string
	size    float64
	x, y, w float64
	s       string
	chart   bool // drawn by a chart, under its transform and clip
}

// shown returns the strings page n draws (see shows).
func (d *pdfDoc) shown(n int, set *fonts.Set) []shownText { return d.shows(n) }

// briefingFS is a config (data.toml and extra) and its data file.
func briefingFS(extra, dataSrc string) fstest.MapFS {
	return fstest.MapFS{
		"config.toml": {Data: []byte("data = [\"data.toml\"]\n" + extra)},
		"data.toml":   {Data: []byte(dataSrc)},
	}
}

// wordGen makes text of distinct words, remembering them: each is "w"
// and four letters of a to v, so that no word is inside another or inside
// the fixed text of a briefing by chance; a long word is one of those
// followed by ø, which no fixed text holds, so that the ø on the pages
// can be counted.
type wordGen struct {
	rtl   bool // every seventh word Hebrew (shaped builds only)
	rng   *rand.Rand
	n     int
	words []string
	ø     int // the ø of the long words
}

func (g *wordGen) word() string {
	alpha, first := []rune("abcdefghijklmnopqrstuv"), 'w'
	n := g.n
	g.n++
	if g.rtl && n%7 == 3 {
		// Every seventh word Hebrew, set right to left among the rest.
		alpha, first = []rune("אבגדהוזחטיכלמנסעפצקרשת"), 'ש'
	}
	r := []rune{first, 0, 0, 0, 0}
	for i := 4; i >= 1; i-- {
		r[i] = alpha[n%len(alpha)]
		n /= len(alpha)
	}
	g.words = append(g.words, string(r))
	return string(r)
}

// text is k words; with long, one of them is a long word of up to 300
// letters with no break.
func (g *wordGen) text(k int, long bool) string {
	ws := make([]string, k)
	for i := range ws {
		ws[i] = g.word()
	}
	if long && k > 0 {
		i := g.rng.IntN(k)
		n := 30 + g.rng.IntN(270)
		ws[i] += strings.Repeat("ø", n)
		g.ø += n
	}
	return strings.Join(ws, " ")
}

func (g *wordGen) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

func (g *wordGen) chance(p float64) bool { return g.rng.Float64() < p }

// randomBriefing is a config and data of a random briefing: narrow or
// small pages, huge quotes and summaries, events with hundreds of actors,
// long words in narrow cells.
func randomBriefing(seed uint64, rtl bool) (*wordGen, fstest.MapFS) {
	g := &wordGen{rtl: rtl, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	var cfg strings.Builder
	size := []string{"A4", "A5", "Letter"}[g.rng.IntN(3)]
	orient := []string{"portrait", "landscape"}[g.rng.IntN(2)]
	pw := map[string]float64{"A4": 595.28, "A5": 419.53, "Letter": 612}[size]
	if orient == "landscape" {
		pw = map[string]float64{"A4": 841.89, "A5": 595.28, "Letter": 792}[size]
	}
	// A text area from 150 pt wide to the whole width between 36 pt margins.
	side := float64(g.between(36, max(36, int(pw/2)-75)))
	fmt.Fprintf(&cfg, "[page]\nsize = %q\norientation = %q\nmargins = { top = %d, bottom = %d, left = %.0f, right = %.0f }\n",
		size, orient, g.between(40, 90), g.between(40, 90), side, side)
	if g.chance(0.4) {
		// Large type: up to the largest sizes a config may ask for.
		body := g.between(5, 24)
		fmt.Fprintf(&cfg, "[fonts]\nbody_size = %d\nleading = %d\nheading_size = %d\ntitle_size = %d\nsmall_size = %d\n",
			body, g.between(body, min(40, body*2)), g.between(5, 40), g.between(8, 72), g.between(5, 24))
	}
	cfg.WriteString("[hyphenation]\nenabled = false\n")
	cfg.WriteString("[header]\nleft = \"HDRTXT\"\nright = \"{page}\"\n[footer]\nleft = \"FTRTXT\"\nright = \"{page}\"\n")
	cfg.WriteString("[cover]\ndistribution = \"\"\n")

	var w strings.Builder
	q := strconv.Quote
	fmt.Fprintf(&w, "[briefing]\ntitle = %s\nsubtitle = %s\nauthor = %s\ndate = 2024-02-01\n",
		q(g.text(g.between(2, 6), false)), q(g.text(g.between(2, 8), false)), q(g.text(2, false)))
	fmt.Fprintf(&w, "keywords = [%s, %s]\n", q(g.text(1, false)), q(g.text(2, false)))
	fmt.Fprintf(&w, "summary = %s\n", q("- "+g.text(g.between(10, 80), g.chance(0.3))+"\n- "+g.text(g.between(5, 400), false)+"\n"))
	np := g.between(1, 3)
	for i := 0; i < np; i++ {
		fmt.Fprintf(&w, "[[parties]]\nid = \"p%d\"\nname = %s\n", i, q(g.text(g.between(1, 4), false)))
	}
	// Every party has an actor: a party no actor belongs to is shown
	// nowhere, by design.
	na := g.between(np, 40)
	if g.chance(0.4) {
		na = g.between(200, 600)
	}
	for i := 0; i < na; i++ {
		fmt.Fprintf(&w, "[[actors]]\nid = \"a%d\"\nname = %s\nrole = %s\nparty = \"p%d\"\n",
			i, q(g.text(2, false)), q(g.text(g.between(0, 6), false)), i%np)
	}
	ns := g.between(1, 5)
	for i := 0; i < ns; i++ {
		fmt.Fprintf(&w, "[[sources]]\nid = \"s%d\"\ntitle = %s\npublisher = %s\nurl = \"https://example.org/s%d\"\n",
			i, q(g.text(g.between(2, 8), false)), q(g.text(g.between(1, 3), false)), i)
	}
	ne := g.between(1, 10)
	for i := 0; i < ne; i++ {
		fmt.Fprintf(&w, "[[events]]\nid = \"e%d\"\ndate = 2023-%02d-%02d\ntitle = %s\nkind = \"meeting\"\ntrack = \"t%d\"\n",
			i, 1+i%12, 1+i%28, q(g.text(g.between(2, 8), false)), i%4)
		var actors []string
		k := g.between(1, min(na, 5))
		if g.chance(0.2) {
			k = na // every actor
		}
		for j := 0; j < k; j++ {
			actors = append(actors, fmt.Sprintf("\"a%d\"", (i+j)%na))
		}
		fmt.Fprintf(&w, "actors = [%s]\n", strings.Join(actors, ", "))
		fmt.Fprintf(&w, "location = %s\n", q(g.text(g.between(1, 3), g.chance(0.2))))
		sum := g.between(5, 60)
		if g.chance(0.15) {
			sum = g.between(1000, 3000)
		}
		fmt.Fprintf(&w, "summary = %s\n", q(g.text(sum, g.chance(0.3))))
		if g.chance(0.5) {
			n := g.between(5, 80)
			if g.chance(0.25) {
				n = g.between(1500, 5000)
			}
			fmt.Fprintf(&w, "quotes = [{ text = %s, by = \"a%d\" }]\n", q(g.text(n, g.chance(0.3))), i%na)
		}
		fmt.Fprintf(&w, "sources = [\"s%d\"]\nkey = %v\n", i%ns, g.chance(0.3))
	}
	nsec := g.between(1, 4)
	for i := 0; i < nsec; i++ {
		var body strings.Builder
		for j, np := 0, g.between(1, 5); j < np; j++ {
			switch g.rng.IntN(4) {
			case 0:
				fmt.Fprintf(&body, "- %s\n- %s\n\n", g.text(g.between(3, 30), false), g.text(g.between(3, 30), g.chance(0.3)))
			case 1:
				fmt.Fprintf(&body, "> %s\n\n", g.text(g.between(3, 200), g.chance(0.3)))
			default:
				n := g.between(10, 150)
				if g.chance(0.1) {
					n = g.between(1000, 3000)
				}
				fmt.Fprintf(&body, "%s [@e%d]\n\n", g.text(n, g.chance(0.3)), g.rng.IntN(ne))
			}
		}
		fmt.Fprintf(&w, "[[sections]]\nid = \"sec%d\"\ntitle = %s\nbody = %s\n", i, q(g.text(g.between(1, 6), false)), q(body.String()))
	}
	return g, briefingFS(cfg.String(), w.String())
}

// checkNoLostWord builds fsys's briefing and checks that every word g made
// is in the PDF's text, and that every string drawn lies inside the text
// area (the cover: inside the margins) unless it is the running header
// or footer, HDRTXT, FTRTXT and page numbers.
func checkNoLostWord(t *testing.T, g *wordGen, fsys fstest.MapFS) {
	t.Helper()
	b, cfg := loadFS(t, fsys, "config.toml")
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	var errs data.Errors
	largeType := strings.Contains(string(fsys["config.toml"].Data), "title_size")
	if errors.As(err, &errs) && len(errs) == 1 && errs[0].Line > 0 && strings.Contains(errs[0].Msg, "cover: text") && largeType {
		// The cover is not split: what does not fit on it in large
		// type is refused, with the briefing's position, and no PDF is
		// written.
		t.Logf("refused: %v", err)
		return
	}
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	doc := readPDF(t, pdf)
	set := fonts.New()
	pw, ph := cfg.PageDimensions()
	m := cfg.Page.Margins
	var hay strings.Builder
	// A word cut between lines of a narrow table cell is drawn in pieces
	// with the other cells' lines between them (a row split across pages
	// is drawn a line of each cell at a time): the text of each column,
	// the strings that start at one x, is read down the column too, less
	// the repeated header at the top of a page.
	cols := map[int]*strings.Builder{}
	heads := []string{"Date", "Event", "Actors", "Location", "Name", "Role", "Party", "Events"}
	for n := 1; n <= doc.pages(); n++ {
		var order []int
		page := map[int][]string{}
		shown := doc.shown(n, set)
		// The column a line starts in: on one baseline, a string closer
		// to the one before it than a column gap (a word after a
		// right-to-left word, drawn as a string of its own) continues
		// its line.
		colOf := map[int]float64{}
		byY := map[float64][]int{}
		for i, st := range shown {
			byY[st.y] = append(byY[st.y], i)
		}
		for _, idx := range byY {
			sort.Slice(idx, func(a, b int) bool { return shown[idx[a]].x < shown[idx[b]].x })
			start, end := math.Inf(-1), math.Inf(-1)
			for _, i := range idx {
				st := shown[i]
				if st.x-end > 0.6*st.size {
					start = st.x
				}
				colOf[i] = start
				end = max(end, st.x+st.w)
			}
		}
		column := func(i int) int { return int(colOf[i]*2 + 0.5) }
		// The columns of a table, from its header's cells on the page: a
		// cell's lines belong to its column wherever in it they stand
		// (right to left text is set against the cell's right edge).
		var heads0 []float64
		for _, st := range shown {
			s := strings.Join(strings.Fields(st.s), "")
			for _, h := range heads {
				// A header cut letter by letter in a narrow column
				// starts with its capital.
				if (len(s) >= 3 || s == h[:1]) && strings.HasPrefix(h, s) && !slices.Contains(heads0, st.x) {
					heads0 = append(heads0, st.x)
				}
			}
		}
		sort.Float64s(heads0)
		headColumn := func(x float64) (int, bool) {
			k := sort.SearchFloat64s(heads0, x+0.5) - 1
			if k < 0 {
				return 0, false
			}
			return -1_000_000 - k, true
		}
		for i, st := range shown {
			s := strings.Join(strings.Fields(st.s), "")
			capTop := st.y - set.CapHeight(st.face, st.size)
			in := capTop >= m.Top-0.5 && st.y <= ph-m.Bottom+0.5 && st.x >= m.Left-boundsSlack && st.x+st.w <= pw-m.Right+boundsSlack
			// A chart's text is clipped to the chart, which lies in the
			// text area; the charts' own labels are the charts' business.
			if in || st.chart {
				hay.WriteString(s)
				// Read down the strings at one x, the lines that start
				// at one x, and the columns of a table (negative keys).
				keys := []int{int(st.x*2 + 0.5), -1 - column(i)}
				if k, ok := headColumn(st.x); ok {
					keys = append(keys, k)
				}
				for _, k := range keys {
					if page[k] == nil {
						order = append(order, k)
					}
					page[k] = append(page[k], s)
				}
				continue
			}
			if _, err := strconv.Atoi(st.s); err == nil || st.s == "HDRTXT" || st.s == "FTRTXT" {
				if n > 1 || !cfg.Has(BlockCover) {
					continue // the running header and footer
				}
			}
			hay.WriteString(s)
			t.Errorf("page %d: %q (%s %.1f pt) at x %.1f–%.1f, baseline %.1f lies outside the text area x %.1f–%.1f, y %.1f–%.1f",
				n, clip(st.s), st.face, st.size, st.x, st.x+st.w, st.y, m.Left, pw-m.Right, m.Top, ph-m.Bottom)
		}
		for _, k := range order {
			ss := page[k]
			acc := ""
			for i, s := range ss {
				acc += s
				if slices.Contains(heads, acc) {
					ss = ss[i+1:]
					break
				}
			}
			if cols[k] == nil {
				cols[k] = &strings.Builder{}
			}
			for _, s := range ss {
				if strings.Trim(s, "abcdefghijklmnopqrstuvwø,.;“”אבגדהוזחטיכלמנסעפצקרשת") == "" {
					cols[k].WriteString(s)
				}
			}
		}
	}
	text := hay.String()
	lost := 0
	var colText []string
	for _, c := range cols {
		colText = append(colText, c.String())
	}
	for _, w := range g.words {
		found := strings.Contains(text, w)
		for _, c := range colText {
			found = found || strings.Contains(c, w)
		}
		if !found {
			if lost < 10 {
				t.Errorf("word %q is not in the PDF", w)
			}
			lost++
		}
	}
	// A long word is cut between letters at the measure, and the pieces
	// of a table row's cells are drawn band by band: its first five
	// letters are a word of g.words, and its ø are counted.
	if n := strings.Count(text, "ø"); n != g.ø {
		t.Errorf("the PDF has %d letters ø, the data %d", n, g.ø)
	}
	if lost > 0 {
		t.Errorf("%d of %d words of the data are not in the PDF", lost, len(g.words))
	}
}

// Every word of a random briefing is in its PDF, inside the text area:
// huge quotes, huge table rows, many actors, long words, narrow pages.
// -layout.iters sets how many briefings.
func TestNoLostWordProperty(t *testing.T) {
	iters := *propIters
	if testing.Short() {
		iters = 2
	}
	for i := 0; i < iters; i++ {
		seed := uint64(i + 1)
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			g, fsys := randomBriefing(seed, false)
			withShaping(fsys, false)
			checkNoLostWord(t, g, fsys)
		})
	}
}

// TestNoLostWordPropertyShaped is TestNoLostWordProperty with text
// shaped ([fonts] shaping = true): kerned, ligated widths in the line
// breaker and glyph runs in the PDF must lose no word and keep every
// line inside the text area too.
func TestNoLostWordPropertyShaped(t *testing.T) {
	iters := *propIters
	if testing.Short() {
		iters = 2
	}
	for i := 0; i < iters; i++ {
		seed := uint64(i + 1)
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			g, fsys := randomBriefing(seed, true)
			withShaping(fsys, true)
			checkNoLostWord(t, g, fsys)
		})
	}
}

// withShaping sets [fonts] shaping in fsys's config.toml.
func withShaping(fsys fstest.MapFS, on bool) {
	c := string(fsys["config.toml"].Data)
	set := fmt.Sprintf("shaping = %v\n", on)
	if strings.Contains(c, "[fonts]\n") {
		c = strings.Replace(c, "[fonts]\n", "[fonts]\n"+set, 1)
	} else {
		c += "\n[fonts]\n" + set
	}
	fsys["config.toml"] = &fstest.MapFile{Data: []byte(c)}
}

// smallBriefing is a briefing of one actor, one source, one event and one
// section; more is TOML added after it.
func smallBriefing(g *wordGen, more string) string {
	q := strconv.Quote
	return fmt.Sprintf(`[briefing]
title = %s
author = %s
date = 2024-02-01
[[parties]]
id = "p"
name = %s
[[actors]]
id = "a"
name = %s
role = %s
party = "p"
[[sources]]
id = "s"
title = %s
url = "https://example.org/s"
[[events]]
id = "e"
date = 2023-05-01
title = %s
actors = ["a"]
sources = ["s"]
[[sections]]
id = "sec"
title = %s
body = %s
`, q(g.text(3, false)), q(g.text(2, false)), q(g.text(2, false)), q(g.text(2, false)), q(g.text(3, false)),
		q(g.text(4, false)), q(g.text(4, false)), q(g.text(2, false)), q(g.text(40, false)+" [@e]")) + more
}

const plainConfig = "[hyphenation]\nenabled = false\n[header]\nleft = \"HDRTXT\"\nright = \"{page}\"\n[footer]\nleft = \"FTRTXT\"\nright = \"{page}\"\n"

// Issue 12, item 13: a 5,000-word quote used to run past the bottom
// margin over the footer, its text from about the 1,000th word on lost.
func TestHugeQuoteSplitsAcrossPages(t *testing.T) {
	g := &wordGen{rng: rand.New(rand.NewPCG(13, 13))}
	src := smallBriefing(g, fmt.Sprintf("[[events]]\nid = \"q\"\ndate = 2023-06-01\ntitle = %q\nquotes = [{ text = %q, by = \"a\" }]\n",
		g.text(3, false), g.text(5000, false)))
	checkNoLostWord(t, g, briefingFS(plainConfig, src))
}

// Issue 12, item 14: a chronology row taller than a page (an event with
// 500 actors and a 3,000-word summary) used to run off the page. It is
// split into bands that continue under the repeated header.
func TestHugeTableRowSplitsAcrossPages(t *testing.T) {
	g := &wordGen{rng: rand.New(rand.NewPCG(14, 14))}
	var more strings.Builder
	var ids []string
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&more, "[[actors]]\nid = \"x%d\"\nname = %q\nrole = %q\n", i, g.text(2, false), g.text(3, false))
		ids = append(ids, fmt.Sprintf("%q", fmt.Sprintf("x%d", i)))
	}
	fmt.Fprintf(&more, "[[events]]\nid = \"big\"\ndate = 2023-06-01\ntitle = %q\nactors = [%s]\nsummary = %q\nlocation = %q\n",
		g.text(3, false), strings.Join(ids, ", "), g.text(3000, false), g.text(3, false))
	fsys := briefingFS(plainConfig, smallBriefing(g, more.String()))
	checkNoLostWord(t, g, fsys)

	b, cfg := loadFS(t, fsys, "config.toml")
	lay := laidOut(t, b, cfg, fsys)
	var tbl *tableElem
	pages := 0
	for _, pg := range lay.pages {
		for _, pl := range pg.Placements {
			if e, ok := lay.d.elems[pl.Block].(*tableElem); ok && e.where.What == "chronology" {
				tbl = e
				pages++
				if pl.From > 0 && !pl.Head {
					t.Errorf("the chronology continues at unit %d without its header", pl.From)
				}
			}
		}
	}
	if pages < 3 {
		t.Errorf("the chronology is on %d pages; its big row alone needs more than two", pages)
	}
	if tbl != nil && len(tbl.units) <= len(tbl.rows) {
		t.Errorf("the big row was not split: %d units for %d rows", len(tbl.units), len(tbl.rows))
	}
}

// Issue 12, item 14: a narrow text area made contents entries taller
// than the page; they now break between lines.
func TestContentsOnNarrowPages(t *testing.T) {
	g := &wordGen{rng: rand.New(rand.NewPCG(15, 15))}
	var more strings.Builder
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&more, "[[sections]]\nid = \"long%d\"\ntitle = %q\nbody = %q\n", i, g.text(400, false), g.text(20, false))
	}
	// The narrowest text area a config may ask for: 144 pt.
	narrow := "[page]\nsize = \"A5\"\nmargins = { top = 60, bottom = 60, left = 137.76, right = 137.76 }\n"
	checkNoLostWord(t, g, briefingFS(plainConfig+narrow, smallBriefing(g, more.String())))
}

// tallElem is a block kind that cannot split: one unit twice the page.
type tallElem struct {
	h float64
	blockBase
}

func (e *tallElem) block() typeset.Block { return typeset.Block{Units: []float64{e.h}} }

func (e *tallElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	f.text(x, y+e.h, "lost", "serif", 10, Color{})
}

// The safety net: a block that neither splits nor is refused when
// composed fails the build instead of running past the foot.
func TestBoundsCheckRefusesOverflow(t *testing.T) {
	b, cfg, fsys := mini(t)
	lay := laidOut(t, b, cfg, fsys)
	if err := lay.checkBounds(); err != nil {
		t.Fatalf("the mini briefing: %v", err)
	}
	d := lay.d
	d.elems = append(d.elems, &tallElem{h: d.textH * 2})
	lay = d.paginate()
	err := lay.checkBounds()
	if err == nil || !strings.Contains(err.Error(), "run past the bottom margin") || !strings.Contains(err.Error(), "page ") {
		t.Errorf("err = %v, want a block running past the bottom margin, with its page", err)
	}
	// A block that fits but draws outside the text area.
	d.elems[len(d.elems)-1] = &tallElem{h: 20}
	d.elems = append(d.elems, &wideElem{})
	lay = d.paginate()
	if err := lay.checkBounds(); err == nil || !strings.Contains(err.Error(), "outside the text area") {
		t.Errorf("err = %v, want text outside the text area", err)
	}
}

// wideElem draws text far right of the text area.
type wideElem struct{ blockBase }

func (e *wideElem) block() typeset.Block { return typeset.Block{Units: []float64{14}} }

func (e *wideElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	f.text(x+2000, y+10, "lost", "serif", 10, Color{})
}

// A cover whose text cannot fit the page is refused with the briefing's
// position; a long author and the facts line are broken into lines.
func TestCoverTextFitsOrIsRefused(t *testing.T) {
	g := &wordGen{rng: rand.New(rand.NewPCG(16, 16))}
	author, subtitle := g.text(60, false), g.text(30, false)
	src := strings.Replace(smallBriefing(g, ""), "[briefing]\n", "[briefing]\nsubtitle = \""+subtitle+"\"\n", 1)
	authorLine := regexp.MustCompile(`(?m)^author = "(.*)"$`)
	for _, w := range strings.Fields(authorLine.FindStringSubmatch(src)[1]) {
		g.words = slices.DeleteFunc(g.words, func(s string) bool { return s == w })
	}
	src = authorLine.ReplaceAllString(src, "author = \""+author+"\"")
	checkNoLostWord(t, g, briefingFS(plainConfig, src))

	g = &wordGen{rng: rand.New(rand.NewPCG(17, 17))}
	long := strings.Replace(smallBriefing(g, ""), "[briefing]\n", "[briefing]\nsubtitle = \""+g.text(900, false)+"\"\n", 1)
	fsys := briefingFS(plainConfig, long)
	b, cfg := loadFS(t, fsys, "config.toml")
	_, _, err := buildPDF(b, cfg, fsys, Options{})
	if err == nil || !strings.Contains(err.Error(), "data.toml:1:1: cover: text") {
		t.Errorf("err = %v, want data.toml:1:1: cover: text … outside the page's margins", err)
	}
}

// The smallest text area a config allows, 144 by 216 pt, in the largest
// type: a figure whose caption alone is taller than the page breaks
// across pages (it used to fail the build, the chart not shrinking below
// an inch), and contents titles leave the page number a line of its own.
func TestLargeTypeOnTheSmallestPage(t *testing.T) {
	g := &wordGen{rng: rand.New(rand.NewPCG(18, 18))}
	var more strings.Builder
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&more, "[[sections]]\nid = \"more%d\"\ntitle = %q\nbody = %q\n", i, g.text(6, false), g.text(30, false))
	}
	// The cover does not fit such a page at such sizes: it is refused
	// (TestCoverTextFitsOrIsRefused), so it is left out here.
	cfg := "blocks = [\"summary\", \"contents\", \"sections\", \"timeline\", \"actors\", \"quotes\", \"chronology\", \"annex\", \"sources\"]\n" + plainConfig + "[page]\nsize = \"A5\"\nmargins = { top = 189, bottom = 189, left = 137.6, right = 137.6 }\n" +
		"[fonts]\nbody_size = 24\nleading = 30\nheading_size = 40\nsmall_size = 24\ntitle_size = 30\n"
	src := smallBriefing(g, more.String())
	// Without the cover (and with a header of its own) the title and
	// author are printed nowhere.
	for _, key := range []string{"title", "author"} {
		line := regexp.MustCompile(`(?m)^` + key + ` = "(.*)"$`).FindStringSubmatch(src)[1]
		for _, w := range strings.Fields(line) {
			g.words = slices.DeleteFunc(g.words, func(s string) bool { return s == w })
		}
	}
	fsys := briefingFS(cfg, src)
	checkNoLostWord(t, g, fsys)

	b, c := loadFS(t, fsys, "config.toml")
	lay := laidOut(t, b, c, fsys)
	for _, e := range lay.d.elems {
		if fg, ok := e.(*figureElem); ok && (!fg.split || fg.h != 72) {
			t.Errorf("%s: split %v, chart %.0f pt tall; want split, 72 pt", fg.outline, fg.split, fg.h)
		}
	}
	for _, e := range lay.d.elems {
		if tb, ok := e.(*tableElem); ok && tb.repeat {
			t.Errorf("%s: the header, %.0f pt tall, repeats on pages %.0f pt tall", tb.where.What, tb.heights[0], lay.d.textH)
		}
	}
	own := 0
	for _, e := range lay.d.contents.entries {
		if l := e.lines[len(e.lines)-1]; len(l.Fragments) == 0 {
			own++
		}
	}
	if own == 0 {
		t.Errorf("no contents entry has its page number on a line of its own")
	}
}

// The running header and footer are not broken into lines: one wider
// than the text area is refused, naming the config.
func TestLongFooterIsRefused(t *testing.T) {
	g := &wordGen{rng: rand.New(rand.NewPCG(19, 19))}
	fsys := briefingFS("[footer]\nright = \""+strings.Repeat("Page {page} of {pages} ", 30)+"\"\n", smallBriefing(g, ""))
	b, cfg := loadFS(t, fsys, "config.toml")
	_, _, err := buildPDF(b, cfg, fsys, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "config.toml: header or footer: text \"Page ") {
		t.Errorf("err = %v, want config.toml: header or footer: …", err)
	}
}

// Any field may be longer than a page: a heading of 2,000 words, an
// event title, an actor's name and role, a source's title and publisher.
func TestHugeFieldsBreakAcrossPages(t *testing.T) {
	g := &wordGen{rng: rand.New(rand.NewPCG(20, 20))}
	more := fmt.Sprintf("[[sections]]\nid = \"h\"\ntitle = %q\nbody = %q\n", g.text(2000, false), g.text(10, false))
	more += fmt.Sprintf("[[events]]\nid = \"t\"\ndate = 2023-07-01\ntitle = %q\nkey = true\nactors = [\"big\"]\nsources = [\"bs\"]\n", g.text(1500, false))
	more += fmt.Sprintf("[[actors]]\nid = \"big\"\nname = %q\nrole = %q\n", g.text(800, false), g.text(800, false))
	more += fmt.Sprintf("[[sources]]\nid = \"bs\"\ntitle = %q\npublisher = %q\n", g.text(1500, false), g.text(500, false))
	more += "[[sections]]\nid = \"c\"\ntitle = \"Cites\"\nbody = \"See [@t] and [@bs].\"\n"
	checkNoLostWord(t, g, briefingFS(plainConfig, smallBriefing(g, more)))
}
