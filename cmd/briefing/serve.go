package main

// `briefing serve`: the briefing over HTTP. GET routes build from the files
// on disk when they have changed (a content hash of everything a build
// reads), share one build between concurrent requests and serve the cached
// bytes otherwise; POST /render lays out posted data files with the served
// config. Builds run under a bound on concurrency and a timeout. See
// docs/serve.md.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/sync/semaphore"
	"golang.org/x/sync/singleflight"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/version"
	"github.com/briefing-pdf/briefing/report"
)

// serveOptions are the limits of `briefing serve`.
type serveOptions struct {
	maxBody   int64         // largest request body, in bytes
	bodyWait  time.Duration // longest the reading of a request body may take
	timeout   time.Duration // longest a request waits for a build, queueing included
	maxBuilds int           // builds running at once
	maxQueue  int           // builds waiting for a slot; more answer 503
	created   time.Time     // the PDFs' creation date; zero: the briefing's date
}

const (
	// maxServedFile bounds each file the served config names (fonts
	// included).
	maxServedFile = 64 << 20
	// maxPostedFiles bounds the data files of one POST /render.
	maxPostedFiles = 64
	// retryAfter is the Retry-After of a 503, in seconds: builds take
	// tens of milliseconds, so a second is plenty.
	retryAfter = "1"
	// shutdownGrace is how long a stopping server lets the requests in
	// flight finish; then it closes their connections and exits without
	// waiting for builds still running (they write nothing to disk).
	shutdownGrace = 1500 * time.Millisecond
)

func cmdServe(args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("serve")
	config := fset.String("config", "", "layout config `FILE` (default ./config.toml, else the built-in briefing)")
	addr := fset.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	maxBody := byteSize(4 << 20)
	fset.Var(&maxBody, "max-body", "largest request `SIZE` (bytes, or with KiB, MiB)")
	bodyWait := fset.Duration("body-timeout", 10*time.Second, "longest the upload of a POST /render body may take")
	timeout := fset.Duration("timeout", 30*time.Second, "longest a request waits for its build")
	maxBuilds := fset.Int("max-builds", 2, "builds running at once")
	maxQueue := fset.Int("max-queue", 8, "builds waiting for a slot before requests get 503")
	if err := parseConfigFlags(fset, args, config, stdout); err != nil {
		return err
	}
	switch {
	case maxBody <= 0:
		return usageErrorf("serve: -max-body must be positive")
	case *timeout <= 0:
		return usageErrorf("serve: -timeout must be positive")
	case *bodyWait <= 0:
		return usageErrorf("serve: -body-timeout must be positive")
	case *maxBuilds < 1:
		return usageErrorf("serve: -max-builds must be at least 1")
	case *maxQueue < 0:
		return usageErrorf("serve: -max-queue must not be negative")
	}
	created, err := creationDate()
	if err != nil {
		return err
	}
	src, err := openSource(*config)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("briefing: serve: %w", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// After the first signal, a second one stops the process at once.
	context.AfterFunc(ctx, stop)
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	s := newServer(src, serveOptions{
		maxBody: int64(maxBody), bodyWait: *bodyWait, timeout: *timeout,
		maxBuilds: *maxBuilds, maxQueue: *maxQueue, created: created,
	}, logger)
	fmt.Fprintf(stdout, "briefing: serving %s at http://%s/\n", src.name, ln.Addr())
	return s.serve(ctx, ln)
}

// byteSize is a flag value in bytes, written plainly or with a binary
// suffix: 4194304, 4096KiB, 4MiB.
type byteSize int64

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(s string) error {
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 || n > (1<<40)/mult {
		return fmt.Errorf("want a size in bytes, or with KiB, MiB or GiB")
	}
	*b = byteSize(n * mult)
	return nil
}

// source is where the served briefing comes from.
type source struct {
	fsys    fs.FS  // the files the config's paths are relative to
	cfgPath string // the config's path in fsys
	name    string // for people: the config's path as given, or "the built-in briefing"
	static  bool   // the embedded briefing, which never changes
}

// openSource resolves which config to read (-config, else ./config.toml,
// else the built-in briefing) without reading it, for every command: a
// server starts with a broken config and shows its errors.
func openSource(configFlag string) (*source, error) {
	switch {
	case configFlag != "":
		if _, err := os.Stat(configFlag); err != nil {
			return nil, fmt.Errorf("briefing: config: %w", unwrapPath(err, configFlag))
		}
		return &source{fsys: dirFS(filepath.Dir(configFlag)), cfgPath: filepath.Base(configFlag), name: configFlag}, nil
	case fileExists("config.toml"):
		return &source{fsys: dirFS("."), cfgPath: "config.toml", name: "config.toml"}, nil
	}
	return &source{fsys: briefing.Builtin, cfgPath: "config.toml", name: "the built-in briefing", static: true}, nil
}

// server serves one briefing.
type server struct {
	src *source
	opt serveOptions
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
	racy    time.Duration // racyWindow; shorter in tests
}

// cachedFile is a served file as last read.
type cachedFile struct {
	id     fileID
	readAt time.Time
	b      []byte
	sum    [32]byte
}

type cfgMemo struct {
	sum [32]byte
	ok  bool
	cfg *report.Config
	err error
}

func newServer(src *source, opt serveOptions, logger *slog.Logger) *server {
	s := &server{
		src:    src,
		opt:    opt,
		log:    logger,
		lim:    newLimiter(opt.maxBuilds, opt.maxQueue, logger),
		bodies: semaphore.NewWeighted(bodyBudget(opt)),
		cache:  map[string]*cachedFile{},
		racy:   racyWindow,
	}
	if src.static {
		s.fixed = s.takeSnapshot()
	}
	return s
}

// snapshot is the served files as read at one moment: a build reads only
// these bytes, so its result belongs to exactly the state hashed.
type snapshot struct {
	seq    uint64
	hash   string           // hex SHA-256 of the program version, the creation date and every file read
	files  memFS            // the config and every file it names that could be read
	errs   map[string]error // why each file that could not be read was not
	cfg    *report.Config   // nil when the config is invalid
	cfgErr error
}

// fsys is the snapshot as a file system: its files, and for a file that
// could not be read (missing, a FIFO, too large) the reason.
func (snap *snapshot) fsys() fs.FS { return snapFS{snap.files, snap.errs} }

func (s *server) snapshot() *snapshot {
	if s.fixed != nil {
		return s.fixed
	}
	return s.takeSnapshot()
}

// takeSnapshot reads the config, then the data, font, logo and hyphenation
// files it names. A file that cannot be read is left out (and hashed with
// its error): the build reports it as it would from the command line.
// Files on disk that have not changed since they were last read are not
// read again (see readServed), so an unchanged state costs a stat per file.
func (s *server) takeSnapshot() *snapshot {
	h := sha256.New()
	fmt.Fprintf(h, "briefing %s\x00%d\x00", version.String(), s.opt.created.Unix())
	files, errs := memFS{}, map[string]error{}
	sums := map[string][32]byte{}
	add := func(name string) {
		if _, seen := files[name]; seen || name == "" {
			return
		}
		if _, seen := errs[name]; seen {
			return
		}
		c, err := s.readServed(name)
		if err != nil {
			errs[name] = err
			fmt.Fprintf(h, "%q error %s\x00", name, unwrapPathErr(err))
			return
		}
		files[name], sums[name] = c.b, c.sum
		fmt.Fprintf(h, "%q %d %x\x00", name, len(c.b), c.sum)
	}
	add(s.src.cfgPath)
	cfg, err := s.parseConfig(snapFS{files, errs}, sums[s.src.cfgPath])
	if cfg != nil {
		for _, p := range cfg.Data {
			if fs.ValidPath(p) { // data.Load refuses the others unread
				add(p)
				for _, t := range data.TextFiles(p, files[p]) { // the sources' texts
					add(t)
				}
			}
		}
		for _, p := range resourcePaths(cfg) {
			add(p)
		}
	}
	s.mu.Lock()
	s.seq++
	seq := s.seq
	for name := range s.cache { // forget files the config no longer names
		if _, ok := files[name]; !ok {
			delete(s.cache, name)
		}
	}
	s.mu.Unlock()
	return &snapshot{seq: seq, hash: hex.EncodeToString(h.Sum(nil)), files: files, errs: errs, cfg: cfg, cfgErr: err}
}

// readServed returns a served file's bytes and hash: from the cache when
// the file on disk is the one read last time (same device, inode, size,
// modification and change times, and not changed just before that read),
// else read afresh, once for all the requests that want it at the same
// moment. Only regular files are read, without blocking (readRegular).
func (s *server) readServed(name string) (*cachedFile, error) {
	id, statted, err := statRegular(s.src.fsys, name)
	if err != nil {
		return nil, err
	}
	key := name
	if statted {
		s.mu.Lock()
		c := s.cache[name]
		s.mu.Unlock()
		if c != nil && c.id == id && id.settled(c.readAt, s.racy) {
			return c, nil
		}
		key = fmt.Sprintf("%s\x00%v", name, id)
	}
	v, err, _ := s.reads.Do(key, func() (any, error) {
		readAt := time.Now()
		if s.onRead != nil {
			s.onRead(name)
		}
		b, rid, stable, err := readRegular(s.src.fsys, name, maxServedFile)
		if err != nil {
			return nil, err
		}
		c := &cachedFile{id: rid, readAt: readAt, b: b, sum: sha256.Sum256(b)}
		if statted && stable {
			s.mu.Lock()
			s.cache[name] = c
			s.mu.Unlock()
		}
		return c, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*cachedFile), nil
}

// parseConfig loads the config from files, reusing the last parse when the
// bytes are the same (sum is their SHA-256). The config is shared and
// never modified.
func (s *server) parseConfig(files snapFS, sum [32]byte) (*report.Config, error) {
	_, ok := files.memFS[s.src.cfgPath]
	s.mu.Lock()
	m := s.cfgCache
	s.mu.Unlock()
	if ok && m.ok && m.sum == sum {
		return m.cfg, m.err
	}
	cfg, err := report.LoadConfig(files, s.src.cfgPath)
	if err != nil {
		cfg = nil
	}
	if ok {
		s.mu.Lock()
		s.cfgCache = cfgMemo{sum: sum, ok: true, cfg: cfg, err: err}
		s.mu.Unlock()
	}
	return cfg, err
}

// resourcePaths are the files other than data that a build reads: user
// fonts, the logo and the hyphenation patterns, in a fixed order.
func resourcePaths(cfg *report.Config) []string {
	f := cfg.Fonts.Files
	return []string{f.Serif, f.SerifBold, f.SerifItalic, f.SerifBoldItalic,
		f.Sans, f.SansBold, f.SansItalic, f.SansBoldItalic,
		cfg.Cover.Logo, cfg.Hyphenation.Patterns}
}

// result is one build of a snapshot.
type result struct {
	seq      uint64
	hash     string
	title    string
	pdf      []byte
	pages    int
	svgs     map[string][]byte // chart name → SVG
	figures  []string          // chart names, in the briefing's order
	warnings []report.Warning
	err      error // the build failed: a data.Errors of input problems, or another error
	took     time.Duration
}

// build builds a snapshot: the PDF and every chart as SVG.
func (s *server) build(snap *snapshot) *result {
	start := time.Now()
	r := &result{seq: snap.seq, hash: snap.hash}
	defer func() { r.took = time.Since(start) }()
	if snap.cfgErr != nil {
		r.err = snap.cfgErr
		return r
	}
	b, err := data.LoadWith(snap.fsys(), snap.cfg.Data, data.Options{Imports: snap.cfg.Import})
	if err != nil {
		r.err = err
		return r
	}
	r.title = b.Meta.Title
	pdf, warnings, err := report.Build(b, snap.cfg, snap.fsys(), report.Options{Created: s.opt.created})
	r.warnings = warnings
	if err != nil {
		r.err = err
		return r
	}
	figs, err := report.Figures(b, snap.cfg, snap.fsys())
	if err != nil {
		r.err = err
		return r
	}
	svgs := make(map[string][]byte, len(figs))
	var names []string
	for _, f := range figs {
		var buf bytes.Buffer
		if err := charts.Export(f.Plot, f.Width, f.Height, "svg", &buf); err != nil {
			r.err = fmt.Errorf("chart %s: %w", f.Name, err)
			return r
		}
		svgs[f.Name] = buf.Bytes()
		names = append(names, f.Name)
	}
	r.pdf, r.pages, r.svgs, r.figures = pdf, countPages(pdf), svgs, names
	return r
}

var pageObject = regexp.MustCompile(`/Type\s*/Page\b`)

// countPages counts the page objects of a PDF.
func countPages(pdf []byte) int { return len(pageObject.FindAllIndex(pdf, -1)) }

// errInternal answers a build that panicked.
var errInternal = errors.New("internal error during the build")

// current returns the build of snap: the cached one when the files have
// not changed since, else a new build shared by every request for the same
// state meanwhile. The build runs under the limiter in a goroutine of its
// own (singleflight's), which keeps its slot until the build ends: a
// request that gives up (ctx) leaves it running, and its result is still
// cached. The first request's ctx bounds the wait for a slot.
func (s *server) current(ctx context.Context, snap *snapshot) (*result, error) {
	if r := s.cached(snap.hash); r != nil {
		return r, nil
	}
	ch := s.builds.DoChan(snap.hash, func() (any, error) {
		if r := s.cached(snap.hash); r != nil { // finished just before
			return r, nil
		}
		release, err := s.lim.acquire(ctx)
		if err != nil {
			return nil, err
		}
		defer release()
		var res *result
		if err := s.guard(func() {
			if s.onBuild != nil {
				s.onBuild("files", snap.files)
			}
			res = s.build(snap)
		}); err != nil {
			return nil, err
		}
		s.logBuild(res)
		s.mu.Lock()
		if s.last == nil || res.seq > s.last.seq {
			s.last = res
		}
		s.mu.Unlock()
		return res, nil
	})
	if s.onWait != nil {
		s.onWait()
	}
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.(*result), nil
	case <-ctx.Done():
		return nil, errTimeout
	}
}

// cached is the last build if it is of the state hash, else nil.
func (s *server) cached(hash string) *result {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.last != nil && s.last.hash == hash {
		return s.last
	}
	return nil
}

// guard runs fn, turning a panic into errInternal, logged with its stack:
// a defect in one build must not take the server down.
func (s *server) guard(fn func()) (err error) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("build panicked", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			err = errInternal
		}
	}()
	fn()
	return nil
}

func (s *server) logBuild(r *result) {
	attrs := []any{"hash", r.hash[:12], "duration", r.took}
	if r.err != nil {
		s.log.Warn("build failed", append(attrs, "error", r.err.Error())...)
		return
	}
	s.log.Info("built", append(attrs, "pages", r.pages, "bytes", len(r.pdf), "warnings", len(r.warnings))...)
}

// lastResult is the newest finished build, or nil.
func (s *server) lastResult() *result {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}

// Build limits.
var (
	errSaturated = errors.New("too many builds at once; try again shortly")
	errQueued    = errors.New("timed out waiting for a build slot; try again shortly")
	errTimeout   = errors.New("the build took too long")
)

// limiter bounds the builds: at most cap(slots) run, and at most
// cap(admit) are running or waiting for a slot. (Two buffered channels:
// golang.org/x/sync/semaphore would do the same with more words, since
// every build weighs one.)
type limiter struct {
	admit chan struct{}
	slots chan struct{} // one token per running build
	log   *slog.Logger
}

func newLimiter(builds, queue int, logger *slog.Logger) *limiter {
	return &limiter{
		admit: make(chan struct{}, builds+queue),
		slots: make(chan struct{}, builds),
		log:   logger,
	}
}

// acquire takes a place among the running and waiting builds without
// waiting (errSaturated when there is none), then waits for a slot until
// ctx ends (errQueued). release gives both back; the build must run in
// the goroutine that holds them, whatever becomes of the request.
func (l *limiter) acquire(ctx context.Context) (release func(), err error) {
	select {
	case l.admit <- struct{}{}:
	default:
		return nil, errSaturated
	}
	select {
	case l.slots <- struct{}{}:
	case <-ctx.Done():
		<-l.admit
		return nil, errQueued
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-l.slots
			<-l.admit
		})
	}, nil
}

// running is the number of builds running.
func (l *limiter) running() int { return len(l.slots) }

// waitIdle waits until no build runs, or ctx ends (false). It polls: a
// WaitGroup would forbid the builds that requests still in flight start
// while it waits.
func (l *limiter) waitIdle(ctx context.Context) bool {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for l.running() > 0 {
		select {
		case <-ctx.Done():
			return false
		case <-tick.C:
		}
	}
	return true
}

// routes is the server's handler, with access logging.
func (s *server) routes() http.Handler {
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

// serve answers on ln until ctx ends, then shuts down: it stops
// accepting, lets the requests in flight finish for shutdownGrace, then
// closes the connections still open and returns without waiting for
// builds still running (a build writes nothing to disk: abandoning it
// loses nothing).
func (s *server) serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      s.opt.timeout + 60*time.Second,
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
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		s.log.Warn("requests still in flight after the grace period; closing their connections", "grace", shutdownGrace)
		srv.Close()
	}
	if !s.lim.waitIdle(sctx) {
		s.log.Warn("builds still running at shutdown; not waiting for them")
	}
	<-errc // http.ErrServerClosed
	s.log.Info("stopped")
	return nil
}

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
func (s *server) buildFor(w http.ResponseWriter, r *http.Request, snap *snapshot) *result {
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.timeout)
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
		printInputErrors(res.err, w)
		return nil
	}
	return res
}

// busyStatus maps a limiter error to a status (setting Retry-After where
// trying again helps) and a message.
func busyStatus(w http.ResponseWriter, err error) (int, string) {
	switch {
	case errors.Is(err, errSaturated), errors.Is(err, errQueued):
		w.Header().Set("Retry-After", retryAfter)
		return http.StatusServiceUnavailable, err.Error()
	case errors.Is(err, errTimeout):
		return http.StatusGatewayTimeout, err.Error()
	}
	return http.StatusInternalServerError, err.Error()
}

func (s *server) handlePDF(w http.ResponseWriter, r *http.Request) {
	res := s.buildFor(w, r, s.snapshot())
	if res == nil {
		return
	}
	w.Header().Set("Content-Disposition", `inline; filename="briefing.pdf"`)
	serveBytes(w, r, "application/pdf", etagOf(res.hash, ""), res.pdf)
}

func (s *server) handleChart(w http.ResponseWriter, r *http.Request) {
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

// indexPage is the front page: what is served, and the last build.
var indexPage = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .Title}}{{.Title}}{{else}}briefing{{end}}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; max-width: 46rem; margin: 2.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; color: #1f4e79; margin-bottom: .25rem; }
.meta { color: #5a5a5a; margin-top: 0; }
ul.links { padding-left: 1.2rem; }
.errors { background: #fdf0f0; border-left: 4px solid #b00020; padding: .75rem 1rem; }
.errors pre { white-space: pre-wrap; margin: .5rem 0 0; font-size: .9rem; }
.note { background: #eef2f7; padding: .5rem 1rem; }
form { margin-top: .5rem; }
code { font-size: .95em; }
</style>
</head>
<body>
<h1>{{if .Title}}{{.Title}}{{else}}Briefing{{end}}</h1>
<p class="meta">Served from {{.Source}}{{if .Built}} · {{.Built}}{{end}}</p>
{{if .Busy}}<p class="note">{{.Busy}}</p>{{end}}
{{if .Errors}}<div class="errors"><strong>The last build failed.</strong> The PDF and charts are unavailable until the files are fixed.
<pre>{{range .Errors}}{{.}}
{{end}}</pre></div>{{end}}
{{if .Ready}}<ul class="links">
<li><a href="briefing.pdf">briefing.pdf</a> ({{.Pages}} pages, {{.Size}}{{if .Warnings}}, {{.Warnings}} typographic warnings{{end}})</li>
{{range .Charts}}<li><a href="charts/{{.}}.svg">{{.}}.svg</a></li>
{{end}}</ul>{{end}}
<h2>Render other data</h2>
<p>Lay out your own data files with this server's layout: they replace the config's data files.</p>
<form method="post" action="render" enctype="multipart/form-data">
<input type="file" name="data" accept=".toml" multiple required>
<button type="submit">Render PDF</button>
</form>
<p class="meta">Or: <code>curl -H 'Content-Type: application/toml' --data-binary @data.toml {{.Origin}}/render -o out.pdf</code></p>
</body>
</html>
`))

type indexData struct {
	Title, Source, Built, Busy, Size, Origin string
	Errors                                   []string
	Ready                                    bool
	Pages, Warnings                          int
	Charts                                   []string
}

func (s *server) handleIndex(w http.ResponseWriter, r *http.Request) {
	d := indexData{Source: s.src.name, Origin: "http://" + r.Host}
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.timeout)
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
			d.Errors = errorLines(res.err)
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

// errorLines are an error's lines as the command line prints them.
func errorLines(err error) []string {
	var es data.Errors
	if errors.As(err, &es) {
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = e.Error()
		}
		return out
	}
	return strings.Split(err.Error(), "\n")
}

// jsonError is one problem in a POST /render answer, and in the command
// line's -diagnostics json, which adds its Severity ("error", "warning"
// or "info"; a POST /render answer holds errors only and leaves it out).
type jsonError struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity,omitempty"`
	Message  string `json:"message"`
}

func writeJSONErrors(w http.ResponseWriter, status int, errs []jsonError) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(errs)
}

func jsonMessage(w http.ResponseWriter, status int, msg string) {
	writeJSONErrors(w, status, []jsonError{{Message: msg}})
}

func (s *server) handleRender(w http.ResponseWriter, r *http.Request) {
	if unsafePreconditions(w, r) {
		return
	}
	// The body first, with a deadline of its own and counted against the
	// bytes of bodies the server holds, and only then a build slot: a
	// slow upload holds no slot, so it keeps no build from running.
	if r.ContentLength > s.opt.maxBody {
		jsonMessage(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body too large: at most %d bytes", s.opt.maxBody))
		return
	}
	body := &budgetReader{r: r.Body, sem: s.bodies}
	defer body.release()
	if err := http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.opt.bodyWait)); err != nil {
		s.log.Warn("cannot set the body deadline", "error", err)
	}
	r.Body = http.MaxBytesReader(w, body, s.opt.maxBody)
	files, labels, status, err := readPosted(r, s.opt.bodyWait)
	if err != nil {
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", retryAfter)
		}
		jsonMessage(w, status, err.Error())
		return
	}
	snap := s.snapshot()
	if snap.cfgErr != nil {
		writeJSONErrors(w, http.StatusInternalServerError, toJSONErrors(snap.cfgErr))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.timeout)
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
		writeJSONErrors(w, status, toJSONErrors(berr))
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="briefing.pdf"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(pdf)))
	w.Write(pdf)
}

// bodyBudget is how many bytes of request bodies the server holds at once:
// as many as the bodies of the builds that may run or wait.
func bodyBudget(opt serveOptions) int64 {
	return int64(opt.maxBuilds+opt.maxQueue) * max(opt.maxBody, 1)
}

// errBodyBudget refuses a body when the bodies already held use up the
// budget.
var errBodyBudget = errors.New("too many request bodies at once; try again shortly")

// budgetReader counts the bytes read against sem as they arrive, so that
// a slow upload holds only what it has sent; release gives them back.
type budgetReader struct {
	r    io.ReadCloser
	sem  *semaphore.Weighted
	held int64
}

func (b *budgetReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if n > 0 {
		if !b.sem.TryAcquire(int64(n)) {
			return 0, errBodyBudget
		}
		b.held += int64(n)
	}
	return n, err
}

func (b *budgetReader) Close() error { return b.r.Close() }

func (b *budgetReader) release() {
	if b.held > 0 {
		b.sem.Release(b.held)
		b.held = 0
	}
}

// render lays out posted data files with the served config: the config's
// data files are replaced by the posted ones, which are read from memory
// only; fonts, logo and patterns come from the snapshot of the server's
// own files.
// The build stops between its stages once ctx has ended: nobody waits
// for it any more.
func (s *server) render(ctx context.Context, snap *snapshot, files memFS, labels []string) ([]byte, error) {
	b, err := data.LoadWith(files, labels, data.Options{Imports: snap.cfg.Import})
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, errTimeout
	}
	cfg := *snap.cfg
	cfg.Data = labels
	res := snapFS{snap.files.resources(snap.cfg), snap.errs}
	pdf, _, err := report.Build(b, &cfg, res, report.Options{Created: s.opt.created})
	return pdf, err
}

// postedFault reports whether every problem in err is in the posted files,
// so that the request, not the server, is at fault.
func postedFault(err error, labels []string) bool {
	var es data.Errors
	if !errors.As(err, &es) {
		return false
	}
	for _, e := range es {
		if e.File != "" && !contains(labels, e.File) {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func toJSONErrors(err error) []jsonError {
	var es data.Errors
	if errors.As(err, &es) {
		out := make([]jsonError, len(es))
		for i, e := range es {
			out[i] = jsonError{File: e.File, Line: e.Line, Col: e.Col, Message: e.Msg}
		}
		return out
	}
	return []jsonError{{Message: err.Error()}}
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

// accessLog logs each request: method, path, status, bytes and duration.
func (s *server) accessLog(next http.Handler) http.Handler {
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

// memFS is a read-only file system of whole files held in memory, by
// path. It reads nothing else: a name it does not hold does not exist.
type memFS map[string][]byte

func (m memFS) Open(name string) (fs.File, error) {
	b, ok := m[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{Reader: bytes.NewReader(b), name: path.Base(name), size: int64(len(b))}, nil
}

// ReadFile returns a copy of the file's bytes.
func (m memFS) ReadFile(name string) ([]byte, error) {
	b, ok := m[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return bytes.Clone(b), nil
}

// resources is the part of m a layout reads besides data: fonts, logo and
// hyphenation patterns named by cfg.
func (m memFS) resources(cfg *report.Config) memFS {
	out := memFS{}
	for _, p := range resourcePaths(cfg) {
		if b, ok := m[p]; ok && p != "" {
			out[p] = b
		}
	}
	return out
}

// snapFS is a snapshot's files, with the reason each file that could not
// be read was not: opening it gives that error.
type snapFS struct {
	memFS
	errs map[string]error
}

func (f snapFS) Open(name string) (fs.File, error) {
	if err, ok := f.errs[name]; ok {
		return nil, err
	}
	return f.memFS.Open(name)
}

func (f snapFS) ReadFile(name string) ([]byte, error) {
	if err, ok := f.errs[name]; ok {
		return nil, err
	}
	return f.memFS.ReadFile(name)
}

type memFile struct {
	*bytes.Reader
	name string
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f.name, f.size}, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
