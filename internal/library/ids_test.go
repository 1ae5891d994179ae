package library

import (
	"regexp"
	"testing"
)

// The id rules, written as regular expressions: the hand-written checks
// must agree with them.
var (
	kebabPattern    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	clauseIDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$`)
)

func checkIDs(t *testing.T, s string) {
	t.Helper()
	if got, want := isKebab(s), kebabPattern.MatchString(s); got != want {
		t.Fatalf("isKebab(%q) = %v; want %v", s, got, want)
	}
	if got, want := isClauseID(s), clauseIDPattern.MatchString(s); got != want {
		t.Fatalf("isClauseID(%q) = %v; want %v", s, got, want)
	}
}

func TestIDs(t *testing.T) {
	for _, s := range []string{
		"", "a", "living-wage", "living-wage.pay-all", "-a", "a-", "a--b", "A", "a_b", "a.b.c", ".a", "a.",
		"pay-gaps.report2", "ŵyn", "a.-b", "a-.b", "9.9",
	} {
		checkIDs(t, s)
	}
}

func FuzzIDs(f *testing.F) {
	f.Add("living-wage.pay-all")
	f.Fuzz(checkIDs)
}
