package library

import "testing"

func TestFill(t *testing.T) {
	values := map[string]string{"employer": "the Authority", "rate": "£13.45", "name": "Cyngor Gwynedd"}
	tests := []struct{ in, want string }{
		{"{employer} shall pay.", "The Authority shall pay."},
		{"Pay {rate} an hour.", "Pay £13.45 an hour."},
		{"Tell {employer}. {employer} will act.", "Tell the Authority. The Authority will act."},
		{"Ask {employer}\nand {employer}", "Ask the Authority\nand the Authority"},
		{"Done.\n{employer} shall", "Done.\nThe Authority shall"},
		{"First para.\n\n{employer} shall", "First para.\n\nThe Authority shall"},
		{"e.g. {name} shall", "e.g. Cyngor Gwynedd shall"},
		{"Keep {unknown} as is", "Keep {unknown} as is"},
		{"no braces", "no braces"},
	}
	for _, tc := range tests {
		if got := Fill(tc.in, values); got != tc.want {
			t.Errorf("Fill(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
