package data

import (
	"strings"
	"time"
)

// Override replaces one value of the data's [briefing] table for one run,
// as `briefing build -set date=2024-03-01` does: the data file is not
// changed. Key is one of OverrideKeys; Value is a generic TOML value (a
// date is a time.Time in a local-date location, as the TOML library
// gives). File, Line and Col place problems with the value (the command
// line: "-set", the -set's number, the value's column).
type Override struct {
	Key       string
	Value     any
	File      string
	Line, Col int
}

// OverrideKeys are the [briefing] keys an Override may replace: the
// values that change from one edition of a briefing to the next.
var OverrideKeys = []string{"title", "subtitle", "author", "date", "edition", "period.start", "period.end"}

// IsOverrideKey reports whether k is one of OverrideKeys, or "period".
func IsOverrideKey(k string) bool {
	if k == "period" {
		return true
	}
	for _, o := range OverrideKeys {
		if o == k {
			return true
		}
	}
	return false
}

// applyOverrides returns m with the overrides applied, checked as the
// [briefing] table is. The values not overridden were checked when the
// file was decoded and are put back as they were.
func applyOverrides(m Meta, ovs []Override) (Meta, Errors) {
	if len(ovs) == 0 {
		return m, nil
	}
	local := func(t time.Time) time.Time {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, dateLocal)
	}
	raw := map[string]any{"title": m.Title, "date": local(m.Date)}
	if m.Subtitle != "" {
		raw["subtitle"] = m.Subtitle
	}
	if m.Author != "" {
		raw["author"] = m.Author
	}
	if m.Edition != "" {
		raw["edition"] = m.Edition
	}
	if m.Period != nil {
		raw["period"] = map[string]any{"start": local(m.Period.Start), "end": local(m.Period.End)}
	}
	file := ovs[0].File
	root := &pnode{at: lc{ovs[0].Line, 1}}
	for _, o := range ovs {
		at := lc{o.Line, o.Col}
		if k, ok := strings.CutPrefix(o.Key, "period."); ok {
			p, _ := raw["period"].(map[string]any)
			if p == nil {
				p = map[string]any{}
				raw["period"] = p
			}
			p[k] = o.Value
			pn := root.child("period", at)
			pn.child(k, at).at = at
			continue
		}
		raw[o.Key] = o.Value
		root.child(o.Key, at).at = at
	}
	composeText(raw)
	d := &decoder{file: file, pt: &part{file: file}}
	out := d.meta(d.table(raw, root, root.at, ""))
	if len(d.errs) > 0 {
		return m, d.errs
	}
	out.Pos, out.Summary, out.Keywords = m.Pos, m.Summary, m.Keywords
	return out, nil
}
