#!/usr/bin/env bats
# Durable handles through the kernel's cifs client in the lab guest: a
# program writes a file through a lease while the client's TCP connection
# is cut; cifs.ko reconnects, reclaims its durable handle (DH2C) and the
# program never sees an error; the file on the server is what was
# written.  smbtorture smb2.durable-open / durable-v2-open (smbtorture.bats)
# cover the protocol details.
load helpers

PORT=$(suite_port 4461)
MNT=/mnt/durable
SRV=/srv/share

setup_file() { lab_up durable "$PORT"; }
teardown_file() { lab_cleanup; }
setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }

stat_of() { guest "awk '\$1 == \"$1\" { print \$2 }' /sys/fs/cifsd/stats"; }

# The writer: 48 chunks of 64 KiB (chunk i is byte i repeated), one every
# 0.25 s, through one open file; prints "writer ok" if no call failed.
WRITER='
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
for i in range(48):
    os.write(fd, bytes([65 + i % 26]) * 65536)
    time.sleep(0.25)
os.fsync(fd)
os.close(fd)
print("writer ok")
'

@test "memory debugging is on in the guest" {
	memdebug_active
}

@test "a write through a lease survives a cut connection (durable reconnect), data identical" {
	before=$(stat_of durable_reclaimed)
	run guest "mkdir -p $MNT && mount -t cifs //127.0.0.1/share $MNT \
		-o username=$USER_NAME,password=$USER_PASS,vers=3.1.1,cache=strict,echo_interval=1 &&
		(/usr/bin/python3 -c '$WRITER' $MNT/dfile > /tmp/writer.out 2>&1; echo rc=\$? >> /tmp/writer.out) &
		for i in \$(seq 40); do
			grep -q dfile /sys/fs/cifsd/opens && break
			sleep 0.5
		done
		sleep 1
		awk '/dfile/ { print \$8, \$11 }' /sys/fs/cifsd/opens
		ss -K 'dport = :445' > /dev/null
		wait
		cat /tmp/writer.out
		umount $MNT"
	echo "$output"
	assert_success
	assert_line "writer ok"
	assert_line "rc=0"
	# the open had a lease and a durable handle before the cut
	assert_line --regexp '^lease(\*)? (v2|v1|persistent)$'
	run guest "/usr/bin/python3 -c '
import sys
d = open(\"$SRV/dfile\", \"rb\").read()
want = b\"\".join(bytes([65 + i % 26]) * 65536 for i in range(48))
print(\"size\", len(d), \"same\" if d == want else \"DIFFERENT\")
'"
	echo "$output"
	assert_output "size 3145728 same"
	after=$(stat_of durable_reclaimed)
	echo "durable_reclaimed $before -> $after"
	[ "$after" -gt "$before" ]
}

@test "a disconnected durable handle is listed with its time left, then expires" {
	# impacket: open with a batch oplock and DHnQ, then drop the TCP
	# connection without closing; the server keeps the open parked.
	run /usr/bin/python3 - "$PORT" "$USER_NAME" "$USER_PASS" <<'EOF'
import sys
from impacket.smbconnection import SMBConnection
from impacket import smb3structs as s
port, user, pw = int(sys.argv[1]), sys.argv[2], sys.argv[3]
c = SMBConnection("127.0.0.1", "127.0.0.1", sess_port=port)
c.login(user, pw)
tid = c.connectTree("share")
ctx = s.SMB2CreateContext()
ctx["Buffer"] = b"DHnQ" + b"\0" * 4 + b"\0" * 16
ctx["NameOffset"] = 16
ctx["NameLength"] = 4
ctx["DataOffset"] = 24
ctx["DataLength"] = 16
fid = c.getSMBServer().create(tid, "parked.txt", s.FILE_READ_DATA | s.FILE_WRITE_DATA,
	0, s.FILE_NON_DIRECTORY_FILE, s.FILE_OVERWRITE_IF, 0,
	oplockLevel=s.SMB2_OPLOCK_LEVEL_BATCH, createContexts=[ctx])
# no CLOSE, no LOGOFF: the connection just goes
c.getSMBServer().get_socket().close()
print("dropped")
EOF
	echo "$output"
	assert_success
	sleep 2
	run guest "awk 'NR > 1' /sys/fs/cifsd/opens"
	echo "$output"
	assert_output --regexp '^0x0000000000000000 [0-9]+ share - - .* batch - - v1 [0-9]+ /parked\.txt$'
	run guest "awk '\$1 == \"durable_disconnected\" { print \$2 }' /sys/fs/cifsd/stats"
	assert_output "1"
	# the v1 timeout is 60 s: the scavenger closes it, the file is free
	run guest "for i in \$(seq 90); do
			[ \$(awk '\$1 == \"durable_disconnected\" { print \$2 }' /sys/fs/cifsd/stats) = 0 ] && break
			sleep 1
		done
		awk '\$1 == \"durable_disconnected\" || \$1 == \"durable_expired\"' /sys/fs/cifsd/stats"
	echo "$output"
	assert_line "durable_disconnected 0"
	assert_line "durable_expired 1"
}

@test "the lab guest is clean after the suite" {
	lab_down_checked
}
