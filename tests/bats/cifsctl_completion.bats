#!/usr/bin/env bats
# bash completion (completions/cifsctl): source it, set COMP_WORDS and
# COMP_CWORD, call _cifsctl and check COMPREPLY.

load cifsctl_helpers

setup() {
	common_setup
	printf 'alice:%s\nbob:%s:disabled\n' "pPScQGUQvcq2gk7nww/YUg==" "pPScQGUQvcq2gk7nww/YUg==" >"$DB"
	cat >"$CONF" <<-EOF2
	[global]
	  workgroup = LAB
	[docs]
	  path = $TMP/share
	  [ Team ]
	  path = /does/not/exist
	EOF2
}
teardown() { common_teardown; }

# complete WORDS...: the last word is the one being completed; prints
# COMPREPLY sorted, one per line.  With WITH_BASH_COMPLETION set, the
# bash-completion library is loaded first (its _init_completion is used).
complete_words() {
	run bash -c '
		[ -z "$WITH_BASH_COMPLETION" ] || source "$WITH_BASH_COMPLETION"
		source "$0"
		COMP_WORDS=("${@}")
		COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
		COMP_LINE="${COMP_WORDS[*]}"
		COMP_POINT=${#COMP_LINE}
		_cifsctl
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' \
		"$REPO_ROOT/completions/cifsctl" "$@"
}

@test "the script registers _cifsctl for cifsctl" {
	run bash -c 'source "$0"; complete -p cifsctl' "$REPO_ROOT/completions/cifsctl"
	assert_success
	assert_output "complete -F _cifsctl cifsctl"
}

@test "subcommands" {
	complete_words cifsctl ""
	assert_success
	assert_output "config
debug
help
reload
share
start
status
stop
user
version"
	complete_words cifsctl s
	assert_output "share
start
status
stop"
	complete_words cifsctl --
	assert_output "--help
--version"
}

@test "every command in --help is completed" {
	complete_words cifsctl ""
	local completed=$output
	run "$CIFSCTL" --help
	for cmd in $(sed -n 's/^  \([a-z]\+\) .*/\1/p' <<<"$output"); do
		grep -qx "$cmd" <<<"$completed" || fail "command $cmd is not completed"
	done
}

@test "options of start, stop, reload, share" {
	complete_words cifsctl start --
	assert_output "--config
--db
--help
--module
--pidfile"
	complete_words cifsctl reload --
	assert_output "--help
--pidfile"
	complete_words cifsctl share --c
	assert_output "--config"
	complete_words cifsctl user list --j
	assert_output "--json"
}

@test "user actions and user names from the database" {
	complete_words cifsctl user ""
	assert_output "add
del
disable
enable
list
passwd"
	complete_words cifsctl user del --db "$DB" ""
	assert_output "alice
bob"
	complete_words cifsctl user --db "$DB" enable b
	assert_output "bob"
	complete_words cifsctl user add --db "$DB" ""
	assert_output ""
	complete_words cifsctl user del alice --db "$DB" ""
	assert_output ""
}

@test "share actions and share names from the config" {
	complete_words cifsctl share ""
	assert_output "add
del
list
set
show"
	complete_words cifsctl share del -c "$CONF" ""
	assert_output "Team
docs"
	complete_words cifsctl share --config "$CONF" show d
	assert_output "docs"
	complete_words cifsctl share add new -c "$CONF" gu
	assert_output "guest_ok="
	complete_words cifsctl share set docs -c "$CONF" read_only=y
	assert_output "read_only=yes"
	complete_words cifsctl share set docs -c "$CONF" ho
	assert_output "hosts_allow=
hosts_deny="
}

@test "share add/set: the open-state keys and their yes/no values" {
	local k
	for k in oplocks level2_oplocks durable_handles kernel_oplocks \
		posix_locking continuous_availability; do
		complete_words cifsctl share set docs -c "$CONF" "${k:0:4}"
		assert_line "$k="
		complete_words cifsctl share add new "$k="
		assert_output "$k=no
$k=yes"
	done
	complete_words cifsctl share set docs kernel_oplocks=n
	assert_output "kernel_oplocks=no"
	# what is completed is what share set takes
	printf '[s]\npath = %s\n' "$TMP/share" >"$CONF"
	for k in oplocks level2_oplocks durable_handles kernel_oplocks \
		posix_locking continuous_availability; do
		run "$CIFSCTL" share set s -c "$CONF" "$k=no"
		assert_success
	done
}

@test "status sections and options" {
	complete_words cifsctl status ""
	assert_output "limits
opens
sessions
shares
stats"
	complete_words cifsctl status l
	assert_output "limits"
	PATH="$(dirname "$CIFSCTL"):$PATH"	# options come from 'cifsctl status --help'
	complete_words cifsctl status --
	assert_output "--help
--json"
	complete_words cifsctl status limits ""
	assert_output ""
}

@test "debug components" {
	complete_words cifsctl debug ""
	assert_line "all"
	assert_line "none"
	for c in conn auth smb2 vfs ipc; do
		assert_line "$c"
		assert_line "+$c"
		assert_line -- "-$c"
	done
	complete_words cifsctl debug +a
	assert_output "+auth"
	complete_words cifsctl debug +auth -v
	assert_output "-vfs"
}

@test "files after -c, --db and --pidfile" {
	complete_words cifsctl start -c "$TMP/sm"
	assert_output "$TMP/smb.conf"
	complete_words cifsctl user list --db "$TMP/cifs"
	assert_output "$TMP/cifspwd.db"
}

@test "help completes command names" {
	complete_words cifsctl help sh
	assert_output "share"
}

@test "with the bash-completion library loaded" {
	local lib=/usr/share/bash-completion/bash_completion
	[ -r "$lib" ] || fail "bash-completion not installed (the CI installs it: see .ci/run)"
	export WITH_BASH_COMPLETION=$lib
	complete_words cifsctl sh
	assert_output "share"
	complete_words cifsctl user del --db "$DB" a
	assert_output "alice"
	complete_words cifsctl share show -c "$CONF" d
	assert_output "docs"
	complete_words cifsctl share add x -c "$CONF" read_only=n
	assert_output "read_only=no"
	complete_words cifsctl debug -i
	assert_output "-ipc"
	complete_words cifsctl start --db "$TMP/cifs"
	assert_output "$TMP/cifspwd.db"
}
