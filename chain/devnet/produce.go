package devnet

import (
	"errors"
	"fmt"
	"sync/atomic"
	"syscall"
	"time"
)

// ErrDiskFull: block production is paused for lack of disk space.
var ErrDiskFull = errors.New("the chain's disk is nearly full: block production paused")

// produce seals a block every period, unless the data dir's file system
// has less than MinFree bytes free: then it pauses (nothing is written, so
// the database never meets a full disk, on which go-ethereum exits), says
// so at ERROR, and resumes by itself when space is back. Meanwhile new
// transactions are refused with ErrDiskFull (sendGate), so a sender learns
// at once why, instead of waiting on a transaction no block will take.
func (c *Chain) produce() {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		// The disk is looked at four times a second, and again right
		// before each block, so that a filling disk is noticed within the
		// margin MinFree gives.
		watch := time.NewTicker(250 * time.Millisecond)
		defer watch.Stop()
		block := time.NewTicker(c.cfg.Period)
		defer block.Stop()
		var lastNote time.Time
		check := func() bool {
			free, err := freeSpaceOf(c.cfg.DataDir)
			low := err == nil && c.cfg.MinFree > 0 && free < c.cfg.MinFree
			switch {
			case low && !c.paused.Load():
				c.paused.Store(true)
				lastNote = time.Now()
				c.log.Error("disk nearly full: block production paused; no transaction is mined until space is freed",
					"free", fmtBytes(free), "min_free", fmtBytes(c.cfg.MinFree), "dir", c.cfg.DataDir)
			case low:
				if time.Since(lastNote) > time.Minute {
					lastNote = time.Now()
					c.log.Error("disk still nearly full: block production paused", "free", fmtBytes(free), "min_free", fmtBytes(c.cfg.MinFree))
				}
			case c.paused.Load():
				c.paused.Store(false)
				c.log.Warn("disk space is back: block production resumed", "free", fmtBytes(free))
			}
			return low
		}
		for {
			select {
			case <-c.quit:
				return
			case <-watch.C:
				check()
			case <-block.C:
				if !check() {
					c.beacon.Commit()
				}
			}
		}
	}()
}

// checkFreeAtStart refuses to open the database on a nearly full disk:
// go-ethereum exits on a failed write, and a start writes.
func (c *Chain) checkFreeAtStart() error {
	free, err := freeSpaceOf(c.cfg.DataDir)
	if err != nil || c.cfg.MinFree <= 0 || free >= c.cfg.MinFree {
		return nil
	}
	return fmt.Errorf("%w: %s free in %s, less than min_free %s: free some space (or lower chain.min_free) and start again",
		ErrDiskFull, fmtBytes(free), c.cfg.DataDir, fmtBytes(c.cfg.MinFree))
}

// Paused reports whether block production is paused for lack of disk
// space (ErrDiskFull).
func (c *Chain) Paused() bool { return c.paused.Load() }

type pausedFlag = atomic.Bool

// freeSpaceOf is freeSpace; tests replace it (before Start) to play a
// filling disk.
var freeSpaceOf = freeSpace

func freeSpace(dir string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}

func fmtBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%d KiB", n>>10)
	}
}
