// Package pgtest gives tests a real PostgreSQL server: the one that
// ENTENTE_TEST_POSTGRES names (a postgres:// URL of a role that may create
// databases), else a throwaway cluster started from the installed
// PostgreSQL binaries (Debian's postgresql package: initdb and postgres
// under /usr/lib/postgresql/VERSION/bin) in a temporary directory, on a
// free loopback port, as the postgres system user when the tests run as
// root (the server refuses to run as root).
//
// A package makes one Server in TestMain, which starts at the first test
// that asks for a database, and gives each test a fresh database:
//
//	var srv = pgtest.New()
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		srv.Stop()
//		os.Exit(code)
//	}
//
//	func TestX(t *testing.T) { url := srv.Database(t) ... }
//
// When no server can be had, Database skips the test with the reason,
// except under CI=true, where it fails it.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL is the environment variable naming a server to use instead of
// starting one.
const EnvURL = "ENTENTE_TEST_POSTGRES"

// Server is a PostgreSQL server for tests.
type Server struct {
	once sync.Once
	url  string // of its maintenance database
	err  error  // why there is no server
	cmd  *exec.Cmd
	done chan error
	dir  string
	n    atomic.Int64
}

// New returns a server that starts when first needed (Database, URL).
func New() *Server { return &Server{} }

// Start starts the server now: a throwaway cluster, or the server EnvURL
// names. It never fails: a server that cannot be had is reported by
// Database and Err.
func Start() *Server {
	s := New()
	s.init()
	return s
}

func (s *Server) init() {
	s.once.Do(func() {
		if u := os.Getenv(EnvURL); u != "" {
			s.url = u
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := ping(ctx, u); err != nil {
				s.err = fmt.Errorf("%s=%s: %w", EnvURL, redact(u), err)
			}
			return
		}
		s.err = s.start()
		if s.err != nil {
			s.stop()
		}
	})
}

// URL returns the URL of the server's maintenance database, or "" when
// there is no server.
func (s *Server) URL() string {
	s.init()
	if s.err != nil {
		return ""
	}
	return s.url
}

// Err is why there is no server (nil when there is one).
func (s *Server) Err() error {
	s.init()
	return s.err
}

// Database creates an empty database for t, dropped when t ends, and
// returns its URL. Without a server it skips t, or fails it under CI.
func (s *Server) Database(t testing.TB) string {
	t.Helper()
	s.init()
	if s.err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL needed under CI: %v", s.err)
		}
		t.Skipf("no PostgreSQL (install Debian's postgresql package, or set %s): %v", EnvURL, s.err)
	}
	name := fmt.Sprintf("entente_test_%d_%d", os.Getpid(), s.n.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := s.exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := s.exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: %v", err)
		}
	})
	u, err := url.Parse(s.url)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

func (s *Server) exec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, s.url)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("%s: %w", sql, err)
	}
	return nil
}

// Stop stops the cluster that was started, if any, and removes its
// files.
func (s *Server) Stop() {
	s.once.Do(func() {}) // never start after Stop
	s.stop()
}

func (s *Server) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(os.Interrupt) // fast shutdown
		select {
		case <-s.done:
		case <-time.After(20 * time.Second):
			s.cmd.Process.Kill()
			<-s.done
		}
		s.cmd = nil
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
		s.dir = ""
	}
}

// bin finds the directory of initdb and postgres: the newest version
// under /usr/lib/postgresql (where Debian puts them), else the PATH.
func bin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int {
		va, _ := strconv.Atoi(filepath.Base(filepath.Dir(a)))
		vb, _ := strconv.Atoi(filepath.Base(filepath.Dir(b)))
		return vb - va
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "postgres")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("postgres"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("no postgres binary under /usr/lib/postgresql/*/bin or in PATH")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func ping(ctx context.Context, u string) error {
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return conn.Ping(ctx)
}

// redact hides the password of a URL.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

func tail(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 2000 {
		s = "…" + s[len(s)-2000:]
	}
	return s
}
