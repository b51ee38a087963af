package main

// `briefing init DIR`: write a starter briefing that builds at once.

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// starter holds the files `briefing init` writes, under starter/.
//
//go:embed starter/config.toml starter/data/briefing.toml
var starter embed.FS

// starterFiles are the files init writes, relative to DIR, in order.
var starterFiles = []string{"config.toml", "data/briefing.toml"}

func cmdInit(args []string, stdout, _ io.Writer) error {
	fset := newFlagSet("init")
	pos, err := parseArgs(fset, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("init: want one argument, the directory to write the briefing in")
	}
	dir := pos[0]
	if strings.TrimSpace(dir) == "" {
		// filepath.Join would make "" the current directory: say so
		// instead of writing there unasked.
		return usageErrorf("init: the directory is empty; name one (. for the current directory)")
	}
	written, err := writeStarter(dir)
	if err != nil {
		return err
	}
	for _, name := range written {
		fmt.Fprintf(stdout, "wrote %s\n", name)
	}
	fmt.Fprintf(stdout, "next: briefing build -config %s\n", filepath.Join(dir, "config.toml"))
	return nil
}

// writeStarter writes the starter files into dir, creating it if need be.
// It refuses, writing nothing, when any of the files exists already; a
// file that appears meanwhile is not overwritten either (O_EXCL), and what
// was written is then removed again.
func writeStarter(dir string) (written []string, err error) {
	targets := make([]string, len(starterFiles))
	for i, f := range starterFiles {
		targets[i] = filepath.Join(dir, filepath.FromSlash(f))
		if _, err := os.Lstat(targets[i]); err == nil {
			return nil, fmt.Errorf("briefing: init: %s already exists; nothing written", targets[i])
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("briefing: init: %w", err)
		}
	}
	defer func() {
		if err != nil {
			for _, w := range written {
				os.Remove(w)
			}
			written = nil
		}
	}()
	for i, f := range starterFiles {
		src, err := starter.ReadFile("starter/" + f)
		if err != nil {
			return written, fmt.Errorf("briefing: init: %w", err)
		}
		if err := os.MkdirAll(filepath.Dir(targets[i]), 0o755); err != nil {
			return written, fmt.Errorf("briefing: init: %w", err)
		}
		if err := writeNew(targets[i], src); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return written, fmt.Errorf("briefing: init: %s already exists; nothing written", targets[i])
			}
			return written, fmt.Errorf("briefing: init: %w", err)
		}
		written = append(written, targets[i])
	}
	return written, nil
}

// writeNew creates name, which must not exist, with content src.
func writeNew(name string, src []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(src); err != nil {
		f.Close()
		os.Remove(name)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
