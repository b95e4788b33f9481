#!/usr/bin/env bash
# What `postage submit` costs next to direct submission, measured with
# Postfix's own load tools in one run:
#
#   bench/submit.sh [rounds] [messages]     (default 3 rounds of 300)
#
# Postfix's smtp-sink on loopback is the upstream. smtp-source sends the
# same 3 KB message, 3 recipients per message (smtp-source -r 3), either
# straight to smtp-sink ("direct") or to `postage submit --filter`, which
# stamps every message (one copy per recipient) and delivers each copy to
# smtp-sink ("through"); the two alternate in each round. The --filter door
# takes mail without a login: smtp-sink answers AUTH with 250, not 235, so
# no client (postage's included) can log in to it. The proxy door runs the
# same pipeline after a login (one upstream AUTH per session and the
# envelope check, MAIL/RCPT/RSET, per message).
#
#   work    postage submit --filter --no-stake: a 20-bit work stamp
#           (send.bits, the default) for each recipient
#   stake   the same with stake stamps: postage serve runs the embedded
#           chain and batches the deposits of every message within
#           send.batch_wait (2 s, the default) into one, which postage
#           submit hands its messages to
#
# Throughput: 20 concurrent sessions (smtp-source -s 20), `messages`
# messages. "accepted" is the rate at which postage answered 250 (every
# copy durable in its queue); "delivered" is the rate until the last copy
# reached smtp-sink. Latency: one session, one message after another
# (smtp-source -s 1): the wall time per message, direct and through; the
# difference is what postage adds per message.
#
# Needs postfix (smtp-source, smtp-sink), go, python3.
set -euo pipefail
trap 'echo "bench/submit.sh: failed at line $LINENO" >&2' ERR
rounds=${1:-3}
msgs=${2:-300}
load0=$(cut -d' ' -f1-3 /proc/loadavg)
cd "$(dirname "$0")/.."
for b in smtp-source smtp-sink python3; do
	command -v "$b" >/dev/null || [ -x "/usr/sbin/$b" ] || { echo "$b is not installed: apt-get install postfix python3 (.ci/setup does)" >&2; exit 1; }
done
PATH=$PATH:/usr/sbin

dir=$(mktemp -d /tmp/postage-bench-submit.XXXXXX)
chmod 755 "$dir"
pids=()
cleanup() {
	set +e
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	rm -rf "$dir"
}
trap cleanup EXIT

bin=$dir/postage
go build -o "$bin" ./cmd/postage
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sink=$(port) chainp=$(port) serve_milter=$(port) relayp=$(port) fwork=$(port) fstake=$(port)
waitport() { # host:port seconds
	local t=$(($(date +%s) + $2))
	until (exec 3<>"/dev/tcp/${1%:*}/${1#*:}") 2>/dev/null; do
		[ "$(date +%s)" -lt "$t" ] || { echo "nothing listens on $1 after $2 s" >&2; return 1; }
		sleep 0.2
	done
}

user=()
[ "$(id -u)" = 0 ] && user=(-u nobody)
smtp-sink "${user[@]}" "127.0.0.1:$sink" 256 &
pids+=($!)
waitport "127.0.0.1:$sink" 10

# --- stake: postage serve (embedded chain, deposit batcher) ---
shome=$dir/stake
mkdir -p "$shome"
cat >"$shome/postage.toml" <<EOF
[milter]
listen = "inet:127.0.0.1:$serve_milter"
[metrics]
listen = ""
[relay]
listen = "127.0.0.1:$relayp"
[send]
stake = true
tickets = false
[submit]
filter_listen = "127.0.0.1:$fstake"
filter_reinject = "127.0.0.1:$sink"
EOF
POSTAGE_HOME=$shome "$bin" serve --no-relay --chain-addr "127.0.0.1:$chainp" >"$dir/serve.log" 2>&1 &
pids+=($!)
waitport "127.0.0.1:$serve_milter" 180 || { cat "$dir/serve.log" >&2; exit 1; }
for _ in $(seq 1 100); do [ -S "$shome/send.sock" ] && break; sleep 0.2; done
[ -S "$shome/send.sock" ] || { echo "postage serve opened no batch socket" >&2; cat "$dir/serve.log" >&2; exit 1; }
POSTAGE_HOME=$shome "$bin" submit --filter >"$dir/submit-stake.log" 2>&1 &
pids+=($!)
waitport "127.0.0.1:$fstake" 60 || { cat "$dir/submit-stake.log" >&2; exit 1; }

# --- work only ---
whome=$dir/work
mkdir -p "$whome"
cat >"$whome/postage.toml" <<EOF
[metrics]
listen = ""
[submit]
filter_listen = "127.0.0.1:$fwork"
filter_reinject = "127.0.0.1:$sink"
EOF
POSTAGE_HOME=$whome "$bin" submit --filter --no-stake >"$dir/submit-work.log" 2>&1 &
pids+=($!)
waitport "127.0.0.1:$fwork" 60 || { cat "$dir/submit-work.log" >&2; exit 1; }

# --- the message ---
msg=$dir/msg.eml
{
	printf 'From: Sender <a@example.org>\nTo: Team <team@example.test>\nSubject: benchmark\nMessage-ID: <bench@example.org>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n'
	for i in $(seq 1 36); do printf 'Line %02d of the body of a benchmark message, long enough to fill it to 3 KB.\n' "$i"; done
} >"$msg"

now() { date +%s.%N; }
# spool_empty HOME: wait (bounded) until postage's queue has delivered everything.
spool_empty() {
	local t=$(($(date +%s) + 600))
	while [ -n "$(ls -A "$1/submit-filter/spool" 2>/dev/null)" ]; do
		[ "$(date +%s)" -lt "$t" ] || { echo "postage's queue in $1 did not empty in 600 s" >&2; exit 1; }
		sleep 0.05
	done
}
# send TARGET SESSIONS MESSAGES: smtp-source's wall time, in seconds.
send() {
	local t0 t1
	t0=$(now)
	timeout 900 smtp-source -s "$2" -m "$3" -r 3 -F "$msg" -f a@example.org -t b@example.test "127.0.0.1:$1"
	t1=$(now)
	python3 -c "print($t1 - $t0)"
}
delivered() { # HOME t0: seconds from t0 until the queue is empty
	spool_empty "$1"
	python3 -c "print($(now) - $2)"
}
fail_count() { grep -c 'msg="message not accepted' "$1" || true; }

declare -A best
record() { # key value (keeps the best rate / lowest latency per key)
	local k=$1 v=$2
	if [ -z "${best[$k]:-}" ]; then best[$k]=$v; return; fi
	case $k in
	lat_*) best[$k]=$(python3 -c "print(min($v, ${best[$k]}))") ;;
	*) best[$k]=$(python3 -c "print(max($v, ${best[$k]}))") ;;
	esac
}

lat_msgs=40 lat_stake=4
for r in $(seq 1 "$rounds"); do
	for mode in work stake; do
		port_var=fwork home=$whome n=$msgs ln=$lat_msgs
		[ $mode = stake ] && port_var=fstake home=$shome ln=$lat_stake
		p=${!port_var}
		# throughput: direct, then through postage
		d=$(send "$sink" 20 "$n")
		record "rate_direct_$mode" "$(python3 -c "print($n / $d)")"
		t0=$(now)
		a=$(send "$p" 20 "$n")
		e=$(delivered "$home" "$t0")
		record "rate_accepted_$mode" "$(python3 -c "print($n / $a)")"
		record "rate_delivered_$mode" "$(python3 -c "print($n / $e)")"
		# latency: one session
		d=$(send "$sink" 1 "$ln")
		record "lat_direct_$mode" "$(python3 -c "print($d / $ln * 1000)")"
		a=$(send "$p" 1 "$ln")
		spool_empty "$home"
		record "lat_through_$mode" "$(python3 -c "print($a / $ln * 1000)")"
		echo "round $r $mode: direct ${best[rate_direct_$mode]} msg/s, accepted ${best[rate_accepted_$mode]} msg/s, delivered ${best[rate_delivered_$mode]} msg/s (best so far)" >&2
	done
done
for f in "$dir/submit-work.log" "$dir/submit-stake.log"; do
	n=$(fail_count "$f")
	[ "$n" = 0 ] || { echo "postage submit refused $n messages ($f):" >&2; grep 'not accepted' "$f" | head >&2; exit 1; }
done
deposits=$(grep -o 'msg="deposit 0x[0-9a-f]*' "$dir/submit-stake.log" | sort -u | wc -l)
stake_msgs=$(grep -c 'msg=queued' "$dir/submit-stake.log" || true)
copies_w=$(grep -c 'msg=delivered' "$dir/submit-work.log" || true)
copies_s=$(grep -c 'msg=delivered' "$dir/submit-stake.log" || true)

printf '\n`bench/submit.sh %s %s` (%s), load average before: %s\n\n' "$rounds" "$msgs" "$(date -u +%Y-%m-%dT%H:%MZ)" "$load0"
echo "| mail | direct msg/s | through: accepted msg/s | through: delivered msg/s | direct ms/msg | through ms/msg | added ms/msg |"
echo "|---|--:|--:|--:|--:|--:|--:|"
for mode in work stake; do
	python3 - "$mode" "${best[rate_direct_$mode]}" "${best[rate_accepted_$mode]}" "${best[rate_delivered_$mode]}" "${best[lat_direct_$mode]}" "${best[lat_through_$mode]}" <<'EOF'
import sys
m, rd, ra, re, ld, lt = sys.argv[1], *map(float, sys.argv[2:])
name = {"work": "work only (20-bit stamps, 3 recipients)", "stake": "stake, batched (3 recipients)"}[m]
print(f"| {name} | {rd:.0f} | {ra:.1f} | {re:.1f} | {ld:.1f} | {lt:.1f} | {lt-ld:.1f} |")
EOF
done
printf '\ncopies delivered to smtp-sink: %s (work), %s (stake); stake: %s messages in %s deposits; load average after: %s\n' "$copies_w" "$copies_s" "$stake_msgs" "$deposits" "$(cut -d' ' -f1-3 /proc/loadavg)"
