#!/usr/bin/env bats
# cifsctl config check: syntax, validation, defaults.

load cifsctl_helpers

setup() { common_setup; }
teardown() { common_teardown; }

check() {
	run "$CIFSCTL" config check -c "$CONF"
}

@test "global-only config is valid and prints defaults" {
	printf '[global]\n' > "$CONF"
	check
	assert_success
	assert_output --partial "port = 445"
	assert_output --partial "server min protocol = SMB2_02"
	assert_output --partial "server max protocol = SMB3_11"
	assert_output --partial "workgroup = WORKGROUP"
	assert_output --partial "guest account = nobody"
	assert_output --partial "map to guest = never"
	assert_output --partial "server signing = auto"
	assert_output --partial "server smb encrypt = if_required"
}

@test "full valid config with Samba spellings" {
	cat > "$CONF" <<-EOC
	# comment
	; another comment
	[Global]
	   NetBIOS Name = fileserver
	   smb ports = 4445 445
	   server min protocol = SMB3
	   server max protocol = SMB3_11
	   server signing = required
	   map to guest = Bad User
	   max connections = 20

	[Data]
	   path = $TMP/share
	   comment = team data
	   writable = yes
	   public = yes
	   valid users = alice bob
	   browsable = no
	EOC
	check
	assert_success
	assert_output --partial "netbios name = FILESERVER"
	assert_output --partial "port = 4445"
	assert_output --partial "server min protocol = SMB3_00"
	assert_output --partial "server signing = mandatory"
	assert_output --partial "map to guest = bad user"
	assert_output --partial "max connections = 20"
	assert_output --partial "[Data]"
	assert_output --partial "read only = no"
	assert_output --partial "guest ok = yes"
	assert_output --partial "browseable = no"
	assert_output --partial "valid users = alice bob"
}

@test "shares are read only by default" {
	printf '[s]\npath = %s\n' "$TMP/share" > "$CONF"
	check
	assert_success
	assert_output --partial "read only = yes"
	assert_output --partial "guest ok = no"
	assert_output --partial "browseable = yes"
}

@test "case sensitive: auto (default, not printed), yes, no, and bad values" {
	printf '[a]\npath = %s\n[b]\npath = %s\ncase sensitive = yes\n[c]\npath = %s\ncasesignames = false\n[d]\npath = %s\ncase sensitive = Auto\n' \
		"$TMP/share" "$TMP/share" "$TMP/share" "$TMP/share" > "$CONF"
	check
	assert_success
	[ "$(grep -c 'case sensitive' <<<"$output")" = 2 ] || fail "expected two 'case sensitive' lines"
	assert_output --partial "case sensitive = yes"
	assert_output --partial "case sensitive = no"
	printf '[a]\npath = %s\ncase sensitive = sometimes\n' "$TMP/share" > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:3: bad value 'sometimes' for 'case sensitive'"
}

@test "syntax error reports file and line" {
	printf '[global]\nworkgroup = X\nthis is not valid\n' > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:3: syntax error"
}

@test "unterminated section reports file and line" {
	printf '[global]\n[share\n' > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:2: syntax error: missing ']'"
}

@test "key before any section is an error" {
	printf 'port = 445\n' > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:1: syntax error: key outside of any section"
}

@test "missing share path fails with file:line" {
	printf '[global]\n[data]\npath = %s/nope\n' "$TMP" > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:3: share [data]: path $TMP/nope does not exist"
}

@test "share without path fails" {
	printf '[data]\ncomment = x\n' > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:1: share [data]: no path set"
}

@test "unknown key warns but passes" {
	printf '[global]\nfrobnicate = yes\n[s]\npath = %s\nfoo bar = 1\n' "$TMP/share" > "$CONF"
	check
	assert_success
	assert_output --partial "$CONF:2: warning: unknown key 'frobnicate' in [global], ignored"
	assert_output --partial "$CONF:5: warning: unknown key 'foo bar' in [s], ignored"
}

@test "[homes] and [printers] warn" {
	printf '[homes]\n[printers]\n' > "$CONF"
	check
	assert_success
	assert_output --partial "$CONF:1: warning: [homes] is not supported"
	assert_output --partial "$CONF:2: warning: [printers] is not supported"
}

@test "bad protocol value" {
	printf '[global]\nserver max protocol = SMB4\n' > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:2: bad value 'SMB4' for 'server max protocol'"
}

@test "min protocol above max protocol" {
	printf '[global]\nserver min protocol = SMB3_11\nserver max protocol = SMB3_02\n' > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:3: server min protocol SMB3_11 is higher than server max protocol SMB3_02"
}

@test "bad port, boolean, signing and map to guest values" {
	printf '[global]\nport = 0\nserver signing = maybe\nmap to guest = bad password\n[s]\npath = %s\nread only = perhaps\n' "$TMP/share" > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:2: bad value '0' for 'port'"
	assert_output --partial "$CONF:3: bad value 'maybe' for 'server signing'"
	assert_output --partial "$CONF:4: bad value 'bad password' for 'map to guest'"
	assert_output --partial "$CONF:7: bad value 'perhaps' for 'read only'"
}

@test "server smb encrypt: Samba's values and spellings, global and per share" {
	cat > "$CONF" <<-EOC
	[global]
	   SMB Encrypt = Desired
	[plain]
	   path = $TMP/share
	[secret]
	   path = $TMP/share
	   server smb encrypt = mandatory
	[open]
	   path = $TMP/share
	   smb encrypt = off
	EOC
	check
	assert_success
	assert_output --partial "server smb encrypt = desired"
	assert_output --partial "$(printf '[secret]\n\tpath = %s' "$TMP/share")"
	assert_output --partial "smb encrypt = required"
	assert_output --partial "smb encrypt = off"
	# a share that does not set it prints nothing: it takes [global]'s
	run bash -c "'$CIFSCTL' config check -c '$CONF' | sed -n '/^\[plain\]/,/^\$/p'"
	refute_output --partial "encrypt"
	local v
	for v in off no disabled if_required default yes auto desired required force enforced; do
		printf '[global]\nserver smb encrypt = %s\n' "$v" > "$CONF"
		check
		assert_success
	done
}

@test "bad server smb encrypt values, global and share" {
	printf '[global]\nserver smb encrypt = sometimes\n[s]\npath = %s\nsmb encrypt = maybe\n' "$TMP/share" > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:2: bad value 'sometimes' for 'server smb encrypt'"
	assert_output --partial "$CONF:5: bad value 'maybe' for 'smb encrypt'"
	assert_output --partial "off, if_required, desired or required"
}

@test "netbios name longer than 15 characters" {
	printf '[global]\nnetbios name = abcdefghijklmnop\n' > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:2: netbios name 'abcdefghijklmnop' is longer than 15 characters"
}

@test "duplicate and invalid share names" {
	printf '[a]\npath = %s\n[A]\npath = %s\n' "$TMP/share" "$TMP/share" > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:3: syntax error: duplicate section"
	printf '[a*b]\npath = %s\n' "$TMP/share" > "$CONF"
	check
	assert_failure 1
	assert_output --partial "$CONF:1: share name [a*b] contains a character"
}

@test "missing config file" {
	run "$CIFSCTL" config check -c "$TMP/absent.conf"
	assert_failure 1
	assert_output --partial "cannot read config $TMP/absent.conf"
}

@test "config check is clean under valgrind" {
	command -v valgrind >/dev/null || fail "valgrind not installed (the CI installs it: see .ci/run)"
	printf '[global]\nworkgroup = W\nxyz = 1\n[s]\npath = %s\nvalid users = a\n' "$TMP/share" > "$CONF"
	run valgrind -q --leak-check=full --error-exitcode=99 "$CIFSCTL" config check -c "$CONF"
	assert_success
	printf '[global]\nport = x\n[s]\npath = /nonexistent\n' > "$CONF"
	run valgrind -q --leak-check=full --error-exitcode=99 "$CIFSCTL" config check -c "$CONF"
	assert_failure 1
}
