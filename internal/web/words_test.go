package web

import "testing"

func TestPlain(t *testing.T) {
	_, lib, _ := editServer(t)
	stage := map[string]string{"award": "Evaluation and award"}
	c := lib.Clauses[0]
	for _, tc := range []struct{ in, want string }{
		{`the weights of the 3 scored questions add up to 105, not 100 (a 50, b 30, c 25): set each weight with an [[override]] (id, weight) so they total 100`,
			"The weights of the 3 scored questions add up to 105, not 100: change them so they total 100, or press “Share out the rest of the 100”"},
		{`no selected clause is used at the award stage: add a theme, stage or id that covers it if you want asks there`,
			"No ticked ask is used at the evaluation and award stage: tick one if you want asks there"},
		{`clause "` + c.ID + `" (clauses/x.toml:3:1) was due for review by 2026-10-31: check its law and figures against its sources before relying on it`,
			"The ask “" + c.Title + "” was due for review by 2026-10-31: check its law and figures against its sources before relying on it"},
		{`this profile uses {living_wage}, the library's figure £13.45 (effective 2025-10-22), which was due for review by 2026-10-31 (clauses/placeholders.toml:37:13): check`,
			"This profile uses {living_wage}, the library's figure £13.45 (effective 2025-10-22), which was due for review by 2026-10-31: check"},
		{`clause "no.such-clause" is left out`, `Clause "no.such-clause" is left out`},
		{`this profile uses {living_wage}, the library's figure £13.45 (effective 2025-10-22), which was due for review by 2026-10-31 (clauses/placeholders.toml:37:13): check the current figure and set living_wage = "…" under [placeholders]`,
			"This profile uses {living_wage}, the library's figure £13.45 (effective 2025-10-22), which was due for review by 2026-10-31: check the current figure and enter it in the form, under “Figures and names the asks use”"},
	} {
		if got := plain(lib, stage, tc.in); got != tc.want {
			t.Errorf("plain(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
