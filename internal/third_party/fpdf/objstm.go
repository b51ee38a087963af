package fpdf

import (
	"encoding/binary"
	"strconv"
)

// Object streams (ISO 32000-1, 7.5.7) and the cross-reference stream
// they need (7.5.8). A tagged document has one small dictionary per
// structure element and link annotation, thousands in a long one;
// written as plain objects they cost more than the text they tag.
// Where the PDF version allows (1.5 and later: not PDF/A-1) and
// streams are compressed and the file is not encrypted, those
// dictionaries go into compressed object streams of up to
// objStmSize objects each, and the cross-reference table becomes a
// compressed cross-reference stream. Other documents are written as
// before.

const objStmSize = 200

type objStmState struct {
	pending []objStmEntry // objects waiting for their stream
	data    []byte        // their bodies, each followed by a newline
	loc     []objStmLoc   // object number → object stream; nil until one is written
}

// objStmEntry is an object waiting for its stream: its number and the
// end of its body (and newline) in objStmState.data; the body begins
// where the previous one ends.
type objStmEntry struct {
	n   int
	end int
}

// objStmLoc is where an object is: its stream's object number (0: not
// in a stream) and its index there.
type objStmLoc struct {
	stm int
	idx int
}

// useObjStreams reports whether putObj puts objects into object streams.
func (f *Fpdf) useObjStreams() bool {
	return f.tag.on && f.compress && !f.protect.encrypted && f.headerVersion() >= pdfVers1_5
}

// putObj writes body (a dictionary, array or other non-stream object)
// as the next object and returns its number: into an object stream
// if useObjStreams, then written by flushObjStreams, else at once.
func (f *Fpdf) putObj(body string) int {
	if !f.useObjStreams() {
		f.newobj()
		f.out(body)
		f.out("endobj")
		return f.n
	}
	f.objStm.data = append(grow(f.objStm.data, len(body)+1), body...)
	return f.pendObj()
}

// putObjBytes is putObj for a body in a buffer the caller reuses: it
// is copied.
func (f *Fpdf) putObjBytes(body []byte) int {
	if !f.useObjStreams() {
		f.newobj()
		f.outBytes(body)
		f.out("endobj")
		return f.n
	}
	f.objStm.data = append(grow(f.objStm.data, len(body)+1), body...)
	return f.pendObj()
}

// pendObj ends the body just appended to objStm.data and makes it the
// next object, waiting for its stream.
func (f *Fpdf) pendObj() int {
	f.objStm.data = append(f.objStm.data, '\n')
	f.n++
	for j := len(f.offsets); j <= f.n; j++ {
		f.offsets = append(f.offsets, 0)
	}
	f.objStm.pending = append(grow(f.objStm.pending, 1), objStmEntry{f.n, len(f.objStm.data)})
	return f.n
}

// outBytes is out for a line in a byte slice.
func (f *Fpdf) outBytes(b []byte) {
	if f.state == 2 {
		must(f.pages[f.page].Write(b))
		must(f.pages[f.page].WriteString("\n"))
	} else {
		must(f.buffer.Write(b))
		must(f.buffer.WriteString("\n"))
	}
}

// flushObjStreams writes the objects putObj holds in object streams,
// each a new object after them. The streams are assembled and
// compressed first, on up to GOMAXPROCS goroutines, each into a buffer
// of its exact size, then written in order.
func (f *Fpdf) flushObjStreams() {
	p, data := f.objStm.pending, f.objStm.data
	// The next objects reuse the buffers once these are written.
	f.objStm.pending, f.objStm.data = p[:0], data[:0]
	if len(p) == 0 {
		return
	}
	n := (len(p) + objStmSize - 1) / objStmSize
	chunk := func(i int) []objStmEntry { return p[i*objStmSize : min(len(p), (i+1)*objStmSize)] }
	// start is where the body of p[i] begins in data.
	start := func(i int) int {
		if i == 0 {
			return 0
		}
		return p[i-1].end
	}
	first := make([]int, n)
	mems := make([]*membuffer, n)
	err := parallel(n, func(i int) {
		c := chunk(i)
		from, to := start(i*objStmSize), c[len(c)-1].end
		head := make([]byte, 0, 16*len(c))
		at := from
		for _, e := range c {
			head = strconv.AppendInt(head, int64(e.n), 10)
			head = append(head, ' ')
			head = strconv.AppendInt(head, int64(at-from), 10)
			head = append(head, ' ')
			at = e.end
		}
		first[i] = len(head)
		// Deflated in two parts: the same bytes as one, without
		// copying the bodies after the head.
		mems[i] = xmem.compress(head, data[from:to])
	})
	if err != nil {
		f.SetErrorf("compressing object streams: %v", err)
		return
	}
	for i, mem := range mems {
		c := chunk(i)
		f.newobj()
		if len(f.objStm.loc) <= f.n {
			f.objStm.loc = append(f.objStm.loc, make([]objStmLoc, f.n+1-len(f.objStm.loc))...)
		}
		for j, e := range c {
			f.objStm.loc[e.n] = objStmLoc{f.n, j}
		}
		b := mem.bytes()
		f.outf("<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>", len(c), first[i], len(b))
		// putstream without copying the stream into a string
		// (useObjStreams excludes encryption).
		f.out("stream")
		f.outBytes(b)
		f.out("endstream")
		f.out("endobj")
		mem.release()
	}
}

// putXrefStream writes the cross-reference stream, which is also the
// trailer, as the last object, and returns its offset for startxref.
func (f *Fpdf) putXrefStream() int {
	f.idEnd = f.buffer.Len()
	f.newobj()
	o := f.offsets[f.n]
	size := f.n + 1
	// Each row: type (1 byte), offset or object stream (4), generation
	// or index (2).
	rows := make([]byte, 0, 7*size)
	var b4 [4]byte
	var b2 [2]byte
	for j := 0; j < size; j++ {
		typ, a, c := 1, f.offsets[j], 0
		if j == 0 {
			typ, a, c = 0, 0, 65535
		} else if j < len(f.objStm.loc) && f.objStm.loc[j].stm != 0 {
			typ, a, c = 2, f.objStm.loc[j].stm, f.objStm.loc[j].idx
		}
		binary.BigEndian.PutUint32(b4[:], uint32(a))
		binary.BigEndian.PutUint16(b2[:], uint16(c))
		rows = append(rows, byte(typ))
		rows = append(rows, b4[:]...)
		rows = append(rows, b2[:]...)
	}
	mem := xmem.compress(rows)
	data := mem.bytes()
	f.outf("<</Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Info %d 0 R %s /Filter /FlateDecode /Length %d>>",
		size, f.n-1, f.nInfo, f.fileID(), len(data))
	f.putstream(data)
	f.out("endobj")
	mem.release()
	return o
}
