package report_test

import (
	"io/fs"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/report"
)

func loadData(fsys fs.FS, cfg *report.Config) (*data.Briefing, error) {
	return data.Load(fsys, cfg.Data)
}

func buildPDF(b *data.Briefing, cfg *report.Config, fsys fs.FS, opt report.Options) ([]byte, error) {
	res, err := report.Build(b, cfg, fsys, opt)
	if err != nil {
		return nil, err
	}
	return res.PDF, nil
}
