#!/usr/bin/env bash
# The group kernels against the kernels they replaced, in the same run:
#
#   bench/kernel.sh [rounds]      (default 5)
#
# Each round runs `go test -bench KernelParallel -cpu 1` for avx512 and
# avx512v1 (then avx2 and avx2v1) back to back, so that load from elsewhere
# on the machine hits both alike, and takes their ratio in MH/s per CPU
# second (the benchmark divides by the process's CPU time, which stays
# meaningful on a shared machine); then BenchmarkKernelVersus, which
# alternates the two kernels every few milliseconds on one thread. It prints
# every round, the medians and a SUMMARY line. Needs a CPU with AVX-512 for
# the first pair (AVX2 for the second).
set -euo pipefail
rounds=${1:-5}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/search.test" ./hashcash/internal/search
grep -q avx512 /proc/cpuinfo || { echo "this CPU has no AVX-512: the avx512 kernels cannot be compared here" >&2; exit 1; }
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# cpurate OUTPUT NAME: the MH/s-cpu of BenchmarkKernelParallel/NAME.
cpurate() { awk -v n="BenchmarkKernelParallel/$2" '$1 == n { for (i = 2; i < NF; i++) if ($(i + 1) == "MH/s-cpu") print $i }' "$1"; }
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
r512=() r2=() v512=() v2=()
for ((i = 1; i <= rounds; i++)); do
	"$tmp/search.test" -test.run '^$' -test.bench 'KernelParallel/^(avx512|avx512v1|avx2|avx2v1)$' -test.cpu 1 -test.benchtime 1s >"$tmp/par"
	a=$(cpurate "$tmp/par" avx512) b=$(cpurate "$tmp/par" avx512v1) c=$(cpurate "$tmp/par" avx2) d=$(cpurate "$tmp/par" avx2v1)
	[ -n "$a" ] && [ -n "$b" ] || { echo "no avx512/avx512v1 result:" >&2; cat "$tmp/par" >&2; exit 1; }
	r512+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')")
	r2+=("$(awk -v a="$c" -v b="$d" 'BEGIN { printf "%.3f", a / b }')")
	"$tmp/search.test" -test.run '^$' -test.bench 'KernelVersus' -test.benchtime 2s >"$tmp/vs"
	v512+=("$(awk '$1 ~ /^BenchmarkKernelVersus\/avx512\/avx512v1/ { for (i = 2; i < NF; i++) if ($(i + 1) == "new/old") print $i }' "$tmp/vs")")
	v2+=("$(awk '$1 ~ /^BenchmarkKernelVersus\/avx2\/avx2v1/ { for (i = 2; i < NF; i++) if ($(i + 1) == "new/old") print $i }' "$tmp/vs")")
	printf 'round %d: KernelParallel -cpu 1, MH/s per CPU second: avx512 %s, avx512v1 %s (%s); avx2 %s, avx2v1 %s (%s); KernelVersus avx512/avx512v1 %s, avx2/avx2v1 %s\n' \
		"$i" "$a" "$b" "${r512[-1]}" "$c" "$d" "${r2[-1]}" "${v512[-1]}" "${v2[-1]}"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
m512=$(printf '%s\n' "${r512[@]}" | median) min512=$(printf '%s\n' "${r512[@]}" | sort -g | head -1)
mv512=$(printf '%s\n' "${v512[@]}" | median)
m2=$(printf '%s\n' "${r2[@]}" | median) mv2=$(printf '%s\n' "${v2[@]}" | median)
echo "SUMMARY kernel.sh: avx512/avx512v1 $m512 (KernelParallel -cpu 1, median of $rounds rounds; min $min512), $mv512 (KernelVersus); avx2/avx2v1 $m2, $mv2; target 1.15"
