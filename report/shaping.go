package report

import (
	"io/fs"

	"github.com/briefing-pdf/briefing/config"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/diag"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/shape"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// Text shaping settings: [fonts] fallback and [fonts.features].

// familyFaces is the four face names of a family.
func familyFaces(family string) []string {
	return []string{face(family, false, false), face(family, true, false), face(family, false, true), face(family, true, true)}
}

// applyShaping sets the fallback chains and the feature settings of cfg
// on set, reading the fallback files from fsys; it returns the paths it
// read and the problems, at their keys.
func applyShaping(cfg *Config, fsys fs.FS, set *fonts.Set) (read []string, errs data.Errors) {
	file := cfg.File
	if file == "" {
		file = "config.toml"
	}
	keyErr := func(key, msg string) {
		p := cfg.KeyPos(key)
		if p.File == "" {
			p.File = file
		}
		errs = append(errs, &data.Error{File: p.File, Line: p.Line, Col: p.Col, Msg: key + ": " + msg})
	}
	// Features: the body role for the body family's faces, headings for
	// the heading family's (when it is another) and for headings, tables
	// for table cells.
	var ft [3]shape.Features
	for i, r := range cfg.Fonts.Features.Roles() {
		f, err := shape.ParseFeatures(r.Settings)
		if err != nil {
			keyErr("fonts.features."+r.Role, err.Error())
			continue
		}
		ft[i] = f
	}
	if len(errs) > 0 {
		return nil, errs
	}
	body, head := string(cfg.Fonts.Body), string(cfg.Fonts.Heading)
	if head != body {
		_ = set.SetFeatures("", familyFaces(head), ft[1])
	}
	_ = set.SetFeatures("", familyFaces(body), ft[0])
	_ = set.SetFeatures(fonts.RoleHeadings, fonts.Names(), ft[1])
	_ = set.SetFeatures(fonts.RoleTables, fonts.Names(), ft[2])

	// Fallback: the default config says "dejavu", the built-in chain.
	fb := cfg.Fonts.Fallback
	if len(fb) == 1 && fb[0] == config.FallbackDejaVu {
		return nil, nil
	}
	var serif, sans []*shape.Face
	add := func(list *[]*shape.Face, fs ...*shape.Face) {
		for _, f := range fs {
			dup := false
			for _, g := range *list {
				dup = dup || g == f
			}
			if !dup {
				*list = append(*list, f)
			}
		}
	}
	for _, name := range fb {
		switch name {
		case config.FallbackDejaVu, config.FallbackDejaVuSerif, config.FallbackDejaVuSans:
			se, err := shape.BuiltinFallback(true)
			if err != nil {
				keyErr("fonts.fallback", err.Error())
				continue
			}
			dvSerif, dvSans := se[0], se[1]
			switch name {
			case config.FallbackDejaVu:
				add(&serif, dvSerif, dvSans)
				add(&sans, dvSans)
			case config.FallbackDejaVuSerif:
				add(&serif, dvSerif)
				add(&sans, dvSerif)
			default:
				add(&serif, dvSans)
				add(&sans, dvSans)
			}
			continue
		}
		if fsys == nil {
			keyErr("fonts.fallback", "no file system to read "+name+" from")
			continue
		}
		ttf, err := readInput(fsys, name, maxFontSize)
		read = append(read, name)
		if err != nil {
			errs = append(errs, &data.Error{File: name, Msg: "fallback font: " + diag.WithoutPath(err)})
			continue
		}
		f, err := fonts.ParseFallback(name, ttf)
		if err != nil {
			errs = append(errs, &data.Error{File: name, Msg: err.Error()})
			continue
		}
		add(&serif, f)
		add(&sans, f)
	}
	set.SetFallback(serif, sans)
	return read, errs
}

// inTables sets runs in table cells: their faces' "tables" role
// (fonts.WithRole), shaped with [fonts.features] tables, measured and
// drawn in the same faces; unless text is not shaped (shaped false).
// runs is modified.
func inTables(runs []typeset.Run, shaped bool) []typeset.Run {
	if !shaped {
		return runs
	}
	for i := range runs {
		runs[i].Style.Font = fonts.WithRole(fonts.FaceOf(runs[i].Style.Font), fonts.RoleTables)
	}
	return runs
}

// inHeadings is face in the "headings" role: shaped with [fonts.features]
// headings; face itself unless text is shaped.
func inHeadings(face string, shaped bool) string {
	if !shaped {
		return face
	}
	return fonts.WithRole(face, fonts.RoleHeadings)
}
