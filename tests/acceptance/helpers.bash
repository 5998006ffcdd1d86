# Shared helpers for the lab acceptance suites (host-side bats; each suite
# boots one lab VM in setup_file and checks its teardown in its last test).
#
# Environment:
#   CIFSD_BUILD        build dir (default <repo>/build)
#   CIFSD_TEST_SERVER  cifsd (default) | samba  (Samba's smbd as a reference
#                      server, to check the suites themselves)
#   ACCEPT_MEMDEBUG    kernel command line for memory debugging in every
#                      suite's guest (default below; set it empty to boot
#                      without); LAB_APPEND is added after it
#   ACCEPT_LAB_NAME    the lab VM's name (default acc-SUITE-PORT), for one
#                      suite run by hand under a name of one's own
bats_load_library bats-support
bats_load_library bats-assert

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
LAB=$REPO/tests/lab/lab
export CIFSD_BUILD=${CIFSD_BUILD:-$REPO/build}
USER_NAME=tester
USER_PASS=Test-Pass1

case ${CIFSD_TEST_SERVER:-cifsd} in
samba)
	GUEST_SETUP=$REPO/tests/lab/samba-guest-start
	GUEST_TEARDOWN=$REPO/tests/lab/samba-guest-stop ;;
*)
	GUEST_SETUP=$REPO/tests/lab/cifsd-guest-start
	GUEST_TEARDOWN=$REPO/tests/lab/cifsd-guest-stop ;;
esac

# Memory debugging in every suite's guest: SLUB consistency checks, red
# zones, poisoning and alloc/free owner tracking; page poisoning; KFENCE
# sampling every 10 ms.  `lab stop` fails on their reports (tests/lab/lab,
# LAB_BAD_DMESG) and validates every debug cache before powering off.
ACCEPT_MEMDEBUG=${ACCEPT_MEMDEBUG-slub_debug=FZPU page_poison=1 kfence.sample_interval=10}
export LAB_APPEND="$ACCEPT_MEMDEBUG${LAB_APPEND:+ $LAB_APPEND}"

# Ports: each suite has its own default (4450...); ACCEPT_PORT_OFFSET shifts
# them all, so that two runs (or someone's `tests/lab/try`) can coexist.
suite_port() { echo $(( $1 + ${ACCEPT_PORT_OFFSET:-0} )); }

# lab_up NAME PORT: boot the suite's VM with the standard server setup
# (call from setup_file).  It never fails setup_file (bats would then hide
# the suite's tests); the suite's first test calls lab_booted instead.
# Extra [global] lines can be passed in LAB_SMB_GLOBAL.
lab_up() {
	export LAB_NAME=${ACCEPT_LAB_NAME:-acc-$1-$2} LAB_PORT=$2
	"$LAB" kill --name "$LAB_NAME" >/dev/null 2>&1
	if "$LAB" start --name "$LAB_NAME" --port "$LAB_PORT" -- sh "$GUEST_SETUP" \
		>"$BATS_FILE_TMPDIR/lab-start.log" 2>&1; then
		echo 0 >"$BATS_FILE_TMPDIR/lab-start.rc"
	else
		echo 1 >"$BATS_FILE_TMPDIR/lab-start.rc"
	fi
}

# First test of every suite: the VM booted and the server listens.
lab_booted() {
	cat "$BATS_FILE_TMPDIR/lab-start.log"
	[ "$(cat "$BATS_FILE_TMPDIR/lab-start.rc")" = 0 ] || fail "lab start failed (log above)"
	memdebug_active
}

# The guest really runs with the memory debugging asked for.
memdebug_active() {
	local cmdline w
	[ -n "$ACCEPT_MEMDEBUG" ] || { echo "memory debugging off (ACCEPT_MEMDEBUG is empty)"; return 0; }
	cmdline=$(guest cat /proc/cmdline) || fail "cannot read the guest's /proc/cmdline"
	for w in $ACCEPT_MEMDEBUG; do
		[[ " $cmdline " == *" $w "* ]] || fail "guest kernel command line lacks '$w': $cmdline"
	done
	echo "memory debugging: $ACCEPT_MEMDEBUG"
}

# The suite's last test: server teardown must succeed and dmesg be clean.
lab_down_checked() {
	run "$LAB" stop --name "$LAB_NAME" --teardown "sh $GUEST_TEARDOWN"
	echo "$output"
	assert_success
	assert_output --partial "teardown ok"
	assert_output --partial "guest dmesg clean"
}

# teardown_file: make sure no VM is left behind (no checks).
lab_cleanup() {
	if "$LAB" status --name "$LAB_NAME" >/dev/null 2>&1; then
		"$LAB" stop --name "$LAB_NAME" --teardown "sh $GUEST_TEARDOWN" >&3 2>&1 ||
			"$LAB" kill --name "$LAB_NAME"
	fi
	return 0
}

# Run a shell command in the suite's guest.
guest() { "$LAB" exec --name "$LAB_NAME" --timeout "${GUEST_TIMEOUT:-600}" -- "$@"; }

# Tests other than the first: fail fast when the VM is not up.
require_lab() {
	"$LAB" status --name "$LAB_NAME" >/dev/null 2>&1 ||
		fail "lab VM '$LAB_NAME' is not running (see the suite's first test)"
}
