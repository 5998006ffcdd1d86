#!/usr/bin/env bats
# Symbolic links, special files and reparse points; SMB 3.1.1 POSIX
# extensions; case-insensitive names (issue 8).  Clients in the guest:
# cifs.ko (cp -a of a real tree there and back), smbclient and impacket
# (links_probe.py) from the host.
#
# Trees, copied to the guest's tmpfs first so that nothing changes under
# the test (the guest sees the host's /usr/share/doc live):
#   /tmp/doc   the packages a-c of /usr/share/doc plus /tmp/extra
#              (about 400 entries, 4 MB)
#   /tmp/part  the packages c of it plus /tmp/extra
#   /tmp/extra every kind of link (relative, absolute, dangling, to a
#              directory, chained, climbing out with ../, odd names), a
#              FIFO, hard links
# Without the POSIX extensions the copies go to [linux], a share with
# "case sensitive = yes": /usr/share/doc can hold names that differ only
# in case (valgrind/html/FAQ.html and faq.html), which no client can tell
# apart on a share that ignores case (Samba and Windows neither).  With
# the POSIX extensions names match exactly on any share, and the copy goes
# to the default [share].
# Time budget: a few minutes on 2 cores under TCG (the whole of
# /usr/share/doc, 7,700 entries and 150 MB each way, took about 20).
# LINKS_NO_CLIENT_OPLOCKS=1 makes cifs.ko ask for no oplocks or leases
# (cifs enable_oplocks=0), to tell this suite's subjects from lease
# break trouble in a given build.
load helpers

PORT=$(suite_port 4465)
ROOT_PASS=Root-Pass1

setup_file() {
	lab_up links "$PORT"
	GUEST_TIMEOUT=600 guest '
		set -e
		rm -rf /tmp/extra /tmp/doc /tmp/part
		mkdir -p /tmp/extra/dir/sub
		cd /tmp/extra
		echo file >file
		echo spaced >"name with spaces"
		echo u >ünïcødé
		ln -s file rel
		ln -s /usr/share/doc abs
		ln -s ../missing dangling
		ln -s dir dirlink
		ln -s dirlink/sub chain
		ln -s "name with spaces" "link with spaces"
		ln -s ünïcødé ünï-link
		ln -s ../../../../../../etc/passwd dir/sub/up
		mkfifo fifo
		echo hard >dir/hard1
		ln dir/hard1 dir/hard2
		mkdir /tmp/doc /tmp/part
		cd /usr/share/doc
		/bin/cp -a [a-c]* /tmp/doc/
		/bin/cp -a /tmp/extra /tmp/doc/zz-extra
		/bin/cp -a c* /tmp/part/
		/bin/cp -a /tmp/extra /tmp/part/zz-extra
		for t in /tmp/doc /tmp/part; do
			echo "$t: $(/usr/bin/find $t | wc -l) entries, $(/usr/bin/find $t -type l | wc -l) symlinks"
		done
	' >"$BATS_FILE_TMPDIR/trees.log" 2>&1 || true
}

teardown_file() { lab_cleanup; }
setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }

# What must come back the same: every path and its type, the target of
# every link, the size of every file and, unless $2 is "nolinks", its
# link count.
listing() {
	local n='%n'
	[ "${2:-}" = nolinks ] && n=-
	echo "(cd $1 && { /usr/bin/find . -type d -printf '%p d\n';" \
	     "/usr/bin/find . ! -type d ! -type f -printf '%p %y %l\n';" \
	     "/usr/bin/find . -type f -printf '%p f %s $n\n'; } | sort)"
}

# copy_cycle SHARE SRC VERS [options [user password]]: cp -a onto the
# mount, compare with the server's copy, cp -a back, compare again
# (contents with diff -r, FIFOs aside; links, types, sizes and link counts
# with find).  Any cp error fails.  Hard links are made on the server in
# every dialect, but only a POSIX mount reports link counts in listings,
# which is where cp -a finds them: without "posix" the copy back has none
# (the same against Samba and Windows).
copy_cycle() {
	local share=$1 src=$2 vers=$3 opts=${4:+,$4} user=${5:-$USER_NAME} pass=${6:-$USER_PASS}
	local t=copy-${vers//./}${4:+-posix} srv=/srv/$1 links=nolinks
	[[ ${4:-} == *posix* ]] && links=
	run guest "
		set -e
		mkdir -p /mnt/l
		mount -t cifs //127.0.0.1/$share /mnt/l -o vers=$vers,username=$user,password=$pass$opts
		trap 'umount /mnt/l 2>/dev/null' EXIT
		rm -rf $srv/$t /tmp/back
		s0=\$(date +%s)
		/bin/cp -a $src /mnt/l/$t 2>/tmp/cp.err || { cat /tmp/cp.err; exit 1; }
		[ ! -s /tmp/cp.err ] || { echo 'cp -a complained:'; head /tmp/cp.err; exit 1; }
		s1=\$(date +%s)
		/usr/bin/diff -r --no-dereference -x fifo $src $srv/$t
		$(listing "$src") >/tmp/l.src
		$(listing "$srv/$t") >/tmp/l.srv
		/usr/bin/diff /tmp/l.src /tmp/l.srv
		/bin/cp -a /mnt/l/$t /tmp/back 2>/tmp/cp.err || { cat /tmp/cp.err; exit 1; }
		[ ! -s /tmp/cp.err ] || { echo 'cp -a back complained:'; head /tmp/cp.err; exit 1; }
		s2=\$(date +%s)
		/usr/bin/diff -r --no-dereference -x fifo $src /tmp/back
		$(listing "$src" $links) >/tmp/l.src2
		$(listing /tmp/back $links) >/tmp/l.back
		/usr/bin/diff /tmp/l.src2 /tmp/l.back
		echo \"identical: \$(wc -l </tmp/l.src) entries, \$(grep -c ' l ' /tmp/l.src) symlinks; in \$((s1 - s0)) s, back \$((s2 - s1)) s; \$(grep breaks_ /sys/fs/cifsd/stats | tr '\\n' ' ')\"
		rm -rf $srv/$t /tmp/back
	"
	echo "$output"
	assert_success
	assert_output --partial "identical:"
}

@test "server starts in the lab" {
	lab_booted
	cat "$BATS_FILE_TMPDIR/trees.log"
	grep -q "^/tmp/part: " "$BATS_FILE_TMPDIR/trees.log" || fail "source trees not made"
	# root for the POSIX owner tests; [cs] is "case sensitive = yes"
	if [ "${LINKS_NO_CLIENT_OPLOCKS:-0}" = 1 ]; then
		run guest '/sbin/modprobe cifs && echo 0 >/sys/module/cifs/parameters/enable_oplocks && echo client oplocks off'
		assert_output "client oplocks off"
	fi
	run guest "
		set -e
		printf '%s\n' $ROOT_PASS | \$CIFSCTL user add root --db /run/cifsd/users.db
		mkdir -p /srv/cs /srv/linux && chmod 0777 /srv/cs /srv/linux
		for s in cs linux; do
			printf '\n[%s]\n\tpath = /srv/%s\n\twriteable = yes\n\tcase sensitive = yes\n' \$s \$s
		done >>/run/cifsd/smb.conf
		\$CIFSCTL reload --pidfile /run/cifsd/cifsctl.pid
	"
	echo "$output"
	assert_success
}

@test "cp -a of links, FIFOs and hard links onto the default share (names ignore case), vers=3.0: identical" {
	copy_cycle share /tmp/extra 3.0
}

@test "cp -a of part of /usr/share/doc onto vers=3.1.1 and back: byte- and link-identical" {
	GUEST_TIMEOUT=600 copy_cycle linux /tmp/doc 3.1.1
}

@test "cp -a of part of /usr/share/doc onto vers=3.0 and back: identical" {
	GUEST_TIMEOUT=300 copy_cycle linux /tmp/part 3.0
}

@test "cp -a of part of /usr/share/doc onto vers=2.1 and back: identical" {
	GUEST_TIMEOUT=300 copy_cycle linux /tmp/part 2.1
}

@test "POSIX extensions (3.1.1, posix): cp -a keeps modes, owners, hard links and names differing in case" {
	run guest '
		set -e
		rm -rf /tmp/px && mkdir -p /tmp/px/d
		cd /tmp/px
		echo a >f && chown 1234:5678 f && chmod 4751 f
		echo b >d/g && chmod 600 d/g && chown 42:43 d/g
		chmod 1777 d
		ln f hl
		echo upper >Case && echo lower >case
		ln -s f l && ln -s /abs/x la
		/bin/cp -a /tmp/extra /tmp/px/extra
	'
	assert_success
	copy_cycle share /tmp/px 3.1.1 posix,cifsacl,idsfromsid root "$ROOT_PASS"
	# modes and owners too (a FIFO the client made keeps 0644: cifs.ko
	# sends no mode for it and no chmod either)
	run guest "
		set -e
		mkdir -p /mnt/l
		mount -t cifs //127.0.0.1/share /mnt/l -o vers=3.1.1,posix,cifsacl,idsfromsid,username=root,password=$ROOT_PASS
		trap 'umount /mnt/l' EXIT
		grep -q ' /mnt/l cifs .*posix' /proc/mounts
		rm -rf /srv/share/px /tmp/pback
		/bin/cp -a /tmp/px /mnt/l/px
		/bin/cp -a /mnt/l/px /tmp/pback
		for t in /tmp/px /srv/share/px /tmp/pback; do
			(cd \$t && /usr/bin/find . ! -type p -printf '%p %y %m %u %g %n %l\n' | sort) >\$t.modes
		done
		/usr/bin/diff /tmp/px.modes /srv/share/px.modes
		/usr/bin/diff /tmp/px.modes /tmp/pback.modes
		grep ' 4751 1234 5678 2 ' /tmp/pback.modes
		[ \"\$(cat /mnt/l/px/Case)\" = upper ] && [ \"\$(cat /mnt/l/px/case)\" = lower ]
		echo modes-owners-ok
	"
	echo "$output"
	assert_success
	assert_output --partial "modes-owners-ok"
}

@test "links already in the share are listed, resolved by the client, and never followed by the server" {
	run guest '
		set -e
		cd /srv/share && rm -rf ./*
		echo t >target.txt && ln -s target.txt lnk
		mkdir sub && echo i >sub/inner.txt && ln -s sub dirlnk
		ln -s /srv/ro esc && mkfifo fifo && echo data >data.txt
		chmod -R a+rwX /srv/share
	'
	assert_success
	run smbclient "//127.0.0.1/share" -p "$PORT" -U "$USER_NAME%$USER_PASS" -c ls
	echo "$output"
	assert_success
	for n in lnk dirlnk esc fifo; do
		assert_output --regexp "  $n +[A-Z]*"
	done
	run guest '
		set -e
		mkdir -p /mnt/l
		mount -t cifs //127.0.0.1/share /mnt/l -o vers=3.1.1,username=tester,password=Test-Pass1
		trap "umount /mnt/l" EXIT
		[ "$(cat /mnt/l/lnk)" = t ] && [ "$(cat /mnt/l/dirlnk/inner.txt)" = i ]
		[ "$(/usr/bin/readlink /mnt/l/esc)" = /srv/ro ]
		[ -p /mnt/l/fifo ] && [ -L /mnt/l/lnk ] && [ -L /mnt/l/dirlnk ]
		echo client-ok
	'
	echo "$output"
	assert_success
	assert_output --partial "client-ok"
	for d in 0x300 0x210; do
		run guest 'cd /srv/share && rm -rf newlnk nfsfifo badlnk'
		run /usr/bin/python3 "$BATS_TEST_DIRNAME/links_probe.py" "$PORT" "$USER_NAME" "$USER_PASS" "$d"
		echo "$output"
		assert_success
		assert_output --partial "ok all"
		run guest '[ "$(readlink /srv/share/newlnk)" = a/b ] && [ -p /srv/share/nfsfifo ] && [ -f /srv/share/badlnk ] && echo server-ok'
		assert_output "server-ok"
	done
}

@test "device nodes only for a user allowed to mknod (POSIX mount)" {
	run guest "
		mkdir -p /mnt/l
		mount -t cifs //127.0.0.1/share /mnt/l -o vers=3.1.1,posix,username=$USER_NAME,password=$USER_PASS || exit 1
		rm -f /srv/share/nulldev /srv/share/myfifo
		mknod /mnt/l/nulldev c 1 3 && echo tester-made-a-device
		mkfifo /mnt/l/myfifo && [ -p /srv/share/myfifo ] && echo tester-fifo-ok
		umount /mnt/l
		mount -t cifs //127.0.0.1/share /mnt/l -o vers=3.1.1,posix,username=root,password=$ROOT_PASS || exit 1
		mknod /mnt/l/nulldev c 1 3 && /usr/bin/stat -c '%F %t:%T' /srv/share/nulldev
		umount /mnt/l
	"
	echo "$output"
	refute_output --partial "tester-made-a-device"
	assert_output --partial "tester-fifo-ok"
	assert_output --partial "character special file 1:3"
}

@test "names match ignoring case on a default share, exactly on case sensitive = yes" {
	run guest '
		set -e
		echo hello >/srv/share/Mixed.Case.txt
		mkdir -p /srv/share/SubDir /srv/cs/SubDir
		echo deep >/srv/share/SubDir/Inner.TXT
		echo cs >/srv/cs/Only.txt
		chmod -R a+rwX /srv/share /srv/cs
	'
	run smbclient "//127.0.0.1/share" -p "$PORT" -U "$USER_NAME%$USER_PASS" \
		-c "get MIXED.case.TXT $BATS_TEST_TMPDIR/a; get subdir\\inner.txt $BATS_TEST_TMPDIR/b"
	echo "$output"
	assert_success
	[ "$(cat "$BATS_TEST_TMPDIR/a")" = hello ] && [ "$(cat "$BATS_TEST_TMPDIR/b")" = deep ]
	run smbclient "//127.0.0.1/cs" -p "$PORT" -U "$USER_NAME%$USER_PASS" -c "get ONLY.TXT $BATS_TEST_TMPDIR/c"
	echo "$output"
	assert_output --partial "NT_STATUS_OBJECT_NAME_NOT_FOUND"
	run smbclient "//127.0.0.1/cs" -p "$PORT" -U "$USER_NAME%$USER_PASS" -c "get Only.txt $BATS_TEST_TMPDIR/c"
	assert_success
	# a name that is nowhere: one scan, then the cache answers
	run guest 'grep case_ /sys/fs/cifsd/stats'
	local hits0 hits1
	hits0=$(echo "$output" | awk '/case_scan_cache_hits/ {print $2}')
	for i in 1 2 3; do
		smbclient "//127.0.0.1/share" -p "$PORT" -U "$USER_NAME%$USER_PASS" -c "get desktop.ini $BATS_TEST_TMPDIR/d" || true
	done
	run guest 'grep case_ /sys/fs/cifsd/stats; grep case_scan_max /sys/fs/cifsd/limits'
	echo "$output"
	hits1=$(echo "$output" | awk '/case_scan_cache_hits/ {print $2}')
	[ "$hits1" -ge $((hits0 + 2)) ] || fail "cache hits $hits0 -> $hits1"
	assert_output --partial "case_scan_max 100000"
}

@test "server teardown is clean" {
	lab_down_checked
}
