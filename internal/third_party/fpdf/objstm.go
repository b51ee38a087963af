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
	pending []objStmEntry  // objects waiting for their stream
	loc     map[int][2]int // object number → object stream number, index
}

type objStmEntry struct {
	n    int
	body string
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
	f.n++
	for j := len(f.offsets); j <= f.n; j++ {
		f.offsets = append(f.offsets, 0)
	}
	f.objStm.pending = append(f.objStm.pending, objStmEntry{f.n, body})
	return f.n
}

// flushObjStreams writes the objects putObj holds in object streams,
// each a new object after them. The streams are assembled and
// compressed first, on up to GOMAXPROCS goroutines, each into a buffer
// of its exact size, then written in order.
func (f *Fpdf) flushObjStreams() {
	p := f.objStm.pending
	f.objStm.pending = nil
	if len(p) == 0 {
		return
	}
	if f.objStm.loc == nil {
		f.objStm.loc = make(map[int][2]int, len(p))
	}
	n := (len(p) + objStmSize - 1) / objStmSize
	chunk := func(i int) []objStmEntry { return p[i*objStmSize : min(len(p), (i+1)*objStmSize)] }
	first := make([]int, n)
	mems := make([]*membuffer, n)
	err := parallel(n, func(i int) {
		c := chunk(i)
		head := make([]byte, 0, 16*len(c))
		size := 0
		for _, e := range c {
			head = strconv.AppendInt(head, int64(e.n), 10)
			head = append(head, ' ')
			head = strconv.AppendInt(head, int64(size), 10)
			head = append(head, ' ')
			size += len(e.body) + 1
		}
		data := make([]byte, 0, len(head)+size)
		data = append(data, head...)
		for _, e := range c {
			data = append(data, e.body...)
			data = append(data, '\n')
		}
		first[i] = len(head)
		mems[i] = xmem.compress(data)
	})
	if err != nil {
		f.SetErrorf("compressing object streams: %v", err)
		return
	}
	for i, mem := range mems {
		c := chunk(i)
		f.newobj()
		for j, e := range c {
			f.objStm.loc[e.n] = [2]int{f.n, j}
		}
		b := mem.bytes()
		f.outf("<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>", len(c), first[i], len(b))
		f.putstream(b)
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
		} else if l, ok := f.objStm.loc[j]; ok {
			typ, a, c = 2, l[0], l[1]
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
