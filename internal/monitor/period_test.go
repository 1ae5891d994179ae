package monitor

import (
	"testing"
	"time"
)

func d(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }

func TestPeriods(t *testing.T) {
	for _, tc := range []struct {
		name       string
		start      time.Time
		months     int
		freq       string
		n          int
		first, end Period
	}{
		{"mid-quarter", d(2027, 5, 15), 12, Quarterly, 5,
			Period{d(2027, 5, 15), d(2027, 6, 30), true}, Period{d(2028, 4, 1), d(2028, 5, 14), true}},
		{"1 April", d(2027, 4, 1), 12, Quarterly, 4,
			Period{d(2027, 4, 1), d(2027, 6, 30), false}, Period{d(2028, 1, 1), d(2028, 3, 31), false}},
		{"one month", d(2027, 6, 10), 1, Monthly, 2,
			Period{d(2027, 6, 10), d(2027, 6, 30), true}, Period{d(2027, 7, 1), d(2027, 7, 9), true}},
		{"one month annual", d(2027, 6, 1), 1, Annual, 1,
			Period{d(2027, 6, 1), d(2027, 6, 30), true}, Period{d(2027, 6, 1), d(2027, 6, 30), true}},
		{"300 months monthly", d(2027, 4, 1), 300, Monthly, 300,
			Period{d(2027, 4, 1), d(2027, 4, 30), false}, Period{d(2052, 3, 1), d(2052, 3, 31), false}},
		{"leap February", d(2028, 2, 1), 1, Monthly, 1,
			Period{d(2028, 2, 1), d(2028, 2, 29), false}, Period{d(2028, 2, 1), d(2028, 2, 29), false}},
		{"leap day start, six-monthly", d(2028, 2, 29), 12, SixMonthly, 3,
			Period{d(2028, 2, 29), d(2028, 3, 31), true}, Period{d(2028, 10, 1), d(2029, 2, 28), true}},
		{"January start, annual", d(2027, 1, 1), 24, Annual, 3,
			Period{d(2027, 1, 1), d(2027, 3, 31), true}, Period{d(2028, 4, 1), d(2028, 12, 31), true}},
		{"on-event", d(2027, 4, 1), 12, OnEvent, 0, Period{}, Period{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := Periods(tc.start, tc.months, tc.freq)
			if len(ps) != tc.n {
				t.Fatalf("Periods(%v, %d, %q) gives %d periods; want %d", tc.start, tc.months, tc.freq, len(ps), tc.n)
			}
			if tc.n == 0 {
				return
			}
			if ps[0] != tc.first || ps[len(ps)-1] != tc.end {
				t.Errorf("Periods(%v, %d, %q) = %v … %v; want %v … %v", tc.start, tc.months, tc.freq, ps[0], ps[len(ps)-1], tc.first, tc.end)
			}
			for i := 1; i < len(ps); i++ {
				if !ps[i].Start.Equal(ps[i-1].End.AddDate(0, 0, 1)) {
					t.Errorf("period %d starts %v, not the day after %v", i, ps[i].Start, ps[i-1].End)
				}
			}
		})
	}
}

func TestLabel(t *testing.T) {
	l := Labels{"%s", "%s Q%d", "%s H%d", "%s", "%s (part)"}
	for _, tc := range []struct {
		p    Period
		freq string
		want string
	}{
		{Period{d(2027, 5, 15), d(2027, 6, 30), true}, Quarterly, "2027-28 Q1 (part)"},
		{Period{d(2028, 1, 1), d(2028, 3, 31), false}, Quarterly, "2027-28 Q4"},
		{Period{d(2027, 10, 1), d(2028, 3, 31), false}, SixMonthly, "2027-28 H2"},
		{Period{d(2099, 4, 1), d(2100, 3, 31), false}, Annual, "2099-00"},
		{Period{d(2028, 2, 1), d(2028, 2, 29), false}, Monthly, "2028-02"},
	} {
		if got := l.Label(tc.p, tc.freq); got != tc.want {
			t.Errorf("Label(%v, %q) = %q; want %q", tc.p, tc.freq, got, tc.want)
		}
	}
}
