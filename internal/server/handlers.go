package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/internal/diag"
)

// etagOf quotes a state hash as an entity tag, with a suffix per variant.
func etagOf(hash, variant string) string {
	if variant != "" {
		return `"` + hash + "-" + variant + `"`
	}
	return `"` + hash + `"`
}

// Conditional requests (RFC 9110, section 13). Preconditions are
// evaluated only once the answer without them is known to be a success:
// a route that would answer 404, 500, 503 or 504 does so whatever
// If-None-Match or If-Match say, since only an existing representation can
// match (`If-None-Match: *` on a missing chart is a 404, not a 304). GET
// routes evaluate them in http.ServeContent, called only with a
// representation in hand; POST /render, which has none (GET /render is
// 405), uses unsafePreconditions.

// unsafePreconditions evaluates If-Match and If-None-Match for a request
// to a resource with no current representation: If-Match (even "*")
// fails with 412; If-None-Match always holds. It reports whether it
// answered.
func unsafePreconditions(w http.ResponseWriter, r *http.Request) bool {
	if r.Header.Get("If-Match") != "" {
		jsonMessage(w, http.StatusPreconditionFailed, "If-Match: POST /render has no current representation to match")
		return true
	}
	return false
}

// serveBytes answers a GET or HEAD with b, evaluating the conditional and
// range headers against etag (none for ""): call it only with the
// representation the route has.
func serveBytes(w http.ResponseWriter, r *http.Request, contentType, etag string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "no-cache")
	if etag != "" {
		h.Set("ETag", etag)
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
}

// buildFor returns the current build for a GET route, or answers the
// request itself (busy, timed out) and returns nil.
func (s *Server) buildFor(w http.ResponseWriter, r *http.Request, snap *snapshot) *result {
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
	defer cancel()
	res, err := s.current(ctx, snap)
	if err != nil {
		status, msg := busyStatus(w, err)
		http.Error(w, "briefing: "+msg, status)
		return nil
	}
	if res.err != nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "briefing: the served files do not build:\n")
		diag.Print(w, res.err)
		return nil
	}
	return res
}

func (s *Server) handlePDF(w http.ResponseWriter, r *http.Request) {
	res := s.buildFor(w, r, s.snapshot())
	if res == nil {
		return
	}
	w.Header().Set("Content-Disposition", `inline; filename="briefing.pdf"`)
	serveBytes(w, r, "application/pdf", etagOf(res.hash, ""), res.pdf)
}

func (s *Server) handleChart(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".svg")
	if !ok || name == "" {
		http.NotFound(w, r)
		return
	}
	res := s.buildFor(w, r, s.snapshot())
	if res == nil {
		return
	}
	svg, ok := res.svgs[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	serveBytes(w, r, "image/svg+xml", etagOf(res.hash, name), svg)
}

func writeJSONErrors(w http.ResponseWriter, status int, errs []diag.JSON) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(errs)
}

func jsonMessage(w http.ResponseWriter, status int, msg string) {
	writeJSONErrors(w, status, []diag.JSON{{Message: msg}})
}
