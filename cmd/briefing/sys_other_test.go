//go:build !unix

package main

import "errors"

var errNoFIFOs = errors.New("not supported on this system")

func makeFIFO(string) error { return errNoFIFOs }

func sigtermSelf() error { return errNoFIFOs }
