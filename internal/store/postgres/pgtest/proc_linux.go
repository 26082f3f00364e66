package pgtest

import "syscall"

// procAttr runs the server as cred and stops it (immediate shutdown)
// when the test process dies, so that no server outlives its tests.
func procAttr(cred *syscall.Credential) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT}
}
