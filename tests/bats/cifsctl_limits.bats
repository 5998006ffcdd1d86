#!/usr/bin/env bats
# cifsctl config check: the limits, restrict anonymous and hosts
# allow / hosts deny keys (defaults, good values, bad values).

load cifsctl_helpers

setup() { common_setup; }
teardown() { common_teardown; }

check() {
	run "$CIFSCTL" config check -c "$CONF"
}

# global KEY VALUE...: a [global] with these "KEY = VALUE" pairs
global() {
	{
		echo '[global]'
		while [ $# -gt 1 ]; do
			printf '%s = %s\n' "$1" "$2"
			shift 2
		done
	} >"$CONF"
}

# good KEY VALUE PRINTED [PRINTED_KEY]: accepted, printed back as
# "PRINTED_KEY = PRINTED" (PRINTED_KEY defaults to KEY)
good() {
	local key=${4:-$1}
	global "$1" "$2"
	check
	[ "$status" -eq 0 ] || fail "'$1 = $2' refused: $output"
	[ -z "$(grep -i warning <<<"$output")" ] || fail "'$1 = $2' warned: $output"
	grep -qx "	$key = $3" <<<"$output" ||
		fail "'$1 = $2' printed as $(grep "	$key =" <<<"$output"), not '$3'"
}

# bad KEY VALUE EXPECTED: refused with one FILE:2: message
bad() {
	global "$1" "$2"
	check
	[ "$status" -eq 1 ] || fail "'$1 = $2' accepted: $output"
	grep -qF "$CONF:2: bad value '$2' for '$1' (expected $3)" <<<"$output" ||
		fail "'$1 = $2': $output"
	[ "$(grep -c "^$CONF:" <<<"$output")" -eq 1 ] || fail "more than one message: $output"
}

@test "defaults are printed" {
	printf '[global]\n' >"$CONF"
	check
	assert_success
	for kv in "restrict anonymous = 1" "hosts allow =" "hosts deny =" \
		"max connections = 1024" "max connections per ip = 64" \
		"max requests per connection = 64" "max connection memory = 64M" \
		"handshake timeout = 20" "send timeout = 60" "deadtime = 0" \
		"max sessions per connection = 64" \
		"max pending sessions per connection = 8" \
		"max tree connects per session = 256" "max open files = 16384" \
		"smb2 max credits = 8192" "server side copy max chunks = 256" \
		"server side copy max chunk size = 1M" \
		"server side copy max size = 16M"; do
		assert_line "	$kv"
	done
}

@test "max connections and max connections per ip: 0-1000000" {
	good "max connections" 0 0
	good "max connections" 1000000 1000000
	good "max connections per ip" 0 0
	good "max connections per ip" 3 3
	bad "max connections" 1000001 "a number 0-1000000, 0 = unlimited"
	bad "max connections per ip" -1 "a number 0-1000000, 0 = unlimited"
	bad "max connections per ip" 1x "a number 0-1000000, 0 = unlimited"
}

@test "max requests per connection: 1-8192" {
	good "max requests per connection" 1 1
	good "max requests per connection" 8192 8192
	bad "max requests per connection" 0 "a number 1-8192"
	bad "max requests per connection" 8193 "a number 1-8192"
	bad "max requests per connection" "" "a number 1-8192"
}

@test "max connection memory: a size from 1M to 4G" {
	good "max connection memory" 64M 64M
	good "max connection memory" 65536K 64M
	good "max connection memory" 65536k 64M
	good "max connection memory" 1m 1M
	good "max connection memory" 1025K 1025K
	good "max connection memory" 4G 4G
	good "max connection memory" 1048576 1M
	good "max connection memory" 3072M 3G
	local want="a size 1M-4G such as 64M, 65536K or 1G; a plain number is bytes, a multiple of 1024"
	bad "max connection memory" 1023K "$want"
	bad "max connection memory" 4097M "$want"
	bad "max connection memory" 5G "$want"
	bad "max connection memory" 1048577 "$want"
	bad "max connection memory" 64MB "$want"
	bad "max connection memory" 64T "$want"
	bad "max connection memory" "64 M" "$want"
	bad "max connection memory" 99999999999999999999K "$want"
	bad "max connection memory" M "$want"
}

@test "handshake timeout and send timeout: seconds 0-86400" {
	good "handshake timeout" 0 0
	good "handshake timeout" 5 5
	good "send timeout" 86400 86400
	bad "handshake timeout" 86401 "seconds 0-86400, 0 = never"
	bad "send timeout" 5s "seconds 0-86400, 0 = never"
	bad "send timeout" 1.5 "seconds 0-86400, 0 = never"
}

@test "deadtime: minutes 0-525600 (Samba's key)" {
	good deadtime 15 15
	good deadtime 10080 10080
	good deadtime 0 0
	bad deadtime 525601 "minutes 0-525600, 0 = never"
	bad deadtime 15m "minutes 0-525600, 0 = never"
}

@test "sessions, pending sessions and tree connects: 0-65535" {
	good "max sessions per connection" 0 0
	good "max pending sessions per connection" 1 1
	good "max tree connects per session" 65535 65535
	bad "max sessions per connection" 65536 "a number 0-65535, 0 = unlimited"
	bad "max pending sessions per connection" x "a number 0-65535, 0 = unlimited"
	bad "max tree connects per session" 70000 "a number 0-65535, 0 = unlimited"
}

@test "max open files: 1-65535" {
	good "max open files" 1 1
	good "max open files" 65535 65535
	bad "max open files" 0 "a number 1-65535"
	bad "max open files" 65536 "a number 1-65535"
}

@test "server side copy limits: chunks 1-65535, chunk size 1K-16M, size 1K-1G" {
	good "server side copy max chunks" 1 1
	good "server side copy max chunks" 65535 65535
	bad "server side copy max chunks" 0 "a number 1-65535"
	good "server side copy max chunk size" 256K 256K
	good "server side copy max chunk size" 16M 16M
	good "server side copy max chunk size" 1024 1K
	bad "server side copy max chunk size" 17M "a size 1K-16M such as 1M or 256K; a plain number is bytes, a multiple of 1024"
	bad "server side copy max chunk size" 1000 "a size 1K-16M such as 1M or 256K; a plain number is bytes, a multiple of 1024"
	good "server side copy max size" 1G 1G
	good "server side copy max size" 64M 64M
	bad "server side copy max size" 2G "a size 1K-1G such as 16M; a plain number is bytes, a multiple of 1024"
}

@test "smb2 max credits: 128-65535" {
	good "smb2 max credits" 128 128
	good "smb2 max credits" 65535 65535
	bad "smb2 max credits" 127 "a number 128-65535"
	bad "smb2 max credits" 0 "a number 128-65535"
	bad "smb2 max credits" 65536 "a number 128-65535"
}

@test "restrict anonymous: 0, 1 or 2" {
	good "restrict anonymous" 0 0
	good "restrict anonymous" 2 2
	bad "restrict anonymous" 3 "0, 1 or 2"
	bad "restrict anonymous" yes "0, 1 or 2"
}

@test "keys are case and blank insensitive, Samba style" {
	global "Max Connections Per IP" 7 "SMB2 Max Credits" 256 "DeadTime" 3
	check
	assert_success
	assert_line "	max connections per ip = 7"
	assert_line "	smb2 max credits = 256"
	assert_line "	deadtime = 3"
}

@test "several bad values: one line each, file and line" {
	global "max open files" 0 "send timeout" x "smb2 max credits" 1
	check
	assert_failure 1
	assert_line "$CONF:2: bad value '0' for 'max open files' (expected a number 1-65535)"
	assert_line "$CONF:3: bad value 'x' for 'send timeout' (expected seconds 0-86400, 0 = never)"
	assert_line "$CONF:4: bad value '1' for 'smb2 max credits' (expected a number 128-65535)"
	assert_line "cifsctl: $CONF is not valid; fix the errors above"
}

@test "hosts allow / hosts deny: Samba syntax, printed normalized" {
	good "hosts allow" "192.168.1.5" "192.168.1.5"
	good "hosts allow" "192.168. 10., 172.16.5.	1.2.3.4/8" \
		"192.168.0.0/16 10.0.0.0/8 172.16.5.0/24 1.0.0.0/8"
	good "allow hosts" "10.0.0.0/255.255.0.0 EXCEPT 10.0.1.1" \
		"10.0.0.0/16 EXCEPT 10.0.1.1" "hosts allow"
	good "hosts deny" "2001:DB8::/32 [fe80::]/10 ::ffff:10.1.2.3" \
		"2001:db8::/32 fe80::/10 10.1.2.3"
	good "deny hosts" "all except localhost" "ALL EXCEPT localhost" "hosts deny"
	good "hosts allow" "LOCAL" "LOCAL"
	global "hosts allow" "10." "allow hosts" "192.168."
	check
	assert_success
	assert_line "	hosts allow = 192.168.0.0/16"
}

@test "hosts allow: bad elements are errors with file and line" {
	printf '[global]\nhosts allow = @staff\nhosts deny = 10.1\n' >"$CONF"
	check
	assert_failure 1
	assert_line "$CONF:2: hosts allow: netgroups (@staff) are not supported; list the hosts or networks instead"
	assert_line --partial "$CONF:3: hosts deny: bad address '10.1'"
	for v in "10.0.0.0/33" "10.0.0.0/255.0.255.0" ".example.com" "pc*" \
		"EXCEPT 10." "2001:zz::1" "FAIL"; do
		global "hosts allow" "$v"
		check
		[ "$status" -eq 1 ] || fail "'$v' accepted"
		grep -q "^$CONF:2: hosts allow: " <<<"$output" || fail "'$v': $output"
	done
}

@test "hosts allow: too many rules" {
	# (more than 256 elements do not fit on a line: see test_hosts.c)
	local list="" i
	for i in $(seq 1 16); do list+="$i. "; done
	global "hosts deny" "$list EXCEPT $list"
	check
	assert_failure 1
	assert_output --partial "$CONF:2: hosts deny: too long: 16 addresses each followed by 16 exceptions make 272 rules, at most 256"
}

@test "hosts allow: a name that does not resolve is a warning" {
	global "hosts allow" "10. no-such-host.invalid"
	check
	assert_success
	assert_line "$CONF:2: warning: hosts allow: cannot resolve no-such-host.invalid"
	assert_line "	hosts allow = 10.0.0.0/8 no-such-host.invalid"
}

@test "hosts allow and hosts deny in a share" {
	printf '[global]\nhosts deny = ALL\n[s]\npath = %s\nhosts allow = 10.1. EXCEPT 10.1.1.1\n[t]\npath = %s\nhosts deny =\n[u]\npath = %s\n' \
		"$TMP/share" "$TMP/share" "$TMP/share" >"$CONF"
	check
	assert_success
	assert_line "	hosts deny = ALL"
	assert_line "	hosts allow = 10.1.0.0/16 EXCEPT 10.1.1.1"
	# [t] sets an empty deny list, [u] sets nothing
	run bash -c '"$0" config check -c "$1" | sed -n "/^\[t\]/,/^\$/p"' "$CIFSCTL" "$CONF"
	assert_line "	hosts deny ="
	run bash -c '"$0" config check -c "$1" | sed -n "/^\[u\]/,\$p"' "$CIFSCTL" "$CONF"
	refute_output --partial hosts
	printf '[s]\npath = %s\ndeny hosts = 10.0.0.0/40\n' "$TMP/share" >"$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:3: deny hosts: bad network '10.0.0.0/40': prefix length must be 0-32"
}

@test "share set writes hosts allow with its Samba spelling" {
	printf '[s]\npath = %s\n' "$TMP/share" >"$CONF"
	run "$CIFSCTL" share set s hosts_allow="10.1. EXCEPT 10.1.1.1" -c "$CONF"
	assert_success
	run grep -Ex '[[:space:]]*hosts allow = 10\.1\. EXCEPT 10\.1\.1\.1' "$CONF"
	assert_success
	run "$CIFSCTL" share set s hosts_deny=@x -c "$CONF"
	assert_failure 1
	assert_output --partial "netgroups"
}

@test "limits and hosts lists are clean under valgrind" {
	command -v valgrind >/dev/null || fail "valgrind not installed (the CI installs it: see .ci/run)"
	printf '[global]\nmax connection memory = 1G\ndeadtime = 5\nhosts allow = 10. fe80::/10 EXCEPT 10.0.0.1 no-such-host.invalid\nhosts deny = ALL\n[s]\npath = %s\nhosts allow = LOCAL\n' "$TMP/share" >"$CONF"
	run valgrind -q --leak-check=full --error-exitcode=99 "$CIFSCTL" config check -c "$CONF"
	assert_success
	printf '[global]\nmax open files = 0\nhosts allow = 10. @x\n[s]\npath = %s\nhosts deny = 1.2.3.4/99\n' "$TMP/share" >"$CONF"
	run valgrind -q --leak-check=full --error-exitcode=99 "$CIFSCTL" config check -c "$CONF"
	assert_failure 1
}
