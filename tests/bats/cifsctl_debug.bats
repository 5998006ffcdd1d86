#!/usr/bin/env bats
# cifsctl debug and version without the module: a fake
# /sys/module/cifsd in $CIFSCTL_SYSFS_MODULE stands in for the kernel.

load cifsctl_helpers

setup() {
	common_setup
	export CIFSCTL_SYSFS_MODULE="$TMP/sys"
	mkdir -p "$TMP/sys/parameters"
	echo 0 >"$TMP/sys/parameters/debug"
	echo 0.1.0 >"$TMP/sys/version"
}
teardown() { common_teardown; }

@test "debug without arguments prints every component" {
	echo 10 >"$TMP/sys/parameters/debug"
	run "$CIFSCTL" debug
	assert_success
	assert_output "conn  off
auth  on
smb2  off
vfs   on
ipc   off"
}

@test "debug all / none" {
	run "$CIFSCTL" debug all
	assert_success
	[ "$(cat "$TMP/sys/parameters/debug")" = 31 ]
	run "$CIFSCTL" debug none
	assert_success
	[ "$(cat "$TMP/sys/parameters/debug")" = 0 ]
	refute_output --partial " on"
}

@test "debug +NAME and -NAME keep the other components" {
	echo 8 >"$TMP/sys/parameters/debug"
	run "$CIFSCTL" debug +auth
	assert_success
	assert_line "auth  on"
	assert_line "vfs   on"
	[ "$(cat "$TMP/sys/parameters/debug")" = 10 ]
	run "$CIFSCTL" debug -vfs +ipc
	assert_success
	[ "$(cat "$TMP/sys/parameters/debug")" = 18 ]
}

@test "debug with bare names sets exactly those components" {
	echo 31 >"$TMP/sys/parameters/debug"
	run "$CIFSCTL" debug auth vfs
	assert_success
	[ "$(cat "$TMP/sys/parameters/debug")" = 10 ]
	run "$CIFSCTL" debug all -smb2
	assert_success
	[ "$(cat "$TMP/sys/parameters/debug")" = 27 ]
}

@test "debug with an unknown component is a usage error and changes nothing" {
	echo 2 >"$TMP/sys/parameters/debug"
	run "$CIFSCTL" debug +auth +bogus
	assert_failure 2
	assert_output --partial "unknown debug component '+bogus'"
	[ "$(cat "$TMP/sys/parameters/debug")" = 2 ]
}

@test "debug when the module is not loaded fails with exit 1" {
	export CIFSCTL_SYSFS_MODULE="$TMP/nothing"
	run "$CIFSCTL" debug
	assert_failure 1
	assert_output "cifsctl: cifsd module is not loaded (load it with 'cifsctl start' or 'modprobe cifsd')"
	run "$CIFSCTL" debug +auth
	assert_failure 1
}

@test "version prints tool and module versions" {
	run "$CIFSCTL" version
	assert_success
	assert_output "cifsctl 0.1.0
cifsd.ko 0.1.0"
	export CIFSCTL_SYSFS_MODULE="$TMP/nothing"
	run "$CIFSCTL" version
	assert_success
	assert_output "cifsctl 0.1.0
cifsd.ko not loaded"
	run "$CIFSCTL" version extra
	assert_failure 2
}

@test "reload without a running daemon fails with exit 1" {
	run "$CIFSCTL" reload --pidfile "$TMP/none.pid"
	assert_failure 1
	assert_output "cifsctl: cifsd is not running (no live daemon in $TMP/none.pid); start it with 'cifsctl start'"
	echo $$ >"$TMP/bash.pid"	# a live process that is not cifsctl
	run "$CIFSCTL" reload --pidfile "$TMP/bash.pid"
	assert_failure 1
	run "$CIFSCTL" reload extra
	assert_failure 2
}

@test "reload sends SIGHUP to the daemon named in the pid file" {
	mkdir "$TMP/bin"
	cat >"$TMP/bin/cifsctl" <<-EOF2
	#!/bin/bash
	trap 'echo hup >>"$TMP/got"' HUP
	echo \$\$ >"$TMP/fake.pid"
	for i in \$(seq 100); do sleep 0.1; done
	EOF2
	chmod +x "$TMP/bin/cifsctl"
	printf '[global]\n[docs]\npath = %s\n' "$TMP/share" >"$CONF"
	# relative paths are taken from the daemon's working directory
	(cd "$TMP" && exec "$TMP/bin/cifsctl" start -c smb.conf --db="$DB") &
	fake=$!
	for i in $(seq 50); do [ -s "$TMP/fake.pid" ] && break; sleep 0.1; done
	run "$CIFSCTL" reload --pidfile "$TMP/fake.pid"
	assert_success
	for i in $(seq 30); do [ -s "$TMP/got" ] && break; sleep 0.1; done
	run cat "$TMP/got"
	assert_output hup

	# a broken config: reported, and the daemon is not signalled
	printf '[docs]\npath = %s\nread only = maybe\n' "$TMP/share" >"$CONF"
	run "$CIFSCTL" reload --pidfile "$TMP/fake.pid"
	assert_failure 1
	assert_line --partial "bad value 'maybe' for 'read only'"
	assert_line --partial "cifsctl: not reloading: "
	# a broken user database, likewise
	printf '[docs]\npath = %s\n' "$TMP/share" >"$CONF"
	echo junk >"$DB"
	run "$CIFSCTL" reload --pidfile "$TMP/fake.pid"
	assert_failure 1
	assert_line --partial "the daemon keeps its old users"
	kill "$fake"
	run cat "$TMP/got"
	assert_output hup
}
