#!/usr/bin/env bats
# Management of a running server in the lab: share add/del, user del,
# user disable/enable, each applied with "cifsctl reload" (no restart),
# and "cifsctl debug" switching kernel debug messages.
load helpers

PORT=$(suite_port 4490)
RUN=/run/cifsd
CTL_CONF="-c $RUN/smb.conf"
CTL_DB="--db $RUN/users.db"
CTL_PID="--pidfile $RUN/cifsctl.pid"

# Unknown users are refused rather than mapped to guest, so a deleted
# user's login fails with LOGON_FAILURE (the last "map to guest" wins).
setup_file() { LAB_SMB_GLOBAL="map to guest = never" lab_up manage "$PORT"; }
teardown_file() { lab_cleanup; }

setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }

# smbc SHARE USER PASS CMDS
smbc() {
	smbclient "//127.0.0.1/$1" -p "$PORT" -U "$2%$3" -c "$4"
}

# cifsctl in the guest, then a reload; the daemon handles SIGHUP right
# away, the short pause only makes sure it has before the next connect.
ctl_reload() {
	guest "\$CIFSCTL $* && \$CIFSCTL reload $CTL_PID && sleep 0.3"
}

@test "server starts in the lab" {
	lab_booted
}

@test "share add + reload: the new share is reachable without a restart" {
	run smbc docs "$USER_NAME" "$USER_PASS" "ls"
	assert_failure
	assert_output --partial NT_STATUS_BAD_NETWORK_NAME
	run guest "mkdir -p /srv/docs && echo manage-test >/srv/docs/hello.txt && chmod 0777 /srv/docs"
	assert_success
	run ctl_reload share add docs $CTL_CONF path=/srv/docs writeable=yes "'comment=added by cifsctl'"
	echo "$output"
	assert_success
	run smbc docs "$USER_NAME" "$USER_PASS" "get hello.txt $BATS_TEST_TMPDIR/hello.txt; put $BATS_TEST_TMPDIR/hello.txt back.txt"
	echo "$output"
	assert_success
	[ "$(cat "$BATS_TEST_TMPDIR/hello.txt")" = manage-test ]
	run guest "cat /srv/docs/back.txt"
	assert_output manage-test
}

@test "share set + reload: a changed share applies to new tree connects" {
	run ctl_reload share set docs $CTL_CONF writeable=no
	assert_success
	echo again >"$BATS_TEST_TMPDIR/again.txt"
	run smbc docs "$USER_NAME" "$USER_PASS" "put $BATS_TEST_TMPDIR/again.txt again.txt"
	assert_failure
	assert_output --partial NT_STATUS_ACCESS_DENIED
}

@test "share del + reload: new tree connects get BAD_NETWORK_NAME" {
	run ctl_reload share del docs $CTL_CONF
	assert_success
	run smbc docs "$USER_NAME" "$USER_PASS" "ls"
	assert_failure
	assert_output --partial NT_STATUS_BAD_NETWORK_NAME
	# the other shares are untouched
	run smbc share "$USER_NAME" "$USER_PASS" "ls"
	assert_success
}

@test "user disable + reload: logon failure; enable + reload: works again" {
	run ctl_reload user disable "$USER_NAME" $CTL_DB
	assert_success
	run smbc share "$USER_NAME" "$USER_PASS" "ls"
	assert_failure
	assert_output --partial NT_STATUS_LOGON_FAILURE
	run ctl_reload user enable "$USER_NAME" $CTL_DB
	assert_success
	run smbc share "$USER_NAME" "$USER_PASS" "ls"
	assert_success
}

@test "user del + reload: that user's new logins fail" {
	run guest "printf 'Other-Pass2\n' | \$CIFSCTL user add other $CTL_DB && \$CIFSCTL reload $CTL_PID && sleep 0.3"
	assert_success
	run smbc share other Other-Pass2 "ls"
	assert_success
	run ctl_reload user del other $CTL_DB
	assert_success
	run smbc share other Other-Pass2 "ls"
	assert_failure
	assert_output --partial NT_STATUS_LOGON_FAILURE
	run smbc share "$USER_NAME" "$USER_PASS" "ls"
	assert_success
}

@test "debug +auth: a login shows the auth line in the guest dmesg" {
	run guest "\$CIFSCTL debug none"
	assert_success
	run guest "\$CIFSCTL debug +auth"
	assert_success
	assert_line "auth  on"
	assert_line "conn  off"
	run guest "cat /sys/module/cifsd/parameters/debug"
	assert_output 2
	run smbc share "$USER_NAME" "$USER_PASS" "ls"
	assert_success
	run guest "dmesg | grep 'cifsd: auth: .*session setup of user .$USER_NAME.: success'"
	echo "$output"
	assert_success
	run smbc share "$USER_NAME" wrong-password "ls"
	assert_failure
	run guest "dmesg | grep 'cifsd: auth: .*user .$USER_NAME.: failed (0xc000006d)'"
	assert_success
	run guest "\$CIFSCTL debug none"
	assert_success
	run guest "dmesg -c >/dev/null; \$CIFSCTL debug; cat /sys/module/cifsd/parameters/debug"
	assert_line "auth  off"
	assert_line 0
}

@test "reload refuses a broken config and the server keeps serving" {
	run guest "cp $RUN/smb.conf /tmp/smb.conf.good && printf 'read only = maybe\n' >>$RUN/smb.conf"
	assert_success
	run guest "\$CIFSCTL reload $CTL_PID"
	assert_failure 1
	assert_output --partial "bad value 'maybe'"
	assert_output --partial "not reloading"
	run guest "cp /tmp/smb.conf.good $RUN/smb.conf && \$CIFSCTL reload $CTL_PID"
	assert_success
	run smbc share "$USER_NAME" "$USER_PASS" "ls"
	assert_success
}

@test "version shows the loaded module; reload with a bad pid file fails" {
	run guest "\$CIFSCTL version"
	assert_success
	assert_line "cifsd.ko 0.1.0"
	run guest "\$CIFSCTL reload --pidfile /run/nonexistent.pid"
	assert_failure 1
	assert_output --partial "cifsd is not running"
}

@test "server teardown is clean" {
	lab_down_checked
}
