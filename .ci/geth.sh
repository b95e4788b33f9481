#!/bin/sh
# geth.sh builds geth v1.17.8 (the newest release the Go module proxy can
# build; v1.17.9+ need modules the proxy refuses) once, reuses it when it is
# already there, and prints the binary's path on stdout (progress on stderr).
#
#   POSTAGE_GETH=$(.ci/geth.sh) go test -run Geth ./chain/...
#
# GETH_DIR overrides the install directory (default: a per-user cache).
set -eu
version=v1.17.8
dir=${GETH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/postage/geth-$version}
bin=$dir/geth
if [ -x "$bin" ] && "$bin" version 2>/dev/null | grep -q "^Version: ${version#v}"; then
	echo "$bin"
	exit 0
fi
mkdir -p "$dir"
echo "building geth $version into $dir (a few minutes on a cold cache)" >&2
# Outside any module so the project's go.mod does not constrain the build.
cd "$dir"
GOBIN="$dir" GOFLAGS= go install "github.com/ethereum/go-ethereum/cmd/geth@$version" >&2
"$bin" version >/dev/null
echo "$bin"
