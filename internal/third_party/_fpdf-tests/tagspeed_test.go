package fpdf

// Tests of 05-tagged-speed.diff: object streams assembled and compressed
// on several goroutines write the bytes one goroutine writes, and read
// back whole; a stream deflated in parts is the stream deflated whole;
// kids added to several elements in turn keep each element's order.
// (The structure tree's kids, now written without fmt, are read back by
// the tests in tagged_test.go and limits_test.go.)

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func TestParallelObjectStreamsSameBytes(t *testing.T) {
	const n = 2500 // 2,500 Link elements and annotations: some 25 object streams
	prev := runtime.GOMAXPROCS(1)
	serial := manyLinks(t, n, true)
	runtime.GOMAXPROCS(max(prev, 4))
	defer runtime.GOMAXPROCS(prev)
	if c := bytes.Count(serial, []byte("/Type /ObjStm")); c < 10 {
		t.Fatalf("%d object streams, want at least 10 for the test to mean anything", c)
	}
	if got := manyLinks(t, n, true); !bytes.Equal(got, serial) {
		t.Fatalf("written on %d goroutines: %d bytes, on one: %d bytes, and they differ",
			runtime.GOMAXPROCS(0), len(got), len(serial))
	}
	// Every Link element, each in an object stream, is found from the
	// structure tree.
	rb := readTagged(t, serial)
	doc := rb.dict(t, rb.root["K"])
	p := rb.dict(t, doc["K"])
	kids, _ := rb.deref(t, p["K"]).(types.Array)
	links := 0
	for _, k := range kids {
		if d, ok := rb.deref(t, k).(types.Dict); ok && d["S"] == types.Name("Link") {
			links++
		}
	}
	if links != n {
		t.Errorf("%d Link elements read back from the object streams, want %d", links, n)
	}
}

// Deflating a stream given in parts (an object stream's header, then its
// objects) writes the bytes deflating it as one slice writes.
func TestCompressPartsSameBytes(t *testing.T) {
	data := bytes.Repeat([]byte("<</S /P /P 12 0 R /Pg 45 0 R /K [0 1 2]>>\n"), 5000) // 210 kB: several deflate windows
	for _, cut := range []int{0, 1, 17, 65535, 65536, 100000, len(data)} {
		whole := xmem.compress(data)
		parts := xmem.compress(data[:cut], data[cut:])
		if !bytes.Equal(whole.bytes(), parts.bytes()) {
			t.Errorf("cut at %d: %d bytes deflated in two parts, %d in one, and they differ", cut, len(parts.bytes()), len(whole.bytes()))
		}
		whole.release()
		parts.release()
	}
}

// An element's kids are written in the order they were added, however
// the additions to several elements interleave (the kids of all are
// kept in one slice and grouped when the tree is written), and
// elements of one role keep their own attributes.
func TestStructKidsInterleavedOrder(t *testing.T) {
	pdf := New("P", "pt", "A4", "")
	pdf.SetCompression(false) // plain objects, to read them as text
	pdf.SetCreationDate(fixedTime)
	pdf.SetTagged(true)
	pdf.SetFont("Helvetica", "", 10)
	doc := pdf.AddStructElem(StructRoot, "Document", StructAttrs{})
	a := pdf.AddStructElem(doc, "Figure", StructAttrs{Alt: "first"})
	b := pdf.AddStructElem(doc, "Figure", StructAttrs{Alt: "second"})
	pdf.AddPage()
	for _, e := range []StructElem{a, b, a, b, b} {
		pdf.BeginMarkedContent(e)
		pdf.Text(72, 72, "x")
		pdf.EndMarkedContent()
	}
	c := pdf.AddStructElem(a, "Caption", StructAttrs{})
	pdf.BeginMarkedContent(c)
	pdf.Text(72, 90, "caption")
	pdf.EndMarkedContent()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	// The root's object is the Document's minus one; the elements follow
	// it in the order they were made: Document, a, b, c.
	i := strings.Index(out, "<</Type /StructTreeRoot /K ")
	if i < 0 {
		t.Fatal("no structure tree root")
	}
	var docObj int
	if _, err := fmt.Sscanf(out[i+len("<</Type /StructTreeRoot /K "):], "%d 0 R", &docObj); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<</S /Document /P " + strconv.Itoa(docObj-1) + " 0 R /K [" + strconv.Itoa(docObj+1) + " 0 R " + strconv.Itoa(docObj+2) + " 0 R]>>",
		"/K [0 2 " + strconv.Itoa(docObj+3) + " 0 R] /Alt (first)>>",
		"/K [1 3 4] /Alt (second)>>",
		"<</S /Caption /P " + strconv.Itoa(docObj+1) + " 0 R /Pg ",
		" /K 5>>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the structure tree lacks %q", want)
		}
	}
}
