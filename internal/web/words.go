package web

import (
	"regexp"
	"strings"

	"github.com/goldenthread/goldenthread/internal/library"
)

// The profile loader words its problems for someone editing the file:
// clause ids, [tables] and keys. plain rewords the ones a rep meets on the
// form for someone using the form, and leaves the rest as they are.

var (
	// fileRef is a reference to a line of the library's files.
	fileRef = regexp.MustCompile(` \((?:clauses|templates)/[^)]*:\d+:\d+\)`)
	// clauseRef is a clause named by its id.
	clauseRef = regexp.MustCompile(`clause "([a-z0-9][a-z0-9.-]*)"(?: \([^)]*\))?`)
	weights   = regexp.MustCompile(`^the weights of the (\d+) scored questions add up to ([^ ]+), not 100 .*$`)
	noStage   = regexp.MustCompile(`^no selected clause is used at the (\S+) stage: .*$`)
	setFigure = regexp.MustCompile(`: check the current figure and set \S+ = "…" under \[placeholders\]$`)
)

// plain returns msg as a rep using the form reads it.
func plain(lib *library.Library, stage map[string]string, msg string) string {
	if m := weights.FindStringSubmatch(msg); m != nil {
		return "The weights of the " + m[1] + " scored questions add up to " + m[2] + ", not 100: change them so they total 100, or press “Share out the rest of the 100”"
	}
	if m := noStage.FindStringSubmatch(msg); m != nil {
		name := m[1]
		if s := stage[name]; s != "" {
			name = s
		}
		return "No ticked ask is used at the " + strings.ToLower(name) + " stage: tick one if you want asks there"
	}
	msg = fileRef.ReplaceAllString(msg, "")
	msg = setFigure.ReplaceAllString(msg, ": check the current figure and enter it in the form, under “Figures and names the asks use”")
	msg = clauseRef.ReplaceAllStringFunc(msg, func(ref string) string {
		id := clauseRef.FindStringSubmatch(ref)[1]
		if c := lib.Clause(id); c != nil {
			return "the ask “" + c.Title + "”"
		}
		return ref
	})
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return msg
}
