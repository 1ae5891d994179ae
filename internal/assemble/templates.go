package assemble

import (
	"io/fs"
	"path"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// Templates holds the document furniture kept as data in templates/.
type Templates struct {
	Labels Labels
	Text   Text
}

// Labels names the library's codes and each regime's terms.
type Labels struct {
	Stage   map[string]string `toml:"stage" gt:"required"`
	Lever   map[string]string `toml:"lever" gt:"required"`
	Status  map[string]string `toml:"status" gt:"required"`
	Kind    map[string]string `toml:"kind" gt:"required"`
	Regimes []Regime          `toml:"regime" gt:"required"`
}

// Regime holds the terms one procurement regime uses.
type Regime struct {
	ID                       string `toml:"id" gt:"required"`
	Name                     string `toml:"name" gt:"required,text"`
	SelectionStage           string `toml:"selection_stage" gt:"required,text"`
	SelectionDocument        string `toml:"selection_document" gt:"required,text"`
	AwardBasis               string `toml:"award_basis" gt:"required,text"`
	SelectionTitle           string `toml:"selection_title" gt:"required,text"`
	AwardTitle               string `toml:"award_title" gt:"required,text"`
	ConditionOfParticipation string `toml:"condition_of_participation" gt:"required,text"`
}

// Text is the standing text of documents.
type Text struct {
	Purpose string `toml:"purpose" gt:"required,text"`
	Intro   string `toml:"intro" gt:"required,text"`
}

// LoadTemplates reads labels.toml and text.toml from fsys, naming files
// under dir in messages.
func LoadTemplates(fsys fs.FS, dir string) (*Templates, diag.List) {
	var list diag.List
	t := &Templates{}
	decode := func(name string, v any) {
		display := path.Join(dir, name)
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			list.Add(diag.Pos{File: display}, "cannot read: %v", err)
			return
		}
		if doc := tomldoc.Parse(display, src, &list); doc != nil {
			library.Decode(doc, v, &list)
		}
	}
	decode("labels.toml", &t.Labels)
	decode("text.toml", &t.Text)
	list = list.Sort()
	if list.Count(diag.Error) > 0 {
		return nil, list
	}
	return t, list
}

func (t *Templates) regime(id string) *Regime {
	for i := range t.Labels.Regimes {
		if t.Labels.Regimes[i].ID == id {
			return &t.Labels.Regimes[i]
		}
	}
	return nil
}
