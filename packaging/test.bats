#!/usr/bin/env bats
# The Debian packages installed as an administrator would, in a lab guest
# (tests/lab; the guest's writes stay in its tmpfs overlay, the host is not
# touched): dpkg -i cifsd-dkms and cifsctl, DKMS builds cifsd.ko for the
# guest kernel, cifsd.service's ExecStart (cifsctl start, no --module)
# loads it by name through libkmod and serves a share; ExecReload, SIGTERM
# (systemctl stop) and cifsctl stop; dpkg --purge leaves nothing behind.
#
#   packaging/build && bats packaging/test.bats
#
# PKG_DIR (default <repo>/build/packages) holds the .deb files; LAB_KVER
# picks the guest kernel (default 6.12).  The guest runs no systemd, so
# the unit's commands are run as systemd would run them.  About 10 min
# under TCG, most of it DKMS compiling the module inside the guest.
bats_load_library bats-support
bats_load_library bats-assert

REPO=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
LAB=$REPO/tests/lab/lab
PKG_DIR=${PKG_DIR:-${CIFSD_BUILD:-$REPO/build}/packages}
PORT=$((4465 + ${ACCEPT_PORT_OFFSET:-0}))
export LAB_NAME=acc-package-$PORT
UNIT=/lib/systemd/system/cifsd.service

setup_file() {
	"$LAB" kill --name "$LAB_NAME" >/dev/null 2>&1
	if "$LAB" start --name "$LAB_NAME" --port "$PORT" --no-wait-port -- true \
		>"$BATS_FILE_TMPDIR/lab-start.log" 2>&1; then
		echo 0 >"$BATS_FILE_TMPDIR/lab-start.rc"
	else
		echo 1 >"$BATS_FILE_TMPDIR/lab-start.rc"
	fi
}

teardown_file() {
	"$LAB" status --name "$LAB_NAME" >/dev/null 2>&1 && "$LAB" kill --name "$LAB_NAME"
	return 0
}

setup() {
	[ "$BATS_TEST_NUMBER" = 1 ] && return 0
	"$LAB" status --name "$LAB_NAME" >/dev/null 2>&1 ||
		fail "lab VM '$LAB_NAME' is not running (see the first test)"
}

guest() { "$LAB" exec --name "$LAB_NAME" --timeout "${GUEST_TIMEOUT:-300}" -- "$@"; }

# A unit's command line (ExecStart, ExecReload) as installed.
unit_cmd() { guest "sed -n 's/^$1=//p' $UNIT"; }

# Something listens on port 445 (0x01BD) in the guest: a shell condition.
LISTENING='cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '"'"'$2 ~ /:01BD$/ && $4 == "0A" { f = 1 } END { exit !f }'"'"''

# Wait up to 30 s for the server to listen (wait_port 1) or not (wait_port 0).
wait_port() {
	local cond=$LISTENING
	[ "$1" = 1 ] || cond="! { $LISTENING; }"
	guest "i=0; while [ \$i -lt 60 ]; do if $cond; then exit 0; fi; i=\$((i + 1)); usleep 500000; done; exit 1"
}

smb_host() { smbclient "//127.0.0.1/data" -p "$PORT" -U tester%Test-Pass1 "$@"; }

@test "the lab guest boots; packages are built" {
	cat "$BATS_FILE_TMPDIR/lab-start.log"
	[ "$(cat "$BATS_FILE_TMPDIR/lab-start.rc")" = 0 ] || fail "lab start failed (log above)"
	ls "$PKG_DIR"/cifsctl_*.deb "$PKG_DIR"/cifsd-dkms_*_all.deb ||
		fail "no packages in $PKG_DIR (run packaging/build first)"
}

@test "dpkg -i cifsd-dkms cifsctl: DKMS builds and installs cifsd.ko for the guest kernel" {
	local debs
	debs=$(ls "$PKG_DIR"/cifsd-dkms_*_all.deb "$PKG_DIR"/cifsctl_*.deb | tr '\n' ' ')
	# man-db's trigger would rebuild the whole man database under TCG
	run env GUEST_TIMEOUT=3600 "$LAB" exec --name "$LAB_NAME" --timeout 3600 -- \
		"rm -f /var/lib/man-db/auto-update; DEBIAN_FRONTEND=noninteractive /usr/bin/dpkg -i $debs"
	echo "$output"
	assert_success
	run guest 'dkms status cifsd; echo "path $(/sbin/modinfo -n cifsd)"; echo "vermagic $(/sbin/modinfo -F vermagic cifsd)"; echo "running $(uname -r)"'
	echo "$output"
	assert_success
	local kv
	kv=$(guest uname -r)
	# (a Debian kernel version has regex characters: 6.12.95+deb12-amd64)
	assert_output --regexp "cifsd/[^,]+, "
	assert_output --partial ", $kv, x86_64: installed"
	assert_output --regexp "path /lib/modules/[^ ]+/updates/dkms/cifsd\.ko"
	assert_output --partial "vermagic $kv "
}

@test "cifsctl: binary, man pages, completion, unit and default smb.conf installed" {
	run guest "/usr/bin/dpkg -L cifsctl"
	assert_success
	for f in /usr/sbin/cifsctl /usr/share/man/man8/cifsctl.8.gz /usr/share/man/man5/cifsd.conf.5.gz \
		/usr/share/bash-completion/completions/cifsctl $UNIT /etc/cifsd/smb.conf; do
		assert_line "$f"
	done
	run guest "/usr/bin/dpkg-query -W -f '\${Conffiles}' cifsctl"
	assert_output --partial /etc/cifsd/smb.conf
	run guest "cifsctl config check >/dev/null"
	assert_success
	run unit_cmd ExecStart
	assert_output "/usr/sbin/cifsctl start"
	# the unit as systemd reads it (the guest runs no systemd)
	run guest "SYSTEMD_LOG_COLOR=0 /usr/bin/systemd-analyze verify $UNIT"
	echo "$output"
	assert_success
}

@test "a first share and user as README says, then ExecStart serves it (module loaded by name)" {
	run guest 'useradd --system --no-create-home tester &&
		mkdir -p /srv/data && chown tester /srv/data &&
		cifsctl share add data path=/srv/data writeable=yes &&
		printf "Test-Pass1\n" | cifsctl user add tester'
	echo "$output"
	assert_success
	run guest 'grep -q "^cifsd " /proc/modules && echo "cifsd already loaded"; exit 0'
	refute_output --partial "already loaded"
	start=$(unit_cmd ExecStart)
	run guest "setsid $start </dev/null >/tmp/cifsd.log 2>&1 & echo started"
	assert_success
	run wait_port 1
	[ "$status" = 0 ] || { guest "cat /tmp/cifsd.log"; fail "nothing listens on port 445 after ExecStart"; }
	run guest 'grep "^cifsd " /proc/modules; cat /sys/module/cifsd/initstate'
	assert_output --partial live
	echo "CIFSD package test" >"$BATS_TEST_TMPDIR/hello.txt"
	run smb_host -c "put $BATS_TEST_TMPDIR/hello.txt hello.txt; get hello.txt $BATS_TEST_TMPDIR/back.txt"
	echo "$output"
	assert_success
	cmp "$BATS_TEST_TMPDIR/hello.txt" "$BATS_TEST_TMPDIR/back.txt"
	run guest "cat /srv/data/hello.txt"
	assert_output "CIFSD package test"
}

@test "ExecReload picks up a new share" {
	run guest 'mkdir -p /srv/more && cifsctl share add more path=/srv/more'
	assert_success
	run guest "$(unit_cmd ExecReload) && sleep 0.5"
	echo "$output"
	assert_success
	run smbclient -L 127.0.0.1 -p "$PORT" -U tester%Test-Pass1
	echo "$output"
	assert_success
	assert_output --partial more
}

@test "SIGTERM (systemctl stop) stops the server; ExecStart again; cifsctl stop" {
	run guest 'pid=$(cat /run/cifsd.pid) && kill -TERM $pid &&
		i=0; while kill -0 $pid 2>/dev/null; do i=$((i + 1)); [ $i -lt 60 ] || exit 1; usleep 500000; done'
	assert_success
	run wait_port 0
	assert_success
	start=$(unit_cmd ExecStart)
	guest "setsid $start </dev/null >/tmp/cifsd2.log 2>&1 &"
	run wait_port 1
	assert_success
	run smb_host -c "ls hello.txt"
	assert_success
	run guest "cifsctl stop"
	echo "$output"
	assert_success
	run wait_port 0
	assert_success
	run guest '/sbin/rmmod cifsd'
	echo "$output"
	assert_success
}

@test "dpkg --purge cifsctl cifsd-dkms leaves nothing behind" {
	run guest "DEBIAN_FRONTEND=noninteractive /usr/bin/dpkg --purge cifsctl cifsd-dkms"
	echo "$output"
	assert_success
	run guest 'for p in /usr/sbin/cifsctl /etc/cifsd /usr/src/cifsd-* /var/lib/dkms/cifsd \
			/lib/modules/*/updates/dkms/cifsd.ko* /lib/systemd/system/cifsd.service \
			/usr/share/bash-completion/completions/cifsctl /usr/share/doc/cifsctl \
			/usr/share/doc/cifsd-dkms /run/cifsd.pid; do
		[ -e "$p" ] && echo "left behind: $p"; done
		/sbin/modinfo cifsd >/dev/null 2>&1 && echo "left behind: modinfo still finds cifsd"
		grep "^cifsd " /proc/modules && echo "left behind: module loaded"
		/usr/bin/dpkg-query -W -f "\${Package} \${db:Status-Status}\n" cifsctl cifsd-dkms 2>/dev/null | grep -v " not-installed$"
		exit 0'
	echo "$output"
	assert_success
	assert_output ""
}

@test "teardown: power-off with a clean kernel log" {
	run "$LAB" stop --name "$LAB_NAME" --no-teardown
	echo "$output"
	assert_success
	assert_output --partial "guest dmesg clean"
}
