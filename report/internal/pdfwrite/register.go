package pdfwrite

import (
	"runtime/debug"
	"unicode"

	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
)

// registrar registers faces with the PDF on a goroutine of its own
// while the briefing is laid out. Adding a face to fpdf (parsing it,
// hashing its widths) is a large part of a small briefing's build, and it
// needs nothing from the layout but the names of the faces the text uses:
// the layout reports each as it checks the text's glyphs (Writer.Want),
// and the registrar adds it on the other core meanwhile. Write waits for
// it (wait) before it touches the PDF and registers any face still
// missing (a chart's, say) on first use.
//
// Which faces are registered is decided by the text alone, never by
// timing, and fpdf writes fonts sorted by name with IDs made from their
// contents, so the PDF does not depend on the order they were added in.
type registrar struct {
	pdf        *fpdf.Fpdf
	set        *fonts.Set
	faces      map[string]fonts.Face
	ch         chan string
	done       chan struct{}
	sent       map[string]bool // faces asked for (the layout's goroutine)
	registered map[string]bool // the registrar's goroutine until done
	waited     bool
	panicked   error // the registrar's goroutine until done
}

func startRegistrar(pdf *fpdf.Fpdf, set *fonts.Set, onPanic func(v any, stack []byte) error) *registrar {
	r := &registrar{
		pdf:        pdf,
		set:        set,
		faces:      map[string]fonts.Face{},
		done:       make(chan struct{}),
		sent:       map[string]bool{},
		registered: map[string]bool{},
	}
	for _, f := range set.Faces() {
		r.faces[f.Name] = f
	}
	r.ch = make(chan string, len(r.faces)) // want never blocks
	go func() {
		defer close(r.done)
		// A panic in fpdf's font parser must not take the process down:
		// it becomes the document's error when wait returns.
		defer func() {
			if v := recover(); v != nil {
				r.panicked = onPanic(v, debug.Stack())
			}
		}()
		for name := range r.ch {
			r.register(name)
		}
	}()
	return r
}

// want asks for the face of text that will be drawn: a face is
// registered only for text with something to see.
func (r *registrar) want(face, text string) {
	face = fonts.FaceOf(face) // "sans@tables" is drawn in "sans"
	if r.waited || r.sent[face] {
		return
	}
	if _, ok := r.faces[face]; !ok {
		return
	}
	for _, c := range text {
		if !unicode.IsSpace(c) {
			r.sent[face] = true
			r.ch <- face
			return
		}
	}
}

// wait stops the registrar and returns when it has registered every
// face asked for; after it, register runs on the caller's goroutine.
func (r *registrar) wait() {
	if r.waited {
		return
	}
	r.waited = true
	close(r.ch)
	<-r.done
	if r.panicked != nil {
		r.pdf.SetError(r.panicked)
	}
}

// register adds a face to the PDF unless it is there: one of the Set's,
// or a fallback face the shaper set text in.
func (r *registrar) register(name string) {
	if r.registered[name] {
		return
	}
	f, ok := r.faces[name]
	if !ok && r.waited {
		f, ok = r.set.EmbedFace(name)
	}
	if ok {
		r.pdf.AddUTF8FontFromBytes(f.Name, "", f.TTF)
		r.registered[name] = true
	}
}
