//go:build race

package fpdf

// raceEnabled: this test binary runs with the race detector, so
// TestUpstream runs upstream's tests with it too.
const raceEnabled = true
