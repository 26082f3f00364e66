package code

import (
	"testing"

	"entente"
)

func TestFighting(t *testing.T) {
	army := entente.Actor{Country: "SDN", Sector: "MIL"}
	rebels := entente.Actor{Country: "SDN", Sector: "REB"}
	crowd := entente.Actor{Country: "SDN", Sector: "CVL"}
	for _, tt := range []struct {
		code string
		a, b entente.Actor
		want bool
	}{
		{"145", army, rebels, true},
		{"145", army, crowd, false},
		{"190", army, rebels, false},
	} {
		if got := fighting(tt.code, tt.a, tt.b); got != tt.want {
			t.Errorf("fighting(%s, %v, %v) = %v, want %v", tt.code, tt.a, tt.b, got, tt.want)
		}
	}
}

func TestPolicing(t *testing.T) {
	police := entente.Actor{Country: "KEN", Sector: "COP"}
	army := entente.Actor{Country: "KEN", Sector: "MIL"}
	for _, tt := range []struct {
		code string
		a, b entente.Actor
		want bool
	}{
		{"190", police, entente.Actor{Country: "KEN", Sector: "OPP"}, true},
		{"190", police, entente.Actor{Country: "KEN"}, true},
		{"193", police, entente.Actor{Country: "KEN", Sector: "CVL"}, false},
		{"190", police, entente.Actor{Country: "KEN", Sector: "REB"}, false},
		{"190", police, entente.Actor{Country: "SOM", Sector: "CVL"}, false},
		{"190", army, entente.Actor{Country: "KEN", Sector: "CVL"}, false},
		{"173", police, entente.Actor{Country: "KEN", Sector: "OPP"}, false},
	} {
		if got := policing(tt.code, tt.a, tt.b); got != tt.want {
			t.Errorf("policing(%s, %v, %v) = %v, want %v", tt.code, tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSameActor(t *testing.T) {
	named := entente.Actor{ID: "p1", Country: "FRA", Sector: "GOV"}
	other := entente.Actor{ID: "p2", Country: "FRA", Sector: "GOV"}
	gov := entente.Actor{Country: "FRA", Sector: "GOV"}
	for _, tt := range []struct {
		a, b entente.Actor
		want bool
	}{
		{named, named, true},
		{named, other, false},
		{named, gov, false}, // a person is not the generic government
		{gov, entente.Actor{Country: "FRA", Sector: "GOV"}, true},
		{gov, entente.Actor{Country: "FRA", Sector: "MIL"}, false},
	} {
		if got := sameActor(tt.a, tt.b); got != tt.want {
			t.Errorf("sameActor(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
