#!/usr/bin/env bats
# Share browsing through IPC$ (DCE/RPC in the daemon): smbclient -L and
# rpcclient against srvsvc, wkssvc and lsarpc; impacket (when installed)
# for the other levels, winreg and samr.
load helpers

PORT=$(suite_port 4480)

setup_file() { lab_up rpc "$PORT"; }

teardown_file() { lab_cleanup; }

setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }

rpc() { rpcclient -p "$PORT" 127.0.0.1 -U "$USER_NAME%$USER_PASS" "$@"; }

# The reference server (Samba) has no share comments in its lab config.
is_cifsd() { [ "${CIFSD_TEST_SERVER:-cifsd}" != samba ]; }

@test "server starts in the lab" {
	lab_booted
}

@test "smbclient -L lists the shares with types and comments, not hidden ones" {
	run smbclient -L //127.0.0.1 -p "$PORT" -U "$USER_NAME%$USER_PASS"
	echo "$output"
	assert_success
	assert_output --regexp 'IPC\$ +IPC +IPC Service'
	assert_output --regexp 'share +Disk'
	assert_output --regexp 'ro +Disk'
	assert_output --regexp 'public +Disk'
	if is_cifsd; then
		assert_output --regexp 'share +Disk +lab read-write share'
		assert_output --regexp 'public +Disk +lab guest share'
	fi
	refute_output --partial hidden
}

@test "rpcclient netshareenumall (levels 1, 2, 502)" {
	for level in 1 2 502; do
		run rpc -c "netshareenumall $level"
		echo "$output"
		assert_success
		assert_output --partial 'netname: share'
		assert_output --partial 'netname: IPC$'
		refute_output --partial hidden
	done
	run rpc -c "netshareenumall 502"
	assert_output --partial 'type:	0x80000003'
	is_cifsd || return 0
	run rpc -c netshareenumall
	assert_output --partial 'remark:	lab read-only share'
}

@test "rpcclient netsharegetinfo finds shares, hidden ones too" {
	run rpc -c 'netsharegetinfo hidden'
	echo "$output"
	assert_success
	assert_output --partial 'netname: hidden'
	assert_output --partial 'remark:	lab hidden share'
	run rpc -c 'netsharegetinfo ro 502'
	echo "$output"
	assert_success
	assert_output --partial 'netname: ro'
	assert_output --partial 'type:	0x0'
	run rpc -c 'netsharegetinfo ro 1005'
	echo "$output"
	assert_success
	assert_output --partial 'flags: 0x0'
	run rpc -c 'netsharegetinfo no-such-share'
	echo "$output"
	assert_output --partial WERR_NERR_NETNAMENOTFOUND
}

@test "rpcclient srvinfo" {
	run rpc -c srvinfo
	echo "$output"
	assert_success
	assert_output --partial 'platform_id     :	500'
	assert_output --regexp 'server type     :	0x[0-9a-f]*'
	is_cifsd || return 0
	assert_output --partial 'os version      :	10.0'
}

@test "rpcclient lookupsids maps Unix user and group SIDs" {
	is_cifsd || skip "Samba maps these SIDs only with its idmap"
	run rpc -c 'lookupsids S-1-22-1-0 S-1-22-2-0 S-1-1-0 S-1-5-32-544'
	echo "$output"
	assert_success
	assert_output --partial 'S-1-22-1-0 Unix User\root (1)'
	assert_output --partial 'S-1-22-2-0 Unix Group\root (2)'
	assert_output --partial 'S-1-1-0 \Everyone (5)'
	assert_output --partial 'S-1-5-32-544 BUILTIN\Administrators (4)'
}

@test "rpcclient lsaquery: workgroup, account domain with a machine SID" {
	is_cifsd || skip "checks cifsd's answers"
	run rpc -c 'lsaquery'
	echo "$output"
	assert_success
	assert_output --partial 'Domain Name: '
	run rpc -c 'lsaquery 12'
	echo "$output"
	assert_success
	assert_output --partial 'Domain NetBios Name: '
	run rpc -c 'lsaquery 5'
	echo "$output"
	assert_success
	assert_output --regexp 'Domain Sid: S-1-5-21-[0-9]+-[0-9]+-[0-9]+'
	sid1=$(echo "$output" | grep 'Domain Sid')
	run rpc -c 'lsaquery 5'
	assert_output --partial "$sid1"
}

@test "rpcclient lookupnames and lookupsids3 map Unix users and groups" {
	is_cifsd || skip "Samba maps these names only with its idmap"
	run rpc -c 'lookupnames root "Unix Group\root" "Unix User\root" "BUILTIN\Administrators" no-such-user-xyz'
	echo "$output"
	assert_success
	assert_output --partial 'root S-1-22-1-0 (User: 1)'
	assert_output --partial 'Unix Group\root S-1-22-2-0 (Domain Group: 2)'
	assert_output --partial 'Unix User\root S-1-22-1-0 (User: 1)'
	assert_output --partial 'BUILTIN\Administrators S-1-5-32-544 (Local Group: 4)'
	assert_output --partial 'no-such-user-xyz S-0-0 (UNKNOWN: 8)'
	run rpc -c 'lookupsids3 S-1-22-1-0 S-1-5-32-545'
	echo "$output"
	assert_success
	assert_output --partial 'S-1-22-1-0 root (1)'
	assert_output --partial 'S-1-5-32-545 Users (4)'
}

@test "rpcclient enumdomains and lookupdomain (samr)" {
	is_cifsd || skip "checks cifsd's answers"
	run rpc -c 'enumdomains'
	echo "$output"
	assert_success
	assert_output --partial 'name:[Builtin]'
	run rpc -c 'lookupdomain Builtin'
	echo "$output"
	assert_success
	assert_output --partial 'Domain SID: S-1-5-32'
}

@test "impacket: all srvsvc/wkssvc levels, winreg and samr open/close" {
	/usr/bin/python3 -c 'import impacket' 2>/dev/null || fail "python3-impacket not installed (the CI installs it: see .ci/run)"
	is_cifsd || skip "checks cifsd's answers"
	run /usr/bin/python3 - "$PORT" "$USER_NAME" "$USER_PASS" <<'PY'
import sys
from impacket.dcerpc.v5 import transport, srvs, wkst, rrp, samr, lsad, lsat
port, user, pw = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def conn(pipe, iface):
    t = transport.SMBTransport('127.0.0.1', port, '\\' + pipe,
                               username=user, password=pw)
    d = t.get_dce_rpc(); d.connect(); d.bind(iface); return d
d = conn('srvsvc', srvs.MSRPC_UUID_SRVS)
for lvl in (0, 1, 2, 502):
    r = srvs.hNetrShareEnum(d, lvl)
    names = [e['shi%d_netname' % lvl][:-1]
             for e in r['InfoStruct']['ShareInfo']['Level%d' % lvl]['Buffer']]
    assert 'share' in names and 'hidden' not in names, names
    print('enum', lvl, names)
for lvl in (0, 1, 2, 501, 502, 1005):
    assert srvs.hNetrShareGetInfo(d, 'hidden\0', lvl)['ErrorCode'] == 0
    print('getinfo', lvl, 'ok')
for lvl in (100, 101, 102):
    print('srvinfo', lvl, srvs.hNetrServerGetInfo(d, lvl)['ErrorCode'])
d = conn('wkssvc', wkst.MSRPC_UUID_WKST)
print('wksta', wkst.hNetrWkstaGetInfo(d, 100)['WkstaInfo']['WkstaInfo100']['wki100_langroup'])
d = conn('winreg', rrp.MSRPC_UUID_RRP)
h = rrp.hOpenLocalMachine(d)['phKey']
print('winreg close', rrp.hBaseRegCloseKey(d, h)['ErrorCode'])
d = conn('samr', samr.MSRPC_UUID_SAMR)
r = samr.hSamrConnect(d)
sid = samr.hSamrLookupDomainInSamServer(d, r['ServerHandle'], 'Builtin')['DomainId']
dh = samr.hSamrOpenDomain(d, r['ServerHandle'], domainId=sid)['DomainHandle']
ids = samr.hSamrLookupIdsInDomain(d, dh, [544])
print('samr ids', ids['Names']['Element'][0]['Data'])
samr.hSamrCloseHandle(d, dh)
print('samr close', samr.hSamrCloseHandle(d, r['ServerHandle'])['ErrorCode'])
d = conn('lsarpc', lsat.MSRPC_UUID_LSAT)
h = lsad.hLsarOpenPolicy2(d)['PolicyHandle']
r = lsat.hLsarLookupSids2(d, h, ['S-1-22-1-0'])
print('lookupsids2', r['TranslatedNames']['Names'][0]['Name'])
r = lsad.hLsarQueryInformationPolicy2(d, h, lsad.POLICY_INFORMATION_CLASS.PolicyAccountDomainInformation)
print('account domain', r['PolicyInformation']['PolicyAccountDomainInfo']['DomainSid'].formatCanonical())
r = lsat.hLsarLookupNames3(d, h, ['root'])
print('lookupnames3', r['TranslatedSids']['Sids'][0]['Sid'].formatCanonical())
print('lsa close', lsad.hLsarClose(d, h)['ErrorCode'])
print('done')
PY
	echo "$output"
	assert_success
	assert_output --partial 'getinfo 1005 ok'
	assert_output --partial 'wksta WORKGROUP'
	assert_output --partial 'winreg close 0'
	assert_output --partial 'samr close 0'
	assert_output --partial 'lookupsids2 root'
	assert_output --regexp 'account domain S-1-5-21-[0-9]+-[0-9]+-[0-9]+'
	assert_output --partial 'lookupnames3 S-1-22-1-0'
	assert_output --partial 'samr ids Administrators'
	assert_output --partial 'done'
}

@test "an unknown pipe name is not found" {
	run smbclient //127.0.0.1/IPC\$ -p "$PORT" -U "$USER_NAME%$USER_PASS" -c 'get no-such-pipe /dev/null'
	echo "$output"
	assert_output --partial NT_STATUS_OBJECT_NAME_NOT_FOUND
}

@test "teardown: cifsctl stop, rmmod cifsd, dmesg clean" {
	lab_down_checked
}
