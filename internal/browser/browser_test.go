package browser

import (
	"errors"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// fake is a computer with the programs in have and the environment in env; it
// records what was started.
type fake struct {
	have    map[string]bool
	env     map[string]string
	started [][]string
	fail    error
}

func (f *fake) opener(goos string) Opener {
	return Opener{
		GOOS: goos,
		LookPath: func(file string) (string, error) {
			if f.have[file] {
				return "/bin/" + file, nil
			}
			return "", exec.ErrNotFound
		},
		Getenv: func(key string) string { return f.env[key] },
		Start: func(path string, args ...string) error {
			f.started = append(f.started, append([]string{path}, args...))
			return f.fail
		},
	}
}

const addr = "http://127.0.0.1:8080/"

func TestOpenCommand(t *testing.T) {
	x11 := map[string]string{"DISPLAY": ":0"}
	wayland := map[string]string{"WAYLAND_DISPLAY": "wayland-0"}
	all := map[string]bool{"xdg-open": true, "sensible-browser": true, "x-www-browser": true, "open": true, "rundll32": true}
	tests := []struct {
		name string
		goos string
		have map[string]bool
		env  map[string]string
		want []string // nil: ErrNoBrowser
	}{
		{"linux xdg-open", "linux", all, x11, []string{"/bin/xdg-open", addr}},
		{"linux wayland", "linux", all, wayland, []string{"/bin/xdg-open", addr}},
		{"linux sensible-browser", "linux", map[string]bool{"sensible-browser": true, "x-www-browser": true}, x11, []string{"/bin/sensible-browser", addr}},
		{"linux x-www-browser", "linux", map[string]bool{"x-www-browser": true}, x11, []string{"/bin/x-www-browser", addr}},
		{"linux nothing", "linux", map[string]bool{"open": true}, x11, nil},
		{"linux no display", "linux", all, nil, nil},
		{"freebsd", "freebsd", all, x11, []string{"/bin/xdg-open", addr}},
		{"openbsd", "openbsd", all, x11, []string{"/bin/xdg-open", addr}},
		{"darwin", "darwin", all, nil, []string{"/bin/open", addr}},
		{"darwin no open", "darwin", map[string]bool{"xdg-open": true}, nil, nil},
		{"windows", "windows", all, nil, []string{"/bin/rundll32", "url.dll,FileProtocolHandler", addr}},
		{"windows no rundll32", "windows", map[string]bool{"xdg-open": true}, nil, nil},
		{"plan9", "plan9", all, x11, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &fake{have: tc.have, env: tc.env}
			err := f.opener(tc.goos).Open(addr)
			if tc.want == nil {
				if !errors.Is(err, ErrNoBrowser) {
					t.Fatalf("Open(%q) on %s = %v; want ErrNoBrowser", addr, tc.goos, err)
				}
				if !strings.Contains(err.Error(), addr+" in your browser by hand") {
					t.Errorf("Open(%q) on %s = %v; want it to say to open the address by hand", addr, tc.goos, err)
				}
				if len(f.started) != 0 {
					t.Errorf("Open(%q) on %s started %q; want nothing started", addr, tc.goos, f.started)
				}
				return
			}
			if err != nil {
				t.Fatalf("Open(%q) on %s = %v; want nil", addr, tc.goos, err)
			}
			if len(f.started) != 1 || !slices.Equal(f.started[0], tc.want) {
				t.Errorf("Open(%q) on %s started %q; want [%q]", addr, tc.goos, f.started, tc.want)
			}
		})
	}
}

func TestOpenStartFails(t *testing.T) {
	f := &fake{have: map[string]bool{"open": true}, fail: errors.New("exec format error")}
	err := f.opener("darwin").Open(addr)
	if !errors.Is(err, ErrNoBrowser) || !strings.Contains(err.Error(), "exec format error") {
		t.Errorf("Open(%q) with a failing start = %v; want ErrNoBrowser with the cause", addr, err)
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		addr string
		want string // "" accepted, else part of the error
	}{
		{"http://127.0.0.1:8080/", ""},
		{"http://127.0.0.1:8080", ""},
		{"http://127.0.0.1", ""},
		{"http://127.1.2.3:80/x?a=1&b=2#top", ""},
		{"http://localhost:8080/profiles/midshire%20highways", ""},
		{"http://LOCALHOST:8080/", ""},
		{"https://localhost/", ""},
		{"http://[::1]:8080/", ""},
		{"http://[::1]/", ""},
		{"", "only http:// or https://"},
		{"localhost:8080", "only http:// or https://"},
		{"file:///etc/passwd", "only http:// or https://"},
		{"javascript:alert(1)", "only http:// or https://"},
		{"HTTP://localhost/", "only http:// or https://"},
		{"ftp://127.0.0.1/", "only http:// or https://"},
		{"-http://127.0.0.1/", "only http:// or https://"},
		{"http://example.org/", `"example.org" is not this computer`},
		{"http://192.168.1.10:8080/", "is not this computer"},
		{"http://0.0.0.0:8080/", "is not this computer"},
		{"http://[::]:8080/", "is not this computer"},
		{"http://[fe80::1%25eth0]/", "is not this computer"},
		{"http://localhost.example.org/", "is not this computer"},
		{"http://127.0.0.1.nip.io/", "is not this computer"},
		{"http://localhost@example.org/", "user name"},
		{"http://user:pw@127.0.0.1/", "user name"},
		{"http://127.0.0.1:0/", "port"},
		{"http://127.0.0.1:99999/", "port"},
		{"http://127.0.0.1:/", "port is missing"},
		{"http://127.0.0.1/ & calc.exe", "contains ' '"},
		{"http://127.0.0.1/\"x", `contains '"'`},
		{`http://127.0.0.1/\..\`, `contains '\\'`},
		{"http://127.0.0.1/\n", `contains '\n'`},
		{"http://127.0.0.1/`id`", "contains '`'"},
		{"http://127.0.0.1/^x", "contains '^'"},
		{"http://127.0.0.1/<x>", "contains '<'"},
		{"http://127.0.0.1/é", "contains 'é'"},
	}
	for _, tc := range tests {
		t.Run(tc.addr, func(t *testing.T) {
			err := Check(tc.addr)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Check(%q) = %v; want nil", tc.addr, err)
			case tc.want != "" && err == nil:
				t.Errorf("Check(%q) = nil; want an error containing %q", tc.addr, tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Errorf("Check(%q) = %v; want an error containing %q", tc.addr, err, tc.want)
			}
			if tc.want == "" {
				return
			}
			// A refused address is never handed to a program.
			f := &fake{have: map[string]bool{"xdg-open": true}, env: map[string]string{"DISPLAY": ":0"}}
			if err := f.opener("linux").Open(tc.addr); err == nil || errors.Is(err, ErrNoBrowser) || len(f.started) != 0 {
				t.Errorf("Open(%q) = %v, started %q; want it refused, nothing started", tc.addr, err, f.started)
			}
		})
	}
}

// FuzzCheck checks that an accepted address is one argument a program cannot
// mistake for anything else: an http(s) address with no space, quote,
// backslash or control character, on this computer.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{addr, "http://[::1]:1/", "https://localhost/a?b#c", "http://example.org/", "file:///", "http://127.0.0.1/ x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Check(s) != nil {
			return
		}
		if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
			t.Fatalf("Check(%q) = nil for an address that is not http or https", s)
		}
		if strings.ContainsAny(s, " \t\r\n\"\\`^<>{}|") {
			t.Fatalf("Check(%q) = nil for an address with a character an opener might read", s)
		}
		ff := &fake{have: map[string]bool{"rundll32": true}}
		if err := ff.opener("windows").Open(s); err != nil || len(ff.started) != 1 || ff.started[0][2] != s {
			t.Fatalf("Open(%q) = %v, started %q; want the address passed as one argument", s, err, ff.started)
		}
	})
}

// TestStartAndReap starts a real program the way Open does.
func TestStartAndReap(t *testing.T) {
	path, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("LookPath(go) = %v", err)
	}
	if err := startAndReap(path, "version"); err != nil {
		t.Errorf("startAndReap(%q, version) = %v; want nil", path, err)
	}
	if err := startAndReap(t.TempDir() + "/no-such-program"); err == nil {
		t.Errorf("startAndReap(no-such-program) = nil; want an error")
	}
}
