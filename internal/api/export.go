package api

import "net/http"

func (s *Server) export(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	if _, err := parseFilter(v); err != nil {
		return err
	}
	if _, err := oneOf(v, "format", "csv", "jsonl", "parquet", "plover"); err != nil {
		return err
	}
	return errorStatus(http.StatusNotImplemented, "exports are not built yet")
}
