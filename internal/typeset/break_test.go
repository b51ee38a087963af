package typeset

import (
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func liang(t testing.TB) *Hyphenator {
	t.Helper()
	f, err := os.Open("testdata/liang.tex")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := ParseHyphenation(f)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// With each rune and space 1 unit wide, a space stretches by 1/2 and
// shrinks by 1/3. At measure 12, first-fit packs "aaa bbbb cc d" (13
// natural, 3 spaces shrink to 12: ratio -1, badness 100) and leaves
// "eee ff gg" with a shortfall of 3 and 2 spaces to stretch: ratio 3,
// badness 2700, beyond the tolerance. Total fit moves "d" down: ratios 1
// (badness 100) and 2/3 (badness 29.6).
//
//	demerits = (10+100)² + 10000 (decent → very loose)
//	         + (10+29.63)² + (10+0)²              = 23770.6
//	first-fit: (10+100)² + (10+2700)² + 10000 + 10000 + 10² = 7376300
func TestBreakTotalFitBeatsFirstFit(t *testing.T) {
	p := plain("aaa bbbb cc d eee ff gg hhhh", 12)
	s := DefaultSettings()
	lines := Break(p, fixed{}, s)
	if got, want := texts(lines), []string{"aaa bbbb cc", "d eee ff gg", "hhhh"}; !equalStrings(got, want) {
		t.Fatalf("lines %q, want %q", got, want)
	}
	for i, want := range []float64{1, 2.0 / 3, 0} {
		if math.Abs(lines[i].Ratio-want) > 1e-9 {
			t.Errorf("line %d ratio %v, want %v", i, lines[i].Ratio, want)
		}
	}
	// Justified: the glue is stretched so that the line ends at the measure.
	l := lines[1]
	// Each space is 1 + 2/3·1/2: d at 0, eee at 7/3, ff at 20/3, gg at 10.
	for k, want := range []float64{0, 7.0 / 3, 20.0 / 3, 10} {
		if got := l.Fragments[k].X; math.Abs(got-want) > 1e-9 {
			t.Errorf("fragment %d at %v, want %v", k, got, want)
		}
	}
	if l.Width != 12 || lines[2].Width != 4 || !lines[2].Last || lines[1].Last {
		t.Errorf("widths %v %v, last %v %v", l.Width, lines[2].Width, lines[1].Last, lines[2].Last)
	}

	b := newBreaker(&p, fixed{}, &s)
	kp := b.choose()
	ff := b.firstFit()
	if got, want := texts(b.lines(ff)), []string{"aaa bbbb cc d", "eee ff gg", "hhhh"}; !equalStrings(got, want) {
		t.Fatalf("first-fit lines %q, want %q", got, want)
	}
	dk, okK := b.evaluate(kp, s.Tolerance)
	df, okF := b.evaluate(ff, s.Tolerance)
	if !okK || okF {
		t.Errorf("feasible: total fit %v (want true), first fit %v (want false)", okK, okF)
	}
	if math.Abs(dk-23770.6) > 0.1 || df != 7376300 {
		t.Errorf("demerits total fit %.1f, first fit %.1f; want 23770.6 and 7376300", dk, df)
	}
}

// randomWords makes a paragraph text of n words of 1 to maxLen letters.
func randomWords(rng *rand.Rand, n, maxLen int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(' ')
		}
		l := 1 + rng.IntN(maxLen)
		for j := 0; j < l; j++ {
			sb.WriteByte(byte('a' + rng.IntN(26)))
		}
		if rng.IntN(8) == 0 && l > 2 {
			sb.WriteString("-xy")
		}
	}
	return sb.String()
}

func randomLetters(rng *rand.Rand, maxLen int) string {
	b := make([]byte, 1+rng.IntN(maxLen))
	for i := range b {
		b[i] = byte('a' + rng.IntN(26))
	}
	return string(b)
}

// Over small random paragraphs, the breaks found are those of least total
// demerits among all feasible choices of breaks (searched exhaustively),
// with the limit on consecutive hyphens kept.
func TestBreakIsOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	s := DefaultSettings()
	s.Pretolerance = -1
	s.MaxHyphenLines = 1
	checked := 0
	for trial := 0; trial < 300; trial++ {
		text := randomWords(rng, 4+rng.IntN(7), 7)
		tol := []float64{200, 1000, 10000}[trial%3]
		s.Tolerance = tol
		p := plain(text, float64(10+rng.IntN(10)))
		b := newBreaker(&p, fixed{}, &s)
		b.items = b.col.collect()
		got := b.run(tol, 0, false)
		bps := legalBreaks(b.items)
		last := bps[len(bps)-1]
		bps = bps[:len(bps)-1]
		best, found := math.Inf(1), false
		var chosen []int32
		for mask := 0; mask < 1<<len(bps); mask++ {
			chosen = chosen[:0]
			for k, bp := range bps {
				if mask&(1<<k) != 0 {
					chosen = append(chosen, bp)
				}
			}
			chosen = append(chosen, last)
			if d, ok := b.evaluate(chosen, tol); ok && d < best {
				best, found = d, true
			}
		}
		if !found {
			if got != nil {
				t.Errorf("%q at %v: breaks %v found where none is feasible", text, p.Width, got)
			}
			continue
		}
		if got == nil {
			t.Errorf("%q at %v: no breaks found; best feasible has demerits %v", text, p.Width, best)
			continue
		}
		d, ok := b.evaluate(got, tol)
		if !ok || math.Abs(d-best) > 1e-6*math.Max(1, best) {
			t.Errorf("%q at %v tol %v: demerits %v (feasible %v), exhaustive best %v", text, p.Width, tol, d, ok, best)
		}
		checked++
	}
	if checked < 150 {
		t.Errorf("only %d of 300 paragraphs had feasible breaks", checked)
	}
}

// randomParagraph makes a paragraph of several runs in two sizes, with
// no-break spaces, raised note numbers, hyphenated compounds, dashes,
// URLs and now and then a word longer than the measure.
func randomParagraph(rng *rand.Rand) Paragraph {
	var runs []Run
	n := 5 + rng.IntN(60)
	for i := 0; i < n; i++ {
		size := 1.0
		if rng.IntN(5) == 0 {
			size = 1.5
		}
		var w string
		switch rng.IntN(20) {
		case 0:
			w = "https://example.org/" + randomLetters(rng, 8) + "/" + randomLetters(rng, 12) + ".html"
		case 1:
			w = strings.Repeat("m", 10+rng.IntN(40))
		case 2:
			w = randomWords(rng, 1, 6) + "\u2014" + randomWords(rng, 1, 6)
		case 3:
			w = "No.\u00a0" + randomWords(rng, 1, 3)
		case 4:
			w = "hyphenation"
		case 5:
			w = "Hyphenation"
		default:
			w = randomWords(rng, 1, 9)
		}
		sep := " "
		if i == n-1 {
			sep = ""
		}
		runs = append(runs, Run{Text: w, Style: Style{Font: "f", Size: size}})
		if rng.IntN(6) == 0 {
			runs = append(runs, Run{Text: "7", Style: Style{Font: "f", Size: 0.7, Rise: 0.3}})
		}
		runs = append(runs, Run{Text: sep, Style: Style{Font: "f", Size: size}})
	}
	return Paragraph{Runs: runs, Width: float64(8 + rng.IntN(40)), FirstIndent: float64(rng.IntN(3)), Align: Align(rng.IntN(4))}
}

// nonSpace is the text of p without its spaces.
func nonSpace(p Paragraph) string {
	var sb strings.Builder
	for _, r := range p.Runs {
		for i, c := range r.Text {
			if !isBreakingSpace(c) && !isNoBreakSpace(c) && c != softHyphen && c != zeroWidthSpace {
				_, size := utf8.DecodeRuneInString(r.Text[i:])
				sb.WriteString(r.Text[i : i+size]) // the bytes, valid UTF-8 or not
			}
		}
	}
	return sb.String()
}

func TestBreakProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	s := DefaultSettings()
	s.Hyphenator = liang(t)
	hyphenRuns := 0
	const trials = 1000
	for trial := 0; trial < trials; trial++ {
		p := randomParagraph(rng)
		lines := Break(p, fixed{}, s)
		hyphenRuns += lineInvariants(t, p, s, lines)
		if t.Failed() {
			for _, l := range lines {
				t.Logf("%q %v", texts([]Line{l}), l.Hyphen)
			}
			t.Fatalf("trial %d: %+v", trial, p)
		}
	}
	// The limit on hyphens in a row gives way, in the last-resort pass,
	// only to lines past the measure: rarely, in these narrow measures
	// with words longer than them.
	if hyphenRuns > trials/100 {
		t.Errorf("%d paragraphs of %d with more than %d hyphens in a row", hyphenRuns, trials, s.MaxHyphenLines)
	}
}

// checkLines checks the invariants of Break's lines, the limit of
// hyphens in a row included.
func checkLines(t *testing.T, p Paragraph, s Settings, lines []Line) {
	t.Helper()
	if lineInvariants(t, p, s, lines) > 0 {
		t.Errorf("more than %d lines in a row end in a hyphen: %q", s.MaxHyphenLines, texts(lines))
	}
}

// lineInvariants checks the invariants of Break's lines and returns 1 if
// more lines than s.MaxHyphenLines in a row end in a hyphen.
func lineInvariants(t *testing.T, p Paragraph, s Settings, lines []Line) int {
	t.Helper()
	return lineInvariantsM(t, p, s, nil, lines)
}

// lineInvariantsM is lineInvariants for lines broken with m, which may
// make the paragraph right to left (BidiLeveler): its lines are set from
// the right edge, so a justified or end-aligned line starts at 0 and a
// justified first line ends short of the measure by the indent.
func lineInvariantsM(t *testing.T, p Paragraph, s Settings, m Measurer, lines []Line) int {
	t.Helper()
	rtl := false
	if bl, ok := m.(BidiLeveler); ok {
		var texts []string
		for _, r := range p.Runs {
			texts = append(texts, r.Text)
		}
		_, para := bl.BidiLevels(texts)
		rtl = para%2 == 1
	}
	tooMany := 0
	var sb strings.Builder
	hyphRun := 0
	for i, l := range lines {
		if l.Last != (i == len(lines)-1) {
			t.Errorf("line %d: Last %v", i, l.Last)
		}
		if l.Overfull != (l.Width > p.Width+1e-6) {
			t.Errorf("line %d: Overfull %v with width %v of %v", i, l.Overfull, l.Width, p.Width)
		}
		if l.Width > p.Width+s.OverfullTolerance+1e-6 {
			// Only a character wider than the measure (and the
			// hyphen a break after it shows) sticks out further.
			one := ""
			if len(l.Fragments) == 1 {
				one = l.Fragments[0].Text
				if l.Hyphen {
					one = strings.TrimSuffix(one, "-")
				}
			}
			if graphemes(one) != 1 {
				t.Errorf("line %d: width %v past the measure %v: %q", i, l.Width, p.Width, texts([]Line{l}))
			}
		}
		// Fragments do not overlap, in the order they are drawn (with
		// right-to-left text, not their reading order); their text, in
		// reading order, is the paragraph's.
		drawn := append([]Fragment(nil), l.Fragments...)
		sort.SliceStable(drawn, func(a, b int) bool { return drawn[a].X < drawn[b].X })
		x := -1e-9
		for k, f := range drawn {
			if f.X < x-1e-9 {
				t.Errorf("line %d: fragment %d at %v overlaps the previous, ending at %v", i, k, f.X, x)
			}
			x = f.X + f.Width
		}
		for k, f := range l.Fragments {
			text := f.Text
			if l.Hyphen && k == len(l.Fragments)-1 {
				text = strings.TrimSuffix(text, "-")
			}
			sb.WriteString(text)
		}
		// The line ends where its last fragment ends, or, in visual
		// order, a space between two fragments does (a space inside an
		// embedded right-to-left run may be drawn last).
		end := x
		for k, f := range l.Fragments {
			if k < len(l.Fragments)-1 && f.Level != l.Fragments[k+1].Level {
				end = max(end, f.GapX+f.Gap)
			}
		}
		if len(l.Fragments) > 0 && math.Abs(end-l.Width) > 1e-9 {
			t.Errorf("line %d: Width %v, last fragment ends at %v", i, l.Width, end)
		}
		justified := p.Align == Justify && !l.Last && !l.Overfull && l.Ratio != NoStretchRatio
		start := 0.0
		if len(drawn) > 0 {
			start = drawn[0].X
		}
		switch {
		case rtl && !l.Overfull && len(drawn) > 0:
			indent := 0.0
			if i == 0 {
				indent = p.FirstIndent
			}
			if (justified || p.Align == Right) && math.Abs(start) > 1e-6 {
				t.Errorf("line %d: right-to-left line %q starts at %v, not at 0", i, texts([]Line{l}), start)
			}
			if (justified || p.Align == Left) && math.Abs(l.Width-(p.Width-indent)) > 1e-6 {
				t.Errorf("line %d: right-to-left line %q ends at %v, not at the measure %v less the indent %v", i, texts([]Line{l}), l.Width, p.Width, indent)
			}
		case justified && math.Abs(l.Width-p.Width) > 1e-6:
			t.Errorf("line %d: justified line %q ends at %v, not at the measure %v", i, texts([]Line{l}), l.Width, p.Width)
		case p.Align == Right && !rtl && !l.Overfull && math.Abs(l.Width-p.Width) > 1e-6:
			t.Errorf("line %d: right-aligned line ends at %v", i, l.Width)
		}
		if l.Ratio < -1 {
			t.Errorf("line %d: ratio %v below -1", i, l.Ratio)
		}
		last := ""
		if n := len(l.Fragments); n > 0 {
			last = l.Fragments[n-1].Text
		}
		if strings.HasSuffix(last, "-") || strings.HasSuffix(last, "\u2014") {
			hyphRun++
			if s.MaxHyphenLines > 0 && hyphRun > s.MaxHyphenLines {
				tooMany = 1
			}
		} else {
			hyphRun = 0
		}
	}
	if got, want := sb.String(), nonSpace(p); got != want {
		t.Errorf("text changed:\n got %q\nwant %q", got, want)
	}
	return tooMany
}

// With any badness allowed (so that first-fit's lines are feasible too),
// total fit's demerits are never more than first-fit's.
func TestBreakNeverWorseThanFirstFit(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	s := DefaultSettings()
	s.Pretolerance = -1
	s.Tolerance = 10000
	s.Hyphenator = liang(t)
	compared := 0
	for trial := 0; trial < 300; trial++ {
		p := plain(randomWords(rng, 10+rng.IntN(80), 9)+" hyphenation tionation", float64(15+rng.IntN(40)))
		b := newBreaker(&p, fixed{}, &s)
		kp := b.choose()
		ff := b.firstFit()
		df, okF := b.evaluate(ff, s.Tolerance)
		if !okF {
			continue // first-fit made an overfull line or too many hyphens
		}
		dk, okK := b.evaluate(kp, s.Tolerance)
		if !okK || dk > df+1e-6 {
			t.Errorf("%q at %v: total fit %v (feasible %v), first fit %v", p.Runs[0].Text, p.Width, dk, okK, df)
		}
		compared++
	}
	if compared < 100 {
		t.Errorf("only %d comparisons", compared)
	}
}

// graphemes counts the characters of s, a base with its combining marks
// as one.
func graphemes(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Me, r) {
			n++
		}
	}
	return max(n, 1)
}
