#!/usr/bin/env bash
# Compares postage's minting rate with Debian's hashcash 1.22 and with
# hashcat 6.2.6 on the CPU (pocl OpenCL, mode 100 = SHA-1, the specialised
# tool a spammer would use) in the same run, and prints the ratios.
#
#   bench/compare.sh [rounds]      (default 5 rounds; best of each is kept)
#
# Rounds interleave the tools so that load from elsewhere on the machine
# hits all of them alike. Two kinds of rate are reported:
#
# - wall: hashes per second of elapsed time, as each tool reports it
#   (hashcash -s; postage mint --estimate, which runs its kernel for one
#   second). On a loaded machine these fall with the share of the CPU the
#   tool got.
# - per CPU second ("per core"): hashes divided by the CPU time the process
#   used, which stays meaningful when other processes share the cores.
#   postage: tries (rate x 1 s) / the CPU time of `mint --estimate`
#   (its start-up counts against it). hashcat: it is pinned to one core
#   (taskset -c 0) with one pocl worker thread (POCL_MAX_PTHREAD_COUNT=1)
#   and runs two optimised mask attacks (-O -a 3) on unfindable SHA-1s, of
#   26^5*10 and 26^5*100 candidates; the rate is the difference of
#   candidates over the difference of CPU time, which cancels hashcat's
#   start-up (OpenCL set-up, kernel load). hashcash -s cannot be timed
#   this way (it reports before its process has accumulated CPU time), so
#   only its wall rate is shown.
#
# hashcat runs twice: with one target hash, its kernel stops a few rounds
# early by comparing with the target's state reversed from the digest,
# which a minter cannot do (no digest is known in advance, only that its
# first bits are zero); with two targets it computes every digest in full
# and looks it up, which is what minting needs. Both ratios are printed.
set -euo pipefail
rounds=${1:-5}
cd "$(dirname "$0")/.."
apt_line="apt-get install hashcash hashcat pocl-opencl-icd ocl-icd-libopencl1 time"
command -v hashcash >/dev/null || { echo "hashcash 1.22 is not installed: $apt_line" >&2; exit 1; }
command -v hashcat >/dev/null || { echo "hashcat is not installed: $apt_line" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is not installed: $apt_line" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset (util-linux) is not installed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/postage
go build -o "$bin" ./cmd/postage
cores=$(nproc)

# hashcat: one core, one pocl thread, an optimised mask attack on the SHA-1
# of a string outside the masks (nothing is ever found: every candidate is
# hashed). Prints "candidates cpu-seconds".
target=9764e869f3880e23de26aa917e6b338554ba79c6 # sha1("postage-not-found")
printf '%s\n%s\n' "$target" 97a5ff4c80e2e530dc797134f19d208c4cdd79de >"$tmp/two" # and sha1("postage-not-found-2")
hashcat_run() {
	local mask=$1 n=$2 hashes=$3
	local rc=0
	POCL_MAX_PTHREAD_COUNT=1 /usr/bin/time -f '%U %S' -o "$tmp/hc.time" \
		taskset -c 0 hashcat -m 100 -a 3 -O -w 3 -D 1 --force --potfile-disable \
		--self-test-disable --restore-disable --session "postage-compare-$$" \
		--quiet "$hashes" "$mask" >"$tmp/hc.out" 2>&1 || rc=$?
	# hashcat exits 1 when it has tried every candidate without a crack.
	if [ "$rc" -ne 1 ]; then
		echo "hashcat failed with status $rc (an OpenCL CPU runtime is needed: $apt_line):" >&2
		cat "$tmp/hc.out" >&2
		exit 1
	fi
	awk -v n="$n" '{printf "%d %.3f\n", n, $1 + $2}' <(tail -1 "$tmp/hc.time")
}
hashcat_rate() {
	local small big
	small=$(hashcat_run '?l?l?l?l?l?d' $((26 ** 5 * 10)) "$1")
	big=$(hashcat_run '?l?l?l?l?l?d?d' $((26 ** 5 * 100)) "$1")
	awk -v s="$small" -v b="$big" 'BEGIN {
		split(s, x, " "); split(b, y, " ")
		if (y[2] <= x[2]) { print "hashcat: CPU time did not grow with the keyspace" > "/dev/stderr"; exit 1 }
		printf "%.0f\n", (y[1] - x[1]) / (y[2] - x[2])
	}'
}

# postage mint --estimate under GNU time: prints "wall-rate cpu-rate".
postage_rate() {
	local cpus=$1
	/usr/bin/time -f '%U %S' -o "$tmp/p.time" "$bin" mint --estimate --cpus "$cpus" >"$tmp/p.out"
	awk -v t="$(tail -1 "$tmp/p.time")" '/^rate:/ {
		split(t, c, " ")
		printf "%.0f %.0f\n", $2 * 1e6, $2 * 1e6 / (c[1] + c[2])
	}' "$tmp/p.out"
}

best() { sort -g | tail -1; }
hc=() p1=() p1c=() pn=() pnc=() hk=() hk2=()
for ((i = 0; i < rounds; i++)); do
	hc+=("$(hashcash -s -q)")
	read -r w c < <(postage_rate 1)
	p1+=("$w") p1c+=("$c")
	read -r w c < <(postage_rate "$cores")
	pn+=("$w") pnc+=("$c")
	hk+=("$(hashcat_rate "$target")")
	hk2+=("$(hashcat_rate "$tmp/two")")
done
hcb=$(printf '%s\n' "${hc[@]}" | best)
p1b=$(printf '%s\n' "${p1[@]}" | best)
p1cb=$(printf '%s\n' "${p1c[@]}" | best)
pnb=$(printf '%s\n' "${pn[@]}" | best)
pncb=$(printf '%s\n' "${pnc[@]}" | best)
hkb=$(printf '%s\n' "${hk[@]}" | best)
hk2b=$(printf '%s\n' "${hk2[@]}" | best)
kernel=$("$bin" mint --estimate --cpus 1 | awk '/^kernel:/ {print $2}')
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v hc="$hcb" -v p1="$p1b" -v p1c="$p1cb" -v pn="$pnb" -v pnc="$pncb" -v hk="$hkb" -v hk2="$hk2b" -v n="$cores" -v k="$kernel" -v r="$rounds" 'BEGIN {
	printf "best of %d rounds, million SHA-1 per second\n", r
	printf "%-46s %8s %14s\n", "tool", "wall", "per CPU second"
	printf "%-46s %8.1f %14s\n", "hashcash 1.22 (1 core)", hc / 1e6, "-"
	printf "%-46s %8s %14.1f\n", "hashcat 6.2.6 -m 100 -O, pocl, 2 targets (1 core)", "-", hk2 / 1e6
	printf "%-46s %8s %14.1f\n", "hashcat 6.2.6 -m 100 -O, pocl, 1 target (1 core)", "-", hk / 1e6
	printf "%-46s %8.1f %14.1f\n", "postage " k " (1 core)", p1 / 1e6, p1c / 1e6
	printf "%-46s %8.1f %14.1f\n", "postage " k " (" n " cores)", pn / 1e6, pnc / 1e6
	printf "ratio postage/hashcat per core (CPU second), 2 targets (full digests, as minting): %.2f\n", p1c / hk2
	printf "ratio postage/hashcat per core (CPU second), 1 target (early exit): %.2f\n", p1c / hk
	printf "ratio postage/hashcash, 1 core (wall): %.2f\n", p1 / hc
	printf "ratio postage %d cores / 1 core (wall): %.2f\n", n, pn / p1
	printf "ratio postage %d cores / hashcash (wall): %.2f\n", n, pn / hc
}'
