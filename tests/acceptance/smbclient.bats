#!/usr/bin/env bats
# smbclient against cifsd in the lab: 64 MiB put/get per dialect and with
# signing, directory operations, listing, and the two classic errors.
load helpers

PORT=$(suite_port 4450)

setup_file() {
	head -c 64M /dev/urandom >"$BATS_FILE_TMPDIR/big"
	sha256sum <"$BATS_FILE_TMPDIR/big" | cut -d' ' -f1 >"$BATS_FILE_TMPDIR/big.sha256"
	lab_up smbclient "$PORT"
}

teardown_file() { lab_cleanup; }

setup() { require_lab_unless_first; }

require_lab_unless_first() {
	[ "$BATS_TEST_NUMBER" = 1 ] || require_lab
}

smb() { # smb [smbclient options...] -c CMDS
	smbclient "//127.0.0.1/share" -p "$PORT" -U "$USER_NAME%$USER_PASS" "$@"
}

# put and get 64 MiB, compare sha256 on the host and in the guest
put_get() {
	local tag=$1; shift
	local big=$BATS_FILE_TMPDIR/big back=$BATS_FILE_TMPDIR/back-$tag
	run smb "$@" -c "put $big big-$tag; get big-$tag $back"
	echo "$output"
	assert_success
	[ "$(sha256sum <"$back" | cut -d' ' -f1)" = "$(cat "$BATS_FILE_TMPDIR/big.sha256")" ] ||
		fail "sha256 of the file read back differs"
	run guest "sha256sum /srv/share/big-$tag"
	assert_success
	assert_output --partial "$(cat "$BATS_FILE_TMPDIR/big.sha256")"
	run smb "$@" -c "del big-$tag"
	assert_success
	rm -f "$back"
}

@test "server starts in the lab" {
	lab_booted
}

@test "put/get 64 MiB, SMB2_10" {
	put_get smb210 -m SMB2_10
}

@test "put/get 64 MiB, SMB3_00" {
	put_get smb300 -m SMB3_00
}

@test "put/get 64 MiB, SMB3_11" {
	put_get smb311 -m SMB3_11
}

@test "put/get 64 MiB, SMB3_11 with signing required" {
	put_get signed311 -m SMB3_11 --client-protection=sign
}

@test "signing required works with SMB2_10 (HMAC-SHA256) and SMB3_00 (AES-CMAC)" {
	local f=$BATS_FILE_TMPDIR/small
	head -c 100000 /dev/urandom >"$f"
	for p in SMB2_10 SMB3_00; do
		run smb -m "$p" --client-protection=sign -c "put $f small-$p; get small-$p $f.$p; del small-$p"
		echo "$output"
		assert_success
		cmp "$f" "$f.$p" || fail "data differs with signing on $p"
	done
}

@test "mkdir, rename, rmdir, del" {
	local f=$BATS_FILE_TMPDIR/hello
	echo hello >"$f"
	run smb -c "mkdir d1; mkdir d1\\sub; put $f d1\\sub\\a.txt; rename d1\\sub\\a.txt d1\\sub\\b.txt; rename d1\\sub d1\\sub2; ls d1\\sub2\\*"
	echo "$output"
	assert_success
	assert_output --regexp 'b\.txt +A +6 '
	refute_line --regexp '^ +a\.txt +A'
	run guest 'cat /srv/share/d1/sub2/b.txt; ls /srv/share/d1'
	assert_success
	assert_output --partial hello
	assert_output --partial sub2
	run smb -c "del d1\\sub2\\b.txt; rmdir d1\\sub2; rmdir d1"
	echo "$output"
	assert_success
	refute_output --partial NT_STATUS
	run guest 'ls -A /srv/share'
	refute_output --partial d1
}

@test "ls shows names with sizes and times" {
	run guest 'mkdir -p /srv/share/lsdir && head -c 12345 /dev/zero >/srv/share/lsdir/file12345 &&
		touch -d "2021-03-04 05:06:07" /srv/share/lsdir/file12345 && mkdir /srv/share/lsdir/subdir'
	assert_success
	run smb -c 'ls lsdir\*'
	echo "$output"
	assert_success
	# "  file12345   A   12345  Thu Mar  4 05:06:07 2021"
	assert_output --regexp 'file12345 +[A-Z]* +12345 +[A-Z][a-z]{2} [A-Z][a-z]{2} +4 05:06:07 2021'
	assert_output --regexp 'subdir +D +0 +[A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]+ [0-9:]{8} [0-9]{4}'
	assert_output --regexp 'blocks of size [0-9]+\. [0-9]+ blocks available'
}

@test "read-only share refuses writes, serves reads" {
	local f=$BATS_FILE_TMPDIR/ro-get
	run smbclient //127.0.0.1/ro -p "$PORT" -U "$USER_NAME%$USER_PASS" -c "get readme.txt $f"
	echo "$output"
	assert_success
	grep -q 'read-only share' "$f"
	run smbclient //127.0.0.1/ro -p "$PORT" -U "$USER_NAME%$USER_PASS" -c "put $f x.txt"
	echo "$output"
	assert_output --partial NT_STATUS_ACCESS_DENIED
}

@test "wrong password fails with NT_STATUS_LOGON_FAILURE" {
	run smbclient //127.0.0.1/share -p "$PORT" -U "$USER_NAME%wrong-password" -c ls
	echo "$output"
	assert_failure
	assert_output --partial NT_STATUS_LOGON_FAILURE
}

@test "unknown share fails with NT_STATUS_BAD_NETWORK_NAME" {
	run smbclient //127.0.0.1/no-such-share -p "$PORT" -U "$USER_NAME%$USER_PASS" -c ls
	echo "$output"
	assert_failure
	assert_output --partial NT_STATUS_BAD_NETWORK_NAME
}

@test "teardown: cifsctl stop, rmmod cifsd, dmesg clean" {
	lab_down_checked
}
