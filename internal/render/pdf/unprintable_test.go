package pdf

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/phpdave11/gofpdf"
)

var (
	refOnce  sync.Once
	refChars []map[uint16]uint16
	refErr   error
)

// refCmaps returns the character maps of the faces every document
// registers, read by gofpdf's own TrueType parser rather than by
// parseFace, so Unprintable is checked against a second reading of the
// fonts.
func refCmaps(t testing.TB) []map[uint16]uint16 {
	t.Helper()
	refOnce.Do(func() {
		fs, err := loadFonts()
		if err != nil {
			refErr = err
			return
		}
		dir, err := os.MkdirTemp("", "cmap")
		if err != nil {
			refErr = err
			return
		}
		defer os.RemoveAll(dir)
		for _, c := range fs.custom {
			path := filepath.Join(dir, "face"+string(c.Style)+".ttf")
			if refErr = os.WriteFile(path, c.Bytes, 0o600); refErr != nil {
				return
			}
			rec, err := gofpdf.TtfParse(path)
			if err != nil {
				refErr = err
				return
			}
			refChars = append(refChars, rec.Chars)
		}
	})
	if refErr != nil {
		t.Fatal(refErr)
	}
	return refChars
}

// inAllFonts reports whether every registered face has a glyph for r.
func inAllFonts(cmaps []map[uint16]uint16, r rune) bool {
	if r >= 1<<16 {
		return false // gofpdf reads only the BMP part of a font's cmap
	}
	for _, m := range cmaps {
		if m[uint16(r)] == 0 {
			return false
		}
	}
	return true
}

// checkUnprintable checks what Unprintable(s) returned against the
// reference character maps: each rune reported is in s, once, is no white
// space and lacks a glyph; each visible rune of s that lacks one is
// reported; and clean, which draws the document, leaves none of them in.
func checkUnprintable(t *testing.T, s string, got []rune) {
	t.Helper()
	cmaps := refCmaps(t)
	for i, r := range got {
		switch {
		case !strings.ContainsRune(s, r):
			t.Errorf("Unprintable(%q) reports %U, which is not in the text", s, r)
		case slices.Contains(got[:i], r):
			t.Errorf("Unprintable(%q) reports %U twice", s, r)
		case unicode.IsSpace(r):
			t.Errorf("Unprintable(%q) reports white space %U", s, r)
		case inAllFonts(cmaps, r):
			t.Errorf("Unprintable(%q) reports %U, which the fonts have", s, r)
		}
	}
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				continue // invalid UTF-8, not reported
			}
		}
		visible := !unicode.IsSpace(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r)
		if visible && !inAllFonts(cmaps, r) && !slices.Contains(got, r) {
			t.Errorf("Unprintable(%q) = %q; it misses %U, which the fonts lack", s, got, r)
		}
	}
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	if c := fs.clean(s); strings.ContainsFunc(c, func(r rune) bool { return slices.Contains(got, r) }) {
		t.Errorf("clean(%q) = %q; it keeps a rune Unprintable reports (%q)", s, c, got)
	}
}

var unprintableTests = []struct {
	name, in string
	want     []rune
}{
	{"empty", "", nil},
	{"ascii", "Cleaning services 2027-2032 (lot 1)", nil},
	{"welsh", "Siân Ŵyn, Cyngor Môn: ŵ ŷ â Ŵ Ŷ Â", nil},
	{"british", "£13.45 “quoted” ‘single’ – — … • ½ ≤ €", nil},
	{"emoji", "Cyngor 😀 Môn", []rune{'😀'}},
	{"fist and cjk", "Branch ✊ 中文", []rune{'✊', '中', '文'}},
	{"first appearance, once", "中 😀 ✊ 😀 中 ✊", []rune{'中', '😀', '✊'}},
	{"skin tone and flag", "👍🏽 🇬🇧", []rune{'👍', '🏽', '🇬', '🇧'}},
	{"zero-width joiner", "👩\u200d🔧", []rune{'👩', '🔧'}},
	{"white space", "a\tb\nc\u00a0d\u202fe\u2003f\u3000g", nil},
	{"control and format", "bell\a \u200b\u200d\u202e\u00ad\ufeff", nil},
	{"replacement character", "\ufffd", nil},
	{"invalid utf-8", "bad \xff\xfe bytes", nil},
	{"regular face only", "\uf000", []rune{'\uf000'}},
	{"non-BMP letters", "𝔘𝔫𝔦", []rune{'𝔘', '𝔫', '𝔦'}},
}

func TestUnprintable(t *testing.T) {
	for _, tc := range unprintableTests {
		t.Run(tc.name, func(t *testing.T) {
			got := Unprintable(tc.in)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Unprintable(%q) = %q; want %q", tc.in, got, tc.want)
			}
			checkUnprintable(t, tc.in, got)
		})
	}
}

// TestUnprintableConcurrent calls Unprintable from several goroutines at
// once; run alone under -race, it is also the fonts' first use.
func TestUnprintableConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, tc := range unprintableTests {
				if got := Unprintable(tc.in); !slices.Equal(got, tc.want) {
					t.Errorf("Unprintable(%q) = %q; want %q", tc.in, got, tc.want)
				}
			}
		})
	}
	wg.Wait()
}

// TestUnprintableRendered checks, with poppler reading the PDF back, that
// what Unprintable reports prints as U+FFFD in the pages and in the
// document properties alike.
func TestUnprintableRendered(t *testing.T) {
	const employer, org = "Cyngor 😀 Môn", "Branch ✊ 中文"
	for _, s := range []string{employer, org} {
		if len(Unprintable(s)) == 0 {
			t.Fatalf("Unprintable(%q) = nil; want the emoji, fist and ideographs", s)
		}
	}
	p := fixturePack()
	p.Sections = p.Sections[:1]
	p.Employer.Name, p.PreparedBy.Organisation = employer, org
	b := renderPack(t, p)
	const wantEmployer, wantOrg = "Cyngor \ufffd Môn", "Branch \ufffd \ufffd\ufffd"
	info := pdfInfo(t, b)
	if info["Author"] != wantOrg {
		t.Errorf("pdfinfo Author = %q; want %q", info["Author"], wantOrg)
	}
	if !strings.Contains(info["Keywords"], wantEmployer) {
		t.Errorf("pdfinfo Keywords = %q; want it to contain %q", info["Keywords"], wantEmployer)
	}
	text := flat(pdfText(t, b))
	for _, want := range []string{wantEmployer, wantOrg} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
	for _, r := range Unprintable(employer + org) {
		if strings.ContainsRune(text, r) || strings.ContainsRune(info["Author"]+info["Keywords"], r) {
			t.Errorf("PDF contains %U, which the fonts cannot draw", r)
		}
	}
}

func FuzzUnprintable(f *testing.F) {
	for _, tc := range unprintableTests {
		f.Add(tc.in)
	}
	for _, tc := range hostileCases {
		f.Add(tc.text[:min(len(tc.text), 300)])
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkUnprintable(t, s, Unprintable(s))
	})
}

func BenchmarkUnprintable(b *testing.B) {
	if _, err := loadFonts(); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct{ name, in string }{
		{"ascii", "Hotel services: cleaning, catering and portering 2027-2032"},
		{"welsh", fixtureContact},
		{"emoji", "Cyngor 😀 Môn"},
		{"paragraph", longRationale},
		{"cjk", strings.Repeat("中文 日本語 한국어 ", 100)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.in)))
			for b.Loop() {
				Unprintable(bc.in)
			}
		})
	}
}
