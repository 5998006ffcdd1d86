#!/usr/bin/env bats
# Documentation: man pages render without warnings, document every
# command and configuration key; every command has --help; exit codes.

load cifsctl_helpers

setup() { common_setup; }
teardown() { common_teardown; }

commands() {
	"$CIFSCTL" --help | sed -n 's/^  \([a-z]\+\) .*/\1/p' | grep -vx help
}

@test "every man page renders without warnings" {
	command -v man >/dev/null || fail "man not installed (the CI installs it: see .ci/run)"
	local n=0
	for page in "$REPO_ROOT"/man/*.[1-8]; do
		run bash -c 'MANWIDTH=80 man --warnings -l "$1" 2>&1 >/dev/null' _ "$page"
		[ -z "$output" ] || fail "$page: $output"
		n=$((n + 1))
	done
	[ "$n" -ge 3 ]
}

@test "every command has --help (exit 0) and is in cifsctl(8)" {
	local cmds
	cmds=$(commands)
	[ -n "$cmds" ]
	for cmd in $cmds; do
		run "$CIFSCTL" "$cmd" --help
		assert_success
		assert_output --partial "Usage: cifsctl $cmd"
		run "$CIFSCTL" help "$cmd"
		assert_success
		assert_output --partial "Usage: cifsctl $cmd"
		grep -q "^\.B[IR]* *\"*$cmd\\b" "$REPO_ROOT/man/cifsctl.8" ||
			fail "command $cmd is not described in man/cifsctl.8"
	done
	for sub in "user add" "user enable" "user disable" "user list" "share add" \
		"share del" "share list" "share show" "share set"; do
		grep -q "$sub" "$REPO_ROOT/man/cifsctl.8" || fail "'$sub' missing in cifsctl.8"
	done
	grep -q -- '\\-\\-json' "$REPO_ROOT/man/cifsctl.8"
}

@test "usage errors exit 2, failures exit 1, success 0" {
	run "$CIFSCTL"
	assert_failure 2
	run "$CIFSCTL" frobnicate
	assert_failure 2
	run "$CIFSCTL" --bogus
	assert_failure 2
	for cmd in $(commands); do
		run "$CIFSCTL" "$cmd" --no-such-option
		[ "$status" = 2 ] || fail "'$cmd --no-such-option' exited $status, not 2"
	done
	run "$CIFSCTL" share show x -c "$TMP/missing.conf"
	assert_failure 1
	run "$CIFSCTL" user del nobody --db "$DB"
	assert_failure 1
	run "$CIFSCTL" reload --pidfile "$TMP/no.pid"
	assert_failure 1
	CIFSCTL_SYSFS_MODULE="$TMP/no" run "$CIFSCTL" debug
	assert_failure 1
	run "$CIFSCTL" user list --db "$DB"
	assert_success
}

@test "cifsd.conf(5) documents every key the loader knows, with its default" {
	local page="$REPO_ROOT/man/cifsd.conf.5" keys
	# the keys config.c compares against, blank-less
	keys=$(grep -o 'strcmp(k, "[a-z]*")' "$REPO_ROOT/cifsctl/config.c" |
		sed 's/.*"\(.*\)")/\1/' | sort -u)
	[ -n "$keys" ]
	# and the numeric limits of config_limits.c's table
	local limits
	limits=$(sed -n 's/^\t{ "\([a-z0-9]*\)",.*/\1/p' "$REPO_ROOT/cifsctl/config_limits.c")
	[ "$(wc -w <<<"$limits")" -ge 12 ]
	keys+=" $limits"
	# the keys cifsd.conf.5 describes (.B/.BR lines of tagged paragraphs)
	local documented
	documented=$(awk '/^\.TP/ { getline; print }' "$page" |
		sed 's/^\.BR* //; s/\\f[BRIP]//g; s/"//g; s/, / /g' | tr -d ' ')
	documented+=$(awk '/^\.TP/ { getline; print }' "$page" |
		sed 's/^\.BR* //; s/"//g' | tr ',' '\n' | tr -d ' "')
	for k in $keys; do
		grep -qi "$k" <<<"$documented" || fail "key '$k' is not documented in cifsd.conf.5"
	done
	# every key paragraph of GLOBAL SETTINGS and SHARE SETTINGS says its
	# default (or that it is required)
	run awk '/^\.SH/ { if (k && !d) print k; k = ""; on = /^\.SH (GLOBAL|SHARE) SETTINGS/; next }
		on && /^\.TP/ { if (k && !d) print k; getline; k = $0; d = 0; next }
		on && /^Default:|^Required/ { d = 1 }
		END { if (k && !d) print k }' "$page"
	assert_output ""
	# (the check itself: a key paragraph without its default is found)
	run awk '/^\.SH/ { if (k && !d) print k; k = ""; on = /^\.SH (GLOBAL|SHARE) SETTINGS/; next }
		on && /^\.TP/ { if (k && !d) print k; getline; k = $0; d = 0; next }
		on && /^Default:|^Required/ { d = 1 }
		END { if (k && !d) print k }' <(sed '/^Default: 35\.$/d' "$page")
	assert_output ".B oplock break timeout"
}

@test "contrib/cifsd.service passes systemd-analyze verify" {
	command -v systemd-analyze >/dev/null || fail "systemd-analyze not installed (the CI installs it: see .ci/run)"
	sed "s|/usr/sbin/cifsctl|$CIFSCTL|g" "$REPO_ROOT/contrib/cifsd.service" >"$TMP/cifsd.service"
	run systemd-analyze verify --man=no "$TMP/cifsd.service"
	assert_success
	assert_output ""
	run grep -x 'ExecStart=/usr/sbin/cifsctl start' "$REPO_ROOT/contrib/cifsd.service"
	assert_success
	run grep -x 'ExecReload=/usr/sbin/cifsctl reload' "$REPO_ROOT/contrib/cifsd.service"
	assert_success
}

@test "dkms.conf names the module and the project version" {
	local conf="$REPO_ROOT/contrib/dkms/dkms.conf" version
	version=$(sed -n "s/^ *version *: *'\([^']*\)'.*/\1/p" "$REPO_ROOT/meson.build" | head -1)
	[ -n "$version" ]
	run bash -c 'source "$1"; echo "$PACKAGE_NAME ${BUILT_MODULE_NAME[0]} $PACKAGE_VERSION $AUTOINSTALL"' _ "$conf"
	assert_success
	assert_output "cifsd cifsd $version yes"
}
