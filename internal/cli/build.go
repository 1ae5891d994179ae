package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/profile"
	"github.com/goldenthread/goldenthread/internal/render/pdf"
	"github.com/goldenthread/goldenthread/templates"
)

// maxProfileSize guards against reading something that is not a profile.
const maxProfileSize = 4 << 20

func readInput(path string) ([]byte, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s: cannot read: %w", path, unwrapPath(err))
	case st.IsDir():
		return nil, fmt.Errorf("%s: is a folder, not a profile file", path)
	case st.Size() > maxProfileSize:
		return nil, fmt.Errorf("%s: %d bytes is too large for a profile (the limit is %d)", path, st.Size(), maxProfileSize)
	}
	return os.ReadFile(path)
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

func (e *env) lintProfile(lib *library.Library, path string) diag.List {
	src, err := readInput(path)
	if err != nil {
		return diag.List{{Pos: diag.Pos{File: path}, Msg: unwrapMsg(err, path)}}
	}
	prof, list := profile.Load(lib, path, src, e.now)
	if prof != nil {
		list = append(list, unprintable(prof)...).Sort()
	}
	return list
}

// unprintable warns about characters in the profile's text that the PDF
// fonts cannot draw (emoji, Chinese and Japanese characters and the like),
// at the first of them in each text: the PDF shows them as �.
func unprintable(prof *profile.Profile) diag.List {
	var list diag.List
	prof.EachText(func(name, text string, at func(string) diag.Pos) {
		rs := pdf.Unprintable(text)
		if len(rs) == 0 {
			return
		}
		list.Warn(at(string(rs[0])), "%s: %s cannot be printed in the PDF documents, whose fonts have no such character, so it shows there as \ufffd; the evaluation grid keeps it", name, runeList(rs))
	})
	return list
}

func unwrapMsg(err error, path string) string {
	if msg, ok := strings.CutPrefix(err.Error(), path+": "); ok && msg != "" {
		return msg
	}
	return err.Error()
}

// loadTemplates loads the built-in document templates.
func loadTemplates() (*assemble.Templates, error) {
	t, list := assemble.LoadTemplates(templates.FS, "templates", assemble.DefaultLanguage)
	if err := list.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// build loads and assembles one profile for the outputs given. Problems
// are returned as a *diag.Errors, with the warnings in the list; problems in
// [scoring] are warnings when no output needs it.
func (e *env) build(lib *library.Library, tmpl *assemble.Templates, path string, outs []output) (*model.Pack, diag.List, error) {
	src, err := readInput(path)
	if err != nil {
		return nil, nil, err
	}
	prof, list := profile.Load(lib, path, src, e.now)
	if !slices.ContainsFunc(outs, func(o output) bool { return o.scoring }) {
		list = profile.AsksOnly(list)
	}
	if prof == nil || list.Count(diag.Error) > 0 {
		return nil, list, list.Err()
	}
	list = append(list, unprintable(prof)...)
	pack, err := assemble.Build(lib, prof, tmpl, assemble.Options{Version: Version, Date: e.now})
	return pack, list, err
}

// runeList names characters for a message: "😀 (U+1F600), 中 (U+4E2D)".
func runeList(rs []rune) string {
	shown := make([]string, len(rs))
	for i, r := range rs {
		shown[i] = fmt.Sprintf("%c (U+%04X)", r, r)
	}
	return strings.Join(shown, ", ")
}
