//go:build unix

// Command peakrss runs a command and prints the most memory it held at
// once (its peak resident set size, from getrusage) in MiB, and its wall
// time, on standard error; the command's output is discarded.
//
//	peakrss COMMAND [ARG...]
//
// It exits as the command does. bench/memory.sh uses it to compare the
// peak memory of manifestpatch with the size of its input and with cat's.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: peakrss COMMAND [ARG...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintf(os.Stderr, "peakrss: %v\n", err)
		os.Exit(2)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "peakrss: no resource usage on this system")
		os.Exit(2)
	}
	// Linux reports ru_maxrss in KiB; macOS and the BSDs in bytes.
	kib := int64(ru.Maxrss)
	if kib > 1<<30 {
		kib >>= 10
	}
	fmt.Fprintf(os.Stderr, "%.1f MiB %.2f s\n", float64(kib)/1024, wall.Seconds())
	os.Exit(cmd.ProcessState.ExitCode())
}
