package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	for _, c := range []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"installed release", debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
		{"pseudo-version", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261127100000-3f2a1c9d04be"}}, "v0.0.0-20261127100000-3f2a1c9d04be"},
		{"clone without VCS info", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, Base + "-dev"},
		{"no version at all", debug.BuildInfo{}, Base + "-dev"},
		{"clone at a commit", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "3f2a1c9d04be5e6f7a8b9c0d1e2f3a4b5c6d7e8f"}, {Key: "vcs.modified", Value: "false"}}},
			Base + "-dev+3f2a1c9d04be"},
		{"clone with changes", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "3f2a1c9d04be5e6f7a8b9c0d1e2f3a4b5c6d7e8f"}, {Key: "vcs.modified", Value: "true"}}},
			Base + "-dev+3f2a1c9d04be-dirty"},
	} {
		if got := fromBuildInfo(&c.bi); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// A test binary has no module version: String is the development version,
// the same on every call.
func TestStringInTests(t *testing.T) {
	v := String()
	if !strings.HasPrefix(v, Base+"-dev") {
		t.Errorf("String() = %q, want %s-dev…", v, Base)
	}
	if String() != v {
		t.Error("String changes between calls")
	}
}
