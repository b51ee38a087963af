package server

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// serve reads CSV data files through the config's [[import]], as build
// does: the worked example of docs/spreadsheet.md serves its PDF, and a
// bad cell is an error at the cell.
func TestServeCSV(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../docs/examples/spreadsheet")); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, diskSource(dir), testOptions())
	r := ts.get(t, "/briefing.pdf")
	wantStatus(t, "GET /briefing.pdf", r, 200)
	if !bytes.HasPrefix(r.body, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.40q", r.body)
	}
	events, err := os.ReadFile(dir + "/data/events.csv")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(events), "RS-08,2024-03-15,", "RS-08,2024-03-32,", 1)
	if err := os.WriteFile(dir+"/data/events.csv", []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	r = ts.get(t, "/")
	if !bytes.Contains(r.body, []byte(`data/events.csv:10:7: row 9 &#34;rs-08&#34;, column &#34;Date&#34;: date:`)) {
		t.Errorf("GET / after a bad date: %d\n%.2000s", r.status, r.body)
	}
}

// POST /render reads posted CSV files through the served config's
// [[import]] whose file pattern ends with the posted file's name.
func TestRenderCSV(t *testing.T) {
	dir := "../../docs/examples/spreadsheet/data/"
	var files [][2]string
	for _, f := range []string{"briefing.toml", "actors.csv", "events.csv"} {
		b, err := os.ReadFile(dir + f)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, [2]string{f, string(b)})
	}
	ts := newTestServer(t, diskSource("../../docs/examples/spreadsheet"), testOptions())
	body, ct := multipartBody(t, files)
	r := ts.do(t, "POST", "/render", body, "Content-Type", ct)
	wantStatus(t, "POST /render of CSV files", r, 200)
	if !bytes.HasPrefix(r.body, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.200q", r.body)
	}
	files[2][1] = strings.Replace(files[2][1], "RS-08,2024-03-15,", "RS-08,2024-03-32,", 1)
	body, ct = multipartBody(t, files)
	r = ts.do(t, "POST", "/render", body, "Content-Type", ct)
	wantStatus(t, "POST /render of a bad CSV cell", r, 422)
	if !strings.Contains(string(r.body), `"file": "events.csv"`) || !strings.Contains(string(r.body), `"line": 10`) {
		t.Errorf("422 body: %s", r.body)
	}
}
