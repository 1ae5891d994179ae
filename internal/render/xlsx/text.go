package xlsx

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/goldenthread/goldenthread/internal/model"
)

// text holds the words a grid uses, so wording stays data, not code;
// each field is the key of the same name in templates/LANG/grid.toml.
type text struct {
	GuideTitle     string `toml:"guide_title"`
	ReturnTitle    string `toml:"return_title"`
	Employer       string `toml:"employer"`
	Procurement    string `toml:"procurement"`
	Reference      string `toml:"reference"`
	Regime         string `toml:"regime"`
	SelectionStage string `toml:"selection_stage"`
	AwardBasis     string `toml:"award_basis"`
	Date           string `toml:"date"`
	UnionNominee   string `toml:"union_nominee"`
	NomineeLine    string `toml:"nominee_line"`
	TheUnion       string `toml:"the_union"`

	HowHeading string   `toml:"how_heading"`
	How        []string `toml:"how"`

	DeclarationsHeading string `toml:"declarations_heading"`
	DeclarationsIntro   string `toml:"declarations_intro"`
	DeclInputTitle      string `toml:"declaration_input_title"`
	DeclInput           string `toml:"declaration_input"`

	ScalesHeading      string   `toml:"scales_heading"`
	ScaleHeaders       []string `toml:"scale_headers"`
	PassFailTitle      string   `toml:"pass_fail_title"`
	PassFailDescriptor string   `toml:"pass_fail_descriptor"`

	WeightingHeading string   `toml:"weighting_heading"`
	WeightingIntro   string   `toml:"weighting_intro"`
	SocialValue      string   `toml:"social_value"`
	WeightingHeaders []string `toml:"weighting_headers"`
	Total            string   `toml:"total"`
	PassRequired     string   `toml:"pass_required"`

	FlagsHeading  string `toml:"flags_heading"`
	FlagsIntro    string `toml:"flags_intro"`
	FlagLine      string `toml:"flag_line"`
	FlagPassFail  string `toml:"flag_pass_fail"`
	KindScored    string `toml:"kind_scored"`
	KindPassFail  string `toml:"kind_pass_fail"`
	KindInfo      string `toml:"kind_information"`
	InfoScale     string `toml:"information_scale"`
	EvalProcLabel string `toml:"procurement_label"`
	EvalIntro     string `toml:"evaluator_intro"`
	StrongAnswer  string `toml:"strong_answer"`
	WeightLine    string `toml:"weight_line"`
	PassMarkLine  string `toml:"pass_mark_line"`

	QuestionsTitle string `toml:"questions_title"`
	QuestionsIntro string `toml:"questions_intro"`

	ModerationTitle string `toml:"moderation_title"`
	ModerationIntro string `toml:"moderation_intro"`
	ModerationFlags string `toml:"moderation_flags"`

	SummaryTitle string `toml:"summary_title"`
	SummaryIntro string `toml:"summary_intro"`
	RankingTitle string `toml:"ranking_title"`

	InputTitle         string `toml:"input_title"`
	InputLabelsOnly    string `toml:"input_labels_only"`
	ErrorTitle         string `toml:"error_title"`
	ErrorMessage       string `toml:"error_message"`
	PassFailInputTitle string `toml:"pass_fail_input_title"`
	PassFailError      string `toml:"pass_fail_error"`

	FooterPage string `toml:"footer_page"`
}

// newText takes the grid's wording from the pack (templates/LANG/grid.toml,
// keys "grid.…"), checking what the layout relies on: the number of column
// labels, and the %s each pattern fills.
func newText(w model.Words) (*text, error) {
	var t text
	v := reflect.ValueOf(&t).Elem()
	for i := range v.NumField() {
		key := "grid." + v.Type().Field(i).Tag.Get("toml")
		switch f := v.Field(i); f.Kind() {
		case reflect.String:
			s, ok := w.Text[key]
			if !ok {
				return nil, fmt.Errorf("templates have no %s", key)
			}
			f.SetString(s)
		case reflect.Slice:
			f.Set(reflect.ValueOf(w.List(key)))
		}
	}
	if len(t.ScaleHeaders) != 2 || len(t.WeightingHeaders) != 5 {
		return nil, fmt.Errorf("grid text: scale_headers needs 2 labels and weighting_headers 5")
	}
	for _, s := range []string{t.SocialValue, t.InputTitle, t.ErrorMessage, t.WeightLine, t.PassMarkLine, t.ReturnTitle} {
		if strings.Count(s, "%s") != 1 {
			return nil, fmt.Errorf("grid text: %q needs one %%s", s)
		}
	}
	if strings.Count(t.FlagLine, "%s") != 2 || strings.Count(t.NomineeLine, "%s") != 2 {
		return nil, fmt.Errorf("grid text: flag_line and nominee_line need two %%s each")
	}
	return &t, nil
}
