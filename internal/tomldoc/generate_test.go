package tomldoc

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// gen writes random valid TOML from the constructs clause files use and some
// they might: every key gets a fresh name, so documents are valid by
// construction.
type gen struct {
	r  *rand.Rand
	b  strings.Builder
	n  int
	nl string
}

func (g *gen) pick(options ...string) string { return options[g.r.IntN(len(options))] }

func (g *gen) key() string {
	g.n++
	switch g.r.IntN(6) {
	case 0:
		return fmt.Sprintf(`"k %d.é"`, g.n)
	case 1:
		return fmt.Sprintf(`'lit.%d'`, g.n)
	case 2:
		return fmt.Sprintf(`"q\"\u00e9\x41%d"`, g.n)
	default:
		return fmt.Sprintf("%s-%d_k", g.pick("a", "b", "key", "ask"), g.n)
	}
}

func (g *gen) str() string {
	switch g.r.IntN(6) {
	case 0:
		return `"plain [x] = # y \" z ŵ"`
	case 1:
		return `'lit [x] = # "y"'`
	case 2:
		return `"""` + g.nl + `[not.a.table]` + g.nl + `key = "no" # no` + g.nl + `Dŵr ""q"" \` + g.nl + `  end"""""`
	case 3:
		return `'''` + g.nl + `[[nor.this]]` + g.nl + `x = 'y' '' '''`
	case 4:
		return `""`
	default:
		return `"{employer} and {contractor}"`
	}
}

func (g *gen) scalar() string {
	switch g.r.IntN(6) {
	case 0:
		return g.pick("1", "-2", "3.5", "1e3", "0x1F", "inf", "true", "false", "1_000")
	case 1:
		return g.pick("1979-05-27", "1979-05-27 07:32:00", "1979-05-27T07:32:00Z", "07:32:00", "1979-05-27 07:32:00.5+01:00")
	default:
		return g.str()
	}
}

func (g *gen) value(depth int) string {
	if depth > 2 {
		return g.scalar()
	}
	switch g.r.IntN(8) {
	case 0:
		var items []string
		for range g.r.IntN(4) {
			items = append(items, g.value(depth+1))
		}
		sep := g.pick(", ", ","+g.nl+"  ", " , # c [x]"+g.nl)
		end := ""
		if len(items) > 0 {
			end = g.pick("", ",", ","+g.nl)
		}
		return "[" + g.pick("", g.nl+"  ") + strings.Join(items, sep) + end + "]"
	case 1:
		var items []string
		for range g.r.IntN(3) {
			items = append(items, g.key()+" = "+g.value(depth+1))
		}
		if g.r.IntN(3) == 0 && len(items) > 0 { // TOML 1.1: newlines and a trailing comma
			return "{" + g.nl + "  " + strings.Join(items, ","+g.nl+"  ") + "," + g.nl + "}"
		}
		return "{ " + strings.Join(items, ", ") + " }"
	default:
		return g.scalar()
	}
}

func (g *gen) keyValues(n int) {
	for range n {
		k := g.key()
		if g.r.IntN(4) == 0 {
			k = k + " . " + g.key()
		}
		fmt.Fprintf(&g.b, "%s%s = %s%s%s", g.pick("", "  ", "\t"), k, g.value(0), g.pick("", " # note = [x]"), g.nl)
		if g.r.IntN(5) == 0 {
			g.b.WriteString("# [comment] a = 1" + g.nl + g.nl)
		}
	}
}

func (g *gen) document() string {
	g.keyValues(g.r.IntN(3))
	arrays := []string{}
	for range g.r.IntN(6) {
		switch g.r.IntN(3) {
		case 0:
			fmt.Fprintf(&g.b, "[%s.%s]%s", g.key(), g.key(), g.nl)
		case 1:
			name := g.key()
			arrays = append(arrays, name)
			for range 1 + g.r.IntN(3) {
				fmt.Fprintf(&g.b, "%s[[ %s ]]%s", g.pick("", "  "), name, g.nl)
				g.keyValues(g.r.IntN(3))
				if g.r.IntN(2) == 0 {
					sub := g.key()
					for range 1 + g.r.IntN(2) {
						fmt.Fprintf(&g.b, "[[%s.%s]]%s", name, sub, g.nl)
						g.keyValues(1 + g.r.IntN(2))
					}
				}
				if g.r.IntN(2) == 0 {
					fmt.Fprintf(&g.b, "[%s.%s]%s", name, g.key(), g.nl)
				}
			}
		default:
			fmt.Fprintf(&g.b, "[%s]%s", g.key(), g.nl)
		}
		g.keyValues(g.r.IntN(4))
	}
	return g.b.String()
}

// TestLocateGenerated checks Locate against toml on thousands of random
// valid documents: every decoded key is found, at a consistent position.
func TestLocateGenerated(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	valid, invalid := 0, 0
	for i := range n {
		g := &gen{r: rand.New(rand.NewPCG(uint64(i), 7)), nl: "\n"}
		if i%3 == 0 {
			g.nl = "\r\n"
		}
		src := g.document()
		if _, err := tomlDecode(src); err != nil {
			if invalid++; invalid <= 3 {
				t.Logf("generated invalid TOML (seed %d): %v\n%s", i, err, src)
			}
			continue
		}
		valid++
		if !t.Run(fmt.Sprint(i), func(t *testing.T) { checkLocate(t, src) }) {
			t.Fatalf("source (seed %d):\n%s", i, src)
		}
	}
	if valid < n*29/30 {
		t.Errorf("only %d of %d generated documents were valid TOML", valid, n)
	}
}
