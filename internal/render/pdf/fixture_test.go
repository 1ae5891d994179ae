package pdf

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/model"
)

// The fixture is a hand-built Pack for a Welsh health board buying hotel
// services: 40 asks over the five stages, with the characters real profiles
// hold (£, curly quotes, Welsh ŵ and â) and one very long ask.

const (
	fixtureEmployer = "Bwrdd Iechyd Prifysgol Betsi Cadwaladr"
	fixtureContact  = "Siân Ŵyn, branch secretary, 01248 384384"
	longAskTitle    = "Pay everyone working on the contract at least the real Living Wage"
)

var fixtureThemes = map[string]model.Theme{
	"workforce":      {ID: "workforce", Title: "Workforce planning and TUPE"},
	"living-wage":    {ID: "living-wage", Title: "Real Living Wage"},
	"secure-work":    {ID: "secure-work", Title: "Secure work and fair hours"},
	"union-access":   {ID: "union-access", Title: "Trade union access and recognition"},
	"blacklisting":   {ID: "blacklisting", Title: "Blacklisting"},
	"pay-gaps":       {ID: "pay-gaps", Title: "Pay gaps"},
	"equality":       {ID: "equality", Title: "Equality and inclusion"},
	"health-safety":  {ID: "health-safety", Title: "Health, safety and wellbeing"},
	"welsh-language": {ID: "welsh-language", Title: "Welsh language – Cymraeg"},
	"skills":         {ID: "skills", Title: "Skills and apprenticeships"},
}

var fixtureSources = []model.Source{
	{Title: "Equality Act 2010, section 149 (public sector equality duty)", URL: "https://www.legislation.gov.uk/ukpga/2010/15/section/149"},
	{Title: "Procurement Act 2023, section 12 (covered procurement objectives)", URL: "https://www.legislation.gov.uk/ukpga/2023/54/section/12"},
	{Title: "Social Partnership and Public Procurement (Wales) Act 2023", URL: "https://www.legislation.gov.uk/asc/2023/1/contents"},
	{Title: "Employment Relations Act 1999 (Blacklists) Regulations 2010", URL: "https://www.legislation.gov.uk/uksi/2010/493/contents/made"},
	{Title: "Living Wage Foundation: the real Living Wage rates", URL: "https://www.livingwage.org.uk/what-real-living-wage"},
	{Title: "Welsh Language (Wales) Measure 2011", URL: "https://www.legislation.gov.uk/mwa/2011/1/contents"},
	{Title: "Equality Act 2010 (Gender Pay Gap Information) Regulations 2017", URL: "https://www.legislation.gov.uk/uksi/2017/172/contents/made"},
	{Title: "Transfer of Undertakings (Protection of Employment) Regulations 2006", URL: "https://www.legislation.gov.uk/uksi/2006/246/contents"},
	{Title: "Health and Safety at Work etc. Act 1974", URL: "https://www.legislation.gov.uk/ukpga/1974/37/contents"},
	{Title: "Welsh Government: Code of Practice – Ethical Employment in Supply Chains", URL: "https://www.gov.wales/code-practice-ethical-employment-supply-chains"},
	{Title: "Modern Slavery Act 2015, section 54 (transparency in supply chains)", URL: "https://www.legislation.gov.uk/ukpga/2015/30/section/54"},
	{Title: "Cabinet Office: Procurement Policy Note – taking account of social value", URL: ""},
}

type fixtureAsk struct {
	theme, title, lever, status string
	stage                       model.Stage
}

var fixtureAsks = []fixtureAsk{
	{"workforce", "Publish a workforce impact assessment before deciding to outsource", "pre-procurement-ask", "good-practice", model.PreProcurement},
	{"union-access", "Consult the recognised unions on the specification before it is issued", "pre-procurement-ask", "statutory-duty", model.PreProcurement},
	{"workforce", "Assess bringing the service back in house alongside the market options", "pre-procurement-ask", "good-practice", model.PreProcurement},
	{"equality", "Carry out an equality impact assessment on the procurement plan", "pre-procurement-ask", "statutory-duty", model.PreProcurement},
	{"workforce", "Set out TUPE and pensions protection for transferring staff", "pre-procurement-ask", "statutory-duty", model.PreProcurement},
	{"union-access", "Hold a market engagement session on fair work with union observers", "pre-procurement-ask", "good-practice", model.PreProcurement},
	{"equality", "Publish the social value weighting before tenders are invited", "pre-procurement-ask", "policy", model.PreProcurement},
	{"union-access", "Agree a timetable that leaves time for union consultation", "pre-procurement-ask", "good-practice", model.PreProcurement},

	{"living-wage", longAskTitle, "contract-performance-condition", "policy", model.Specification},
	{"secure-work", "No zero-hours contracts without a genuine worker choice", "specification", "good-practice", model.Specification},
	{"secure-work", "Guarantee sick pay from the first day of absence", "specification", "good-practice", model.Specification},
	{"welsh-language", "Provide Welsh-language services to patients who ask for them", "specification", "statutory-duty", model.Specification},
	{"health-safety", "Give contract staff access to occupational health", "specification", "good-practice", model.Specification},
	{"secure-work", "Match NHS terms for annual leave and unsocial hours", "specification", "policy", model.Specification},
	{"equality", "Give contract workers the same security passes and rest facilities", "specification", "good-practice", model.Specification},
	{"health-safety", "Set out safe staffing levels in the specification", "specification", "good-practice", model.Specification},

	{"blacklisting", "Exclude suppliers who have blacklisted trade union members", "condition-of-participation", "statutory-duty", model.Selection},
	{"pay-gaps", "Require a gender pay gap report from every bidder", "condition-of-participation", "statutory-duty", model.Selection},
	{"equality", "Check bidders’ record on employment tribunal judgments", "condition-of-participation", "good-practice", model.Selection},
	{"equality", "Require an equality, diversity and inclusion policy with evidence of use", "condition-of-participation", "policy", model.Selection},
	{"health-safety", "Ask for health and safety enforcement history over five years", "condition-of-participation", "good-practice", model.Selection},
	{"secure-work", "Confirm modern slavery statements are current and signed", "condition-of-participation", "statutory-duty", model.Selection},
	{"union-access", "Require evidence of collective bargaining or a recognition agreement", "condition-of-participation", "good-practice", model.Selection},
	{"secure-work", "Check tax compliance and the use of umbrella companies", "condition-of-participation", "policy", model.Selection},

	{"living-wage", "Score bidders’ fair work plans for the contract workforce", "award-criterion", "policy", model.Award},
	{"skills", "Score the plan for apprenticeships and local recruitment", "award-criterion", "good-practice", model.Award},
	{"union-access", "Score the approach to union access and facility time", "award-criterion", "good-practice", model.Award},
	{"pay-gaps", "Score measures to close the ethnicity and disability pay gaps", "award-criterion", "good-practice", model.Award},
	{"secure-work", "Score plans for flexible working and predictable rotas", "award-criterion", "good-practice", model.Award},
	{"health-safety", "Score how bidders will prevent bullying and harassment", "award-criterion", "good-practice", model.Award},
	{"welsh-language", "Score the plan for Welsh-language skills in the workforce", "award-criterion", "policy", model.Award},
	{"skills", "Score commitments on training and progression", "award-criterion", "good-practice", model.Award},

	{"living-wage", "Report quarterly on pay rates and hours", "kpi", "good-practice", model.ContractManagement},
	{"union-access", "Give union reps access to contract workers on site", "contract-performance-condition", "good-practice", model.ContractManagement},
	{"union-access", "Set up a joint monitoring group with union members", "contract-performance-condition", "good-practice", model.ContractManagement},
	{"health-safety", "Report incidents of violence and aggression against staff", "kpi", "statutory-duty", model.ContractManagement},
	{"pay-gaps", "Publish annual pay gap figures for the contract workforce", "kpi", "good-practice", model.ContractManagement},
	{"equality", "Let workers raise concerns confidentially with the health board", "contract-performance-condition", "good-practice", model.ContractManagement},
	{"living-wage", "Review the Living Wage rate each year within 30 days of its announcement", "contract-performance-condition", "good-practice", model.ContractManagement},
	{"secure-work", "Provide remedies and step-in rights for breaches of fair work terms", "contract-performance-condition", "policy", model.ContractManagement},
}

var fixtureStageTitles = map[model.Stage]string{
	model.PreProcurement:     "Pre-procurement",
	model.Specification:      "Specification",
	model.Selection:          "Selection: conditions of participation",
	model.Award:              "Evaluation and award: most advantageous tender",
	model.ContractManagement: "Contract management",
}

// longRationale is several paragraphs, long enough that the ask runs over
// a page.
var longRationale = strings.Join([]string{
	"Around 1,400 people clean, cook and carry for patients across the health board’s three main hospitals and its community sites. Most of them are women, many work part time, and a large share live in the towns around Ysbyty Gwynedd, Ysbyty Glan Clwyd and Ysbyty Maelor Wrecsam. When the service was last let, the contractor paid the statutory minimum and used agency staff to cover vacancies; turnover ran at more than 40% a year and the board’s own infection-control audits recorded the effect.",
	"The real Living Wage is set independently each year by the Resolution Foundation and overseen by the Living Wage Commission, on the basis of what people need to live on. From April 2027 it is £13.45 an hour across the UK outside London. Paying it costs the contractor a known, predictable amount that can be priced into every bid on the same basis, so no bidder is disadvantaged and the cost is visible to the board when it sets the budget.",
	"Evidence from accredited employers in the NHS and local government shows lower turnover, lower sickness absence and less reliance on agency cover after the move to the real Living Wage. Those savings do not offset the whole cost, but they change the comparison: the board is not choosing between a cheap contract and an expensive one, but between paying for stability through wages or paying for instability through agency fees, recruitment, training and the clinical risk of a service that is always short of experienced staff.",
	"Welsh Government policy under the Code of Practice on Ethical Employment in Supply Chains commits public bodies to consider paying the real Living Wage and to encourage their suppliers to do so. The Social Partnership and Public Procurement (Wales) Act 2023 places a socially responsible procurement duty on the board and requires it to set objectives for fair work. A clear requirement in the contract is the most direct way to show that the duty has been met, and it gives the board something it can monitor and enforce.",
	"Without a contract term, commitments made in a tender can quietly lapse. Bidders promise fair pay at the award stage, win the contract on the strength of it, and then apply the promise only to new starters, or only to some grades, or only until the first uplift is due. A contract performance condition that names the rate, names who it covers – every worker on the contract, including subcontractors and agency staff – and names the date by which each annual increase must be paid, closes those gaps.",
}, "\n\n")

func fixtureText(i int, a fixtureAsk) (ask, req, rationale, caution, legal string) {
	ask = fmt.Sprintf("We ask the health board to %s. This should be settled before the procurement documents are finalised, so that every bidder prices the same requirement.",
		strings.ToLower(a.title[:1])+a.title[1:])
	req = fmt.Sprintf("The Contractor shall ensure that %s. The Contractor shall provide evidence of compliance on request and in its quarterly contract report, and shall ensure that its subcontractors do the same.",
		strings.ToLower(a.title[:1])+a.title[1:])
	rationale = "Workers on outsourced contracts are more likely to be low paid, to have insecure hours and to be women or from Black, Asian and minority ethnic communities. A requirement set out in the tender is the only way to make sure that every bidder competes on the same terms, rather than on who can pay least."
	if i%3 == 0 {
		rationale += "\n\nThe branch has raised this with the board before: members told us in our 2026 survey that “nobody tells us what the contract says about us”, and this ask answers that directly."
	}
	if i%2 == 0 {
		caution = "Requirements must be relevant to the subject matter of the contract, proportionate and non-discriminatory. Do not present this as a legal obligation on bidders unless the regime makes it one; the board will take its own legal advice."
	}
	if a.status == "statutory-duty" {
		legal = "This reflects a duty on the health board itself, which it must be able to show it has met (for example the public sector equality duty in section 149 of the Equality Act 2010)."
	} else {
		legal = "There is no statutory requirement to include this, but it is lawful where it is relevant to the contract and applied equally to all bidders."
	}
	return ask, req, rationale, caution, legal
}

// fixturePack builds the test Pack. Every call returns a fresh, identical
// value.
func fixturePack() *model.Pack {
	p := &model.Pack{
		Version: "v0.1.0-test",
		Words:   gtest.Words(),
		Document: model.Document{
			Title:    "Fair work and equality: our asks for hotel services 2027–2032",
			Date:     time.Date(2027, time.January, 15, 0, 0, 0, 0, time.UTC),
			Language: "en",
		},
		Employer: model.Employer{Name: fixtureEmployer, Kind: "nhs", Nation: "wales"},
		Procurement: model.Procurement{
			Title:          "Hotel services: cleaning, catering and portering 2027–2032",
			Reference:      "BCUHB-HS-2027",
			Category:       "services",
			EstimatedValue: "£62m over five years (£12.4m a year)",
			Regime:         "procurement-act-2023",
			Stage:          model.PreProcurement,
			KeyDates: []model.KeyDate{
				{Label: "Preliminary market engagement", Date: time.Date(2027, time.February, 3, 0, 0, 0, 0, time.UTC)},
				{Label: "Tender notice", Date: time.Date(2027, time.May, 10, 0, 0, 0, 0, time.UTC)},
			},
		},
		PreparedBy: model.PreparedBy{Organisation: "UNISON Betsi Cadwaladr Health branch", Contact: fixtureContact},
		Terms: model.Terms{
			RegimeName:        "Procurement Act 2023",
			SelectionStage:    "conditions of participation",
			SelectionDocument: "procurement specific questionnaire (PSQ)",
			AwardBasis:        "most advantageous tender (MAT)",
			StageTitles:       fixtureStageTitles,
			LeverLabels: map[string]string{
				"pre-procurement-ask":            "Ask before the procurement starts",
				"specification":                  "Requirement in the specification",
				"condition-of-participation":     "Condition of participation",
				"award-criterion":                "Award criterion (scored)",
				"contract-performance-condition": "Contract performance condition",
				"kpi":                            "Key performance indicator",
			},
			StatusLabels: map[string]string{
				"statutory-duty":   "Statutory duty",
				"mandatory-policy": "Mandatory policy",
				"policy":           "Policy",
				"good-practice":    "Good practice",
			},
			KindLabels: map[string]string{
				"scored":      "Scored",
				"pass-fail":   "Pass or fail",
				"information": "For information (not scored)",
			},
		},
		Purpose: "This document sets out what the branch asks " + fixtureEmployer + " to build into the hotel services procurement, so that the 1,400 people who will work on the contract are paid fairly, treated equally and able to speak up. It is written for the pre-procurement consultation on 3 February 2027 and follows the five stages of the procurement, from the decision to buy to the management of the contract.",
		Intro: []string{
			"Public contracts are paid for with public money and carried out by workers who serve the public. The health board can require fair treatment of those workers at every stage of the procurement – but only if it decides to before the tender goes out. Once the documents are published, the chance has gone for five years.",
			"Each ask below says what we want, suggests wording the board can paste into its documents, explains why it matters, and lists the evidence the board should ask bidders for. Where the law limits what can be required, we say so under “Legal basis and cautions”: we would rather the board adopted a lawful, modest requirement than a bold one that a bidder could challenge.",
			"The asks follow the order of the procurement: before it starts, the specification, selection of bidders, evaluation and award, and the management of the contract once it is let. A summary table comes first. The numbers in square brackets refer to the sources listed at the end.",
		},
		Scoring: model.Scoring{Panel: []string{"Procurement lead", "Equality rep"}, Bidders: []string{"Bidder A", "Bidder B"}},
	}
	scale := &model.Scale{ID: "0-4", Title: "0–4 (unacceptable to excellent)"}
	for _, stage := range model.Stages {
		sec := model.Section{Stage: stage, Title: fixtureStageTitles[stage]}
		// Group this stage's asks by theme, in theme order.
		var order []string
		byTheme := map[string][]int{}
		for i, a := range fixtureAsks {
			if a.stage != stage {
				continue
			}
			if _, ok := byTheme[a.theme]; !ok {
				order = append(order, a.theme)
			}
			byTheme[a.theme] = append(byTheme[a.theme], i)
		}
		sortByThemeOrder(order)
		for _, th := range order {
			g := model.ThemeGroup{Theme: fixtureThemes[th]}
			for _, i := range byTheme[th] {
				g.Asks = append(g.Asks, fixtureAskAt(i, scale, p))
			}
			sec.Themes = append(sec.Themes, g)
		}
		p.Sections = append(p.Sections, sec)
	}
	n := 0
	var first *model.Ask
	for _, s := range p.Sections {
		for _, g := range s.Themes {
			for _, a := range g.Asks {
				n++
				a.Number = n
				if first == nil {
					first = a
				} else if n%6 == 0 {
					// One ask in this paper, one that is not.
					a.Related = []model.Ref{{Number: first.Number, Title: first.Title}, {Title: "Pay gap action plan"}}
				}
				if a.Question != nil {
					a.Question.Ref = fmt.Sprintf("Q%d", len(p.Questions)+1)
					p.Questions = append(p.Questions, a.Question)
				}
				if n%5 == 1 {
					// Priorities in short, as assemble makes them.
					a.Priority = n/5 + 1
					a.Why = strings.SplitAfter(a.Rationale, ". ")[0]
					a.Gist = strings.SplitAfter(a.Requirement, ". ")[0]
				}
			}
		}
	}
	cite(p)
	return p
}

// cite lists the works p's asks cite, as assemble does: once each, by URL
// or title, numbered in the order first cited.
func cite(p *model.Pack) {
	p.Works = nil
	index := map[string]int{}
	for _, a := range p.Asks() {
		for i := range a.Sources {
			s := &a.Sources[i]
			key := "title " + s.Title
			if s.URL != "" {
				key = "url " + s.URL
			}
			k, ok := index[key]
			if !ok {
				p.Works = append(p.Works, model.Work{Title: s.Title, URL: s.URL})
				k = len(p.Works)
				index[key] = k
			}
			s.Work = k
			if c := p.Works[k-1].Cited; len(c) == 0 || c[len(c)-1] != a.Number {
				p.Works[k-1].Cited = append(c, a.Number)
			}
		}
	}
}

var fixtureThemeOrder = []string{"workforce", "living-wage", "secure-work", "union-access", "blacklisting", "pay-gaps", "equality", "health-safety", "welsh-language", "skills"}

func sortByThemeOrder(ids []string) {
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && slices.Index(fixtureThemeOrder, ids[j]) < slices.Index(fixtureThemeOrder, ids[j-1]); j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}

func fixtureAskAt(i int, scale *model.Scale, p *model.Pack) *model.Ask {
	fa := fixtureAsks[i]
	askText, req, rationale, caution, legal := fixtureText(i, fa)
	a := &model.Ask{
		ID:           fmt.Sprintf("%s.ask-%02d", fa.theme, i+1),
		Title:        fa.title,
		Theme:        fa.theme,
		Stages:       []model.Stage{fa.stage},
		Lever:        fa.lever,
		Status:       fa.status,
		Sectors:      []string{"health", "cleaning", "catering"},
		Ask:          askText,
		Requirement:  req,
		Rationale:    rationale,
		Caution:      caution,
		LegalBasis:   legal,
		Evidence:     []string{"A copy of the bidder’s current policy, signed by a director", "Payroll extract for a sample month, anonymised, showing hourly rates by grade"},
		ToolkitPages: []int{12 + i%7, 13 + i%7, 14 + i%7, 20 + i%5},
		ReviewBy:     time.Date(2027, time.May, 1, 0, 0, 0, 0, time.UTC),
		Sources:      []model.Source{fixtureSources[i%len(fixtureSources)], fixtureSources[(i+5)%len(fixtureSources)]},
	}
	if i%4 == 1 {
		a.Evidence = append(a.Evidence, "Minutes of the last meeting with the recognised trade unions, or a statement that none has been held")
	}
	if i%3 == 2 {
		a.ToolkitPages = []int{15, 17}
	}
	if fa.stage == model.ContractManagement || fa.lever == "kpi" || i%5 == 0 {
		a.KPIs = []model.KPI{
			{Name: "Contract workers paid at least the real Living Wage (£13.45 an hour)", Unit: "%", Target: "100", Frequency: "quarterly"},
			{Name: "Vacancies filled by agency staff", Unit: "%", Target: "≤ 5", Frequency: "monthly"},
		}
	}
	if fa.stage == model.Selection || fa.stage == model.Award {
		q := &model.Question{
			AskID:    a.ID,
			AskTitle: a.Title,
			Stage:    fa.stage,
			Kind:     "scored",
			Text:     "Describe how you will meet this requirement for every person working on the contract, including subcontractors and agency workers, and how you will show the health board that you have.",
			Guidance: "A strong answer names who is responsible, gives dates, explains how workers and their unions will be told, and offers evidence the board can check – not just a statement of intent.",
			Scale:    scale,
			Weight:   float64(5 + i%3*5),
		}
		if fa.stage == model.Selection {
			pass := 2.0
			q.Kind, q.Weight, q.PassMark, q.Scale = "pass-fail", 0, &pass, nil
		}
		a.Question = q
	}
	if fa.title == longAskTitle {
		a.Rationale = longRationale
		a.Caution = "In Wales the board may require the real Living Wage where it is relevant to the contract and proportionate. Do not describe the rate as a legal minimum: the legal minimum is the National Living Wage, which is lower.\n\nIf the contract includes work outside Wales, check whether different rules apply there before the requirement is finalised."
		a.Requirement = "The Contractor shall pay all Contract Workers not less than the Real Living Wage (currently £13.45 per hour) and shall implement each annual increase within six months of its announcement by the Living Wage Foundation.\n\n“Contract Workers” means every person, whether employed by the Contractor, a subcontractor or an employment business, who works on the Services for two or more hours in any day in eight or more consecutive weeks."
		a.Evidence = append(a.Evidence, "The Living Wage Foundation accreditation certificate, if the bidder holds one", "A statement of how subcontractors’ and agency rates will be checked")
	}
	return a
}
