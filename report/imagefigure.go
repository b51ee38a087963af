package report

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// Images in a section's Markdown: ![alt](file.png "Caption") alone in its
// paragraph is a numbered figure, like the charts, of a PNG or JPEG file
// beside the config. The alt text is required (it is what the figure
// shows, for a reader who cannot see it); the caption is the title, or
// the alt text when there is none. The file is decoded completely when
// the briefing is composed, as the cover's logo is: a missing, damaged or
// unsupported file is an error at the section.

// pdfImage is an image to register with the PDF before drawing.
type pdfImage struct {
	name string
	data []byte
	typ  string
}

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
	case outsidePath(dest) != "":
		return bad("%s: give a path relative to the config's directory", outsidePath(dest))
	case strings.EqualFold(path.Ext(dest), ".svg"):
		return bad("SVG images are not supported: convert it to PNG")
	}
	file := path.Join(path.Dir(d.cfg.File), dest)
	if d.cfg.File == "" {
		file = path.Clean(dest)
	}
	if !fs.ValidPath(file) || strings.HasPrefix(file, "../") || file == ".." {
		return bad("the file must be inside the config's directory")
	}
	if d.fsys == nil {
		return bad("no file system to read it from")
	}
	src, err := fs.ReadFile(d.fsys, file)
	if err != nil {
		return bad("%s", pathErrMsg(err))
	}
	out, typ, pw, ph, err := cleanImage(src)
	if err != nil {
		return bad("%v", err)
	}
	if int64(pw)*int64(ph) > maxImagePixels {
		return bad("too large")
	}
	name := fmt.Sprintf("image-%d", len(d.images)+1)
	d.images = append(d.images, pdfImage{name: name, data: out, typ: typ})

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
		base: d.baseline(font, d.small, d.smallLead), where: cw, align: typeset.Left}
	cap.lines = d.lines(runs, d.textW, 0, typeset.Left, cw)
	fg := &figureElem{image: name, w: wd, h: ht, textW: d.textW, gap: d.lead * 0.4, caption: cap,
		name:    fmt.Sprintf("figure-%d", d.figures),
		outline: d.t("figure.outline", "n", d.figures, "title", strings.TrimSuffix(title, d.t("list.stop")))}
	fg.blk = typeset.Block{SpaceBefore: d.lead, SpaceAfter: d.lead, Float: true}
	d.elems = append(d.elems, fg)
	return nil
}

// registerImages gives fpdf the sections' images.
func registerImages(pdf *fpdf.Fpdf, images []pdfImage) error {
	for _, im := range images {
		info := pdf.RegisterImageOptionsReader(im.name, fpdf.ImageOptions{ImageType: im.typ}, bytes.NewReader(im.data))
		if err := pdf.Error(); err != nil || info == nil {
			if err == nil {
				err = errors.New("cannot be read")
			}
			return fmt.Errorf("report: image %s: %w", im.name, err)
		}
	}
	return nil
}
