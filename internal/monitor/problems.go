package monitor

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The messages of Read's errors and problems: each says what is wrong and
// what would put it right.

func noRecord() string {
	return fmt.Sprintf("%v: it has no %s sheet; read only workbooks made by goldenthread monitor", ErrNotMonitoring, MetaSheet)
}

func unreadableRecord(err error) string {
	return fmt.Sprintf("%v: cannot read the %s sheet (%v)", ErrNotMonitoring, MetaSheet, err)
}

func missingSheet(s string) string {
	return fmt.Sprintf("sheet %q is missing: it was renamed or deleted; read an unaltered copy of the workbook", s)
}

func unreadableSheet(err error) string { return fmt.Sprintf("cannot read the sheet (%v)", err) }

func changed(want, got string) string {
	found := "found " + quote(got)
	if got == "" {
		found = "found nothing"
	}
	return fmt.Sprintf("expected %s, %s: rows or columns were moved or a locked cell was changed", quote(want), found)
}

func changedFormula(want, got string) string {
	if got == "" {
		return fmt.Sprintf("the formula =%s was removed: the Summary's counts would be wrong", want)
	}
	return fmt.Sprintf("the formula was changed to =%s; goldenthread wrote =%s", got, want)
}

func formulaTyped(fm string) string {
	return fmt.Sprintf("a formula (%s) was typed into an input cell: type the value itself", quoteN("="+strings.TrimPrefix(fm, "="), 40))
}

func notOnList(v string, list []string) string {
	return fmt.Sprintf("%s is not on the list: choose one of %s", quote(v), strings.Join(list, ", "))
}

func notDate(v string) string {
	return fmt.Sprintf("%s is not a date: enter a date such as 2027-06-30", quote(v))
}

func outsideTerm(t, start, end time.Time) string {
	return fmt.Sprintf("%s is outside the contract's term, %s to %s", t.Format(dateFormat), start.Format(dateFormat), end.Format(dateFormat))
}

func notNumber(v, unit string) string {
	return fmt.Sprintf("%s is not a number, and the KPI is measured in %s: enter the figure reported", quote(v), unit)
}

func notWhole(v string) string {
	return fmt.Sprintf("%s is not a whole number of workers: enter 0 or more, or leave it blank", quote(v))
}

func quote(s string) string { return quoteN(s, 40) }

func quoteN(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return strconv.Quote(s)
}
