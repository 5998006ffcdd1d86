#!/usr/bin/env bats
# cifsctl status and /sys/fs/cifsd in the lab: two clients (impacket on the
# host, cifs.ko in the guest) holding files open are listed with the right
# users, dialects and opens; they are gone after disconnecting; a listing
# of 10,000 opens on one connection is complete.
load helpers

PORT=$(suite_port 4470)
HOLD=$BATS_TEST_DIRNAME/hold_opens.py
PY=/usr/bin/python3	# python3-impacket is a Debian package

setup_file() {
	lab_up status "$PORT"
}

teardown_file() {
	stop_holder
	lab_cleanup
}

setup() {
	[ "$BATS_TEST_NUMBER" = 1 ] || require_lab
}

# The client side needs impacket (Debian: python3-impacket).
need_impacket() {
	"$PY" -c 'import impacket' 2>/dev/null || fail "python3-impacket not installed (the CI installs it: see .ci/run)"
}

# hold_opens PREFIX COUNT [DIALECT]: impacket on the host keeps COUNT files
# open on one connection until stop_holder; returns once they are open.
# Its stdin is a FIFO kept open by a background sleep (bats runs each test
# in its own process, so a file descriptor would not outlive the test).
hold_opens() {
	local fifo=$BATS_FILE_TMPDIR/hold.fifo out=$BATS_FILE_TMPDIR/hold.out
	rm -f "$fifo" "$out"
	mkfifo "$fifo"
	"$PY" "$HOLD" "$PORT" "$USER_NAME" "$USER_PASS" share "$@" <"$fifo" >"$out" 2>&1 3>&- &
	echo $! >"$BATS_FILE_TMPDIR/hold.pid"
	sleep 100000 >"$fifo" 3>&- &
	echo $! >"$BATS_FILE_TMPDIR/hold.writer"
	for _ in $(seq 1 3000); do
		grep -q ready "$out" && return 0
		kill -0 "$(cat "$BATS_FILE_TMPDIR/hold.pid")" 2>/dev/null || break
		sleep 0.1
	done
	cat "$out"
	fail "hold_opens.py did not get ready"
}

# End the FIFO's writer: the holder reads EOF, logs off and exits.
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

# status_json: cifsctl status --json in the guest, saved for jq-like checks
status_json() {
	guest "\$CIFSCTL status --json $*" >"$BATS_FILE_TMPDIR/status.json" ||
		fail "cifsctl status --json failed"
}

# q PYTHON-EXPR: evaluate against the last status_json (as d)
q() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
		"$BATS_FILE_TMPDIR/status.json" "$1"
}

@test "server starts in the lab" {
	lab_booted
}

@test "sysfs: scalars and empty lists while idle" {
	run guest "cat /sys/fs/cifsd/state /sys/fs/cifsd/port; head -n1 /sys/fs/cifsd/sessions /sys/fs/cifsd/shares /sys/fs/cifsd/opens"
	assert_success
	assert_line --index 0 running
	assert_line --index 1 445
	assert_output --partial "session_id user domain auth client dialect signing encryption shares"
	assert_output --partial "share tree_id session_id user client"
	assert_output --partial "session_id file_id share user client access share_access oplock lease_key lease_state durable expires path"
	status_json
	[ "$(q 'd["state"], d["port"], len(d["sessions"]), len(d["opens"])')" = "('running', 445, 0, 0)" ]
}

@test "two clients with files open: sessions, shares and opens listed" {
	need_impacket
	hold_opens held- 2 3.0
	run guest "
		set -e
		mkdir -p /mnt/c
		mount -t cifs //127.0.0.1/share /mnt/c -o vers=2.1,username=$USER_NAME,password=$USER_PASS,port=445
		echo data >/mnt/c/guest-held
		setsid sleep 1000 </mnt/c/guest-held >/dev/null 2>&1 &
		sleep 1
		echo mounted"
	assert_success
	assert_output --partial mounted
	status_json
	q 'json.dumps(d, indent=1)'
	[ "$(q 'len(d["sessions"])')" = 2 ]
	[ "$(q 'sorted(s["dialect"] for s in d["sessions"])')" = "['2.1', '3.0']" ]
	[ "$(q 'sorted(s["user"] for s in d["sessions"])')" = "['tester', 'tester']" ]
	# cifs.ko also connects to IPC$
	[ "$(q 'all("share" in s["shares"] for s in d["sessions"])')" = True ]
	# impacket encrypts on its own at 3.0 once the server can (AES-128-CCM);
	# cifs.ko's 2.1 session cannot
	[ "$(q '[(s["dialect"], s["encryption"]) for s in sorted(d["sessions"], key=lambda s: s["dialect"])]')" = "[('2.1', 'no'), ('3.0', 'aes-128-ccm')]" ]
	[ "$(q 'sorted(s["share"] for s in d["shares"] if s["share"] == "share")')" = "['share', 'share']" ]
	# the impacket opens, on the 3.0 session
	[ "$(q 'sorted(o["path"] for o in d["opens"] if o["path"].startswith("/held-"))')" = "['/held-0', '/held-1']" ]
	s30=$(q '[s["session_id"] for s in d["sessions"] if s["dialect"] == "3.0"][0]')
	[ "$(q "[o['session_id'] for o in d['opens'] if o['path'] == '/held-0'][0]")" = "$s30" ]
	[ "$(q "[(o['access'], o['share_access'], o['oplock'], o['lease_key'], o['durable']) for o in d['opens'] if o['path'] == '/held-0'][0]")" = "('0x00000003', '0x00000003', 'none', None, 'no')" ]
	# the file cifs.ko holds open for the sleeping reader, on the 2.1 session
	s21=$(q '[s["session_id"] for s in d["sessions"] if s["dialect"] == "2.1"][0]')
	[ "$(q "any(o['path'] == '/guest-held' and o['session_id'] == '$s21' and o['user'] == 'tester' for o in d['opens'])")" = True ]
	# the human tables show the same
	run guest "\$CIFSCTL status"
	assert_success
	assert_output --partial "/held-0"
	assert_output --partial "/guest-held"
	assert_output --regexp "3\.0 +no +aes-128-ccm +share"
}

@test "counters count connections, sessions, requests and bytes" {
	need_impacket
	status_json
	[ "$(q 'd["stats"]["connections_now"] >= 2, d["stats"]["sessions_now"], d["stats"]["sessions_total"] >= 2')" = "(True, 2, True)" ]
	[ "$(q 'd["stats"]["requests"] > 10, d["stats"]["bytes_written"] >= 5')" = "(True, True)" ]
	# cifs.ko holds a lease and would serve the read from its page cache
	run guest "sync; echo 3 >/proc/sys/vm/drop_caches; cat /mnt/c/guest-held"
	assert_output data
	status_json
	[ "$(q 'd["stats"]["bytes_read"] >= 5')" = True ]
}

@test "after both clients disconnect their sessions and opens are gone" {
	need_impacket
	stop_holder
	run guest "pkill -x sleep; sleep 0.5; umount /mnt/c && echo umounted"
	echo "$output"
	assert_output --partial umounted
	for _ in $(seq 1 50); do
		status_json
		[ "$(q 'len(d["sessions"]), len(d["shares"]), len(d["opens"])')" = "(0, 0, 0)" ] && break
		sleep 0.2
	done
	[ "$(q 'len(d["sessions"]), len(d["shares"]), len(d["opens"])')" = "(0, 0, 0)" ]
}

@test "10,000 opens on one connection are all listed" {
	need_impacket
	local t0=$SECONDS
	hold_opens many- 10000
	echo "# 10,000 opens took $((SECONDS - t0)) s" >&3
	run guest "wc -l </sys/fs/cifsd/opens; \$CIFSCTL status opens --json >/tmp/opens.json; wc -c </tmp/opens.json"
	assert_success
	assert_line --index 0 10001
	status_json opens
	[ "$(q 'len(d["opens"]), len(set(o["path"] for o in d["opens"])), len(set(o["file_id"] for o in d["opens"]))')" = "(10000, 10000, 10000)" ]
	[ "$(q 'sorted(o["path"] for o in d["opens"]) == sorted("/many-%d" % i for i in range(10000))')" = True ]
	run guest "t0=\$(/bin/date +%s%N); cat /sys/fs/cifsd/opens >/dev/null; t1=\$(/bin/date +%s%N); echo \$(( (t1 - t0) / 1000000 ))"
	echo "# reading 10,000 opens took $output ms" >&3
	# a reader using small reads gets the same complete listing
	run guest "dd if=/sys/fs/cifsd/opens bs=100 2>/dev/null | wc -l"
	assert_output 10001
	stop_holder
	for _ in $(seq 1 100); do
		status_json
		[ "$(q 'len(d["opens"])')" = 0 ] && break
		sleep 0.2
	done
	[ "$(q 'len(d["opens"]), len(d["sessions"])')" = "(0, 0)" ]
}

@test "readers racing with clients that come and go: no errors, clean dmesg" {
	need_impacket
	run guest "rm -f /tmp/readers.*; setsid sh -c '
		n=0
		while [ ! -e /tmp/readers.stop ]; do
			cat /sys/fs/cifsd/opens /sys/fs/cifsd/sessions /sys/fs/cifsd/shares /sys/fs/cifsd/stats >/dev/null || echo ERR >>/tmp/readers.err
			\$CIFSCTL status --json >/dev/null || echo ERR >>/tmp/readers.err
			n=\$((n + 1))
		done
		echo \$n >/tmp/readers.done' >/dev/null 2>&1 </dev/null &
		echo started"
	assert_output --partial started
	for i in $(seq 1 8); do
		# a clean logoff after opening 200 files
		"$PY" "$HOLD" "$PORT" "$USER_NAME" "$USER_PASS" share "race$i-" 200 </dev/null >/dev/null 2>&1 ||
			fail "impacket run $i failed"
		# a client that vanishes with its files open
		timeout -s KILL 3 "$PY" "$HOLD" "$PORT" "$USER_NAME" "$USER_PASS" share "kill$i-" 100000 \
			</dev/null >/dev/null 2>&1 || true
		smbclient "//127.0.0.1/share" -p "$PORT" -U "$USER_NAME%$USER_PASS" \
			-c "put /etc/hostname h$i; rename h$i g$i; ls; del g$i" >/dev/null 2>&1 ||
			fail "smbclient run $i failed"
	done
	run guest "touch /tmp/readers.stop; for i in \$(seq 1 100); do [ -e /tmp/readers.done ] && break; sleep 0.1; done
		echo rounds \$(cat /tmp/readers.done); cat /tmp/readers.err 2>/dev/null; true"
	echo "$output"
	assert_output --regexp "rounds [1-9][0-9]*"
	refute_output --partial ERR
	# everything has gone away (the killed clients once the server notices)
	for _ in $(seq 1 100); do
		status_json
		[ "$(q 'len(d["opens"])')" = 0 ] && break
		sleep 0.2
	done
	[ "$(q 'len(d["opens"])')" = 0 ]
}

@test "server teardown is clean" {
	lab_down_checked
}
