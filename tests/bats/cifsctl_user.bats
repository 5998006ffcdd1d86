#!/usr/bin/env bats
# cifsctl user add/del/passwd/list against a temporary database.

load cifsctl_helpers

setup() { common_setup; }
teardown() { common_teardown; }

# NT hash of "Password" is a4f49c406510bdcab6824ee7c30fd852 (MD4 of UTF-16LE).
HASH_PASSWORD="pPScQGUQvcq2gk7nww/YUg=="

@test "user add stores the exact NT hash with mode 0600" {
	pw_run Password user add alice --db "$DB"
	assert_success
	run cat "$DB"
	assert_output "alice:$HASH_PASSWORD"
	run stat -c %a "$DB"
	assert_output "600"
}

@test "NT hash matches the known vector byte for byte" {
	pw_run Password user add alice --db "$DB"
	assert_success
	run bash -c "cut -d: -f2 '$DB' | base64 -d | od -An -tx1 | tr -d ' \n'"
	assert_output "a4f49c406510bdcab6824ee7c30fd852"
}

@test "non-ASCII password is hashed from UTF-16LE" {
	# expected value from an independent MD4 written in python (no OpenSSL md4)
	pw_run "é" user add bob --db "$DB"
	assert_success
	expected=$(printf '\xe9\x00' | python3 -c '
import sys
def md4(m):
    import struct
    m=bytearray(m); l=len(m)*8; m.append(0x80)
    while len(m)%64!=56: m.append(0)
    m+=struct.pack("<Q",l)
    a,b,c,d=0x67452301,0xefcdab89,0x98badcfe,0x10325476
    R=lambda x,n:((x<<n)|(x>>(32-n)))&0xffffffff
    for i in range(0,len(m),64):
        X=struct.unpack("<16I",m[i:i+64]); A,B,C,D=a,b,c,d
        F=lambda x,y,z:(x&y)|(~x&z); G=lambda x,y,z:(x&y)|(x&z)|(y&z); H=lambda x,y,z:x^y^z
        for k in range(16): A,B,C,D=D,R((A+F(B,C,D)+X[k])&0xffffffff,[3,7,11,19][k%4]),B,C
        for k in range(16): A,B,C,D=D,R((A+G(B,C,D)+X[(k%4)*4+k//4]+0x5a827999)&0xffffffff,[3,5,9,13][k%4]),B,C
        for k in range(16): A,B,C,D=D,R((A+H(B,C,D)+X[[0,8,4,12,2,10,6,14,1,9,5,13,3,11,7,15][k]]+0x6ed9eba1)&0xffffffff,[3,9,11,15][k%4]),B,C
        a,b,c,d=(a+A)&0xffffffff,(b+B)&0xffffffff,(c+C)&0xffffffff,(d+D)&0xffffffff
    return struct.pack("<4I",a,b,c,d)
import base64; print(base64.b64encode(md4(sys.stdin.buffer.read())).decode())')
	run cat "$DB"
	assert_output "bob:$expected"
}

@test "add, list, passwd, del roundtrip" {
	pw_run Password user add alice --db "$DB"
	assert_success
	pw_run secret user add bob --db "$DB"
	assert_success
	run "$CIFSCTL" user list --db "$DB"
	assert_success
	assert_output $'alice\nbob'
	pw_run other user passwd ALICE --db "$DB"
	assert_success
	run grep -c "^alice:$HASH_PASSWORD\$" "$DB"
	assert_output "0"
	pw_run Password user passwd alice --db "$DB"
	assert_success
	run grep -c "^alice:$HASH_PASSWORD\$" "$DB"
	assert_output "1"
	run "$CIFSCTL" user del Bob --db "$DB"
	assert_success
	run "$CIFSCTL" user list --db "$DB"
	assert_output "alice"
	run stat -c %a "$DB"
	assert_output "600"
}

@test "adding an existing user fails (case-insensitive)" {
	pw_run Password user add alice --db "$DB"
	pw_run x user add ALICE --db "$DB"
	assert_failure 1
	assert_output --partial "user alice already exists"
	run cat "$DB"
	assert_output "alice:$HASH_PASSWORD"
}

@test "del and passwd of an unknown user fail" {
	run "$CIFSCTL" user del carol --db "$DB"
	assert_failure 1
	assert_output --partial "no such user carol"
	pw_run x user passwd carol --db "$DB"
	assert_failure 1
	assert_output --partial "no such user carol"
}

@test "garbled db line is reported with file and line" {
	printf 'alice:%s\n\nbroken line\n' "$HASH_PASSWORD" > "$DB"
	for args in "user list" "user del alice"; do
		run "$CIFSCTL" $args --db "$DB"
		assert_failure 1
		assert_output "$DB:3: malformed entry (expected name:base64-nt-hash)"
	done
	pw_run x user add bob --db "$DB"
	assert_failure 1
	assert_output --partial "$DB:3: malformed entry"
}

@test "bad base64 hash is malformed" {
	printf 'alice:notbase64!!\n' > "$DB"
	run "$CIFSCTL" user list --db "$DB"
	assert_failure 1
	assert_output "$DB:1: malformed entry (expected name:base64-nt-hash)"
}

@test "third field (flags) is accepted and preserved" {
	printf 'alice:%s:disabled\nbob:%s\n' "$HASH_PASSWORD" "$HASH_PASSWORD" > "$DB"
	run "$CIFSCTL" user list --db "$DB"
	assert_success
	assert_output $'alice (disabled)\nbob'
	run "$CIFSCTL" user del bob --db "$DB"
	assert_success
	run cat "$DB"
	assert_output "alice:$HASH_PASSWORD:disabled"
}

@test "invalid user names are rejected" {
	for name in "" "a:b" $'a\tb' "$(printf 'x%.0s' $(seq 256))"; do
		pw_run x user add "$name" --db "$DB"
		assert_failure 1
		assert_output --partial "invalid user name"
	done
	[ ! -e "$DB" ]
}

@test "empty password is rejected" {
	pw_run "" user add alice --db "$DB"
	assert_failure 1
	assert_output --partial "empty passwords are not allowed"
	[ ! -e "$DB" ]
}

@test "no password on stdin is an error" {
	run bash -c '"$0" user add alice --db "$1" </dev/null' "$CIFSCTL" "$DB"
	assert_failure 1
	assert_output --partial "no password"
}

@test "list of a missing database is empty" {
	run "$CIFSCTL" user list --db "$TMP/none.db"
	assert_success
	assert_output ""
}

@test "user commands are clean under valgrind" {
	command -v valgrind >/dev/null || fail "valgrind not installed (the CI installs it: see .ci/run)"
	vg="valgrind -q --leak-check=full --error-exitcode=99"
	run bash -c "printf 'Password\n' | $vg '$CIFSCTL' user add alice --db '$DB'"
	assert_success
	run bash -c "printf 'x\n' | $vg '$CIFSCTL' user passwd alice --db '$DB'"
	assert_success
	run $vg "$CIFSCTL" user list --db "$DB"
	assert_success
	assert_output "alice"
	run $vg "$CIFSCTL" user del alice --db "$DB"
	assert_success
	printf 'junk\n' > "$DB"
	run $vg "$CIFSCTL" user list --db "$DB"
	assert_failure 1
}

@test "disable and enable set and clear the disabled flag, keeping other flags" {
	printf 'alice:%s:future,x\nbob:%s\n' "$HASH_PASSWORD" "$HASH_PASSWORD" >"$DB"
	run "$CIFSCTL" user disable alice --db "$DB"
	assert_success
	run "$CIFSCTL" user disable bob --db "$DB"
	assert_success
	run cat "$DB"
	assert_output "alice:$HASH_PASSWORD:future,x,disabled
bob:$HASH_PASSWORD:disabled"
	run "$CIFSCTL" user disable bob --db "$DB"	# already: no change
	assert_success
	run "$CIFSCTL" user list --db "$DB"
	assert_output $'alice (disabled)\nbob (disabled)'
	run "$CIFSCTL" user enable alice --db "$DB"
	assert_success
	run "$CIFSCTL" user enable bob --db "$DB"
	assert_success
	run cat "$DB"
	assert_output "alice:$HASH_PASSWORD:future,x
bob:$HASH_PASSWORD"
	run stat -c %a "$DB"
	assert_output 600
}

@test "enable/disable of an unknown user fail with exit 1" {
	run "$CIFSCTL" user disable nobody --db "$DB"
	assert_failure 1
	assert_output "cifsctl: no such user nobody"
	run "$CIFSCTL" user enable
	assert_failure 2
}

@test "user list --json" {
	run "$CIFSCTL" user list --json --db "$DB"
	assert_success
	assert_output "[]"
	printf 'alice:%s:disabled\nbo"b\\\\:%s\n' "$HASH_PASSWORD" "$HASH_PASSWORD" >"$DB"
	run "$CIFSCTL" user list --json --db "$DB"
	assert_success
	assert_output '[
 {"name": "alice", "disabled": true, "flags": ["disabled"]},
 {"name": "bo\"b\\\\", "disabled": false, "flags": []}
]'
	run python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[1]["name"], d[0]["disabled"])' <<<"$output"
	assert_output 'bo"b\\ True'
	run "$CIFSCTL" user del alice --json --db "$DB"
	assert_failure 2
}

@test "enable, disable and --json are clean under valgrind" {
	command -v valgrind >/dev/null || fail "valgrind not installed (the CI installs it: see .ci/run)"
	printf 'alice:%s:a,disabled,b\n' "$HASH_PASSWORD" >"$DB"
	for a in enable disable; do
		run valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
			"$CIFSCTL" user $a alice --db "$DB"
		assert_success
	done
	run valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$CIFSCTL" user list --json --db "$DB"
	assert_success
}
