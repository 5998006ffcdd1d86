#!/usr/bin/env bats
# smbtorture (Samba 4.17) suites from tests/smbtorture/tests.list against
# cifsd in the lab; expected subtest failures in tests/smbtorture/xfail,
# subtests that are not run at all (they kill smbtorture itself) in
# tests/smbtorture/norun.
load helpers

PORT=$(suite_port 4452)
LIST=$REPO/tests/smbtorture/tests.list
XFAIL=$REPO/tests/smbtorture/xfail
NORUN=$REPO/tests/smbtorture/norun

setup_file() { lab_up smbtorture "$PORT"; }
teardown_file() { lab_cleanup; }
setup() { [ "$BATS_TEST_NUMBER" = 1 ] || require_lab; }

listed_suites() { sed 's/#.*//; s/[[:space:]]//g; /^$/d' "$LIST"; }

# list_reason FILE NAME: print the reason if NAME matches an entry of FILE
list_reason() {
	local line pat reason
	[ -f "$1" ] || return 1
	while IFS= read -r line; do
		line=${line%%#*}
		[[ $line =~ ^[[:space:]]*$ ]] && continue
		pat=${line%%|*}; pat=${pat//[[:space:]]/}
		reason=${line#*|}
		# shellcheck disable=SC2053
		if [[ $2 == $pat ]]; then echo "${reason## }"; return 0; fi
	done <"$1"
	return 1
}
xfail_reason() { list_reason "$XFAIL" "$1"; }

check_list_file() {
	local line n=0 bad=0
	[ -f "$1" ] || return 0
	while IFS= read -r line; do
		n=$((n + 1))
		line=${line%%#*}
		[[ $line =~ ^[[:space:]]*$ ]] && continue
		if [[ $line != *"|"* ]] || [[ ${line#*|} =~ ^[[:space:]]*$ ]]; then
			echo "tests/smbtorture/${1##*/}:$n: entry without a reason: $line"; bad=1
		fi
	done <"$1"
	return $bad
}
check_xfail_file() { check_list_file "$XFAIL" && check_list_file "$NORUN"; }

# run_list SUITE FILE: write the subtests of SUITE minus the norun entries
# to FILE (for --load-list); false when nothing of SUITE is in norun.
run_list() {
	local t name reason skipped=1
	: >"$2"
	while IFS= read -r t; do
		[[ $t == "$1".* ]] || continue
		name=${t%.*}	# --list repeats the last component
		if reason=$(list_reason "$NORUN" "$name"); then
			echo "norun $name: $reason"; skipped=0
		else
			echo "$name" >>"$2"
		fi
	done < <(smbtorture --fullname --list "$1" 2>/dev/null)
	return $skipped
}

# torture SUITE: run it, judge each subtest against the xfail list
torture() {
	local suite=$1 out=$BATS_TEST_TMPDIR/torture.out rc line res name reason bad=0 results=0
	listed_suites | grep -qxF "$suite" || skip "$suite is not in tests/smbtorture/tests.list"
	check_xfail_file || fail "fix tests/smbtorture/xfail"
	local load=()
	if run_list "$suite" "$BATS_TEST_TMPDIR/load.list"; then
		load=(--load-list="$BATS_TEST_TMPDIR/load.list")
	fi
	rc=0
	timeout "${SMBTORTURE_TIMEOUT:-900}" smbtorture "//127.0.0.1/share" -p "$PORT" \
		-U "$USER_NAME%$USER_PASS" --fullname --format=subunit "${load[@]}" \
		"$suite" >"$out" 2>&1 || rc=$?
	local started="" 
	while IFS= read -r line; do
		case $line in
		"test: "*) started=${line#test: } ;;
		success:*|successful:*|failure:*|fail:*|error:*|skip:*|xfail:*|uxsuccess:*)
			res=${line%%:*}
			name=${line#*: }; name=${name% \[*}; name=${name%% \[}; name=${name%% }
			[ "$name" = "$started" ] && started=""
			results=$((results + 1))
			case $res in
			success|successful|uxsuccess)
				if reason=$(xfail_reason "$name"); then
					echo "XPASS $name (listed as expected failure: $reason)"; bad=1
				else
					echo "ok    $name"
				fi ;;
			skip) echo "skip  $name" ;;
			*)
				if reason=$(xfail_reason "$name"); then
					echo "XFAIL $name: $reason"
				else
					echo "FAIL  $name"; bad=1
				fi ;;
			esac ;;
		esac
	done <"$out"
	if [ -n "$started" ]; then
		echo "FAIL  $started (no result: smbtorture died or timed out, exit $rc)"; bad=1
	fi
	if [ "$results" = 0 ]; then
		echo "no results from smbtorture (exit $rc); its output:"; bad=1
	fi
	if [ $bad = 1 ]; then
		echo "---- smbtorture output (last 60 lines, without time:/test: lines):"
		grep -vE "^(time|test): " "$out" | tail -n 60
		return 1
	fi
}

@test "server starts in the lab" {
	lab_booted
}

@test "smbtorture smb2.connect" {
	torture smb2.connect
}

@test "smbtorture smb2.read" {
	torture smb2.read
}

@test "smbtorture smb2.dir" {
	torture smb2.dir
}

@test "smbtorture: other suites in tests.list" {
	local s n=0 bad=0
	for s in $(listed_suites); do
		case $s in smb2.connect|smb2.read|smb2.dir) continue ;; esac
		n=$((n + 1))
		echo "== $s"
		( torture "$s" ) || bad=1
	done
	[ $n -gt 0 ] || skip "no other suites listed"
	[ $bad = 0 ]
}

@test "teardown: cifsctl stop, rmmod cifsd, dmesg clean" {
	lab_down_checked
}
