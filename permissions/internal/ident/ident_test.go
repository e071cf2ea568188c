package ident

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Microsoft Graph", "microsoftgraph"},
		{"ms-graph", "msgraph"},
		{"Office365_Exchange.Online", "office365exchangeonline"},
		{" .-_", ""},
		{"\u212a", "\u212a"},
		{"00000003-0000-0000-C000-000000000000", "0000000300000000c000000000000000"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCompareFold(t *testing.T) {
	tests := []struct {
		a, b string
		want int // sign
	}{
		{"User.Read", "user.read", 0},
		{"User.Read", "User.Read.All", -1},
		{"b", "A", 1},
		{"", "", 0},
		{"\u212a", "k", 1},
		{"[", "a", -1}, // '[' sorts before letters once they are folded
	}
	for _, tt := range tests {
		got := CompareFold(tt.a, tt.b)
		if sign(got) != tt.want {
			t.Errorf("CompareFold(%q, %q) = %d, want sign %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Azure Advanced Threat Protection", "AzureAdvancedThreatProtection"},
		{"Power BI Service", "PowerBIService"},
		{"Windows 365", "Windows365"},
		{"Contoso API (test) - v2", "ContosoAPITestV2"},
		{"verified ID sts", "VerifiedIDSts"},
		{"", ""},
		{"\u00e9t\u00e9", "T"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLowerASCII(t *testing.T) {
	words := []string{"User.Read", "user.read", "USER", "[x", "\u212aelvin", "Ab\u00c9", "", "a", "B"}
	for _, a := range words {
		for _, b := range words {
			if got, want := sign(CompareFold(a, b)), sign(compareStrings(LowerASCII(a), LowerASCII(b))); got != want {
				t.Errorf("CompareFold(%q, %q) has sign %d, the lowered forms %d", a, b, got, want)
			}
		}
	}
	if got := LowerASCII("Mail.Send\u212a"); got != "mail.send\u212a" {
		t.Errorf("LowerASCII = %q", got)
	}
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
