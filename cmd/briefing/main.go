// Command briefing turns TOML event data into a typeset PDF briefing with
// charts. See the README for the commands and docs/ for the file formats.
//
// Exit status: 0 success, 1 invalid input or a failed build, 2 wrong usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	startingHeap(64 << 20)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage:
  briefing [build] [-config FILE] [-o FILE] [-strict]   build the PDF briefing
  briefing validate [-config FILE] [-strict]            check config and data
  briefing charts [-config FILE] [-o DIR] [-format svg|png|pdf]
                                                        export each chart as a file
  briefing serve [-config FILE] [-addr HOST:PORT] [-max-body SIZE]
                 [-timeout DURATION] [-max-builds N] [-max-queue N]
                                                        serve the briefing over HTTP
  briefing watch [-config FILE] [-o FILE] [-strict]     rebuild on every change
  briefing init DIR                                     write a starter briefing
  briefing version                                      print the version

Without -config, briefing reads ./config.toml if there is one, else the
built-in briefing. Exit status: 0 success, 1 invalid input or failed build,
2 wrong usage.
`

// errUsage marks a command-line mistake: exit status 2.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	cmd := "build"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "build":
		err = cmdBuild(args, stdout, stderr)
	case "validate":
		err = cmdValidate(args, stdout, stderr)
	case "charts":
		err = cmdCharts(args, stdout, stderr)
	case "serve":
		err = cmdServe(args, stdout, stderr)
	case "watch":
		err = cmdWatch(args, stdout, stderr)
	case "init":
		err = cmdInit(args, stdout, stderr)
	case "synth": // for benchmarks; not in the usage text
		err = cmdSynth(args, stdout, stderr)
	case "version":
		if len(args) > 0 {
			err = usageErrorf("version takes no arguments")
		} else {
			fmt.Fprintln(stdout, "briefing", version())
		}
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
	default:
		err = usageErrorf("unknown command %q", cmd)
	}
	return exitStatus(err, stderr)
}

// exitStatus prints err and returns the exit status it calls for.
func exitStatus(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		if msg := err.Error(); msg != errUsage.Error() {
			fmt.Fprintf(stderr, "briefing: %s\n", trimUsage(msg))
		}
		fmt.Fprint(stderr, usage)
		return 2
	}
	printInputErrors(err, stderr)
	return 1
}

type usageError struct{ msg string }

func (e usageError) Error() string        { return e.msg + ": " + errUsage.Error() }
func (e usageError) Is(target error) bool { return target == errUsage }

func usageErrorf(format string, a ...any) error {
	return usageError{fmt.Sprintf(format, a...)}
}

func trimUsage(msg string) string {
	const suffix = ": usage"
	if len(msg) > len(suffix) && msg[len(msg)-len(suffix):] == suffix {
		return msg[:len(msg)-len(suffix)]
	}
	return msg
}

// newFlagSet returns a flag set that reports its errors as usage errors
// instead of printing them.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return usageErrorf("briefing %s", fs.Name())
		}
		return usageErrorf("%v", err)
	}
	if fs.NArg() > 0 {
		return usageErrorf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}
