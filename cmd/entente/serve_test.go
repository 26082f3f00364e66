package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServe runs `entente serve` on a database made by `entente ingest`,
// queries it over HTTP and stops it as an interrupt would.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "serve.db")
	var out strings.Builder
	if err := run(context.Background(), []string{"ingest", "--db", db, "testdata/ingest"}, strings.NewReader(""), &out, io.Discard, nil); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out.String())
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--token", "tok"}, strings.NewReader(""), pw, io.Discard, nil)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	if !lines.Scan() {
		t.Fatalf("serve printed nothing: %v", <-done)
	}
	first := lines.Text()
	_, rest, ok := strings.Cut(first, "http://")
	if !ok {
		t.Fatalf("first line %q names no address", first)
	}
	base := "http://" + strings.Fields(rest)[0]
	go io.Copy(io.Discard, pr)

	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(base + "/api/events?limit=5")
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Events []json.RawMessage `json:"events"`
	}
	err = json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || len(page.Events) == 0 {
		t.Fatalf("GET /api/events: %d %v, %d events", resp.StatusCode, err, len(page.Events))
	}
	resp, err = client.Post(base+"/api/documents", "application/json", strings.NewReader(`{"text": "Greece condemned Turkey."}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("POST without the token: %d", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after interrupt: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeMissingDatabase(t *testing.T) {
	err := run(context.Background(), []string{"serve", "--db", filepath.Join(t.TempDir(), "none.db")}, strings.NewReader(""), io.Discard, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "entente ingest") {
		t.Errorf("err %v, want one saying how to make the database", err)
	}
}
