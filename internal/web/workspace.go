package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxProfileSize is the largest profile the app reads or writes, as the
// command line allows.
const maxProfileSize = 4 << 20

// Errors of the workspace, for errors.Is.
var (
	// ErrChanged says the profile on disk is no longer the one the form was
	// opened on: someone (another tab, an editor) saved it meanwhile.
	ErrChanged = errors.New("the profile was changed since you opened it")
	errName    = errors.New("bad profile name")
)

// workspace is the folder of profiles the app serves. Every file operation
// goes through an os.Root, so no name, link or "..", whatever a request
// says, reaches outside it.
type workspace struct {
	dir  string
	root *os.Root
}

func openWorkspace(dir string) (*workspace, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("workspace %s: cannot create the folder: %w", dir, err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", dir, err)
	}
	return &workspace{dir: dir, root: root}, nil
}

// checkName says whether name can be a profile's name: the file name
// without ".toml", of letters, digits, spaces, hyphens, underscores and
// dots, not starting with a dot, at most 80 characters. Names are what the
// URL carries; anything else is refused before the file system sees it.
// File systems limit a file's name to 255 bytes, ".toml" included, which 80
// letters of four bytes each would pass.
func checkName(name string) error {
	if name == "" || utf8.RuneCountInString(name) > 80 || len(name) > 250 || !utf8.ValidString(name) ||
		strings.HasPrefix(name, ".") || strings.HasPrefix(name, " ") || strings.HasSuffix(name, " ") {
		return errName
	}
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' || r == ' ') {
			return errName
		}
	}
	return nil
}

// profileInfo is one profile file in the workspace.
type profileInfo struct {
	Name string
	Size int64
}

// list returns the workspace's profiles, by name.
func (ws *workspace) list() ([]profileInfo, error) {
	ents, err := fs.ReadDir(ws.root.FS(), ".")
	if err != nil {
		return nil, err
	}
	var out []profileInfo
	for _, e := range ents {
		name, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok || !e.Type().IsRegular() || checkName(name) != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, profileInfo{Name: name, Size: info.Size()})
	}
	slices.SortFunc(out, func(a, b profileInfo) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return out, nil
}

// read returns the profile's bytes and their version: a digest that save
// compares, so an edit made on a stale copy is refused.
func (ws *workspace) read(name string) ([]byte, string, error) {
	if err := checkName(name); err != nil {
		return nil, "", err
	}
	f, err := ws.root.Open(name + ".toml")
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	st, err := f.Stat()
	switch {
	case err != nil:
		return nil, "", err
	case !st.Mode().IsRegular():
		return nil, "", fmt.Errorf("%s.toml is not a file", name)
	case st.Size() > maxProfileSize:
		return nil, "", fmt.Errorf("%s.toml: %d bytes is too large for a profile (the limit is %d)", name, st.Size(), maxProfileSize)
	}
	b := make([]byte, st.Size())
	n, err := f.ReadAt(b, 0)
	if err != nil && n != len(b) {
		return nil, "", err
	}
	return b, version(b), nil
}

// version is the digest of a profile's bytes that names the copy a form
// was opened on.
func version(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// write replaces the profile with data, atomically, but only if it is still
// the version the caller read (ErrChanged otherwise). With create set the
// profile must not exist yet, and is never overwritten.
func (ws *workspace) write(name string, data []byte, was string, create bool) error {
	if err := checkName(name); err != nil {
		return err
	}
	file := name + ".toml"
	if !create {
		_, now, err := ws.read(name)
		if err != nil {
			return err
		}
		if now != was {
			return ErrChanged
		}
	}
	// Not named after the file: a name near the file system's limit would
	// be too long with more added.
	tmp := ".goldenthread-" + rand.Text()[:12] + ".tmp"
	f, err := ws.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", file, err)
	}
	defer ws.root.Remove(tmp) // gone once renamed or linked
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
		return fmt.Errorf("cannot write %s: %w", file, err)
	}
	if create {
		// Link fails if the file exists, unlike Rename: nothing is overwritten.
		if err := ws.root.Link(tmp, file); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fs.ErrExist
			}
			return fmt.Errorf("cannot write %s: %w", file, err)
		}
		return nil
	}
	// A last look closes most of the window between the check above and
	// the rename; an editor saving in the same millisecond can still race,
	// as with any two programs sharing a file.
	if _, now, err := ws.read(name); err != nil || now != was {
		return ErrChanged
	}
	if err := ws.root.Rename(tmp, file); err != nil {
		return fmt.Errorf("cannot write %s: %w", file, err)
	}
	return nil
}
