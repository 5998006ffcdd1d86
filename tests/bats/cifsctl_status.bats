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
		'requests_in_flight 9' 'conn_memory_bytes 123456' >"$S/stats"
	printf '%s\n' 'max_connections 1024' 'max_connections_per_ip 0' \
		'max_requests 64' 'max_conn_memory_kib 65536' \
		'handshake_timeout 20' 'send_timeout 60' 'idle_timeout 0' \
		'max_sessions 64' 'max_pending_sessions 8' 'max_trees 256' \
		'max_opens 16384' 'max_credits 8192' 'hosts_allow_rules 3' \
		'hosts_deny_rules 1' >"$S/limits"
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
session_id file_id share user client access share_access oplock lease_key lease_state durable path
0x60b36b1300000001 1 share tester ::ffff:10.0.2.2 0x00000003 0x00000003 none - - no /my\040file\040"q"\134x
0x60b36b1300000001 2 share tester ::ffff:10.0.2.2 0x0012019f 0x00000007 none - - no /
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
	assert_line --regexp '^0x60b36b1300000001  tester +share +/my file "q"\\x +0x00000003 +RW +none$'
	assert_line --regexp '^0x60b36b1300000001  tester +share +/ +0x0012019f +RWD +none$'
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
			echo "0x60b36b1300000001 $i share tester 10.0.2.2 0x00000003 0x00000003 none - - no /dir/file-$i"
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
	[ "$("$CIFSCTL" status --json | json 'len(d["limits"]), len(d["stats"])')" = "(14, 19)" ]
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

@test "valgrind: status, sections and --json are clean" {
	command -v valgrind >/dev/null || fail "valgrind not installed (the CI installs it: see .ci/run)"
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
