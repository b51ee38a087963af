// Package version is the one place briefing's version comes from: what
// `briefing --version` and `briefing version` print, what the PDF's
// Creator and Producer say and what serve hashes into its ETags.
//
// The go command records the main module's version in the binary's build
// info, and that is the version:
//
//   - `go install github.com/briefing-pdf/briefing/cmd/briefing@v1.2.3`:
//     "v1.2.3";
//   - `go build` or `go run` in a git clone: a pseudo-version naming the
//     commit, "v0.0.0-20261127102420-30adb0e90c00", with "+dirty" when
//     the tree has uncommitted changes;
//   - a build with no version control information (-buildvcs=false, a
//     source tarball, a git worktree the go command does not stamp, and
//     every `go test` binary) records "(devel)": then it is Base with
//     "-dev" ("0.2.0-dev"), with the VCS revision if one was recorded
//     without a version, so that such a build never claims to be a
//     release.
//
// The value is fixed for a given binary, so the same binary given the
// same input still writes byte-identical PDFs.
package version

import (
	"runtime/debug"
	"sync"
)

// Base is the release the source tree is working towards; a build without
// a module version reports it as Base+"-dev".
const Base = "0.2.0"

// String returns the version of the running binary.
func String() string { return get() }

var get = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Base + "-dev"
	}
	return fromBuildInfo(bi)
})

// fromBuildInfo is the version a binary with build info bi reports.
func fromBuildInfo(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	v := Base + "-dev"
	var rev string
	var dirty bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += "+" + rev
		if dirty {
			v += "-dirty"
		}
	}
	return v
}
