#!/usr/bin/env bats
# Connection flood: 2,000 connections opened (NEGOTIATE done) and held,
# 1,000 half-done logins held (NTLMSSP challenge received, never
# answered), 200 connections reset in the middle of a request.  During and
# after: a fresh client is served; afterwards /sys/fs/cifsd/stats returns to
# idle within a bounded time and the kernel's slab memory (kmalloc caches)
# is back where it was, within a tolerance.  Clients run in the guest
# (127.0.0.1), from one python process with poll() for the held ones.
# Time budget: about 2 minutes on 2 cores under TCG.
#
# Environment: FLOOD_CONNS (2000), FLOOD_HALF (1000), FLOOD_RESETS (200),
#   FLOOD_IDLE_SECS (90: how long the counters may take to return to idle),
#   FLOOD_SLAB_TOL_KIB (2048: allowed growth of all kmalloc caches together),
#   FLOOD_SLAB_TOL_OBJS (1000: allowed growth of one kmalloc cache, objects).
load helpers
load sec_helpers

PORT=$(suite_port 4456)
: "${FLOOD_CONNS:=2000}" "${FLOOD_HALF:=1000}" "${FLOOD_RESETS:=200}"
: "${FLOOD_IDLE_SECS:=90}" "${FLOOD_SLAB_TOL_KIB:=2048}" "${FLOOD_SLAB_TOL_OBJS:=1000}"
SUITE=flood
# limits above the flood (the defaults would refuse most of it); the
# handshake timeout is longer than the holds
SUITE_GLOBAL="max connections = 4096
max connections per ip = 4096
handshake timeout = 300"

setup_file() { LAB_SMB_GLOBAL="$SUITE_GLOBAL" lab_up "$SUITE" "$PORT"; }
teardown_file() {
	guest 'touch /tmp/flood-stop' >/dev/null 2>&1
	lab_cleanup
}
setup() {
	[ "$BATS_TEST_NUMBER" = 1 ] && return 0
	require_lab
}
teardown() { dmesg_teardown; }

# slab_snapshot FILE: "name active_objs objsize" of every slab cache,
# after dropping the page/dentry/inode caches
slab_snapshot() {
	guest 'sync; echo 3 >/proc/sys/vm/drop_caches; sleep 1
		awk "NR > 2 { print \$1, \$2, \$4 }" /proc/slabinfo' >"$1" ||
		fail "cannot read /proc/slabinfo"
	guest 'grep -E "^(Slab|SUnreclaim):" /proc/meminfo' >"$1.meminfo"
	[ -s "$1" ] || fail "no kmalloc caches in /proc/slabinfo"
}

# gflood NAME ARGS...: secprobe.py in the guest, in the background
gflood() {
	local name=$1; shift
	bg_guest "$name" "$PY $SECPROBE -p 445 -U $USER_NAME%$USER_PASS --max-fds 16384 $*"
}

# wait_ready NAME SECONDS: until the background prober has all at its stage
wait_ready() {
	local i
	for ((i = 0; i < $2; i++)); do
		guest "grep -q '^ready' /tmp/$1.out" && { guest "grep '^ready' /tmp/$1.out"; return 0; }
		guest "test -e /tmp/$1.rc" && break
		sleep 1
	done
	guest "cat /tmp/$1.out"
	fail "$1: connections not set up within $2 s"
}

@test "server starts in the lab" {
	lab_booted
	run guest 'cat /sys/fs/cifsd/limits 2>&1; ulimit -n; cat /proc/sys/net/ipv4/ip_local_port_range'
	echo "$output"
}

@test "baseline: warm-up, idle counters and slab usage recorded" {
	fresh_client_served
	run gprobe cycles 200 2
	echo "$output"
	assert_success
	sleep 2
	slab_snapshot "$BATS_FILE_TMPDIR/slab.before"
	echo "before: $(tr '\n' ' ' <"$BATS_FILE_TMPDIR/slab.before.meminfo")"
	if is_cifsd; then
		show_stats
		srv_stat connections_now >"$BATS_FILE_TMPDIR/conns.before"
	fi
}

@test "$FLOOD_CONNS connections opened and held: counted, a fresh client is served meanwhile" {
	local t0=$SECONDS
	guest 'rm -f /tmp/flood-stop'
	gflood hold "--until /tmp/flood-stop hold $FLOOD_CONNS negotiate 600"
	wait_ready hold 240
	note "$FLOOD_CONNS connections held after $((SECONDS - t0)) s"
	fresh_client_served
	if is_cifsd; then
		note "while held: $(show_stats)"
		[ "$(srv_stat connections_now)" -ge "$FLOOD_CONNS" ] || fail "connections_now below $FLOOD_CONNS while they are held"
	fi
	guest 'touch /tmp/flood-stop'
	run wait_bg_guest hold 120
	echo "$output"
	assert_success
	assert_output --partial "opened=$FLOOD_CONNS closed=0"
	echo "phase took $((SECONDS - t0)) s"
}

@test "$FLOOD_HALF half-done logins held: a fresh client is served meanwhile" {
	local t0=$SECONDS
	guest 'rm -f /tmp/flood-stop'
	gflood half "--until /tmp/flood-stop hold $FLOOD_HALF half 600"
	wait_ready half 300
	note "$FLOOD_HALF half-done logins held after $((SECONDS - t0)) s"
	fresh_client_served
	if is_cifsd; then note "while held: $(show_stats)"; fi
	guest 'touch /tmp/flood-stop'
	run wait_bg_guest half 120
	echo "$output"
	assert_success
	assert_output --partial "opened=$FLOOD_HALF closed=0"
	echo "phase took $((SECONDS - t0)) s"
}

@test "$FLOOD_RESETS connections reset in the middle of a request" {
	local t0=$SECONDS
	run guest "dd if=/dev/zero of=/srv/share/reset.dat bs=1M count=1 2>/dev/null && chmod 666 /srv/share/reset.dat"
	assert_success
	run gprobe -f reset.dat reset "$FLOOD_RESETS"
	echo "$output"
	assert_success
	if [ -x "$SMBC_TOOL" ]; then
		run smbc reset-mid 50
		echo "smbc-tool reset-mid from the host: $output"
		assert_success
	else
		fail "smbc-tool not built at $SMBC_TOOL"
	fi
	fresh_client_served
	echo "phase took $((SECONDS - t0)) s"
}

@test "afterwards: counters back to idle within ${FLOOD_IDLE_SECS} s, a fresh client served" {
	cifsd_only "/sys/fs/cifsd/stats"
	local t0=$SECONDS
	wait_stat connections_now -le "$(cat "$BATS_FILE_TMPDIR/conns.before")" "$FLOOD_IDLE_SECS"
	wait_stat sessions_now -eq 0 30
	wait_stat requests_in_flight -eq 0 30
	wait_stat conn_memory_bytes -le 65536 30
	note "idle after $((SECONDS - t0)) s: $(show_stats)"
	fresh_client_served
}

@test "afterwards: no slab memory left behind (kmalloc caches within tolerance)" {
	local b=$BATS_FILE_TMPDIR/slab.before a=$BATS_FILE_TMPDIR/slab.after
	[ -s "$b" ] || fail "no baseline snapshot (see the baseline test)"
	sleep 5
	slab_snapshot "$a"
	note "meminfo before: $(tr '\n' ' ' <"$b.meminfo" | tr -s ' ')"
	note "meminfo after:  $(tr '\n' ' ' <"$a.meminfo" | tr -s ' ')"
	# kmalloc caches (where cifsd allocates): their growth in bytes, all
	# together, and in objects, each; every other cache: in objects, but
	# TIME_WAIT sockets and the port buckets they hold, and half-open
	# sockets, which expire on their own (60 s)
	run awk -v tolk="$FLOOD_SLAB_TOL_KIB" -v tolo="$FLOOD_SLAB_TOL_OBJS" '
		FNR == NR { n[$1] = $2; next }
		{ d = $2 - n[$1]; all += d * $3
		  if ($1 ~ /^kmalloc-/) total += d * $3
		  if (d >= 10 || d <= -10 || ($1 ~ /^kmalloc-/ && d != 0))
			printf "%-24s %+7d objects %+9.1f KiB\n", $1, d, d * $3 / 1024
		  if (d > tolo && $1 !~ /^(tw_sock|request_sock|tcp_bind)/) { bad = 1; printf "  ^ %s grew by more than %d objects\n", $1, tolo } }
		END { printf "kmalloc caches in all: %+.1f KiB (tolerance %d KiB); all caches: %+.1f KiB\n", total / 1024, tolk, all / 1024
		      if (total / 1024 > tolk) bad = 1; exit bad }' "$b" "$a"
	echo "$output"
	printf '%s\n' "$output" | while IFS= read -r l; do note "$l"; done
	assert_success
}

@test "server teardown is clean (checked dmesg)" {
	lab_down_checked_sec
}
