// Package browser opens a web address served on this computer in the user's
// web browser, for "goldenthread serve --open".
//
// Only addresses on this computer are opened (http or https to localhost or a
// loopback address such as 127.0.0.1 or [::1]): the address is handed to the
// system's opener as one argument, never through a shell, and anything else
// is refused so that text from elsewhere cannot be made to open a file or
// start a program.
package browser

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
)

// ErrNoBrowser is returned, wrapped, when there is no way to open a browser
// on this computer; the message tells the user to open the address by hand.
var ErrNoBrowser = errors.New("could not open a web browser")

// Opener opens addresses in a browser. The zero value opens them on this
// computer; tests set the fields to see which command would run.
type Opener struct {
	// GOOS is the operating system to choose a command for; empty means
	// runtime.GOOS.
	GOOS string
	// LookPath finds a program; nil means exec.LookPath.
	LookPath func(file string) (string, error)
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(key string) string
	// Start starts the program at path with args and returns without
	// waiting for it to finish; nil means start it and reap it once it
	// exits, with standard input and output discarded.
	Start func(path string, args ...string) error
}

// Open opens url in the user's web browser with the zero Opener.
func Open(url string) error { return Opener{}.Open(url) }

// Open opens url in the user's web browser. It refuses any url that is not an
// http or https address on this computer, and returns an error wrapping
// ErrNoBrowser when the system has no program that opens browsers. It does
// not wait for the browser.
func (o Opener) Open(url string) error {
	if err := Check(url); err != nil {
		return err
	}
	path, args, err := o.command(url)
	if err != nil {
		return fmt.Errorf("%w: %v; open %s in your browser by hand", ErrNoBrowser, err, url)
	}
	start := o.Start
	if start == nil {
		start = startAndReap
	}
	if err := start(path, args...); err != nil {
		return fmt.Errorf("%w: %v; open %s in your browser by hand", ErrNoBrowser, err, url)
	}
	return nil
}

// unixLike lists the systems whose desktops open addresses with xdg-open.
var unixLike = map[string]bool{
	"linux": true, "freebsd": true, "openbsd": true, "netbsd": true,
	"dragonfly": true, "illumos": true, "solaris": true,
}

// linuxOpeners are tried in order: xdg-open follows the desktop's own
// choice; the other two are Debian's alternatives for systems without it.
var linuxOpeners = []string{"xdg-open", "sensible-browser", "x-www-browser"}

// command returns the program and arguments that open addr.
func (o Opener) command(addr string) (path string, args []string, err error) {
	goos := o.GOOS
	if goos == "" {
		goos = runtime.GOOS
	}
	look := o.LookPath
	if look == nil {
		look = exec.LookPath
	}
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	switch {
	case goos == "windows":
		// url.dll's handler opens the address in the default browser
		// without cmd.exe, whose "start" would read & and ^ in it.
		path, err := look("rundll32")
		if err != nil {
			return "", nil, fmt.Errorf("rundll32 not found")
		}
		return path, []string{"url.dll,FileProtocolHandler", addr}, nil
	case goos == "darwin":
		path, err := look("open")
		if err != nil {
			return "", nil, fmt.Errorf("the open command was not found")
		}
		return path, []string{addr}, nil
	case unixLike[goos]:
		// Without a graphical display the openers fall back to a browser in
		// the terminal, which would fight the server for it.
		if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
			return "", nil, fmt.Errorf("no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)")
		}
		for _, name := range linuxOpeners {
			if path, err := look(name); err == nil {
				return path, []string{addr}, nil
			}
		}
		return "", nil, fmt.Errorf("none of %s was found", strings.Join(linuxOpeners, ", "))
	default:
		return "", nil, fmt.Errorf("goldenthread does not know how to open a browser on %s", goos)
	}
}

func startAndReap(path string, args ...string) error {
	cmd := exec.Command(path, args...) // no shell: the address is one argument
	if err := cmd.Start(); err != nil {
		return err
	}
	// The opener may outlive the call (or be the browser itself); wait in
	// the background so that it does not linger as a zombie.
	go cmd.Wait()
	return nil
}

// Check reports whether addr may be opened: an http or https address whose
// host is localhost or a loopback IP address, with no user name or password,
// and only the characters an address needs (no spaces, quotes or
// backslashes). The error says why it was refused.
func Check(addr string) error {
	if !strings.HasPrefix(addr, "http://") && !strings.HasPrefix(addr, "https://") {
		return fmt.Errorf("will not open %q: only http:// or https:// addresses on this computer are opened", addr)
	}
	for _, r := range addr {
		if !addressChar(r) {
			return fmt.Errorf("will not open %q: it contains %q, which an address does not need", addr, r)
		}
	}
	u, err := url.Parse(addr)
	if err != nil {
		return fmt.Errorf("will not open %q: %v", addr, err)
	}
	if u.User != nil {
		return fmt.Errorf("will not open %q: it has a user name", addr)
	}
	if !loopback(u.Hostname()) {
		return fmt.Errorf("will not open %q: %q is not this computer (use localhost, 127.0.0.1 or [::1])", addr, u.Hostname())
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("will not open %q: port %q is not a number from 1 to 65535", addr, p)
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return fmt.Errorf("will not open %q: the port is missing after the colon", addr)
	}
	return nil
}

// addressChar reports whether r may appear in an address as written: the
// unreserved and reserved characters of RFC 3986, and % for escapes.
func addressChar(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return true
	}
	return strings.ContainsRune("-._~:/?#[]@!$&'()*+,;=%", r)
}

func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Zone() == "" && a.IsLoopback()
}
