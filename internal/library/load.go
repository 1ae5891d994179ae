package library

import (
	"cmp"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/tomldoc"
)

// Library is a validated clause library: built-in files with any overlays
// laid over them.
type Library struct {
	Themes       []*Theme  // in document order (Order, then id)
	Clauses      []*Clause // grouped by theme in theme order, file order within
	Placeholders map[string]*Placeholder
	Works        map[string]*Work // by URL
	// Unlinked are the works with no URL, longest Starts first.
	Unlinked []*Work
	Scales   map[string]*Scale
	Nations  []Nation // markers of each nation's own instruments

	themes  map[string]*Theme
	clauses map[string]*Clause
}

// Layer is one set of TOML files: the built-in library or a user's overlay.
type Layer struct {
	Name string // LayerLibrary or LayerOverlay
	FS   fs.FS
	Dir  string // how to name the folder in messages: "clauses", "branch-clauses"
	// Built marks the library built into the program. Its printed text
	// cannot change after the build, and the test suite checks it in full
	// (lint, and every output read back), so when every layer is built in
	// Load leaves out the printed-text check, the costliest of its checks:
	// a document command starts sooner. Lint loads it unmarked, to check
	// everything.
	Built bool
}

// file is the shape of one library TOML file.
type file struct {
	Theme       *Theme        `toml:"theme"`
	Clause      []Clause      `toml:"clause"`
	Placeholder []Placeholder `toml:"placeholder"`
	Work        []Work        `toml:"work"`
}

type scalesFile struct {
	Scale []Scale `toml:"scale"`
}

// nationsFile is templates/nations.toml: the words that name each nation's
// own law and guidance.
type nationsFile struct {
	Nation []Nation `toml:"nation" gt:"required"`
}

// Nation lists the markers of one nation's own instruments: text printed
// for another nation must not hold them.
type Nation struct {
	ID      string   `toml:"id" gt:"required"`
	Name    string   `toml:"name" gt:"required,text"`
	Markers []string `toml:"markers" gt:"required,text"`
	Except  []string `toml:"except" gt:"text"`
}

// Load reads the scales and every *.toml file of each layer in turn, later
// layers overriding earlier ones, and validates the result. now decides which
// review_by dates have passed. The returned list holds every error, warning
// and note; the library is nil when there are errors.
//
// The files are independent until they are merged, so they are parsed and
// decoded in parallel; merging then takes them one by one in order, so the
// library and its messages are the same as reading them one at a time.
func Load(scales Layer, layers []Layer, now time.Time) (*Library, diag.List) {
	var list diag.List
	l := &Library{
		Placeholders: map[string]*Placeholder{},
		Works:        map[string]*Work{},
		Scales:       map[string]*Scale{},
		themes:       map[string]*Theme{},
		clauses:      map[string]*Clause{},
	}
	var sf scalesFile
	var nf nationsFile
	sp := readFile(scales.FS, "scales.toml", scales.Dir)
	np := readFile(scales.FS, "nations.toml", scales.Dir)
	jobs := []func(){func() { sp.decode(&sf) }, func() { np.decode(&nf) }}
	var folders []folder
	for _, layer := range layers {
		d := folder{layer: layer}
		names, err := tomlFiles(layer, &d.list)
		if err != nil {
			d.list.Add(diag.Pos{File: layer.Dir}, "cannot list TOML files: %v", err)
		} else if len(names) == 0 && layer.Name == LayerOverlay {
			d.list.Add(diag.Pos{File: layer.Dir}, "no .toml files in this folder: an overlay needs at least one clause file")
		}
		for _, name := range names {
			lf := &libraryFile{parsed: readFile(layer.FS, name, layer.Dir)}
			d.files = append(d.files, lf)
			jobs = append(jobs, func() { lf.decode(&lf.f) })
		}
		folders = append(folders, d)
	}
	inParallel(jobs)

	l.addScales(sp, &sf, &list)
	l.addNations(np, &nf, &list)
	var order []*Clause // clauses in the order read, replaced in place by overlays
	for _, d := range folders {
		list = append(list, d.list...)
		for _, lf := range d.files {
			order = l.addFile(d.layer.Name, lf, order, &list)
		}
	}
	l.finish(order)
	l.validate(now, &list)
	// Each clause is checked against the library, which no longer changes,
	// and then normalised; both touch only that clause, so clauses are
	// taken in parallel, each with its own list, merged in clause order.
	// Normalising a clause with errors is harmless: the library is then
	// not returned.
	printed := !allBuilt(layers)
	lists := make([]diag.List, len(l.Clauses))
	jobs = jobs[:0]
	for i, c := range l.Clauses {
		jobs = append(jobs, func() {
			l.checkClause(c, now, &lists[i], printed)
			c.Normalise()
		})
	}
	inParallel(jobs)
	l.checkWorks(&list)
	list = slices.Concat(append([]diag.List{list}, lists...)...).Sort()
	if slices.ContainsFunc(list, func(p diag.Problem) bool { return p.Severity == diag.Error && p.Part != PrintedPart }) {
		return nil, list
	}
	for _, t := range l.Themes {
		t.Title, t.Summary = OneLine(t.Title), Paragraphs(t.Summary)
	}
	for _, w := range l.Works {
		w.Title = OneLine(w.Title)
	}
	return l, list
}

// allBuilt reports whether every layer is built into the program.
func allBuilt(layers []Layer) bool {
	for _, l := range layers {
		if !l.Built {
			return false
		}
	}
	return true
}

// tomlFiles returns the names of the layer's TOML files (ending .toml in
// any case), sorted. For an overlay, a branch's own folder, it notes what
// else the folder holds and is skipped, so that nobody takes a file for
// checked that was not read.
func tomlFiles(layer Layer, list *diag.List) ([]string, error) {
	entries, err := fs.ReadDir(layer.FS, ".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case !e.IsDir() && strings.EqualFold(path.Ext(name), ".toml"):
			names = append(names, name)
		case layer.Name != LayerOverlay || strings.HasPrefix(name, "."):
		case e.IsDir():
			list.Notef(diag.Pos{File: path.Join(layer.Dir, name)}, "folder skipped: an overlay is read from one folder, not from the folders inside it")
		default:
			list.Notef(diag.Pos{File: path.Join(layer.Dir, name)}, "not a .toml file: skipped")
		}
	}
	slices.Sort(names)
	return names, nil
}

// folder is one layer's files, with any problem listing them.
type folder struct {
	layer Layer
	list  diag.List
	files []*libraryFile
}

// parsed is one TOML file, read and decoded, with the problems found in it.
type parsed struct {
	fsys    fs.FS
	name    string
	display string
	err     error // from reading
	doc     *tomldoc.Doc
	list    diag.List
}

// libraryFile is a library file and what it decodes to.
type libraryFile struct {
	*parsed
	f file
}

func readFile(fsys fs.FS, name, dir string) *parsed {
	return &parsed{fsys: fsys, name: name, display: path.Join(dir, name)}
}

// decode reads and parses the file and decodes it into v, a pointer to a
// struct.
func (p *parsed) decode(v any) {
	var src []byte
	if src, p.err = fs.ReadFile(p.fsys, p.name); p.err != nil {
		return
	}
	p.doc = tomldoc.Parse(p.display, src, &p.list)
	if p.doc != nil {
		Decode(p.doc, v, &p.list)
		// Records keep the document for positions, which need only its
		// source and locator: let the decoded tree go.
		p.doc.Raw = nil
	}
}

// inParallel calls every job, as many at a time as there are processors. A
// job's panic is raised again in the caller, as if the jobs ran there.
func inParallel(jobs []func()) {
	panics := make([]any, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) {
					return
				}
				func() {
					defer func() { panics[i] = recover() }()
					jobs[i]()
				}()
			}
		})
	}
	wg.Wait()
	for _, r := range panics {
		if r != nil {
			panic(r)
		}
	}
}

// addScales adds the decoded scales file.
func (l *Library) addScales(sp *parsed, f *scalesFile, list *diag.List) {
	if sp.err != nil {
		list.Add(diag.Pos{File: sp.display}, "cannot read scales: %v", sp.err)
		return
	}
	*list = append(*list, sp.list...)
	doc := sp.doc
	if doc == nil {
		return
	}
	for i := range f.Scale {
		s := &f.Scale[i]
		p := tomldoc.Path{"scale"}.Index(i)
		if s.ID == "" {
			continue
		}
		if _, dup := l.Scales[s.ID]; dup {
			list.Add(doc.ValuePos(p.With("id")), "scale %q is defined twice", s.ID)
			continue
		}
		seen := map[float64]bool{}
		for j, pt := range s.Points {
			if seen[pt.Value] {
				list.Add(doc.ValuePos(p.With("point").Index(j).With("value")), "scale %q has the value %v twice", s.ID, pt.Value)
			}
			seen[pt.Value] = true
		}
		if len(s.Points) < 2 {
			list.Add(doc.KeyPos(p), "scale %q needs at least two points", s.ID)
		}
		l.Scales[s.ID] = s
	}
}

// addNations adds the nations' markers.
func (l *Library) addNations(np *parsed, f *nationsFile, list *diag.List) {
	if np.err != nil {
		list.Add(diag.Pos{File: np.display}, "cannot read the nations' markers: %v", np.err)
		return
	}
	*list = append(*list, np.list...)
	for i := range f.Nation {
		n := &f.Nation[i]
		if !slices.Contains(Jurisdictions, n.ID) && np.doc != nil {
			list.Enum(np.doc.ValuePos(tomldoc.Path{"nation"}.Index(i).With("id")), "nation", n.ID, Jurisdictions)
			continue
		}
		l.Nations = append(l.Nations, *n)
	}
}

// addFile merges one decoded library file, returning the clause order.
func (l *Library) addFile(layer string, lf *libraryFile, order []*Clause, list *diag.List) []*Clause {
	if lf.err != nil {
		list.Add(diag.Pos{File: lf.display}, "cannot read: %v", lf.err)
		return order
	}
	*list = append(*list, lf.list...)
	doc, f := lf.doc, &lf.f
	if doc == nil {
		return order
	}
	if f.Theme != nil {
		t := f.Theme
		t.Origin = NewOrigin(layer, doc, tomldoc.Path{"theme"})
		if old, ok := l.themes[t.ID]; ok && t.ID != "" {
			if old.Origin.Layer == layer {
				list.Add(t.Origin.Value("id"), "theme %q is already declared at %s", t.ID, old.Origin.Pos)
			} else {
				list.Notef(t.Origin.Pos, "theme %q replaces the built-in theme of that name", t.ID)
				*old = *t
			}
		} else if t.ID != "" {
			l.themes[t.ID] = t
		}
	}
	for i := range f.Placeholder {
		p := &f.Placeholder[i]
		p.Origin = NewOrigin(layer, doc, tomldoc.Path{"placeholder"}.Index(i))
		if p.Name == "" {
			continue
		}
		if old, ok := l.Placeholders[p.Name]; ok {
			if old.Origin.Layer == layer {
				list.Add(p.Origin.Value("name"), "placeholder %q is already declared at %s", p.Name, old.Origin.Pos)
				continue
			}
			list.Notef(p.Origin.Pos, "placeholder %q replaces the built-in declaration", p.Name)
		}
		l.Placeholders[p.Name] = p
	}
	l.addWorks(layer, doc, f.Work, list)
	for i := range f.Clause {
		c := &f.Clause[i]
		c.Origin = NewOrigin(layer, doc, tomldoc.Path{"clause"}.Index(i))
		if c.ID == "" {
			continue // reported as missing
		}
		old, ok := l.clauses[c.ID]
		if !ok {
			l.clauses[c.ID] = c
			order = append(order, c)
			continue
		}
		if old.Origin.Layer == layer {
			list.Add(c.Origin.Value("id"), "duplicate clause id %q: first defined at %s; give this clause a new id", c.ID, old.Origin.Pos)
			continue
		}
		list.Notef(c.Origin.Value("id"), "clause %q replaces the built-in clause at %s", c.ID, old.Origin.Pos)
		l.clauses[c.ID] = c
		order[slices.Index(order, old)] = c
	}
	return order
}

// finish orders themes and clauses for documents.
func (l *Library) finish(order []*Clause) {
	l.Themes = slices.SortedFunc(maps.Values(l.themes), func(a, b *Theme) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.ID, b.ID))
	})
	// Ranks are negative, so that a theme not declared (0) sorts last.
	rank := map[string]int{}
	for i, t := range l.Themes {
		rank[t.ID] = i - len(l.Themes)
	}
	l.Clauses = slices.Clone(order)
	slices.SortStableFunc(l.Clauses, func(a, b *Clause) int {
		return cmp.Compare(rank[a.Theme], rank[b.Theme])
	})
}

// Clause returns the clause with the given id, or nil.
func (l *Library) Clause(id string) *Clause { return l.clauses[id] }

// Theme returns the theme with the given id, or nil.
func (l *Library) Theme(id string) *Theme { return l.themes[id] }

// IDs returns every clause id, in library order.
func (l *Library) IDs() []string {
	ids := make([]string, len(l.Clauses))
	for i, c := range l.Clauses {
		ids[i] = c.ID
	}
	return ids
}

// ThemeIDs returns every theme id, in order.
func (l *Library) ThemeIDs() []string {
	ids := make([]string, len(l.Themes))
	for i, t := range l.Themes {
		ids[i] = t.ID
	}
	return ids
}

// ScaleIDs returns the scale ids, sorted.
func (l *Library) ScaleIDs() []string { return slices.Sorted(maps.Keys(l.Scales)) }

// Filter selects clauses; an empty field matches everything.
type Filter struct {
	Theme        string
	Stage        model.Stage
	Jurisdiction string
	Tag          string
}

// Select returns the clauses matching f, in library order.
func (l *Library) Select(f Filter) []*Clause {
	var out []*Clause
	for _, c := range l.Clauses {
		if (f.Theme == "" || c.Theme == f.Theme) &&
			(f.Stage == "" || slices.Contains(c.Stages, f.Stage)) &&
			(f.Jurisdiction == "" || slices.Contains(c.Jurisdictions, f.Jurisdiction)) &&
			(f.Tag == "" || slices.Contains(c.Tags, f.Tag)) {
			out = append(out, c)
		}
	}
	return out
}

// FirstStage returns the earliest of the clause's stages.
func (c *Clause) FirstStage() model.Stage {
	best := model.Stage("")
	for _, s := range c.Stages {
		if best == "" || s.Index() < best.Index() {
			best = s
		}
	}
	return best
}
