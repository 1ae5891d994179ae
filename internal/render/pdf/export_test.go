package pdf

import (
	"testing"

	"github.com/goldenthread/goldenthread/internal/model"
)

// For the tests in package pdf_test, which render the asks of real profiles
// from the built-in library.

// CheckNavigation checks the outline, page references and links of b, the
// asks PDF of p; see checkNavigation.
func CheckNavigation(t *testing.T, p *model.Pack, b []byte) { checkNavigation(t, p, b) }

// Stranded returns the pages of b, the asks PDF of p, that end with a
// heading or label.
func Stranded(t *testing.T, p *model.Pack, b []byte) []string {
	return strandedHeadings(t, b, askLabels(p))
}

// PartPages returns the number of pages of each part of b.
func PartPages(t *testing.T, b []byte) [3]int {
	r := readBack(t, b)
	var starts []int
	for _, it := range r.outline {
		if it.level == 0 {
			starts = append(starts, it.page)
		}
	}
	starts = append(starts, len(r.pages)+1)
	var n [3]int
	for i := range min(3, len(starts)-1) {
		n[i] = starts[i+1] - starts[i]
	}
	return n
}
