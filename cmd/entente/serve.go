package main

import (
	"context"
	"errors"
	"io"
)

// runServe is written by the work on issue 3; until then the command says so.
func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("serve: not built yet")
}
