#!/bin/sh
# check-generated.sh installs the pinned npm dependencies (npm ci), regenerates
# every artifact under contracts/ with gen.sh and fails if the result differs
# from what is committed (or leaves new files behind). CI runs it.
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
./gen.sh
# The files gen.sh writes (sources and tests may be mid-edit in a working tree).
generated="build testdata/build postage.go ticketbook.go sketch_binding_test.go wallet_binding_test.go bookbuyer_binding_test.go"
# shellcheck disable=SC2086
if ! git diff --exit-code --stat -- $generated; then
	echo "check-generated.sh: regenerated contracts/ artifacts differ from the committed ones; run contracts/gen.sh and commit" >&2
	# shellcheck disable=SC2086
	git diff -- $generated | head -50 >&2
	exit 1
fi
# shellcheck disable=SC2086
untracked=$(git ls-files --others --exclude-standard -- $generated)
if [ -n "$untracked" ]; then
	echo "check-generated.sh: gen.sh produced files that are not committed:" >&2
	echo "$untracked" >&2
	exit 1
fi
echo "contracts/: generated artifacts are up to date"
