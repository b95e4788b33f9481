#!/usr/bin/env bash
# Compares postage's minting rate with Debian's hashcash 1.22 in the same
# run, on one core and on all cores, and prints the ratios.
#
#   bench/compare.sh [rounds]      (default 5 rounds; best of each is kept)
#
# hashcash -s measures its fastest core on one CPU (it is single-threaded);
# postage mint --estimate measures the kernel it would use, for about one
# second per round. Rounds interleave the two tools so that load from
# elsewhere on the machine hits both alike.
set -euo pipefail
rounds=${1:-5}
cd "$(dirname "$0")/.."
command -v hashcash >/dev/null || { echo "hashcash 1.22 is not installed: apt-get install hashcash" >&2; exit 1; }
bin=$(mktemp -d)/postage
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/postage
cores=$(nproc)

best() { sort -g | tail -1; }
hc=(); p1=(); pn=()
for ((i = 0; i < rounds; i++)); do
	hc+=("$(hashcash -s -q)")
	p1+=("$("$bin" mint --estimate --cpus 1 | awk '/^rate:/ {printf "%.0f", $2 * 1e6}')")
	pn+=("$("$bin" mint --estimate --cpus "$cores" | awk '/^rate:/ {printf "%.0f", $2 * 1e6}')")
done
hcb=$(printf '%s\n' "${hc[@]}" | best)
p1b=$(printf '%s\n' "${p1[@]}" | best)
pnb=$(printf '%s\n' "${pn[@]}" | best)
kernel=$("$bin" mint --estimate --cpus 1 | awk '/^kernel:/ {print $2}')
awk -v hc="$hcb" -v p1="$p1b" -v pn="$pnb" -v n="$cores" -v k="$kernel" -v r="$rounds" 'BEGIN {
	printf "best of %d rounds, million SHA-1 per second\n", r
	printf "%-28s %10s\n", "tool", "MH/s"
	printf "%-28s %10.1f\n", "hashcash 1.22 (1 core)", hc / 1e6
	printf "%-28s %10.1f\n", "postage " k " (1 core)", p1 / 1e6
	printf "%-28s %10.1f\n", "postage " k " (" n " cores)", pn / 1e6
	printf "ratio postage/hashcash, 1 core: %.2f\n", p1 / hc
	printf "ratio postage %d cores / 1 core: %.2f\n", n, pn / p1
	printf "ratio postage %d cores / hashcash: %.2f\n", n, pn / hc
}'
