package server

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"net/http"

	"github.com/briefing-pdf/briefing/internal/diag"
)

// indexHTML is the front page's template: what is served, and the last
// build.
//
//go:embed index.html
var indexHTML string

var indexPage = template.Must(template.New("index").Parse(indexHTML))

// indexData is what the front page shows.
type indexData struct {
	Title, Source, Built, Busy, Size, Origin string
	Errors                                   []string
	Ready                                    bool
	Pages, Warnings                          int
	Charts                                   []string
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	d := indexData{Source: s.src.Name, Origin: "http://" + r.Host}
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
	defer cancel()
	res, err := s.current(ctx, s.snapshot())
	if err != nil {
		d.Busy = "Not rebuilt just now (" + err.Error() + "); showing the last build. Reload to try again."
		res = s.lastResult()
	}
	if res != nil {
		d.Title = res.title
		ms := fmt.Sprintf("%.1f ms", float64(res.took.Microseconds())/1000)
		if res.err != nil {
			d.Built = "checked in " + ms
			d.Errors = diag.Lines(res.err)
		} else {
			d.Built = "built in " + ms
			d.Ready = true
			d.Pages, d.Warnings, d.Charts = res.pages, len(res.warnings), res.figures
			d.Size = fmt.Sprintf("%d KB", (len(res.pdf)+512)/1024)
		}
	}
	var buf bytes.Buffer
	if err := indexPage.Execute(&buf, d); err != nil {
		s.log.Error("index page", "error", err)
		http.Error(w, "briefing: cannot render the page", http.StatusInternalServerError)
		return
	}
	serveBytes(w, r, "text/html; charset=utf-8", "", buf.Bytes())
}
