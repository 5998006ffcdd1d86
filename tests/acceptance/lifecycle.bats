#!/usr/bin/env bats
# Server lifecycle in the lab: start, stop (also with a client mounted),
# rmmod, start again; every step must leave the guest kernel log clean.
load helpers

PORT=$(suite_port 4453)
PIDFILE=/run/cifsd/cifsctl.pid

setup_file() { lab_up lifecycle "$PORT"; }
teardown_file() { lab_cleanup; }
setup() {
	[ "$BATS_TEST_NUMBER" = 1 ] || require_lab
	[ "${CIFSD_TEST_SERVER:-cifsd}" = cifsd ] || [ "$BATS_TEST_NUMBER" = 1 ] ||
		skip "cifsd-specific (CIFSD_TEST_SERVER=${CIFSD_TEST_SERVER})"
}

listening_445() {
	guest "cat /proc/net/tcp /proc/net/tcp6 | awk '\$2 ~ /:01BD\$/ && \$4 == \"0A\" { f = 1 } END { exit !f }'"
}

smb_ls() { smbclient //127.0.0.1/share -p "$PORT" -U "$USER_NAME%$USER_PASS" -c ls; }

@test "server starts in the lab" {
	lab_booted
}

@test "cifsd.ko is loaded, port 445 listens, smbclient connects" {
	run guest "grep '^cifsd ' /proc/modules"
	echo "$output"
	assert_success
	run listening_445
	assert_success
	run smb_ls
	echo "$output"
	assert_success
}

@test "cifsctl stop stops serving" {
	run guest "\$CIFSCTL stop --pidfile $PIDFILE"
	echo "$output"
	assert_success
	run guest "i=0; while cat /proc/net/tcp /proc/net/tcp6 | awk '\$2 ~ /:01BD\$/ && \$4 == \"0A\" { f = 1 } END { exit !f }'; do
		i=\$((i + 1)); [ \$i -gt 50 ] && exit 1; usleep 100000; done"
	assert_success
	run smb_ls
	assert_failure
}

@test "rmmod cifsd after stop" {
	run guest "rmmod cifsd && ! grep '^cifsd ' /proc/modules"
	echo "$output"
	assert_success
}

@test "start again after rmmod" {
	run guest "sh \$LAB_DIR/cifsd-guest-start"
	echo "$output"
	assert_success
	run smb_ls
	echo "$output"
	assert_success
}

@test "stop and rmmod while a cifs mount is active" {
	run guest "mkdir -p /mnt/busy && mount -t cifs //127.0.0.1/share /mnt/busy -o vers=3.1.1,username=$USER_NAME,password=$USER_PASS &&
		echo data >/mnt/busy/open-file && ls /mnt/busy"
	echo "$output"
	assert_success
	run guest "sh \$LAB_DIR/cifsd-guest-stop"
	echo "$output"
	assert_success
	run guest "umount -f /mnt/busy || umount -l /mnt/busy"
	echo "$output"
}

@test "SMB1 NEGOTIATE offering SMB 2.??? gets the SMB2 wildcard answer (0x02FF)" {
	run guest "sh \$LAB_DIR/cifsd-guest-start"
	assert_success
	run /usr/bin/python3 "$BATS_TEST_DIRNAME/negprobe.py" smb1 "$PORT"
	echo "$output"
	assert_success
	assert_output "protocol=smb2 command=0 status=0x00000000 dialect=0x02ff security_mode=1"
	# and a client that starts with SMB1 ends up on SMB2/3
	run smbclient //127.0.0.1/share -p "$PORT" -U "$USER_NAME%$USER_PASS" \
		--option='client min protocol=NT1' -c ls
	echo "$output"
	assert_success
}

@test "port taken: cifsctl start says so in one line and exits 1" {
	run guest "sh \$LAB_DIR/cifsd-guest-stop >/dev/null 2>&1
		busybox nc -l -p 445 >/dev/null & p=\$!; usleep 300000
		\$CIFSCTL start -c /run/cifsd/smb.conf --db /run/cifsd/users.db \
			--module \$CIFSD_KO --pidfile /run/cifsd/p2.pid; rc=\$?
		kill \$p; exit \$rc"
	echo "$output"
	assert_equal "$status" 1
	assert_output --partial "port 445 is already in use"
	assert_equal "$(printf '%s\n' "$output" | grep -c 'cifsctl:')" 1
}

@test "server signing = mandatory: NEGOTIATE requires signing, clients still work" {
	run guest "LAB_SMB_GLOBAL='server signing = mandatory' sh \$LAB_DIR/cifsd-guest-start"
	echo "$output"
	assert_success
	run /usr/bin/python3 "$BATS_TEST_DIRNAME/negprobe.py" smb2 "$PORT"
	echo "$output"
	assert_success
	assert_output "protocol=smb2 command=0 status=0x00000000 dialect=0x0300 security_mode=3"
	run smb_ls
	echo "$output"
	assert_success
}

@test "start once more, then the standard teardown" {
	run guest "sh \$LAB_DIR/cifsd-guest-stop"
	echo "$output"
	run guest "sh \$LAB_DIR/cifsd-guest-start"
	echo "$output"
	assert_success
	run smb_ls
	assert_success
}

@test "teardown: cifsctl stop, rmmod cifsd, dmesg clean" {
	lab_down_checked
}
