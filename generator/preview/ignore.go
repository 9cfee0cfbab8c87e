package preview

import "strings"

// ignored reports whether a file or folder name belongs to an editor or the operating system rather than to the
// site: swap and backup files, atomic-save temporaries and Finder metadata. Changes to them never rebuild.
func ignored(name string) bool {
	switch {
	case name == "4913", // vim probes whether it may write in a folder with this name
		name == ".DS_Store",
		strings.HasSuffix(name, "~"),                                 // emacs, gedit and vim backups
		strings.HasPrefix(name, ".#"),                                // emacs lock files
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"), // emacs auto-save
		strings.HasPrefix(name, ".goutputstream"),                    // GNOME's atomic save
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, ".tmp"):
		return true
	}
	return false
}
