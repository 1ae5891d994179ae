package html_test

import (
	"strings"
	"testing"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/render/doc/doctest"
	"github.com/goldenthread/goldenthread/internal/render/html/htmltest"
)

// TestPrint prints the sample with Chromium and reads the PDF back with
// poppler: no contents or skip link, a new page at the Break, and each
// external link's address after its text.
func TestPrint(t *testing.T) {
	pdf := htmltest.Print(t, write(t, doctest.Sample()))
	text := gtest.PDFText(t, pdf)
	for _, s := range []string{"Contents", "Skip to main content"} {
		if strings.Contains(text, s) {
			t.Errorf("the print has %q", s)
		}
	}
	flat := strings.Join(strings.Fields(text), " ")
	for _, s := range []string{
		"branch@example.org (mailto:branch@example.org)",
		"the Living Wage Foundation (https://www.livingwage.org.uk/what-real-living-wage)",
		"Employment Rights Act 1996 (https://www.legislation.gov.uk/ukpga/1996/18)",
	} {
		if !strings.Contains(flat, s) {
			t.Errorf("the print lacks %q", s)
		}
	}
	if strings.Contains(flat, "section 3 (") {
		t.Error("an internal link's address is printed")
	}
	page1 := gtest.Poppler(t, pdf, "pdftotext", "-enc", "UTF-8", "-l", "1")
	page2 := gtest.Poppler(t, pdf, "pdftotext", "-enc", "UTF-8", "-f", "2", "-l", "2")
	if !strings.Contains(page1, "The procurement") || !strings.HasPrefix(strings.TrimSpace(page2), "3 Contract performance conditions") {
		t.Errorf("the Break does not start page 2 at part 3; page 2 begins:\n%.200s", page2)
	}
}
