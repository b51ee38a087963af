package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/briefing-pdf/briefing/report"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"codeberg.org/go-fonts/liberation/liberationserifregular"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/internal/build"
	"github.com/briefing-pdf/briefing/internal/diag"
)

// starterDir writes the starter briefing into a new temporary directory.
func starterDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := writeStarter(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func starterData(t *testing.T) []byte {
	t.Helper()
	b, err := starter.ReadFile("starter/data/briefing.toml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func diskSource(dir string) *build.Source {
	return &build.Source{FS: build.DirFS(dir), Config: "config.toml", Name: "config.toml"}
}

func testOptions() Options {
	return Options{MaxBody: 4 << 20, BodyWait: 10 * time.Second, Timeout: 30 * time.Second, MaxBuilds: 2, MaxQueue: 8}
}

// testServer serves src over loopback; builds counts the builds of the
// served files.
type testServer struct {
	*Server
	url    string
	client *http.Client
	builds atomic.Int64
	logs   *syncBuffer
}

func newTestServer(t *testing.T, src *build.Source, opt Options, setup ...func(*Server)) *testServer {
	t.Helper()
	logs := &syncBuffer{}
	s := New(src, opt, slog.New(slog.NewTextHandler(logs, nil)))
	ts := &testServer{Server: s, logs: logs}
	s.onBuild = func(kind string, _ memFS) {
		if kind == "files" {
			ts.builds.Add(1)
		}
	}
	for _, f := range setup {
		f(s)
	}
	hs := httptest.NewServer(s.routes())
	t.Cleanup(hs.Close)
	ts.url, ts.client = hs.URL, hs.Client()
	return ts
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (ts *testServer) do(t *testing.T, method, path string, body io.Reader, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, ts.url+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := ts.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, b}
}

func (ts *testServer) get(t *testing.T, path string, header ...string) response {
	t.Helper()
	return ts.do(t, "GET", path, nil, header...)
}

func wantStatus(t *testing.T, what string, r response, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d; body:\n%.600s", what, r.status, status, r.body)
	}
}

func TestServeRoutes(t *testing.T) {
	ts := newTestServer(t, diskSource(starterDir(t)), testOptions())

	r := ts.get(t, "/")
	wantStatus(t, "GET /", r, 200)
	page := string(r.body)
	for _, want := range []string{
		"<title>Water-Sharing Talks on Lake Orrin, 2025</title>",
		`href="briefing.pdf"`, `href="charts/timeline.svg"`, `href="charts/actor-frequency.svg"`,
		`action="render"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("GET /: page lacks %s", want)
		}
	}
	if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("GET /: Content-Type %q", ct)
	}

	r = ts.get(t, "/briefing.pdf")
	wantStatus(t, "GET /briefing.pdf", r, 200)
	if !bytes.HasPrefix(r.body, []byte("%PDF-1.")) || r.header.Get("Content-Type") != "application/pdf" {
		t.Errorf("GET /briefing.pdf: not a PDF (%q, %.8q)", r.header.Get("Content-Type"), r.body)
	}
	etag := r.header.Get("ETag")
	if len(etag) != 66 || etag[0] != '"' {
		t.Errorf("ETag %q: want a quoted SHA-256", etag)
	}
	wantStatus(t, "If-None-Match", ts.get(t, "/briefing.pdf", "If-None-Match", etag), 304)
	wantStatus(t, "If-None-Match weak, in a list", ts.get(t, "/briefing.pdf", "If-None-Match", `"x", W/`+etag), 304)
	wantStatus(t, "If-None-Match other", ts.get(t, "/briefing.pdf", "If-None-Match", `"abc"`), 200)
	r = ts.get(t, "/briefing.pdf", "Range", "bytes=0-7")
	wantStatus(t, "Range", r, 206)
	if string(r.body) != "%PDF-1.4" && !strings.HasPrefix(string(r.body), "%PDF-1.") {
		t.Errorf("Range: got %q", r.body)
	}

	for _, name := range []string{"timeline", "actor-frequency"} {
		r = ts.get(t, "/charts/"+name+".svg")
		wantStatus(t, name, r, 200)
		if r.header.Get("Content-Type") != "image/svg+xml" || !bytes.Contains(r.body, []byte("<svg")) {
			t.Errorf("%s: not an SVG", name)
		}
		tag := r.header.Get("ETag")
		wantStatus(t, name+" If-None-Match", ts.get(t, "/charts/"+name+".svg", "If-None-Match", tag), 304)
	}
	for _, p := range []string{"/charts/nope.svg", "/charts/timeline.png", "/charts/.svg", "/nope", "/charts/"} {
		wantStatus(t, p, ts.get(t, p), 404)
	}
	r = ts.get(t, "/healthz")
	wantStatus(t, "healthz", r, 200)
	if string(r.body) != "ok\n" {
		t.Errorf("healthz: %q", r.body)
	}
	wantStatus(t, "DELETE /render", ts.do(t, "DELETE", "/render", nil), 405)
	wantStatus(t, "POST /briefing.pdf", ts.do(t, "POST", "/briefing.pdf", nil), 405)

	if n := ts.builds.Load(); n != 1 {
		t.Errorf("%d builds of unchanged files, want 1", n)
	}
	logs := ts.logs.String()
	for _, want := range []string{
		"msg=request method=GET path=/healthz status=200 bytes=3 duration=",
		"msg=request method=GET path=/briefing.pdf status=304 bytes=0",
		"msg=request method=DELETE path=/render status=405",
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("access log lacks %q:\n%s", want, logs)
		}
	}
}

func TestServeRebuildsOnChange(t *testing.T) {
	dir := starterDir(t)
	ts := newTestServer(t, diskSource(dir), testOptions())
	dataFile := filepath.Join(dir, "data", "briefing.toml")
	orig := starterData(t)

	r1 := ts.get(t, "/briefing.pdf")
	wantStatus(t, "first", r1, 200)
	tag1 := r1.header.Get("ETag")

	changed := bytes.Replace(orig, []byte("Water-Sharing Talks on Lake Orrin"), []byte("Talks on Lake Orrin"), 1)
	if err := os.WriteFile(dataFile, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	r2 := ts.get(t, "/briefing.pdf", "If-None-Match", tag1)
	wantStatus(t, "after a change, with the old ETag", r2, 200)
	tag2 := r2.header.Get("ETag")
	if tag2 == tag1 || bytes.Equal(r1.body, r2.body) {
		t.Fatalf("the PDF did not change with its data (ETag %s both times)", tag1)
	}
	wantStatus(t, "new ETag", ts.get(t, "/briefing.pdf", "If-None-Match", tag2), 304)
	if page := ts.get(t, "/"); !bytes.Contains(page.body, []byte("<h1>Talks on Lake Orrin, 2025</h1>")) {
		t.Errorf("the page shows the old title")
	}

	// Broken input: 500 with the errors; the page lists them, escaped.
	broken := bytes.Replace(orig, []byte(`actors   = ["linden"]`), []byte(`actors   = ["<lindn>"]`), 1)
	if err := os.WriteFile(dataFile, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	r := ts.get(t, "/briefing.pdf")
	wantStatus(t, "broken", r, 500)
	if !bytes.Contains(r.body, []byte(`data/briefing.toml:`)) || !bytes.Contains(r.body, []byte(`"<lindn>"`)) {
		t.Errorf("broken: body lacks the error:\n%s", r.body)
	}
	wantStatus(t, "broken chart", ts.get(t, "/charts/timeline.svg"), 500)
	page := ts.get(t, "/")
	wantStatus(t, "broken page", page, 200)
	if !bytes.Contains(page.body, []byte(`&#34;&lt;lindn&gt;&#34;`)) || bytes.Contains(page.body, []byte("<lindn>")) {
		t.Errorf("the page does not show the error escaped:\n%s", page.body)
	}

	// Back to the original: the first state's ETag and bytes again.
	if err := os.WriteFile(dataFile, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	r3 := ts.get(t, "/briefing.pdf")
	wantStatus(t, "fixed", r3, 200)
	if r3.header.Get("ETag") != tag1 || !bytes.Equal(r3.body, r1.body) {
		t.Errorf("same files, different PDF or ETag")
	}
	if n := ts.builds.Load(); n != 4 {
		t.Errorf("%d builds for 4 states, want 4", n)
	}

	// The config names the data files: a change to it is a new state too.
	cfg := filepath.Join(dir, "config.toml")
	src, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(src, "\n[page]\nsize = \"Letter\"\n"...), 0o644)
	r4 := ts.get(t, "/briefing.pdf", "If-None-Match", tag1)
	wantStatus(t, "config changed", r4, 200)
	if r4.header.Get("ETag") == tag1 {
		t.Errorf("a config change kept the ETag")
	}
}

func TestServeSharesOneBuild(t *testing.T) {
	const n = 16
	var joined sync.WaitGroup
	joined.Add(n) // every request, the one that started the build included
	allJoined := make(chan struct{})
	go func() { joined.Wait(); close(allJoined) }()
	ts := newTestServer(t, diskSource(starterDir(t)), testOptions(), func(s *Server) {
		build := s.onBuild
		s.onWait = joined.Done
		s.onBuild = func(kind string, files memFS) {
			build(kind, files)
			// Hold the build until every other request waits for it.
			select {
			case <-allJoined:
			case <-time.After(20 * time.Second):
				t.Error("the other requests did not join the build")
			}
		}
	})
	bodies := make([][]byte, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := ts.client.Get(ts.url + "/briefing.pdf")
			if err != nil {
				t.Error(err)
				joined.Done() // unblock the build
				return
			}
			defer res.Body.Close()
			bodies[i], _ = io.ReadAll(res.Body)
			if res.StatusCode != 200 {
				t.Errorf("request %d: status %d", i, res.StatusCode)
			}
		}()
	}
	wg.Wait()
	if got := ts.builds.Load(); got != 1 {
		t.Errorf("%d concurrent requests made %d builds, want 1", n, got)
	}
	for i := range bodies {
		if !bytes.Equal(bodies[i], bodies[0]) || len(bodies[0]) == 0 {
			t.Fatalf("request %d got other bytes", i)
		}
	}
}

// blockedServer is a test server whose builds of the served files wait
// until release is closed; started receives once per build.
func blockedServer(t *testing.T, opt Options) (ts *testServer, started chan struct{}, release func()) {
	started = make(chan struct{}, 16)
	gate := make(chan struct{})
	var once sync.Once
	release = func() { once.Do(func() { close(gate) }) }
	t.Cleanup(release)
	ts = newTestServer(t, diskSource(starterDir(t)), opt, func(s *Server) {
		build := s.onBuild
		s.onBuild = func(kind string, files memFS) {
			build(kind, files)
			if kind == "files" {
				started <- struct{}{}
				<-gate
			}
		}
	})
	return ts, started, release
}

func TestServeSaturated(t *testing.T) {
	opt := testOptions()
	opt.MaxBuilds, opt.MaxQueue = 1, 0
	ts, started, release := blockedServer(t, opt)
	first := make(chan response, 1)
	go func() { first <- ts.get(t, "/briefing.pdf") }()
	<-started

	r := ts.do(t, "POST", "/render", bytes.NewReader(starterData(t)), "Content-Type", "application/toml")
	wantStatus(t, "render while saturated", r, 503)
	if r.header.Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
	var errs []diag.JSON
	if err := json.Unmarshal(r.body, &errs); err != nil || len(errs) != 1 || !strings.Contains(errs[0].Message, "too many builds") {
		t.Errorf("503 body: %s (%v)", r.body, err)
	}

	release()
	wantStatus(t, "the blocked request", <-first, 200)
	r = ts.do(t, "POST", "/render", bytes.NewReader(starterData(t)), "Content-Type", "application/toml")
	wantStatus(t, "render after the build", r, 200)
}

func TestServeQueueTimesOut(t *testing.T) {
	opt := testOptions()
	opt.MaxBuilds, opt.MaxQueue, opt.Timeout = 1, 1, 50*time.Millisecond
	ts, started, release := blockedServer(t, opt)
	defer release()
	first := make(chan response, 1)
	go func() { first <- ts.get(t, "/briefing.pdf") }()
	<-started
	// Queued behind the blocked build until its own timeout.
	r := ts.do(t, "POST", "/render", bytes.NewReader(starterData(t)), "Content-Type", "application/toml")
	wantStatus(t, "queued render", r, 503)
	if r.header.Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
	wantStatus(t, "the blocked request", <-first, 504)
}

func TestServeBuildTimeout(t *testing.T) {
	opt := testOptions()
	opt.Timeout = 20 * time.Millisecond
	ts, started, release := blockedServer(t, opt)
	r := ts.get(t, "/briefing.pdf")
	wantStatus(t, "blocked build", r, 504)
	<-started
	release()
	// The build went on in the background and its result is kept: the
	// request that timed out caused exactly one build.
	ts.Server.lim.waitIdle(context.Background())
	wantStatus(t, "after the build", ts.get(t, "/briefing.pdf"), 200)
	if n := ts.builds.Load(); n != 1 {
		t.Errorf("%d builds, want 1", n)
	}
}

func TestServeBuildPanicIsAnError(t *testing.T) {
	ts := newTestServer(t, diskSource(starterDir(t)), testOptions(), func(s *Server) {
		s.onBuild = func(string, memFS) { panic("boom") }
	})
	wantStatus(t, "GET", ts.get(t, "/briefing.pdf"), 500)
	r := ts.do(t, "POST", "/render", bytes.NewReader(starterData(t)), "Content-Type", "application/toml")
	wantStatus(t, "render", r, 500)
	if !strings.Contains(ts.logs.String(), "build panicked") {
		t.Error("the panic is not logged")
	}
	wantStatus(t, "healthz", ts.get(t, "/healthz"), 200)
}

func TestRender(t *testing.T) {
	ts := newTestServer(t, diskSource(starterDir(t)), testOptions())
	data := starterData(t)
	for _, ct := range []string{"application/toml", "text/plain; charset=utf-8", ""} {
		r := ts.do(t, "POST", "/render", bytes.NewReader(data), "Content-Type", ct)
		wantStatus(t, "render "+ct, r, 200)
		if !bytes.HasPrefix(r.body, []byte("%PDF-1.")) {
			t.Errorf("render %s: not a PDF", ct)
		}
	}
	// The posted data, not the served data, is laid out.
	other := bytes.Replace(data, []byte("Water-Sharing Talks on Lake Orrin"), []byte("Quite Another Title"), 1)
	r := ts.do(t, "POST", "/render", bytes.NewReader(other), "Content-Type", "application/toml")
	wantStatus(t, "other data", r, 200)
	served := ts.get(t, "/briefing.pdf")
	if bytes.Equal(r.body, served.body) {
		t.Error("rendering other data gave the served PDF")
	}
	if n := ts.builds.Load(); n != 1 {
		t.Errorf("renders counted as %d builds of the served files", n-1)
	}

	wantStatus(t, "form", ts.do(t, "POST", "/render", strings.NewReader("a=b"), "Content-Type", "application/x-www-form-urlencoded"), 415)
	wantStatus(t, "bad type", ts.do(t, "POST", "/render", strings.NewReader("a"), "Content-Type", "text/plain; charset"), 415)
	wantStatus(t, "bad multipart", ts.do(t, "POST", "/render", strings.NewReader("--x\r\nnonsense"), "Content-Type", "multipart/form-data; boundary=x"), 400)
	wantStatus(t, "multipart without boundary", ts.do(t, "POST", "/render", strings.NewReader(""), "Content-Type", "multipart/form-data"), 400)
}

func TestRenderInvalid(t *testing.T) {
	ts := newTestServer(t, diskSource(starterDir(t)), testOptions())
	src := "[briefing]\ntitle = \"x\"\ndate = 2024-01-01\n\n[[events]]\nid = \"a\"\ndate = \"soon\"\n"
	r := ts.do(t, "POST", "/render", strings.NewReader(src), "Content-Type", "application/toml")
	wantStatus(t, "invalid", r, 422)
	if r.header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type %q", r.header.Get("Content-Type"))
	}
	var errs []map[string]any
	if err := json.Unmarshal(r.body, &errs); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range errs {
		if e["file"] == "data.toml" && e["line"] == 7.0 && e["col"] == 1.0 && strings.Contains(e["message"].(string), "date") {
			found = true
		}
		if _, ok := e["message"]; !ok {
			t.Errorf("error without message: %v", e)
		}
	}
	if !found {
		t.Errorf("no error at data.toml:7:1 about the date:\n%s", r.body)
	}

	// A syntax error, with its position.
	r = ts.do(t, "POST", "/render", strings.NewReader("[briefing]\ntitle = \"x\n"), "Content-Type", "application/toml")
	wantStatus(t, "syntax", r, 422)
	var es []diag.JSON
	json.Unmarshal(r.body, &es)
	if len(es) != 1 || es[0].File != "data.toml" || es[0].Line != 2 || es[0].Col == 0 {
		t.Errorf("syntax error: %s", r.body)
	}

	// No data at all.
	r = ts.do(t, "POST", "/render", strings.NewReader(""), "Content-Type", "multipart/form-data; boundary=x")
	wantStatus(t, "empty multipart", r, 400)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.Close()
	r = ts.do(t, "POST", "/render", &body, "Content-Type", mw.FormDataContentType())
	wantStatus(t, "no files", r, 422)
	if !strings.Contains(string(r.body), "no data files given") {
		t.Errorf("no files: %s", r.body)
	}
}

func TestRenderOversize(t *testing.T) {
	opt := testOptions()
	opt.MaxBody = 1 << 10
	ts := newTestServer(t, diskSource(starterDir(t)), opt)
	big := bytes.Repeat([]byte("# padding\n"), 200)
	r := ts.do(t, "POST", "/render", bytes.NewReader(big), "Content-Type", "application/toml")
	wantStatus(t, "oversize", r, 413)
	if !strings.Contains(string(r.body), "at most 1024 bytes") {
		t.Errorf("413 body: %s", r.body)
	}
	body, ct := multipartBody(t, [][2]string{{"a.toml", string(big)}})
	wantStatus(t, "oversize multipart", ts.do(t, "POST", "/render", body, "Content-Type", ct), 413)
	// Just under the limit is read (and here invalid: no [briefing]).
	r = ts.do(t, "POST", "/render", bytes.NewReader(big[:1000]), "Content-Type", "application/toml")
	wantStatus(t, "under the limit", r, 422)
}

// multipartBody makes a form of files: name and content each.
func multipartBody(t *testing.T, files [][2]string) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range files {
		// CreateFormFile would escape the name; write the header as a
		// hostile client would.
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="data"; filename="%s"`, f[0]))
		h.Set("Content-Type", "application/toml")
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, f[1])
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// guardFS allows only the named files and records any other open.
type guardFS struct {
	fsys    fs.FS
	allowed map[string]bool
	mu      sync.Mutex
	opened  map[string]int
	denied  []string
}

func (g *guardFS) Open(name string) (fs.File, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.allowed[name] {
		g.denied = append(g.denied, name)
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	g.opened[name]++
	return g.fsys.Open(name)
}

func TestRenderHostileInput(t *testing.T) {
	dir := starterDir(t)
	guard := &guardFS{fsys: build.DirFS(dir), allowed: map[string]bool{"config.toml": true, "data/briefing.toml": true}, opened: map[string]int{}}
	ts := newTestServer(t, &build.Source{FS: guard, Config: "config.toml", Name: "config.toml"}, testOptions())
	data := starterData(t)

	// Invalid TOML under a climbing name: the name is only a label,
	// reduced to its base name.
	body, ct := multipartBody(t, [][2]string{{"../../etc/passwd", "x = ["}, {`..\..\windows\win.ini`, "y = ]"}})
	r := ts.do(t, "POST", "/render", body, "Content-Type", ct)
	wantStatus(t, "hostile names", r, 422)
	var errs []diag.JSON
	if err := json.Unmarshal(r.body, &errs); err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, e := range errs {
		files[e.File] = true
	}
	if !files["passwd"] || !files["win.ini"] || len(files) != 2 {
		t.Errorf("error files %v, want passwd and win.ini", files)
	}
	if bytes.Contains(r.body, []byte("..")) || bytes.Contains(r.body, []byte("etc")) {
		t.Errorf("the answer repeats the path:\n%s", r.body)
	}

	// Valid data under names of the server's own files: the posted bytes
	// are laid out, the files on disk are neither read for it nor changed.
	other := bytes.Replace(data, []byte("Water-Sharing Talks on Lake Orrin"), []byte("Posted Title"), 1)
	body, ct = multipartBody(t, [][2]string{{"data/briefing.toml", string(other)}, {"/etc/../config.toml", "[[parties]]\nid = \"x\"\nname = \"X\"\n"}})
	r = ts.do(t, "POST", "/render", body, "Content-Type", ct)
	wantStatus(t, "names of served files", r, 200)
	if got, _ := os.ReadFile(filepath.Join(dir, "data", "briefing.toml")); !bytes.Equal(got, data) {
		t.Error("a render changed the served data file")
	}
	served := ts.get(t, "/briefing.pdf")
	if bytes.Equal(served.body, r.body) {
		t.Error("the render laid out the served data, not the posted")
	}

	// A posted data file that names paths in its values: they are data,
	// never opened.
	evil := strings.Replace(string(data), `url       = "https://example.org/veldra/drought-declaration"`, `url       = "file:///etc/passwd"`, 1)
	evil = strings.Replace(evil, `location = "Port Sallow"`, `location = "../../../../etc/shadow"`, 1)
	r = ts.do(t, "POST", "/render", strings.NewReader(evil), "Content-Type", "application/toml")
	if r.status != 200 && r.status != 422 {
		t.Errorf("paths in values: status %d", r.status)
	}

	guard.mu.Lock()
	defer guard.mu.Unlock()
	if len(guard.denied) > 0 {
		t.Errorf("the server tried to open %q", guard.denied)
	}
}

func TestFileLabel(t *testing.T) {
	for _, c := range []struct {
		file, form string
		want       string
	}{
		{"briefing.toml", "data", "briefing.toml"},
		{"../../etc/passwd", "data", "passwd"},
		{`C:\Users\x\..\a.toml`, "data", "a.toml"},
		{"dir/", "data", "data-3.toml"},
		{"..", "", "file-3.toml"},
		{"a\x00b\nc.toml", "", "abc.toml"},
		{"\"quoted\".toml", "", "quoted.toml"},
		{"", "x/../y", "y-3.toml"},
		{strings.Repeat("é", 80), "", strings.Repeat("é", 50)},
	} {
		if got := fileLabel(c.file, c.form, 3); got != c.want {
			t.Errorf("fileLabel(%q, %q) = %q, want %q", c.file, c.form, got, c.want)
		}
	}
	taken := memFS{"a.toml": nil, "a.toml (2)": nil}
	if got := uniqueLabel("a.toml", taken); got != "a.toml (3)" {
		t.Errorf("uniqueLabel: %q", got)
	}
}

func TestRenderSeveralFiles(t *testing.T) {
	ts := newTestServer(t, diskSource(starterDir(t)), testOptions())
	data := string(starterData(t))
	extra := `[[events]]
id      = "third-round"
date    = 2025-07-10
title   = "Technical meeting on gauges"
actors  = ["ferrant"]
sources = ["commission-2025-07-01"]
`
	body, ct := multipartBody(t, [][2]string{{"main.toml", data}, {"more.toml", extra}})
	wantStatus(t, "two files", ts.do(t, "POST", "/render", body, "Content-Type", ct), 200)

	// Ids are unique across files; the same name twice gets two labels.
	body, ct = multipartBody(t, [][2]string{{"x.toml", data}, {"x.toml", extra}, {"x.toml", extra}})
	r := ts.do(t, "POST", "/render", body, "Content-Type", ct)
	wantStatus(t, "duplicate ids", r, 422)
	if !strings.Contains(string(r.body), `"x.toml (3)"`) {
		t.Errorf("no error in the third file:\n%s", r.body)
	}
}

func TestServeBuiltin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the full built-in briefing")
	}
	src := &build.Source{FS: briefing.Builtin, Config: "config.toml", Name: "the built-in briefing", Static: true}
	ts := newTestServer(t, src, testOptions())
	a := ts.get(t, "/briefing.pdf")
	wantStatus(t, "builtin", a, 200)
	b := ts.get(t, "/briefing.pdf")
	if !bytes.Equal(a.body, b.body) || ts.builds.Load() != 1 {
		t.Errorf("the built-in briefing was built %d times", ts.builds.Load())
	}
	if ts.snapshot() != ts.snapshot() {
		t.Error("a static source is read again")
	}
}

func TestServeShutdownFinishesBuilds(t *testing.T) {
	opt := testOptions()
	ts, started, release := blockedServer(t, opt)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- ts.Server.Serve(ctx, ln) }()

	got := make(chan response, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/briefing.pdf")
		if err != nil {
			t.Error(err)
			got <- response{}
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		got <- response{status: res.StatusCode, body: b}
	}()
	<-started
	cancel() // as SIGINT does
	// Release the build only once the server is shutting down.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(ts.logs.String(), "shutting down"); {
		if time.Now().After(deadline) {
			t.Fatal("no shutdown")
		}
		time.Sleep(time.Millisecond)
	}
	release()
	r := <-got
	if r.status != 200 || !bytes.HasPrefix(r.body, []byte("%PDF")) {
		t.Errorf("the request in flight at shutdown got %d", r.status)
	}
	if err := <-served; err != nil {
		t.Errorf("serve: %v", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("still serving after shutdown")
	}
}

func TestMemFS(t *testing.T) {
	m := memFS{"a/b.toml": []byte("x")}
	b, err := fs.ReadFile(m, "a/b.toml")
	if err != nil || string(b) != "x" {
		t.Fatalf("ReadFile: %q %v", b, err)
	}
	b[0] = 'y'
	if string(m["a/b.toml"]) != "x" {
		t.Error("ReadFile shares the bytes")
	}
	for _, name := range []string{"b.toml", "../a/b.toml", "/a/b.toml", "a"} {
		if _, err := m.Open(name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open(%q): %v", name, err)
		}
	}
	f, _ := m.Open("a/b.toml")
	st, _ := f.Stat()
	if st.Name() != "b.toml" || st.Size() != 1 || !st.Mode().IsRegular() {
		t.Errorf("Stat: %v %v %v", st.Name(), st.Size(), st.Mode())
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// BenchmarkRenderLoad posts the built-in briefing's data to POST /render
// from 1, 2 and 8 concurrent clients over loopback, against a server with
// the default limits (2 builds at once, the rest queued), as docs/load.md
// describes. It reports requests per second, the median and 99th-percentile
// latency and the process's peak resident memory.
//
//	go test ./cmd/briefing -run '^$' -bench RenderLoad -benchtime 200x
func BenchmarkRenderLoad(b *testing.B) {
	body, err := fs.ReadFile(briefing.Builtin, "data/us-mediation-2023.toml")
	if err != nil {
		b.Fatal(err)
	}
	src := &build.Source{FS: briefing.Builtin, Config: "config.toml", Name: "the built-in briefing", Static: true}
	for _, clients := range []int{1, 2, 8} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			opt := Options{MaxBody: 4 << 20, BodyWait: 10 * time.Second, Timeout: 30 * time.Second, MaxBuilds: 2, MaxQueue: 8}
			loadTest(b, src, opt, clients, func(c *http.Client, url string) (*http.Response, error) {
				return c.Post(url+"/render", "application/toml", bytes.NewReader(body))
			})
		})
	}
}

// BenchmarkServeCached asks for the served PDF of unchanged files on disk:
// every request hashes the files again and serves the cached bytes.
//
//	go test ./cmd/briefing -run '^$' -bench ServeCached -benchtime 2000x
func BenchmarkServeCached(b *testing.B) {
	dir := b.TempDir()
	if _, err := writeStarter(dir); err != nil {
		b.Fatal(err)
	}
	loadTest(b, diskSource(dir), testOptions(), 8, func(c *http.Client, url string) (*http.Response, error) {
		return c.Get(url + "/briefing.pdf")
	})
}

// BenchmarkServeCachedBigFont is BenchmarkServeCached with a 60 MB font
// among the served files (a TrueType file padded with zeros, made in a
// temporary directory) and 40 clients: an unchanged state costs a stat
// per file, not a read and a hash of 60 MB per request (issue 12, item 10).
//
//	go test ./cmd/briefing -run '^$' -bench ServeCachedBigFont -benchtime 2000x
func BenchmarkServeCachedBigFont(b *testing.B) {
	dir := b.TempDir()
	if _, err := writeStarter(dir); err != nil {
		b.Fatal(err)
	}
	font := filepath.Join(dir, "big.ttf")
	if err := os.WriteFile(font, liberationserifregular.TTF, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.Truncate(font, 60<<20); err != nil {
		b.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.toml")
	src, _ := os.ReadFile(cfg)
	if err := os.WriteFile(cfg, append(src, "\n[fonts.files]\nserif = \"big.ttf\"\n"...), 0o644); err != nil {
		b.Fatal(err)
	}
	time.Sleep(build.RacyWindow + 100*time.Millisecond) // the files' times settle
	loadTest(b, diskSource(dir), testOptions(), 40, func(c *http.Client, url string) (*http.Response, error) {
		return c.Get(url + "/briefing.pdf")
	})
}

// loadTest sends b.N requests from concurrent clients to a server of src
// on loopback and reports throughput, latency percentiles and peak RSS.
func loadTest(b *testing.B, src *build.Source, opt Options, clients int, send func(*http.Client, string) (*http.Response, error)) {
	s := New(src, opt, slog.New(slog.NewTextHandler(io.Discard, nil)))
	hs := httptest.NewServer(s.routes())
	defer hs.Close()
	client := hs.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = clients
	// One request first, so that a cached build or lazily loaded fonts
	// are not counted.
	if res, err := send(client, hs.URL); err != nil || res.StatusCode != 200 {
		b.Fatalf("warm-up: %v", err)
	} else {
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}

	latencies := make([]time.Duration, b.N)
	var next, failed atomic.Int64
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				t0 := time.Now()
				res, err := send(client, hs.URL)
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != 200 {
					failed.Add(1)
				}
				latencies[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d requests failed", n, b.N)
	}
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	pct := func(p float64) float64 {
		return float64(latencies[min(len(latencies)-1, int(p*float64(len(latencies))))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	if kb, ok := peakRSS(); ok {
		b.ReportMetric(float64(kb)/1024, "peak-RSS-MiB")
	}
}

// peakRSS reads the process's peak resident set size (VmHWM) in KiB.
func peakRSS() (int64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err == nil {
				return kb, true
			}
		}
	}
	return 0, false
}

// TestServeConfigResources covers a file the config names besides data
// (hyphenation patterns): it is part of the state, read only from the
// server's own directory, and a problem with it is the server's (500), not
// the request's.
func TestServeConfigResources(t *testing.T) {
	dir := starterDir(t)
	cfg := filepath.Join(dir, "config.toml")
	src, _ := os.ReadFile(cfg)
	if err := os.WriteFile(cfg, append(src, "\n[hyphenation]\npatterns = \"hyph.tex\"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	patterns := filepath.Join(dir, "hyph.tex")
	if err := os.WriteFile(patterns, []byte("\\patterns{a1b b1c c1d}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	guard := &guardFS{fsys: build.DirFS(dir), opened: map[string]int{},
		allowed: map[string]bool{"config.toml": true, "data/briefing.toml": true, "hyph.tex": true}}
	ts := newTestServer(t, &build.Source{FS: guard, Config: "config.toml", Name: "config.toml"}, testOptions())

	r := ts.get(t, "/briefing.pdf")
	wantStatus(t, "with patterns", r, 200)
	tag := r.header.Get("ETag")
	if err := os.WriteFile(patterns, []byte("\\patterns{a1b b1c}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "patterns changed", ts.get(t, "/briefing.pdf", "If-None-Match", tag), 200)
	r = ts.do(t, "POST", "/render", bytes.NewReader(starterData(t)), "Content-Type", "application/toml")
	wantStatus(t, "render with patterns", r, 200)

	os.Remove(patterns)
	r = ts.get(t, "/briefing.pdf")
	wantStatus(t, "patterns missing", r, 500)
	if !strings.Contains(string(r.body), "hyph.tex") {
		t.Errorf("the error does not name the file:\n%s", r.body)
	}
	r = ts.do(t, "POST", "/render", bytes.NewReader(starterData(t)), "Content-Type", "application/toml")
	wantStatus(t, "render, patterns missing", r, 500)
	if !strings.Contains(string(r.body), `"file": "hyph.tex"`) {
		t.Errorf("render error:\n%s", r.body)
	}
	guard.mu.Lock()
	defer guard.mu.Unlock()
	if guard.opened["hyph.tex"] == 0 || len(guard.denied) > 0 {
		t.Errorf("opened %v, denied %v", guard.opened, guard.denied)
	}
}

func TestServeIndexWhileBusy(t *testing.T) {
	opt := testOptions()
	opt.MaxBuilds, opt.MaxQueue = 1, 0
	ts, started, release := blockedServer(t, opt)
	first := make(chan response, 1)
	go func() { first <- ts.get(t, "/briefing.pdf") }()
	<-started
	// Another state while the only slot is taken: the page still
	// answers, and says why it shows no new build.
	dir := ts.src.FS.(build.DirFS)
	data := filepath.Join(string(dir), "data", "briefing.toml")
	if err := os.WriteFile(data, append(starterData(t), "\n# changed\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	r := ts.get(t, "/")
	wantStatus(t, "page while busy", r, 200)
	if !bytes.Contains(r.body, []byte("Not rebuilt just now (too many builds")) {
		t.Errorf("the page does not say it is busy:\n%s", r.body)
	}
	release()
	wantStatus(t, "the blocked request", <-first, 200)
	r = ts.get(t, "/")
	if bytes.Contains(r.body, []byte("Not rebuilt")) || !bytes.Contains(r.body, []byte("built in ")) {
		t.Errorf("after the build, the page:\n%s", r.body)
	}
}

// A panic the report recovered into its error (report.PanicError) is
// logged with its stack, not as an ordinary failed build.
func TestServePanicErrorLogsItsStack(t *testing.T) {
	ts := newTestServer(t, diskSource(starterDir(t)), testOptions())
	ts.Server.logBuild(&result{hash: "0123456789abcdef", err: &report.PanicError{Value: "boom", Stack: []byte("goroutine 7 [running]:\nreport.compose(...)")}})
	logs := ts.logs.String()
	if !strings.Contains(logs, "build panicked") || !strings.Contains(logs, "goroutine 7 [running]") || !strings.Contains(logs, "boom") {
		t.Errorf("logs %q: no panic with its stack", logs)
	}
	if strings.Contains(logs, "build failed") {
		t.Errorf("logs %q: the panic is logged as a failed build", logs)
	}
}
