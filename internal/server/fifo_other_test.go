//go:build !unix

package server

import "errors"

func makeFIFO(string) error { return errors.New("not supported on this system") }
