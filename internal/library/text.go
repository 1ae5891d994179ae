package library

import "strings"

// Paragraphs normalises text written in TOML for documents: paragraphs are
// separated by one blank line ("\n\n"), and the hard line breaks within a
// paragraph become single spaces.
func Paragraphs(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p := OneLine(para); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// OneLine joins text onto one line with single spaces.
func OneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// Normalise puts every text of the clause into document form, once, so
// that assembling many profiles does not redo it.
func (c *Clause) Normalise() {
	c.Title = OneLine(c.Title)
	for _, p := range []*string{&c.Ask, &c.Requirement, &c.Rationale, &c.Caution, &c.LegalBasis} {
		*p = Paragraphs(*p)
	}
	for i := range c.Evidence {
		c.Evidence[i] = OneLine(c.Evidence[i])
	}
	for i := range c.KPIs {
		k := &c.KPIs[i]
		k.Name, k.Unit, k.Target = OneLine(k.Name), OneLine(k.Unit), OneLine(k.Target)
	}
	c.Question.normalise()
	for i := range c.Sources {
		c.Sources[i].Title = OneLine(c.Sources[i].Title)
	}
	for i := range c.Variants {
		v := &c.Variants[i]
		v.Title = OneLine(v.Title)
		for _, p := range []*string{&v.Ask, &v.Requirement, &v.Rationale, &v.Caution, &v.LegalBasis} {
			*p = Paragraphs(*p)
		}
		v.Question.normalise()
		for j := range v.Sources {
			v.Sources[j].Title = OneLine(v.Sources[j].Title)
		}
	}
}

func (q *Question) normalise() {
	if q == nil {
		return
	}
	q.Text, q.Guidance = Paragraphs(q.Text), Paragraphs(q.Guidance)
}
