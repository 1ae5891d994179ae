package monitor

import (
	"fmt"
	"strconv"
	"time"
)

// Reporting frequencies, as the library's KPIs give them.
const (
	Monthly    = "monthly"
	Quarterly  = "quarterly"
	SixMonthly = "six-monthly"
	Annual     = "annual"
	OnEvent    = "on-event"
)

// Period is one reporting period: its first and last days. Part marks a
// period the contract's start or end cuts short.
type Period struct {
	Start, End time.Time
	Part       bool
}

// months returns how many months a period of frequency lasts, or 0 for
// one with no periods (on-event, or one this package does not know).
func months(frequency string) int {
	switch frequency {
	case Monthly:
		return 1
	case Quarterly:
		return 3
	case SixMonthly:
		return 6
	case Annual:
		return 12
	}
	return 0
}

// Periods returns the reporting periods of a KPI reported at frequency over
// the term [start, start+months), aligned to the UK financial year, which
// starts on 1 April. A period the term cuts is a part period, with the
// days of it that fall in the term.
func Periods(start time.Time, months_ int, frequency string) []Period {
	n := months(frequency)
	if n == 0 || months_ <= 0 || start.IsZero() {
		return nil
	}
	start = day(start)
	end := start.AddDate(0, months_, 0) // the day after the term
	// Periods are counted from 1 April of the financial year the term
	// starts in; monthly ones from the first of the month.
	from := time.Date(start.Year(), time.April, 1, 0, 0, 0, 0, time.UTC)
	if start.Before(from) {
		from = from.AddDate(-1, 0, 0)
	}
	for from.AddDate(0, n, 0).Compare(start) <= 0 {
		from = from.AddDate(0, n, 0)
	}
	var out []Period
	for p := from; p.Before(end); p = p.AddDate(0, n, 0) {
		next := p.AddDate(0, n, 0)
		pr := Period{Start: p, End: next.AddDate(0, 0, -1)}
		if p.Before(start) {
			pr.Start, pr.Part = start, true
		}
		if next.After(end) {
			pr.End, pr.Part = end.AddDate(0, 0, -1), true
		}
		out = append(out, pr)
	}
	return out
}

// day returns t's date at midnight UTC.
func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Labels are the patterns period labels are made with, from templates:
// Monthly takes the month as 2027-04; Quarterly and SixMonthly the
// financial year as 2027-28 and the period's number in it; Annual the
// financial year; Part the label of a period the term cuts.
type Labels struct {
	Monthly, Quarterly, SixMonthly, Annual, Part string
}

// Label returns the label of period p of a KPI reported at frequency.
func (l Labels) Label(p Period, frequency string) string {
	// A part period is named by the whole period it is part of.
	whole := p.End
	fy := whole.Year()
	if whole.Month() < time.April {
		fy--
	}
	year := strconv.Itoa(fy) + "-" + fmt.Sprintf("%02d", (fy+1)%100)
	nth := (int(whole.Month())+8)%12/max(months(frequency), 1) + 1
	var s string
	switch frequency {
	case Monthly:
		s = fmt.Sprintf(l.Monthly, whole.Format("2006-01"))
	case Quarterly:
		s = fmt.Sprintf(l.Quarterly, year, nth)
	case SixMonthly:
		s = fmt.Sprintf(l.SixMonthly, year, nth)
	default:
		s = fmt.Sprintf(l.Annual, year)
	}
	if p.Part {
		s = fmt.Sprintf(l.Part, s)
	}
	return s
}
