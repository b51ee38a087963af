package report

import (
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/report/internal/frames"
	"github.com/briefing-pdf/briefing/report/internal/pdfwrite"
)

// TestRegistrarRecoversPanic checks that a panic in fpdf's font parser
// on the registrar's goroutine (which would take a server down) becomes
// the document's error.
func TestRegistrarRecoversPanic(t *testing.T) {
	set := fonts.New()
	if err := set.Replace(fonts.Serif, "x.ttf", fonts.New().Faces()[4].TTF); err != nil {
		t.Fatal(err)
	}
	// The set keeps its own copy, which Faces shares: break it there,
	// past the checks Replace made, so that fpdf reads past the end.
	ttf := set.Faces()[0].TTF
	for i := 0; i < int(binary.BigEndian.Uint16(ttf[4:])); i++ {
		if rec := ttf[12+16*i:]; string(rec[:4]) == "hhea" {
			binary.BigEndian.PutUint32(rec[8:], uint32(len(ttf)+1<<24))
		}
	}
	w := pdfwrite.New(frames.Meta{Width: 100, Height: 100}, set, panicError)
	w.Want(fonts.Serif, "text")
	_, err := w.Write(&frames.Doc{Pages: []frames.Page{{}}})
	var pe *PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("Write() = %v, want a *PanicError", err)
	}
}

// TestPanicIsAnError checks that a panic while drawing a figure is an
// error, not a crash.
func TestPanicIsAnError(t *testing.T) {
	out, err := Figure{Name: "broken", Width: 100, Height: 100}.PDF("t", time.Time{})
	var pe *PanicError
	if out != nil || !errors.As(err, &pe) || len(pe.Stack) == 0 {
		t.Fatalf("PDF() = %d bytes, %v; want a *PanicError", len(out), err)
	}
}
