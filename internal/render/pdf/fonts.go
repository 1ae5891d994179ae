package pdf

import (
	"embed"
	"fmt"
	"sync"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/phpdave11/gofpdf"
	"golang.org/x/image/font/sfnt"
)

// The DejaVu Sans faces are embedded so every PDF carries the same Unicode
// font whatever the machine has installed; fonts/LICENSE allows
// redistribution. Only the faces the type scale uses are embedded.
//
//go:embed fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf fonts/LICENSE
var fontFS embed.FS

// family is the name the faces are registered under; gofpdf lowercases
// family names, so it is lower case here too.
const family = "dejavusans"

// faceFiles maps each style of the type scale to its file in fontFS.
var faceFiles = []struct {
	style fontstyle.Type
	file  string
}{
	{fontstyle.Normal, "fonts/DejaVuSans.ttf"},
	{fontstyle.Bold, "fonts/DejaVuSans-Bold.ttf"},
}

// fontSet is read once and only read afterwards, so concurrent renders
// share it without locking.
type fontSet struct {
	// custom holds the faces registered with maroto on every render.
	custom []*entity.CustomFont
	// measure holds, per style, a gofpdf document with the face set, only
	// ever read, to measure text as gofpdf draws it: see wrap.
	measure map[fontstyle.Type]*gofpdf.Fpdf
	// drawable marks the runes every face has a glyph for; text is
	// cleaned against it so a style change never meets a missing glyph.
	drawable []bool
	// replacement stands in for characters the fonts cannot draw.
	replacement rune
}

// loadFonts returns the shared font set, reading the embedded files on
// first use.
var loadFonts = sync.OnceValues(readFonts)

func readFonts() (*fontSet, error) {
	fs := &fontSet{measure: map[fontstyle.Type]*gofpdf.Fpdf{}, drawable: make([]bool, 1<<16)}
	for r := range fs.drawable {
		fs.drawable[r] = r != 0 && r != 0xFFFF // gofpdf skips both
	}
	var buf sfnt.Buffer
	for _, ff := range faceFiles {
		b, err := fontFS.ReadFile(ff.file)
		if err != nil {
			return nil, err
		}
		// maroto hands the bytes to gofpdf, which only reads them, so one
		// copy serves every render.
		fs.custom = append(fs.custom, &entity.CustomFont{Family: family, Style: ff.style, Bytes: b})
		f, err := sfnt.Parse(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ff.file, err)
		}
		for r := range fs.drawable {
			if fs.drawable[r] {
				g, err := f.GlyphIndex(&buf, rune(r))
				fs.drawable[r] = err == nil && g != 0
			}
		}
		// A gofpdf document of its own per render would parse the face
		// again; measuring only reads this one, so renders share it.
		gofpdfDefaults.Lock() // gofpdf.New reads the defaults newDoc sets
		m := gofpdf.New("P", "mm", "A4", "")
		gofpdfDefaults.Unlock()
		m.AddUTF8FontFromBytes(family, string(ff.style), b)
		m.SetFont(family, string(ff.style), 10)
		if err := m.Error(); err != nil {
			return nil, fmt.Errorf("%s: %w", ff.file, err)
		}
		fs.measure[ff.style] = m
	}
	fs.replacement = '?'
	if fs.drawable['\uFFFD'] {
		fs.replacement = '\uFFFD'
	}
	return fs, nil
}

// units returns the advance of s in thousandths of an em, as gofpdf
// measures it.
func (fs *fontSet) units(st fontstyle.Type, s string) int {
	return fs.measure[st].GetStringSymbolWidth(s)
}
