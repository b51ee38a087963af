package server

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/internal/build"
	"github.com/briefing-pdf/briefing/report"
)

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
	err      error // the build failed: a diag.Errors of input problems, or another error
	took     time.Duration
}

// build builds a snapshot: the PDF and every chart as SVG.
func (s *Server) build(snap *snapshot) *result {
	start := time.Now()
	r := &result{seq: snap.seq, hash: snap.hash}
	defer func() { r.took = time.Since(start) }()
	if snap.cfgErr != nil {
		r.err = snap.cfgErr
		return r
	}
	in, err := build.LoadWith(s.source(snap), snap.cfg)
	if err != nil {
		r.err = err
		return r
	}
	r.title = in.Briefing.Meta.Title
	res, err := in.Build(build.Options{Options: report.Options{Created: s.opt.Created}, Make: build.PDF | build.Charts})
	if res != nil {
		r.warnings = res.Warnings
	}
	if err != nil {
		r.err = err
		return r
	}
	figs := res.Figures
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
	r.pdf, r.pages, r.svgs, r.figures = res.PDF, res.Pages, svgs, names
	return r
}

// source is the served config read from snap: what a build reads.
func (s *Server) source(snap *snapshot) *build.Source {
	return &build.Source{FS: snap.fsys(), Config: s.src.Config, Name: s.src.Name}
}

// current returns the build of snap: the cached one when the files have
// not changed since, else a new build shared by every request for the same
// state meanwhile. The build runs under the limiter in a goroutine of its
// own (singleflight's), which keeps its slot until the build ends: a
// request that gives up (ctx) leaves it running, and its result is still
// cached. The first request's ctx bounds the wait for a slot.
func (s *Server) current(ctx context.Context, snap *snapshot) (*result, error) {
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
func (s *Server) cached(hash string) *result {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.last != nil && s.last.hash == hash {
		return s.last
	}
	return nil
}

// lastResult is the newest finished build, or nil.
func (s *Server) lastResult() *result {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}
