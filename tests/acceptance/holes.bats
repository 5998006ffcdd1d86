#!/usr/bin/env bats
# Reads around holes and the end of file through the kernel's cifs client
# in every mount mode (vers 2.1, 3.0, 3.1.1 x cache strict, none, loose):
# tests/holes/holes replays the sequence of issue 8, then random
# truncates, writes and reads, each read compared with a local model.
load helpers

PORT=$(suite_port 4458)
HOLES=$CIFSD_BUILD/tests/holes/holes
# Random runs per mode: seeds and operations each.
SEEDS=${HOLES_SEEDS:-"1 2 3"}
OPS=${HOLES_OPS:-400}

setup_file() { lab_up holes "$PORT"; }
teardown_file() { lab_cleanup; }
setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }

# holes_mode VERS CACHE: mount, run every seed, print, unmount; the
# output ends with "rc=N" for each run.
holes_mode() {
	[ -x "$HOLES" ] || fail "$HOLES is missing (build first)"
	guest "
		mkdir -p /mnt/holes
		mount -t cifs //127.0.0.1/share /mnt/holes \
			-o username=$USER_NAME,password=$USER_PASS,vers=$1,cache=$2 ||
			{ echo 'mount failed'; exit 1; }
		for s in $SEEDS; do
			$HOLES -i -s \$s -n $OPS /mnt/holes/holes-$1-$2-\$s 2>&1
			echo rc=\$?
		done
		umount /mnt/holes
	"
}

# All reads must match: no wrong byte, no short read.
check_clean() {
	run holes_mode "$1" "$2"
	echo "$output"
	assert_success
	refute_output --partial "mount failed"
	refute_output --regexp 'rc=[^0]'
	assert_output --partial "rc=0"
}

# cache=strict depends on the server granting read caching: without a
# read lease or oplock, cifs.ko (6.12) writes into its page cache and, for
# a read, sends only the read range to the server first; data it still
# holds past that range is not on the server yet, the server's end of file
# is short of the client's, and the client takes the short read as the
# end of the file (issue 8: Samba with oplocks = no and smb2 leases = no
# returns the same 140978 bytes).  With a lease the client reads through
# its own cache, so these modes guard that leases keep being granted.

@test "server starts in the lab" {
	lab_booted
}

@test "vers=3.1.1 cache=none: every read matches" {
	check_clean 3.1.1 none
}

@test "vers=3.1.1 cache=loose: every read matches" {
	check_clean 3.1.1 loose
}

@test "vers=3.1.1 cache=strict: every read matches" {
	check_clean 3.1.1 strict
}

@test "vers=3.0 cache=none: every read matches" {
	check_clean 3.0 none
}

@test "vers=3.0 cache=loose: every read matches" {
	check_clean 3.0 loose
}

@test "vers=3.0 cache=strict: every read matches" {
	check_clean 3.0 strict
}

@test "vers=2.1 cache=none: every read matches" {
	check_clean 2.1 none
}

@test "vers=2.1 cache=loose: every read matches" {
	check_clean 2.1 loose
}

@test "vers=2.1 cache=strict: every read matches" {
	check_clean 2.1 strict
}

@test "the hole is zeros and the size right in the share itself" {
	# the share's backing file must hold zeros in the hole, with the size
	# the client wrote (the server never extends or shrinks on a read)
	run guest "
		mkdir -p /mnt/holes
		mount -t cifs //127.0.0.1/share /mnt/holes \
			-o username=$USER_NAME,password=$USER_PASS,vers=3.1.1,cache=none || exit 1
		$HOLES -i -n 0 /mnt/holes/holes-local >/dev/null 2>&1
		umount /mnt/holes
		stat -c %s /srv/share/holes-local
		dd if=/srv/share/holes-local bs=1 skip=207945 count=43346 2>/dev/null |
			tr -d '\\000' | wc -c
	"
	echo "$output"
	assert_success
	assert_line --index 0 "363017"
	assert_line --index 1 "0"
}

@test "teardown: cifsctl stop, rmmod cifsd, dmesg clean" {
	lab_down_checked
}
