package cli

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/goldenthread/goldenthread/internal/assemble"
	"github.com/goldenthread/goldenthread/internal/diag"
	"github.com/goldenthread/goldenthread/internal/library"
)

var packCmd = &command{
	name:    "pack",
	args:    "PROFILE... [--out DIR]",
	summary: "write every output for each profile",
	help: `Write every output each profile can produce into DIR/<profile name>/,
each named after the profile: the asks PDF (NAME-asks.pdf), the specification
for the procurement team in Word, HTML and Markdown (NAME-specification.docx,
.html and .md), and the evaluation grid (NAME-grid.xlsx, or a moderation
workbook and one per panel member when [scoring] split is set) when the profile
has a [scoring] table. Profiles are processed in parallel. Each file is written
whole or not at all.

Example:
  goldenthread pack examples/*.toml --out out`,
	flags: func(fs *flag.FlagSet, e *env) func([]string) error {
		var o packOptions
		fs.StringVar(&o.out, "out", "out", "write into this `folder`")
		fs.IntVar(&o.jobs, "jobs", runtime.GOMAXPROCS(0), "process this many profiles at once")
		return func(args []string) error {
			o.profiles = args
			return e.pack(o)
		}
	},
}

// packOptions is what the pack command is asked to write.
type packOptions struct {
	profiles []string // profile files
	out      string   // folder to write into, a folder per profile
	jobs     int      // profiles processed at once
}

func (e *env) pack(o packOptions) error {
	if len(o.profiles) == 0 {
		return usagef("pack needs at least one profile file")
	}
	if o.jobs < 1 {
		return usagef("--jobs must be at least 1")
	}
	names := map[string]string{}
	for _, a := range o.profiles {
		n := profileName(a)
		if prev, dup := names[n]; dup {
			if filepath.Clean(prev) == filepath.Clean(a) {
				return usagef("%s is given twice", a)
			}
			return usagef("%s and %s would both write to %s: rename one", prev, a, filepath.Join(o.out, n))
		}
		names[n] = a
	}
	lib, _, err := e.loadLibrary(false)
	if err != nil {
		return err
	}
	tmpl, err := loadTemplates()
	if err != nil {
		return err
	}
	results := e.packAll(lib, tmpl, o.profiles, o.out, o.jobs)
	failed := 0
	for _, r := range results {
		e.printProblems(r.problems.Only(diag.Warning), true)
		if r.err != nil {
			failed++
			e.report("pack", r.err)
			continue
		}
		for _, f := range r.files {
			fmt.Fprintf(e.stdout, "wrote %s\n", f)
		}
	}
	fmt.Fprintf(e.stdout, "%d of %s packed into %s\n", len(results)-failed, plural(len(results), "profile"), o.out)
	if failed > 0 {
		return errProblems
	}
	return nil
}

// packResult is what packing one profile gave.
type packResult struct {
	files    []string
	problems diag.List
	err      error
}

// packAll packs profiles on jobs workers; results keep the order of paths.
func (e *env) packAll(lib *library.Library, tmpl *assemble.Templates, paths []string, outDir string, jobs int) []packResult {
	results := make([]packResult, len(paths))
	slots := make(chan struct{}, jobs) // one for each profile being packed
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for i, path := range paths {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			results[i] = e.packOne(lib, tmpl, path, outDir)
			mu.Lock()
			defer mu.Unlock()
			done++
			if e.isTerminal {
				fmt.Fprintf(e.stderr, "\r\033[K[%d/%d] %s", done, len(paths), path)
			}
		})
	}
	wg.Wait()
	if e.isTerminal {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	return results
}

func (e *env) packOne(lib *library.Library, tmpl *assemble.Templates, path, outDir string) packResult {
	pack, list, err := e.build(lib, tmpl, path, outputs())
	if err != nil {
		return packResult{problems: list, err: err}
	}
	name := profileName(path)
	dir := filepath.Join(outDir, name)
	r := packResult{problems: list}
	for _, o := range outputs() {
		if o.missing(pack) != "" {
			continue
		}
		if o.file == gridXLSX.file && pack.Scoring.Split {
			files, err := writeSplitGrid(dir, name+"-grid", pack)
			r.files = append(r.files, files...)
			if err != nil {
				r.err = fmt.Errorf("%s: %w", path, err)
				return r
			}
			continue
		}
		file := filepath.Join(dir, name+"-"+o.file)
		if err := writeAtomic(file, func(w io.Writer) error { return o.render(w, pack) }); err != nil {
			r.err = fmt.Errorf("%s: %s: %w", path, o.file, err)
			return r
		}
		r.files = append(r.files, file)
	}
	return r
}
