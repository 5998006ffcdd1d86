// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host test of the daemon's answers (handlers.c) without a kernel:
 * builds a config and a user database in a temporary directory.
 */
#include "handlers.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		failures++; \
	} \
} while (0)

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void test_login(const struct daemon_state *st)
{
	struct login_reply r;
	uint8_t want[CIFSD_NT_HASH_LEN];

	nt_hash("Password", want);
	handle_login(st, "ALICE", &r);
	CHECK(r.status == CIFSD_STATUS_OK && r.has_hash && r.flags == 0);
	CHECK(memcmp(r.hash, want, sizeof(want)) == 0);
	handle_login(st, "root", &r);	/* known user with a Unix account */
	CHECK(r.status == CIFSD_STATUS_OK && r.uid == 0 && r.gid == 0);
	handle_login(st, "mallory", &r);
	CHECK(r.status == CIFSD_STATUS_NO_SUCH_USER);
	handle_login(st, "", &r);
	CHECK(r.status == CIFSD_STATUS_OK && r.flags == CIFSD_LOGIN_F_GUEST &&
	      !r.has_hash);
	handle_login(st, "carol", &r);
	CHECK(r.status == CIFSD_STATUS_OK && r.flags == CIFSD_LOGIN_F_DISABLED &&
	      !r.has_hash);
}

static void test_bad_user(struct daemon_state *st)
{
	struct login_reply r;

	st->cfg.map_to_guest = CIFSD_MAP_GUEST_BAD_USER;
	handle_login(st, "mallory", &r);
	CHECK(r.status == CIFSD_STATUS_OK && r.flags == CIFSD_LOGIN_F_GUEST &&
	      !r.has_hash);
	st->cfg.map_to_guest = CIFSD_MAP_GUEST_NEVER;
}

static void test_share(const struct daemon_state *st, const char *dir)
{
	struct share_reply r;

	/* "smb encrypt": the share's own value, else [global]'s */
	handle_share_config(st, "ipc$", &r);
	CHECK(r.status == CIFSD_STATUS_OK && r.flags == CIFSD_SHARE_F_PIPE &&
	      !strcmp(r.path, "") && r.encrypt == CIFSD_ENCRYPT_DESIRED);
	handle_share_config(st, "PUB", &r);
	CHECK(r.status == CIFSD_STATUS_OK && !strcmp(r.path, dir) &&
	      r.flags == (CIFSD_SHARE_F_READONLY | CIFSD_SHARE_F_GUEST_OK |
			  CIFSD_SHARE_F_BROWSEABLE) &&
	      r.encrypt == CIFSD_ENCRYPT_DESIRED);
	handle_share_config(st, "team", &r);
	CHECK(r.status == CIFSD_STATUS_OK && r.flags == CIFSD_SHARE_F_BROWSEABLE &&
	      !strcmp(r.comment, "the team") &&
	      r.encrypt == CIFSD_ENCRYPT_REQUIRED);
	handle_share_config(st, "cs", &r);
	CHECK(r.status == CIFSD_STATUS_OK &&
	      r.flags == (CIFSD_SHARE_F_READONLY | CIFSD_SHARE_F_BROWSEABLE |
			  CIFSD_SHARE_F_CASE_SENSITIVE));
	handle_share_config(st, "ci", &r);
	CHECK(r.status == CIFSD_STATUS_OK &&
	      (r.flags & CIFSD_SHARE_F_CASE_INSENSITIVE) &&
	      !(r.flags & CIFSD_SHARE_F_CASE_SENSITIVE));
	handle_share_config(st, "nope", &r);
	CHECK(r.status == CIFSD_STATUS_NO_SUCH_SHARE);
	/* the open-state keys: each "no" sets its flag; CA is opt-in */
	handle_share_config(st, "nostate", &r);
	CHECK(r.status == CIFSD_STATUS_OK &&
	      r.flags == (CIFSD_SHARE_F_READONLY | CIFSD_SHARE_F_BROWSEABLE |
			  CIFSD_SHARE_F_NO_OPLOCKS | CIFSD_SHARE_F_NO_LEVEL2 |
			  CIFSD_SHARE_F_NO_DURABLE |
			  CIFSD_SHARE_F_NO_KERNEL_OPLOCKS |
			  CIFSD_SHARE_F_NO_POSIX_LOCKING));
	handle_share_config(st, "ca", &r);
	CHECK(r.status == CIFSD_STATUS_OK &&
	      r.flags == (CIFSD_SHARE_F_READONLY | CIFSD_SHARE_F_BROWSEABLE |
			  CIFSD_SHARE_F_CA | CIFSD_SHARE_F_NO_LEVEL2));
}

#define ANON (CIFSD_LOGIN_F_GUEST | CIFSD_LOGIN_F_ANONYMOUS)
#define ADDR "10.0.0.1"

static void test_tree(const struct daemon_state *st)
{
	struct tree_reply r;

	handle_tree_connect(st, "", "IPC$", CIFSD_LOGIN_F_GUEST, ADDR, &r);
	CHECK(r.status == CIFSD_STATUS_OK);
	handle_tree_connect(st, "", "IPC$", ANON, ADDR, &r);
	CHECK(r.status == CIFSD_STATUS_OK);	/* restrict anonymous = 1 */
	handle_tree_connect(st, "", "pub", ANON, ADDR, &r);
	CHECK(r.status == CIFSD_STATUS_OK && r.flags == CIFSD_TREE_F_READONLY);
	handle_tree_connect(st, "", "team", CIFSD_LOGIN_F_GUEST, ADDR, &r);
	CHECK(r.status == CIFSD_STATUS_ACCESS_DENIED && r.why);
	handle_tree_connect(st, "Alice", "team", 0, ADDR, &r);
	CHECK(r.status == CIFSD_STATUS_OK && r.flags == 0);
	handle_tree_connect(st, "root", "team", 0, ADDR, &r);	/* via @root */
	CHECK(r.status == CIFSD_STATUS_OK);
	handle_tree_connect(st, "bob", "team", 0, ADDR, &r);
	CHECK(r.status == CIFSD_STATUS_ACCESS_DENIED);
	handle_tree_connect(st, "bob", "missing", 0, ADDR, &r);
	CHECK(r.status == CIFSD_STATUS_NO_SUCH_SHARE);
	/* no lists: an address is not needed */
	handle_tree_connect(st, "Alice", "team", 0, NULL, &r);
	CHECK(r.status == CIFSD_STATUS_OK);
}

static void test_login_flags(void)
{
	CHECK(effective_login_flags(false, 0, "alice") == CIFSD_LOGIN_F_GUEST);
	CHECK(effective_login_flags(true, 0, "alice") == 0);
	CHECK(effective_login_flags(true, CIFSD_LOGIN_F_GUEST, "") == ANON);
	CHECK(effective_login_flags(false, 0, "") == ANON);
	CHECK(effective_login_flags(true, ANON, "x") == ANON);
}

static bool tree_ok(const struct daemon_state *st, const char *account,
		    const char *share, uint32_t flags, const char *addr)
{
	struct tree_reply r;

	handle_tree_connect(st, account, share, flags, addr, &r);
	if (r.status != CIFSD_STATUS_OK && r.status != CIFSD_STATUS_ACCESS_DENIED)
		fprintf(stderr, "[%s] from %s: status %u\n", share, addr, r.status);
	return r.status == CIFSD_STATUS_OK;
}

/*
 * [global] hosts allow = 10. 192.168.1. EXCEPT 192.168.1.66,
 * hosts deny = ALL, restrict anonymous = 2; [pub] hosts allow = 10.1.;
 * [team] allow hosts = 10.0.0.0/24 EXCEPT 10.0.0.9; [open] hosts deny =
 * (empty: no deny list, the global allow list).
 */
static void test_tree_hosts(const struct daemon_state *st)
{
	struct tree_reply r;

	/* the global lists come first, whatever the share */
	handle_tree_connect(st, "alice", "missing", 0, "172.16.0.1", &r);
	CHECK(r.status == CIFSD_STATUS_ACCESS_DENIED);
	CHECK(!tree_ok(st, "alice", "IPC$", 0, "172.16.0.1"));
	CHECK(!tree_ok(st, "alice", "IPC$", 0, "192.168.1.66"));
	CHECK(!tree_ok(st, "alice", "IPC$", 0, "127.0.0.1"));
	CHECK(!tree_ok(st, "alice", "IPC$", 0, NULL));
	CHECK(!tree_ok(st, "alice", "IPC$", 0, "bogus"));
	CHECK(tree_ok(st, "alice", "IPC$", 0, "192.168.1.65"));
	CHECK(tree_ok(st, "alice", "IPC$", 0, "::ffff:10.9.9.9"));
	/* share lists, the missing one taken from [global] */
	CHECK(tree_ok(st, "alice", "pub", 0, "10.1.2.3"));
	CHECK(!tree_ok(st, "alice", "pub", 0, "10.2.0.1"));
	CHECK(!tree_ok(st, "alice", "pub", 0, "192.168.1.5"));
	CHECK(tree_ok(st, "alice", "team", 0, "10.0.0.10"));
	CHECK(!tree_ok(st, "alice", "team", 0, "10.0.0.9"));
	CHECK(!tree_ok(st, "alice", "team", 0, "10.5.0.1"));
	CHECK(tree_ok(st, "alice", "open", 0, "10.5.0.1"));
	CHECK(tree_ok(st, "alice", "open", 0, "::ffff:192.168.1.7"));
	handle_tree_connect(st, "alice", "nosuch", 0, "10.5.0.1", &r);
	CHECK(r.status == CIFSD_STATUS_NO_SUCH_SHARE);
	/* restrict anonymous = 2: no anonymous tree connect, no guest IPC$ */
	CHECK(!tree_ok(st, "", "pub", ANON, "10.1.2.3"));
	CHECK(!tree_ok(st, "", "IPC$", ANON, "10.1.2.3"));
	CHECK(tree_ok(st, "x", "pub", CIFSD_LOGIN_F_GUEST, "10.1.2.3"));
	CHECK(!tree_ok(st, "x", "IPC$", CIFSD_LOGIN_F_GUEST, "10.1.2.3"));
	CHECK(tree_ok(st, "alice", "IPC$", 0, "10.1.2.3"));
}

static void test_limits_table(void)
{
	for (size_t i = 0; i < NLIMITS; i++) {
		CHECK(limit_keys[i].id == i);
		CHECK(limit_keys[i].def >= limit_keys[i].min &&
		      limit_keys[i].def <= limit_keys[i].max);
	}
}

int main(void)
{
	char tmpl[] = "/tmp/cifsctl-test-XXXXXX", path[512], conf[4096];
	char *dir = mkdtemp(tmpl);
	struct daemon_state st = { 0 };

	if (!dir)
		return 1;
	snprintf(path, sizeof(path), "%s/share", dir);
	mkdir(path, 0755);
	snprintf(conf, sizeof(conf),
		 "[global]\nguest account = nobody\nsmb encrypt = desired\n"
		 "[pub]\npath = %s\nguest ok = yes\n"
		 "[team]\npath = %s\ncomment = the team\nwriteable = yes\n"
		 "valid users = alice, @root\nsmb encrypt = required\n"
		 "[cs]\npath = %s\ncase sensitive = yes\n"
		 "[ci]\npath = %s\ncase sensitive = no\n"
		 "[nostate]\npath = %s\noplocks = no\nlevel2 oplocks = off\n"
		 "durable handles = false\nkernel oplocks = 0\n"
		 "posix locking = no\ncontinuous availability = no\n"
		 "[ca]\npath = %s\ncontinuous availability = yes\n"
		 "level2 oplocks = no\n", path, path, path, path, path,
		 path);
	snprintf(path, sizeof(path), "%s/smb.conf", dir);
	write_file(path, conf);
	if (config_load(&st.cfg, path) < 0)
		return 1;
	snprintf(path, sizeof(path), "%s/db", dir);
	write_file(path, "alice:pPScQGUQvcq2gk7nww/YUg==\n"
			 "root:pPScQGUQvcq2gk7nww/YUg==\n"
			 "carol:pPScQGUQvcq2gk7nww/YUg==:disabled\n");
	if (userdb_load(&st.db, path) < 0)
		return 1;
	test_login(&st);
	test_bad_user(&st);
	snprintf(path, sizeof(path), "%s/share", dir);
	test_share(&st, path);
	test_tree(&st);
	test_login_flags();
	test_limits_table();
	config_free(&st.cfg);
	snprintf(conf, sizeof(conf),
		 "[global]\nhosts allow = 10. 192.168.1. EXCEPT 192.168.1.66\n"
		 "hosts deny = ALL\nrestrict anonymous = 2\n"
		 "[pub]\npath = %s/share\nguest ok = yes\nhosts allow = 10.1.\n"
		 "[team]\npath = %s/share\nallow hosts = 10.0.0.0/24 EXCEPT 10.0.0.9\n"
		 "[open]\npath = %s/share\nhosts deny =\n", dir, dir, dir);
	snprintf(path, sizeof(path), "%s/smb.conf", dir);
	write_file(path, conf);
	if (config_load(&st.cfg, path) < 0)
		return 1;
	test_tree_hosts(&st);
	config_free(&st.cfg);
	userdb_free(&st.db);
	snprintf(conf, sizeof(conf), "rm -rf '%s'", dir);
	if (system(conf) != 0)
		failures++;
	printf("%s\n", failures ? "FAIL" : "ok");
	return failures ? 1 : 0;
}
