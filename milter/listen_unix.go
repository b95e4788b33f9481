//go:build unix

package milter

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// shareWithDirGroup gives the socket its directory's group. Only root or a
// member of the group may; anyone else keeps their own group.
func shareWithDirGroup(path string) error {
	dir, err := os.Stat(filepath.Dir(path))
	if err != nil {
		return err
	}
	st, ok := dir.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if err := os.Lchown(path, -1, int(st.Gid)); err != nil && !errors.Is(err, os.ErrPermission) {
		return err
	}
	return nil
}
