package score

import (
	"archive/zip"
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/goldenthread/goldenthread/internal/grid"
	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
)

// TestWrittenOtherwise checks that a grid saved in ways other spreadsheet
// programs save one reads as the grid goldenthread wrote.
func TestWrittenOtherwise(t *testing.T) {
	complete := save(t, completeSmall(t))
	want := read(t, complete)
	for _, tc := range []struct {
		name    string
		rewrite func(name, body string) string
	}{
		{"comments", func(_, body string) string {
			return strings.Replace(body, "<sheetData>", "<sheetData><!-- a comment -->", 1)
		}},
		{"cells without references", func(_, body string) string {
			return strings.Replace(body, `<c r="A1" `, `<c `, 1)
		}},
		{"prefixed elements", func(_, body string) string {
			body = strings.Replace(body, `<worksheet xmlns="`, `<x:worksheet xmlns:x="`, 1)
			body = strings.Replace(body, `</worksheet>`, `</x:worksheet>`, 1)
			body = strings.ReplaceAll(body, `<sheetData>`, `<x:sheetData>`)
			body = strings.ReplaceAll(body, `</sheetData>`, `</x:sheetData>`)
			return body
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := rewrite(t, complete, tc.rewrite)
			if bytes.Equal(b, rewrite(t, complete, func(_, body string) string { return body })) {
				t.Fatal("the rewrite changed nothing")
			}
			got := read(t, b)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Read = %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestReasonCells checks what Read takes from reason cells a panel
// formatted or merged.
func TestReasonCells(t *testing.T) {
	// Small: consensus in column L, reason in M; rows 7 to 9 are Q1 for
	// the three bidders, agreed as 3, 4 and 1.
	reasons := func(t *testing.T, spoil func(f *excelize.File) error) map[int]Item {
		t.Helper()
		w := completeSmall(t)
		if err := spoil(w.F); err != nil {
			t.Fatal(err)
		}
		r := read(t, save(t, w))
		items := map[int]Item{}
		for _, it := range r.Items {
			items[it.Row] = it
		}
		return items
	}
	t.Run("rich text", func(t *testing.T) {
		items := reasons(t, func(f *excelize.File) error {
			return f.SetCellRichText(grid.Moderation, "M7", []excelize.RichTextRun{
				{Text: "Strong", Font: &excelize.Font{Bold: true}}, {Text: " evidence\nof delivery"},
			})
		})
		if got, want := items[7].Reason, "Strong evidence\nof delivery"; got != want {
			t.Errorf("reason in M7 = %q; want %q", got, want)
		}
	})
	t.Run("merged", func(t *testing.T) {
		// A merged range shows its top left cell, and so reads as it.
		// Small's first moderated rows are 7 to 9, under the award heading.
		items := reasons(t, func(f *excelize.File) error { return f.MergeCell(grid.Moderation, "L7", "M8") })
		for _, row := range []int{7, 8} {
			if it := items[row]; it.Consensus.Entered != "3" || it.Reason != "3" {
				t.Errorf("row %d: consensus %q, reason %q; want both \"3\"", row, it.Consensus.Entered, it.Reason)
			}
		}
		if it := items[9]; it.Consensus.Entered != "1" {
			t.Errorf("row 9: consensus %q; want \"1\"", it.Consensus.Entered)
		}
	})
}

// TestMissingPart removes the Summary sheet's part from a grid, leaving the
// workbook naming it: Read reports the sheet's labels as gone.
func TestMissingPart(t *testing.T) {
	names, bodies := parts(t, save(t, completeSmall(t)))
	i := slices.Index(names, "xl/worksheets/sheet7.xml")
	if i < 0 {
		t.Fatalf("no Summary part in %q", names)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for j, name := range names {
		if j == i {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(bodies[j])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	const want = `Summary!A4: expected "No.", found nothing: rows or columns were moved or a label was changed`
	if !errors.Is(err, ErrLayout) || !strings.HasPrefix(err.Error(), want+"\n") {
		t.Errorf("Read = %v; want ErrLayout starting %s", err, want)
	}
}

// TestHostileNames reads an empty grid whose panel and bidders are named to
// break sheet names, formulas and messages.
func TestHostileNames(t *testing.T) {
	p := gridtest.Hostile()
	r := read(t, generate(t, p))
	if len(r.Panel) != len(p.Scoring.Panel) || !slices.Equal(bidderNames(r), p.Scoring.Bidders) {
		t.Errorf("panel %+v, bidders %q; want %d evaluators and bidders %q", r.Panel, bidderNames(r), len(p.Scoring.Panel), p.Scoring.Bidders)
	}
	for i, ev := range r.Panel {
		if ev.Name != p.Scoring.Panel[i] {
			t.Errorf("evaluator %d = %q; want %q", i+1, ev.Name, p.Scoring.Panel[i])
		}
	}
	if r.Complete() {
		t.Error("Complete() = true for an empty grid")
	}
}

func bidderNames(r *Result) []string {
	var out []string
	for _, b := range r.Bidders {
		out = append(out, b.Name)
	}
	return out
}
