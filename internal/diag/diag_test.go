package diag

import (
	"errors"
	"testing"
)

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Pos: Pos{"a.toml", 12, 3}, Severity: Error, Msg: `unknown clause "x"`}, `a.toml:12:3: unknown clause "x"`},
		{Problem{Pos: Pos{"a.toml", 1, 1}, Severity: Warning, Msg: "stale"}, "a.toml:1:1: warning: stale"},
		{Problem{Pos: Pos{"a.toml", 0, 0}, Severity: Note, Msg: "no [select] table"}, "a.toml: note: no [select] table"},
		{Problem{Pos: Pos{}, Severity: Error, Msg: "no position"}, "no position"},
	}
	for _, tc := range tests {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%#v.String() = %q; want %q", tc.p, got, tc.want)
		}
	}
}

func TestListSortAndErr(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Errorf("empty List.Err() = %v; want nil", l.Err())
	}
	l.Warn(Pos{"b.toml", 1, 1}, "w")
	l.Notef(Pos{"a.toml", 9, 1}, "n")
	if err := l.Err(); err != nil {
		t.Errorf("List.Err() with only a warning and a note = %v; want nil", err)
	}
	l.Add(Pos{"a.toml", 10, 2}, "second %d", 2)
	l.Add(Pos{"a.toml", 10, 1}, "first")
	l.Add(Pos{"a.toml", 2, 5}, "earlier line")
	l.Add(Pos{"a.toml", 10, 1}, "first") // an exact duplicate is dropped
	l.Add(Pos{"a.toml", 10, 1}, "another at the same place")
	var m List
	m.Add(Pos{"", 0, 0}, "no file")
	l = append(l, m...)

	got := l.Sort()
	want := []string{
		"no file",
		"a.toml:2:5: earlier line",
		"a.toml:9:1: note: n",
		"a.toml:10:1: another at the same place",
		"a.toml:10:1: first",
		"a.toml:10:2: second 2",
		"b.toml:1:1: warning: w",
	}
	if len(got) != len(want) {
		t.Fatalf("Sort() = %d problems; want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("Sort()[%d] = %q; want %q", i, got[i], want[i])
		}
	}
	if n := got.Count(Error); n != 5 {
		t.Errorf("Count(Error) = %d; want 5", n)
	}
	err := got.Err()
	var de *Errors
	if !errors.As(err, &de) || len(de.List) != 5 {
		t.Fatalf("Err() = %v; want *Errors with 5 errors", err)
	}
	if want := "no file\na.toml:2:5: earlier line\na.toml:10:1: another at the same place\na.toml:10:1: first\na.toml:10:2: second 2"; err.Error() != want {
		t.Errorf("Err().Error() = %q; want %q", err.Error(), want)
	}
}

func TestSuggest(t *testing.T) {
	stages := []string{"pre-procurement", "specification", "selection", "award", "contract-management"}
	commands := []string{"list", "show", "lint", "init", "asks", "grid", "pack"}
	keys := []string{"id", "title", "theme", "stages", "requirement", "review_by", "text", "name"}
	tests := []struct {
		s          string
		candidates []string
		want       string
	}{
		{"contract-managment", stages, "contract-management"},
		{"awrd", stages, "award"},
		{"tender", stages, ""},
		{"requirment", keys, "requirement"},
		{"reveiw_by", keys, "review_by"},
		{"titel", keys, "title"}, // a swapped pair is one edit
		{"nmae", keys, "name"},
		{"txet", keys, "text"},
		{"lsit", commands, "list"},
		{"frobnicate", commands, ""},
		{"Wales", []string{"england", "wales"}, "wales"},
		{"ŵales", []string{"england", "wales"}, "wales"}, // runes, not bytes
		{"", commands, ""},
		{"x", nil, ""},
	}
	for _, tc := range tests {
		if got := Suggest(tc.s, tc.candidates); got != tc.want {
			t.Errorf("Suggest(%q) = %q; want %q", tc.s, got, tc.want)
		}
	}
	if got, want := DidYouMean("lsit", commands), ` (did you mean "list"?)`; got != want {
		t.Errorf("DidYouMean(lsit) = %q; want %q", got, want)
	}
	if got := DidYouMean("frobnicate", commands); got != "" {
		t.Errorf("DidYouMean(frobnicate) = %q; want nothing", got)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"lsit", "list", 1},
		{"ab", "ba", 1},
		{"abcd", "badc", 2},
		{"ca", "abc", 3},
		{"Dŵr", "Dwr", 1},
	}
	for _, tc := range tests {
		if got := distance(tc.a, tc.b); got != tc.want {
			t.Errorf("distance(%q, %q) = %d; want %d", tc.a, tc.b, got, tc.want)
		}
		if got := distance(tc.b, tc.a); got != tc.want {
			t.Errorf("distance(%q, %q) = %d; want %d", tc.b, tc.a, got, tc.want)
		}
	}
}
