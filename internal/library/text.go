package library

import (
	"slices"
	"strconv"
	"strings"
)

// Paragraphs normalises text written in TOML for documents: paragraphs are
// separated by one blank line ("\n\n"), and the hard line breaks within a
// paragraph become single spaces. An empty line (two line breaks, each
// "\n" or "\r\n", with nothing between them) ends a paragraph; any other
// run of white space becomes one space; none is left at either end.
func Paragraphs(s string) string {
	return strings.Join(SplitParagraphs(s), "\n\n")
}

// Numbered makes each item of a numbered list its own paragraph: in a
// paragraph whose first line starts "1. ", a line that starts with the next
// number ("2. ", then "3. " and so on) starts a new paragraph. Other text is
// left as it is. Requirement wording is written this way so that it lifts
// into a specification as numbered paragraphs.
func Numbered(s string) string {
	paras := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n")
	for i, para := range paras {
		if !strings.HasPrefix(strings.TrimSpace(para), "1. ") {
			continue
		}
		lines := strings.Split(para, "\n")
		for j, next := 1, 2; j < len(lines); j++ {
			if strings.HasPrefix(strings.TrimSpace(lines[j]), strconv.Itoa(next)+". ") {
				lines[j], next = "\n"+lines[j], next+1
			}
		}
		paras[i] = strings.Join(lines, "\n")
	}
	return strings.Join(paras, "\n\n")
}

// OneLine joins text onto one line: runs of white space (as strings.Fields
// sees it) become one space, and none is left at either end.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Normalise puts every text of the clause into document form, once, so
// that assembling many profiles does not redo it.
func (c *Clause) Normalise() {
	c.Requirement, c.Retender = Numbered(c.Requirement), Numbered(c.Retender)
	normaliseWording(&c.Title, []*string{&c.Ask, &c.Requirement, &c.Rationale, &c.Caution, &c.LegalBasis, &c.Retender}, c.Evidence, c.Question, c.Sources)
	for i := range c.KPIs {
		k := &c.KPIs[i]
		k.Name, k.Unit, k.Target = OneLine(k.Name), OneLine(k.Unit), OneLine(k.Target)
	}
	for i := range c.Variants {
		v := &c.Variants[i]
		v.Requirement, v.Retender = Numbered(v.Requirement), Numbered(v.Retender)
		normaliseWording(&v.Title, []*string{&v.Ask, &v.Requirement, &v.Rationale, &v.Caution, &v.LegalBasis, &v.Retender}, v.Evidence, v.Question, v.Sources)
	}
}

// normaliseWording puts the texts that a clause and its variants share into
// document form: the title, the paragraphs of text, the question and the
// sources' titles, and the items of evidence (each on one line).
func normaliseWording(title *string, paras []*string, evidence []string, q *Question, sources []Source) {
	*title = OneLine(*title)
	for i := range evidence {
		evidence[i] = OneLine(evidence[i])
	}
	for _, p := range paras {
		*p = Paragraphs(*p)
	}
	if q != nil {
		q.Title, q.Text, q.Guidance = OneLine(q.Title), Paragraphs(q.Text), Paragraphs(q.Guidance)
	}
	for i := range sources {
		sources[i].Title = OneLine(sources[i].Title)
	}
}

// maxBlank is the longest text in square brackets that Blanks takes for a
// blank to complete rather than a bracketed aside.
const maxBlank = 60

// Blanks returns the parts of text in [square brackets] that a reader must
// complete, such as "[x]", "[ ]" or "[number of days]", in order and each
// once.
// Brackets holding only digits, such as the year of a law report
// ("[2015] UKSC 22"), are citations, not blanks.
func Blanks(text string) []string {
	var out []string
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '[')
		if j < 0 {
			break
		}
		start := i + j
		k := strings.IndexAny(text[start+1:], "[]\n")
		if k < 0 {
			break
		}
		end := start + 1 + k
		i = end
		if text[end] != ']' {
			continue
		}
		i = end + 1
		inner := text[start+1 : end]
		if len(inner) > maxBlank || (inner != "" && strings.Trim(inner, "0123456789") == "") {
			continue
		}
		if b := text[start : end+1]; !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}

// SplitParagraphs returns the paragraphs of text, as Paragraphs finds
// them, each joined onto one line, leaving out empty ones.
func SplitParagraphs(text string) []string {
	var out []string
	for para := range strings.SplitSeq(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if para = OneLine(para); para != "" {
			out = append(out, para)
		}
	}
	return out
}
