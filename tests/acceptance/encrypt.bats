#!/usr/bin/env bats
# SMB 3 encryption and AES-GMAC signing against cifsd in the lab:
# smbclient -e (3.0 and 3.1.1, every 3.1.1 cipher) and cifs.ko seal
# (3.0 and 3.1.1) move 64 MiB with matching sha256 (cifs.ko 3.0.2: 16 MiB);
# smbtorture's smb2.session signing and encryption subtests; a share with
# "smb encrypt = required" refuses SMB 2 clients, 3.x clients without
# encryption and unencrypted requests (encprobe.py); /sys/fs/cifsd/sessions
# shows the cipher and the signing algorithm.
load helpers

PORT=$(suite_port 4462)
SECRET="[secret]
	path = /srv/share
	writeable = yes
	smb encrypt = required"

setup_file() {
	head -c 64M /dev/urandom >"$BATS_FILE_TMPDIR/big"
	sha256sum <"$BATS_FILE_TMPDIR/big" | cut -d' ' -f1 >"$BATS_FILE_TMPDIR/big.sha256"
	LAB_SMB_EXTRA="$SECRET" lab_up encrypt "$PORT"
}

teardown_file() { lab_cleanup; }

setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }

smb() { # smb SHARE [smbclient options...] -c CMDS
	local share=$1; shift
	smbclient "//127.0.0.1/$share" -p "$PORT" -U "$USER_NAME%$USER_PASS" "$@"
}

# put and get 64 MiB encrypted, compare sha256 on the host and in the guest
put_get() {
	local tag=$1; shift
	local big=$BATS_FILE_TMPDIR/big back=$BATS_FILE_TMPDIR/back-$tag
	run smb share --client-protection=encrypt --timeout=120 "$@" -c "put $big big-$tag; get big-$tag $back; del big-$tag"
	echo "$output"
	assert_success
	[ "$(sha256sum <"$back" | cut -d' ' -f1)" = "$(cat "$BATS_FILE_TMPDIR/big.sha256")" ] ||
		fail "sha256 of the file read back differs"
	rm -f "$back"
}

# session_line PATTERN OPTIONS...: a client that holds its session open
# (smbclient reading commands from a FIFO we keep open) while we look
# for a line of /sys/fs/cifsd/sessions matching the glob *PATTERN*;
# prints the sessions seen, fails when none matched
session_line() {
	local pat=$1 fifo=$BATS_TEST_TMPDIR/hold pid i out=
	shift
	rm -f "$fifo"
	mkfifo "$fifo"
	smb share "$@" <"$fifo" >/dev/null 2>&1 3>&- &
	pid=$!
	exec 4>"$fifo"
	for i in $(seq 20); do
		sleep 1
		out=$(guest "grep '^0x' /sys/fs/cifsd/sessions") || true
		[[ $out == *$pat* ]] && break
	done
	exec 4>&-
	wait "$pid" || true
	echo "$out"
	[[ $out == *$pat* ]]
}

@test "server starts in the lab" {
	lab_booted
}

@test "smbclient -e: put/get 64 MiB, SMB3_00 (AES-128-CCM)" {
	put_get e300 -m SMB3_00
}

@test "smbclient -e: put/get 64 MiB, SMB3_11 (AES-128-GCM)" {
	put_get e311 -m SMB3_11
}

@test "smbclient -e: each SMB 3.1.1 cipher, and the session shows it" {
	local c
	for c in AES-128-CCM AES-256-GCM AES-256-CCM; do
		run smb share --client-protection=encrypt -m SMB3_11 \
			--option="client smb3 encryption algorithms=$c" -c 'ls'
		echo "$c: $output"
		assert_success
	done
	session_line " 3.1.1 "*" aes-256-gcm " --client-protection=encrypt \
		-m SMB3_11 --option="client smb3 encryption algorithms=AES-256-GCM" ||
		fail "no 3.1.1 session with aes-256-gcm"
	session_line " 3.0 "*" aes-128-ccm " --client-protection=encrypt \
		-m SMB3_00 || fail "no 3.0 session with aes-128-ccm"
}

@test "signing: SMB 3.1.1 signs with AES-GMAC, SMB 3.0 with AES-CMAC" {
	session_line " 3.1.1 aes-gmac no " --client-protection=sign -m SMB3_11 ||
		fail "no 3.1.1 session signing with aes-gmac"
	session_line " 3.0 aes-cmac no " --client-protection=sign -m SMB3_00 ||
		fail "no 3.0 session signing with aes-cmac"
	session_line " 3.1.1 aes-cmac no " --client-protection=sign -m SMB3_11 \
		--option="client smb3 signing algorithms=AES-128-CMAC" ||
		fail "no 3.1.1 session signing with aes-cmac"
}

@test "smbtorture smb2.session: every signing algorithm and cipher" {
	local t
	for t in signing-hmac-sha-256 signing-aes-128-cmac signing-aes-128-gmac \
		encryption-aes-128-ccm encryption-aes-128-gcm \
		encryption-aes-256-ccm encryption-aes-256-gcm; do
		run timeout 120 smbtorture "//127.0.0.1/share" -p "$PORT" \
			-U "$USER_NAME%$USER_PASS" "smb2.session.$t"
		echo "$output" | grep -E '^(success|failure|error|skip)' || echo "$output"
		assert_success
		assert_output --partial "success: $t"
	done
}

# smbclient and cifs.ko encrypt by themselves once TREE_CONNECT answers
# SMB2_SHAREFLAG_ENCRYPT_DATA, so the unencrypted 3.x client is encprobe.py
@test "smb encrypt = required: unencrypted and SMB 2 clients refused, encrypted served" {
	run /usr/bin/python3 "$BATS_TEST_DIRNAME/encprobe.py" -p "$PORT" \
		-U "$USER_NAME%$USER_PASS" -s secret nocap
	echo "3.0 without the encryption capability: $output"
	assert_success
	run /usr/bin/python3 "$BATS_TEST_DIRNAME/encprobe.py" -p "$PORT" \
		-U "$USER_NAME%$USER_PASS" -s secret plain
	echo "3.0, an unencrypted CREATE: $output"
	assert_success
	run smb secret -m SMB2_10 -c 'ls'
	echo "$output"
	assert_failure
	assert_output --partial "NT_STATUS_ACCESS_DENIED"
	run smb secret --client-protection=encrypt -m SMB3_00 -c 'ls'
	assert_success
	run smb secret --client-protection=encrypt -m SMB3_11 -c 'ls'
	assert_success
	# the unrestricted share still serves plain clients
	run smb share -m SMB3_11 -c 'ls'
	assert_success
}

# 3.0.2 encrypts as 3.0 does: 16 MiB there keep the suite in its budget
@test "cifs.ko seal: 64 MiB at vers=3.0 and 3.1.1, 16 MiB at 3.0.2, on the share that requires it" {
	local vers mib
	for vers in 3.0 3.0.2 3.1.1; do
		mib=64
		[ "$vers" = 3.0.2 ] && mib=16
		run guest "dd if=/dev/urandom of=/tmp/big bs=1M count=$mib 2>/dev/null &&
			sha256sum /tmp/big | cut -d' ' -f1 > /tmp/big.sha"
		assert_success
		run guest "
			set -e
			mkdir -p /mnt/s
			mount -t cifs //127.0.0.1/secret /mnt/s -o vers=$vers,seal,username=$USER_NAME,password=$USER_PASS
			trap 'umount /mnt/s 2>/dev/null' EXIT
			grep -q ' /mnt/s cifs .*seal' /proc/mounts
			grep -q ' $vers .*aes-' /sys/fs/cifsd/sessions
			cp /tmp/big /mnt/s/big-$vers
			sync
			echo 3 > /proc/sys/vm/drop_caches
			[ \"\$(sha256sum /mnt/s/big-$vers | cut -d' ' -f1)\" = \"\$(cat /tmp/big.sha)\" ]
			[ \"\$(sha256sum /srv/share/big-$vers | cut -d' ' -f1)\" = \"\$(cat /tmp/big.sha)\" ]
			rm /mnt/s/big-$vers
			echo seal-$vers-ok"
		echo "$output"
		assert_success
		assert_output --partial "seal-$vers-ok"
	done
}

@test "teardown: cifsctl stop, rmmod cifsd, dmesg clean" {
	lab_down_checked
}
