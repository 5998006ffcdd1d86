# Helpers for the hardening suites (security.bats, flood.bats, fuzz-net.bats):
# crafted clients, the server's counters, "a fresh client is served" and
# server restarts with another configuration.  Load after helpers.bash.

PY=/usr/bin/python3	# python3-impacket is a Debian package
SECPROBE=$BATS_TEST_DIRNAME/secprobe.py
SMBC_TOOL=${SMBC_TOOL:-$CIFSD_BUILD/tests/client/smbc-tool}
NETFUZZ=${NETFUZZ:-$CIFSD_BUILD/tests/netfuzz/netfuzz}

# note TEXT: a line shown in the TAP output (and tests/run's logs) even
# when the test passes: durations and figures for the record
note() { echo "# $*" >&3; }

is_cifsd() { [ "${CIFSD_TEST_SERVER:-cifsd}" = cifsd ]; }

# cifsd_only REASON: the rest of the test checks cifsd's own settings or
# counters; against the reference server it is skipped, visibly.
cifsd_only() { is_cifsd || skip "cifsd-specific: $1 (CIFSD_TEST_SERVER=${CIFSD_TEST_SERVER})"; }

need_smbc_tool() {
	[ -x "$SMBC_TOOL" ] || fail "smbc-tool not built at $SMBC_TOOL (tests/client, ninja -C build)"
}

# smbc ARGS...: smbc-tool from the host (client address 10.0.2.2 in the guest)
smbc() {
	need_smbc_tool
	timeout "${SMBC_TIMEOUT:-300}" "$SMBC_TOOL" -p "$PORT" -U "$USER_NAME%$USER_PASS" -s share "$@"
}

# gsmbc ARGS...: smbc-tool inside the guest (client address 127.0.0.1)
gsmbc() {
	need_smbc_tool
	guest "cd /tmp && timeout ${SMBC_TIMEOUT:-300} $SMBC_TOOL -p 445 -U $USER_NAME%$USER_PASS -s share $*"
}

# probe ARGS...: secprobe.py from the host; gprobe: inside the guest
probe() { "$PY" "$SECPROBE" -p "$PORT" -U "$USER_NAME%$USER_PASS" "$@"; }
gprobe() { guest "$PY $SECPROBE -p 445 -U $USER_NAME%$USER_PASS $*"; }

# A fresh client (smbclient from the host) lists the share, writes and reads
# a file, all within 10 s.
fresh_client_served() {
	local t0 t1 f=fresh-$$-$RANDOM.txt
	t0=$(date +%s.%N)
	echo "fresh client data" >"$BATS_TEST_TMPDIR/$f"
	run timeout 10 smbclient //127.0.0.1/share -p "$PORT" -U "$USER_NAME%$USER_PASS" \
		-c "put $BATS_TEST_TMPDIR/$f $f; get $f $BATS_TEST_TMPDIR/$f.back; del $f; ls"
	t1=$(date +%s.%N)
	echo "fresh client (smbclient from the host): exit $status after $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
	[ "$status" = 0 ] || { echo "$output"; fail "a fresh client is not served within 10 s"; }
	cmp -s "$BATS_TEST_TMPDIR/$f" "$BATS_TEST_TMPDIR/$f.back" || fail "fresh client read back other data"
}

# The guest kernel log is clean now (the same check as `lab stop`), looking
# only at the lines logged since the previous call, so that a report is
# blamed on the test that caused it (the checked teardown sees them all).
dmesg_clean_now() {
	local f=$BATS_TEST_TMPDIR/dmesg-now.txt pos=$BATS_FILE_TMPDIR/dmesg.pos from=0 n
	guest dmesg >"$f" || fail "cannot read the guest dmesg"
	[ -s "$pos" ] && from=$(cat "$pos")
	n=$(wc -l <"$f")
	[ "$n" -lt "$from" ] && from=0	# ring buffer wrapped or guest rebooted
	echo "$n" >"$pos"
	tail -n +"$((from + 1))" "$f" >"$f.new"
	run "$LAB" check-dmesg "$f.new"
	[ "$status" = 0 ] || { echo "guest kernel log since the previous check:"; echo "$output" | head -n 60; fail "guest kernel log has errors (above)"; }
}

# teardown of every test but the checked teardown: the guest is alive and
# the kernel log this test produced is clean
dmesg_teardown() {
	note "test $BATS_TEST_NUMBER took ${SECONDS}s"
	[[ $BATS_TEST_DESCRIPTION == "server teardown is clean"* ]] && return 0
	[ "$BATS_TEST_NUMBER" = 1 ] && return 0
	if ! "$LAB" status --name "$LAB_NAME" >/dev/null 2>&1; then
		guest_died_report
		fail "the guest died during this test (console above)"
	fi
	dmesg_clean_now
}

# What the console of a dead guest says (its kernel errors, last lines).
guest_died_report() {
	local c=$REPO/build/lab-run/$LAB_NAME/console.log
	[ -n "${LAB_RUN_DIR:-}" ] && c=$LAB_RUN_DIR/$LAB_NAME/console.log
	echo "guest console, kernel errors:"
	"$LAB" check-dmesg "$c" | head -n 40
	echo "guest console, last lines:"
	tail -n 15 "$c" 2>/dev/null
}

# srv_stat NAME: a counter of /sys/fs/cifsd/stats (fails if there is none)
srv_stat() {
	local v
	v=$(guest "awk '\$1 == \"$1\" { print \$2 }' /sys/fs/cifsd/stats") ||
		{ fail "cannot read /sys/fs/cifsd/stats"; return 1; }
	[ -n "$v" ] || { fail "/sys/fs/cifsd/stats has no '$1' line: $(guest cat /sys/fs/cifsd/stats | tr '\n' ' ')"; return 1; }
	echo "$v"
}

# limit NAME: a value of /sys/fs/cifsd/limits
limit() {
	local v
	v=$(guest "awk '\$1 == \"$1\" { print \$2 }' /sys/fs/cifsd/limits 2>/dev/null")
	[ -n "$v" ] || { fail "/sys/fs/cifsd/limits has no '$1' line"; return 1; }
	echo "$v"
}

show_stats() { guest 'cat /sys/fs/cifsd/stats 2>/dev/null' | tr '\n' ' '; echo; }

# wait_stat NAME OP VALUE SECONDS: until the counter compares (OP: -eq -le -ge ...)
wait_stat() {
	local name=$1 op=$2 want=$3 secs=$4 v i
	for ((i = 0; i <= secs; i++)); do
		v=$(srv_stat "$name") || return 1
		# shellcheck disable=SC2086
		[ "$v" $op "$want" ] && { echo "$name $v after ${i}s"; return 0; }
		sleep 1
	done
	fail "$name is $v, not $op $want, after ${secs}s"
}

# Keeping the tests of a suite independent: a server wedged by one test
# (it no longer answers, or cannot be stopped) is replaced by a fresh guest
# before the next test, and the event is written to the suite's problem
# list, which its checked teardown (lab_down_checked_sec) reports as a
# failure.  Suites set SUITE (the lab_up name) and SUITE_GLOBAL.
note_problem() { echo "$*" >>"$BATS_FILE_TMPDIR/problems"; echo "PROBLEM: $*"; }

# reboot_guest [GLOBAL [EXTRA]]: kill the guest, boot a fresh one
reboot_guest() {
	echo "rebooting the guest"
	if [ "${1-$SUITE_GLOBAL}" = "$SUITE_GLOBAL" ] && [ -z "${2:-}" ]; then
		rm -f "$BATS_FILE_TMPDIR/custom-config"
	fi
	"$LAB" kill --name "$LAB_NAME"
	rm -f "$BATS_FILE_TMPDIR/dmesg.pos"
	LAB_SMB_GLOBAL=${1-$SUITE_GLOBAL} LAB_SMB_EXTRA=${2:-} lab_up "$SUITE" "$LAB_PORT"
	[ "$(cat "$BATS_FILE_TMPDIR/lab-start.rc")" = 0 ] ||
		{ cat "$BATS_FILE_TMPDIR/lab-start.log"; fail "guest reboot failed"; }
}

# setup of every test but the first: the server answers a NEGOTIATE within
# 15 s, else the guest is rebooted (and the problem noted)
ensure_serving() {
	local out
	if ! "$LAB" status --name "$LAB_NAME" >/dev/null 2>&1; then
		note_problem "before test $BATS_TEST_NUMBER ($BATS_TEST_DESCRIPTION): the guest had died; rebooted"
		reboot_guest
		return 0
	fi
	# a kernel that oopsed or reported bad memory (taint flags other
	# than O and E) cannot be trusted with the next test
	out=$(GUEST_TIMEOUT=30 guest 'cat /proc/sys/kernel/tainted' 2>&1)
	if [ -n "$out" ] && [ "$out" -eq "$out" ] 2>/dev/null && [ $((out & ~(4096 | 8192))) != 0 ]; then
		note_problem "before test $BATS_TEST_NUMBER ($BATS_TEST_DESCRIPTION): guest kernel tainted ($out) by an earlier test; guest rebooted"
		reboot_guest
		return 0
	fi
	# a test that restarted the server with a configuration of its own
	# (it may have failed before restoring it): back to the suite's
	if [ -e "$BATS_FILE_TMPDIR/custom-config" ]; then
		echo "restoring the suite's server configuration"
		restart_server "$SUITE_GLOBAL"
	fi
	out=$(timeout 20 "$PY" "$SECPROBE" -p "$PORT" served 2>&1) && return 0
	note_problem "before test $BATS_TEST_NUMBER ($BATS_TEST_DESCRIPTION): server not answering ($out); guest rebooted"
	GUEST_TIMEOUT=30 dmesg_clean_now || true
	reboot_guest
}

# The suite's last test: no problem was noted, then the checked teardown.
lab_down_checked_sec() {
	if [ -s "$BATS_FILE_TMPDIR/problems" ]; then
		echo "problems noted during the suite:"; cat "$BATS_FILE_TMPDIR/problems"
		lab_down_checked || true
		fail "problems during the suite (above)"
	fi
	lab_down_checked
}

# restart_server GLOBAL [EXTRA]: standard teardown (which must succeed,
# rmmod included, within 90 s), then the standard setup with these extra
# [global] lines and extra configuration text (more shares).  A failed
# teardown is noted as a problem and the guest rebooted with the new
# configuration instead.
restart_server() {
	# the configuration travels inside the command (base64): files the
	# host writes after boot may be stale in the guest (9p, cache=loose)
	local g e
	g=$(printf '%s' "$1" | base64 -w0)
	e=$(printf '%s' "${2:-}" | base64 -w0)
	if [ "$1" = "$SUITE_GLOBAL" ] && [ -z "${2:-}" ]; then
		rm -f "$BATS_FILE_TMPDIR/custom-config"
	else
		touch "$BATS_FILE_TMPDIR/custom-config"
	fi
	run env GUEST_TIMEOUT=90 "$LAB" exec --name "$LAB_NAME" --timeout 90 -- "sh $GUEST_TEARDOWN"
	echo "$output"
	if [ "$status" != 0 ]; then
		note_problem "test $BATS_TEST_NUMBER: server teardown (cifsctl stop, rmmod) failed with exit $status: $(echo "$output" | grep -m3 -iE 'fail|did not' | tr '\n' ' ')"
		GUEST_TIMEOUT=30 dmesg_clean_now || true
		reboot_guest "$1" "${2:-}"
		return 0
	fi
	run guest "LAB_SMB_GLOBAL=\"\$(echo '$g' | base64 -d)\" LAB_SMB_EXTRA=\"\$(echo '$e' | base64 -d)\" sh $GUEST_SETUP"
	echo "$output"
	[ "$status" = 0 ] || fail "server restart failed"
}

# bg_guest NAME CMD: run CMD in the guest in the background; its output goes
# to /tmp/NAME.out and its exit status to /tmp/NAME.rc
bg_guest() {
	guest "rm -f /tmp/$1.rc; (cd /tmp; $2 >/tmp/$1.out 2>&1; echo \$? >/tmp/$1.rc.tmp; mv /tmp/$1.rc.tmp /tmp/$1.rc) </dev/null >/dev/null 2>&1 &"
}

# wait_bg_guest NAME SECONDS: wait for it, print its output, return its status
wait_bg_guest() {
	local i rc
	for ((i = 0; i < $2 * 2; i++)); do
		if rc=$(guest "cat /tmp/$1.rc 2>/dev/null") && [ -n "$rc" ]; then
			guest "cat /tmp/$1.out"
			return "$rc"
		fi
		sleep 0.5
	done
	guest "cat /tmp/$1.out"
	echo "$1: still running after $2 s"
	return 124
}

# kv KEY TEXT: the value of KEY=value in a summary line of secprobe.py
kv() { printf '%s\n' "$2" | grep -oE "(^| )$1=[^ ]+" | tail -n1 | cut -d= -f2; }
