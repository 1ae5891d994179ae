package web

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/profile"
)

// FuzzSave posts the profile form with whatever a rep (or anything else)
// might type into its boxes: the app answers with a saved profile that
// loads, or the form again with the problem, never an error of its own,
// and never writes a file the loader refuses.
func FuzzSave(f *testing.F) {
	f.Add("Cyngor Gwynedd", "25", "Pay the real Living Wage.", "£13.45", "Lead\nRep")
	f.Add(`"quoted" \ back`, "1e3", "line\r\nbreak '''\"\"\"", "{x}", "")
	f.Add("\x00\x1b[31m", "-5", "]]\n[evil]\nx = 1", "\u202e", "a\n\n\nb")
	f.Add(strings.Repeat("ŵ", 300), "NaN", "#", "", "\t")
	s, lib, dir := editServer(f)
	const name = "midshire-highways"
	path := filepath.Join(dir, name+".toml")
	orig, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	b := newBrowser(f, s.Handler())
	page := b.do("GET", "/p/"+name+"/edit", nil)
	base := formValues(f, page.Body.Bytes(), "/p/"+name+"/edit")
	f.Fuzz(func(t *testing.T, employer, weight, ask, holder, panel string) {
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			t.Fatal(err)
		}
		v := cloneValues(base)
		v.Set("action", "save")
		v.Set("employer.name", employer)
		for k := range v {
			if strings.HasPrefix(k, "weight:") {
				v.Set(k, weight)
				break
			}
		}
		v.Set("ask:living-wage.all-contract-workers", ask)
		v.Set("ph:contract", holder)
		v.Set("scoring.panel", panel)
		rec := (&browser{t: t, h: b.h, cookies: b.cookies}).do("POST", "/p/"+name+"/edit", v)
		switch rec.Code {
		case http.StatusSeeOther, http.StatusUnprocessableEntity:
		default:
			t.Fatalf("POST = %d\n%s", rec.Code, rec.Body)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Code != http.StatusSeeOther {
			if string(got) != string(orig) {
				t.Fatal("the form was refused, yet the file changed")
			}
			return
		}
		prof, list := profile.Load(lib, name+".toml", got, testNow)
		if prof == nil {
			t.Fatalf("saved a profile that does not load: %v\n%s", list.Err(), got)
		}
		for _, p := range list {
			if p.Severity == diag.Error && p.Part != profile.ScoringPart {
				t.Fatalf("saved a profile with a problem: %v", p)
			}
		}
	})
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
