// Command registry is the distribution registry with only the filesystem storage driver linked in:
// the local node needs nothing else, and leaving out the cloud drivers halves the cold build.
package main

import (
	"os"

	"github.com/distribution/distribution/v3/registry"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/filesystem"
)

func main() {
	if err := registry.RootCmd.Execute(); err != nil {
		os.Exit(1)
	}
}
