#!/usr/bin/env bats
# cifsctl command line: help, version, usage errors, start/stop on a host
# that cannot load cifsd.ko.

load cifsctl_helpers

setup() { common_setup; }
teardown() { common_teardown; }

@test "--version and version print the project version" {
	export CIFSCTL_SYSFS_MODULE="$TMP/nothing"	# no module here
	run "$CIFSCTL" --version
	assert_success
	assert_output "cifsctl 0.1.0
cifsd.ko not loaded"
	run "$CIFSCTL" version
	assert_success
	assert_line --index 0 "cifsctl 0.1.0"
}

@test "--help lists every command" {
	run "$CIFSCTL" --help
	assert_success
	for cmd in start stop user config help version; do
		assert_output --partial "  $cmd"
	done
}

@test "every command has --help and help COMMAND" {
	for cmd in start stop user config; do
		run "$CIFSCTL" "$cmd" --help
		assert_success
		assert_output --partial "Usage: cifsctl $cmd"
		run "$CIFSCTL" help "$cmd"
		assert_success
		assert_output --partial "Usage: cifsctl $cmd"
	done
	run "$CIFSCTL" user add --help
	assert_success
	assert_output --partial "Usage: cifsctl user add"
	run "$CIFSCTL" config check --help
	assert_success
	assert_output --partial "Usage: cifsctl config check"
}

@test "no command is a usage error" {
	run "$CIFSCTL"
	assert_failure 2
	assert_output --partial "Try 'cifsctl --help'"
}

@test "unknown command and option exit 2" {
	run "$CIFSCTL" frobnicate
	assert_failure 2
	assert_line --index 0 "cifsctl: unknown command 'frobnicate'"
	assert_line --index 1 "Try 'cifsctl --help'"
	run "$CIFSCTL" --frob
	assert_failure 2
	run "$CIFSCTL" help frobnicate
	assert_failure 2
	for cmd in start stop "user list" "config check"; do
		run "$CIFSCTL" $cmd --bogus
		assert_failure 2
		assert_output --partial "unknown option '--bogus'"
		assert_output --partial "Try 'cifsctl --help'"
	done
}

@test "missing arguments exit 2" {
	run "$CIFSCTL" user add
	assert_failure 2
	run "$CIFSCTL" user
	assert_failure 2
	run "$CIFSCTL" user frob x
	assert_failure 2
	run "$CIFSCTL" user list --db
	assert_failure 2
	assert_output --partial "needs an argument"
	run "$CIFSCTL" config
	assert_failure 2
	run "$CIFSCTL" config check -c
	assert_failure 2
	run "$CIFSCTL" start --pidfile
	assert_failure 2
	run "$CIFSCTL" start extra
	assert_failure 2
	run "$CIFSCTL" user del a b --db "$DB"
	assert_failure 2
}

@test "start with a bad config exits 1 before touching the kernel" {
	printf '[global]\nport = banana\n' > "$CONF"
	run timeout 10 "$CIFSCTL" start -c "$CONF" --db "$DB" --pidfile "$TMP/pid" \
		--module "$TMP/no-such.ko"
	assert_failure 1
	assert_output --partial "$CONF:2: bad value 'banana' for 'port'"
	refute_output --partial "load"
	refute_output --partial "module"
	[ ! -e "$TMP/pid" ]
}

@test "start with a garbled user db exits 1 before touching the kernel" {
	printf '[global]\n' > "$CONF"
	printf 'nonsense\n' > "$DB"
	run timeout 10 "$CIFSCTL" start -c "$CONF" --db "$DB" --pidfile "$TMP/pid"
	assert_failure 1
	assert_output "$DB:1: malformed entry (expected name:base64-nt-hash)"
}

@test "start on a host that cannot load the module fails with one clear line" {
	if [ -e /proc/modules ] && grep -q '^cifsd ' /proc/modules; then
		skip "cifsd is loaded on this machine"
	fi
	printf '[global]\nport = 4445\n[s]\npath = %s\n' "$TMP/share" > "$CONF"
	run timeout 20 "$CIFSCTL" start -c "$CONF" --db "$DB" --pidfile "$TMP/pid"
	assert_failure 1
	assert_equal "${#lines[@]}" 1
	assert_output --regexp "^cifsctl: cannot load module cifsd: (this kernel cannot load modules|not found for kernel)"
	[ ! -e "$TMP/pid" ]
}

@test "start --module with a missing file fails with one clear line" {
	if [ -e /proc/modules ] && grep -q '^cifsd ' /proc/modules; then
		skip "cifsd is loaded on this machine"
	fi
	printf '[global]\n' > "$CONF"
	run timeout 20 "$CIFSCTL" start -c "$CONF" --db "$DB" --pidfile "$TMP/pid" \
		--module "$TMP/cifsd.ko"
	assert_failure 1
	assert_equal "${#lines[@]}" 1
	assert_output --regexp "^cifsctl: cannot load $TMP/cifsd.ko: (this kernel cannot load modules|module not found)"
}

@test "stop with nothing running exits 1 with one line" {
	if [ -e /proc/modules ] && grep -q '^cifsd ' /proc/modules; then
		skip "cifsd is loaded on this machine"
	fi
	run timeout 20 "$CIFSCTL" stop --pidfile "$TMP/pid"
	assert_failure 1
	assert_output --partial "cifsd is not running"
	echo 1 > "$TMP/pid"	# pid 1 is never a cifsctl daemon
	run timeout 20 "$CIFSCTL" stop --pidfile "$TMP/pid"
	assert_failure 1
	assert_output --partial "cifsd is not running"
}
