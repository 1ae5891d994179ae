//go:build unix

package gtest

import (
	"syscall"
	"time"
)

// CPUTime returns the CPU time the process has used, counting every thread
// (garbage collection included). On a shared machine it says more about the
// work a benchmark did than the wall-clock ns/op.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
