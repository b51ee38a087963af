// Command briefing turns TOML event data into a typeset PDF briefing with
// charts. See the README for the commands and docs/ for the file formats.
//
// Exit status: 0 success, 1 invalid input or a failed build, 2 wrong usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/briefing-pdf/briefing/internal/diag"
	"github.com/briefing-pdf/briefing/internal/version"
)

func main() {
	startingHeap(64 << 20)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage:
  briefing [build] [flags] [CONFIG...]   build the PDF briefing (several at once)
  briefing validate [flags] [CONFIG...]  check config and data as a build would
  briefing charts [flags] [CONFIG]       export each chart as a file
  briefing serve [flags] [CONFIG]        serve the briefing over HTTP
  briefing watch [flags] [CONFIG]        rebuild on every change
  briefing init DIR                      write a starter briefing
  briefing import -map FILE CSV          convert a CSV file to a TOML data file
  briefing version                       print the version (also --version)
  briefing help [COMMAND]                print help (also -h, --help)

CONFIG is a config file, or a directory holding config.toml (-config FILE
says the same). Without one, briefing reads ./config.toml if there is one,
else the built-in briefing. Flags may come before or after CONFIG. build
and validate take several: files, directories, quoted patterns.
'briefing help COMMAND' or 'briefing COMMAND -h' lists a command's flags.
Exit status: 0 success, 1 invalid input or failed build, 2 wrong usage.
`

// commands are the synopsis and description of each command, for its -h.
var commands = map[string]struct{ synopsis, about string }{
	"build": {"briefing [build] [flags] [CONFIG...]",
		"Build the PDF briefing from the config and the data files it names.\n" +
			"Errors and warnings go to standard error, each with its file, line\n" +
			"and column; then, unless -q, where the PDF was written and its pages.\n" +
			"With several CONFIGs (files, directories holding config.toml, a\n" +
			"directory whose subdirectories hold one, quoted patterns) each is\n" +
			"built, -j at once, with one summary line per briefing on standard\n" +
			"output; the exit status is 1 if any failed."},
	"validate": {"briefing validate [flags] [CONFIG...]",
		"Run every check a build runs before it draws: the config, the data,\n" +
			"the fonts, logo and hyphenation patterns, the layout with every\n" +
			"character checked against the fonts, and the typographic warnings.\n" +
			"Nothing is written. A briefing that validates builds."},
	"charts": {"briefing charts [flags] [CONFIG]",
		"Export each chart of the briefing as a file of its own, named for the chart."},
	"serve": {"briefing serve [flags] [CONFIG]",
		"Serve the briefing over HTTP: GET / builds the served files, POST /render\n" +
			"lays out posted data with the served config (see docs/serve.md)."},
	"watch": {"briefing watch [flags] [CONFIG]",
		"Build once, then again whenever the config or a file it names changes.\n" +
			"A failed build leaves the last good PDF in place."},
	"init": {"briefing init DIR",
		"Write a starter briefing (config.toml and data/briefing.toml) into DIR,\n" +
			"which is created if need be. Nothing is overwritten."},
	"import": {"briefing import -map MAPPING [-o FILE] CSV",
		"Convert a CSV file to a TOML data file, through the [[import]] table\n" +
			"that maps its columns (in MAPPING, which may be the config itself), for\n" +
			"those who want to edit the data as TOML from there on. Every problem of\n" +
			"every row is reported, and nothing is written unless there are none.\n" +
			"References to ids in other files are checked when the briefing is built.\n" +
			"See docs/spreadsheet.md."},
	"synth": {"briefing synth [flags]",
		"Write a synthetic briefing of N events, for benchmarks (docs/performance.md)."},
}

// errUsage marks a command-line mistake: exit status 2.
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	cmd := "build"
	if len(args) > 0 {
		switch a := args[0]; {
		case isHelp(a):
			return exitStatus(cmdHelp(args[1:], stdout), "", stderr)
		case a == "version" || a == "-version" || a == "--version":
			if len(args) == 2 && isHelp(args[1]) {
				return exitStatus(cmdHelp([]string{"version"}, stdout), "", stderr)
			}
			if len(args) > 1 {
				return exitStatus(usageErrorf("version takes no arguments"), "", stderr)
			}
			fmt.Fprintln(stdout, "briefing", version.String())
			return 0
		case a != "" && a[0] != '-':
			cmd, args = a, args[1:]
		}
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
	case "import":
		err = cmdImport(args, stdout, stderr)
	case "synth": // for benchmarks; not in the usage text
		err = cmdSynth(args, stdout, stderr)
	default:
		err = usageErrorf("unknown command %q", cmd)
		if strings.HasSuffix(cmd, ".toml") {
			err = usageErrorf("unknown command %q (to build it: briefing build %s)", cmd, cmd)
		}
		cmd = ""
	}
	return exitStatus(err, cmd, stderr)
}

// interrupted is a context that ends at the first SIGINT or SIGTERM, for
// the commands that run until stopped (serve, watch).
func interrupted() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// isHelp reports whether a is a request for help.
func isHelp(a string) bool {
	return a == "help" || a == "-h" || a == "-help" || a == "--help" || a == "--h"
}

// cmdHelp prints the overview and the default command's flags, or the
// help of the command named.
func cmdHelp(args []string, stdout io.Writer) error {
	switch {
	case len(args) == 0 || strings.HasPrefix(args[0], "-"):
		fmt.Fprint(stdout, usage)
		fmt.Fprintln(stdout, "\nFlags of build, the default command:")
		if err := cmdBuild([]string{"-h"}, flagsOnly{stdout}, io.Discard); !errors.Is(err, flag.ErrHelp) {
			return err
		}
		return nil
	case len(args) > 1:
		return usageErrorf("help takes at most one command")
	case args[0] == "version":
		fmt.Fprintln(stdout, "usage: briefing version\n\nPrint the version the go command recorded in the binary: a release's,\nor a pseudo-version naming the commit it was built from; without version\ncontrol information, the source tree's version with -dev. The PDF's\nCreator and Producer name the same version.")
		return nil
	case args[0] == "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	if _, ok := commands[args[0]]; !ok {
		return usageErrorf("help: unknown command %q", args[0])
	}
	// A command's -h prints its help and exits 0.
	run([]string{args[0], "-h"}, stdout, io.Discard)
	return nil
}

// flagsOnly marks a writer that wants only the flags of a command's help.
type flagsOnly struct{ io.Writer }

// exitStatus prints err and returns the exit status it calls for. cmd is
// the command whose usage a usage error recalls ("" for the overview).
func exitStatus(err error, cmd string, stderr io.Writer) int {
	var done reported
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		if msg := err.Error(); msg != errUsage.Error() {
			fmt.Fprintf(stderr, "briefing: %s\n", trimUsage(msg))
		}
		if c, ok := commands[cmd]; ok {
			fmt.Fprintf(stderr, "usage: %s\nRun 'briefing help %s' for its flags.\n", c.synopsis, cmd)
		} else {
			fmt.Fprint(stderr, usage)
		}
		return 2
	case errors.As(err, &done):
		return 1
	}
	diag.Print(stderr, err)
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

// parseArgs parses flags and positional arguments in any order, as far as
// a "--", after which everything is positional. -h, -help, --help or a
// positional "help" anywhere prints the command's help to stdout and
// returns flag.ErrHelp (exit status 0).
func parseArgs(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			return nil, printHelp(fs, stdout)
		}
		if err != nil {
			return nil, usageErrorf("%s: %v", fs.Name(), err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if rest[0] == "help" {
			return nil, printHelp(fs, stdout)
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	return pos, nil
}

// printHelp writes a command's synopsis, description and flags.
func printHelp(fs *flag.FlagSet, stdout io.Writer) error {
	w := stdout
	if f, ok := stdout.(flagsOnly); ok {
		w = f.Writer
	} else if c, ok := commands[fs.Name()]; ok {
		fmt.Fprintf(w, "usage: %s\n\n%s\n", c.synopsis, c.about)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprint(w, "\nFlags:\n")
		}
	}
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	return flag.ErrHelp
}

// parseFlags parses a command that takes flags only.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	pos, err := parseArgs(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("%s: unexpected argument %q", fs.Name(), pos[0])
	}
	return nil
}

// parseConfigFlags parses a command that reads a config: its flags and at
// most one positional CONFIG, which is the same as -config and is stored
// in *config. A directory stands for the config.toml in it.
func parseConfigFlags(fs *flag.FlagSet, args []string, config *string, stdout io.Writer) error {
	pos, err := parseArgs(fs, args, stdout)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 1:
		return usageErrorf("%s: unexpected argument %q: want at most one CONFIG", fs.Name(), pos[1])
	case len(pos) == 1 && *config != "" && filepath.Clean(pos[0]) != filepath.Clean(*config):
		return usageErrorf("%s: the config is given twice, as -config %s and as %s", fs.Name(), *config, pos[0])
	case len(pos) == 1:
		if pos[0] == "" {
			return usageErrorf("%s: empty CONFIG", fs.Name())
		}
		*config = pos[0]
	}
	if *config != "" {
		if st, err := os.Stat(*config); err == nil && st.IsDir() {
			*config = filepath.Join(*config, "config.toml")
		}
	}
	return nil
}
