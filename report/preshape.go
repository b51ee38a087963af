package report

import (
	"reflect"
	"runtime"
	"slices"
	"sync/atomic"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
)

// A cold build shapes each distinct word once, with HarfBuzz's rules,
// when the line breaker first measures it. preshape does most of that on
// another core while compose runs: it shapes the words of the briefing's
// text in the body face into the Set's cache, last entries first (compose
// starts from the front, so the two meet rather than race over the same
// words). The cache gives every piece as shaped alone, whoever shaped it
// first, so the layout and the PDF do not change.

// maxPreshaped bounds the distinct words shaped ahead (the face caches
// hold 65,536 pieces).
const maxPreshaped = 20000

// startPreshape starts preshaping the briefing's text in set and returns
// the function that stops it (to call when the build ends). With one
// core it does nothing.
func startPreshape(b *data.Briefing, cfg *Config, set *fonts.Set) (stop func()) {
	if b == nil || runtime.GOMAXPROCS(0) < 2 {
		return func() {}
	}
	var done atomic.Bool
	body := face(string(cfg.Fonts.Body), false, false)
	go func() {
		// Only a cache is filled: a panic here must not end the build,
		// which shapes the same words itself (and reports what fails).
		defer func() { _ = recover() }()
		var texts []string
		strs(reflect.ValueOf(b).Elem(), &texts)
		slices.Reverse(texts)
		set.Preshape(body, texts, maxPreshaped, done.Load)
	}()
	return func() { done.Store(true) }
}

// strs appends the strings in v, a value of the data model, in order.
func strs(v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.String:
		if v.Len() > 0 {
			*out = append(*out, v.String())
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			strs(v.Index(i), out)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			strs(v.Elem(), out)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() && t.Field(i).Type != reflect.TypeFor[data.Pos]() {
				strs(v.Field(i), out)
			}
		}
	}
}
