package score

import (
	"fmt"
	"slices"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
)

// want is a bidder's expected result, worked out by hand.
type want struct {
	score  float64
	status Status
	rank   int
	failed []string
}

func checkBidders(t *testing.T, r *Result, wants []want) {
	t.Helper()
	if len(r.Bidders) != len(wants) {
		t.Fatalf("%d bidders; want %d", len(r.Bidders), len(wants))
	}
	for i, w := range wants {
		b := r.Bidders[i]
		if (w.status != Incomplete && b.Score != w.score) || b.Status != w.status || b.Rank != w.rank || !slices.Equal(b.Failed, w.failed) {
			t.Errorf("bidder %d (%s) = %v, %s, rank %d, failed %v; want %v, %s, rank %d, failed %v",
				i+1, b.Name, b.Score, b.Status, b.Rank, b.Failed, w.score, w.status, w.rank, w.failed)
		}
	}
}

// TestRoundTripSmall fills the small grid (Q1 scored 0–4, weight 60, pass
// mark 2; Q2 scored 0–10, weight 40; Q3 pass/fail; Q4 information) as a
// panel would and checks every bidder against totals worked out by hand:
// weighted score = Q1/4×60 + Q2/10×40.
func TestRoundTripSmall(t *testing.T) {
	for _, tc := range []struct {
		name      string
		consensus [3][3]any // [bidder][Q1, Q2, Q3]; nil leaves it empty
		final     bool
		want      []want
	}{
		{
			name:      "complete",
			consensus: [3][3]any{{3, 7, "Pass"}, {4, 5, "Pass"}, {1, 10, "Pass"}},
			final:     true,
			want: []want{
				{73, Pass, 2, nil},            // 45 + 28
				{80, Pass, 1, nil},            // 60 + 20
				{55, Fail, 0, []string{"Q1"}}, // 15 + 40, but 1 is below the pass mark of 2
			},
		},
		{
			name:      "tie and a fail",
			consensus: [3][3]any{{4, 5, "Pass"}, {4, 5, "pass"}, {2, 10, "Fail"}},
			final:     true,
			want: []want{
				{80, Pass, 1, nil},
				{80, Pass, 1, nil},
				{70, Fail, 0, []string{"Q3"}}, // 30 + 40; failed the pass/fail question
			},
		},
		{
			name:      "pass mark met exactly, zero elsewhere",
			consensus: [3][3]any{{2, 0, "Pass"}, {0, 10, "Fail"}, {3, 3, "Pass"}},
			final:     true,
			want: []want{
				{30, Pass, 2, nil},                  // 30 + 0
				{40, Fail, 0, []string{"Q1", "Q3"}}, // 0 + 40
				{57, Pass, 1, nil},                  // 45 + 12
			},
		},
		{
			name:      "incomplete",
			consensus: [3][3]any{{3, 7, "Pass"}, {4, nil, "Pass"}, {1, 10, nil}},
			final:     false,
			want: []want{
				{73, Pass, 0, nil},
				{0, Incomplete, 0, nil},
				{0, Incomplete, 0, []string{"Q1"}},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := openGrid(t, generate(t, gridtest.Small()))
			q := []int{0, 1, 2} // the moderated questions
			err := w.Fill(
				func(e, qi, b int) any { return tc.consensus[b][slices.Index(q, qi)] },
				func(qi, b int) any { return tc.consensus[b][slices.Index(q, qi)] },
			)
			if err != nil {
				t.Fatal(err)
			}
			r := read(t, save(t, w))
			checkBidders(t, r, tc.want)
			if r.RanksFinal != tc.final {
				t.Errorf("RanksFinal = %v; want %v", r.RanksFinal, tc.final)
			}
			if tc.final && !r.Complete() {
				t.Errorf("Complete() = false; problems %v", r.Problems())
			}
			if !tc.final && r.Complete() {
				t.Errorf("Complete() = true with consensus scores missing")
			}
		})
	}
}

// largeFraction is, for each bidder of gridtest.Large, the share of the
// maximum the panel agrees on every scored question.
var largeFraction = []float64{1, 0.75, 0.5, 0.25, 0.75, 0.5, 1, 0}

// fillLarge fills gridtest.Large: consensus on each scored question is the
// bidder's fraction of the maximum (0–4 or 0–100); every pass/fail question
// is Pass except Q5 for Bidder G. Evaluators agree with the consensus,
// except that evaluator 1 scores Bidder B two points (0–4) or 50 (0–100)
// lower on every scored question and evaluator 6 gives Bidder A a Fail on
// every pass/fail question: 32 + 4 spreads that reach the flag.
func fillLarge(t testing.TB, w *gridtest.Workbook) {
	consensus := func(q, b int) any {
		mq := w.Meta.Questions[q]
		if mq.Kind == "pass-fail" {
			if b == 6 && mq.Ref == "Q5" {
				return "Fail"
			}
			return "Pass"
		}
		return largeFraction[b] * mq.Max()
	}
	score := func(e, q, b int) any {
		mq := w.Meta.Questions[q]
		v := consensus(q, b)
		switch {
		case mq.Kind == "pass-fail" && e == 5 && b == 0:
			return "Fail"
		case mq.Kind == "scored" && e == 0 && b == 1:
			return v.(float64) - mq.Max()/2
		}
		return v
	}
	if err := w.Fill(score, consensus); err != nil {
		t.Fatal(err)
	}
}

// TestRoundTripLarge checks the 40-question, 6-evaluator, 8-bidder grid.
// The scored weights add up to 100, so a bidder who gets the same share of
// the maximum on every scored question scores 100 × that share.
func TestRoundTripLarge(t *testing.T) {
	w := openGrid(t, generate(t, gridtest.Large()))
	fillLarge(t, w)
	r := read(t, save(t, w))
	pm := []string{"Q1", "Q9", "Q17", "Q33"} // scored 0–4 with pass mark 2
	checkBidders(t, r, []want{
		{100, Pass, 1, nil},
		{75, Pass, 2, nil},
		{50, Pass, 4, nil},
		{25, Fail, 0, pm}, // 1 < 2
		{75, Pass, 2, nil},
		{50, Pass, 4, nil},
		{100, Fail, 0, []string{"Q5"}},
		{0, Fail, 0, pm},
	})
	if !r.Complete() {
		t.Errorf("Complete() = false; problems %v", r.Problems())
	}
	flagged := r.Flagged()
	if len(flagged) != 36 {
		t.Errorf("%d flagged spreads; want 36", len(flagged))
	}
	for _, it := range flagged {
		q := r.Questions[it.Question]
		switch {
		case q.Kind == "scored" && it.Bidder == 1 && it.Spread == q.Max/2:
		case q.Kind == "pass-fail" && it.Bidder == 0 && it.Spread == 1:
		default:
			t.Errorf("unexpected flag: %s, bidder %d, spread %v", q.Ref, it.Bidder, it.Spread)
		}
	}
}

// TestWideGrid reads a 12-evaluator, 12-bidder grid with Welsh names.
func TestWideGrid(t *testing.T) {
	w := openGrid(t, generate(t, gridtest.Wide()))
	// Every bidder gets the top score except bidder 12, who gets 0 on Q1
	// (0–4, weight 12.5): 87.5.
	err := w.Fill(func(e, q, b int) any {
		if w.Meta.Questions[q].Kind == "pass-fail" {
			return "Pass"
		}
		if b == 11 && q == 0 {
			return 0.0
		}
		return w.Meta.Questions[q].Max()
	}, func(q, b int) any {
		if w.Meta.Questions[q].Kind == "pass-fail" {
			return "Pass"
		}
		if b == 11 && q == 0 {
			return 0.0
		}
		return w.Meta.Questions[q].Max()
	})
	if err != nil {
		t.Fatal(err)
	}
	r := read(t, save(t, w))
	var wants []want
	for range 11 {
		wants = append(wants, want{100, Pass, 1, nil})
	}
	checkBidders(t, r, append(wants, want{87.5, Pass, 12, nil}))
	if !r.Complete() {
		t.Errorf("problems: %v", r.Problems())
	}
	if got := fmt.Sprint(r.Panel[0].Sheet, "|", r.Panel[1].Sheet, "|", r.Panel[2].Sheet); got != "Siân Ŵyn|O'Brien|Ŵyn" {
		t.Errorf("sheets = %s", got)
	}
}
