#!/usr/bin/env bats
# Bounded network fuzzing in CI: netfuzz (tests/netfuzz) runs inside the
# guest against 127.0.0.1:445 for NETFUZZ_TIME seconds in all, split over a
# rotation of seeds; after each seed a fresh client must be served and the
# guest kernel log must be clean, so that a failure names its seed.  The
# last test is the checked teardown.  The long run (1,000,000 PDUs) is
# described in tests/acceptance/README.md.
#
# Environment:
#   NETFUZZ_TIME   total seconds of fuzzing (default 180)
#   NETFUZZ_SEEDS  the seeds (default: three fixed ones and one that changes
#                  every day, YYYYMMDD, so that CI covers new ground while
#                  any run can be repeated with NETFUZZ_SEEDS=...)
#   NETFUZZ_PDUS   stop each seed after this many PDUs instead (NETFUZZ_TIME
#                  is then the time limit of each seed, not of the run):
#                  the long run, see README.md
load helpers
load sec_helpers

PORT=$(suite_port 4457)
: "${NETFUZZ_TIME:=180}"
: "${NETFUZZ_SEEDS:=1 2 3 $(date -u +%Y%m%d)}"
SUITE=fuzz-net
# short timeouts, so that fuzzing reaches the code that enforces them
SUITE_GLOBAL="handshake timeout = 10
send timeout = 10"

setup_file() { LAB_SMB_GLOBAL="$SUITE_GLOBAL" lab_up "$SUITE" "$PORT"; }
teardown_file() { lab_cleanup; }
setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }
teardown() { dmesg_teardown; }

@test "server starts in the lab" {
	lab_booted
}

@test "netfuzz in the guest, seeds rotated, a fresh client served and dmesg clean after each seed" {
	[ -x "$NETFUZZ" ] || fail "netfuzz not built at $NETFUZZ (tests/netfuzz, ninja -C build)"
	local seeds=($NETFUZZ_SEEDS) seed per t0 rc
	local budget=""
	per=$((NETFUZZ_TIME / ${#seeds[@]}))
	[ "$per" -ge 10 ] || per=10
	if [ -n "${NETFUZZ_PDUS:-}" ]; then per=$NETFUZZ_TIME; budget="--pdus $NETFUZZ_PDUS"; fi
	for seed in "${seeds[@]}"; do
		t0=$SECONDS
		echo "---- seed $seed, ${per}s (repeat: NETFUZZ_SEEDS=$seed NETFUZZ_TIME=$per bats $BATS_TEST_FILENAME)"
		rc=0
		GUEST_TIMEOUT=$((per + 120)) guest "cd /tmp && timeout -k 10 $((per + 60)) $NETFUZZ -p 445 \
			-U $USER_NAME%$USER_PASS -s share --seed $seed --time $per $budget -v" \
			>"$BATS_TEST_TMPDIR/netfuzz.out" 2>&1 || rc=$?
		cat "$BATS_TEST_TMPDIR/netfuzz.out"
		note "seed $seed: exit $rc after $((SECONDS - t0)) s: $(grep -m1 'PDUs' "$BATS_TEST_TMPDIR/netfuzz.out")"
		if ! "$LAB" status --name "$LAB_NAME" >/dev/null 2>&1; then
			guest_died_report
			fail "seed $seed: the guest died"
		fi
		[ "$rc" = 0 ] || fail "seed $seed: netfuzz exit $rc (the server stopped serving it; 124: netfuzz hung)"
		fresh_client_served
		dmesg_clean_now
		if is_cifsd; then note "$(show_stats)"; fi
	done
}

@test "afterwards: nothing left connected, a fresh client served" {
	fresh_client_served
	cifsd_only "/sys/fs/cifsd/stats"
	wait_stat connections_now -eq 0 60
	wait_stat requests_in_flight -eq 0 30
}

@test "server teardown is clean (checked dmesg)" {
	lab_down_checked_sec
}
