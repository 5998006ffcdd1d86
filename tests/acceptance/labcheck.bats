#!/usr/bin/env bats
# The lab's checks can fail: `lab stop` must fail when the guest kernel log
# has a memory-debugging report (SLUB, KFENCE, page poisoning), a hung task
# or a cifsd stack trace, and must not fail on a clean boot with the memory
# debugging of every suite (ACCEPT_MEMDEBUG) and cifsd loaded.
load helpers

PORT=$(suite_port 4454)

setup_file() { lab_up labcheck "$PORT"; }
teardown_file() { lab_cleanup; }
setup() {
	case $BATS_TEST_NUMBER in 1|2) ;; *) require_lab ;; esac
}

# One line per kind of report the check must catch, as the kernel prints it.
BAD_LINES=(
	'[   12.345678] BUG: KFENCE: use-after-free read in cifsd_conn_free+0x3c/0x90 [cifsd]'
	'[   12.345678] BUG: KFENCE: out-of-bounds write in smb2_read+0x1a/0x200 [cifsd]'
	'[   12.345678] BUG kmalloc-64 (Tainted: G           OE     ): Poison overwritten'
	'[   12.345678] BUG kmalloc-1k (Not tainted): Redzone overwritten'
	'[   12.345678] BUG kmalloc-rnd-03-128 (Tainted: G O): Right Redzone overwritten'
	'[   12.345678] BUG cifsd_work (Tainted: G O): Object padding overwritten'
	'[   12.345678] BUG cifsd_work (Tainted: G O): Objects remaining in cifsd_work on __kmem_cache_shutdown()'
	'[   12.345678] BUG kmalloc-32 (Tainted: G O): Freechain corrupt'
	'[   12.345678] kmalloc Redzone overwritten at 0xffff888004a3b640'
	'[   12.345678] pagealloc: memory corruption'
	'[   12.345678] WARNING: CPU: 1 PID: 123 at kmod/conn.c:99 cifsd_conn_put+0x1/0x2 [cifsd]'
	'[  250.000000] INFO: task kworker/0:1:42 blocked for more than 120 seconds.'
	'[   12.345678]  cifsd_conn_handler+0x8c/0x1e0 [cifsd]'
	'[   12.345678] RIP: 0010:cifsd_tree_put+0x10/0x40 [cifsd]'
	'[   12.345678] Oops: general protection fault, probably for non-canonical address'
	'[   12.345678] kworker/u4:2: page allocation failure: order:4, mode:0x40cc0'
	'[   12.345678] Out of memory: Killed process 321 (python3)'
	'[   12.345678] BUG: unable to handle page fault for address: ffffc90000a7b000'
)

@test "the dmesg check trips on every kind of memory-debugging report (canned lines)" {
	local line f=$BATS_TEST_TMPDIR/dmesg.txt
	for line in "${BAD_LINES[@]}"; do
		printf '[    0.000000] Linux version 6.12\n%s\n[   13.0] ok\n' "$line" >"$f"
		run "$LAB" check-dmesg "$f"
		[ "$status" = 1 ] || fail "not caught (exit $status): $line"
		assert_output --partial "${line#*] }"
	done
}

@test "the dmesg check passes a clean log with the memory-debugging banners" {
	local f=$BATS_TEST_TMPDIR/dmesg.txt
	cat >"$f" <<'EOF'
[    0.000000] Command line: console=ttyS0 slub_debug=FZPU page_poison=1 kfence.sample_interval=10
[    0.127564] mem auto-init: SLAB_POISON will take precedence over init_on_alloc/init_on_free
[    0.139630] mem auto-init: CONFIG_PAGE_POISONING is on, will take precedence over init_on_alloc and init_on_free
[    1.037785] SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=2, Nodes=1
[    1.262073] kfence: initialized - using 2097152 bytes for 255 objects at 0xffff88807d400000-0xffff88807d600000
[    9.000000] cifsd: loading out-of-tree module taints kernel.
[    9.000001] cifsd: module verification failed: signature and/or required key missing - tainting kernel
EOF
	run "$LAB" check-dmesg "$f"
	echo "$output"
	assert_success
	assert_output ""
}

@test "server starts in the lab" {
	lab_booted
}

@test "the guest really debugs memory: SLUB debug caches, KFENCE enabled" {
	[ -n "$ACCEPT_MEMDEBUG" ] || fail "ACCEPT_MEMDEBUG is empty: nothing to check"
	run guest 'for f in sanity_checks red_zone poison store_user; do
			printf "%s=%s " $f $(cat /sys/kernel/slab/kmalloc-64/$f); done; echo
		cat /sys/module/kfence/parameters/sample_interval'
	echo "$output"
	assert_success
	assert_output --partial "sanity_checks=1 red_zone=1 poison=1 store_user=1"
	assert_line 10
}

@test "the real guest log of a cifsd boot passes the check" {
	run guest 'dmesg >/tmp/labcheck-dmesg.txt && cat /tmp/labcheck-dmesg.txt'
	assert_success
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/dmesg.txt"
	run "$LAB" check-dmesg "$BATS_TEST_TMPDIR/dmesg.txt"
	echo "$output"
	assert_success
}

@test "lab stop fails when the guest kernel logs a SLUB report" {
	run guest 'echo "<3>BUG kmalloc-64 (Tainted: G O): Poison overwritten (labcheck canned report)" >/dev/kmsg'
	assert_success
	run "$LAB" stop --name "$LAB_NAME" --teardown "sh $GUEST_TEARDOWN"
	echo "$output"
	assert_failure
	assert_output --partial "teardown ok"
	assert_output --partial "Poison overwritten (labcheck canned report)"
	refute_output --partial "guest dmesg clean"
}
