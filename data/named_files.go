package data

// TextFiles returns the source text files a data file names, as fs paths
// (relative to the config's directory, like the data file's own name), in
// file order. The file is read by its extension as LoadWith reads it
// (TOML or JSON; a CSV file's rows name no files). A file that does not
// parse names none. Servers and watchers use it to know which files a
// build reads besides the data files.
func TextFiles(name string, src []byte) []string {
	pt, _ := (&Options{}).decode(name, src)
	if pt == nil {
		return nil
	}
	out := make([]string, 0, len(pt.texts))
	for _, t := range pt.texts {
		out = append(out, t.path)
	}
	return out
}

// SectionBodies returns the Markdown bodies of the sections of one data
// file, composed (NFC) as Load gives them, in file order; read like
// TextFiles. Servers and watchers look for the images they name.
func SectionBodies(name string, src []byte) []string {
	pt, _ := (&Options{}).decode(name, src)
	if pt == nil {
		return nil
	}
	out := make([]string, 0, len(pt.sections))
	for _, s := range pt.sections {
		out = append(out, s.Body)
	}
	return out
}
