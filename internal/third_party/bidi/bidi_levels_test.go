package bidi

import "testing"

// The one change from go-text: every Run has one level, that of each
// of its characters, and the runs tile the text.
func TestRunsSplitAtLevelChanges(t *testing.T) {
	for _, tc := range []struct {
		text   string
		dir    Direction
		levels []Level // per run
		para   Level
	}{
		{"abc", Neutral, []Level{0}, 0},
		{"שלום", Neutral, []Level{1}, 1},
		// Digits after Hebrew in a left-to-right paragraph are at level 2,
		// Latin after them at level 0: two runs, not one even run.
		{"שלום 123abc", LeftToRight, []Level{1, 2, 0}, 0},
		{"abc שלום 123 def", LeftToRight, []Level{0, 1, 2, 0}, 0},
		{"שלום abc", RightToLeft, []Level{1, 2}, 1},
		{"مرحبا ١٢٣", Neutral, []Level{1, 2}, 1},
	} {
		var p Paragraph
		runs := p.SegmentString(tc.text, tc.dir)
		var got []Level
		end := 0
		for i := 0; i < runs.NumRuns(); i++ {
			r := runs.Run(i)
			if r.Start != end {
				t.Errorf("%q: run %d starts at %d, want %d", tc.text, i, r.Start, end)
			}
			end = r.End
			for j := r.Start; j < r.End; j++ {
				if runs.levels[j] != r.Level {
					t.Errorf("%q: character %d has level %d inside a run at level %d", tc.text, j, runs.levels[j], r.Level)
				}
			}
			got = append(got, r.Level)
		}
		if end != len([]rune(tc.text)) {
			t.Errorf("%q: runs end at %d", tc.text, end)
		}
		if len(got) != len(tc.levels) {
			t.Errorf("%q: run levels %v, want %v", tc.text, got, tc.levels)
			continue
		}
		for i := range got {
			if got[i] != tc.levels[i] {
				t.Errorf("%q: run levels %v, want %v", tc.text, got, tc.levels)
				break
			}
		}
		if p.Level() != tc.para {
			t.Errorf("%q: paragraph level %d, want %d", tc.text, p.Level(), tc.para)
		}
	}
}
