package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/briefing-pdf/briefing"
)

// TestStarterConfigOnlyDiffers holds the starter config to its promise:
// every key it sets differs from the default config (data aside, which a
// config must give).
func TestStarterConfigOnlyDiffers(t *testing.T) {
	var def, got map[string]any
	src, err := briefing.Builtin.ReadFile("config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := toml.Decode(string(src), &def); err != nil {
		t.Fatal(err)
	}
	src, err = starter.ReadFile("starter/config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := toml.Decode(string(src), &got); err != nil {
		t.Fatal(err)
	}
	var walk func(prefix string, got, def map[string]any)
	walk = func(prefix string, got, def map[string]any) {
		for k, v := range got {
			key := prefix + k
			if sub, ok := v.(map[string]any); ok {
				d, _ := def[k].(map[string]any)
				walk(key+".", sub, d)
				continue
			}
			if key != "data" && reflect.DeepEqual(v, def[k]) {
				t.Errorf("starter config sets %s to its default %v", key, v)
			}
		}
	}
	walk("", got, def)
	if _, ok := got["data"]; !ok {
		t.Error("starter config names no data")
	}
}

func TestInitWritesNothingOverExistingFiles(t *testing.T) {
	dir := t.TempDir()
	// A directory where a starter file goes: refused before writing.
	if err := os.MkdirAll(filepath.Join(dir, "data", "briefing.toml"), 0o755); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"init", dir}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), filepath.Join(dir, "data", "briefing.toml")+" already exists") {
		t.Errorf("stderr: %s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "config.toml")); err == nil {
		t.Error("config.toml written although init refused")
	}
}

func TestInitWritesTheStarterFiles(t *testing.T) {
	// init writes the embedded starter files, byte for byte.
	dir := t.TempDir()
	written, err := writeStarter(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != len(starterFiles) {
		t.Fatalf("wrote %v", written)
	}
	for i, f := range starterFiles {
		want, _ := starter.ReadFile("starter/" + f)
		got, err := os.ReadFile(written[i])
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: not the starter file (%v)", written[i], err)
		}
	}
	if _, err := writeStarter(dir); err == nil {
		t.Error("a second init succeeded")
	}
}
