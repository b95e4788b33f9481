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
#   used (perf stat's task-clock, every thread, nanosecond-precise), which
#   stays meaningful when other processes share the cores.
#   postage: tries (rate x 1 s) / (the CPU time of `mint --estimate` minus
#   that of `postage version` in the same round, which is the binary's
#   start-up: 20-30 ms, a fifth of what the estimate gets on a loaded
#   machine). hashcat: it is pinned to one core (taskset -c 0) with one
#   pocl worker thread (POCL_MAX_PTHREAD_COUNT=1) and runs two optimised
#   mask attacks (-O -a 3) on unfindable SHA-1s, of 26^5*10 and 26^5*100
#   candidates; the rate is the difference of candidates over the
#   difference of CPU time, which cancels hashcat's start-up (OpenCL
#   set-up, kernel load). hashcash -s cannot be timed this way (it reports
#   before its process has accumulated CPU time), so only its wall rate is
#   shown.
#
# Each round's ratios are taken within the round (the tools ran seconds
# apart); the script prints every round's, their median and their
# minimum, and the ratio of the best rates.
#
# hashcat runs twice: with one target hash, its kernel stops a few rounds
# early by comparing with the target's state reversed from the digest,
# which a minter cannot do (no digest is known in advance, only that its
# first bits are zero); with two targets it computes every digest in full
# and looks it up, which is what minting needs. Both ratios are printed.
set -euo pipefail
rounds=${1:-5}
cd "$(dirname "$0")/.."
apt_line="apt-get install hashcash hashcat pocl-opencl-icd ocl-icd-libopencl1 linux-perf"
command -v hashcash >/dev/null || { echo "hashcash 1.22 is not installed: $apt_line" >&2; exit 1; }
command -v hashcat >/dev/null || { echo "hashcat is not installed: $apt_line" >&2; exit 1; }
command -v perf >/dev/null || { echo "perf (for task-clock) is not installed: $apt_line" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset (util-linux) is not installed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/postage
go build -o "$bin" ./cmd/postage
cores=$(nproc)

# cpu_ms FILE CMD...: runs CMD under perf stat and writes its CPU time in
# milliseconds (task-clock: every thread, children included) to FILE.
cpu_ms() {
	local out=$1
	shift
	local rc=0
	perf stat -x, -e task-clock -o "$out.perf" "$@" || rc=$?
	awk -F, '$3 == "task-clock" || $3 ~ /^task-clock/ { print $1; f = 1 } END { if (!f) exit 1 }' "$out.perf" >"$out" ||
		{ echo "perf stat gave no task-clock:" >&2; cat "$out.perf" >&2; exit 1; }
	return "$rc"
}

# hashcat: one core, one pocl thread, an optimised mask attack on the SHA-1
# of a string outside the masks (nothing is ever found: every candidate is
# hashed). Prints "candidates cpu-seconds".
target=9764e869f3880e23de26aa917e6b338554ba79c6 # sha1("postage-not-found")
printf '%s\n%s\n' "$target" 97a5ff4c80e2e530dc797134f19d208c4cdd79de >"$tmp/two" # and sha1("postage-not-found-2")
hashcat_run() {
	local mask=$1 n=$2 hashes=$3
	local rc=0
	POCL_MAX_PTHREAD_COUNT=1 cpu_ms "$tmp/hc.ms" \
		taskset -c 0 hashcat -m 100 -a 3 -O -w 3 -D 1 --force --potfile-disable \
		--self-test-disable --restore-disable --session "postage-compare-$$" \
		--quiet "$hashes" "$mask" >"$tmp/hc.out" 2>&1 || rc=$?
	# hashcat exits 1 when it has tried every candidate without a crack.
	if [ "$rc" -ne 1 ]; then
		echo "hashcat failed with status $rc (an OpenCL CPU runtime is needed: $apt_line):" >&2
		cat "$tmp/hc.out" >&2
		exit 1
	fi
	awk -v n="$n" '{printf "%d %.6f\n", n, $1 / 1000}' "$tmp/hc.ms"
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

# postage mint --estimate: prints "wall-rate cpu-rate"; the CPU time of
# the binary's start-up (postage version, just before) is taken off.
postage_rate() {
	local cpus=$1
	cpu_ms "$tmp/v.ms" "$bin" version >/dev/null
	cpu_ms "$tmp/p.ms" "$bin" mint --estimate --cpus "$cpus" >"$tmp/p.out"
	awk -v ms="$(cat "$tmp/p.ms")" -v v="$(cat "$tmp/v.ms")" '/^rate:/ {
		c = (ms - v) / 1000
		if (c <= 0) c = ms / 1000
		printf "%.0f %.0f\n", $2 * 1e6, $2 * 1e6 / c
	}' "$tmp/p.out"
}

best() { sort -g | tail -1; }
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
hc=() p1=() p1c=() pn=() pnc=() hk=() hk2=() r1=() r2=()
# hashcat's first run on a machine compiles its OpenCL kernels (minutes of
# CPU, cached under ~/.cache and ~/.local/share/hashcat); one unmeasured run
# for each target file keeps that out of the rates.
hashcat_run '?l?l?l?d' $((26 ** 3 * 10)) "$tmp/two" >/dev/null
hashcat_run '?l?l?l?d' $((26 ** 3 * 10)) "$target" >/dev/null
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 0; i < rounds; i++)); do
	hc+=("$(hashcash -s -q)")
	read -r w c < <(postage_rate 1)
	p1+=("$w") p1c+=("$c")
	a=$(hashcat_rate "$tmp/two")
	b=$(hashcat_rate "$target")
	hk2+=("$a") hk+=("$b")
	read -r w c2 < <(postage_rate 1)
	# postage ran before and after hashcat: its rate for this round is the mean.
	c=$(((c + c2) / 2))
	p1+=("$w") p1c[-1]=$c
	read -r w cn < <(postage_rate "$cores")
	pn+=("$w") pnc+=("$cn")
	r2+=("$(awk -v p="$c" -v h="$a" 'BEGIN { printf "%.2f", p / h }')")
	r1+=("$(awk -v p="$c" -v h="$b" 'BEGIN { printf "%.2f", p / h }')")
	awk -v i=$((i + 1)) -v c="$c" -v a="$a" -v b="$b" -v r2="${r2[-1]}" -v r1="${r1[-1]}" 'BEGIN {
		printf "round %d: postage %.1f, hashcat 2 targets %.1f, 1 target %.1f MH/s per CPU second; ratios %s (2 targets), %s (1 target)\n", i, c / 1e6, a / 1e6, b / 1e6, r2, r1 }'
done
hcb=$(printf '%s\n' "${hc[@]}" | best)
p1b=$(printf '%s\n' "${p1[@]}" | best)
p1cb=$(printf '%s\n' "${p1c[@]}" | best)
pnb=$(printf '%s\n' "${pn[@]}" | best)
pncb=$(printf '%s\n' "${pnc[@]}" | best)
hkb=$(printf '%s\n' "${hk[@]}" | best)
hk2b=$(printf '%s\n' "${hk2[@]}" | best)
r2med=$(printf '%s\n' "${r2[@]}" | median) r2min=$(printf '%s\n' "${r2[@]}" | sort -g | head -1)
r1med=$(printf '%s\n' "${r1[@]}" | median) r1min=$(printf '%s\n' "${r1[@]}" | sort -g | head -1)
kernel=$("$bin" mint --estimate --cpus 1 | awk '/^kernel:/ {print $2}')
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v hc="$hcb" -v p1="$p1b" -v p1c="$p1cb" -v pn="$pnb" -v pnc="$pncb" -v hk="$hkb" -v hk2="$hk2b" -v n="$cores" -v k="$kernel" -v r="$rounds" \
	-v r2med="$r2med" -v r2min="$r2min" -v r1med="$r1med" -v r1min="$r1min" 'BEGIN {
	printf "best of %d rounds, million SHA-1 per second\n", r
	printf "%-50s %8s %14s\n", "tool", "wall", "per CPU second"
	printf "%-50s %8.1f %14s\n", "hashcash 1.22 (1 core)", hc / 1e6, "-"
	printf "%-50s %8s %14.1f\n", "hashcat 6.2.6 -m 100 -O, pocl, 2 targets (1 core)", "-", hk2 / 1e6
	printf "%-50s %8s %14.1f\n", "hashcat 6.2.6 -m 100 -O, pocl, 1 target (1 core)", "-", hk / 1e6
	printf "%-50s %8.1f %14.1f\n", "postage " k " (1 core)", p1 / 1e6, p1c / 1e6
	printf "%-50s %8.1f %14.1f\n", "postage " k " (" n " cores)", pn / 1e6, pnc / 1e6
	printf "ratio postage/hashcat per core (CPU second), 2 targets (full digests, as minting): rounds median %.2f, min %.2f, best/best %.2f\n", r2med, r2min, p1c / hk2
	printf "ratio postage/hashcat per core (CPU second), 1 target (early exit): rounds median %.2f, min %.2f, best/best %.2f\n", r1med, r1min, p1c / hk
	printf "ratio postage/hashcash, 1 core (wall): %.2f\n", p1 / hc
	printf "ratio postage %d cores / 1 core (wall): %.2f\n", n, pn / p1
	printf "ratio postage %d cores / hashcash (wall): %.2f\n", n, pn / hc
	printf "SUMMARY compare.sh: postage/hashcat per core %.2f (full digests, median of %d rounds; min %.2f), %.2f against hashcat'"'"'s early-exit kernel (min %.2f); target 1.4\n", r2med, r, r2min, r1med, r1min
}'
