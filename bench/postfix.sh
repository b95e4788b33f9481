#!/usr/bin/env bash
# What the postage milter costs a real Postfix, measured with Postfix's own
# load tools in one run:
#
#   bench/postfix.sh [rounds] [messages]     (default 3 rounds of 2000)
#
# A Postfix instance of its own (configuration, queue and log under a
# temporary directory; the machine's Postfix and port 25 are left alone)
# relays everything to smtp-sink on loopback. It has smtpd listeners
# without a milter, with a null milter (bench/nullmilter), and with
# `postage milter` over TCP and over a unix socket (a second milter process
# with a spent store of its own) (milter_protocol 6,
# milter_default_action = tempfail, so a milter failure shows as a failed
# run rather than as unchecked mail). smtp-source sends to one, then the
# other, alternating (the order of the runs turns by one each round), for
# three cases:
#
#   none   a 3 KB message without postage (verdict neutral)
#   work   the same message with 20 X-Hashcash stamps, one for each
#          envelope recipient of its batch (smtp-source -N numbers the
#          recipients 1b@.., 2b@..): every message spends a distinct stamp
#          minted in advance with `postage mint`, never spent before
#          (verdict pass, one bbolt write each)
#   stake  the same message with one stake stamp of a deposit on the
#          embedded chain (postage serve), the same message every time:
#          each check verifies the Merkle proof and reads the deposit and
#          the leaf from the event watcher's cache; the leaf's spend is
#          the same message's retry (verdict pass)
#
# Each run sends `messages` messages in batches of 20 (one smtp-source per
# batch, 10 at a time, 2 sessions each: 20 concurrent SMTP sessions, one
# message per session). msg/s is the rate of acceptance (smtp-source's
# wall time). CPU per message is the CPU time of the Postfix instance
# (master, its children and the children it reaped) plus, with the
# milter, of the `postage milter` process, from the start of the run until
# the queue is empty again, divided by the messages: the load generator,
# smtp-sink and the rest of the machine are not in it. The milter's own
# metrics must count every message, or the run fails.
#
# At the end, one SMTP session at a time (100 messages without postage per
# listener), it prints the milliseconds per message: the latency a milter
# adds, which concurrent sessions partly hide. A null milter that leaves
# ACKs to the kernel's delayed-ACK timer is among them, to show what
# postage's TCP_QUICKACK spares (docs/milter.md).
#
# Needs root (Postfix), postfix (smtp-source, smtp-sink), go.
set -euo pipefail
trap 'echo "bench/postfix.sh: failed at line $LINENO" >&2' ERR
rounds=${1:-3}
msgs=${2:-2000}
batch=20
msgs=$(((msgs + batch - 1) / batch * batch))
cd "$(dirname "$0")/.."
for b in postfix postconf smtp-source smtp-sink; do
	command -v "$b" >/dev/null || { echo "$b is not installed: apt-get install postfix (.ci/setup does)" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "bench/postfix.sh runs a Postfix instance: run it as root" >&2; exit 1; }

dir=$(mktemp -d /tmp/postage-bench-postfix.XXXXXX)
chmod 755 "$dir"
pids=()
conf=$dir/conf
cleanup() {
	set +e
	[ -f "$conf/main.cf" ] && timeout 60 postfix -c "$conf" stop >/dev/null 2>&1
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	rm -rf "$dir"
}
trap cleanup EXIT

bin=$dir/postage
go build -o "$bin" ./cmd/postage
go build -o "$dir/nullmilter" ./bench/nullmilter
# A free loopback port.
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
chainp=$(port) sink=$(port) smtp_plain=$(port) smtp_null=$(port) smtp_milter=$(port) milter=$(port) null=$(port) metrics=$(port) relayp=$(port) serve_milter=$(port)
smtp_unix=$(port) metrics_unix=$(port) null_delay=$(port) smtp_null_delay=$(port)

waitport() { # host:port seconds
	local t=$(($(date +%s) + $2))
	until (exec 3<>"/dev/tcp/${1%:*}/${1#*:}") 2>/dev/null; do
		[ "$(date +%s)" -lt "$t" ] || { echo "nothing listens on $1 after $2 s" >&2; return 1; }
		sleep 0.2
	done
}

# --- postage: serve (embedded chain) and the milter under test ---
home=$dir/home
mkdir -p "$home"
export POSTAGE_HOME=$home
cat >"$home/postage.toml" <<EOF
[policy.work]
bits = 16
[milter]
listen = "inet:127.0.0.1:$serve_milter"
[metrics]
listen = ""
[relay]
listen = "127.0.0.1:$relayp"
EOF
"$bin" serve --chain-addr "127.0.0.1:$chainp" >"$dir/serve.log" 2>&1 &
pids+=($!)
waitport "127.0.0.1:$serve_milter" 180 || { cat "$dir/serve.log" >&2; exit 1; }
# The milter under test has a data directory (and spent store) of its own
# and follows serve's chain over JSON-RPC, as on a host with a chain node.
contract=$(sed -n 's/.*msg="embedded chain running".* contract=\(0x[0-9a-fA-F]*\).*/\1/p' "$dir/serve.log" | head -1)
[ -n "$contract" ] || { echo "no contract address in serve's log" >&2; cat "$dir/serve.log" >&2; exit 1; }
# A second one, with a spent store of its own, listens on a unix socket.
milterconf() { # home listen metrics
	mkdir -p "$1"
	cat >"$1/postage.toml" <<EOF
[chain]
rpc = "http://127.0.0.1:$chainp"
contract = "$contract"
[policy]
# Work stamps are a pass here (the default accepts stake only): the work
# case measures a verdict that spends a stamp.
accept = ["allowlist", "work", "stake"]
[policy.work]
bits = 16
[milter]
listen = "$2"
[metrics]
listen = "127.0.0.1:$3"
EOF
}
mhome=$dir/mhome
milterconf "$mhome" "inet:127.0.0.1:$milter" "$metrics"
POSTAGE_HOME=$mhome "$bin" milter >"$dir/milter.log" 2>&1 &
milter_pid=$!
pids+=($milter_pid)
waitport "127.0.0.1:$milter" 60 || { cat "$dir/milter.log" >&2; exit 1; }
usock=$dir/milter.sock
milterconf "$dir/mhome2" "unix:$usock" "$metrics_unix"
POSTAGE_HOME=$dir/mhome2 "$bin" milter >"$dir/milter-unix.log" 2>&1 &
milter_unix_pid=$!
pids+=($milter_unix_pid)
waitport "127.0.0.1:$metrics_unix" 60 || { cat "$dir/milter-unix.log" >&2; exit 1; }
[ -S "$usock" ] || { echo "the second milter made no socket $usock" >&2; cat "$dir/milter-unix.log" >&2; exit 1; }
chmod 777 "$usock"
"$dir/nullmilter" "127.0.0.1:$null" &
null_pid=$!
pids+=($null_pid)
waitport "127.0.0.1:$null" 10
# The same null milter with the kernel's delayed ACKs (no TCP_QUICKACK), for
# the one-session latencies at the end.
"$dir/nullmilter" "127.0.0.1:$null_delay" delayack &
pids+=($!)
waitport "127.0.0.1:$null_delay" 10

# --- messages ---
filler=$(for i in $(seq 1 36); do printf 'Line %02d of the body of a benchmark message, long enough to fill it to 3 KB.\n' "$i"; done)
base() { # extra header lines on stdin
	printf 'From: Sender <a@example.org>\nTo: <b@example.test>\nSubject: benchmark\nDate: %s\nMessage-ID: <bench.%s@example.org>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n' \
		"$(date -R)" "$1"
	cat
	printf '\n%s\n' "$filler"
}
base none </dev/null >"$dir/none.eml"
# The stake stamp: a deposit on serve's chain for b@example.test.
base stake </dev/null | "$bin" stamp --rcpt b@example.test --no-work >"$dir/stake.eml" 2>"$dir/stamp.log" ||
	{ cat "$dir/stamp.log" >&2; exit 1; }
grep -q '^Postage-Stamp: ' "$dir/stake.eml" || { echo "no stake stamp made" >&2; exit 1; }
# Work: a fresh set of stamps for every round's milter run.
batches=$((msgs / batch))
echo "minting $((rounds * msgs)) work stamps of 16 bits..." >&2
for ((r = 1; r <= rounds; r++)); do
	mkdir -p "$dir/work$r"
	for ((j = 1; j <= batches; j++)); do
		seq 1 $batch | sed 's/$/b@example.test/'
	done | "$bin" mint -q -X -b 16 >"$dir/work$r/stamps"
	[ "$(wc -l <"$dir/work$r/stamps")" = "$msgs" ] || { echo "minting failed" >&2; exit 1; }
	for ((j = 1; j <= batches; j++)); do
		sed -n "$(((j - 1) * batch + 1)),$((j * batch))p" "$dir/work$r/stamps" | base "work$r.$j" >"$dir/work$r/$j.eml"
	done
done

# --- Postfix ---
for d in conf queue data; do mkdir -p "$dir/$d"; done
chown postfix "$dir/data"
cat >"$conf/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
maillog_file = $dir/postfix.log
maillog_file_prefixes = $dir
myhostname = mx.example.test
mydomain = example.test
myorigin = \$myhostname
mydestination =
relay_domains =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
alias_maps =
alias_database =
relayhost = [127.0.0.1]:$sink
default_transport = smtp
relay_transport = relay
smtp_tls_security_level = none
smtpd_tls_security_level = none
smtpd_client_connection_rate_limit = 0
smtpd_client_connection_count_limit = 0
default_process_limit = 100
in_flow_delay = 0s
milter_protocol = 6
biff = no
EOF
cat >"$conf/master.cf" <<EOF
127.0.0.1:$smtp_plain inet n - n - - smtpd
127.0.0.1:$smtp_null inet n - n - - smtpd -o smtpd_milters=inet:127.0.0.1:$null -o milter_default_action=tempfail
127.0.0.1:$smtp_milter inet n - n - - smtpd -o smtpd_milters=inet:127.0.0.1:$milter -o milter_default_action=tempfail
127.0.0.1:$smtp_null_delay inet n - n - - smtpd -o smtpd_milters=inet:127.0.0.1:$null_delay -o milter_default_action=tempfail
127.0.0.1:$smtp_unix inet n - n - - smtpd -o smtpd_milters=unix:$usock -o milter_default_action=tempfail
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
showq unix n - n - - showq
flush unix n - n 1000? 0 flush
pickup unix n - n 60 1 pickup
EOF
/usr/sbin/smtp-sink -u nobody "127.0.0.1:$sink" 256 &
pids+=($!)
postfix -c "$conf" check
postfix -c "$conf" start >/dev/null 2>&1 || { cat "$dir/postfix.log" >&2; exit 1; }
waitport "127.0.0.1:$smtp_plain" 30
waitport "127.0.0.1:$smtp_milter" 30
waitport "127.0.0.1:$smtp_null" 30
waitport "127.0.0.1:$smtp_unix" 30
master=$(tr -d ' ' <"$dir/queue/pid/master.pid")

# CPU clock ticks of the Postfix instance: master (itself and the children
# it reaped) and its live children.
postfix_ticks() {
	# (cat fails when a process ends between the glob and the read.)
	{ cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v m="$master" '
		$1 == m { t += $14 + $15 + $16 + $17; next }
		$4 == m { t += $14 + $15 }
		END { print t }'
}
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
queue_empty() { [ -z "$(find "$dir/queue/incoming" "$dir/queue/active" "$dir/queue/maildrop" "$dir/queue/deferred" -type f 2>/dev/null | head -1)" ]; }
wait_queue() {
	local t=$(($(date +%s) + 300))
	until queue_empty; do
		[ "$(date +%s)" -lt "$t" ] || { echo "the queue did not drain in 300 s" >&2; return 1; }
		sleep 0.1
	done
}
verdicts() { # result [metrics port] -> count so far
	curl -s "http://127.0.0.1:${2:-$metrics}/metrics" | awk -v r="$1" '$1 == "postage_verdicts_total{result=\"" r "\"}" { print $2; f = 1 } END { if (!f) print 0 }'
}

# run CASE PORT MILTER-PID FILES... : sends, prints "msg/s cpu-µs/msg
# postfix-µs milter-µs" (MILTER-PID 0: none)
run() {
	local case=$1 port=$2 mpid=$3
	shift 3
	local nflag=() to=b@example.test
	[ "$case" = work ] && nflag=(-N)
	wait_queue
	local p0 m0 t0 t1 p1 m1
	p0=$(postfix_ticks) m0=0
	[ "$mpid" = 0 ] || m0=$(proc_ticks "$mpid")
	t0=$(date +%s.%N)
	if ! printf '%s\n' "$@" | timeout 600 xargs -P 10 -I{} smtp-source -4 -s 2 -m $batch "${nflag[@]}" \
		-f a@example.org -t "$to" -F {} "127.0.0.1:$port"; then
		echo "$case to port $port: smtp-source failed" >&2
		tail -5 "$dir/postfix.log" >&2
		exit 1
	fi
	t1=$(date +%s.%N)
	wait_queue
	p1=$(postfix_ticks) m1=0
	[ "$mpid" = 0 ] || m1=$(proc_ticks "$mpid")
	awk -v n="$msgs" -v t0="$t0" -v t1="$t1" -v dp="$((p1 - p0))" -v dm="$((m1 - m0))" -v hz="$hz" 'BEGIN {
		printf "%.1f %.0f %.0f %.0f\n", n / (t1 - t0), (dp + dm) / hz / n * 1e6, dp / hz / n * 1e6, dm / hz / n * 1e6 }'
}

files() { # case round -> message files of one run
	case $1 in
	none) for ((j = 0; j < batches; j++)); do echo "$dir/none.eml"; done ;;
	stake) for ((j = 0; j < batches; j++)); do echo "$dir/stake.eml"; done ;;
	work) for ((j = 1; j <= batches; j++)); do echo "$dir/work$2/$j.eml"; done ;;
	esac
}

# measure CASE MODE ROUND: one run of CASE through MODE's listener, recorded
# in rate/cpu/pcpu/mcpu; a milter must give a verdict for every message.
measure() {
	local case=$1 mode=$2 r=$3 port pid mport="" mlog="" want=pass a b c d v0 v1
	[ "$case" = none ] && want=neutral
	case $mode in
	alone) port=$smtp_plain pid=0 ;;
	null) port=$smtp_null pid=$null_pid ;;
	milter) port=$smtp_milter pid=$milter_pid mport=$metrics mlog=$dir/milter.log ;;
	unix) port=$smtp_unix pid=$milter_unix_pid mport=$metrics_unix mlog=$dir/milter-unix.log ;;
	esac
	[ -z "$mport" ] || v0=$(verdicts "$want" "$mport")
	run "$case" "$port" "$pid" "${fs[@]}" >"$dir/res"
	read -r a b c d <"$dir/res"
	if [ -n "$mport" ]; then
		v1=$(verdicts "$want" "$mport")
		if [ "$((v1 - v0))" != "$msgs" ]; then
			echo "round $r $case: the $mode milter gave $((v1 - v0)) $want verdicts for $msgs messages" >&2
			tail -5 "$mlog" >&2
			exit 1
		fi
	fi
	rate[$case,$mode]+="$a " cpu[$case,$mode]+="$b " pcpu[$case,$mode]+="$c "
	[ "$mode" = alone ] || mcpu[$case,$mode]+="$d "
	last[$mode]=$a
}

echo "uptime before: $(uptime)" >&2
declare -A rate cpu pcpu mcpu last
modes=(alone null milter unix)
for ((r = 1; r <= rounds; r++)); do
	for case in none work stake; do
		mapfile -t fs < <(files "$case" "$r")
		# The order of the four runs turns by one each round: the machine
		# drifts over minutes (the first runs of a fresh instance are the
		# fastest), and a fixed order would charge the drift to the last.
		for ((k = 0; k < 4; k++)); do
			measure "$case" "${modes[$(((k + r - 1) % 4))]}" "$r"
		done
		echo "round $r $case: alone ${last[alone]} msg/s, null milter ${last[null]} msg/s, postage milter ${last[milter]} msg/s (unix socket ${last[unix]})" >&2
	done
done
# One SMTP session at a time: the latency each milter adds to a message
# (100 messages without postage per listener), which 20 concurrent
# sessions hide in part.
lat=""
for lp in alone:$smtp_plain null:$smtp_null null-delayed-ack:$smtp_null_delay postage:$smtp_milter postage-unix:$smtp_unix; do
	wait_queue
	t0=$(date +%s.%N)
	smtp-source -4 -s 1 -m 100 -f a@example.org -t b@example.test -F "$dir/none.eml" "127.0.0.1:${lp#*:}" ||
		{ echo "one-session run to ${lp%%:*} failed" >&2; exit 1; }
	t1=$(date +%s.%N)
	lat+="$(awk -v a="$t0" -v b="$t1" -v l="${lp%%:*}" 'BEGIN { printf "%s %.1f ms, ", l, (b - a) * 10 }')"
done
# Postfix sent the queue id (the milter asks for macro i only).
if grep 'msg=message' "$dir/milter.log" | grep -q 'queue_id= '; then
	echo "the milter logged messages without a queue id: Postfix did not send macro i" >&2
	exit 1
fi
if grep -q 'level=WARN\|level=ERROR' "$dir/milter.log"; then
	echo "the milter logged problems:" >&2
	grep 'level=WARN\|level=ERROR' "$dir/milter.log" | head -5 >&2
fi
echo "uptime after: $(uptime)" >&2

median() { tr ' ' '\n' | grep . | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "one session at a time, ms per message without postage: ${lat%, }"
printf 'Postfix 3 via smtp-source (20 sessions, %d messages per run, %d rounds alternating; medians, each run listed)\n' "$msgs" "$rounds"
printf '%-6s %-20s %9s %12s %12s %12s   %s\n' case mode msg/s cpu-µs/msg postfix-µs milter-µs "runs (msg/s)"
for case in none work stake; do
	for mode in alone null milter unix; do
		case $mode in alone) label=Postfix ;; null) label=Postfix+null ;; milter) label=Postfix+postage ;; unix) label=Postfix+postage-unix ;; esac
		printf '%-6s %-20s %9.0f %12.0f %12.0f %12s   %s\n' "$case" "$label" \
			"$(echo "${rate[$case,$mode]}" | median)" "$(echo "${cpu[$case,$mode]}" | median)" "$(echo "${pcpu[$case,$mode]}" | median)" \
			"$([ $mode != alone ] && printf '%.0f' "$(echo "${mcpu[$case,$mode]}" | median)" || echo -)" "${rate[$case,$mode]}"
	done
done
ratio() { awk -v a="$(echo "$1" | median)" -v b="$(echo "$2" | median)" 'BEGIN { printf "%.2f", a / b }'; }
for case in none work stake; do
	printf 'ratio %-5s  postage/alone %s   postage-unix/alone %s   null/alone %s   postage/null %s\n' "$case" \
		"$(ratio "${rate[$case,milter]}" "${rate[$case,alone]}")" "$(ratio "${rate[$case,unix]}" "${rate[$case,alone]}")" \
		"$(ratio "${rate[$case,null]}" "${rate[$case,alone]}")" "$(ratio "${rate[$case,milter]}" "${rate[$case,null]}")"
done
# Each round's own ratio for work-stamped mail (the runs were seconds apart).
mapfile -t wa < <(echo "${rate[work,alone]}" | tr ' ' '\n' | grep .)
mapfile -t wm < <(echo "${rate[work,milter]}" | tr ' ' '\n' | grep .)
wr=$(for ((i = 0; i < ${#wa[@]}; i++)); do awk -v a="${wm[$i]}" -v b="${wa[$i]}" 'BEGIN { printf "%.2f ", a / b }'; done)
cpumsg() { printf '%.0f' "$(echo "${cpu[$1,$2]}" | median)"; }
printf 'SUMMARY postfix.sh: Postfix+postage/Postfix msg/s, work stamp %s (rounds %s; unix socket %s; target 0.9), stake stamp %s, no postage %s; CPU µs/msg alone/with postage: work %s/%s, stake %s/%s, none %s/%s; load %s\n' \
	"$(ratio "${rate[work,milter]}" "${rate[work,alone]}")" "${wr% }" "$(ratio "${rate[work,unix]}" "${rate[work,alone]}")" "$(ratio "${rate[stake,milter]}" "${rate[stake,alone]}")" \
	"$(ratio "${rate[none,milter]}" "${rate[none,alone]}")" "$(cpumsg work alone)" "$(cpumsg work milter)" \
	"$(cpumsg stake alone)" "$(cpumsg stake milter)" "$(cpumsg none alone)" "$(cpumsg none milter)" "$(cut -d' ' -f1-3 /proc/loadavg)"
