package web

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"midshire-highways", true},
		{"ok name", true},
		{"Cymraeg-ŵŷ", true},
		{"東京 清掃", true},
		{"x.toml", true}, // x.toml.toml: a dot inside a name is allowed
		{"a..b", true},
		{"under_score 2027", true},
		{strings.Repeat("a", 80), true},
		{strings.Repeat("ŵ", 80), true},
		{strings.Repeat("東", 80), true},
		{"", false},
		{".", false},
		{"..", false},
		{"../x", false},
		{"x/..", false},
		{"a/b", false},
		{`a\b`, false},
		{".hidden", false},
		{" lead", false},
		{"trail ", false},
		{"nul\x00byte", false},
		{"tab\tname", false},
		{"line\nbreak", false},
		{"bad\xffutf8", false},
		{"rtl\u202eoverride", false},
		{"colon:name", false},
		{"star*", false},
		{"<script>", false},
		{"100%", false},
		{strings.Repeat("a", 81), false},
		{strings.Repeat("ŵ", 81), false},
		{strings.Repeat("\U00020000", 80), false}, // 80 letters, but 320 bytes: too long a file name
	} {
		if err := checkName(tc.name); (err == nil) != tc.ok {
			t.Errorf("checkName(%q) = %v; want ok %v", tc.name, err, tc.ok)
		}
	}
}

// TestLongNames checks that every name checkName allows can be written:
// file systems limit a name to 255 bytes, and the temporary file's name is
// longer than the profile's.
func TestLongNames(t *testing.T) {
	ws, err := openWorkspace(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ws.root.Close()
	for _, name := range []string{strings.Repeat("a", 80), strings.Repeat("ŵ", 80), strings.Repeat("東", 80)} {
		if err := ws.write(name, []byte("x = 1\n"), "", true); err != nil {
			t.Errorf("write(%d bytes of name) = %v", len(name), err)
			continue
		}
		b, ver, err := ws.read(name)
		if err != nil || string(b) != "x = 1\n" {
			t.Errorf("read(%d bytes of name) = %q, %v", len(name), b, err)
		}
		if err := ws.write(name, []byte("x = 2\n"), ver, false); err != nil {
			t.Errorf("write over (%d bytes of name) = %v", len(name), err)
		}
	}
	leftovers(t, ws)
}

// leftovers fails the test if the workspace holds a temporary file.
func leftovers(t *testing.T, ws *workspace) {
	t.Helper()
	ents, err := os.ReadDir(ws.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestReadConfined checks that no name or link reaches outside the
// workspace.
func TestReadConfined(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.toml")
	if err := os.WriteFile(secret, []byte("secret = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "ws")
	ws, err := openWorkspace(dir) // created if missing
	if err != nil {
		t.Fatal(err)
	}
	defer ws.root.Close()
	if err := os.WriteFile(filepath.Join(dir, "inside.toml"), []byte("a = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, l := range []struct{ name, target string }{
		{"abs.toml", secret},
		{"rel.toml", filepath.Join("..", "..", filepath.Base(outside), "secret.toml")},
		{"inner.toml", "inside.toml"},
	} {
		if err := os.Symlink(l.target, filepath.Join(dir, l.name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"abs", "rel", "../" + filepath.Base(outside) + "/secret", "sub/secret"} {
		b, _, err := ws.read(name)
		if err == nil || bytes.Contains(b, []byte("secret")) {
			t.Errorf("read(%q) = %q, %v; want an error", name, b, err)
		}
	}
	// A link within the workspace is followed: os.Root allows it.
	if b, _, err := ws.read("inner"); err != nil || string(b) != "a = 1\n" {
		t.Errorf("read(inner) = %q, %v; want the linked profile", b, err)
	}
	// Writing through a link that leaves the workspace never touches the
	// file outside.
	_, ver, _ := ws.read("inside")
	if err := ws.write("abs", []byte("x = 1\n"), ver, false); err == nil {
		t.Errorf("write(abs) through a link outside = nil; want an error")
	}
	if b, _ := os.ReadFile(secret); string(b) != "secret = true\n" {
		t.Errorf("the file outside the workspace was changed: %q", b)
	}
	// The list shows regular files only, never links.
	ps, err := ws.list()
	if err != nil {
		t.Fatal(err)
	}
	if got := names(ps); !slices.Equal(got, []string{"inside"}) {
		t.Errorf("list() = %q; want [inside]", got)
	}
}

func names(ps []profileInfo) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func TestWrite(t *testing.T) {
	ws, err := openWorkspace(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ws.root.Close()
	path := filepath.Join(ws.dir, "p.toml")
	v1 := []byte("a = 1\n")

	if err := ws.write("p", v1, "", true); err != nil {
		t.Fatalf("write(create) = %v", err)
	}
	b, ver, err := ws.read("p")
	if err != nil || !bytes.Equal(b, v1) || ver != version(v1) {
		t.Fatalf("read after create = %q, %q, %v", b, ver, err)
	}
	// create never overwrites.
	if err := ws.write("p", []byte("b = 2\n"), "", true); !errors.Is(err, fs.ErrExist) {
		t.Errorf("write(create) over an existing file = %v; want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, v1) {
		t.Errorf("write(create) over an existing file changed it to %q", b)
	}
	// A save on the version read replaces the file.
	v2 := []byte("a = 2\n")
	if err := ws.write("p", v2, ver, false); err != nil {
		t.Fatalf("write(current version) = %v", err)
	}
	// A save on a stale version is refused and changes nothing.
	if err := ws.write("p", []byte("a = 3\n"), ver, false); !errors.Is(err, ErrChanged) {
		t.Errorf("write(stale version) = %v; want ErrChanged", err)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, v2) {
		t.Errorf("write(stale version) changed the file to %q", b)
	}
	// An edit made in another program since is not overwritten.
	_, ver, _ = ws.read("p")
	if err := os.WriteFile(path, []byte("edited = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := ws.write("p", []byte("a = 4\n"), ver, false); !errors.Is(err, ErrChanged) {
		t.Errorf("write after an edit elsewhere = %v; want ErrChanged", err)
	}
	// Saving a profile that is gone, or under a bad name, fails.
	if err := ws.write("gone", v1, ver, false); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("write(gone) = %v; want fs.ErrNotExist", err)
	}
	if err := ws.write("../p", v1, "", true); !errors.Is(err, errName) {
		t.Errorf("write(../p) = %v; want errName", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "edited = true\n" {
		t.Errorf("the file is %q; want the edit made elsewhere", b)
	}
	leftovers(t, ws)
}

func TestReadLimits(t *testing.T) {
	ws, err := openWorkspace(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ws.root.Close()
	if err := os.WriteFile(filepath.Join(ws.dir, "big.toml"), make([]byte, maxProfileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(ws.dir, "folder.toml"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, want string }{
		{"big", "too large"},
		{"folder", "not a file"},
		{"missing", "no such file"},
	} {
		if _, _, err := ws.read(tc.name); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("read(%q) = %v; want an error saying %q", tc.name, err, tc.want)
		}
	}
	if _, _, err := ws.read("missing"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("read(missing) = %v; want fs.ErrNotExist", err)
	}
}

func TestList(t *testing.T) {
	ws, err := openWorkspace(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ws.root.Close()
	for _, f := range []string{"b.toml", "A.toml", "c d.toml", "notes.txt", "x.toml.bak", ".hidden.toml", ".p.toml.ABC.tmp", "bad:name.toml", "Ŵ.toml"} {
		if err := os.WriteFile(filepath.Join(ws.dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"library", "dir.toml"} {
		if err := os.Mkdir(filepath.Join(ws.dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := ws.list()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"A", "b", "c d", "Ŵ"}
	if got := names(ps); !slices.Equal(got, want) {
		t.Errorf("list() = %q; want %q", got, want)
	}
	if len(ps) > 0 && ps[0].Size != 1 {
		t.Errorf("list()[0].Size = %d; want 1", ps[0].Size)
	}
}
