package server

// Tests of `briefing serve` under abuse (issue 12): special files among the
// served files, unchanged files not read again, slow uploads, conditional
// requests on missing representations, prompt shutdown, and a soak test of
// all of them at once.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

// appendConfig adds TOML to the config of dir.
func appendConfig(t *testing.T, dir, text string) {
	t.Helper()
	cfg := filepath.Join(dir, "config.toml")
	src, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(src, "\n"+text+"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// setData makes the config of dir name data files.
func setData(t *testing.T, dir string, files ...string) {
	t.Helper()
	cfg := filepath.Join(dir, "config.toml")
	src, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	list := `data = ["` + strings.Join(files, `", "`) + `"]`
	src = bytes.Replace(src, []byte(`data = ["data/briefing.toml"]`), []byte(list), 1)
	if err := os.WriteFile(cfg, src, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := makeFIFO(name); err != nil {
		t.Skip("no FIFOs on this system:", err)
	}
}

func writeFile(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestServeSpecialFilesAmongInputs: a FIFO as the config, a data file or a
// font answers at once with an error that names it, for GET / (which
// still shows the page), the PDF and POST /render; nothing waits for a
// writer on the pipe. Replacing the FIFO by a regular file is a new state.
func TestServeSpecialFilesAmongInputs(t *testing.T) {
	for _, tc := range []struct {
		name, fifo string
		setup      func(t *testing.T, dir string)
		renderOK   bool // POST /render does not read the special file
	}{
		{"data file", "data/pipe.toml", func(t *testing.T, dir string) {
			setData(t, dir, "data/briefing.toml", "data/pipe.toml")
		}, true},
		{"font", "fonts/serif.ttf", func(t *testing.T, dir string) {
			appendConfig(t, dir, "[fonts.files]\nserif = \"fonts/serif.ttf\"")
		}, false},
		{"config", "config.toml", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "config.toml"))
		}, false},
		{"directory as data", "", func(t *testing.T, dir string) {
			setData(t, dir, "data")
		}, true},
		{"socket as logo", "", func(t *testing.T, dir string) {
			ln, err := net.Listen("unix", filepath.Join(dir, "logo.png"))
			if err != nil {
				t.Skip("no Unix sockets here:", err)
			}
			t.Cleanup(func() { ln.Close() })
			cfg := filepath.Join(dir, "config.toml")
			writeFile(t, cfg, bytes.Replace(mustRead(t, cfg), []byte("[cover]\n"), []byte("[cover]\nlogo = \"logo.png\"\n"), 1))
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := starterDir(t)
			tc.setup(t, dir)
			if tc.fifo != "" {
				mkfifo(t, filepath.Join(dir, filepath.FromSlash(tc.fifo)))
			}
			ts := newTestServer(t, diskSource(dir), testOptions())
			ts.client.Timeout = 10 * time.Second // a hang fails the test instead of blocking it
			want := map[string]string{
				"directory as data": "is a directory",
				"socket as logo":    "logo.png: cover.logo: is a socket, not a regular file",
			}[tc.name]
			if tc.fifo != "" {
				want = "is a named pipe (FIFO), not a regular file"
			}

			page := ts.get(t, "/")
			wantStatus(t, "GET /", page, 200)
			if !bytes.Contains(page.body, []byte(want)) {
				t.Errorf("GET /: the page does not show the error %q:\n%s", want, page.body)
			}
			r := ts.get(t, "/briefing.pdf")
			wantStatus(t, "GET /briefing.pdf", r, 500)
			if !bytes.Contains(r.body, []byte(want)) || (tc.fifo != "" && !bytes.Contains(r.body, []byte(tc.fifo))) {
				t.Errorf("GET /briefing.pdf: the error does not name %s (%q):\n%s", tc.fifo, want, r.body)
			}
			r = ts.do(t, "POST", "/render", bytes.NewReader(starterData(t)), "Content-Type", "application/toml")
			if tc.renderOK {
				wantStatus(t, "POST /render", r, 200)
			} else {
				wantStatus(t, "POST /render", r, 500)
			}
			if tc.fifo != "" {
				// The FIFO becomes a regular file: a new state that builds.
				name := filepath.Join(dir, filepath.FromSlash(tc.fifo))
				os.Remove(name)
				var b []byte
				switch tc.name {
				case "data file":
					os.WriteFile(filepath.Join(dir, "config.toml"), bytes.Replace(mustRead(t, filepath.Join(dir, "config.toml")),
						[]byte(`"data/briefing.toml", "data/pipe.toml"`), []byte(`"data/briefing.toml"`), 1), 0o644)
				case "font":
					b = liberationserifregular.TTF
				case "config":
					b, _ = starter.ReadFile("starter/config.toml")
				}
				if b != nil {
					writeFile(t, name, b)
				}
				wantStatus(t, "after the FIFO is replaced", ts.get(t, "/briefing.pdf"), 200)
			}
		})
	}
}

func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestServeReadsOnlyChangedFiles: a GET of unchanged files stats them and
// reads none (a large font is not read and hashed per request); a file
// rewritten with the same size and modification time, or replaced by
// another with the same size and time, is read again; a file changed just
// before it was read is not trusted until its times are older.
func TestServeReadsOnlyChangedFiles(t *testing.T) {
	dir := starterDir(t)
	font := filepath.Join(dir, "fonts", "serif.ttf")
	writeFile(t, font, liberationserifregular.TTF)
	appendConfig(t, dir, "[fonts.files]\nserif = \"fonts/serif.ttf\"")
	var mu sync.Mutex
	reads := map[string]int{}
	const window = 100 * time.Millisecond
	ts := newTestServer(t, diskSource(dir), testOptions(), func(s *Server) {
		s.racy = window
		s.onRead = func(name string) {
			mu.Lock()
			reads[name]++
			mu.Unlock()
		}
	})
	readsOf := func(name string) int {
		mu.Lock()
		defer mu.Unlock()
		return reads[name]
	}
	time.Sleep(2 * window) // the files' times are older than the window

	r := ts.get(t, "/briefing.pdf")
	wantStatus(t, "first", r, 200)
	etag := r.header.Get("ETag")
	for _, name := range []string{"config.toml", "data/briefing.toml", "fonts/serif.ttf"} {
		if n := readsOf(name); n != 1 {
			t.Errorf("%s read %d times by the first request, want 1", name, n)
		}
	}
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			path := "/briefing.pdf"
			if i%2 == 1 {
				path = "/"
			}
			res, err := ts.client.Get(ts.url + path)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				t.Errorf("GET %s: %d", path, res.StatusCode)
			}
		}()
	}
	wg.Wait()
	if n := readsOf("fonts/serif.ttf"); n != 1 {
		t.Errorf("the unchanged font was read %d times by 41 requests, want once", n)
	}

	// Same bytes, size and modification time, written again: the change
	// time tells, the file is read again; the state is the same.
	st, _ := os.Stat(font)
	writeFile(t, font, liberationserifregular.TTF)
	os.Chtimes(font, st.ModTime(), st.ModTime())
	time.Sleep(2 * window)
	wantStatus(t, "same bytes rewritten", ts.get(t, "/briefing.pdf", "If-None-Match", etag), 304)
	if n := readsOf("fonts/serif.ttf"); n != 2 {
		t.Errorf("font rewritten in place: read %d times in all, want 2", n)
	}

	// Another file renamed over it, same size and times, other bytes:
	// a new inode; read, and a new state.
	other := bytes.Clone(liberationserifregular.TTF)
	other[len(other)-1] ^= 0xff // the last byte of the last table's padding or checksum-covered data
	tmp := filepath.Join(dir, "fonts", ".serif.ttf.tmp")
	writeFile(t, tmp, other)
	os.Chtimes(tmp, st.ModTime(), st.ModTime())
	if err := os.Rename(tmp, font); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * window)
	r = ts.get(t, "/briefing.pdf", "If-None-Match", etag)
	if r.status == 304 || r.header.Get("ETag") == etag {
		t.Errorf("a font replaced by other bytes of the same size and time kept the state (status %d)", r.status)
	}
	if n := readsOf("fonts/serif.ttf"); n != 3 {
		t.Errorf("font replaced by rename: read %d times in all, want 3", n)
	}

	// A file read right after it changed is read again until its times
	// are older than the window (a second write in the same clock tick
	// would leave them unchanged).
	ts.Server.racy = time.Hour
	before := readsOf("data/briefing.toml")
	ts.get(t, "/briefing.pdf")
	ts.get(t, "/briefing.pdf")
	if n := readsOf("data/briefing.toml") - before; n != 2 {
		t.Errorf("a recently changed file was read %d times by 2 requests, want 2", n)
	}
}

// slowPost sends the headers of a POST /render announcing size bytes,
// then the first sent bytes at once and one more byte every interval
// until the connection fails or stop is closed. It returns the status
// line of the answer (or the error) on the channel.
func slowPost(t *testing.T, addr string, size, sent int, interval time.Duration, stop <-chan struct{}) <-chan string {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "POST /render HTTP/1.1\r\nHost: %s\r\nContent-Type: application/toml\r\nContent-Length: %d\r\n\r\n", addr, size)
	conn.Write(bytes.Repeat([]byte("#"), sent))
	go func() {
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for range size - sent {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			if _, err := conn.Write([]byte("#")); err != nil {
				return
			}
		}
	}()
	status := make(chan string, 1)
	go func() {
		conn.SetReadDeadline(time.Now().Add(30 * time.Second))
		line, err := bufio.NewReader(conn).ReadString('\n')
		if err != nil {
			status <- "error: " + err.Error()
			return
		}
		status <- strings.TrimSpace(line)
	}()
	return status
}

func hostOf(url string) string { return strings.TrimPrefix(url, "http://") }

// TestRenderSlowBodiesHoldNoSlot: clients posting bodies a byte at a time
// hold no build slot: with one slot and no queue, renders and GETs that
// build still succeed meanwhile, and the slow clients get 408 once their
// body deadline passes.
func TestRenderSlowBodiesHoldNoSlot(t *testing.T) {
	opt := testOptions()
	opt.MaxBuilds, opt.MaxQueue, opt.BodyWait = 1, 0, 700*time.Millisecond
	dir := starterDir(t)
	ts := newTestServer(t, diskSource(dir), opt)
	stop := make(chan struct{})
	defer close(stop)
	var slow []<-chan string
	for range 10 {
		slow = append(slow, slowPost(t, hostOf(ts.url), 1000, 1, 50*time.Millisecond, stop))
	}
	time.Sleep(100 * time.Millisecond) // the slow uploads are under way
	r := ts.do(t, "POST", "/render", bytes.NewReader(starterData(t)), "Content-Type", "application/toml")
	wantStatus(t, "render during slow uploads", r, 200)
	wantStatus(t, "GET that builds during slow uploads", ts.get(t, "/briefing.pdf"), 200)
	for i, c := range slow {
		if got := <-c; !strings.HasPrefix(got, "HTTP/1.1 408") {
			t.Errorf("slow client %d: %q, want 408", i, got)
		}
	}
}

// TestRenderOutlivesBodyDeadline: the body deadline ends with the body
// (net/http clears the connection's deadline once the body is read); a
// build that takes longer than it still answers.
func TestRenderOutlivesBodyDeadline(t *testing.T) {
	opt := testOptions()
	opt.BodyWait = 200 * time.Millisecond
	ts := newTestServer(t, diskSource(starterDir(t)), opt, func(s *Server) {
		s.onBuild = func(kind string, _ memFS) {
			if kind == "render" {
				time.Sleep(3 * opt.BodyWait)
			}
		}
	})
	r := ts.do(t, "POST", "/render", bytes.NewReader(starterData(t)), "Content-Type", "application/toml")
	wantStatus(t, "a render slower than the body deadline", r, 200)
}

// TestRenderBodyBudget: the bytes of all bodies held at once are bounded
// ((max-builds + max-queue) × max-body); beyond that a request gets 503
// with Retry-After, and the bytes come back when the holder is done.
func TestRenderBodyBudget(t *testing.T) {
	opt := testOptions()
	opt.MaxBuilds, opt.MaxQueue, opt.MaxBody, opt.BodyWait = 1, 0, 16<<10, 800*time.Millisecond
	ts := newTestServer(t, diskSource(starterDir(t)), opt)
	stop := make(chan struct{})
	defer close(stop)
	// 15 KiB of 16 arrive at once, then the client stalls.
	held := slowPost(t, hostOf(ts.url), 16<<10, 15<<10, time.Hour, stop)
	time.Sleep(200 * time.Millisecond)
	r := ts.do(t, "POST", "/render", bytes.NewReader(starterData(t)), "Content-Type", "application/toml")
	wantStatus(t, "render over the body budget", r, 503)
	if r.header.Get("Retry-After") == "" || !bytes.Contains(r.body, []byte("too many request bodies")) {
		t.Errorf("503: Retry-After %q, body %s", r.header.Get("Retry-After"), r.body)
	}
	if got := <-held; !strings.HasPrefix(got, "HTTP/1.1 408") {
		t.Errorf("the stalled client: %q, want 408", got)
	}
	r = ts.do(t, "POST", "/render", bytes.NewReader(starterData(t)), "Content-Type", "application/toml")
	wantStatus(t, "render once the budget is back", r, 200)
	// A declared length over -max-body is refused before a byte is read.
	big := ts.do(t, "POST", "/render", bytes.NewReader(make([]byte, 17<<10)), "Content-Type", "application/toml")
	wantStatus(t, "declared too large", big, 413)
}

// TestServeConditionalRequests: a precondition is evaluated only against
// a representation that exists. If-None-Match: * (or a forged tag) on a
// missing chart is 404, on a failed build 500; on an existing one 304.
// If-Match on a missing representation is 412 where the answer would
// otherwise succeed.
func TestServeConditionalRequests(t *testing.T) {
	dir := starterDir(t)
	ts := newTestServer(t, diskSource(dir), testOptions())
	r := ts.get(t, "/briefing.pdf")
	wantStatus(t, "PDF", r, 200)
	etag := r.header.Get("ETag")
	forged := strings.TrimSuffix(etag, `"`) + `-nosuch"`
	for _, inm := range []string{"*", forged, `W/` + forged, `"x", *`} {
		wantStatus(t, "missing chart, If-None-Match "+inm, ts.get(t, "/charts/nosuch.svg", "If-None-Match", inm), 404)
		wantStatus(t, "missing route, If-None-Match "+inm, ts.get(t, "/nope", "If-None-Match", inm), 404)
		wantStatus(t, "HEAD missing chart, If-None-Match "+inm, ts.do(t, "HEAD", "/charts/nosuch.svg", nil, "If-None-Match", inm), 404)
	}
	wantStatus(t, "PDF, If-None-Match *", ts.get(t, "/briefing.pdf", "If-None-Match", "*"), 304)
	wantStatus(t, "chart, If-None-Match *", ts.get(t, "/charts/timeline.svg", "If-None-Match", "*"), 304)
	wantStatus(t, "PDF, If-Match other", ts.get(t, "/briefing.pdf", "If-Match", `"other"`), 412)
	wantStatus(t, "PDF, If-Match *", ts.get(t, "/briefing.pdf", "If-Match", "*"), 200)
	wantStatus(t, "PDF, If-Match its tag", ts.get(t, "/briefing.pdf", "If-Match", etag), 200)
	wantStatus(t, "missing chart, If-Match *", ts.get(t, "/charts/nosuch.svg", "If-Match", "*"), 404)
	wantStatus(t, "healthz, If-None-Match *", ts.get(t, "/healthz", "If-None-Match", "*"), 304)
	r = ts.get(t, "/briefing.pdf", "Range", "bytes=0-3", "If-Range", etag)
	wantStatus(t, "Range with If-Range", r, 206)

	// POST /render has no representation to match.
	post := func(h ...string) response {
		return ts.do(t, "POST", "/render", bytes.NewReader(starterData(t)), append([]string{"Content-Type", "application/toml"}, h...)...)
	}
	wantStatus(t, "render, If-Match *", post("If-Match", "*"), 412)
	wantStatus(t, "render, If-None-Match *", post("If-None-Match", "*"), 200)

	// A failed build has no representation: 500 whatever the request says.
	dataFile := filepath.Join(dir, "data", "briefing.toml")
	writeFile(t, dataFile, append(starterData(t), "\nnonsense = [\n"...))
	for _, inm := range []string{"*", etag} {
		wantStatus(t, "broken PDF, If-None-Match "+inm, ts.get(t, "/briefing.pdf", "If-None-Match", inm), 500)
		wantStatus(t, "broken chart, If-None-Match "+inm, ts.get(t, "/charts/timeline.svg", "If-None-Match", inm), 500)
	}
	writeFile(t, dataFile, starterData(t))

	// A new server for the same files: the state is built once before it
	// can match, then matches.
	ts2 := newTestServer(t, diskSource(dir), testOptions())
	wantStatus(t, "new server, old tag", ts2.get(t, "/briefing.pdf", "If-None-Match", etag), 304)
	wantStatus(t, "new server, forged chart tag", ts2.get(t, "/charts/nosuch.svg", "If-None-Match", forged), 404)
	if n := ts2.builds.Load(); n != 1 {
		t.Errorf("new server: %d builds, want 1", n)
	}
}

// serveOn runs s.serve on a loopback listener; stop cancels it and
// returns how long serve took to return after that, and its error.
func serveOn(t *testing.T, s *Server) (addr string, stop func() (time.Duration, error)) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	var once sync.Once
	var took time.Duration
	var serr error
	stop = func() (time.Duration, error) {
		once.Do(func() {
			start := time.Now()
			cancel()
			select {
			case serr = <-served:
			case <-time.After(30 * time.Second):
				serr = fmt.Errorf("serve did not return")
			}
			took = time.Since(start)
		})
		return took, serr
	}
	t.Cleanup(func() { stop() })
	return ln.Addr().String(), stop
}

// TestServeStopsPromptly: a stop (SIGTERM's context) with a build that
// never ends, requests waiting for it and a slow upload in flight: the
// server gives them its grace period, then closes them and returns.
func TestServeStopsPromptly(t *testing.T) {
	opt := testOptions()
	opt.BodyWait = time.Minute
	ts, started, release := blockedServer(t, opt)
	defer release()
	addr, stop := serveOn(t, ts.Server)
	client := &http.Client{Timeout: 30 * time.Second}
	answered := make(chan error, 2)
	for range 2 {
		go func() {
			res, err := client.Get("http://" + addr + "/briefing.pdf")
			if err == nil {
				res.Body.Close()
			}
			answered <- err
		}()
	}
	<-started
	never := make(chan struct{})
	defer close(never)
	slow := slowPost(t, addr, 1000, 1, 50*time.Millisecond, never)
	time.Sleep(100 * time.Millisecond)

	took, err := stop()
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	// The grace period and a margin for a loaded machine; the old server
	// waited -timeout + 10 s (here 40 s).
	if took > ShutdownGrace+5*time.Second {
		t.Errorf("serve took %v to stop, want about %v", took, ShutdownGrace)
	}
	for range 2 {
		<-answered // closed or answered, but not left hanging
	}
	if got := <-slow; strings.HasPrefix(got, "HTTP/1.1 200") {
		t.Errorf("the slow upload: %q", got)
	}
	if !strings.Contains(ts.logs.String(), "builds still running at shutdown") {
		t.Errorf("the abandoned build is not logged:\n%s", ts.logs)
	}
}

// TestServeSoak puts the server under everything at once for a bounded
// time, on loopback: uploads at a byte every 50 ms, a FIFO among the data
// files, a font whose builds panic, posted renders and concurrent GETs of
// every route, while the served files change between those states. The
// server must stay up, answer every request within its deadlines with an
// expected status, and stop promptly at the end.
func TestServeSoak(t *testing.T) {
	dir := starterDir(t)
	writeFile(t, filepath.Join(dir, "fonts", "panic.ttf"), liberationserifregular.TTF)
	cfgFile := filepath.Join(dir, "config.toml")
	goodCfg := mustRead(t, cfgFile)
	fifoCfg := bytes.Replace(goodCfg, []byte(`data = ["data/briefing.toml"]`), []byte(`data = ["data/briefing.toml", "data/pipe.toml"]`), 1)
	panicCfg := append(bytes.Clone(goodCfg), "\n[fonts.files]\nserif = \"fonts/panic.ttf\"\n"...)
	mkfifo(t, filepath.Join(dir, "data", "pipe.toml"))

	opt := testOptions()
	opt.MaxBuilds, opt.MaxQueue = 2, 4
	opt.BodyWait, opt.Timeout = 500*time.Millisecond, 5*time.Second
	logs := &syncBuffer{}
	s := New(diskSource(dir), opt, slogTo(logs))
	s.onBuild = func(_ string, files memFS) {
		if _, ok := files["fonts/panic.ttf"]; ok {
			panic("a font that breaks the build")
		}
	}
	addr, stop := serveOn(t, s)
	base := "http://" + addr

	const (
		soakFor     = 2 * time.Second
		slowClients = 8
		getClients  = 6
	)
	// The longest any answer may take: the request deadline (queue and
	// build), or the body deadline, plus a margin for a loaded machine.
	limit := opt.Timeout + 5*time.Second
	end := time.Now().Add(soakFor)
	var wg sync.WaitGroup
	var requests, failures atomic.Int64
	statuses := sync.Map{}
	fail := func(format string, args ...any) {
		failures.Add(1)
		t.Errorf(format, args...)
	}
	count := func(what string, status int) {
		requests.Add(1)
		k := fmt.Sprintf("%s %d", what, status)
		v, _ := statuses.LoadOrStore(k, new(atomic.Int64))
		v.(*atomic.Int64).Add(1)
	}

	// Slow uploads, renewed as they are cut off.
	stopSlow := make(chan struct{})
	for range slowClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) {
				t0 := time.Now()
				got := <-slowPost(t, addr, 10000, 1, 50*time.Millisecond, stopSlow)
				if !strings.HasPrefix(got, "HTTP/1.1 408") && !strings.HasPrefix(got, "HTTP/1.1 503") {
					fail("slow upload: %q, want 408 (or 503 when the bodies are full)", got)
				}
				if d := time.Since(t0); d > opt.BodyWait+5*time.Second {
					fail("slow upload answered after %v", d)
				}
				code := 0
				fmt.Sscanf(got, "HTTP/1.1 %d", &code)
				count("slow", code)
			}
		}()
	}
	// The served files move between FIFO, panicking and good states;
	// each is held until a GET has seen it (so every state is reached
	// however slow the builds), and at least 150 ms.
	client := &http.Client{Timeout: limit}
	wg.Add(1)
	go func() {
		defer wg.Done()
		states := []struct {
			cfg    []byte
			status int
			says   string
		}{
			{fifoCfg, 500, "data/pipe.toml: is a named pipe"},
			{panicCfg, 500, "internal error during the build"},
			{goodCfg, 200, "%PDF-"},
		}
		for i := 0; i < len(states) || time.Now().Before(end); i++ {
			st := states[i%len(states)]
			if err := os.WriteFile(cfgFile, st.cfg, 0o644); err != nil {
				fail("%v", err)
			}
			held := time.Now().Add(150 * time.Millisecond)
			for seen := false; !seen; {
				t0 := time.Now()
				res, err := client.Get(base + "/briefing.pdf")
				if err != nil {
					fail("GET /briefing.pdf: %v", err)
					return
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if d := time.Since(t0); d > limit {
					fail("GET /briefing.pdf answered after %v", d)
				}
				count("/briefing.pdf", res.StatusCode)
				seen = res.StatusCode == st.status && bytes.Contains(body, []byte(st.says))
				if time.Since(held) > limit {
					fail("state %d not seen within %v: %d %.200s", i%len(states), limit, res.StatusCode, body)
					return
				}
			}
			time.Sleep(time.Until(held))
		}
	}()
	// GETs of every route and renders, concurrently.
	data := starterData(t)
	for c := range getClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			paths := []string{"/", "/briefing.pdf", "/charts/timeline.svg", "/healthz", "render"}
			for i := c; time.Now().Before(end); i++ {
				p := paths[i%len(paths)]
				t0 := time.Now()
				var res *http.Response
				var err error
				if p == "render" {
					res, err = client.Post(base+"/render", "application/toml", bytes.NewReader(data))
				} else {
					res, err = client.Get(base + p)
				}
				if err != nil {
					fail("%s: %v", p, err)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if d := time.Since(t0); d > limit {
					fail("%s answered after %v", p, d)
				}
				ok := map[int]bool{200: true}
				switch p {
				case "/briefing.pdf", "/charts/timeline.svg":
					ok[500], ok[503], ok[504] = true, true, true // a FIFO, a panic; busy
				case "render":
					ok[500], ok[503], ok[504] = true, true, true // the panicking font is the server's
				}
				if !ok[res.StatusCode] {
					fail("%s: status %d", p, res.StatusCode)
				}
				count(p, res.StatusCode)
			}
		}()
	}
	wg.Wait()
	close(stopSlow)

	// Still up, and sound once the files are good again.
	os.WriteFile(cfgFile, goodCfg, 0o644)
	for _, p := range []string{"/healthz", "/briefing.pdf", "/"} {
		res, err := client.Get(base + p)
		if err != nil {
			t.Fatalf("after the soak, %s: %v", p, err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("after the soak, %s: %d", p, res.StatusCode)
		}
	}
	if !strings.Contains(logs.String(), "build panicked") {
		t.Error("no build panicked: the soak did not reach the panicking state")
	}
	var seen []string
	statuses.Range(func(k, v any) bool {
		seen = append(seen, fmt.Sprintf("%s×%d", k, v.(*atomic.Int64).Load()))
		return true
	})
	t.Logf("%d requests, %d failures: %s", requests.Load(), failures.Load(), strings.Join(seen, ", "))
	for _, want := range []string{"/briefing.pdf 200", "/briefing.pdf 500", "render 200", "slow 408"} {
		if _, ok := statuses.Load(want); !ok {
			t.Errorf("no %q in the soak: %v", want, seen)
		}
	}
	took, err := stop()
	if err != nil || took > ShutdownGrace+5*time.Second {
		t.Errorf("stop after the soak: %v, %v", took, err)
	}
}
