package cli

import (
	"io"

	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/render/pdf"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
)

// output is one kind of document a profile can produce.
type output struct {
	file   string // name within the profile's output folder
	what   string // for the summary
	render func(io.Writer, *model.Pack) error
	// applies says whether the profile can produce this output.
	applies func(*built) bool
}

func outputs() []output {
	return []output{
		{file: "asks.pdf", what: "asks for consultation (PDF)", render: pdf.Render, applies: func(*built) bool { return true }},
		{file: "grid.xlsx", what: "evaluation grid (XLSX)", render: xlsx.Grid, applies: hasGrid},
	}
}

// hasGrid reports whether a profile sets up scoring and selects questions.
func hasGrid(b *built) bool {
	return b.prof.Scoring != nil && len(b.pack.Questions) > 0
}
