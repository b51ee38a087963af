package main

// `briefing serve`: its flags, and the wiring of internal/server, which
// serves the briefing over HTTP. See docs/serve.md.

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/internal/build"
	"github.com/briefing-pdf/briefing/internal/server"
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
	created, err := build.CreationDate()
	if err != nil {
		return err
	}
	src, err := build.Open(*config)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("briefing: serve: %w", err)
	}
	ctx, stop := interrupted()
	defer stop()
	// After the first signal, a second one stops the process at once.
	context.AfterFunc(ctx, stop)
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	s := server.New(src, server.Options{
		MaxBody: int64(maxBody), BodyWait: *bodyWait, Timeout: *timeout,
		MaxBuilds: *maxBuilds, MaxQueue: *maxQueue, Created: created,
	}, logger)
	fmt.Fprintf(stdout, "briefing: serving %s at http://%s/\n", src.Name, ln.Addr())
	return s.Serve(ctx, ln)
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
