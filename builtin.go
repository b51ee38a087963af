// Package briefing, the module's root, holds what the binary embeds and
// nothing else: the documented defaults of the layout config (Defaults,
// the root's config.toml) and the built-in briefing (Builtin: that config
// and the data it names), so that `briefing` with no config file produces
// the default briefing anywhere. The files stay at the root, where the
// README and docs/config.md point; an embed cannot reach up, so their
// holder is the root package. package config decodes Defaults under every config;
// internal/build serves Builtin when no config is given.
package briefing

import "embed"

// Defaults is config.toml: every key of the layout config with its
// default value. A user's config is decoded over it.
//
//go:embed config.toml
var Defaults []byte

// Builtin holds config.toml and data/*.toml exactly as they are in the
// repository: the built-in briefing. Paths in config.toml are relative to
// its root.
//
//go:embed config.toml data/*.toml data/sources/*.txt
var Builtin embed.FS
