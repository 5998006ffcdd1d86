#!/usr/bin/env bats
# The kernel's cifs client against cifsd, both inside the lab guest:
# a 1,000-file tree copied in and out per dialect, renames, deletes, umount.
load helpers

PORT=$(suite_port 4451)

setup_file() {
	lab_up cifsmount "$PORT"
	# The source tree lives on the guest's tmpfs: 1,000 files in nested
	# dirs, sizes 0 B .. 1 MiB plus a few larger ones, some odd names.
	GUEST_TIMEOUT=300 guest '
		set -e
		head -c 4194304 /dev/urandom >/tmp/rand
		mkdir -p /tmp/tree
		n=0
		for a in 0 1 2 3 4 5 6 7 8 9; do
			for b in 0 1 2 3 4; do
				d=/tmp/tree/dir$a/sub$b
				[ $b -ge 3 ] && d=$d/deeper/still
				mkdir -p "$d"
				for c in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19; do
					size=$(( (n * 7919) % 70000 ))
					[ $((n % 50)) = 0 ] && size=0
					[ $((n % 97)) = 1 ] && size=$((1048576 + n))
					head -c $size /tmp/rand >"$d/file$c.bin"
					n=$((n + 1))
				done
			done
		done
		mv /tmp/tree/dir0/sub0/file0.bin "/tmp/tree/dir0/sub0/name with spaces.txt"
		mv /tmp/tree/dir0/sub0/file1.bin "/tmp/tree/dir0/sub0/ünïcødé-名前.bin"
		head -c 3000000 /tmp/rand >/tmp/tree/dir1/big.bin
		rm /tmp/rand
		echo "$(find /tmp/tree -type f | wc -l) files"
	' >"$BATS_FILE_TMPDIR/tree.log" 2>&1 || true
}

teardown_file() { lab_cleanup; }

setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }

# mount_cycle VERS [extra mount options]
mount_cycle() {
	local vers=$1 opts=${2:+,$2} tag=${1//./}${2:+-$2}
	run guest "
		set -e
		t=tree-$tag
		mkdir -p /mnt/cifs
		mount -t cifs //127.0.0.1/share /mnt/cifs -o vers=$vers,username=$USER_NAME,password=$USER_PASS,port=445$opts
		trap 'umount /mnt/cifs 2>/dev/null' EXIT
		grep ' /mnt/cifs cifs ' /proc/mounts
		cp -a /tmp/tree /mnt/cifs/\$t
		diff -r /tmp/tree /srv/share/\$t
		rm -rf /tmp/back
		cp -a /mnt/cifs/\$t /tmp/back
		diff -r /tmp/tree /tmp/back
		echo copy-ok

		# renames: file within a dir, file across dirs, whole directory
		mv /mnt/cifs/\$t/dir2/sub0/file3.bin /mnt/cifs/\$t/dir2/sub0/file3.renamed
		mv /mnt/cifs/\$t/dir2/sub0/file4.bin /mnt/cifs/\$t/dir3/moved.bin
		mv /mnt/cifs/\$t/dir4 /mnt/cifs/\$t/dir4-renamed
		cmp /tmp/tree/dir2/sub0/file3.bin /srv/share/\$t/dir2/sub0/file3.renamed
		cmp /tmp/tree/dir2/sub0/file4.bin /srv/share/\$t/dir3/moved.bin
		[ ! -e /srv/share/\$t/dir2/sub0/file3.bin ]
		[ ! -e /srv/share/\$t/dir4 ]
		diff -r /tmp/tree/dir4 /srv/share/\$t/dir4-renamed
		echo rename-ok

		# deletes: a file, an empty dir, a full tree
		rm /mnt/cifs/\$t/dir5/sub1/file7.bin
		[ ! -e /srv/share/\$t/dir5/sub1/file7.bin ]
		mkdir /mnt/cifs/\$t/emptydir
		rmdir /mnt/cifs/\$t/emptydir
		[ ! -e /srv/share/\$t/emptydir ]
		rm -rf /mnt/cifs/\$t
		[ ! -e /srv/share/\$t ]
		echo delete-ok

		trap - EXIT
		umount /mnt/cifs
		! grep -q ' /mnt/cifs ' /proc/mounts
		echo umount-ok
	"
	echo "$output"
	assert_success
	assert_output --partial umount-ok
}

@test "server starts in the lab" {
	lab_booted
	cat "$BATS_FILE_TMPDIR/tree.log"
	grep -Eq '^100[0-9] files$' "$BATS_FILE_TMPDIR/tree.log" || fail "test tree not created"
}

@test "mount -t cifs vers=2.1: 1,000-file tree in/out, rename, delete, umount" {
	mount_cycle 2.1
}

@test "mount -t cifs vers=3.0: 1,000-file tree in/out, rename, delete, umount" {
	mount_cycle 3.0
}

@test "mount -t cifs vers=3.1.1: 1,000-file tree in/out, rename, delete, umount" {
	mount_cycle 3.1.1
}

@test "mount -t cifs vers=3.1.1,sign: tree in/out" {
	mount_cycle 3.1.1 sign
}

@test "mount with a wrong password fails" {
	run guest "mkdir -p /mnt/bad; mount -t cifs //127.0.0.1/share /mnt/bad -o vers=3.1.1,username=$USER_NAME,password=wrong,port=445"
	echo "$output"
	assert_failure
	run guest "grep ' /mnt/bad ' /proc/mounts"
	assert_failure
}

@test "teardown: cifsctl stop, rmmod cifsd, dmesg clean" {
	lab_down_checked
}
