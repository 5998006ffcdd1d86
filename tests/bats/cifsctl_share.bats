#!/usr/bin/env bats
# cifsctl share add/set/del/list/show: in-place edits of the config file.

load cifsctl_helpers

setup() {
	common_setup
	mkdir "$TMP/other"
	cat >"$CONF" <<-EOF2
	# site configuration
	[global]
	  workgroup = LAB   ; our workgroup
	  # guests are mapped
	  map to guest = bad user

	[share]
	  path = $TMP/share
	  # writeable for the team
	  writeable = yes

	# the archive, read only
	[archive]
	  path = $TMP/share
	EOF2
	chmod 0640 "$CONF"
	cp "$CONF" "$TMP/orig.conf"
}
teardown() { common_teardown; }

@test "share add appends a section and keeps everything else byte for byte" {
	run "$CIFSCTL" share add docs -c "$CONF" path="$TMP/other" read_only=no "comment=team docs"
	assert_success
	assert_output ""
	run diff "$TMP/orig.conf" "$CONF"
	assert_output "14a15,19
> 
> [docs]
> 	path = $TMP/other
> 	read only = no
> 	comment = team docs"
	run stat -c %a "$CONF"
	assert_output 640
	# no temporary file is left behind
	run ls "$TMP"
	refute_output --partial "smb.conf."
}

@test "the added share is what config check and share show report" {
	"$CIFSCTL" share add docs -c "$CONF" path="$TMP/other" guest_ok=yes
	run "$CIFSCTL" share show docs -c "$CONF"
	assert_success
	assert_line "[docs]"
	assert_line "	path = $TMP/other"
	assert_line "	guest ok = yes"
	assert_line "	read only = yes"
	run "$CIFSCTL" config check -c "$CONF"
	assert_success
	assert_output --partial "[docs]"
}

@test "share list prints the share names" {
	run "$CIFSCTL" share list -c "$CONF"
	assert_success
	assert_output "share
archive"
}

@test "share add of an existing share fails with exit 1 (any case)" {
	run "$CIFSCTL" share add SHARE -c "$CONF" path="$TMP/other"
	assert_failure 1
	assert_output "cifsctl: share [SHARE] already exists in $CONF (use 'cifsctl share set')"
	cmp "$TMP/orig.conf" "$CONF"
}

@test "share add refuses unknown keys and invalid values in one line" {
	run "$CIFSCTL" share add x -c "$CONF" path="$TMP/other" colour=blue
	assert_failure 1
	assert_output "cifsctl: unknown share key 'colour' (see cifsd.conf(5) for the keys)"
	run "$CIFSCTL" share add x -c "$CONF" path="$TMP/other" "read only=maybe"
	assert_failure 1
	assert_output "cifsctl: $CONF not changed: bad value 'maybe' for 'read only' (expected yes or no)"
	run "$CIFSCTL" share add x -c "$CONF" path="$TMP/missing"
	assert_failure 1
	assert_output "cifsctl: $CONF not changed: share [x]: path $TMP/missing does not exist"
	run "$CIFSCTL" share add x -c "$CONF" path=relative
	assert_failure 1
	assert_output --partial "is not absolute"
	run "$CIFSCTL" share add x -c "$CONF" comment=nopath
	assert_failure 1
	assert_output "cifsctl: $CONF not changed: share [x]: no path set (add 'path = /dir')"
	run "$CIFSCTL" share add x -c "$CONF" path="$TMP/other" "comment=a;b"
	assert_failure 1
	assert_output --partial "cannot contain '#', ';'"
	run "$CIFSCTL" share add 'a/b' -c "$CONF" path="$TMP/other"
	assert_failure 1
	assert_output "cifsctl: invalid share name 'a/b': contains a character that is not allowed"
	run "$CIFSCTL" share add global -c "$CONF" path="$TMP/other"
	assert_failure 1
	assert_output --partial "reserved"
	run "$CIFSCTL" share add x -c "$CONF" path="$TMP/other" path=/tmp
	assert_failure 1
	assert_output "cifsctl: key 'path' is given twice"
	cmp "$TMP/orig.conf" "$CONF"
}

@test "share add accepts exactly what start accepts: every share key" {
	run "$CIFSCTL" share add all -c "$CONF" path="$TMP/other" comment=c \
		"read only=no" writeable=yes writable=yes write_ok=yes guest-ok=no \
		public=no browseable=yes browsable=no "valid users=alice bob"
	assert_success
	run "$CIFSCTL" config check -c "$CONF"
	assert_success
	assert_output --partial "valid users = alice bob"
}

@test "share add creates a missing config file" {
	run "$CIFSCTL" share add docs -c "$TMP/new.conf" path="$TMP/other"
	assert_success
	run cat "$TMP/new.conf"
	assert_output "[docs]
	path = $TMP/other"
}

@test "share set changes lines in place and appends new keys at the end of the section" {
	run "$CIFSCTL" share set share -c "$CONF" writeable=no comment=hello
	assert_success
	run diff "$TMP/orig.conf" "$CONF"
	assert_output "10c10,11
<   writeable = yes
---
>   writeable = no
>   comment = hello"
	run "$CIFSCTL" share set nosuch -c "$CONF" comment=x
	assert_failure 1
	assert_output "cifsctl: no share [nosuch] in $CONF"
}

@test "share del removes only that section and keeps the next section's comment" {
	run "$CIFSCTL" share del share -c "$CONF"
	assert_success
	run diff "$TMP/orig.conf" "$CONF"
	assert_output "7,11d6
< [share]
<   path = $TMP/share
<   # writeable for the team
<   writeable = yes
< "
	run "$CIFSCTL" share del archive -c "$CONF"
	assert_success
	run cat "$CONF"
	assert_output "# site configuration
[global]
  workgroup = LAB   ; our workgroup
  # guests are mapped
  map to guest = bad user

# the archive, read only"
}

@test "share del and show of a missing share fail with exit 1" {
	run "$CIFSCTL" share del nosuch -c "$CONF"
	assert_failure 1
	assert_output "cifsctl: no share [nosuch] in $CONF"
	run "$CIFSCTL" share show nosuch -c "$CONF"
	assert_failure 1
	assert_output "cifsctl: no share [nosuch] in $CONF"
	run "$CIFSCTL" share del x -c "$TMP/missing.conf"
	assert_failure 1
	assert_output --partial "cannot read config"
}

@test "share usage errors exit 2" {
	run "$CIFSCTL" share
	assert_failure 2
	run "$CIFSCTL" share frob x
	assert_failure 2
	run "$CIFSCTL" share add
	assert_failure 2
	run "$CIFSCTL" share del
	assert_failure 2
	run "$CIFSCTL" share show a b
	assert_failure 2
	run "$CIFSCTL" share list extra
	assert_failure 2
	run "$CIFSCTL" share add x -c "$CONF" novalue
	assert_failure 2
	run "$CIFSCTL" share set x -c "$CONF"
	assert_failure 2
	run "$CIFSCTL" share --bogus
	assert_failure 2
}

@test "a read-only directory: write fails cleanly and the file is unchanged" {
	[ "$(id -u)" != 0 ] || skip "root ignores directory permissions"
	chmod 0555 "$TMP"
	run "$CIFSCTL" share add docs -c "$CONF" path="$TMP/other"
	chmod 0755 "$TMP"
	assert_failure 1
	assert_output --partial "cannot write config"
}

@test "share add under valgrind has no leaks or errors" {
	command -v valgrind >/dev/null || fail "valgrind not installed (the CI installs it: see .ci/run)"
	run valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$CIFSCTL" share add docs -c "$CONF" path="$TMP/other" comment=x
	assert_success
	run valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$CIFSCTL" share set docs -c "$CONF" comment=y guest_ok=yes
	assert_success
	run valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$CIFSCTL" share add bad -c "$CONF" path="$TMP/other" "read only=maybe"
	assert_failure 1
	run valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$CIFSCTL" share del docs -c "$CONF"
	assert_success
	run valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$CIFSCTL" share show share -c "$CONF"
	assert_success
}

@test "a symlinked config: the target is edited and the link stays" {
	mkdir "$TMP/etc"
	mv "$CONF" "$TMP/etc/real.conf"
	ln -s etc/real.conf "$CONF"
	run "$CIFSCTL" share add docs -c "$CONF" path="$TMP/other"
	assert_success
	[ -L "$CONF" ] || fail "the symlink was replaced"
	run grep -c '^\[docs\]' "$TMP/etc/real.conf"
	assert_output 1
}
