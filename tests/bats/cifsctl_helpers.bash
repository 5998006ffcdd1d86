# Shared setup for the cifsctl bats tests.
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

REPO_ROOT="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
export CIFSCTL="${CIFSCTL:-$REPO_ROOT/build/cifsctl/cifsctl}"

common_setup() {
	[ -x "$CIFSCTL" ] || {
		echo "cifsctl binary not found at $CIFSCTL (set CIFSCTL)" >&2
		return 1
	}
	TMP="$(mktemp -d)"
	DB="$TMP/cifspwd.db"
	CONF="$TMP/smb.conf"
	mkdir "$TMP/share"
}

common_teardown() {
	rm -rf "$TMP"
}

# Run cifsctl with a password on stdin: pw_run PASSWORD ARGS...
pw_run() {
	local pw="$1"
	shift
	run bash -c 'printf "%s\n" "$1" | "$0" "${@:2}"' "$CIFSCTL" "$pw" "$@"
}
