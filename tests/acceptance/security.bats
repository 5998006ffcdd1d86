#!/usr/bin/env bats
# Hardening regressions: one test per finding of the hardening issue (0-8),
# each followed by "a fresh client is served within 10 s" and a clean guest
# kernel log; the last test is the checked teardown.  The guest runs with
# memory debugging (helpers.bash) and short timeouts:
#   send timeout = 5, handshake timeout = 8
# Crafted clients: smbc-tool (tests/client) and secprobe.py (beside this file).
# Time budget: about 5 minutes on 2 cores under TCG.
load helpers
load sec_helpers

PORT=$(suite_port 4455)
SEND_TIMEOUT=5
HANDSHAKE_TIMEOUT=8
SEC_GLOBAL="send timeout = $SEND_TIMEOUT
handshake timeout = $HANDSHAKE_TIMEOUT"

SUITE=security
SUITE_GLOBAL=$SEC_GLOBAL

setup_file() { LAB_SMB_GLOBAL="$SUITE_GLOBAL" lab_up "$SUITE" "$PORT"; }
teardown_file() { lab_cleanup; }
setup() {
	[ "$BATS_TEST_NUMBER" = 1 ] && return 0
	if [[ $BATS_TEST_DESCRIPTION == "server teardown is clean"* ]]; then require_lab; else ensure_serving; fi
}
teardown() {
	# holders a failed test left behind stop now
	touch "$BATS_TEST_TMPDIR/stop"
	[ -e "$BATS_TEST_TMPDIR/guest-holders" ] && guest 'touch /tmp/stop2'
	dmesg_teardown
}

# Every finding's test ends with this (and teardown checks dmesg again,
# also when the test failed earlier).
served_and_clean() {
	fresh_client_served
	dmesg_clean_now
}

@test "server starts in the lab" {
	lab_booted
	if is_cifsd; then
		run guest 'cat /sys/fs/cifsd/limits 2>&1'
		note "limits: $(echo $output)"
	fi
}

@test "(0) thousands of quick TCP connect/close cycles from parallel processes (guest and host)" {
	# six kinds of cycle (close, RST, half a header, NEGOTIATE then close or
	# RST, NEGOTIATE answered), 6 processes in the guest, 8 on the host
	run gprobe cycles 8000 6 60
	note "guest (127.0.0.1): $output"
	assert_success
	# (Samba forks a process per connection: far fewer cycles in the time)
	local min=1000
	is_cifsd || min=100
	[ "$(kv cycles "$output")" -ge "$min" ] || fail "too few cycles in the guest: $output"
	run probe cycles 500 8 40
	note "host (10.0.2.2): $output"
	assert_success
	[ "$(kv cycles "$output")" -ge "$((min / 4))" ] || fail "too few cycles from the host: $output"
	served_and_clean
	is_cifsd || return 0
	wait_stat connections_now -eq 0 20
}

@test "(1) compound of 128 READs of 64 KiB on an 8 MiB file, SMB 2.0.2" {
	run smbc --dialect 2.0.2 read-compound 128 65536 rc202.dat
	echo "$output"
	assert_success
	run smbc --dialect 2.0.2 read-compound 128 65536 rc202.dat related
	echo "$output"
	assert_success
	served_and_clean
}

@test "(1) three 8 MiB READs in one compound, SMB 3.1.1" {
	run smbc --dialect 3.1.1 read-compound 3 8388608 rc311.dat
	echo "$output"
	assert_success
	run smbc --dialect 3.1.1 read-compound 3 8388608 rc311.dat related
	echo "$output"
	assert_success
	served_and_clean
}

@test "(1) zero-length READ, QUERY_INFO, IOCTL and QUERY_DIRECTORY with empty output buffers" {
	for d in 2.0.2 3.1.1; do
		run smbc --dialect "$d" zero-read zero-$d.dat
		echo "dialect $d: $output"
		assert_success
	done
	served_and_clean
}

@test "(2) a client queueing 300 READs of 1 MiB and never reading: others served, it is dropped after send timeout" {
	# smbc-tool runs in the guest (loopback: the replies pile up in the
	# server's socket, not in slirp) and holds its connection 30 s without
	# reading; a fresh client must be served meanwhile, and the server must
	# drop the connection after send timeout (5 s) -- seen from the server
	# side (the client cannot see a FIN behind the replies it never reads)
	need_smbc_tool
	local max=0 v i t0=$SECONDS out
	bg_guest noread "timeout 120 $SMBC_TOOL -p 445 -U $USER_NAME%$USER_PASS -s share no-read-flood 300 1048576 noread.dat 30"
	sleep 6
	fresh_client_served
	if is_cifsd; then
		for i in 1 2 3; do
			v=$(srv_stat conn_memory_bytes)
			[ "$v" -gt "$max" ] && max=$v
			sleep 1
		done
		echo "largest conn_memory_bytes seen: $max; limit $(limit max_conn_memory_kib) KiB"
		[ "$max" -le $(( $(limit max_conn_memory_kib) * 1024 + 1048576 )) ] ||
			fail "server memory for the connection ($max) beyond max connection memory"
		wait_stat send_timeouts -ge 1 $((SEND_TIMEOUT + 12))
		wait_stat connections_now -eq 0 5
		echo "dropped $((SECONDS - t0)) s after the flood started"
		guest 'test ! -e /tmp/noread.rc' || fail "smbc-tool had already let go: the drop was not the server's"
	fi
	run wait_bg_guest noread 120
	echo "$output"
	assert_success
	assert_output --partial "another client served"
	out=$output
	served_and_clean
	cifsd_only "send timeout and its counters"
	wait_stat conn_memory_bytes -le 65536 20
}

@test "(3) SESSION_SETUP flood (in-progress sessions, 128 per compound) is capped" {
	run smbc sess-flood 1024
	echo "$output"
	assert_success
	local started out=$output
	served_and_clean
	cifsd_only "max pending sessions per connection"
	started=$(printf '%s\n' "$out" | sed -nE 's/.*: ([0-9]+) sessions started.*/\1/p' | tail -n1)
	[ -n "$started" ] || fail "smbc-tool did not say how many sessions started"
	echo "sessions started on one connection: $started (max pending sessions per connection: $(limit max_pending_sessions))"
	[ "$started" -le "$(limit max_pending_sessions)" ] || fail "more in-progress sessions than allowed"
	[ "$(srv_stat sessions_refused)" -ge 1 ] || fail "sessions_refused did not count"
	wait_stat sessions_now -eq 0 20
}

@test "(3) connections that never finish NEGOTIATE or login are dropped after handshake timeout; logged-in ones stay" {
	local d=$BATS_TEST_TMPDIR hold=$((HANDSHAKE_TIMEOUT + 20)) k
	probe hold 4 tcp $hold >"$d/tcp" 2>&1 3>&- &
	probe hold 4 negotiate $hold >"$d/negotiate" 2>&1 3>&- &
	probe hold 4 half $hold >"$d/half" 2>&1 3>&- &
	probe --check-alive hold 2 login $hold >"$d/login" 2>&1 3>&- &
	run smbc half-login 8 $hold
	echo "smbc-tool half-login: $output"
	local out=$output
	wait
	for k in tcp negotiate half login; do echo "$k: $(cat "$d/$k")"; done
	served_and_clean
	cifsd_only "handshake timeout"
	[[ $out == *"the server had closed 8 of them"* ]] || fail "smbc-tool half-login: not all 8 dropped"
	for k in tcp negotiate half; do
		grep -q '^opened=4 ' "$d/$k" || fail "$k: connections not opened"
		[ "$(kv closed "$(cat "$d/$k")")" = 4 ] || fail "$k: not all dropped within $hold s: $(cat "$d/$k")"
		awk -v t="$(kv first_close "$(cat "$d/$k")")" -v m=$((HANDSHAKE_TIMEOUT - 2)) 'BEGIN { exit !(t >= m) }' ||
			fail "$k: dropped before the handshake timeout: $(cat "$d/$k")"
	done
	grep -q '^opened=2 closed=0 .*alive=2' "$d/login" || fail "a logged-in connection was dropped"
	# the 12 probes at least (smbc-tool's may also meet max pending sessions)
	[ "$(srv_stat handshake_timeouts)" -ge 12 ] ||
		fail "handshake_timeouts did not count the drops: $(show_stats)"
}

@test "(4) max connections per ip and max connections: beyond the limit refused at once, established ones kept" {
	cifsd_only "max connections counts TCP connections (Samba's is per share)"
	restart_server "$SEC_GLOBAL
max connections = 6
max connections per ip = 4"
	local d=$BATS_TEST_TMPDIR
	rm -f "$d/stop"
	wait_stat connections_now -eq 0 20
	# 4 logged-in connections from the host (10.0.2.2): its per-ip limit
	probe --check-alive --until "$d/stop" hold 4 login 90 >"$d/host4" 2>"$d/host4.err" 3>&- &
	for i in $(seq 100); do grep -q ready "$d/host4.err" && break; sleep 0.3; done
	grep -q ready "$d/host4.err" || { cat "$d/host4" "$d/host4.err"; fail "4 connections from the host not set up"; }
	run probe refused
	echo "5th from the host: $output"
	assert_success
	awk -v t="$(kv seconds "$output")" 'BEGIN { exit !(t < 5) }' || fail "refusal took too long"
	run gprobe served
	echo "from 127.0.0.1 while the host is at its per-ip limit: $output"
	assert_success
	# 2 more from the guest: 6 in all, the server-wide limit
	wait_stat connections_now -eq 4 20
	guest 'rm -f /tmp/stop2'
	touch "$d/guest-holders"
	bg_guest hold2 "$PY $SECPROBE -p 445 -U $USER_NAME%$USER_PASS --check-alive --until /tmp/stop2 hold 2 login 90"
	for i in $(seq 100); do guest 'grep -q ready /tmp/hold2.out' && break; sleep 0.3; done
	run guest 'cat /tmp/hold2.out'
	echo "guest holders: $output"
	assert_output --partial "ready 2 login"
	echo "stats with 6 connections: $(show_stats)"
	run gprobe refused
	echo "7th (from 127.0.0.1): $output"
	assert_success
	run probe refused
	echo "7th (from the host): $output"
	assert_success
	show_stats
	[ "$(srv_stat refused_per_ip)" -ge 1 ] || fail "refused_per_ip did not count"
	[ "$(srv_stat refused_max_connections)" -ge 1 ] || fail "refused_max_connections did not count"
	[ "$(srv_stat connections_refused)" -ge 3 ] || fail "connections_refused did not count"
	[ "$(srv_stat connections_now)" = 6 ] || fail "connections_now is not 6"
	# the established ones still work
	touch "$d/stop"
	guest 'touch /tmp/stop2'
	wait
	run wait_bg_guest hold2 60
	echo "guest holders: $output"
	assert_output --partial "alive=2"
	run cat "$d/host4"
	echo "host holders: $output"
	assert_output --partial "opened=4 closed=0"
	assert_output --partial "alive=4"
	wait_stat connections_now -eq 0 20
	served_and_clean
}

@test "(5) LOGOFF racing CREATE/TREE_CONNECT: no crash, no leaked open" {
	run smbc logoff-race 100 4
	echo "$output"
	assert_success
	served_and_clean
	run probe exclusive
	echo "$output"
	assert_success
	is_cifsd || return 0
	run guest 'tail -n +2 /sys/fs/cifsd/opens'
	echo "opens: $output"
	assert_output ""
	wait_stat sessions_now -eq 0 20
}

@test "(5) TREE_DISCONNECT followed by related compound members: no crash, no leaked open" {
	run smbc tdis-related
	echo "$output"
	assert_success
	run smbc --dialect 2.0.2 tdis-related
	echo "$output"
	assert_success
	served_and_clean
	run probe exclusive
	echo "$output"
	assert_success
	is_cifsd || return 0
	run guest 'tail -n +2 /sys/fs/cifsd/opens'
	echo "opens: $output"
	assert_output ""
}

@test "(6) credits: MessageId outside the window or reused, CreditCharge above the grant: disconnect" {
	run smbc credit-abuse
	echo "$output"
	assert_success
	local c
	for c in "MessageId 100000 beyond the window" "MessageId reused in a later frame" \
		"MessageId reused inside one compound" "CreditCharge above the granted credits"; do
		assert_output --partial "$c: server closed the connection"
	done
	served_and_clean
	cifsd_only "credit_errors counter"
	[ "$(srv_stat credit_errors)" -ge 4 ] || fail "credit_errors did not count"
}

host_smb() { timeout 20 smbclient "//127.0.0.1/$1" -p "$PORT" -U "$USER_NAME%$USER_PASS" -c ls; }
guest_smb() { guest "timeout 20 smbclient //127.0.0.1/$1 -U $USER_NAME%$USER_PASS -c ls"; }

@test "(7) global hosts allow / hosts deny: the denied address is refused before any protocol work" {
	restart_server "$SEC_GLOBAL
hosts allow = 127.0.0.1"
	run guest_smb share
	echo "127.0.0.1 (allowed): $output"
	assert_success
	run host_smb share
	echo "10.0.2.2 (not allowed): $output"
	assert_failure
	run probe refused
	echo "$output"
	assert_success
	if is_cifsd; then [ "$(srv_stat refused_hosts)" -ge 1 ] || fail "refused_hosts did not count"; fi

	# deny list; Samba's precedence: a host in both lists is allowed
	restart_server "$SEC_GLOBAL
hosts deny = 10.0.2.0/24 127.
hosts allow = 10.0.2.2"
	run host_smb share
	echo "10.0.2.2 (in both lists): $output"
	assert_success
	run guest_smb share
	echo "127.0.0.1 (denied): $output"
	assert_failure
	run gprobe refused
	echo "$output"
	assert_success

	restart_server "$SEC_GLOBAL
hosts deny = ALL EXCEPT 10.0.2."
	run host_smb share
	echo "10.0.2.2 (excepted): $output"
	assert_success
	run guest_smb share
	echo "127.0.0.1 (denied): $output"
	assert_failure
	served_and_clean
}

@test "(7) per-share hosts allow / hosts deny: TREE_CONNECT denied, other shares served" {
	restart_server "$SEC_GLOBAL" "[guarded]
	path = /srv/share
	writeable = yes
	hosts allow = 127.0.0.1

[walled]
	path = /srv/share
	hosts deny = 127.0.0.0/255.0.0.0"
	run host_smb guarded
	echo "10.0.2.2 -> guarded: $output"
	assert_failure
	assert_output --partial NT_STATUS_ACCESS_DENIED
	run guest_smb guarded
	echo "127.0.0.1 -> guarded: $output"
	assert_success
	run host_smb walled
	echo "10.0.2.2 -> walled: $output"
	assert_success
	run guest_smb walled
	echo "127.0.0.1 -> walled: $output"
	assert_failure
	assert_output --partial NT_STATUS_ACCESS_DENIED
	served_and_clean
}

# rpcclient with a null session from the guest (127.0.0.1)
null_rpc() { guest "timeout 30 rpcclient -U% -N 127.0.0.1 -c '$1'"; }
user_rpc() { guest "timeout 30 rpcclient -U $USER_NAME%$USER_PASS 127.0.0.1 -c '$1'"; }

@test "(8) null session: no SID/name lookups, no share paths (srvsvc levels 2/502)" {
	local c
	# the same calls work for a user: the denials below are not accidents
	run user_rpc 'lookupsids S-1-5-32-544'
	echo "user lookupsids: $output"
	assert_success
	for c in lsaquery 'lookupsids S-1-5-32-544' 'lookupsids S-1-22-1-0' 'lookupnames root' \
		'lookupnames Administrator' 'lsaenumsid'; do
		run null_rpc "$c"
		echo "null $c: $output"
		refute_output --regexp 'S-1-5-32-544 |S-1-22-1-0 |root S-1|Domain Sid: S-1'
		[ "$status" != 0 ] || [[ $output == *DENIED* ]] || fail "null session: '$c' was answered"
	done
	for c in 'netshareenumall 2' 'netshareenumall 502' 'netsharegetinfo share 2' 'netsharegetinfo share 502'; do
		run null_rpc "$c"
		echo "null $c: $output"
		refute_output --partial '/srv'
		refute_output --partial 'path:'
	done
	# impacket: the same through its own DCE/RPC stack (host, 10.0.2.2)
	run "$PY" - "$PORT" <<'PY'
import sys
from impacket.dcerpc.v5 import transport, lsat, lsad, srvs
from impacket.dcerpc.v5.dtypes import MAXIMUM_ALLOWED
port = int(sys.argv[1])
answered = []
def bind(pipe, uuid):
    t = transport.DCERPCTransportFactory(r'ncacn_np:127.0.0.1[\pipe\%s]' % pipe)
    t.set_dport(port)
    t.set_credentials('', '')
    d = t.get_dce_rpc()
    d.connect()
    d.bind(uuid)
    return d
try:
    d = bind('lsarpc', lsat.MSRPC_UUID_LSAT)
    try:
        h = lsad.hLsarOpenPolicy2(d, MAXIMUM_ALLOWED | lsat.POLICY_LOOKUP_NAMES)['PolicyHandle']
        try:
            lsat.hLsarLookupSids(d, h, ['S-1-5-32-544'], lsat.LSAP_LOOKUP_LEVEL.LsapLookupWksta)
            answered.append('LsarLookupSids')
        except Exception as e:
            print('LsarLookupSids:', str(e)[:80])
        try:
            lsat.hLsarLookupNames(d, h, ('root',))
            answered.append('LsarLookupNames')
        except Exception as e:
            print('LsarLookupNames:', str(e)[:80])
    except Exception as e:
        print('LsarOpenPolicy2:', str(e)[:80])
except Exception as e:
    print('lsarpc:', str(e)[:80])
try:
    d = bind('srvsvc', srvs.MSRPC_UUID_SRVS)
    for lvl in (2, 502):
        try:
            r = srvs.hNetrShareGetInfo(d, 'share', lvl)
            answered.append('NetrShareGetInfo %d (path %s)' % (lvl, r['InfoStruct']['ShareInfo%d' % lvl]['shi%d_path' % lvl]))
        except Exception as e:
            print('NetrShareGetInfo %d:' % lvl, str(e)[:80])
        try:
            srvs.hNetrShareEnum(d, lvl)
            answered.append('NetrShareEnum %d' % lvl)
        except Exception as e:
            print('NetrShareEnum %d:' % lvl, str(e)[:80])
except Exception as e:
    print('srvsvc:', str(e)[:80])
print('answered to a null session: %s' % (', '.join(answered) or 'nothing'))
sys.exit(1 if answered else 0)
PY
	echo "$output"
	assert_success
	served_and_clean
}

@test "(8) restrict anonymous = 2: null sessions cannot use IPC\$" {
	restart_server "$SEC_GLOBAL
restrict anonymous = 2"
	run guest "timeout 30 smbclient -N //127.0.0.1/IPC\\\$ -c quit"
	echo "null session -> IPC\$: $output"
	assert_failure
	assert_output --regexp 'NT_STATUS_ACCESS_DENIED|NT_STATUS_LOGON_FAILURE'
	run null_rpc srvinfo
	echo "null srvinfo: $output"
	assert_failure
	run user_rpc srvinfo
	echo "user srvinfo: $output"
	assert_success
	run guest "timeout 30 smbclient -L //127.0.0.1 -U $USER_NAME%$USER_PASS"
	echo "user -L: $output"
	assert_success
	served_and_clean
}

@test "server teardown is clean (checked dmesg)" {
	lab_down_checked_sec
}
