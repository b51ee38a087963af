package charts

import (
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"

	"github.com/briefing-pdf/briefing/internal/i18n"
)

// day is one calendar day in axis units (seconds).
const day = 24 * 60 * 60

// unix is the axis value of a time: seconds since the Unix epoch, as
// plot.TimeTicks and plot.UTCUnixTime expect.
func unix(t time.Time) float64 { return float64(t.Unix()) }

// fromUnix is the inverse of unix, in UTC.
func fromUnix(v float64) time.Time { return plot.UTCUnixTime(math.Floor(v)) }

// MonthTicks is a plot.Ticker for a date axis in Unix seconds (the
// convention of plot.TimeTicks). It puts an unlabelled (minor) tick at
// each period boundary, where the timeline draws its gridlines, and a
// labelled tick at the middle of each period, so that a label names the
// span it sits over. The period is a month for spans up to 18 months
// ("Jan", "Feb", … with the year under January and under the first
// label), a quarter up to four years, and a year (or several) beyond.
type MonthTicks struct {
	// Locale names the months and quarters; nil means English.
	Locale *i18n.Locale
}

var _ plot.Ticker = MonthTicks{}

// Ticks implements plot.Ticker.
func (mt MonthTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(min, 0) || math.IsInf(max, 0) || math.IsNaN(min) || math.IsNaN(max) {
		return nil
	}
	lo, hi := fromUnix(min), fromUnix(max)
	months := (hi.Year()-lo.Year())*12 + int(hi.Month()-lo.Month()) + 1
	step := 1 // months per period
	switch {
	case months <= 18:
	case months <= 48:
		step = 3
	default:
		step = 12
		for months/step > 12 {
			step *= 2
		}
	}
	// First boundary at or before lo, aligned to the step.
	var start time.Time
	if step <= 12 {
		m0 := int(lo.Month()) - 1
		start = time.Date(lo.Year(), time.Month(m0-m0%step+1), 1, 0, 0, 0, 0, time.UTC)
	} else {
		ys := step / 12
		y := lo.Year() - ((lo.Year()%ys)+ys)%ys
		start = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var ticks []plot.Tick
	first := true
	for t := start; !t.After(hi); {
		next := t.AddDate(0, step, 0)
		if v := unix(t); v >= min {
			ticks = append(ticks, plot.Tick{Value: v})
		}
		mid := (unix(t) + unix(next)) / 2
		if mid >= min && mid <= max {
			ticks = append(ticks, plot.Tick{Value: mid, Label: periodLabel(mt.Locale, t, step, first)})
			first = false
		}
		t = next
	}
	return ticks
}

// periodLabel names the period of step months starting at t.
func periodLabel(l *i18n.Locale, t time.Time, step int, first bool) string {
	switch {
	case step >= 12:
		return strconv.Itoa(t.Year())
	case step == 3:
		s := l.Quarter(int(t.Month()-1)/3 + 1)
		if first || t.Month() == time.January {
			s += "\n" + strconv.Itoa(t.Year())
		}
		return s
	}
	s := l.ShortMonth(t.Month())
	if first || t.Month() == time.January {
		s += "\n" + strconv.Itoa(t.Year())
	}
	return s
}
