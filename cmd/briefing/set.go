package main

import (
	"errors"
	"flag"
	"fmt"
	"github.com/briefing-pdf/briefing/internal/diag"
	"strings"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/report"
)

// setFlags are the -set key=value flags of a command, in order. A key
// names a config key ("cover.distribution", "page.size") or one of the
// data's [briefing] values that change from one edition to the next
// ("date", "title", "subtitle", "author", "period.start", "period.end",
// also written "briefing.date"…); the value is TOML, and for a key that
// takes a string the quotes may be left out.
type setFlags []string

func (s *setFlags) String() string { return strings.Join(*s, " ") }

func (s *setFlags) Set(v string) error {
	if !strings.Contains(v, "=") {
		return fmt.Errorf("want key=value, like date=2024-03-01")
	}
	*s = append(*s, v)
	return nil
}

func (s *setFlags) flag(fs *flag.FlagSet) {
	fs.Var(s, "set", "override a config key or a [briefing] value for this run: `key=value`, the value\nin TOML (quotes optional for text); repeatable. Keys: any config key\n(cover.distribution, page.size, ...) and date, title, subtitle, author,\nedition, period.start, period.end")
}

// overrides are the -set flags sorted into config settings and [briefing]
// overrides.
type overrides struct {
	config []report.Setting
	meta   []data.Override
}

// split sorts the -set flags by what they set, reading each value. A key
// neither the config nor [briefing] has is an error with a suggestion.
func (s setFlags) split() (overrides, error) {
	var o overrides
	var errs data.Errors
	topKeys := map[string]bool{}
	var cands []string
	for _, k := range report.ConfigKeys() {
		top, _, _ := strings.Cut(k, ".")
		topKeys[top] = true
		cands = append(cands, k)
	}
	cands = append(cands, data.OverrideKeys...)
	for i, kv := range s {
		n := i + 1
		k, v, _ := strings.Cut(kv, "=")
		key := strings.TrimSpace(k)
		if key == "" {
			errs = append(errs, &data.Error{File: report.SettingFile, Line: n, Col: 1, Msg: fmt.Sprintf("%s: no key before =", diag.Quote(kv))})
			continue
		}
		mk := strings.TrimPrefix(key, "briefing.")
		top, _, _ := strings.Cut(key, ".")
		switch {
		case data.IsOverrideKey(mk) && (mk != key || !topKeys[top]):
			val, e := metaValue(mk, v, n, len(k)+2)
			if e != nil {
				errs = append(errs, e)
				continue
			}
			if mk == "period" {
				m, ok := val.(map[string]any)
				if !ok {
					errs = append(errs, &data.Error{File: report.SettingFile, Line: n, Col: len(k) + 2,
						Msg: fmt.Sprintf("period: got %s; want a table like { start = 2024-01-01, end = 2024-03-31 }", data.Describe(val))})
					continue
				}
				for _, pk := range []string{"start", "end"} {
					if pv, ok := m[pk]; ok {
						o.meta = append(o.meta, data.Override{Key: "period." + pk, Value: pv, File: report.SettingFile, Line: n, Col: len(k) + 2})
					}
				}
				continue
			}
			o.meta = append(o.meta, data.Override{Key: mk, Value: val, File: report.SettingFile, Line: n, Col: len(k) + 2})
		case topKeys[top] && !report.KnownConfigKey(key):
			errs = append(errs, &data.Error{File: report.SettingFile, Line: n, Col: 1,
				Msg: fmt.Sprintf("unknown config key %s%s", diag.Quote(key), diag.Suggest(key, cands))})
		case topKeys[top]:
			o.config = append(o.config, report.Setting{Key: key, Value: v, N: n})
		default:
			errs = append(errs, &data.Error{File: report.SettingFile, Line: n, Col: 1,
				Msg: fmt.Sprintf("unknown key %s%s; -set takes a config key or one of %s", diag.Quote(key), diag.Suggest(key, cands), strings.Join(data.OverrideKeys, ", "))})
		}
	}
	if len(errs) > 0 {
		return o, errs
	}
	return o, nil
}

// metaValue reads the TOML value of a [briefing] override; text keys take
// their value without quotes too.
func metaValue(key, v string, n, col int) (any, *data.Error) {
	src := "v=" + v
	t := strings.TrimSpace(v)
	text := key == "title" || key == "subtitle" || key == "author" || key == "edition"
	if text && !strings.HasPrefix(t, `"`) && !strings.HasPrefix(t, "'") {
		return v, nil
	}
	raw, _, perr := data.ParseTOML(report.SettingFile, []byte(src))
	if perr != nil {
		return nil, &data.Error{File: report.SettingFile, Line: n, Col: col,
			Msg: fmt.Sprintf("%s: cannot read %s as TOML: %s", key, diag.Quote(v), perr.Msg)}
	}
	return raw["v"], nil
}

// settingsOnly reports whether every problem of err comes from -set, which
// makes it a usage error.
func settingsOnly(err error) bool {
	var es data.Errors
	if !errors.As(err, &es) || len(es) == 0 {
		return false
	}
	for _, e := range es {
		if e.File != report.SettingFile {
			return false
		}
	}
	return true
}

// setUsage makes -set problems a usage error (exit status 2), one line
// each, with their places on the command line.
func setUsage(err error) error {
	var es data.Errors
	if !errors.As(err, &es) {
		return err
	}
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return usageError{strings.Join(lines, "\nbriefing: ")}
}
