package i18n

import (
	"strconv"
	"strings"
	"time"
)

// Precision is how exact a date is: to the day, the month or the year.
type Precision int

const (
	Day Precision = iota
	Month
	Year
)

// Dates are written from messages, so a language (or a user's labels)
// decides the order of day, month and year and the words around them:
//
//	date.day          "{d} {month} {y}"         4 May 2025, 4. Mai 2025
//	date.month        "{month} {y}"             May 2025 (month in its
//	                                            standalone form)
//	date.days         "{d1}–{d2} {month} {y}"   1–4 May 2025, 1.–4. Mai 2025
//	date.day_month    "{d} {month}"             a day of a range or a
//	                                            label without its year
//	date.month_range  "{m1} – {m2} {y}"         June – July 2025
//	date.span         "{from} – {to}"           two full dates
//	date.between      "between {from} and {to}"
//
// months holds the month names as a day's date uses them (the genitive of
// Russian and Armenian), months_standalone as a month alone, and
// months_short the axis labels.

func (l *Locale) month(t time.Time) string {
	return l.List("date.months")[t.Month()-1]
}

func (l *Locale) monthAlone(t time.Time) string {
	return l.List("date.months_standalone")[t.Month()-1]
}

func (l *Locale) year(t time.Time) string { return strconv.Itoa(t.Year()) }

// Date displays a single date at precision p: "4 May 2025", "May 2025",
// "2025".
func (l *Locale) Date(t time.Time, p Precision) string {
	switch p {
	case Month:
		return l.T("date.month", "month", l.monthAlone(t), "y", l.year(t))
	case Year:
		return l.year(t)
	}
	return l.T("date.day", "d", strconv.Itoa(t.Day()), "month", l.month(t), "y", l.year(t))
}

// DayMonth displays a day without its year: "4 May", "4. Mai".
func (l *Locale) DayMonth(t time.Time) string {
	return l.T("date.day_month", "d", strconv.Itoa(t.Day()), "month", l.month(t))
}

// Range displays a date or, when end is set and differs, a range with an
// en dash, sharing the month and year where the two share them.
func (l *Locale) Range(start, end time.Time, p Precision) string {
	if end.IsZero() || l.Date(start, p) == l.Date(end, p) {
		return l.Date(start, p)
	}
	switch p {
	case Year:
		return l.year(start) + "–" + l.year(end)
	case Month:
		if start.Year() == end.Year() {
			return l.T("date.month_range", "m1", l.monthAlone(start), "m2", l.monthAlone(end), "y", l.year(end))
		}
		return l.T("date.span", "from", l.Date(start, p), "to", l.Date(end, p))
	}
	switch {
	case start.Year() == end.Year() && start.Month() == end.Month():
		return l.T("date.days", "d1", strconv.Itoa(start.Day()), "d2", strconv.Itoa(end.Day()), "month", l.month(end), "y", l.year(end))
	case start.Year() == end.Year():
		return l.T("date.span", "from", l.DayMonth(start), "to", l.Date(end, p))
	}
	return l.T("date.span", "from", l.Date(start, p), "to", l.Date(end, p))
}

// Interval displays an interval of uncertainty [from, to]: by whole years
// or months where it covers exactly those, else "between" its two days.
func (l *Locale) Interval(from, to time.Time) string {
	first := from.Day() == 1
	last := to.AddDate(0, 0, 1).Day() == 1
	switch {
	case first && last && from.Month() == time.January && to.Month() == time.December:
		return l.Range(from, to, Year)
	case first && last:
		return l.Range(from, to, Month)
	case from.Equal(to):
		return l.Date(from, Day)
	}
	a := l.Date(from, Day)
	if from.Year() == to.Year() {
		a = l.DayMonth(from)
	}
	return l.T("date.between", "from", a, "to", l.Date(to, Day))
}

// ShortMonth is an axis label's month: "Jan", "janv.", "Jan.".
func (l *Locale) ShortMonth(m time.Month) string {
	return l.List("date.months_short")[m-1]
}

// Quarter is an axis label's quarter (1–4): "Q1", "T1", "1 кв.".
func (l *Locale) Quarter(q int) string {
	return l.List("date.quarters")[q-1]
}

// WithoutYear drops the year of t from s, a date Date or Range wrote,
// for a label whose axis already says the year. It returns s unchanged
// when the year is not at its end or start.
func (l *Locale) WithoutYear(s string, t time.Time) string {
	y := l.year(t)
	suffix := strings.ReplaceAll(l.T("date.month", "month", "", "y", y), "  ", " ")
	suffix = strings.TrimLeft(suffix, " ")
	for _, cut := range []string{" " + suffix, suffix, " " + y} {
		if cut != "" && strings.HasSuffix(s, cut) && len(s) > len(cut) {
			return strings.TrimRight(strings.TrimSuffix(s, cut), " ,")
		}
	}
	return s
}
