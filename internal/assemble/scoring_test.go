package assemble

import "testing"

// TestFlagFor checks that a spread flag rounds up to a step the scale can
// show.
func TestFlagFor(t *testing.T) {
	for _, tc := range []struct {
		pts   []float64
		share float64
		want  float64
	}{
		{[]float64{0, 25, 50, 75, 100}, 0.1, 25},
		{[]float64{0, 1, 2, 3, 4}, 0.1, 1},
		{[]float64{0, 1, 2, 3, 4}, 0.5, 2},
		{[]float64{0, 1, 2, 3, 4, 5}, 0.5, 3},
		{[]float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.5, 5},
	} {
		if got := flagFor(tc.pts, tc.share); got != tc.want {
			t.Errorf("flagFor(%v, %v) = %v; want %v", tc.pts, tc.share, got, tc.want)
		}
	}
}
