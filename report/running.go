package report

import (
	"strings"

	"github.com/briefing-pdf/briefing/config"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// checkRunning checks the glyphs of a drawn running header or footer line
// (rc's texts with placeholders filled, the left one perhaps shortened).
// A character the font lacks is blamed where it was written: the config
// key for the text around the placeholders, the data's [briefing] for
// {title}, {subtitle}, {author} and {date}, the config's
// cover.distribution for {distribution}.
func (d *doc) checkRunning(rc RunningConfig, drawn, font string, size float64) {
	if d.want != nil {
		d.want(font, drawn)
	}
	missing := d.fonts.MissingGlyphs(font, drawn)
	if len(missing) == 0 {
		return
	}
	key := "footer"
	if rc == d.cfg.Header {
		key = "header"
	}
	// The sources of the line's text, in the order they are blamed.
	type source struct {
		text string
		w    where
	}
	var sources []source
	for _, side := range []struct{ name, text string }{{"left", rc.Left}, {"right", rc.Right}} {
		k := key + "." + side.name
		kw := where{Pos: d.cfg.KeyPos(k), What: k}
		sources = append(sources, source{config.PlaceholderRE.ReplaceAllString(side.text, " "), kw})
		for _, ph := range config.PlaceholderRE.FindAllString(side.text, -1) {
			meta := where{Pos: d.b.Meta.Pos, What: "briefing " + strings.Trim(ph, "{}")}
			switch ph {
			case "{title}":
				sources = append(sources, source{d.b.Meta.Title, meta})
			case "{subtitle}":
				sources = append(sources, source{d.b.Meta.Subtitle, meta})
			case "{author}":
				sources = append(sources, source{d.b.Meta.Author, meta})
			case "{date}":
				sources = append(sources, source{d.date(d.b.Meta.Date), meta})
			case "{distribution}":
				sources = append(sources, source{d.cfg.Cover.Distribution,
					where{Pos: d.cfg.KeyPos("cover.distribution"), What: "cover.distribution"}})
			case "{page}", "{pages}":
				sources = append(sources, source{"0123456789", kw})
			}
		}
	}
	for _, m := range missing {
		// What the line adds itself (the "…" of a shortened text) is the
		// left text's doing.
		w := where{Pos: d.cfg.KeyPos(key + ".left"), What: key + ".left"}
		for _, s := range sources {
			if strings.ContainsRune(s.text, m) {
				w = s.w
				break
			}
		}
		d.checkGlyphs([]typeset.Run{d.run(string(m), font, size)}, w)
	}
}
