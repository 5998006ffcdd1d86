#!/usr/bin/env bats
# The open-state keys (oplocks, leases, durable handles): [global] smb2
# leases, max async requests per connection, oplock break timeout, max
# locks per open; per share oplocks, level2 oplocks, durable handles,
# kernel oplocks, posix locking, continuous availability.  Defaults, good
# and bad values, share add/set, valgrind.  What the kernel gets is
# checked by test_handlers and test_nl_requests (meson test); that the
# kernel applies it, by tests/acceptance/openstate-config.bats.

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

# share KEY VALUE...: [global], then [s] (line 2) with a path (line 3)
# and these "KEY = VALUE" pairs (from line 4)
share() {
	{
		printf '[global]\n[s]\npath = %s\n' "$TMP/share"
		while [ $# -gt 1 ]; do
			printf '%s = %s\n' "$1" "$2"
			shift 2
		done
	} >"$CONF"
}

# printed KEY VALUE: config check succeeded without warnings and printed
# "KEY = VALUE"
printed() {
	[ "$status" -eq 0 ] || fail "refused: $output"
	[ -z "$(grep -i warning <<<"$output")" ] || fail "warned: $output"
	grep -qx "	$1 = $2" <<<"$output" ||
		fail "printed as '$(grep "	$1 =" <<<"$output")', not '$1 = $2'"
}

# refused LINE KEY VALUE EXPECTED: exactly one error line, naming the
# file, the line, the value and the key
refused() {
	[ "$status" -eq 1 ] || fail "'$2 = $3' accepted: $output"
	grep -qxF "$CONF:$1: bad value '$3' for '$2' (expected $4)" <<<"$output" ||
		fail "'$2 = $3': $output"
	[ "$(grep -c "^$CONF:" <<<"$output")" -eq 1 ] || fail "more than one message: $output"
}

@test "defaults: leases on, 512 async requests, 35 s breaks, 4096 locks, 16384 durable; every share key on but CA" {
	printf '[global]\n[s]\npath = %s\n' "$TMP/share" >"$CONF"
	check
	assert_success
	for kv in "smb2 leases = yes" "smb3 directory leases = yes" "max async requests per connection = 512" \
		"oplock break timeout = 35" "max locks per open = 4096" \
		"max disconnected durable handles = 16384" \
		"oplocks = yes" "level2 oplocks = yes" "durable handles = yes" \
		"kernel oplocks = yes" "posix locking = yes" \
		"continuous availability = no"; do
		assert_line "	$kv"
	done
}

@test "smb2 leases: a boolean, Samba's spellings" {
	for v in no No false off 0; do
		global "smb2 leases" "$v"
		check
		printed "smb2 leases" no
	done
	for v in yes TRUE on 1; do
		global "SMB2 Leases" "$v"
		check
		printed "smb2 leases" yes
	done
	global "smb2 leases" maybe
	check
	refused 2 "smb2 leases" maybe "yes or no"
	global "smb2 leases" ""
	check
	refused 2 "smb2 leases" "" "yes or no"
}

@test "smb3 directory leases: a boolean or Samba's auto (yes)" {
	for v in no off 0; do
		global "smb3 directory leases" "$v"
		check
		printed "smb3 directory leases" no
	done
	for v in yes Auto 1; do
		global "smb3 directory leases" "$v"
		check
		printed "smb3 directory leases" yes
	done
	global "smb3 directory leases" sometimes
	check
	refused 2 "smb3 directory leases" sometimes "yes or no"
}

@test "max async requests per connection: 1-65535" {
	global "max async requests per connection" 1
	check
	printed "max async requests per connection" 1
	global "max async requests per connection" 65535
	check
	printed "max async requests per connection" 65535
	for v in 0 65536 -1 12x; do
		global "max async requests per connection" "$v"
		check
		refused 2 "max async requests per connection" "$v" "a number 1-65535"
	done
}

@test "oplock break timeout: seconds 1-3600" {
	global "oplock break timeout" 1
	check
	printed "oplock break timeout" 1
	global "Oplock Break Timeout" 3600
	check
	printed "oplock break timeout" 3600
	for v in 0 3601 35s 1.5; do
		global "oplock break timeout" "$v"
		check
		refused 2 "oplock break timeout" "$v" "seconds 1-3600"
	done
}

@test "max locks per open: 1-65535" {
	global "max locks per open" 1
	check
	printed "max locks per open" 1
	global "max locks per open" 65535
	check
	printed "max locks per open" 65535
	for v in 0 65536 many; do
		global "max locks per open" "$v"
		check
		refused 2 "max locks per open" "$v" "a number 1-65535"
	done
}

@test "max disconnected durable handles: 1-1000000" {
	global "max disconnected durable handles" 1
	check
	printed "max disconnected durable handles" 1
	global "Max Disconnected Durable Handles" 1000000
	check
	printed "max disconnected durable handles" 1000000
	for v in 0 1000001 lots; do
		global "max disconnected durable handles" "$v"
		check
		refused 2 "max disconnected durable handles" "$v" "a number 1-1000000"
	done
}

@test "share keys: each one on and off, Samba's spellings" {
	local k
	for k in oplocks "level2 oplocks" "durable handles" "kernel oplocks" \
		"posix locking" "continuous availability"; do
		share "$k" no
		check
		printed "$k" no
		share "$k" yes
		check
		printed "$k" yes
	done
	# blanks and case do not matter
	share Level2Oplocks off "KERNEL  OPLOCKS" false
	check
	printed "level2 oplocks" no
	printed "kernel oplocks" no
}

@test "share keys: a bad value is one line with file, line and key" {
	local k
	for k in oplocks "level2 oplocks" "durable handles" "kernel oplocks" \
		"posix locking" "continuous availability"; do
		share comment x "$k" sometimes
		check
		refused 5 "$k" sometimes "yes or no"
	done
}

@test "continuous availability needs durable handles" {
	share "durable handles" no "continuous availability" yes
	check
	assert_failure 1
	assert_line "$CONF:5: share [s]: continuous availability = yes needs durable handles; remove 'durable handles = no' or set 'continuous availability = no'"
	[ "$(grep -c "^$CONF:" <<<"$output")" -eq 1 ] || fail "$output"
	share "continuous availability" yes "durable handles" no
	check
	assert_line --partial "$CONF:4: share [s]: continuous availability"
	share "durable handles" no "continuous availability" no
	check
	assert_success
}

@test "the keys are per share" {
	printf '[global]\n[a]\npath = %s\noplocks = no\n[b]\npath = %s\n' \
		"$TMP/share" "$TMP/share" >"$CONF"
	run bash -c '"$0" config check -c "$1" | sed -n "/^\[a\]/,/^\$/p"' "$CIFSCTL" "$CONF"
	assert_line "	oplocks = no"
	run bash -c '"$0" config check -c "$1" | sed -n "/^\[b\]/,\$p"' "$CIFSCTL" "$CONF"
	assert_line "	oplocks = yes"
	# oplocks in [global] is not a global key: a warning, ignored
	printf '[global]\noplocks = no\n' >"$CONF"
	check
	assert_success
	assert_line "$CONF:2: warning: unknown key 'oplocks' in [global], ignored"
}

@test "share add and share set write the keys with Samba's spelling" {
	printf '[global]\n' >"$CONF"
	run "$CIFSCTL" share add s -c "$CONF" path="$TMP/share" oplocks=no \
		level2_oplocks=no durable-handles=no
	assert_success
	run grep -Ex '[[:space:]]*(oplocks|level2 oplocks|durable handles) = no' "$CONF"
	assert_success
	[ "${#lines[@]}" -eq 3 ]
	run "$CIFSCTL" share set s -c "$CONF" kernel_oplocks=no posix_locking=no \
		continuous_availability=no durable_handles=yes
	assert_success
	run "$CIFSCTL" share show s -c "$CONF"
	assert_success
	for kv in "oplocks = no" "level2 oplocks = no" "durable handles = yes" \
		"kernel oplocks = no" "posix locking = no" \
		"continuous availability = no"; do
		assert_line "	$kv"
	done
	cp "$CONF" "$TMP/before.conf"
	run "$CIFSCTL" share set s -c "$CONF" oplocks=perhaps
	assert_failure 1
	assert_output --partial "bad value 'perhaps' for 'oplocks' (expected yes or no)"
	[ "${#lines[@]}" -le 2 ] || fail "$output"
	cmp "$TMP/before.conf" "$CONF"
	run "$CIFSCTL" share set s -c "$CONF" durable_handles=no continuous_availability=yes
	assert_failure 1
	assert_output --partial "continuous availability = yes needs durable handles"
	cmp "$TMP/before.conf" "$CONF"
}

@test "open-state keys are clean under valgrind" {
	command -v valgrind >/dev/null || fail "valgrind not installed (the CI installs it: see .ci/run)"
	printf '[global]\nsmb2 leases = no\noplock break timeout = 5\nmax locks per open = 9\nmax async requests per connection = 3\n[s]\npath = %s\noplocks = no\nlevel2 oplocks = no\ndurable handles = yes\nkernel oplocks = no\nposix locking = no\ncontinuous availability = yes\n' "$TMP/share" >"$CONF"
	run valgrind -q --leak-check=full --error-exitcode=99 "$CIFSCTL" config check -c "$CONF"
	assert_success
	printf '[global]\nsmb2 leases = x\noplock break timeout = 0\n[s]\npath = %s\noplocks = x\ndurable handles = no\ncontinuous availability = yes\n' "$TMP/share" >"$CONF"
	run valgrind -q --leak-check=full --error-exitcode=99 "$CIFSCTL" config check -c "$CONF"
	assert_failure 1
	run valgrind -q --leak-check=full --error-exitcode=99 "$CIFSCTL" share set s -c "$CONF" oplocks=no
	assert_failure 1
}
