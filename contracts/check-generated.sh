#!/bin/sh
# check-generated.sh installs the pinned npm dependencies (npm ci), regenerates
# every artifact under contracts/ with gen.sh and fails if the result differs
# from what is committed (or leaves new files behind). CI runs it.
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
./gen.sh
# Only contracts/ is ours; other directories may be mid-edit in a shared tree.
if ! git diff --exit-code --stat -- . ; then
	echo "check-generated.sh: regenerated contracts/ artifacts differ from the committed ones; run contracts/gen.sh and commit" >&2
	git diff -- . | head -50 >&2
	exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- .)
if [ -n "$untracked" ]; then
	echo "check-generated.sh: gen.sh produced files that are not committed:" >&2
	echo "$untracked" >&2
	exit 1
fi
echo "contracts/: generated artifacts are up to date"
