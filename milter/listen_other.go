//go:build !unix

package milter

func shareWithDirGroup(string) error { return nil }
