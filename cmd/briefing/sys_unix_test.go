//go:build unix

package main

import (
	"os"
	"syscall"
)

func makeFIFO(name string) error { return syscall.Mkfifo(name, 0o644) }

func sigtermSelf() error { return syscall.Kill(os.Getpid(), syscall.SIGTERM) }
