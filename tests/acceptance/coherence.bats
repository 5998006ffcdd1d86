#!/usr/bin/env bats
# Coherence between SMB clients that cache and local processes on the
# server (kernel leases, kmod/state/klease.h): a cifs.ko mount in the lab
# guest writes through a write lease (its data only in the client's page
# cache); a program on the server that reads, appends, renames, unlinks,
# truncates or chmods the file waits until the client was told to flush
# and then sees its data.  Without the kernel side the local reader would
# see an empty file (the last test shows it, with kernel oplocks = no).
# Directory leases (kmod/state/dirlease.h): a listing cifs.ko caches is
# broken by every change to the directory, local or remote.
load helpers

PORT=$(suite_port 4464)
MNT=/mnt/coh
SRV=/srv/share

setup_file() { lab_up coherence "$PORT"; }
teardown_file() { lab_cleanup; }
setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }

stat_of() { guest "awk '\$1 == \"$1\" { print \$2 }' /sys/fs/cifsd/stats"; }

mount_client() {
	guest "mkdir -p $MNT && { mountpoint -q $MNT || mount -t cifs //127.0.0.1/share $MNT \
		-o username=$USER_NAME,password=$USER_PASS,vers=3.1.1,cache=strict; }"
}

# The SMB side: cifs.ko writes "smbdata\n" and keeps the file open for
# $2 seconds (so the data stays in its cache under the lease).
HOLDER='
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
os.write(fd, b"smbdata\n")
time.sleep(float(sys.argv[2]))
os.close(fd)
'

# start the holder on $MNT/$1 in the background and wait until the server
# lists its open with a write-caching lease; prints the lease state
start_holder() {
	guest "rm -f $MNT/$1 $SRV/$1 $SRV/$1.moved
		(/usr/bin/python3 -c '$HOLDER' $MNT/$1 ${2:-12} > /tmp/holder.out 2>&1 &)
		for i in \$(seq 60); do
			awk '\$NF == \"/$1\" && \$10 ~ /W/ { f = 1 } END { exit !f }' /sys/fs/cifsd/opens && break
			sleep 0.25
		done
		awk '\$NF == \"/$1\" { s = s \$10 \" \" } \$NF == \"/$1\" && \$10 ~ /W/ { w = \$10 }
			END { print w ? w : s }' /sys/fs/cifsd/opens"
}

@test "memory debugging is on in the guest" {
	memdebug_active
}

@test "a local reader sees what a cifs.ko client wrote under a write lease" {
	mount_client
	before=$(stat_of local_breaks)
	run start_holder cfile
	echo "lease before: $output"
	assert_output RHW
	run guest "timeout 60 cat $SRV/cfile"
	assert_success
	assert_output smbdata
	# the client keeps read and handle caching
	run guest "awk '\$NF == \"/cfile\" { print \$10 }' /sys/fs/cifsd/opens"
	echo "lease after: $output"
	assert_output RH
	[ "$(stat_of local_breaks)" -gt "$before" ]
	[ "$(stat_of local_lease_failures)" = 0 ]
}

@test "local append, rename, unlink, truncate and chmod see the client's cached data first" {
	mount_client
	local op
	for op in append rename unlink truncate chmod; do
		run start_holder "f-$op" 8
		[ "$output" = RHW ] || fail "$op: lease before is '$output'"
		run guest "/usr/bin/python3 -c '
import os, sys
p = \"$SRV/f-$op\"
op = \"$op\"
if op == \"append\":
    with open(p, \"a\") as f:
        f.write(\"local\\n\")
    print(open(p).read().replace(\"\\n\", \"|\"))
elif op == \"rename\":
    os.rename(p, p + \".moved\")
    print(open(p + \".moved\").read().replace(\"\\n\", \"|\"))
elif op == \"unlink\":
    os.unlink(p)
    print(os.path.exists(p))
elif op == \"truncate\":
    os.truncate(p, 3)
    print(open(p).read())
else:
    os.chmod(p, 0o600)
    print(open(p).read().replace(\"\\n\", \"|\"), oct(os.stat(p).st_mode & 0o777))
'"
		echo "$op: $output"
		assert_success
		case $op in
		append) assert_output "smbdata|local|" ;;
		rename) assert_output "smbdata|" ;;
		unlink) assert_output False ;;
		truncate) assert_output smb ;;
		chmod) assert_output "smbdata| 0o600" ;;
		esac
		# the client gave up its write caching
		run guest "awk '\$NF ~ \"/f-$op\" { print \$10 }' /sys/fs/cifsd/opens"
		[[ $output != *W* ]] || fail "$op: the client still caches writes ($output)"
		guest "sleep 8"
	done
	# the unlinked file stays gone once the client closed it
	run guest "ls $SRV/f-unlink"
	assert_failure
}

@test "while a local process has the file open for writing, clients cache nothing" {
	mount_client
	# root's file: the server takes its lease as the owner, not the user
	guest "rm -f $SRV/lw /tmp/lw.ready; echo x > $SRV/lw; chmod 666 $SRV/lw
		(/usr/bin/python3 -c 'import time; f = open(\"$SRV/lw\", \"a\"); open(\"/tmp/lw.ready\", \"w\"); time.sleep(40)' &)
		for i in \$(seq 60); do [ -e /tmp/lw.ready ] && break; sleep 0.25; done"
	run guest "(/usr/bin/python3 -c '
import os, time
fd = os.open(\"$MNT/lw\", os.O_RDWR)
time.sleep(6)
os.close(fd)
' &)
		for i in \$(seq 120); do
			grep -q ' /lw\$' /sys/fs/cifsd/opens && break
			sleep 0.25
		done
		awk '\$NF == \"/lw\" { print \$9, \$10 }' /sys/fs/cifsd/opens"
	echo "$output"
	assert_success
	# a lease without any caching (cifs.ko asks for RWH)
	assert_output --regexp '^[0-9a-f]{32} -$'
	guest "pkill -f lw.ready; sleep 7"
}

# share_kernel_oplocks yes|no: set the key on [share] and reload
share_kernel_oplocks() {
	guest "umount $MNT 2>/dev/null
		\$CIFSCTL share set share 'kernel oplocks=$1' -c /run/cifsd/smb.conf &&
		\$CIFSCTL reload --pidfile /run/cifsd/cifsctl.pid && sleep 1"
}

@test "kernel oplocks = no: a local reader does not wait and misses what the client caches" {
	share_kernel_oplocks no
	mount_client
	before=$(stat_of local_breaks)
	run start_holder nko 8
	echo "lease: $output"
	assert_output RHW
	# the data is still only in the client's page cache
	run guest "cat $SRV/nko | wc -c"
	assert_output 0
	[ "$(stat_of local_breaks)" = "$before" ]
	guest "sleep 8"
	share_kernel_oplocks yes
}

# dir_listing DIR WANT: the client's listing of DIR (names on one line)
# once it is WANT, or after 5 s what it is then.  A directory lease break
# travels asynchronously, as on Windows; without one the client would
# list from its cache for 30 s (cifs.ko's dir_cache_timeout).
dir_listing() {
	guest "for i in \$(seq 20); do
			l=\$(ls $MNT/$1 | tr '\\n' ' ')
			[ \"\$l\" = '$2' ] && break
			sleep 0.25
		done
		echo \"\$l\""
}

@test "directory leases: local and SMB changes show in a cifs.ko client's cached listing at once" {
	mount_client
	guest "rm -rf $SRV/dl && mkdir -m 777 $SRV/dl && touch $SRV/dl/a"
	run guest "ls $MNT/dl; ls $MNT/dl >/dev/null
		awk '\$NF == \"/dl\" { print \$10 }' /sys/fs/cifsd/opens"
	echo "listing and lease: $output"
	assert_line --index 0 a
	# the client caches the listing under a read-handle lease
	assert_line --index 1 RH
	before=$(stat_of breaks_sent)
	guest "touch $SRV/dl/b"
	run dir_listing dl "a b "
	assert_output "a b "
	guest "mv $SRV/dl/a $SRV/dl/c"
	run dir_listing dl "b c "
	assert_output "b c "
	guest "rm $SRV/dl/b"
	run dir_listing dl "c "
	assert_output "c "
	# another SMB client
	run smbclient //127.0.0.1/share -p "$PORT" -U "$USER_NAME%$USER_PASS" \
		-c 'put /etc/hostname dl\d'
	assert_success
	run dir_listing dl "c d "
	assert_output "c d "
	after=$(stat_of breaks_sent)
	echo "breaks sent: $before -> $after"
	[ "$after" -ge $((before + 4)) ]
}

@test "the lab guest is clean after the suite" {
	guest "umount $MNT 2>/dev/null; true"
	lab_down_checked
}
