package main

// The command-line side of `briefing serve`: its flags and its signals.
// The server itself is tested in internal/server.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefing-pdf/briefing/internal/server"
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

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "-max-builds", "0"},
		{"serve", "-max-body", "lots"},
		{"serve", "-timeout", "-1s"},
		{"serve", "-max-queue", "-1"},
		{"serve", "one.toml", "two.toml"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("%q: exit %d, want 2; %s", args, code, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"serve", "-config", filepath.Join(t.TempDir(), "none.toml")}, &stdout, &stderr); code != 1 {
		t.Errorf("missing config: exit %d, want 1", code)
	}
	if code := run([]string{"serve", "-addr", "256.0.0.1:bad"}, &stdout, &stderr); code != 1 {
		t.Errorf("bad address: exit %d, want 1", code)
	}
}

func TestByteSize(t *testing.T) {
	for in, want := range map[string]int64{"1024": 1024, "4MiB": 4 << 20, "16KiB": 16 << 10, "1GiB": 1 << 30, "10B": 10} {
		var b byteSize
		if err := b.Set(in); err != nil || int64(b) != want {
			t.Errorf("Set(%q) = %d, %v; want %d", in, b, err, want)
		}
	}
	for _, in := range []string{"", "x", "-1", "4MB", "99999999999GiB"} {
		var b byteSize
		if err := b.Set(in); err == nil {
			t.Errorf("Set(%q) accepted", in)
		}
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

// TestServeSIGTERMWithFIFO runs the command itself with a FIFO among its
// data files and sends it SIGTERM while an upload is in flight: the front
// page answers, and the process stops within its grace period, exit 0.
func TestServeSIGTERMWithFIFO(t *testing.T) {
	dir := starterDir(t)
	setData(t, dir, "data/briefing.toml", "data/pipe.toml")
	mkfifo(t, filepath.Join(dir, "data", "pipe.toml"))
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run([]string{"serve", "-config", filepath.Join(dir, "config.toml"), "-addr", "127.0.0.1:0"}, stdout, stderr)
	}()
	var addr string
	for deadline := time.Now().Add(20 * time.Second); addr == ""; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the server did not start:\n%s\n%s", stdout, stderr)
		}
		select {
		case c := <-code:
			t.Fatalf("serve exited %d:\n%s", c, stderr)
		default:
		}
		if _, rest, ok := strings.Cut(stdout.String(), " at http://"); ok {
			addr = strings.TrimSuffix(strings.TrimSpace(rest), "/")
		}
	}
	client := &http.Client{Timeout: 10 * time.Second}
	res, err := client.Get("http://" + addr + "/")
	if err != nil {
		t.Fatalf("GET / with a FIFO among the data: %v", err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Contains(page, []byte("data/pipe.toml")) {
		t.Errorf("GET /: %d\n%s", res.StatusCode, page)
	}
	never := make(chan struct{})
	defer close(never)
	slowPost(t, addr, 1000, 1, 50*time.Millisecond, never)
	time.Sleep(100 * time.Millisecond)

	start := time.Now()
	if err := sigtermSelf(); err != nil {
		t.Skip("cannot send SIGTERM here:", err)
	}
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit %d after SIGTERM:\n%s", c, stderr)
		}
		if took := time.Since(start); took > server.ShutdownGrace+5*time.Second {
			t.Errorf("stopped %v after SIGTERM", took)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("still running 30 s after SIGTERM:\n%s", stderr)
	}
}
