package library

import (
	"cmp"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// A document's list of sources has one entry per work. A source's work is
// its URL, or its title when it has none; citations that share a URL often
// differ in title only by their pinpoints ("p. 18", "s.186 (...)"), so the
// registry of works (clauses/works.toml) gives each such URL the title of
// the work as a whole.

// WorkTitle returns the title works.toml gives the work at url, and
// whether it gives one. Where it gives none, the library's sources that
// cite url all have one title (Load reports them otherwise), which names
// the work; a profile's own clauses are not checked against it.
func (l *Library) WorkTitle(url string) (string, bool) {
	if w := l.Works[url]; w != nil {
		return w.Title, true
	}
	return "", false
}

// WorkOf returns the work a source cites: a key that is the same for every
// citation of the work, and the work's title. A source with a URL cites the
// work at that URL; one without cites the work with no URL whose Starts its
// title begins with, or else the work its own title names.
func (l *Library) WorkOf(url, title string) (key, workTitle string) {
	if url != "" {
		if t, ok := l.WorkTitle(url); ok {
			return "url " + url, t
		}
		return "url " + url, title
	}
	if w := l.unlinked(title); w != nil {
		return "starts " + w.Starts, w.Title
	}
	return "title " + strings.ToLower(OneLine(title)), title
}

// unlinked returns the work with no URL that a title cites, or nil: the one
// with the longest Starts that the title begins with, followed by nothing
// or by a comma, colon, semicolon or bracket.
func (l *Library) unlinked(title string) *Work {
	title = OneLine(title)
	for _, w := range l.Unlinked {
		rest, ok := strings.CutPrefix(title, w.Starts)
		if ok && (rest == "" || strings.IndexAny(rest[:1], ",:;(") == 0 || strings.HasPrefix(rest, " (")) {
			return w
		}
	}
	return nil
}

// addWorks adds the [[work]] tables of one file.
func (l *Library) addWorks(layer string, doc *tomldoc.Doc, works []Work, list *diag.List) {
	for i := range works {
		w := &works[i]
		w.Origin = NewOrigin(layer, doc, tomldoc.Path{"work"}.Index(i))
		if w.URL == "" {
			if w.Origin.Key("url") == w.Origin.Pos { // no url at all, not a bad one
				l.addUnlinked(w, list)
			}
			continue
		}
		if w.Starts != "" {
			list.Add(w.Origin.Value("starts"), "a work with a url is cited by the sources with that url: remove starts, or the url")
		}
		if old, ok := l.Works[w.URL]; ok {
			if old.Origin.Layer == layer {
				list.Add(w.Origin.Value("url"), "url %q already has a [[work]] at %s: keep one", w.URL, old.Origin.Pos)
				continue
			}
			list.Notef(w.Origin.Pos, "the [[work]] for %q replaces the built-in one", w.URL)
		}
		l.Works[w.URL] = w
	}
}

// addUnlinked adds a work with no URL, which needs starts.
func (l *Library) addUnlinked(w *Work, list *diag.List) {
	w.Starts = OneLine(w.Starts)
	if w.Starts == "" {
		list.Add(w.Origin.Pos, "a [[work]] needs a url, or for a work with no url, starts: the text every citation of it begins with")
		return
	}
	for i, old := range l.Unlinked {
		if old.Starts != w.Starts {
			continue
		}
		if old.Origin.Layer == w.Origin.Layer {
			list.Add(w.Origin.Value("starts"), "starts %q already has a [[work]] at %s: keep one", w.Starts, old.Origin.Pos)
			return
		}
		list.Notef(w.Origin.Pos, "the [[work]] for %q replaces the built-in one", w.Starts)
		l.Unlinked[i] = w
		return
	}
	l.Unlinked = append(l.Unlinked, w)
	slices.SortStableFunc(l.Unlinked, func(a, b *Work) int { return cmp.Compare(len(b.Starts), len(a.Starts)) })
}

// citation is one source of a clause: where it is, below the clause, and
// its title in document form.
type citation struct {
	c     *Clause
	field []string // "source", "2" or "variant", "1", "source", "0"
	title string
}

func (ct citation) pos() diag.Pos {
	return ct.c.Origin.Value(append(slices.Clip(ct.field), "title")...)
}

// checkWorks checks the works against the sources of the library's
// clauses: every [[work]] names a URL some source cites, and sources that
// share a URL either agree on its title or have a [[work]] to give the
// list of sources one title for them all. Titles are compared as
// documents print them, white space folded.
func (l *Library) checkWorks(list *diag.List) {
	cited := map[string][]citation{}
	unlinked := map[*Work]bool{}
	add := func(c *Clause, s Source, field ...string) {
		if s.URL != "" {
			cited[s.URL] = append(cited[s.URL], citation{c, field, OneLine(s.Title)})
		} else if w := l.unlinked(s.Title); w != nil {
			unlinked[w] = true
		}
	}
	for _, c := range l.Clauses {
		for i, s := range c.Sources {
			add(c, s, "source", strconv.Itoa(i))
		}
		for i, v := range c.Variants {
			for j, s := range v.Sources {
				add(c, s, "variant", strconv.Itoa(i), "source", strconv.Itoa(j))
			}
		}
	}

	for _, url := range slices.Sorted(maps.Keys(l.Works)) {
		w := l.Works[url]
		if i := strings.IndexAny(w.Title, "{}"); i >= 0 {
			list.Add(w.Origin.Text(w.Title[i:i+1], 0, "title"), "a work's title is printed as it is written: remove the %q (placeholders cannot be used here)", w.Title[i:i+1])
		}
		if !checkURL(w.Origin, url, list, "url") {
			continue
		}
		if _, ok := cited[url]; !ok {
			list.Warn(w.Origin.Value("url"), "no source in the library cites %q: correct the url or remove this [[work]]", url)
		}
	}

	for _, w := range l.Unlinked {
		if !unlinked[w] {
			list.Warn(w.Origin.Value("starts"), "no source in the library without a url has a title that starts %q: correct starts or remove this [[work]]", w.Starts)
		}
	}

	for _, url := range slices.Sorted(maps.Keys(cited)) {
		cs := cited[url]
		if l.Works[url] != nil || !slices.ContainsFunc(cs, func(ct citation) bool { return ct.title != cs[0].title }) {
			continue
		}
		type at struct {
			pos   diag.Pos
			title string
			layer string
		}
		var titles []at
		for _, ct := range cs {
			titles = append(titles, at{ct.pos(), ct.title, ct.c.Origin.Layer})
		}
		slices.SortStableFunc(titles, func(a, b at) int {
			return cmp.Or(cmp.Compare(a.pos.File, b.pos.File), cmp.Compare(a.pos.Line, b.pos.Line), cmp.Compare(a.pos.Col, b.pos.Col))
		})
		// The [[work]] goes in works.toml in the folder of an overlay that
		// cites the URL, if one does: a branch edits its own folder.
		where := path.Join(path.Dir(titles[0].pos.File), "works.toml")
		if i := slices.IndexFunc(titles, func(t at) bool { return t.layer == LayerOverlay }); i >= 0 {
			where = path.Join(path.Dir(titles[i].pos.File), "works.toml")
		}
		var seen, others []string
		for _, t := range titles {
			if slices.Contains(seen, t.title) {
				continue
			}
			if len(seen) > 0 {
				others = append(others, t.pos.String())
			}
			seen = append(seen, t.title)
		}
		list.Add(titles[0].pos, "url %q is cited with %d different titles, here and at %s: add a [[work]] with this url and the title of the work as a whole to %s, so that the list of sources names the work once",
			url, len(seen), strings.Join(others, ", "), where)
	}
}

// checkURL reports a url that is not a web address, and returns whether
// it is one (or is empty).
func checkURL(o Origin, url string, list *diag.List, field ...string) bool {
	if url != "" && !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		list.Add(o.Value(field...), "url %q must start with https:// (or http://)", url)
		return false
	}
	return true
}
