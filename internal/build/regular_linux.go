//go:build linux

package build

import (
	"io/fs"
	"syscall"
)

// sysID adds the device, inode and change time to id.
func sysID(fi fs.FileInfo, id *FileID) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		id.dev, id.ino = uint64(st.Dev), uint64(st.Ino)
		sec, nsec := st.Ctim.Unix()
		id.ctime = sec*1e9 + nsec
	}
}
