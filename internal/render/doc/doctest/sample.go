// Package doctest gives the writers of editable documents a document to
// test with: every kind of block, Welsh letters, and text that tries to
// break each format.
package doctest

import (
	"time"

	"github.com/goldenthread/goldenthread/internal/render/doc"
)

// Hostile lists texts that try to break a format: markup, formulas,
// Markdown syntax, XML that is not well formed, a link to script. Each
// must come out as the same text, never as markup.
var Hostile = []string{
	`<script>alert("x")</script>`,
	`</p><h1>injected</h1><!--`,
	`=HYPERLINK("http://evil.example","click")`,
	`*not emphasis* _nor this_ **nor this** ~~nor~~`,
	`[a link](javascript:alert(1)) ![img](x.png) <https://evil.example>`,
	`# not a heading`,
	`1. not a list item`,
	`- nor this`,
	`> nor a quote`,
	"`code` and ``` fences",
	`| a | table | row |`,
	`back\slash \* \_ and & &amp; &lt; ]]> "quotes" 'apostrophes'`,
	`{{.Template}} {{template "x"}} ${var} %s %!v`,
	`----`,
	`+++ === ***`,
}

// Welsh is text with every Welsh letter that needs a circumflex or
// diaeresis, and names in Welsh.
const Welsh = "Bwrdd Iechyd Prifysgol Hywel Dda: Ŵ ŵ Ŷ ŷ Â â Ê ê Î î Ô ô Û û Ï ï Ë ë — Caerdydd, Llanelli, Ynys Môn, Dyffryn Tywi"

// Sample returns a document with every kind of block, Welsh letters and
// hostile text in every place a writer puts text.
func Sample() *doc.Document {
	d := &doc.Document{Meta: doc.Meta{
		Title:       "Specification: fair work and equality — " + Welsh,
		Subtitle:    Hostile[0],
		Subject:     "Cleaning services <b>&</b>",
		Author:      "UNISON Cymru/Wales branch " + Hostile[1],
		Keywords:    "Living Wage; equality; " + Hostile[2],
		Description: "A test document",
		Creator:     "goldenthread test",
		Lang:        "en-GB",
		Skip:        "Skip to main content",
		Date:        time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC),
		Kind:        "specification",
	}}
	add := func(b ...doc.Block) { d.Blocks = append(d.Blocks, b...) }
	add(doc.Contents{Title: "Contents", Depth: 2})
	add(doc.Heading{Level: 1, ID: "complete", Text: "Complete before use"})
	add(doc.List{Items: [][]doc.Inline{
		{{Text: "3.1 Real Living Wage: ", Strong: true}, {Text: "[date]"}, {Text: ", [x]"}},
		{{Text: "Award weight: [weight]%"}},
	}})
	add(doc.Heading{Level: 1, ID: "facts", Text: "The procurement"})
	add(doc.Facts{Items: []doc.Fact{
		{Label: "Employer", Value: doc.Text(Welsh)},
		{Label: "Procurement", Value: doc.Text(Hostile[4])},
		{Label: "Contact", Value: []doc.Inline{{Text: "branch@example.org", Link: "mailto:branch@example.org"}}},
	}})
	add(doc.Break{})
	add(doc.Heading{Level: 1, ID: "s3", Number: "3", Text: "Contract performance conditions"})
	for i, h := range Hostile {
		add(doc.Heading{Level: 3, ID: "r" + string(rune('a'+i)), Number: "3." + itoa(i+1), Text: h})
		add(doc.Paragraph{Style: doc.Small, Inlines: doc.Text("Ask " + itoa(i+1) + " · Contract performance condition")})
		add(doc.Paragraph{Inlines: doc.Text(h)})
	}
	add(doc.Heading{Level: 2, ID: "s3-living-wage", Number: "3.20", Text: "Real Living Wage for everyone on the contract"})
	add(doc.Paragraph{Inlines: []doc.Inline{
		{Text: "The Contractor shall pay "}, {Text: "at least £13.45 an hour", Strong: true},
		{Text: " [check: figure due for review on 31 October 2026]. See "},
		{Text: "the Living Wage Foundation", Link: "https://www.livingwage.org.uk/what-real-living-wage"},
		{Text: " and "}, {Text: "section 3", Link: "#s3"}, {Text: ". Not a link: "},
		{Text: "click", Link: "javascript:alert(1)"}, {Text: "."},
	}})
	add(doc.List{Ordered: true, Items: [][]doc.Inline{
		doc.Text("The Contractor shall pay the real Living Wage."),
		doc.Text("The Contractor shall report each quarter. " + Hostile[6]),
		doc.Text(Welsh),
	}})
	add(doc.Paragraph{Style: doc.Label, Inlines: doc.Text("Key performance indicators")})
	add(doc.Table{
		Caption: "Key performance indicators for 3.20",
		Header:  []string{"Measure", "Unit", "Target", "Frequency"},
		Widths:  []int{46, 14, 20, 20},
		Rows: []doc.Row{
			{Group: true, Cells: [][]doc.Inline{doc.Text("Pay")}},
			{Cells: [][]doc.Inline{doc.Text("Workers paid at least the real Living Wage"), doc.Text("%"), doc.Text("100"), doc.Text("Quarterly")},
				Tones: []doc.Tone{doc.None, doc.Good, doc.Fair, doc.Poor}},
			{Cells: [][]doc.Inline{doc.Text("Rated"), doc.Text("Inadequate"), doc.Text("Other"), doc.Text("—")},
				Tones: []doc.Tone{doc.None, doc.Bad, doc.Neutral}},
			{ID: "row-hostile", Cells: [][]doc.Inline{doc.Text(Hostile[10]), doc.Text(Hostile[2]), doc.Text(Hostile[0]), doc.Text(Welsh)}},
		},
	})
	add(doc.Note{Kind: doc.Drafting, Label: "Drafting note (not contract text)", Blocks: []doc.Block{
		doc.Paragraph{Inlines: doc.Text("Check the current rate before the tender is published. " + Hostile[8])},
		doc.List{Items: [][]doc.Inline{doc.Text("First point"), doc.Text(Hostile[7])}},
	}})
	add(doc.Note{Kind: doc.Caution, Label: "Caution", Blocks: []doc.Block{
		doc.Paragraph{Inlines: doc.Text("Union recognition can be encouraged, not required.")},
	}})
	add(doc.Note{Kind: doc.Wording, Label: "Wording", Blocks: []doc.Block{
		doc.List{Ordered: true, Items: [][]doc.Inline{doc.Text("The Contractor shall recognise…"), doc.Text("Second.")}},
	}})
	add(doc.Heading{Level: 2, ID: "s4", Number: "4", Text: "Sources"})
	add(doc.List{Ordered: true, Items: [][]doc.Inline{
		{{Text: "Employment Rights Act 1996", Link: "https://www.legislation.gov.uk/ukpga/1996/18"}},
		doc.Text(Hostile[11]),
	}})
	return d
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
