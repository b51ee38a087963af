// Package server is `briefing serve`: the briefing over HTTP. GET routes
// build from the files on disk when they have changed (a content hash of
// everything a build reads, snapshot.go), share one build between
// concurrent requests and serve the cached bytes otherwise (cache.go);
// POST /render lays out posted data files with the served config
// (render.go). Builds run under a bound on concurrency and a timeout
// (limiter.go). Every build goes through internal/build. See docs/serve.md.
package server

import (
	"context"
	"errors"
	"fmt"
	"github.com/briefing-pdf/briefing/report"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"
	"golang.org/x/sync/singleflight"

	"github.com/briefing-pdf/briefing/internal/build"
)

// Options are the limits of `briefing serve`.
type Options struct {
	MaxBody   int64         // largest request body, in bytes
	BodyWait  time.Duration // longest the reading of a request body may take
	Timeout   time.Duration // longest a request waits for a build, queueing included
	MaxBuilds int           // builds running at once
	MaxQueue  int           // builds waiting for a slot; more answer 503
	Created   time.Time     // the PDFs' creation date; zero: the briefing's date
}

const (
	// maxServedFile bounds each file the served config names (fonts
	// included).
	maxServedFile = build.MaxFile
	// maxPostedFiles bounds the data files of one POST /render.
	maxPostedFiles = 64
	// retryAfter is the Retry-After of a 503, in seconds: builds take
	// tens of milliseconds, so a second is plenty.
	retryAfter = "1"
	// ShutdownGrace is how long a stopping server lets the requests in
	// flight finish; then it closes their connections and exits without
	// waiting for builds still running (they write nothing to disk).
	ShutdownGrace = 1500 * time.Millisecond
)

// Server serves one briefing.
type Server struct {
	src *build.Source
	opt Options
	log *slog.Logger
	lim *limiter

	// bodies bounds the bytes of request bodies held at once, counted
	// as they arrive, so that bodies are read without a build slot.
	bodies *semaphore.Weighted
	// builds shares one build of the served files among the requests for
	// the same state; reads shares one read of a file among concurrent
	// snapshots.
	builds, reads singleflight.Group

	mu       sync.Mutex
	seq      uint64                 // numbers snapshots, so that an older build never replaces a newer one
	fixed    *snapshot              // the one snapshot of a static source
	cfgCache cfgMemo                // the config last parsed, by content
	last     *result                // the newest finished build of the served files
	cache    map[string]*cachedFile // the served files last read, by path

	// Test hooks, set before serving: onBuild runs in the build's
	// goroutine before each build (kind "files" or "render") with the
	// files it builds from; onWait runs when a request starts waiting
	// for a build of the served files; onRead runs when a served file is
	// read from disk.
	onBuild func(kind string, files memFS)
	onWait  func()
	onRead  func(name string)
	racy    time.Duration // build.RacyWindow; shorter in tests
}

// New returns a server of src. A static source is read once, here.
func New(src *build.Source, opt Options, logger *slog.Logger) *Server {
	s := &Server{
		src:    src,
		opt:    opt,
		log:    logger,
		lim:    newLimiter(opt.MaxBuilds, opt.MaxQueue),
		bodies: semaphore.NewWeighted(bodyBudget(opt)),
		cache:  map[string]*cachedFile{},
		racy:   build.RacyWindow,
	}
	if src.Static {
		s.fixed = s.takeSnapshot()
	}
	return s
}

// logPanic logs err, with the stack it carries, if it is a panic that
// the report recovered into its error (report.PanicError: a defect to
// report), and says whether it was.
func (s *Server) logPanic(err error, attrs ...any) bool {
	var pe *report.PanicError
	if !errors.As(err, &pe) {
		return false
	}
	s.log.Error("build panicked", append(attrs, "panic", fmt.Sprint(pe.Value), "stack", string(pe.Stack))...)
	return true
}

// errInternal answers a build that panicked.
var errInternal = errors.New("internal error during the build")

// guard runs fn, turning a panic into errInternal, logged with its stack:
// a defect in one build must not take the server down.
func (s *Server) guard(fn func()) (err error) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("build panicked", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			err = errInternal
		}
	}()
	fn()
	return nil
}

func (s *Server) logBuild(r *result) {
	attrs := []any{"hash", r.hash[:12], "duration", r.took}
	if s.logPanic(r.err, attrs...) {
		return
	}
	if r.err != nil {
		s.log.Warn("build failed", append(attrs, "error", r.err.Error())...)
		return
	}
	s.log.Info("built", append(attrs, "pages", r.pages, "bytes", len(r.pdf), "warnings", len(r.warnings))...)
}

// routes is the server's handler, with access logging.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleIndex)
	mux.HandleFunc("GET /briefing.pdf", s.handlePDF)
	mux.HandleFunc("GET /charts/{file}", s.handleChart)
	mux.HandleFunc("POST /render", s.handleRender)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		serveBytes(w, r, "text/plain; charset=utf-8", "", []byte("ok\n"))
	})
	return s.accessLog(mux)
}

// Serve answers on ln until ctx ends, then shuts down: it stops
// accepting, lets the requests in flight finish for ShutdownGrace, then
// closes the connections still open and returns without waiting for
// builds still running (a build writes nothing to disk: abandoning it
// loses nothing).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      s.opt.Timeout + 60*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("briefing: serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		s.log.Warn("requests still in flight after the grace period; closing their connections", "grace", ShutdownGrace)
		srv.Close()
	}
	if !s.lim.waitIdle(sctx) {
		s.log.Warn("builds still running at shutdown; not waiting for them")
	}
	<-errc // http.ErrServerClosed
	s.log.Info("stopped")
	return nil
}

// accessLog logs each request: method, path, status, bytes and duration.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Int64("bytes", sw.bytes),
			slog.Duration("duration", time.Since(start)),
			slog.String("remote", r.RemoteAddr),
		)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
