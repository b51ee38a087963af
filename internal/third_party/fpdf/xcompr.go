// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"sync"

	kzlib "github.com/klauspost/compress/zlib"
)

var xmem = xmempool{
	Pool: sync.Pool{
		New: func() any {
			var m membuffer
			return &m
		},
	},
}

type xmempool struct{ sync.Pool }

var zwPool sync.Pool

// compress deflates data, or the concatenation of parts (the same bytes
// as if they were one slice, which the caller need not make).
func (pool *xmempool) compress(data []byte, parts ...[]byte) *membuffer {
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	size := len(data)
	for _, p := range parts {
		size += len(p)
	}
	buf.Grow(size)

	// klauspost/compress writes zlib streams like compress/zlib's at
	// twice the speed (BestSpeed, on PDF pages and fonts).
	zw, _ := zwPool.Get().(*kzlib.Writer)
	if zw == nil {
		var err error
		zw, err = kzlib.NewWriterLevel(buf, kzlib.BestSpeed)
		if err != nil {
			panic(fmt.Errorf("could not create zlib writer: %w", err))
		}
	} else {
		zw.Reset(buf)
	}
	defer zwPool.Put(zw)
	_, err := zw.Write(data)
	for _, p := range parts {
		if err == nil {
			_, err = zw.Write(p)
		}
	}
	if err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}

	err = zw.Close()
	if err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	return mem
}

func (pool *xmempool) uncompress(data []byte) (*membuffer, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}

	mem := pool.Get().(*membuffer)
	mem.buf.Reset()

	_, err = mem.buf.ReadFrom(zr)
	if err != nil {
		mem.release()
		return nil, err
	}

	return mem, nil
}

type membuffer struct {
	buf bytes.Buffer
}

func (mem *membuffer) bytes() []byte { return mem.buf.Bytes() }
func (mem *membuffer) release() {
	mem.buf.Reset()
	xmem.Put(mem)
}

func (mem *membuffer) copy() []byte {
	src := mem.bytes()
	dst := make([]byte, len(src))
	copy(dst, src)
	return dst
}
