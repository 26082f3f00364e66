//go:build !unix

package pgtest

import (
	"errors"
	"runtime"
)

// start cannot start a cluster here: the server is started as the
// postgres system user with Unix credentials. Tests then skip (or fail
// under CI) unless ENTENTE_TEST_POSTGRES names a server.
func (s *Server) start() error {
	return errors.New("pgtest starts a PostgreSQL cluster on Unix only, not on " + runtime.GOOS + "; set " + EnvURL)
}
