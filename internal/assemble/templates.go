package assemble

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// Templates holds the document wording kept as data in templates/: for one
// language, the labels and regime terms (LANG/labels.toml) and every other
// piece of wording (the other LANG/*.toml files), by key.
type Templates struct {
	Language string
	Labels   Labels
	Words    model.Words
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

// DefaultLanguage is the language every other language's wording is
// checked against: a key it lacks is unknown, and a text must carry the
// same formatting verbs (%s, %d …) as its English.
const DefaultLanguage = "en"

// LoadTemplates reads the wording for lang from fsys (LANG/labels.toml and
// every other LANG/*.toml), naming files under dir in messages. Every file
// is checked in one run: a value that is neither text nor a list of texts,
// empty text, and for a language other than English a key English lacks,
// a key it does not give, or formatting verbs that differ from English's.
func LoadTemplates(fsys fs.FS, dir, lang string) (*Templates, diag.List) {
	var list diag.List
	t := &Templates{Language: lang}
	t.Words, list = loadWords(fsys, dir, lang, &t.Labels)
	if lang != DefaultLanguage {
		var en Labels
		ref, refList := loadWords(fsys, dir, DefaultLanguage, &en)
		list = append(list, refList...)
		compareWords(&list, path.Join(dir, lang), t.Words, ref)
	}
	list = list.Sort()
	if list.Count(diag.Error) > 0 {
		return nil, list
	}
	return t, list
}

// loadWords reads one language's folder: labels.toml decoded into labels,
// every file's texts flattened into Words under "file.key" (tables add
// their names: "labels.stage.award").
func loadWords(fsys fs.FS, dir, lang string, labels *Labels) (model.Words, diag.List) {
	var list diag.List
	w := model.Words{Text: map[string]string{}, Lists: map[string][]string{}}
	names, err := fs.Glob(fsys, lang+"/*.toml")
	if err != nil || len(names) == 0 {
		list.Add(diag.Pos{File: path.Join(dir, lang)}, "no wording for language %q: add the folder %s with its .toml files", lang, path.Join(dir, lang))
		return w, list
	}
	slices.Sort(names)
	for _, name := range names {
		display := path.Join(dir, name)
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			list.Add(diag.Pos{File: display}, "cannot read: %v", err)
			continue
		}
		doc := tomldoc.Parse(display, src, &list)
		if doc == nil {
			continue
		}
		base := strings.TrimSuffix(path.Base(name), ".toml")
		if base == "labels" {
			library.Decode(doc, labels, &list)
		}
		flatten(doc, tomldoc.Path{}, base, doc.Raw, w, &list)
	}
	return w, list
}

func flatten(doc *tomldoc.Doc, p tomldoc.Path, key string, v any, w model.Words, list *diag.List) {
	switch v := v.(type) {
	case string:
		if strings.TrimSpace(v) == "" {
			list.Add(doc.ValuePos(p), "%s is empty: write the text, or remove the key", key)
		}
		w.Text[key] = v
	case []any:
		var texts []string
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				list.Add(doc.ValuePos(p.Index(i)), "%s: every item must be text in quotes", key)
				return
			}
			texts = append(texts, s)
		}
		w.Lists[key] = texts
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			flatten(doc, p.With(k), key+"."+k, v[k], w, list)
		}
	case []map[string]any:
		// Arrays of tables are records (labels.toml's [[regime]]), decoded
		// by type, not wording looked up by key.
	default:
		list.Add(doc.ValuePos(p), "%s must be text in quotes or a list of texts, not %T", key, v)
	}
}

var verb = regexp.MustCompile(`%[0-9.+\-# ]*[a-zA-Z%]`)

// compareWords checks a translation against English: the same keys, and
// in each text the same formatting verbs in the same order.
func compareWords(list *diag.List, where string, w, en model.Words) {
	pos := diag.Pos{File: where}
	for _, k := range slices.Sorted(maps.Keys(en.Text)) {
		s, ok := w.Text[k]
		if !ok {
			list.Add(pos, "%s is missing: translate it from the English (%q)", k, en.Text[k])
			continue
		}
		if a, b := verb.FindAllString(s, -1), verb.FindAllString(en.Text[k], -1); !slices.Equal(a, b) {
			list.Add(pos, "%s: has %s where the English has %s, in that order", k, fmt.Sprint(a), fmt.Sprint(b))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(w.Text)) {
		if _, ok := en.Text[k]; !ok {
			list.Add(pos, "%s is not a key English has%s", k, diag.DidYouMean(k, slices.Collect(maps.Keys(en.Text))))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(en.Lists)) {
		l := en.Lists[k]
		if len(w.Lists[k]) != len(l) {
			list.Add(pos, "%s needs %d items, as in English", k, len(l))
		}
	}
}

func (t *Templates) regime(id string) *Regime {
	if i := slices.IndexFunc(t.Labels.Regimes, func(r Regime) bool { return r.ID == id }); i >= 0 {
		return &t.Labels.Regimes[i]
	}
	return nil
}
