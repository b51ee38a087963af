package data

import (
	"strings"
	"testing"
)

// TestPositionsInTrickySyntax puts defects after constructs that could
// mislead a scan of the source: headers and brackets inside strings and
// comments, quoted and dotted keys, sub-tables, inline arrays of tables,
// CRLF line ends.
func TestPositionsInTrickySyntax(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "fake headers in strings and comments",
			src: prefix + `[[events]] # [[events]]
id = "a"
date = 2023-05-01
title = "A"
summary = """
[[events]]
id = "fake" ''' ] } {
"""

[[events]]
"id" = "b"
date = 2023-05-02
title = '[[events]] """'
summary = '''
[[events]]
"""'''
# [[events]]
  [[ events ]]
id = "c"
'date' = 2023-05-03
title = "C"
	tittle = "x"
`,
			want: []string{`x.toml:39:2: events[2] "c": unknown key "tittle" (did you mean "title"?)`},
		},
		{
			name: "dotted keys and sub-tables",
			src: `[briefing]
title = "T"
date = 2024-01-15
period.start = 2023-01-01
period.end = "2023-12-31"

[briefing.extra]
x = 1

[[events]]
id = "a"
date = 2023-05-01
title = "A"

[[events.quotes]]
text = "q"
by = "nobody"

[[events]]
id = "b"
date = 2023-05-02
title = "B"

[[events.quotes]]
text = "q"

[[events.quotes]]
text = "r"
by = 5
`,
			want: []string{
				`x.toml:5:1: [briefing] period: end: got string "2023-12-31"; want a date like 2023-05-01, without quotes`,
				`x.toml:7:1: [briefing]: unknown key "extra"`,
				`x.toml:17:1: events[0] "a" quotes[0]: unknown actor "nobody"`,
				`x.toml:24:1: events[1] "b" quotes[0]: missing required key "by"`,
				`x.toml:29:1: events[1] "b" quotes[1]: by: got integer 5; want a string`,
			},
		},
		{
			name: "inline array of tables",
			src: `events = [
  { id = "a", date = 2023-05-01, title = "A" },
  { id = "b", date = "2023-05-02", title = "B" },
  { id = "c", date = 2023-05-03, title = "C", actors = ["x", "y"] },
]

[briefing]
title = "T"
date = 2024-01-15
`,
			want: []string{
				`x.toml:3:15: events[1] "b": date: got string "2023-05-02"; want a date like 2023-05-01, without quotes`,
				`x.toml:4:57: events[2] "c": unknown actor "x"`,
				`x.toml:4:62: events[2] "c": unknown actor "y"`,
			},
		},
		{
			name: "CRLF line ends",
			src: strings.ReplaceAll(prefix+`[[events]]
id = "a"
date = 2023-05-01
title = "A"

[[events]]
id = "b"
date = 2023-05-02
title = """
B
"""
bad = 1
`, "\n", "\r\n"),
			want: []string{`x.toml:29:1: events[1] "b": unknown key "bad"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadBytes("x.toml", []byte(tt.src))
			got := errorLines(t, err)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestCheckNesting(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want string // "" for no error, else line:col
	}{
		{"a = " + strings.Repeat("[", 64) + strings.Repeat("]", 64), ""},
		{"a = " + strings.Repeat("{b=", 65) + "1" + strings.Repeat("}", 65), "1:197"},
		{"a = '" + strings.Repeat("[", 100) + "'", ""},
		{"a = \"\\\"" + strings.Repeat("[", 100) + "\"", ""},
		{"a = '''\n" + strings.Repeat("{", 100) + "'''", ""},
		{"a = \"\"\"\n\\\"\"\"" + strings.Repeat("[", 100) + "\"\"\"", ""},
		{"# " + strings.Repeat("[", 100) + "\n", ""},
		{"# x\n\"s\"\n'''\n'''\nb = " + strings.Repeat("[", 70), "5:69"},
	} {
		e := checkNesting(tt.src)
		var got string
		if e != nil {
			got = strings.TrimSuffix(e.Error(), ": arrays and inline tables nest more than 64 deep")
		}
		if got != tt.want {
			t.Errorf("checkNesting(%.30q…) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestCheckNestingExported(t *testing.T) {
	if e := CheckNesting("c.toml", []byte("a = [[1]]\n")); e != nil {
		t.Errorf("CheckNesting: %v", e)
	}
	e := CheckNesting("c.toml", []byte("a = "+strings.Repeat("[", 100000)))
	if e == nil || e.Error() != "c.toml:1:69: arrays and inline tables nest more than 64 deep" {
		t.Errorf("CheckNesting: %v", e)
	}
}
