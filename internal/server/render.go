package server

import (
	"context"
	"errors"
	"fmt"
	"github.com/briefing-pdf/briefing/data"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefing-pdf/briefing/internal/build"
	"github.com/briefing-pdf/briefing/internal/diag"
	"github.com/briefing-pdf/briefing/report"
)

// handleRender answers POST /render: the posted data files laid out with
// the served config, as a PDF, or the problems as JSON.
func (s *Server) handleRender(w http.ResponseWriter, r *http.Request) {
	if unsafePreconditions(w, r) {
		return
	}
	// The body first, with a deadline of its own and counted against the
	// bytes of bodies the server holds, and only then a build slot: a
	// slow upload holds no slot, so it keeps no build from running.
	if r.ContentLength > s.opt.MaxBody {
		jsonMessage(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body too large: at most %d bytes", s.opt.MaxBody))
		return
	}
	body := &budgetReader{r: r.Body, sem: s.bodies}
	defer body.release()
	if err := http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.opt.BodyWait)); err != nil {
		s.log.Warn("cannot set the body deadline", "error", err)
	}
	r.Body = http.MaxBytesReader(w, body, s.opt.MaxBody)
	files, labels, status, err := readPosted(r, s.opt.BodyWait)
	if err != nil {
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", retryAfter)
		}
		jsonMessage(w, status, err.Error())
		return
	}
	snap := s.snapshot()
	if snap.cfgErr != nil {
		writeJSONErrors(w, http.StatusInternalServerError, diag.JSONErrors(snap.cfgErr))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
	defer cancel()
	release, err := s.lim.acquire(ctx)
	if err != nil {
		status, msg := busyStatus(w, err)
		jsonMessage(w, status, msg)
		return
	}
	var pdf []byte
	var berr error
	done := make(chan struct{})
	go func() { // holds the slot until the build ends, whatever the request does
		defer close(done)
		defer release()
		var rerr error
		if err := s.guard(func() {
			if s.onBuild != nil {
				s.onBuild("render", snap.files)
			}
			pdf, rerr = s.render(ctx, snap, files, labels)
		}); err != nil {
			rerr = err
		}
		s.logPanic(rerr, "render", "POST")
		berr = rerr
	}()
	select {
	case <-done:
	case <-ctx.Done():
		status, msg := busyStatus(w, errTimeout)
		jsonMessage(w, status, msg)
		return
	}
	if berr != nil {
		status := http.StatusInternalServerError
		if postedFault(berr, labels) {
			status = http.StatusUnprocessableEntity
		}
		writeJSONErrors(w, status, diag.JSONErrors(berr))
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="briefing.pdf"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(pdf)))
	w.Write(pdf)
}

// render lays out posted data files with the served config: the config's
// data files are replaced by the posted ones, which are read from memory
// only; fonts, logo and patterns come from the snapshot of the server's
// own files.
// The build stops between its stages once ctx has ended: nobody waits
// for it any more.
func (s *Server) render(ctx context.Context, snap *snapshot, files memFS, labels []string) ([]byte, error) {
	cfg := *snap.cfg
	cfg.Data = labels
	cfg.Import = postedImports(snap.cfg.Import)
	in, err := build.LoadWith(&build.Source{FS: files, Config: s.src.Config, Name: s.src.Name}, &cfg)
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, errTimeout
	}
	in.Resources = snapFS{snap.files.resources(snap.cfg), snap.errs}
	res, err := in.Build(build.Options{Options: report.Options{Created: s.opt.Created}, Make: build.PDF})
	if err != nil {
		return nil, err
	}
	return res.PDF, nil
}

// postedImports are the served config's [[import]] mappings for posted
// files, which are named by their last element only: each maps the files
// whose name matches the last element of its file pattern (events.csv for
// data/events.csv, *.csv for data/*.csv).
func postedImports(ims data.Imports) data.Imports {
	out := make(data.Imports, len(ims))
	for i, im := range ims {
		im.File = path.Base(im.File)
		out[i] = im
	}
	return out
}

// postedFault reports whether every problem in err is in the posted files,
// so that the request, not the server, is at fault.
func postedFault(err error, labels []string) bool {
	var es diag.Errors
	if !errors.As(err, &es) {
		return false
	}
	for _, e := range es {
		if e.File != "" && !slices.Contains(labels, e.File) {
			return false
		}
	}
	return true
}

// readPosted reads the data files of a POST /render: the body itself
// (application/toml or text/plain), or each part of a multipart form. The
// names of posted files serve only as labels in error messages, reduced to
// a base name; they never name a path. It returns the status to answer on
// error.
func readPosted(r *http.Request, wait time.Duration) (memFS, []string, int, error) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		ct = "application/toml"
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, nil, http.StatusUnsupportedMediaType, fmt.Errorf("bad Content-Type %q", ct)
	}
	files := memFS{}
	var labels []string
	switch mt {
	case "application/toml", "text/plain", "application/x-toml", "text/x-toml":
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, nil, bodyStatus(err), bodyError(err, wait)
		}
		files["data.toml"] = b
		labels = append(labels, "data.toml")
	case "multipart/form-data":
		mr, err := r.MultipartReader()
		if err != nil {
			return nil, nil, http.StatusBadRequest, fmt.Errorf("malformed multipart body: %v", err)
		}
		for i := 0; ; i++ {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, nil, bodyStatus(err), bodyError(err, wait)
			}
			b, err := io.ReadAll(p)
			p.Close()
			if err != nil {
				return nil, nil, bodyStatus(err), bodyError(err, wait)
			}
			if p.FileName() == "" && len(b) == 0 {
				continue // an empty field, e.g. a form sent without a file
			}
			if len(labels) == maxPostedFiles {
				return nil, nil, http.StatusBadRequest, fmt.Errorf("more than %d files", maxPostedFiles)
			}
			label := uniqueLabel(fileLabel(p.FileName(), p.FormName(), i+1), files)
			files[label] = b
			labels = append(labels, label)
		}
	default:
		return nil, nil, http.StatusUnsupportedMediaType,
			fmt.Errorf("Content-Type %s: send a TOML data file as application/toml or text/plain, or files as multipart/form-data", mt)
	}
	return files, labels, 0, nil
}

func bodyStatus(err error) int {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, errBodyBudget):
		return http.StatusServiceUnavailable
	case errors.Is(err, os.ErrDeadlineExceeded):
		return http.StatusRequestTimeout
	}
	return http.StatusBadRequest
}

func bodyError(err error, wait time.Duration) error {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return fmt.Errorf("request body too large: at most %d bytes", mbe.Limit)
	case errors.Is(err, errBodyBudget):
		return err
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("request body not received within %v", wait)
	}
	return fmt.Errorf("reading the request body: %v", err)
}

// fileLabel makes a posted file's name safe to show: its last element
// (after / or \), without control characters, at most 100 bytes; a name
// with nothing left becomes "FIELD-N.toml" or "file-N.toml".
func fileLabel(fileName, formName string, n int) string {
	clean := func(s string) string {
		s = strings.ReplaceAll(s, `\`, "/")
		if i := strings.LastIndexByte(s, '/'); i >= 0 {
			s = s[i+1:]
		}
		s = strings.Map(func(r rune) rune {
			if r == utf8.RuneError || unicode.IsControl(r) || r == '"' {
				return -1
			}
			return r
		}, s)
		s = strings.TrimSpace(s)
		for len(s) > 100 {
			_, size := utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-size]
		}
		if s == "." || s == ".." {
			return ""
		}
		return s
	}
	if l := clean(fileName); l != "" {
		return l
	}
	if f := clean(formName); f != "" && len(f) < 64 {
		return fmt.Sprintf("%s-%d.toml", f, n)
	}
	return fmt.Sprintf("file-%d.toml", n)
}

// uniqueLabel returns label, or label with " (2)", " (3)"… when taken.
func uniqueLabel(label string, taken memFS) string {
	if _, ok := taken[label]; !ok {
		return label
	}
	for k := 2; ; k++ {
		l := fmt.Sprintf("%s (%d)", label, k)
		if _, ok := taken[l]; !ok {
			return l
		}
	}
}
