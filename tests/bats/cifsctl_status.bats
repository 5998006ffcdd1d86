#!/usr/bin/env bats
# cifsctl status against a fake /sys/fs/cifsd tree (CIFSD_SYSFS): tables,
# counters and limits, JSON, sections, escapes, "not running", and
# valgrind.

load cifsctl_helpers

setup() {
	common_setup
	S="$TMP/sysfs"
	mkdir "$S"
	export CIFSD_SYSFS="$S"
	echo running >"$S/state"
	echo 445 >"$S/port"
	echo 3723 >"$S/uptime"
	printf '%s\n' 'connections_now 2' 'connections_total 5' 'sessions_now 2' \
		'sessions_total 3' 'requests 120' 'bytes_read 4096' \
		'bytes_written 10' 'connections_refused 7' 'refused_hosts 4' \
		'refused_max_connections 1' 'refused_per_ip 2' \
		'handshake_timeouts 3' 'send_timeouts 1' 'idle_timeouts 0' \
		'sessions_refused 5' 'protocol_errors 6' 'credit_errors 8' \
		'requests_in_flight 9' 'conn_memory_bytes 123456' \
		'breaks_sent 11' 'breaks_acked 10' 'breaks_timed_out 1' \
		'durable_disconnected 2' 'durable_parked 5' 'durable_reclaimed 2' \
		'durable_expired 1' 'durable_purged 0' >"$S/stats"
	printf '%s\n' 'max_connections 1024' 'max_connections_per_ip 0' \
		'max_requests 64' 'max_conn_memory_kib 65536' \
		'handshake_timeout 20' 'send_timeout 60' 'idle_timeout 0' \
		'max_sessions 64' 'max_pending_sessions 8' 'max_trees 256' \
		'max_opens 16384' 'max_credits 8192' 'hosts_allow_rules 3' \
		'hosts_deny_rules 1' 'max_async 512' 'break_timeout 35' \
		'max_locks 4096' 'max_durable 16384' 'smb2_leases 1' >"$S/limits"
	cat >"$S/sessions" <<'X'
session_id user domain auth client dialect signing encryption shares
0x60b36b1300000001 tester - user ::ffff:10.0.2.2 3.0 no no share,a\054b
0x70b36b1300000002 guest\040user WORK guest 10.0.2.15 3.1.1 yes no -
X
	cat >"$S/shares" <<'X'
share tree_id session_id user client
share 1 0x60b36b1300000001 tester ::ffff:10.0.2.2
a\054b 2 0x60b36b1300000001 tester ::ffff:10.0.2.2
X
	cat >"$S/opens" <<'X'
session_id file_id share user client access share_access oplock lease_key lease_state durable expires path
0x60b36b1300000001 1 share tester ::ffff:10.0.2.2 0x00000003 0x00000003 none - - no - /my\040file\040"q"\134x
0x60b36b1300000001 2 share tester ::ffff:10.0.2.2 0x0012019f 0x00000007 none - - no - /
X
}
teardown() { common_teardown; }

json() { # json PYTHON-EXPRESSION-ON-d: evaluate against the JSON on stdin
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"
}

@test "status prints the summary and the three tables" {
	run "$CIFSCTL" status
	assert_success
	assert_line --index 0 "cifsd running on port 445, up 0d 01:02:03"
	assert_output --partial "Sessions:"
	assert_output --partial "Shares in use:"
	assert_output --partial "Open files:"
	assert_line --regexp '^0x60b36b1300000001  tester +::ffff:10.0.2.2 +3.0 +no +no +share, a,b$'
	assert_line --regexp '^0x70b36b1300000002  guest user +10.0.2.15 +3.1.1 +yes +no +-$'
	assert_line --regexp '^0x60b36b1300000001  tester +share +/my file "q"\\x +0x00000003 +RW +none +no$'
	assert_line --regexp '^0x60b36b1300000001  tester +share +/ +0x0012019f +RWD +none +no$'
}

@test "status columns line up" {
	run "$CIFSCTL" status sessions
	assert_success
	# header, rule, two rows: "User" starts in the same column everywhere
	col=$(printf '%s\n' "$output" | awk 'NR==2 {print index($0, "User")}')
	[ "$col" -gt 1 ]
	[ "$(printf '%s\n' "$output" | awk 'NR==4 {print index($0, "tester")}')" = "$col" ]
	[ "$(printf '%s\n' "$output" | awk 'NR==5 {print index($0, "guest user")}')" = "$col" ]
}

@test "status SECTION shows only that table" {
	run "$CIFSCTL" status shares
	assert_success
	assert_line --index 0 "Shares in use:"
	refute_output --partial "Sessions:"
	refute_output --partial "Open files:"
	refute_output --partial "cifsd running"
	run "$CIFSCTL" status opens
	assert_success
	assert_line --index 0 "Open files:"
}

@test "status --json is one valid object with everything" {
	run bash -c '"$CIFSCTL" status --json | python3 -m json.tool >/dev/null'
	assert_success
	run bash -c '"$CIFSCTL" status --json | wc -l'
	assert_output 1
	[ "$("$CIFSCTL" status --json | json 'd["state"], d["port"], d["uptime"]')" = "('running', 445, 3723)" ]
	[ "$("$CIFSCTL" status --json | json 'd["stats"]["requests"], d["stats"]["bytes_read"]')" = "(120, 4096)" ]
	[ "$("$CIFSCTL" status --json | json '[s["user"] for s in d["sessions"]]')" = "['tester', 'guest user']" ]
	[ "$("$CIFSCTL" status --json | json 'd["sessions"][0]["shares"], d["sessions"][1]["shares"]')" = "(['share', 'a,b'], [])" ]
	[ "$("$CIFSCTL" status --json | json 'd["sessions"][0]["domain"], d["sessions"][1]["dialect"]')" = "(None, '3.1.1')" ]
	[ "$("$CIFSCTL" status --json | json 'd["shares"][1]["share"], d["shares"][1]["tree_id"]')" = "('a,b', 2)" ]
	[ "$("$CIFSCTL" status --json | json 'd["opens"][0]["path"]')" = '/my file "q"\x' ]
	[ "$("$CIFSCTL" status --json | json 'd["opens"][1]["file_id"], d["opens"][1]["lease_key"]')" = "(2, None)" ]
}

@test "status SECTION --json has only that list" {
	[ "$("$CIFSCTL" status opens --json | json 'sorted(d.keys()), len(d["opens"])')" = "(['opens'], 2)" ]
	[ "$("$CIFSCTL" status --json sessions | json 'sorted(d.keys())')" = "['sessions']" ]
}

@test "empty lists (header only) give empty tables and arrays" {
	for f in sessions shares opens; do
		head -n1 "$S/$f" >"$S/$f.new" && mv "$S/$f.new" "$S/$f"
	done
	run "$CIFSCTL" status
	assert_success
	[ "$("$CIFSCTL" status --json | json 'd["sessions"], d["shares"], d["opens"]')" = "([], [], [])" ]
}

@test "a large listing is read completely" {
	{
		head -n1 "$S/opens"
		for i in $(seq 1 20000); do
			echo "0x60b36b1300000001 $i share tester 10.0.2.2 0x00000003 0x00000003 none - - no - /dir/file-$i"
		done
	} >"$S/opens.new"
	mv "$S/opens.new" "$S/opens"
	[ "$("$CIFSCTL" status opens --json | json 'len(d["opens"]), d["opens"][-1]["path"]')" = "(20000, '/dir/file-20000')" ]
	run bash -c '"$CIFSCTL" status opens | grep -c /dir/file-'
	assert_output 20000
}

@test "columns added at the end are ignored by the tables, kept in JSON" {
	sed -i '1s/$/ extra/; 2,$s/$/ 42/' "$S/shares"
	run "$CIFSCTL" status shares
	assert_success
	refute_output --partial 42
	[ "$("$CIFSCTL" status shares --json | json 'd["shares"][0]["extra"]')" = "42" ]
}

@test "status shows the counters and the limits after the tables" {
	run "$CIFSCTL" status
	assert_success
	assert_line "Counters:"
	assert_line "Limits:"
	assert_line --regexp '^refused_hosts +4$'
	assert_line --regexp '^conn_memory_bytes +123456$'
	assert_line --regexp '^max_connections +1024$'
	assert_line --regexp '^max_connections_per_ip +0 \(no limit\)$'
	assert_line --regexp '^max_conn_memory_kib +65536 KiB$'
	assert_line --regexp '^handshake_timeout +20 s$'
	assert_line --regexp '^idle_timeout +0 \(never\)$'
	assert_line --regexp '^hosts_deny_rules +1$'
	# after the open files
	[ "$(grep -n '^Limits:' <<<"$output" | cut -d: -f1)" -gt \
	  "$(grep -n '^Open files:' <<<"$output" | cut -d: -f1)" ]
}

@test "status limits and status stats show only that list" {
	run "$CIFSCTL" status limits
	assert_success
	assert_line --index 0 "Limits:"
	assert_line --regexp '^max_credits +8192$'
	refute_output --partial "Counters:"
	refute_output --partial "Sessions:"
	run "$CIFSCTL" status stats
	assert_success
	assert_line --index 0 "Counters:"
	assert_line --regexp '^credit_errors +8$'
	refute_output --partial "Limits:"
	[ "$("$CIFSCTL" status limits --json | json 'sorted(d.keys()), d["limits"]["max_opens"], d["limits"]["hosts_allow_rules"]')" = "(['limits'], 16384, 3)" ]
	[ "$("$CIFSCTL" status --json stats | json 'sorted(d.keys()), d["stats"]["requests_in_flight"]')" = "(['stats'], 9)" ]
}

@test "status --json has the limits and every counter" {
	[ "$("$CIFSCTL" status --json | json 'd["limits"]["max_conn_memory_kib"], d["limits"]["idle_timeout"]')" = "(65536, 0)" ]
	[ "$("$CIFSCTL" status --json | json 'd["stats"]["connections_refused"], d["stats"]["refused_per_ip"]')" = "(7, 2)" ]
	[ "$("$CIFSCTL" status --json | json 'len(d["limits"]), len(d["stats"])')" = "(19, 27)" ]
}

@test "unknown and odd name/value lines are kept; lines without a value skipped" {
	printf '%s\n' 'future_limit 5' 'max_widgets 0' 'garbage' '' 'label some text' >>"$S/limits"
	printf 'new_counter 77\n' >>"$S/stats"
	run "$CIFSCTL" status limits
	assert_success
	assert_line --regexp '^future_limit +5$'
	assert_line --regexp '^max_widgets +0 \(no limit\)$'
	assert_line --regexp '^label +some text$'
	refute_output --partial garbage
	[ "$("$CIFSCTL" status --json | json 'd["limits"]["future_limit"], d["limits"]["label"], d["stats"]["new_counter"]')" = "(5, 'some text', 77)" ]
}

@test "a module without limits: left out of status, an error for status limits" {
	rm "$S/limits"
	run "$CIFSCTL" status
	assert_success
	refute_output --partial "Limits:"
	assert_output --partial "Counters:"
	[ "$("$CIFSCTL" status --json | json '"limits" in d, "stats" in d')" = "(False, True)" ]
	run "$CIFSCTL" status limits
	assert_failure 1
	assert_output "cifsctl: cannot read $S/limits: No such file or directory"
	: >"$S/limits"
	run "$CIFSCTL" status limits
	assert_success
	[ "$("$CIFSCTL" status limits --json | json 'd["limits"]')" = "{}" ]
}

@test "not running: no sysfs directory, or state stopped" {
	CIFSD_SYSFS="$TMP/none" run "$CIFSCTL" status
	assert_failure 3
	assert_output "cifsd is not running"
	echo stopped >"$S/state"
	run "$CIFSCTL" status --json
	assert_failure 3
	assert_output "cifsd is not running"
}

@test "usage errors" {
	run "$CIFSCTL" status bogus
	assert_failure 2
	run "$CIFSCTL" status --bogus
	assert_failure 2
	run "$CIFSCTL" status sessions opens
	assert_failure 2
	run "$CIFSCTL" status limits stats
	assert_failure 2
	run "$CIFSCTL" status --help
	assert_success
	assert_output --partial "Usage: cifsctl status"
	run "$CIFSCTL" help status
	assert_success
}

@test "an unreadable list is an error, not a crash" {
	rm "$S/opens"
	run "$CIFSCTL" status
	assert_failure 1
	assert_output --partial "cannot read"
}

# The open-state rows: oplock levels, leases, breaks, durable handles.
open_state_rows() {
	cat >>"$S/opens" <<'X'
0x60b36b1300000001 3 share tester ::ffff:10.0.2.2 0x0012019f 0x00000007 lease 00112233445566778899aabbccddeeff RWH v2 - /leased
0x60b36b1300000001 4 share tester ::ffff:10.0.2.2 0x00120089 0x00000007 lease* 00112233445566778899aabbccddeeff RH v2 - /leased
0x60b36b1300000001 5 share tester ::ffff:10.0.2.2 0x00000003 0x00000001 batch* - - v1 - /b
0x0000000000000000 6 share - - 0x00000003 0x00000000 II - - v1 57 /gone
0x60b36b1300000001 7 share tester ::ffff:10.0.2.2 0x00000003 0x00000000 exclusive - - persistent - /ca
0x60b36b1300000001 8 share tester ::ffff:10.0.2.2 0x00000001 0x00000007 lease 0123456789abcdef0123456789abcdef - no - /broken\040to\040none
X
}

@test "opens: oplock level, lease key and state, a break in progress, durable" {
	open_state_rows
	run "$CIFSCTL" status opens
	assert_success
	assert_line --index 1 --regexp '^Session ID +User +Share +Path +Access +Share mode +Oplock/Lease +Durable$'
	assert_line --regexp '^0x60b36b1300000001  tester +share +/leased +0x0012019f +RWD +lease 00112233445566778899aabbccddeeff RWH +v2$'
	assert_line --regexp '^0x60b36b1300000001  tester +share +/leased +0x00120089 +RWD +lease 00112233445566778899aabbccddeeff RH breaking +v2$'
	assert_line --regexp '^0x60b36b1300000001  tester +share +/b +0x00000003 +R +batch breaking +v1$'
	assert_line --regexp '^0x0000000000000000  - +share +/gone +0x00000003 +- +II +v1, disconnected, 57 s left$'
	assert_line --regexp '^0x60b36b1300000001  tester +share +/ca +0x00000003 +- +exclusive +persistent$'
	assert_line --regexp '^0x60b36b1300000001  tester +share +/broken to none +0x00000001 +RWD +lease 0123456789abcdef0123456789abcdef - +no$'
	refute_output --partial '*'
}

@test "opens --json: oplock without the star, breaking, lease, durable, expires as a number" {
	open_state_rows
	run bash -c '"$CIFSCTL" status opens --json | python3 -m json.tool >/dev/null'
	assert_success
	j() { "$CIFSCTL" status opens --json | json "$1"; }
	[ "$(j '[(o["file_id"], o["oplock"], o["breaking"]) for o in d["opens"]]')" = \
	  "[(1, 'none', False), (2, 'none', False), (3, 'lease', False), (4, 'lease', True), (5, 'batch', True), (6, 'II', False), (7, 'exclusive', False), (8, 'lease', False)]" ]
	[ "$(j '[(o["lease_key"], o["lease_state"]) for o in d["opens"][2:4]]')" = \
	  "[('00112233445566778899aabbccddeeff', 'RWH'), ('00112233445566778899aabbccddeeff', 'RH')]" ]
	[ "$(j 'd["opens"][7]["lease_state"], d["opens"][0]["lease_key"]')" = "(None, None)" ]
	[ "$(j '[o["durable"] for o in d["opens"]]')" = \
	  "['no', 'no', 'v2', 'v2', 'v1', 'v1', 'persistent', 'no']" ]
	[ "$(j '[o["expires"] for o in d["opens"]]')" = \
	  "[None, None, None, None, None, 57, None, None]" ]
	[ "$(j 'd["opens"][5]["session_id"], d["opens"][5]["user"], d["opens"][5]["client"], d["opens"][5]["path"]')" = \
	  "('0x0000000000000000', None, None, '/gone')" ]
	# the keys in the order of the columns, "breaking" right after "oplock"
	[ "$(j 'list(d["opens"][0].keys())')" = \
	  "['session_id', 'file_id', 'share', 'user', 'client', 'access', 'share_access', 'oplock', 'breaking', 'lease_key', 'lease_state', 'durable', 'expires', 'path']" ]
}

@test "opens: columns are found by name; missing ones show as -, unknown ones are ignored" {
	# an older module: no open-state columns at all
	cat >"$S/opens" <<'X'
session_id file_id share user client access share_access path
0x60b36b1300000001 1 share tester ::ffff:10.0.2.2 0x00000003 0x00000003 /old
X
	run "$CIFSCTL" status opens
	assert_success
	assert_line --regexp '^0x60b36b1300000001  tester +share +/old +0x00000003 +RW +- +-$'
	[ "$("$CIFSCTL" status opens --json | json 'sorted(d["opens"][0].keys())')" = \
	  "['access', 'client', 'file_id', 'path', 'session_id', 'share', 'share_access', 'user']" ]
	# a later module: columns in another order, one more in the middle
	cat >"$S/opens" <<'X'
session_id file_id share user client access share_access durable expires oplock channel lease_state lease_key path
0x0000000000000000 9 share tester - 0x00000003 0x00000003 v2 120 lease* 3 RH 00112233445566778899aabbccddeeff /new
X
	run "$CIFSCTL" status opens
	assert_success
	assert_line --regexp '^0x0000000000000000  tester +share +/new +0x00000003 +RW +lease 00112233445566778899aabbccddeeff RH breaking +v2, disconnected, 120 s left$'
	[ "$("$CIFSCTL" status opens --json | json 'd["opens"][0]["channel"], d["opens"][0]["expires"], d["opens"][0]["breaking"]')" = "('3', 120, True)" ]
	# a bare "*" is a level of its own, not an empty level with a break
	sed -i '2s/lease\*/*/' "$S/opens"
	[ "$("$CIFSCTL" status opens --json | json 'd["opens"][0]["oplock"], d["opens"][0]["breaking"]')" = "('*', False)" ]
}

@test "status stats shows the oplock and lease break counters" {
	run "$CIFSCTL" status stats
	assert_success
	assert_line --regexp '^breaks_sent +11$'
	assert_line --regexp '^breaks_acked +10$'
	assert_line --regexp '^breaks_timed_out +1$'
	[ "$("$CIFSCTL" status stats --json | json 'd["stats"]["breaks_sent"], d["stats"]["breaks_acked"], d["stats"]["breaks_timed_out"]')" = "(11, 10, 1)" ]
	assert_line --regexp '^durable_disconnected +2$'
	assert_line --regexp '^durable_parked +5$'
	[ "$("$CIFSCTL" status stats --json | json '[d["stats"]["durable_" + k] for k in ("disconnected", "parked", "reclaimed", "expired", "purged")]')" = "[2, 5, 2, 1, 0]" ]
}

@test "status limits: the open-state limits; smb2_leases as yes or no" {
	run "$CIFSCTL" status limits
	assert_success
	assert_line --regexp '^max_async +512$'
	assert_line --regexp '^break_timeout +35 s$'
	assert_line --regexp '^max_locks +4096$'
	assert_line --regexp '^max_durable +16384$'
	assert_line --regexp '^smb2_leases +yes$'
	sed -i 's/^smb2_leases 1$/smb2_leases 0/' "$S/limits"
	run "$CIFSCTL" status limits
	assert_line --regexp '^smb2_leases +no$'
	[ "$("$CIFSCTL" status limits --json | json 'd["limits"]["smb2_leases"], d["limits"]["break_timeout"]')" = "(0, 35)" ]
	# a value that is not 0 or 1 is shown as it comes
	sed -i 's/^smb2_leases 0$/smb2_leases 2/' "$S/limits"
	run "$CIFSCTL" status limits
	assert_line --regexp '^smb2_leases +2$'
}

@test "valgrind: status, sections and --json are clean" {
	command -v valgrind >/dev/null || fail "valgrind not installed (the CI installs it: see .ci/run)"
	open_state_rows
	for args in "" "sessions" "shares" "opens" "stats" "limits" "--json" \
		"opens --json" "limits --json"; do
		# shellcheck disable=SC2086
		run valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
			--error-exitcode=99 "$CIFSCTL" status $args
		[ "$status" -eq 0 ] || { echo "$output"; fail "valgrind: status $args"; }
	done
	echo stopped >"$S/state"
	run valgrind -q --leak-check=full --error-exitcode=99 "$CIFSCTL" status
	[ "$status" -eq 3 ]
}
