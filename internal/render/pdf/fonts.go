package pdf

import (
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
)

// The DejaVu Sans faces are embedded so every PDF carries the same Unicode
// font whatever the machine has installed; fonts/LICENSE allows
// redistribution.
//
//go:embed fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf fonts/DejaVuSans-Oblique.ttf fonts/DejaVuSans-BoldOblique.ttf fonts/LICENSE
var fontFS embed.FS

// family is the name the faces are registered under; gofpdf lowercases
// family names, so it is lower case here too.
const family = "dejavusans"

// faceFiles maps each style to its file in fontFS.
var faceFiles = []struct {
	style fontstyle.Type
	file  string
}{
	{fontstyle.Normal, "fonts/DejaVuSans.ttf"},
	{fontstyle.Bold, "fonts/DejaVuSans-Bold.ttf"},
	{fontstyle.Italic, "fonts/DejaVuSans-Oblique.ttf"},
	{fontstyle.BoldItalic, "fonts/DejaVuSans-BoldOblique.ttf"},
}

// face holds what layout needs from one font file: which runes it can draw
// and how wide gofpdf will think they are.
type face struct {
	// widths holds each BMP rune's advance in thousandths of an em, rounded
	// as gofpdf rounds it; 0 means the face has no glyph for the rune.
	widths []uint16
}

// fontSet is parsed once and only read afterwards, so concurrent renders
// share it without locking.
type fontSet struct {
	faces map[fontstyle.Type]*face
	// custom holds the faces registered with maroto on every render: those
	// of the styles in typeScale. gofpdf parses each registered face again
	// for every document and embeds it even if unused, so the faces no
	// style uses stay in the binary but out of the documents.
	custom []*entity.CustomFont
	// drawable marks the runes every registered face can draw; text is
	// cleaned against it so a style change never meets a missing glyph.
	drawable []bool
	// replacement stands in for characters the font cannot draw.
	replacement rune
}

var (
	fontsOnce sync.Once
	fontsVal  *fontSet
	fontsErr  error
)

// loadFonts returns the shared font set, parsing the embedded files on first
// use.
func loadFonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fontsVal, fontsErr = parseFonts(typeScale)
	})
	return fontsVal, fontsErr
}

func parseFonts(styles []style) (*fontSet, error) {
	fs := &fontSet{faces: map[fontstyle.Type]*face{}}
	used := map[fontstyle.Type]bool{}
	for _, s := range styles {
		used[s.font] = true
	}
	for _, ff := range faceFiles {
		b, err := fontFS.ReadFile(ff.file)
		if err != nil {
			return nil, err
		}
		f, err := parseFace(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ff.file, err)
		}
		fs.faces[ff.style] = f
		if used[ff.style] {
			// maroto hands the bytes to gofpdf, which only reads them, so
			// one copy serves every render.
			fs.custom = append(fs.custom, &entity.CustomFont{Family: family, Style: ff.style, Bytes: b})
		}
	}
	fs.drawable = make([]bool, 1<<16)
	for r := range fs.drawable {
		ok := true
		for _, c := range fs.custom {
			if fs.faces[c.Style].widths[r] == 0 {
				ok = false
				break
			}
		}
		fs.drawable[r] = ok
	}
	fs.replacement = '?'
	if fs.drawable['\uFFFD'] {
		fs.replacement = '\uFFFD'
	}
	return fs, nil
}

// parseFace reads the cmap and hmtx tables of a TrueType font the way
// gofpdf's UTF-8 font loader does, so widths measured here match the widths
// maroto measures when it wraps text.
func parseFace(b []byte) (*face, error) {
	rd := func(off, n int) ([]byte, error) {
		if off < 0 || n < 0 || off+n > len(b) {
			return nil, errors.New("truncated font")
		}
		return b[off : off+n], nil
	}
	u16 := func(off int) (int, error) {
		s, err := rd(off, 2)
		if err != nil {
			return 0, err
		}
		return int(binary.BigEndian.Uint16(s)), nil
	}
	u32 := func(off int) (int, error) {
		s, err := rd(off, 4)
		if err != nil {
			return 0, err
		}
		return int(binary.BigEndian.Uint32(s)), nil
	}

	numTables, err := u16(4)
	if err != nil {
		return nil, err
	}
	tables := map[string]int{}
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		tag, err := rd(rec, 4)
		if err != nil {
			return nil, err
		}
		pos, err := u32(rec + 8)
		if err != nil {
			return nil, err
		}
		tables[string(tag)] = pos
	}
	for _, t := range []string{"head", "hhea", "hmtx", "cmap", "maxp"} {
		if _, ok := tables[t]; !ok {
			return nil, fmt.Errorf("no %s table", t)
		}
	}
	unitsPerEm, err := u16(tables["head"] + 18)
	if err != nil {
		return nil, err
	}
	numHMetrics, err := u16(tables["hhea"] + 34)
	if err != nil {
		return nil, err
	}
	numGlyphs, err := u16(tables["maxp"] + 4)
	if err != nil {
		return nil, err
	}
	if unitsPerEm == 0 || numHMetrics == 0 {
		return nil, errors.New("bad head or hhea table")
	}

	// The first Unicode subtable in format 4, as gofpdf chooses it.
	cmap := tables["cmap"]
	nSub, err := u16(cmap + 2)
	if err != nil {
		return nil, err
	}
	sub := 0
	for i := 0; i < nSub; i++ {
		platform, _ := u16(cmap + 4 + 8*i)
		encoding, _ := u16(cmap + 6 + 8*i)
		off, err := u32(cmap + 8 + 8*i)
		if err != nil {
			return nil, err
		}
		if (platform == 3 && encoding == 1) || platform == 0 {
			if format, _ := u16(cmap + off); format == 4 {
				sub = cmap + off
				break
			}
		}
	}
	if sub == 0 {
		return nil, errors.New("no Unicode cmap in format 4")
	}
	length, err := u16(sub + 2)
	if err != nil {
		return nil, err
	}
	end := sub + length
	segs, err := u16(sub + 6)
	if err != nil {
		return nil, err
	}
	segs /= 2
	ends := sub + 14
	starts := ends + 2*segs + 2
	deltas := starts + 2*segs
	rangeOffs := deltas + 2*segs
	glyphOf := make([]int, 1<<16)
	for n := 0; n < segs; n++ {
		last, err := u16(ends + 2*n)
		if err != nil {
			return nil, err
		}
		first, err := u16(starts + 2*n)
		if err != nil {
			return nil, err
		}
		delta, err := u16(deltas + 2*n)
		if err != nil {
			return nil, err
		}
		ro, err := u16(rangeOffs + 2*n)
		if err != nil {
			return nil, err
		}
		for c := first; c <= last; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				pos := rangeOffs + 2*n + ro + (c-first)*2
				if pos < end {
					if g, err = u16(pos); err != nil {
						return nil, err
					}
					if g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
			}
			glyphOf[c] = g
		}
	}

	hmtx := tables["hmtx"]
	scale := 1000.0 / float64(unitsPerEm)
	advance := func(g int) (int, error) {
		if g >= numHMetrics {
			g = numHMetrics - 1
		}
		a, err := u16(hmtx + 4*g)
		if err != nil {
			return 0, err
		}
		if a >= 1<<15 {
			a = 0
		}
		return a, nil
	}
	f := &face{widths: make([]uint16, 1<<16)}
	for c, g := range glyphOf {
		// gofpdf skips code 0 and U+FFFF, and draws .notdef for glyph 0.
		if g == 0 || g >= numGlyphs || c == 0 || c == 0xFFFF {
			continue
		}
		a, err := advance(g)
		if err != nil {
			return nil, err
		}
		w := int(math.Round(scale * float64(a)))
		if w == 0 || w >= 0xFFFF {
			// gofpdf records zero-width glyphs as 65535 and then counts
			// them as zero; 0xFFFF here keeps "drawable" distinct from 0.
			w = 0xFFFF
		}
		f.widths[c] = uint16(w)
	}
	return f, nil
}

// units returns the advance of s in thousandths of an em, as gofpdf's
// GetStringSymbolWidth does for text that clean has passed.
func (f *face) units(s string) int {
	w := 0
	for _, r := range s {
		if r < 0x10000 {
			if v := f.widths[r]; v != 0xFFFF {
				w += int(v)
			}
		}
	}
	return w
}
