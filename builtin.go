// Package briefing holds the built-in briefing: the default layout config
// and the data it names, embedded in the binary so that `briefing` with no
// config file produces the default briefing anywhere.
package briefing

import "embed"

// Builtin holds config.toml and data/*.toml exactly as they are in the
// repository. Paths in config.toml are relative to its root.
//
//go:embed config.toml data/*.toml data/sources/*.txt
var Builtin embed.FS
