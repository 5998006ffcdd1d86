#!/usr/bin/env bats
# The open-state configuration in the lab: what smb.conf says is what
# clients get and what /sys/fs/cifsd and cifsctl status show.
#   - [global] oplock break timeout, max locks per open, max async requests
#     per connection and smb2 leases reach /sys/fs/cifsd/limits, at start
#     and on cifsctl reload;
#   - a share with oplocks = no grants neither oplock nor lease (impacket
#     asks for batch and for an RWH lease: oplock_probe.py), while [share]
#     grants both (so the probe can see a grant at all);
#   - a cifs.ko mount (3.1.1, cache=strict) holding a file open shows its
#     lease (key, RHW) in cifsctl status opens;
#   - a client that does not acknowledge a break: the open shows
#     "batch breaking", the waiting open goes on after oplock break timeout
#     and breaks_timed_out counts it;
#   - durable handles = no: cifs.ko's open there is not durable; a client
#     that vanishes holding a durable handle: listed with session 0, no
#     user or client, and its seconds left;
#   - smb2 leases = no on reload: no lease for new opens, no leasing
#     capability for new connections, oplocks still granted;
#   - share set oplocks=yes + reload applies to new tree connects; a bad
#     value makes reload fail with one line and changes nothing.
# About 3.5 min under TCG with the memory debugging.
#
# CIFSD_TEST_SERVER=samba runs the client-side checks against smbd; the
# checks of cifsctl, /sys/fs/cifsd and cifsd's own keys are skipped there.
load helpers

PORT=$(suite_port 4463)
PROBE=$BATS_TEST_DIRNAME/oplock_probe.py
PY=/usr/bin/python3	# python3-impacket is a Debian package
RUN=/run/cifsd
MNT=/mnt/openstate
BREAK_TIMEOUT=4

setup_file() {
	export LAB_SMB_GLOBAL="oplock break timeout = $BREAK_TIMEOUT
max locks per open = 1000
max async requests per connection = 300
max disconnected durable handles = 500"
	export LAB_SMB_EXTRA="[nooplocks]
	path = /srv/share
	writeable = yes
	oplocks = no
[nodurable]
	path = /srv/share
	writeable = yes
	durable handles = no"
	lab_up openstate "$PORT"
}

teardown_file() {
	stop_holder
	lab_cleanup
}

setup() {
	[ "$BATS_TEST_NUMBER" = 1 ] || require_lab
}

is_cifsd() { [ "${CIFSD_TEST_SERVER:-cifsd}" != samba ]; }
cifsd_only() { is_cifsd || skip "checks cifsd's own settings (CIFSD_TEST_SERVER=samba)"; }

need_impacket() {
	"$PY" -c 'import impacket' 2>/dev/null || fail "python3-impacket not installed (the CI installs it: see .ci/run)"
}

# probe SHARE FILE REQUEST [DIALECT]: one CREATE asking for REQUEST (none,
# II, exclusive, batch, lease); prints what was granted
probe() {
	run "$PY" "$PROBE" "$PORT" "$USER_NAME" "$USER_PASS" "$@"
	echo "probe $*: $output"
	[ "$status" = 0 ] || fail "oplock_probe.py $* failed"
}

# hold SHARE FILE REQUEST: a probe that keeps FILE open and never
# acknowledges a break, until stop_holder (stdin is a FIFO kept open by a
# background sleep: bats runs each test in its own process)
hold() {
	local fifo=$BATS_FILE_TMPDIR/hold.fifo out=$BATS_FILE_TMPDIR/hold.out
	rm -f "$fifo" "$out"
	mkfifo "$fifo"
	"$PY" "$PROBE" --hold "$PORT" "$USER_NAME" "$USER_PASS" "$@" <"$fifo" >"$out" 2>&1 3>&- &
	echo $! >"$BATS_FILE_TMPDIR/hold.pid"
	sleep 100000 >"$fifo" 3>&- &
	echo $! >"$BATS_FILE_TMPDIR/hold.writer"
	for _ in $(seq 1 300); do
		grep -q oplock= "$out" && { cat "$out"; return 0; }
		kill -0 "$(cat "$BATS_FILE_TMPDIR/hold.pid")" 2>/dev/null || break
		sleep 0.1
	done
	cat "$out"
	fail "oplock_probe.py --hold did not get its open"
}

stop_holder() {
	local pid
	[ -f "$BATS_FILE_TMPDIR/hold.pid" ] || return 0
	pid=$(cat "$BATS_FILE_TMPDIR/hold.pid")
	kill "$(cat "$BATS_FILE_TMPDIR/hold.writer")" 2>/dev/null || true
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill "$pid" 2>/dev/null || true
	rm -f "$BATS_FILE_TMPDIR/hold.pid" "$BATS_FILE_TMPDIR/hold.writer"
}

# status_json [SECTION]: cifsctl status --json in the guest, kept for q
status_json() {
	guest "\$CIFSCTL status --json $*" >"$BATS_FILE_TMPDIR/status.json" ||
		fail "cifsctl status --json failed"
}

# q PYTHON-EXPR: evaluate against the last status_json (as d)
q() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
		"$BATS_FILE_TMPDIR/status.json" "$1"
}

# limit NAME: its value in the guest's /sys/fs/cifsd/limits
limit() {
	guest "cat /sys/fs/cifsd/limits" | awk -v n="$1" '$1 == n { print $2; f = 1 } END { exit !f }' ||
		fail "no $1 in /sys/fs/cifsd/limits"
}

# reload: cifsctl reload in the guest (the daemon takes SIGHUP at once)
reload() {
	run guest "\$CIFSCTL reload --pidfile $RUN/cifsctl.pid && sleep 0.5"
	echo "$output"
}

@test "server starts in the lab" {
	lab_booted
}

@test "the [global] open-state keys are in /sys/fs/cifsd/limits and cifsctl status limits" {
	cifsd_only
	[ "$(limit break_timeout)" = "$BREAK_TIMEOUT" ]
	[ "$(limit max_locks)" = 1000 ]
	[ "$(limit max_async)" = 300 ]
	[ "$(limit max_durable)" = 500 ]
	[ "$(limit smb2_leases)" = 1 ]
	run guest "\$CIFSCTL status limits"
	assert_success
	assert_line --regexp "^break_timeout +$BREAK_TIMEOUT s$"
	assert_line --regexp '^max_durable +500$'
	assert_line --regexp '^smb2_leases +yes$'
}

@test "[share] grants what is asked: batch, exclusive, II, an RWH lease (the probe sees grants)" {
	need_impacket
	probe share grant-batch batch
	assert_output "cap_leasing=yes oplock=batch lease=-"
	probe share grant-excl exclusive
	assert_output "cap_leasing=yes oplock=exclusive lease=-"
	probe share grant-ii II
	assert_output "cap_leasing=yes oplock=II lease=-"
	probe share grant-lease lease
	assert_output "cap_leasing=yes oplock=lease lease=RHW"
	probe share grant-lease21 lease 2.1
	assert_output --regexp "oplock=lease lease=RHW$"
}

@test "oplocks = no: neither an oplock nor a lease" {
	need_impacket
	probe nooplocks none-batch batch
	assert_output --regexp "oplock=none lease=-$"
	probe nooplocks none-lease lease
	# no oplock level, or a lease that allows no caching at all
	assert_output --regexp "oplock=(none lease=-|lease lease=none)$"
	probe nooplocks none-lease21 lease 2.1
	assert_output --regexp "oplock=(none lease=-|lease lease=none)$"
	# the same file through [share] is cached again (it is the share, not the file)
	probe share none-batch batch
	assert_output --regexp "oplock=batch lease=-$"
}

@test "a cifs.ko mount (3.1.1, cache=strict) holding a file open: its lease in cifsctl status opens" {
	cifsd_only
	run guest "
		mkdir -p $MNT
		mount -t cifs //127.0.0.1/share $MNT -o vers=3.1.1,cache=strict,username=$USER_NAME,password=$USER_PASS || exit 1
		setsid sh -c 'exec 3>$MNT/leased; echo hello >&3; exec sleep 100000' </dev/null >/dev/null 2>&1 &
		for i in 1 2 3 4 5 6 7 8 9 10; do grep -q ' /leased\$' /sys/fs/cifsd/opens && break; sleep 0.5; done
		cat /sys/fs/cifsd/opens"
	echo "$output"
	assert_success
	status_json opens
	q 'json.dumps([o for o in d["opens"] if o["path"] == "/leased"], indent=1)'
	[ "$(q 'len([o for o in d["opens"] if o["path"] == "/leased"])')" -ge 1 ]
	# every open of the file holds the client's lease: one key, RHW, no break
	[ "$(q '{(o["oplock"], o["lease_state"], o["breaking"]) for o in d["opens"] if o["path"] == "/leased"}')" = "{('lease', 'RHW', False)}" ]
	key=$(q '[o["lease_key"] for o in d["opens"] if o["path"] == "/leased"][0]')
	[[ $key =~ ^[0-9a-f]{32}$ ]] || fail "lease key '$key'"
	# cifs.ko asks for a durable handle with its lease (DHnQ, v1, from 6.12)
	[ "$(q '{o["durable"] for o in d["opens"] if o["path"] == "/leased"} in ({"v1"}, {"v2"})')" = True ]
	[ "$(q '[o["expires"] for o in d["opens"] if o["path"] == "/leased"][0]')" = None ]
	run guest "\$CIFSCTL status opens"
	assert_success
	assert_line --regexp " /leased +0x[0-9a-f]{8} +[RWD-]+ +lease $key RHW +v[12]$"
	# the data went through the cache to the server once the file closes
	run guest "pkill -f 'sleep 100000'; sleep 1; cat /srv/share/leased"
	assert_output hello
}

@test "durable handles = no: the same cifs.ko open is not durable there" {
	cifsd_only
	run guest "
		mkdir -p $MNT-nd
		mount -t cifs //127.0.0.1/nodurable $MNT-nd -o vers=3.1.1,cache=strict,username=$USER_NAME,password=$USER_PASS || exit 1
		setsid sh -c 'exec 3>$MNT-nd/nondurable; echo hello >&3; exec sleep 100001' </dev/null >/dev/null 2>&1 &
		for i in 1 2 3 4 5 6 7 8 9 10; do grep -q ' /nondurable\$' /sys/fs/cifsd/opens && break; sleep 0.5; done
		cat /sys/fs/cifsd/opens"
	echo "$output"
	assert_success
	status_json opens
	[ "$(q '{(o["share"], o["oplock"], o["durable"]) for o in d["opens"] if o["path"] == "/nondurable"}')" = "{('nodurable', 'lease', 'no')}" ]
	run guest "pkill -f 'sleep 100001'; sleep 1; umount $MNT-nd"
}

@test "a break the client does not acknowledge: shown as breaking, forced after oplock break timeout" {
	cifsd_only
	need_impacket
	run guest "grep '^breaks_timed_out ' /sys/fs/cifsd/stats"
	before=${output#breaks_timed_out }
	hold share unacked batch
	# a second open of the file waits for the break...
	local t0=$SECONDS
	"$PY" "$PROBE" "$PORT" "$USER_NAME" "$USER_PASS" share unacked none \
		>"$BATS_FILE_TMPDIR/second.out" 2>&1 &
	local second=$!
	local seen=0
	for _ in $(seq 1 20); do
		status_json opens
		if [ "$(q '[(o["oplock"], o["breaking"]) for o in d["opens"] if o["path"] == "/unacked"]')" = "[('batch', True)]" ]; then
			seen=1
			break
		fi
		sleep 0.2
	done
	run guest "\$CIFSCTL status opens"
	echo "$output"
	[ "$seen" = 1 ] || fail "the open with the unacknowledged break was not shown as batch, breaking"
	# ...and gets its open once the server gives up waiting
	wait "$second" || { cat "$BATS_FILE_TMPDIR/second.out"; fail "the second open failed"; }
	local took=$((SECONDS - t0))
	cat "$BATS_FILE_TMPDIR/second.out"
	echo "the second open took ${took} s (oplock break timeout = $BREAK_TIMEOUT)"
	[ "$took" -ge $((BREAK_TIMEOUT - 1)) ] || fail "the second open did not wait for the break"
	[ "$took" -le $((BREAK_TIMEOUT + 15)) ] || fail "the second open waited far longer than oplock break timeout"
	run guest "grep '^breaks_timed_out ' /sys/fs/cifsd/stats"
	[ "${output#breaks_timed_out }" -gt "$before" ] || fail "breaks_timed_out: $before before, $output after"
	status_json opens
	[ "$(q '[o["breaking"] for o in d["opens"] if o["path"] == "/unacked"]')" = "[False]" ]
	stop_holder
}

@test "a client that vanishes holding a durable handle: no session, no client, seconds left" {
	cifsd_only
	need_impacket
	hold --durable share vanished batch
	grep -q "oplock=batch lease=- durable=yes" "$BATS_FILE_TMPDIR/hold.out" ||
		fail "no batch oplock and durable handle granted: $(cat "$BATS_FILE_TMPDIR/hold.out")"
	# the client dies: its connection closes, the handle waits for it
	kill -9 "$(cat "$BATS_FILE_TMPDIR/hold.pid")"
	stop_holder
	local parked=0
	for _ in $(seq 1 50); do
		status_json opens
		if [ "$(q '[o["session_id"] for o in d["opens"] if o["path"] == "/vanished"]')" = "['0x0000000000000000']" ]; then
			parked=1
			break
		fi
		sleep 0.2
	done
	q 'json.dumps([o for o in d["opens"] if o["path"] == "/vanished"], indent=1)'
	[ "$parked" = 1 ] || fail "the durable handle of the vanished client is not listed as disconnected"
	[ "$(q '[(o["user"], o["client"], o["share"], o["oplock"], o["durable"]) for o in d["opens"] if o["path"] == "/vanished"]')" = \
	  "[(None, None, 'share', 'batch', 'v1')]" ]
	[ "$(q '0 < [o["expires"] for o in d["opens"] if o["path"] == "/vanished"][0] <= 60')" = True ]
	run guest "\$CIFSCTL status opens"
	assert_line --regexp '^0x0000000000000000  - +share +/vanished +0x00000003 +RWD +batch +v1, disconnected, [0-9]+ s left$'
	run guest "grep '^durable_disconnected ' /sys/fs/cifsd/stats"
	[ "${output#durable_disconnected }" -ge 1 ] || fail "$output"
}

@test "reload with smb2 leases = no and another break timeout: limits follow, no lease for new opens" {
	cifsd_only
	need_impacket
	run guest "/bin/sed -i 's/^\\toplock break timeout = $BREAK_TIMEOUT\$/\\toplock break timeout = 2\\n\\tsmb2 leases = no/' $RUN/smb.conf && grep -A6 '^.global.' $RUN/smb.conf"
	echo "$output"
	assert_success
	reload
	assert_success
	[ "$(limit break_timeout)" = 2 ]
	[ "$(limit smb2_leases)" = 0 ]
	run guest "\$CIFSCTL status limits"
	assert_line --regexp '^smb2_leases +no$'
	assert_line --regexp '^break_timeout +2 s$'
	# a new connection: no leasing capability, no lease, oplocks as before
	probe share noleases-lease lease
	assert_output --regexp "^cap_leasing=no oplock=(none lease=-|lease lease=none)$"
	probe share noleases-lease21 lease 2.1
	assert_output --regexp "oplock=(none lease=-|lease lease=none)$"
	probe share noleases-batch batch
	assert_output "cap_leasing=no oplock=batch lease=-"
	# and back
	run guest "/bin/sed -i '/^\\tsmb2 leases = no\$/d' $RUN/smb.conf"
	reload
	assert_success
	[ "$(limit smb2_leases)" = 1 ]
	probe share leases-again lease
	assert_output "cap_leasing=yes oplock=lease lease=RHW"
}

@test "share set oplocks=yes + reload: the share grants oplocks to new tree connects" {
	cifsd_only
	need_impacket
	run guest "\$CIFSCTL share set nooplocks oplocks=yes -c $RUN/smb.conf"
	assert_success
	reload
	assert_success
	probe nooplocks now-batch batch
	assert_output --regexp "oplock=batch lease=-$"
	run guest "\$CIFSCTL share set nooplocks oplocks=no -c $RUN/smb.conf"
	reload
	probe nooplocks again-batch batch
	assert_output --regexp "oplock=none lease=-$"
}

@test "reload refuses a bad value in one line and keeps the running settings" {
	cifsd_only
	run guest "/bin/sed -i 's/^\\toplock break timeout = 2\$/\\toplock break timeout = 0/' $RUN/smb.conf && grep -n 'oplock break timeout' $RUN/smb.conf"
	echo "$output"
	local line=${output%%:*}
	reload
	assert_failure 1
	assert_line "$RUN/smb.conf:$line: bad value '0' for 'oplock break timeout' (expected seconds 1-3600)"
	assert_line --partial "not reloading: $RUN/smb.conf has errors"
	[ "${#lines[@]}" -eq 2 ] || fail "more than the error and the refusal: $output"
	[ "$(limit break_timeout)" = 2 ]
	# the server still serves
	probe share still-served batch
	assert_output --regexp "oplock=batch lease=-$"
}

@test "teardown: clean stop and kernel log" {
	stop_holder
	guest "umount $MNT $MNT-nd 2>/dev/null; true"
	lab_down_checked
}
