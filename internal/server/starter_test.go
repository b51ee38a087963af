package server

import (
	"io/fs"
	"os"
	"path/filepath"
)

// starter is the command's directory in this repository, whose starter/
// holds the briefing `briefing init` writes: the served files of most
// tests.
var starter = os.DirFS(filepath.Join("..", "..", "cmd", "briefing")).(fs.ReadFileFS)

// writeStarter writes the starter briefing into dir.
func writeStarter(dir string) ([]string, error) {
	var written []string
	for _, f := range []string{"config.toml", "data/briefing.toml"} {
		b, err := starter.ReadFile("starter/" + f)
		if err != nil {
			return nil, err
		}
		name := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(name, b, 0o644); err != nil {
			return nil, err
		}
		written = append(written, name)
	}
	return written, nil
}
