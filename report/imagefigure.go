package report

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/briefing-pdf/briefing/internal/diag"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/briefing-pdf/briefing/config"
	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// Images in a section's Markdown: ![alt](file.png "Caption") alone in its
// paragraph is a numbered figure, like the charts, of a PNG or JPEG file
// beside the config. The alt text is required (it is what the figure
// shows, for a reader who cannot see it); the caption is the title, or
// the alt text when there is none. The file is decoded completely when
// the briefing is composed, as the cover's logo is: a missing, damaged or
// unsupported file is an error at the section.

// maxImagePixels bounds an image (as the logo is bounded).
const maxImagePixels = maxLogoPixels

// imageFigure adds the figure of img.
func (d *doc) imageFigure(img *mdImage, w where) error {
	bad := func(format string, args ...any) error {
		return d.atErr(w, fmt.Errorf("image %s: "+format, append([]any{img.Dest}, args...)...))
	}
	if strings.TrimSpace(img.Alt) == "" {
		return bad("alt text is required: write what the image shows, ![what it shows](%s)", img.Dest)
	}
	dest := img.Dest
	switch {
	case strings.Contains(dest, "://") || strings.HasPrefix(dest, "data:"):
		return bad("only a file beside the config can be shown, not a URL")
	case config.OutsidePath(dest) != "":
		return bad("%s: give a path relative to the config's directory", config.OutsidePath(dest))
	case strings.EqualFold(path.Ext(dest), ".svg"):
		return bad("SVG images are not supported: convert it to PNG")
	}
	file, ok := imageFile(d.cfg.File, dest)
	if !ok {
		return bad("the file must be inside the config's directory")
	}
	if d.fsys == nil {
		return bad("no file system to read it from")
	}
	src, err := readInput(d.fsys, file, maxImageSize)
	d.read = append(d.read, file)
	if err != nil {
		return bad("%s", diag.WithoutPath(err))
	}
	out, typ, pw, ph, err := cleanImage(src, d.cfg.PDF.Standard)
	if err != nil {
		return bad("%v", err)
	}
	if int64(pw)*int64(ph) > maxImagePixels {
		return bad("too large")
	}
	name := fmt.Sprintf("image-%d", len(d.images)+1)
	d.images = append(d.images, frames.ImageFile{Name: name, Type: typ, Data: out})

	// As wide as the text at 150 pixels per inch at most, and no taller
	// than half the text area.
	wd := min(d.textW, float64(pw)*72/150)
	ht := wd * float64(ph) / float64(pw)
	if maxH := d.textH * 0.5; ht > maxH {
		ht = maxH
		wd = ht * float64(pw) / float64(ph)
	}
	d.figures++
	title := strings.TrimSpace(img.Title)
	if title == "" {
		title = img.Alt
	}
	if !strings.HasSuffix(title, ".") {
		title += d.t("list.stop")
	}
	cw := w
	cw.What = w.What + ", image " + img.Dest
	font := face(d.head, false, false)
	bold := face(d.head, true, false)
	runs := []typeset.Run{
		d.colored(d.t("figure.label", "n", d.figures)+" ", bold, d.small, d.accent),
		d.run(d.smart(title), font, d.small),
	}
	cap := &paraElem{lead: d.smallLead, width: d.textW, color: d.ink,
		base: d.baseline(font, d.small, d.smallLead), align: typeset.Left}
	cap.where = cw
	cap.lines = d.lines(runs, d.textW, 0, typeset.Left, cw)
	// The image's alternate text is its alt text.
	cap.node = frames.NewNode(frames.Caption, &frames.Node{Role: frames.Figure, Alt: img.Alt})
	fg := &figureElem{image: name, w: wd, h: ht, textW: d.textW, gap: d.lead * 0.4, caption: cap,
		name:    fmt.Sprintf("figure-%d", d.figures),
		outline: d.t("figure.outline", "n", d.figures, "title", strings.TrimSuffix(title, d.t("list.stop")))}
	fg.blk = typeset.Block{SpaceBefore: d.lead, SpaceAfter: d.lead, Float: true}
	fg.node = cap.node.Parent
	fg.where = cw
	d.elems = append(d.elems, fg)
	return nil
}

// imageFile is the fs path of the image file dest (a path relative to
// the config's directory) names, read from the file system the config's
// resources are; ok is false when it would lie outside that directory.
func imageFile(cfgFile, dest string) (file string, ok bool) {
	file = path.Join(path.Dir(cfgFile), dest)
	if cfgFile == "" {
		file = path.Clean(dest)
	}
	if !fs.ValidPath(file) || strings.HasPrefix(file, "../") || file == ".." {
		return "", false
	}
	return file, true
}

// MarkdownImages lists the fs paths of the image files a section's
// Markdown text names, as Build reads them with cfg: an image alone in
// its paragraph (a figure), not inside a table, with a path relative to
// the config's directory. A destination Build refuses (a URL, an
// absolute path, one outside the directory) is left out. A server
// snapshots, and a watcher watches, these with the data file.
func MarkdownImages(cfg *Config, body string) []string {
	if !strings.Contains(body, "![") {
		return nil // no image, inline or by reference
	}
	file := ""
	if cfg != nil {
		file = cfg.File
	}
	var out []string
	doc := markdownParser().Parse(text.NewReader([]byte(body)))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, isImg := n.(*ast.Image)
		if !entering || !isImg {
			return ast.WalkContinue, nil
		}
		p := n.Parent()
		if p == nil || p.ChildCount() != 1 || (p.Kind() != ast.KindParagraph && p.Kind() != ast.KindTextBlock) {
			return ast.WalkSkipChildren, nil // inside text or a table: not read
		}
		dest := string(img.Destination)
		if strings.Contains(dest, "://") || strings.HasPrefix(dest, "data:") || config.OutsidePath(dest) != "" {
			return ast.WalkSkipChildren, nil
		}
		if f, ok := imageFile(file, dest); ok && !slices.Contains(out, f) {
			out = append(out, f)
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}
