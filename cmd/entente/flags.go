package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// parseArgs parses a command's arguments with flags anywhere among them
// (`entente code a.txt --format table`), as users of other tools expect;
// "--" ends the flags. fs.Args() is then the other arguments, in order.
// -h or --help prints the command's usage to stdout and returns
// flag.ErrHelp (exit status 0); a bad flag prints the error and the usage
// to fs.Output() and returns exit status 2.
func parseArgs(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(stdout)
			fs.Usage()
			return flag.ErrHelp
		}
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return exitError(2)
		}
		left := fs.Args()
		if used := len(args) - len(left); used > 0 && args[used-1] == "--" {
			rest = append(rest, left...)
			break
		}
		if len(left) == 0 {
			break
		}
		rest, args = append(rest, left[0]), left[1:]
	}
	// Parse again so that fs.Args() returns what is not a flag.
	return fs.Parse(append([]string{"--"}, rest...))
}

// version is the release, set when the binary is linked:
//
//	go build -ldflags "-X main.version=v1.2.0" ./cmd/entente
//
// (a package variable because the linker can only set those). Without
// it, the module version and the commit recorded in the build info are
// printed.
var version string

// versionLine is what `entente --version` prints.
func versionLine() string {
	bi, _ := debug.ReadBuildInfo()
	return fmt.Sprintf("%s %s %s/%s", versionOf(version, bi), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// versionOf names the build: the version set at link time, else the
// module's (go install entente@v1.2.0), with the commit the toolchain
// recorded. A build from a checkout without either (go build
// -buildvcs=false, or a copy of the sources without .git) says that its
// commit is unknown rather than print a bare "(devel)".
func versionOf(linked string, bi *debug.BuildInfo) string {
	v := linked
	var extra []string
	if bi != nil {
		if v == "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		var rev, at, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = "modified"
				}
			}
		}
		if rev != "" {
			extra = append(extra, "commit "+rev[:min(12, len(rev))])
		}
		for _, s := range []string{at, modified} {
			if s != "" {
				extra = append(extra, s)
			}
		}
	}
	if v == "" {
		v = "(devel)"
		if len(extra) == 0 {
			extra = append(extra, "commit unknown: built without version control information")
		}
	}
	line := "entente " + v
	if len(extra) > 0 {
		line += " (" + strings.Join(extra, ", ") + ")"
	}
	return line
}
