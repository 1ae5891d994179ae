package grid

import (
	"strings"

	"github.com/goldenthread/goldenthread/internal/model"
)

// Formula is one formula cell of a grid. Text has no leading "=".
type Formula struct {
	Sheet    string
	Col, Row int
	Text     string
}

// Formulas returns every formula a grid holds, sheet by sheet, row by row.
// They use only functions that Excel and LibreOffice Calc have both had for
// decades (IF, COUNT, COUNTIF, MIN, MAX, SUMIF, SUMPRODUCT, ROUND, INDEX,
// MATCH), and
// never contain text from a profile: names reach them only as quoted sheet
// names.
func (m *Meta) Formulas() []Formula {
	out := make([]Formula, 0, len(m.Moderated())*len(m.Bidders)*(len(m.Panel)+6)+5*len(m.Bidders))
	add := func(sheet string, col, row int, text string) {
		out = append(out, Formula{sheet, col, row, text})
	}
	c := m.ModCols()
	for mq, qi := range m.Moderated() {
		q := &m.Questions[qi]
		qr := QRow(qi)
		for b := range m.Bidders {
			r := m.ModRow(mq, b)
			for e, ev := range m.Panel {
				src := Ref(ev.Sheet, EvalScoreCol(b), m.EvalRow(qi))
				add(Moderation, c.FirstEval+e, r, `IF(`+src+`="","",`+src+`)`)
			}
			rng := Cell(c.FirstEval, r) + ":" + Cell(c.FirstEval+len(m.Panel)-1, r)
			spread := Cell(c.Spread, r)
			cons := Cell(c.Consensus, r)
			if q.Kind == PassFail {
				pass := `COUNTIF(` + rng + `,"` + Pass + `")`
				fail := `COUNTIF(` + rng + `,"` + Fail + `")`
				add(Moderation, c.Lowest, r, `IF(`+fail+`>0,"`+Fail+`",IF(`+pass+`>0,"`+Pass+`",""))`)
				add(Moderation, c.Highest, r, `IF(`+pass+`>0,"`+Pass+`",IF(`+fail+`>0,"`+Fail+`",""))`)
				add(Moderation, c.Spread, r, `IF(`+pass+`+`+fail+`=0,"",IF(`+pass+`*`+fail+`>0,1,0))`)
				add(Moderation, c.Flag, r, `IF(`+spread+`="","",IF(`+spread+`>=1,"`+Discuss+`",""))`)
				add(Moderation, c.Failed, r, `IF(`+cons+`="`+Fail+`","`+Fail+`","")`)
				continue
			}
			count := `COUNT(` + rng + `)=0`
			add(Moderation, c.Lowest, r, `IF(`+count+`,"",MIN(`+rng+`))`)
			add(Moderation, c.Highest, r, `IF(`+count+`,"",MAX(`+rng+`))`)
			add(Moderation, c.Spread, r, `IF(`+count+`,"",MAX(`+rng+`)-MIN(`+rng+`))`)
			add(Moderation, c.Flag, r, `IF(`+spread+`="","",IF(`+spread+`>=`+model.Num(q.Flag)+`,"`+Discuss+`",""))`)
			add(Moderation, c.Weighted, r, `IF(`+cons+`="","",`+cons+`/Questions!`+abs(QMax, qr)+`*Questions!`+abs(QWeight, qr)+`)`)
			if q.HasPassMark {
				add(Moderation, c.Failed, r, `IF(`+cons+`="","",IF(`+cons+`<Questions!`+abs(QPassMark, qr)+`,"`+BelowPassMark+`",""))`)
			}
		}
	}

	first, last := ModFirstRow, m.ModLastRow()
	col := func(c int) string {
		return `Moderation!` + abs(c, first) + `:` + abs(c, last)
	}
	statuses := abs(SumStatus, SumRow(0)) + `:` + abs(SumStatus, SumRow(len(m.Bidders)-1))
	scores := abs(SumScore, SumRow(0)) + `:` + abs(SumScore, SumRow(len(m.Bidders)-1))
	for b := range m.Bidders {
		r := SumRow(b)
		no, missing, failed := Cell(SumNo, r), Cell(SumMissing, r), Cell(SumFailed, r)
		score, status := Cell(SumScore, r), Cell(SumStatus, r)
		mine := `(` + col(c.No) + `=` + no + `)`
		add(Summary, SumScore, r, `IF(`+missing+`>0,"`+Incomplete+`",ROUND(SUMIF(`+col(c.No)+`,`+no+`,`+col(c.Weighted)+`),4))`)
		add(Summary, SumMissing, r, `SUMPRODUCT(`+mine+`*(`+col(c.Consensus)+`=""))`)
		add(Summary, SumFailed, r, `SUMPRODUCT(`+mine+`*(`+col(c.Failed)+`<>""))`)
		add(Summary, SumStatus, r, `IF(`+missing+`>0,"`+Incomplete+`",IF(`+failed+`>0,"`+Fail+`","`+Pass+`"))`)
		if m.Ranked() && !m.Scored() {
			add(Summary, SumRank, r, `IF(COUNTIF(`+statuses+`,"`+Incomplete+`")>0,"`+Incomplete+`","")`)
			continue
		}
		add(Summary, SumRank, r, `IF(COUNTIF(`+statuses+`,"`+Incomplete+`")>0,"`+Incomplete+`",IF(`+status+`<>"`+Pass+`","",1+SUMPRODUCT((`+statuses+`="`+Pass+`")*(`+scores+`>`+score+`))))`)
	}
	if !m.Ranked() {
		return out
	}
	// Each bidder's position in the ranking: passing bidders by score, the
	// higher first, then the rest, bidders' numbers breaking ties; until
	// every score is in, the bidders' own order.
	n := len(m.Bidders)
	nos := abs(SumNo, SumRow(0)) + `:` + abs(SumNo, SumRow(n-1))
	names := abs(SumBidder, SumRow(0)) + `:` + abs(SumBidder, SumRow(n-1))
	ranks := abs(SumRank, SumRow(0)) + `:` + abs(SumRank, SumRow(n-1))
	orders := abs(SumOrder, SumRow(0)) + `:` + abs(SumOrder, SumRow(n-1))
	passing := `(` + statuses + `="` + Pass + `")`
	for b := range m.Bidders {
		r := SumRow(b)
		no, score, status := Cell(SumNo, r), Cell(SumScore, r), Cell(SumStatus, r)
		add(Summary, SumOrder, r, `IF(COUNTIF(`+statuses+`,"`+Incomplete+`")>0,`+no+`,IF(`+status+`="`+Pass+`",1+SUMPRODUCT(`+passing+`*((`+scores+`>`+score+`)+(`+scores+`=`+score+`)*(`+nos+`<`+no+`))),COUNTIF(`+statuses+`,"`+Pass+`")+1+SUMPRODUCT((`+statuses+`<>"`+Pass+`")*(`+nos+`<`+no+`))))`)
	}
	// Whether each bidder passed selection: no Fail among the selection
	// questions' consensus scores, once all of them are in.
	var selRuns [][2]int // Moderation rows of each run of selection questions
	mod := m.Moderated()
	for mq, qi := range mod {
		if m.Questions[qi].Stage != StageSelection {
			continue
		}
		first, last := m.ModRow(mq, 0), m.ModRow(mq, len(m.Bidders)-1)
		if n := len(selRuns); n > 0 && selRuns[n-1][1]+1 == first {
			selRuns[n-1][1] = last
		} else {
			selRuns = append(selRuns, [2]int{first, last})
		}
	}
	if len(selRuns) > 0 {
		for b := range m.Bidders {
			r := SumRow(b)
			no := Cell(SumNo, r)
			count := func(col int, test string) string {
				var terms []string
				for _, run := range selRuns {
					rng := func(c int) string { return `Moderation!` + abs(c, run[0]) + `:` + abs(c, run[1]) }
					terms = append(terms, `SUMPRODUCT((`+rng(c.No)+`=`+no+`)*(`+rng(col)+test+`))`)
				}
				return strings.Join(terms, "+")
			}
			add(Summary, SumSelection, r, `IF(`+count(c.Failed, `<>""`)+`>0,"`+Fail+`",IF(`+count(c.Consensus, `=""`)+`>0,"`+Incomplete+`","`+Pass+`"))`)
		}
	}
	// The ranking: the bidder at each position, its score and status, its
	// rank with "=" where passing bidders tie, and the score's share of the
	// whole evaluation.
	for k := range m.Bidders {
		r := m.RankRow(k)
		at := func(rng string) string { return `INDEX(` + rng + `,MATCH(` + Cell(RankPos, r) + `,` + orders + `,0))` }
		add(Summary, RankBidder, r, at(names))
		add(Summary, RankScore, r, at(scores))
		add(Summary, RankStatus, r, at(statuses))
		add(Summary, RankRank, r, `IF(`+at(ranks)+`="","",`+at(ranks)+`&IF(SUMPRODUCT(`+passing+`*(`+scores+`=`+at(scores)+`))>1,"=",""))`)
		if m.SocialValue > 0 {
			add(Summary, RankShare, r, `IF(`+Cell(RankStatus, r)+`="`+Pass+`",ROUND(`+Cell(RankScore, r)+`*`+model.Num(m.SocialValue)+`/100,4),"")`)
		}
	}
	return out
}

// SameFormula reports whether two formulas are the same once the spelling
// differences spreadsheet programs introduce on saving are ignored: a
// leading "=", spaces outside strings, and the case of function names and
// references.
func SameFormula(a, b string) bool { return a == b || normFormula(a) == normFormula(b) }

func normFormula(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "=")
	var sb strings.Builder
	sb.Grow(len(s))
	inStr, inName := false, false
	for _, r := range s {
		switch {
		case r == '"' && !inName:
			inStr = !inStr
		case r == '\'' && !inStr:
			inName = !inName
		case !inStr && !inName && r == ' ':
			continue
		case !inStr && !inName:
			r = toUpper(r)
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

func toUpper(r rune) rune {
	if 'a' <= r && r <= 'z' {
		return r - 'a' + 'A'
	}
	return r
}
