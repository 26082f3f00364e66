package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// bom is the UTF-8 byte order mark. Excel reads a CSV file without it in
// the machine's legacy code page (Windows-1252 in western Europe), which
// turns "Choïgou" and "Шойгу" into mojibake; with it Excel reads UTF-8.
// LibreOffice, pandas (encoding="utf-8-sig"), DuckDB and R's readr skip
// it.
const bom = "\ufeff"

// csvWriter writes the csv format: RFC 4180 (comma-separated, fields
// quoted when they hold a comma, a quote or a line break, CRLF line ends
// as the RFC and Excel expect), a UTF-8 byte order mark, then a header
// line of the column names and one line per event. The columns are those
// of ParquetRow, in its order and with its names; a null is an empty
// field, a date is YYYY-MM-DD, a timestamp "YYYY-MM-DD hh:mm:ss" in UTC
// (a form spreadsheets read as a date and time), attributed_to joins its
// sources with "; ", is_root_event is 1 or 0.
type csvWriter struct {
	buf  *bufio.Writer
	w    *csv.Writer
	line []string
}

func newCSVWriter(w io.Writer) (*csvWriter, error) {
	buf := bufio.NewWriterSize(w, 64<<10)
	buf.WriteString(bom)
	c := &csvWriter{buf: buf, w: csv.NewWriter(buf)}
	c.w.UseCRLF = true
	if err := c.w.Write(CSVColumns()); err != nil {
		return nil, fmt.Errorf("export csv: %w", err)
	}
	return c, nil
}

// CSVColumns returns the column names of the csv format (the columns of
// the parquet format, in the same order).
func CSVColumns() []string {
	t := reflect.TypeFor[ParquetRow]()
	cols := make([]string, t.NumField())
	for i := range cols {
		cols[i], _, _ = strings.Cut(t.Field(i).Tag.Get("parquet"), ",")
	}
	return cols
}

func (c *csvWriter) write(records []Record) error {
	for i := range records {
		row := parquetRow(&records[i])
		v := reflect.ValueOf(&row).Elem()
		c.line = c.line[:0]
		for j := range v.NumField() {
			c.line = append(c.line, csvField(v.Field(j)))
		}
		if err := c.w.Write(c.line); err != nil {
			return fmt.Errorf("event %d: %w", records[i].ID, err)
		}
	}
	return nil
}

func (c *csvWriter) close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.buf.Flush()
}

// csvField formats one column of a ParquetRow.
func csvField(v reflect.Value) string {
	switch x := v.Interface().(type) {
	case *int32: // the date, in days since the epoch
		if x == nil {
			return ""
		}
		return time.Unix(int64(*x)*86400, 0).UTC().Format(time.DateOnly)
	case *string:
		if x == nil {
			return ""
		}
		return *x
	case *float64:
		if x == nil {
			return ""
		}
		return num(*x)
	case *int64:
		if x == nil {
			return ""
		}
		return strconv.FormatInt(*x, 10)
	case string:
		return x
	case int32:
		return strconv.Itoa(int(x))
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return num(x)
	case bool:
		if x {
			return "1"
		}
		return "0"
	case time.Time:
		return x.UTC().Format(time.DateTime)
	case []string:
		return strings.Join(x, "; ")
	}
	panic(fmt.Sprintf("export csv: no format for %s", v.Type()))
}
