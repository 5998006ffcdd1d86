#!/usr/bin/env bats
# File system controls through the kernel's cifs client in the lab guest:
# server-side copy (copy_file_range -> FSCTL_SRV_COPYCHUNK_WRITE), reflink
# (FICLONE -> FSCTL_DUPLICATE_EXTENTS_TO_FILE), hole punching
# (FSCTL_SET_SPARSE + FSCTL_SET_ZERO_DATA), SEEK_DATA/SEEK_HOLE
# (FSCTL_QUERY_ALLOCATED_RANGES), the server's interfaces
# (FSCTL_QUERY_NETWORK_INTERFACE_INFO) and the server-side copy limits.
# smbtorture smb2.ioctl (smbtorture.bats) covers the protocol details.
load helpers

PORT=$(suite_port 4459)
RUN=/run/cifsd
MNT=/mnt/fsctl

setup_file() { lab_up fsctl "$PORT"; }
teardown_file() { lab_cleanup; }
setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }

# Mount the share once (3.1.1, cache=none: every read goes to the server).
mounted() {
	guest "grep -q ' $MNT cifs ' /proc/mounts || { mkdir -p $MNT &&
		mount -t cifs //127.0.0.1/share $MNT \
		-o username=$USER_NAME,password=$USER_PASS,vers=3.1.1,cache=none; }"
}

stat_of() { guest "awk '\$1 == \"$1\" { print \$2 }' /sys/fs/cifsd/stats"; }

# copy_range SRC DST: copy_file_range(2) from SRC to DST, all of it
copy_range() {
	guest "/usr/bin/python3 -c '
import os, sys
s = os.open(sys.argv[1], os.O_RDONLY)
d = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
n = 0
while True:
    r = os.copy_file_range(s, d, 1 << 30)
    if r <= 0:
        break
    n += r
print(\"copied\", n)
' $1 $2"
}

@test "server starts in the lab" {
	lab_booted
}

@test "copy_file_range copies on the server: 20 MiB (more than one request may), no data read by the client" {
	mounted
	guest "dd if=/dev/urandom of=$MNT/src bs=1M count=20 2>/dev/null"
	read0=$(stat_of bytes_read)
	run copy_range $MNT/src $MNT/dst
	echo "$output"
	assert_success
	assert_output "copied 20971520"
	read1=$(stat_of bytes_read)
	echo "server bytes_read: $read0 -> $read1"
	[ "$read1" = "$read0" ] || fail "the client read the data through the server instead of copying on it"
	run guest "cmp /srv/share/src /srv/share/dst && echo same"
	assert_output "same"
}

@test "FICLONE on a file system without reflink fails cleanly (EOPNOTSUPP), the source is intact" {
	mounted
	run guest "/bin/cp --reflink=always $MNT/src $MNT/clone"
	echo "$output"
	assert_failure
	assert_output --partial "Operation not supported"
	run guest "cmp /srv/share/src /srv/share/dst && echo same"
	assert_output "same"
}

@test "punching a hole: zeros where it was, blocks freed on the server, SEEK_HOLE/SEEK_DATA see it" {
	mounted
	guest "dd if=/dev/urandom of=$MNT/p bs=1M count=4 2>/dev/null"
	blocks0=$(guest "stat -c %b /srv/share/p")
	run guest "/usr/bin/fallocate -p -o 1048576 -l 2097152 $MNT/p"
	assert_success
	run guest "stat -c '%s %b' /srv/share/p"
	echo "size, blocks: $output (before: $blocks0 blocks)"
	read -r size blocks <<<"$output"
	[ "$size" = 4194304 ] || fail "the size changed"
	[ "$blocks" -lt "$blocks0" ] || fail "no blocks were freed"
	run guest "/usr/bin/python3 -c '
import os
fd = os.open(\"$MNT/p\", os.O_RDONLY)
print(os.lseek(fd, 0, os.SEEK_HOLE), os.lseek(fd, 1048576, os.SEEK_DATA))
os.lseek(fd, 1048576, 0)
b = os.read(fd, 2097152)
print(len(b), b.count(0))
'"
	echo "$output"
	assert_success
	assert_line --index 0 "1048576 3145728"
	assert_line --index 1 "2097152 2097152"
	# the data around the hole is untouched
	run guest "cmp -n 1048576 /srv/share/p $MNT/p && dd if=/srv/share/p bs=1M skip=3 2>/dev/null | md5sum && dd if=$MNT/p bs=1M skip=3 2>/dev/null | md5sum"
	assert_success
	[ "${lines[0]}" = "${lines[1]}" ] || fail "the data after the hole differs"
}

@test "the client learns the server's interfaces (FSCTL_QUERY_NETWORK_INTERFACE_INFO)" {
	mounted
	run guest "sed -n '/Server interfaces/,/^\$/p' /proc/fs/cifs/DebugData"
	echo "$output"
	assert_success
	assert_output --partial "IPv4: 10.0.2.15"
	assert_output --partial "Speed:"
	refute_output --partial "RDMA"
}

@test "server side copy max size = 1M on reload: the limit is in force, copies still work on the server" {
	mounted
	run guest "sed -i '/^\[global\]/a server side copy max size = 1M' $RUN/smb.conf &&
		\$CIFSCTL reload --pidfile $RUN/cifsctl.pid && sleep 0.3 &&
		grep '^copy_max' /sys/fs/cifsd/limits"
	echo "$output"
	assert_success
	assert_line "copy_max_kib 1024"
	assert_line "copy_max_chunks 256"
	read0=$(stat_of bytes_read)
	run copy_range $MNT/src $MNT/dst2
	echo "$output"
	assert_output "copied 20971520"
	[ "$(stat_of bytes_read)" = "$read0" ] || fail "the client fell back to reading the data"
	run guest "cmp /srv/share/src /srv/share/dst2 && echo same"
	assert_output "same"
}

# A btrfs share (reflink): needs btrfs-progs on the host and the btrfs and
# loop modules of the lab kernel; skipped without them.
reflink_share() {
	[ -x /usr/sbin/mkfs.btrfs ] || skip "mkfs.btrfs not installed (btrfs-progs)"
	guest "grep -q ' /srv/reflink btrfs ' /proc/mounts" && return 0
	run guest "modprobe loop && modprobe btrfs &&
		/usr/bin/truncate -s 300M /run/reflink.img &&
		/usr/sbin/mkfs.btrfs -q /run/reflink.img >/dev/null 2>&1 &&
		mkdir -p /srv/reflink && mount -o loop /run/reflink.img /srv/reflink &&
		chmod 777 /srv/reflink &&
		\$CIFSCTL share add reflink -c $RUN/smb.conf path=/srv/reflink writeable=yes &&
		\$CIFSCTL reload --pidfile $RUN/cifsctl.pid && sleep 0.3"
	[ "$status" = 0 ] || skip "no btrfs share in the guest: $output"
}

@test "on a reflink file system FICLONE clones (FSCTL_DUPLICATE_EXTENTS_TO_FILE): same data, shared extents" {
	reflink_share
	run guest "mkdir -p /mnt/reflink && mount -t cifs //127.0.0.1/reflink /mnt/reflink \
		-o username=$USER_NAME,password=$USER_PASS,vers=3.1.1 &&
		dd if=/dev/urandom of=/mnt/reflink/a bs=1M count=4 2>/dev/null &&
		/bin/cp --reflink=always /mnt/reflink/a /mnt/reflink/b && sync &&
		cmp /srv/reflink/a /srv/reflink/b && echo same &&
		/usr/sbin/filefrag -v /srv/reflink/a | awk '/^ *0:/ { print \$4 }' &&
		/usr/sbin/filefrag -v /srv/reflink/b | awk '/^ *0:/ { print \$4 }';
		umount /mnt/reflink"
	echo "$output"
	assert_success
	assert_line --index 0 "same"
	# the first extent of both files starts at the same physical block
	[ -n "${lines[1]}" ] && [ "${lines[1]}" = "${lines[2]}" ] ||
		fail "the copy does not share the original's extents"
}

@test "on a reflink file system smbtorture dup_extents passes (compressed ones skip)" {
	reflink_share
	local list=$BATS_TEST_TMPDIR/dup.list
	smbtorture --fullname --list smb2.ioctl 2>/dev/null | grep dup_extents |
		sed 's/\.[^.]*$//' >"$list"
	run timeout 600 smbtorture //127.0.0.1/reflink -p "$PORT" \
		-U "$USER_NAME%$USER_PASS" --fullname --load-list="$list" smb2.ioctl
	echo "$output" | grep -E "^(success|failure|error|skip):"
	refute_output --regexp "^(failure|error):"
	[ "$(grep -c '^success:' <<<"$output")" -ge 12 ] || fail "fewer than 12 dup_extents subtests passed"
}

@test "unmount" {
	run guest "umount $MNT"
	assert_success
}

@test "teardown: cifsctl stop, rmmod cifsd, dmesg clean" {
	lab_down_checked
}
