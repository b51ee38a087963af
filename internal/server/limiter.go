package server

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/semaphore"
)

// Build limits.
var (
	errSaturated = errors.New("too many builds at once; try again shortly")
	errQueued    = errors.New("timed out waiting for a build slot; try again shortly")
	errTimeout   = errors.New("the build took too long")
)

// limiter bounds the builds: at most builds run, and at most
// builds+queue are running or waiting for a slot. Waiting builds get
// their slots in the order they asked (semaphore.Weighted is FIFO).
type limiter struct {
	admit   *semaphore.Weighted // running or waiting builds
	slots   *semaphore.Weighted // running builds
	running atomic.Int64
}

func newLimiter(builds, queue int) *limiter {
	return &limiter{
		admit: semaphore.NewWeighted(int64(builds + queue)),
		slots: semaphore.NewWeighted(int64(builds)),
	}
}

// acquire takes a place among the running and waiting builds without
// waiting (errSaturated when there is none), then waits for a slot until
// ctx ends (errQueued). release gives both back; the build must run in
// the goroutine that holds them, whatever becomes of the request.
func (l *limiter) acquire(ctx context.Context) (release func(), err error) {
	if !l.admit.TryAcquire(1) {
		return nil, errSaturated
	}
	if err := l.slots.Acquire(ctx, 1); err != nil {
		l.admit.Release(1)
		return nil, errQueued
	}
	l.running.Add(1)
	var once sync.Once
	return func() {
		once.Do(func() {
			l.running.Add(-1)
			l.slots.Release(1)
			l.admit.Release(1)
		})
	}, nil
}

// waitIdle waits until no build runs, or ctx ends (false). It polls: a
// WaitGroup would forbid the builds that requests still in flight start
// while it waits.
func (l *limiter) waitIdle(ctx context.Context) bool {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for l.running.Load() > 0 {
		select {
		case <-ctx.Done():
			return false
		case <-tick.C:
		}
	}
	return true
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

// bodyBudget is how many bytes of request bodies the server holds at once:
// as many as the bodies of the builds that may run or wait.
func bodyBudget(opt Options) int64 {
	return int64(opt.MaxBuilds+opt.MaxQueue) * max(opt.MaxBody, 1)
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
