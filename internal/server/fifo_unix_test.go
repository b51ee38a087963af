//go:build unix

package server

import "syscall"

func makeFIFO(name string) error { return syscall.Mkfifo(name, 0o644) }
