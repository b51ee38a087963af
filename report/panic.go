package report

import (
	"fmt"
	"runtime/debug"
)

// PanicError is the error of a build that panicked: a bug, or input that
// got past the checks and crashed a library. Build, Figures and
// Figure.PDF return it instead of taking the program (or a server) down;
// the goroutines they start recover their panics into the build's error
// too.
type PanicError struct {
	Value any    // what was passed to panic
	Stack []byte // the panicking goroutine's stack
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("internal error: the build failed unexpectedly (%v); please report it", e.Value)
}

// recoverInto turns a panic into *err; use it deferred.
func recoverInto(err *error) {
	if v := recover(); v != nil {
		*err = &PanicError{Value: v, Stack: debug.Stack()}
	}
}

// panicError is the error of a panic on a goroutine a build started
// (the writer's face registrar).
func panicError(v any, stack []byte) error { return &PanicError{Value: v, Stack: stack} }

// goRecovered runs fn on a goroutine of its own whose panic is dropped:
// for work whose result another call fetches again (a sync.OnceValues,
// which panics there too, in the build's goroutine, where Build recovers
// it).
func goRecovered(fn func()) {
	go func() {
		defer func() { _ = recover() }()
		fn()
	}()
}
