#!/usr/bin/env bats
# The kernel's cifs client against cifsd, both inside the lab guest:
# a 1,000-file tree copied in and out per dialect, renames, deletes, umount.
load helpers

PORT=$(suite_port 4451)

setup_file() {
	lab_up cifsmount "$PORT"
	# Source trees on the guest's tmpfs: /tmp/tree has 1,000 files in nested
	# dirs (sizes 0 B .. 70 KB plus a few of 1 MiB, some odd names, one 3 MB
	# binary); /tmp/small is its first 100 files.  One awk process writes
	# them (a fork per file costs ~15 ms under TCG).
	GUEST_TIMEOUT=300 guest '
		set -e
		mkdir -p /tmp/tree
		awk "BEGIN {
			srand(42)
			for (i = 0; i < 1024; i++) blk = blk sprintf(\"%c\", 32 + int(rand() * 95))
			for (i = 0; i < 6; i++) blk = blk blk
			n = 0
			for (a = 0; a < 10; a++) for (b = 0; b < 5; b++) {
				d = \"/tmp/tree/dir\" a \"/sub\" b
				if (b >= 3) d = d \"/deeper/still\"
				system(\"mkdir -p \" d)
				for (c = 0; c < 20; c++) {
					size = (n * 7919) % 70000
					if (n % 50 == 0) size = 0
					if (n % 97 == 1) size = 1048576 + n
					f = d \"/file\" c \".txt\"
					off = (n * 131) % 60000
					while (size > 0) {
						k = size > 65536 - off ? 65536 - off : size
						printf \"%s\", substr(blk, off + 1, k) > f
						size -= k; off = 0
					}
					printf \"\" > f
					close(f)
					n++
				}
			}
		}"
		mv /tmp/tree/dir0/sub0/file0.txt "/tmp/tree/dir0/sub0/name with spaces.txt"
		mv /tmp/tree/dir0/sub0/file1.txt "/tmp/tree/dir0/sub0/ünïcødé-名前.txt"
		head -c 3000000 /dev/urandom >/tmp/tree/dir1/big.bin
		mkdir -p /tmp/small
		cp -a /tmp/tree/dir0 /tmp/small/
		echo "$(find /tmp/tree -type f | wc -l) files, $(find /tmp/small -type f | wc -l) in the small tree"
	' >"$BATS_FILE_TMPDIR/tree.log" 2>&1 || true
}

teardown_file() { lab_cleanup; }

setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }

# mount_cycle TREE VERS [extra mount options]
# TREE is /tmp/tree (1,000 files) or /tmp/small (100 files).
mount_cycle() {
	local src=$1 vers=$2 opts=${3:+,$3} tag=${2//./}${3:+-$3}
	run guest "
		set -e
		src=$src t=tree-$tag
		mkdir -p /mnt/cifs
		mount -t cifs //127.0.0.1/share /mnt/cifs -o vers=$vers,username=$USER_NAME,password=$USER_PASS,port=445$opts
		trap 'umount /mnt/cifs 2>/dev/null' EXIT
		grep ' /mnt/cifs cifs ' /proc/mounts
		s0=\$(date +%s)
		cp -a \$src /mnt/cifs/\$t
		diff -r \$src /srv/share/\$t
		rm -rf /tmp/back
		cp -a /mnt/cifs/\$t /tmp/back
		diff -r \$src /tmp/back
		rm -rf /tmp/back
		echo copy-ok \$(( \$(date +%s) - s0 ))s

		# renames: a file within its dir, a file across dirs, a directory tree
		d=/mnt/cifs/\$t/dir0 s=/srv/share/\$t/dir0 o=\$src/dir0
		mv \$d/sub1/file3.txt \$d/sub1/file3.renamed
		mv \$d/sub1/file4.txt \$d/sub2/moved.txt
		mv \$d/sub3 \$d/sub3-renamed
		cmp \$o/sub1/file3.txt \$s/sub1/file3.renamed
		cmp \$o/sub1/file4.txt \$s/sub2/moved.txt
		[ ! -e \$s/sub1/file3.txt ] && [ ! -e \$s/sub1/file4.txt ] && [ ! -e \$s/sub3 ]
		diff -r \$o/sub3 \$s/sub3-renamed
		ls \$d/sub1 | grep -qx file3.renamed
		echo rename-ok

		# deletes: a file, an empty dir, a whole tree
		rm \$d/sub2/file7.txt
		[ ! -e \$s/sub2/file7.txt ]
		mkdir \$d/emptydir
		[ -d \$s/emptydir ]
		rmdir \$d/emptydir
		[ ! -e \$s/emptydir ]
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

# Under TCG every SMB round trip is slow: the 1,000-file tree goes through
# vers=3.1.1; the other dialects copy the 100-file tree unless
# CIFSMOUNT_FULL=1.
tree_for() { [ "${CIFSMOUNT_FULL:-0}" = 1 ] && echo /tmp/tree || echo /tmp/small; }

@test "server starts in the lab" {
	lab_booted
	cat "$BATS_FILE_TMPDIR/tree.log"
	grep -Eq '^100[0-9] files, 100 in the small tree$' "$BATS_FILE_TMPDIR/tree.log" || fail "test tree not created"
}

@test "mount -t cifs vers=2.1: tree in/out, rename, delete, umount" {
	mount_cycle "$(tree_for)" 2.1
}

@test "mount -t cifs vers=3.0: tree in/out, rename, delete, umount" {
	mount_cycle "$(tree_for)" 3.0
}

@test "mount -t cifs vers=3.1.1: 1,000-file tree in/out, rename, delete, umount" {
	mount_cycle /tmp/tree 3.1.1
}

@test "mount -t cifs vers=3.1.1,sign: tree in/out, rename, delete, umount" {
	mount_cycle "$(tree_for)" 3.1.1 sign
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
