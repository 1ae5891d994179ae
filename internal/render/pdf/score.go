package pdf

import (
	"strings"
	"time"

	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/score"
)

// ScoreReport lays the score report rep of the grid res out for
// RenderReport: dated the grid's date, or now when it records none, by
// author ("goldenthread v1.2.3"), its footer numbering pages in the words
// of w. The command line and the web app print the same report this way.
func ScoreReport(rep *score.Report, res *score.Result, w model.Words, now time.Time, author string) *Report {
	date := now
	if t, err := time.Parse(time.DateOnly, res.Date); err == nil {
		date = t
	}
	out := &Report{Title: rep.Title, Subtitle: strings.Join(rep.Subtitle, "\n\n"), Date: date, Author: author,
		PageNumber: w.Get("report.page")}
	for _, s := range rep.Sections {
		ps := ReportSection{Heading: s.Heading, Sub: s.Sub, Paragraphs: s.Text}
		for _, item := range s.List {
			ps.Paragraphs = append(ps.Paragraphs, "• "+item)
		}
		if s.Table != nil {
			ps.Table = &Table{Header: s.Table.Header, Rows: s.Table.Rows}
		}
		out.Sections = append(out.Sections, ps)
	}
	return out
}

// Unprintable returns the characters of the report's text that the fonts
// cannot draw, once each: RenderReport prints them as U+FFFD.
func (r *Report) Unprintable() []rune {
	texts := []string{r.Title, r.Subtitle}
	for _, s := range r.Sections {
		texts = append(texts, s.Heading)
		texts = append(texts, s.Paragraphs...)
		if s.Table != nil {
			texts = append(texts, s.Table.Header...)
			for _, row := range s.Table.Rows {
				texts = append(texts, row...)
			}
		}
	}
	return Unprintable(strings.Join(texts, "\n"))
}
