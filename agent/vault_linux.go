package agent

import (
	"os"

	"golang.org/x/sys/unix"
)

// noCOW asks the filesystem not to copy-on-write the file's data (btrfs's
// No_COW attribute, chattr +C), so an overwrite replaces the old bytes in
// place. Filesystems without the attribute refuse it; that is fine.
// fsNoCOWFl is FS_NOCOW_FL from linux/fs.h (golang.org/x/sys has no name for it).
const fsNoCOWFl = 0x00800000

func noCOW(f *os.File) {
	flags, err := unix.IoctlGetInt(int(f.Fd()), unix.FS_IOC_GETFLAGS)
	if err != nil {
		return
	}
	_ = unix.IoctlSetPointerInt(int(f.Fd()), unix.FS_IOC_SETFLAGS, flags|fsNoCOWFl)
}

func fdatasync(f *os.File) error { return unix.Fdatasync(int(f.Fd())) }
