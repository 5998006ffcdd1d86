#!/usr/bin/env bats
# File metadata through Windows-like clients: DOS attributes, creation
# time, NT ACLs and EAs set and read back (impacket, smbclient).
load helpers

PORT=$(suite_port 4456)

setup_file() { lab_up metadata "$PORT"; }
teardown_file() { lab_cleanup; }
setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }

@test "server starts in the lab" {
	lab_booted
}

@test "impacket: DOS attributes, creation time and an NT ACL set and read back" {
	/usr/bin/python3 -c 'import impacket' 2>/dev/null || fail "python3-impacket not installed (the CI installs it: see .ci/run)"
	run /usr/bin/python3 "$BATS_TEST_DIRNAME/meta_impacket.py" "$PORT" "$USER_NAME" "$USER_PASS"
	echo "$output"
	assert_success
	assert_output --partial "ok creation time kept"
	assert_output --partial "ok DOS attributes kept"
	assert_output --partial "ok NT ACL read back as set"
}

@test "smbclient: setmode +h +s shows in the listing and in allinfo" {
	run smbclient "//127.0.0.1/share" -p "$PORT" -U "$USER_NAME%$USER_PASS" \
		-c "put /etc/hostname dosattr.txt; setmode dosattr.txt +hs; ls dosattr.txt; allinfo dosattr.txt; del dosattr.txt"
	echo "$output"
	assert_success
	assert_output --regexp "dosattr.txt +A?HS|dosattr.txt +HS"
	assert_output --partial "attributes: HSA"
}

@test "a stream of 1 MiB written and read back" {
	/usr/bin/python3 -c 'import impacket' 2>/dev/null || fail "python3-impacket not installed (the CI installs it: see .ci/run)"
	run /usr/bin/python3 "$BATS_TEST_DIRNAME/stream_impacket.py" "$PORT" "$USER_NAME" "$USER_PASS"
	echo "$output"
	assert_success
	assert_output --partial "ok 1 MiB read back as written"
	assert_output --partial "ok FileStreamInformation lists"
	assert_output --partial "ok the stream went with its file"
}

@test "teardown: cifsctl stop, rmmod cifsd, dmesg clean" {
	lab_down_checked
}
