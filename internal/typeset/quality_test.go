package typeset

import (
	"math"
	"strings"
	"testing"
)

// times is a Measurer with the advance widths of Times Roman (Adobe's
// metrics, thousandths of an em) for ASCII; other runes are half an em.
type times struct{}

var timesWidths = func() [128]float64 {
	var w [128]float64
	for i := range w {
		w[i] = 500
	}
	for c, v := range map[byte]float64{
		' ': 250, '-': 333, '.': 250, ',': 250, ';': 278, ':': 278, '\'': 180, '"': 408, '(': 333, ')': 333, '/': 278,
		'a': 444, 'b': 500, 'c': 444, 'd': 500, 'e': 444, 'f': 333, 'g': 500, 'h': 500, 'i': 278, 'j': 278,
		'k': 500, 'l': 278, 'm': 778, 'n': 500, 'o': 500, 'p': 500, 'q': 500, 'r': 333, 's': 389, 't': 278,
		'u': 500, 'v': 500, 'w': 722, 'x': 500, 'y': 500, 'z': 444,
		'A': 722, 'B': 667, 'C': 667, 'D': 722, 'E': 611, 'F': 556, 'G': 722, 'H': 722, 'I': 333, 'J': 389,
		'K': 722, 'L': 611, 'M': 889, 'N': 722, 'O': 722, 'P': 556, 'Q': 722, 'R': 667, 'S': 556, 'T': 611,
		'U': 722, 'V': 722, 'W': 944, 'X': 722, 'Y': 722, 'Z': 611,
	} {
		w[c] = v
	}
	return w
}()

func (times) Width(font string, size float64, s string) float64 {
	t := 0.0
	for _, r := range s {
		if r < 128 {
			t += timesWidths[r]
		} else {
			t += 500
		}
	}
	return t * size / 1000
}

func (times) HasGlyph(font string, r rune) bool { return true }

// prose is briefing-like text to measure the quality of the breaks.
var prose = []string{
	"The delegation arrived in the capital on Tuesday evening and was received by the foreign minister, who described the talks as constructive but cautioned that several questions about the transit corridor remained unresolved. Officials on both sides declined to say whether a second round had been scheduled.",
	"According to the ministry's statement, the agreement covers the reconstruction of the northern railway, the exchange of detainees and a framework for humanitarian access. Independent observers noted that the text published on the government's website differs in two paragraphs from the version circulated to journalists.",
	"Parliament approved the emergency budget after a debate that lasted well into the night. The opposition abstained, arguing that the allocation for regional administrations was insufficient and that the procedure had deprived members of the opportunity to propose amendments.",
	"Satellite imagery reviewed by analysts shows new construction at the port, including what appear to be storage facilities and an extended breakwater. The operator has not responded to requests for comment; the harbour authority said the works were routine maintenance.",
	"Negotiators representing the coastal municipalities presented a counterproposal that would establish an independent commission, chaired by a retired judge, to investigate the allocation of reconstruction contracts awarded since the beginning of the year.",
	"Humanitarian organisations reported that access to the eastern districts improved during the second half of the month, although convoys were still delayed at checkpoints for several hours and two warehouses were damaged by shelling.",
}

type qualityFigures struct {
	lines, loose, tight, hyphens int
	sumAbsRatio                  float64
	demerits                     float64
}

// TestBreakQualityProse measures total fit against first fit on prose set
// in Times at 10 points, justified, in measures from 180 to 360 points:
// fewer loose lines and no more demerits.
func TestBreakQualityProse(t *testing.T) {
	s := DefaultSettings()
	s.Hyphenator = plainTeX(t)
	var kp, ff qualityFigures
	for w := 180.0; w <= 360; w += 15 {
		for _, text := range prose {
			p := Paragraph{Runs: []Run{{Text: text, Style: Style{Font: "Times", Size: 10}}}, Width: w, FirstIndent: 10}
			lines := Break(p, times{}, s)
			checkLines(t, p, s, lines)
			b := newBreaker(&p, times{}, &s)
			b.col.hyphenate = true
			b.items = b.col.collect()
			ffBreaks := b.firstFit()
			// Total fit's breaks on the same items: the final choice may
			// have come from a pass without hyphenation, which is a subset.
			kpBreaks := b.run(infBad, 0, false)
			dk, _ := b.evaluate(kpBreaks, infBad)
			df, _ := b.evaluate(ffBreaks, infBad)
			kp.demerits += dk
			ff.demerits += df
			count(&kp, lines, s)
			count(&ff, b.lines(ffBreaks), s)
		}
	}
	t.Logf("total fit: %d lines, %d loose (spaces > 2×), %d at full shrink, %d hyphens, mean |ratio| %.3f, demerits %.3g",
		kp.lines, kp.loose, kp.tight, kp.hyphens, kp.sumAbsRatio/float64(kp.lines), kp.demerits)
	t.Logf("first fit: %d lines, %d loose (spaces > 2×), %d at full shrink, %d hyphens, mean |ratio| %.3f, demerits %.3g",
		ff.lines, ff.loose, ff.tight, ff.hyphens, ff.sumAbsRatio/float64(ff.lines), ff.demerits)
	if kp.loose > ff.loose || kp.demerits > ff.demerits || kp.sumAbsRatio > ff.sumAbsRatio {
		t.Errorf("total fit no better than first fit")
	}
	if kp.loose*20 > kp.lines {
		t.Errorf("%d of %d lines loose", kp.loose, kp.lines)
	}
}

func count(q *qualityFigures, lines []Line, s Settings) {
	for _, l := range lines {
		if l.Last {
			continue
		}
		q.lines++
		if l.Ratio*s.SpaceStretch > 1 {
			q.loose++
		}
		if l.Ratio <= -1+1e-9 {
			q.tight++
		}
		if l.Hyphen {
			q.hyphens++
		}
		q.sumAbsRatio += math.Min(math.Abs(l.Ratio), 10)
	}
}

var _ = strings.Repeat
