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
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--token", "tok", "--allowed-hosts", "entente.lan"}, strings.NewReader(""), pw, io.Discard, nil)
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
	// On loopback, another site's name (DNS rebinding) is refused; the
	// names of --allowed-hosts are answered.
	for host, want := range map[string]int{"rebound.example": http.StatusForbidden, "entente.lan:8080": http.StatusOK, "localhost": http.StatusOK} {
		req, _ := http.NewRequest("GET", base+"/api/events?limit=1", nil)
		req.Host = host
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
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
