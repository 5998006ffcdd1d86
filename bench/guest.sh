#!/bin/sh
# Guest half of bench/run (busybox sh, run by `lab exec` after
# cifsd-guest-start). Usage: sh bench/guest.sh CREAT_BIN NCREATE NHELD NLIST MIB [RREADS]
# Prints one "figure value" line per measurement on stdout.
B=$1 NCREATE=$2 NHELD=$3 NLIST=$4 MIB=$5 RREADS=${6:-20000}
M=/mnt/c
ST=/run/cifsd-bench
OPENS=/sys/fs/cifsd/opens
user=${LAB_USER:-tester} pass=${LAB_PASS:-Test-Pass1}

fail() { echo "bench/guest.sh: $*" >&2; exit 1; }
field() { echo "$1" | awk -v n="$2" '{ print $n }'; }

mkdir -p "$M" "$ST" || fail mkdir
/sbin/modprobe cifs 2>/dev/null
# closetimeo=0: no deferred close in the client, so every close() reaches the
# server as an SMB2 CLOSE when it happens.
/sbin/mount.cifs //127.0.0.1/share "$M" \
	-o "vers=3.1.1,username=$user,password=$pass,closetimeo=0" || fail "mount.cifs failed"
[ -r "$OPENS" ] || fail "$OPENS not readable"

echo "guest kernel $(uname -r)"
echo "guest cpus $(grep -c ^processor /proc/cpuinfo)"

# wait_file PATH: until it exists (the hold helper creates it when ready)
wait_file() {
	i=0
	while [ ! -e "$1" ]; do
		i=$((i + 1)); [ $i -gt 36000 ] && fail "timeout waiting for $1"
		usleep 100000
	done
}

# hold N DIR: background helper holding N opens; sets HOLD_PID
hold() {
	mkdir -p "$2"
	rm -f "$ST/ready"
	"$B" hold "$2" "$1" "$ST/ready" &
	HOLD_PID=$!
	wait_file "$ST/ready"
}
unhold() { kill "$HOLD_PID"; wait "$HOLD_PID" 2>/dev/null; }

# reader MS: background loop over the opens listing; sets READER_PID
reader() {
	rm -f "$ST/stop"
	"$B" loop "$OPENS" "$ST/stop" "$1" >"$ST/passes" &
	READER_PID=$!
}
unreader() { : >"$ST/stop"; wait "$READER_PID"; }

creat_run() { # DIR -> prints the rate
	mkdir -p "$1" || fail "mkdir $1"
	r=$("$B" creat "$1" "$NCREATE") || fail "creat $1"
	field "$r" 3
}

# warm-up (dentry/inode caches, first-use paths in client and server)
mkdir -p "$M/warm" && "$B" creat "$M/warm" 200 >/dev/null || fail warm-up

# (a) plain create+close
echo "creates/s $(creat_run "$M/a")"

# (b) with NHELD other files held open, without and with a status reader.
# Under icount all vCPUs advance one shared instruction clock, so the reader's
# own instructions are charged to the create run; the "reader cost removed"
# figure subtracts passes x (listing cost measured alone) from the elapsed time.
hold "$NHELD" "$M/held"
echo "creates/s with $NHELD opens held $(creat_run "$M/b1")"
r=$("$B" slurp "$OPENS" 5) || fail slurp
list_ms=$(field "$r" 3)
echo "opens listing ms ($(($(field "$r" 2) - 1)) opens) $list_ms"
for pace in 10 0; do
	if [ $pace = 0 ]; then how="back-to-back"; else how="every $pace ms"; fi
	mkdir -p "$M/b$pace"
	reader $pace
	r=$("$B" creat "$M/b$pace" "$NCREATE") || fail "creat b$pace"
	unreader; passes=$(cat "$ST/passes")
	echo "creates/s with $NHELD opens held + status reader $how $(field "$r" 3)"
	echo "status reads during that run ($how) $passes"
	echo "creates/s with $NHELD opens held + status reader $how, reader cost removed $(echo "$r" |
		awk -v p="$passes" -v l="$list_ms" '{ printf "%.0f", $1 / (($2 - p * l) / 1e3) }')"
done
unhold

# (c) sequential throughput, page cache dropped before each pass, in the
# default cache mode (cache=strict) on $M and with cache=none on $N (each
# read()/write() is one SMB2 READ/WRITE of 1 MiB); then 4 KiB random reads at
# queue depth 1 with cache=none.
N=/mnt/n
mkdir -p "$N" || fail mkdir
/sbin/mount.cifs //127.0.0.1/share "$N" \
	-o "vers=3.1.1,username=$user,password=$pass,closetimeo=0,cache=none" ||
	fail "mount.cifs cache=none failed"
seq_pass() { # DIR LABEL
	sync; echo 3 >/proc/sys/vm/drop_caches
	r=$("$B" write "$1/seq" "$MIB") || fail write
	echo "write MiB/s ($MIB MiB, 1 MiB writes + fsync, $2) $(field "$r" 3)"
	sync; echo 3 >/proc/sys/vm/drop_caches
	r=$("$B" read "$1/seq") || fail read
	[ "$(field "$r" 1)" -eq $((MIB * 1048576)) ] || fail "read $(field "$r" 1) bytes"
	echo "read MiB/s ($MIB MiB, 1 MiB reads, $2) $(field "$r" 3)"
}
seq_pass "$M" "cache=strict"
seq_pass "$N" "cache=none"
r=$("$B" rread "$N/seq" "$RREADS") || fail rread
echo "random read IOPS (4 KiB, qd1, cache=none, $RREADS reads) $(field "$r" 3)"
rm -f "$M/seq"
umount "$N" || fail "umount $N"

# (d) listing with NLIST opens held
hold "$NLIST" "$M/list"
r=$("$B" slurp "$OPENS" 3) || fail slurp
echo "opens listing ms ($(($(field "$r" 2) - 1)) opens) $(field "$r" 3)"
echo "opens listing bytes ($(($(field "$r" 2) - 1)) opens) $(field "$r" 1)"
# and the create path with that many held
echo "creates/s with $NLIST opens held $(creat_run "$M/d")"
unhold

umount "$M" || fail umount
