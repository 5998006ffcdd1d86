// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host test of request validation and reply building (nl_requests.c):
 * requests are built in memory, replies are captured instead of sent.
 */
#include "netlink.h"
#include "rpc/rpc.h"
#include "util.h"

#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FAKE_FAMILY 42

static int failures;
static uint8_t sent[8192];
static size_t sent_len;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		failures++; \
	} \
} while (0)

static int capture(struct nl_sock *sk, struct nl_msg *msg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);

	(void)sk;
	sent_len = h->nlmsg_len <= sizeof(sent) ? h->nlmsg_len : 0;
	memcpy(sent, h, sent_len);
	return (int)sent_len;
}

static struct nl_msg *request(uint8_t cmd, uint32_t src_pid)
{
	struct nl_msg *m = nlmsg_alloc();
	struct sockaddr_nl src = { .nl_family = AF_NETLINK, .nl_pid = src_pid };

	genlmsg_put(m, 0, 0, FAKE_FAMILY, 0, 0, cmd, CIFSD_GENL_VERSION);
	nlmsg_set_src(m, &src);
	return m;
}

/* Run one request; parse the reply into tb, false if none was sent. */
static bool run(struct nl_conn *c, struct nl_msg *m, struct nlattr **tb)
{
	sent_len = 0;
	nlc_handle_request(c, m);
	nlmsg_free(m);
	if (!sent_len)
		return false;
	return genlmsg_parse((struct nlmsghdr *)sent, 0, tb, CIFSD_A_MAX, NULL) == 0;
}

static void test_login(struct nl_conn *c)
{
	struct nlattr *tb[CIFSD_A_MAX + 1];
	uint8_t want[CIFSD_NT_HASH_LEN];
	struct nl_msg *m;

	nt_hash("Password", want);
	m = request(CIFSD_CMD_LOGIN, 0);
	nla_put_u32(m, CIFSD_A_HANDLE, 7);
	nla_put_string(m, CIFSD_A_ACCOUNT, "alice");
	nla_put_string(m, CIFSD_A_DOMAIN, "WORKGROUP");
	CHECK(run(c, m, tb));
	CHECK(genlmsg_hdr((struct nlmsghdr *)sent)->cmd == CIFSD_CMD_LOGIN);
	CHECK(tb[CIFSD_A_HANDLE] && nla_get_u32(tb[CIFSD_A_HANDLE]) == 7);
	CHECK(tb[CIFSD_A_STATUS] && nla_get_u32(tb[CIFSD_A_STATUS]) == CIFSD_STATUS_OK);
	CHECK(tb[CIFSD_A_NT_HASH] && nla_len(tb[CIFSD_A_NT_HASH]) == CIFSD_NT_HASH_LEN &&
	      !memcmp(nla_data(tb[CIFSD_A_NT_HASH]), want, sizeof(want)));
	CHECK(tb[CIFSD_A_UID] && tb[CIFSD_A_GID] && tb[CIFSD_A_LOGIN_FLAGS]);

	m = request(CIFSD_CMD_LOGIN, 0);
	nla_put_u32(m, CIFSD_A_HANDLE, 8);
	nla_put_string(m, CIFSD_A_ACCOUNT, "nobody-here");
	CHECK(run(c, m, tb));
	CHECK(nla_get_u32(tb[CIFSD_A_STATUS]) == CIFSD_STATUS_NO_SUCH_USER);
	CHECK(!tb[CIFSD_A_NT_HASH]);

	m = request(CIFSD_CMD_LOGIN, 0);	/* no account: error reply */
	nla_put_u32(m, CIFSD_A_HANDLE, 9);
	CHECK(run(c, m, tb));
	CHECK(nla_get_u32(tb[CIFSD_A_STATUS]) == CIFSD_STATUS_ERROR);
}

static void test_malformed(struct nl_conn *c)
{
	struct nlattr *tb[CIFSD_A_MAX + 1];
	struct nl_msg *m;
	uint64_t big = 7;
	char junk[CIFSD_NAME_MAX + 10];

	m = request(CIFSD_CMD_LOGIN, 1234);	/* not from the kernel */
	nla_put_u32(m, CIFSD_A_HANDLE, 1);
	nla_put_string(m, CIFSD_A_ACCOUNT, "alice");
	CHECK(!run(c, m, tb));

	m = request(CIFSD_CMD_LOGIN, 0);	/* no handle */
	nla_put_string(m, CIFSD_A_ACCOUNT, "alice");
	CHECK(!run(c, m, tb));

	m = request(CIFSD_CMD_LOGIN, 0);	/* handle of the wrong size */
	nla_put(m, CIFSD_A_HANDLE, sizeof(big), &big);
	nla_put_string(m, CIFSD_A_ACCOUNT, "alice");
	CHECK(!run(c, m, tb));

	m = request(CIFSD_CMD_LOGIN, 0);	/* string without NUL */
	nla_put_u32(m, CIFSD_A_HANDLE, 1);
	nla_put(m, CIFSD_A_ACCOUNT, 5, "alice");
	CHECK(!run(c, m, tb));

	m = request(CIFSD_CMD_LOGIN, 0);	/* embedded NUL */
	nla_put_u32(m, CIFSD_A_HANDLE, 1);
	nla_put(m, CIFSD_A_ACCOUNT, 6, "al\0ce");
	CHECK(!run(c, m, tb));

	memset(junk, 'a', sizeof(junk) - 1);
	junk[sizeof(junk) - 1] = '\0';
	m = request(CIFSD_CMD_LOGIN, 0);	/* too long */
	nla_put_u32(m, CIFSD_A_HANDLE, 1);
	nla_put_string(m, CIFSD_A_ACCOUNT, junk);
	CHECK(!run(c, m, tb));

	m = request(CIFSD_CMD_START_SERVER, 0);	/* not a request */
	nla_put_u32(m, CIFSD_A_HANDLE, 1);
	CHECK(!run(c, m, tb));
}

static void test_share_tree(struct nl_conn *c)
{
	struct nlattr *tb[CIFSD_A_MAX + 1];
	struct nl_msg *m;

	m = request(CIFSD_CMD_SHARE_CONFIG, 0);
	nla_put_u32(m, CIFSD_A_HANDLE, 11);
	nla_put_string(m, CIFSD_A_SHARE_NAME, "IPC$");
	CHECK(run(c, m, tb));
	CHECK(nla_get_u32(tb[CIFSD_A_HANDLE]) == 11);
	CHECK(nla_get_u32(tb[CIFSD_A_STATUS]) == CIFSD_STATUS_OK);
	CHECK(tb[CIFSD_A_SHARE_PATH] && !strcmp(nla_get_string(tb[CIFSD_A_SHARE_PATH]), ""));
	CHECK(nla_get_u32(tb[CIFSD_A_SHARE_FLAGS]) == CIFSD_SHARE_F_PIPE);

	m = request(CIFSD_CMD_TREE_CONNECT, 0);
	nla_put_u32(m, CIFSD_A_HANDLE, 12);
	nla_put_string(m, CIFSD_A_ACCOUNT, "alice");
	nla_put_string(m, CIFSD_A_SHARE_NAME, "nosuch");
	nla_put_string(m, CIFSD_A_CLIENT_ADDR, "192.0.2.1");
	nla_put_u64(m, CIFSD_A_SESSION_ID, 99);
	nla_put_u32(m, CIFSD_A_LOGIN_FLAGS, 0);
	CHECK(run(c, m, tb));
	CHECK(nla_get_u32(tb[CIFSD_A_STATUS]) == CIFSD_STATUS_NO_SUCH_SHARE);
	CHECK(tb[CIFSD_A_TREE_FLAGS]);
}

/* CIFSD_CMD_RPC: open, a bind through TRANSACT, a short READ, close. */
static void test_rpc(struct nl_conn *c)
{
	static const uint8_t bind[72] = {
		5, 0, 11, 3, 0x10, 0, 0, 0, 72, 0, 0, 0, 1, 0, 0, 0,
		0xb8, 0x10, 0xb8, 0x10, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0,
		0xc8, 0x4f, 0x32, 0x4b, 0x70, 0x16, 0xd3, 0x01,
		0x12, 0x78, 0x5a, 0x47, 0xbf, 0x6e, 0xe1, 0x88, 3, 0, 0, 0,
		0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11,
		0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60, 2, 0, 0, 0,
	};
	struct nlattr *tb[CIFSD_A_MAX + 1];
	struct nl_msg *m;

	m = request(CIFSD_CMD_RPC, 0);
	nla_put_u32(m, CIFSD_A_HANDLE, 20);
	nla_put_u32(m, CIFSD_A_RPC_OP, CIFSD_RPC_OPEN);
	nla_put_u64(m, CIFSD_A_PIPE_ID, 5);
	nla_put_string(m, CIFSD_A_PIPE_NAME, "nosuchpipe");
	CHECK(run(c, m, tb));
	CHECK(nla_get_u32(tb[CIFSD_A_STATUS]) == CIFSD_STATUS_NO_SUCH_SHARE);

	m = request(CIFSD_CMD_RPC, 0);
	nla_put_u32(m, CIFSD_A_HANDLE, 21);
	nla_put_u32(m, CIFSD_A_RPC_OP, CIFSD_RPC_OPEN);
	nla_put_u64(m, CIFSD_A_PIPE_ID, 5);
	nla_put_string(m, CIFSD_A_PIPE_NAME, "srvsvc");
	nla_put_string(m, CIFSD_A_ACCOUNT, "alice");
	nla_put_u64(m, CIFSD_A_SESSION_ID, 99);
	CHECK(run(c, m, tb));
	CHECK(genlmsg_hdr((struct nlmsghdr *)sent)->cmd == CIFSD_CMD_RPC);
	CHECK(nla_get_u32(tb[CIFSD_A_STATUS]) == CIFSD_STATUS_OK);

	m = request(CIFSD_CMD_RPC, 0);
	nla_put_u32(m, CIFSD_A_HANDLE, 22);
	nla_put_u32(m, CIFSD_A_RPC_OP, CIFSD_RPC_TRANSACT);
	nla_put_u64(m, CIFSD_A_PIPE_ID, 5);
	nla_put(m, CIFSD_A_RPC_DATA, sizeof(bind), bind);
	nla_put_u32(m, CIFSD_A_RPC_MAX_OUT, 16);
	CHECK(run(c, m, tb));
	CHECK(nla_get_u32(tb[CIFSD_A_STATUS]) == CIFSD_STATUS_OK);
	CHECK(tb[CIFSD_A_RPC_DATA] && nla_len(tb[CIFSD_A_RPC_DATA]) == 16 &&
	      ((uint8_t *)nla_data(tb[CIFSD_A_RPC_DATA]))[2] == 12);
	CHECK(tb[CIFSD_A_RPC_MORE] && nla_get_u32(tb[CIFSD_A_RPC_MORE]) > 0);

	m = request(CIFSD_CMD_RPC, 0);
	nla_put_u32(m, CIFSD_A_HANDLE, 23);
	nla_put_u32(m, CIFSD_A_RPC_OP, CIFSD_RPC_READ);
	nla_put_u64(m, CIFSD_A_PIPE_ID, 5);
	nla_put_u32(m, CIFSD_A_RPC_MAX_OUT, 4280);
	CHECK(run(c, m, tb));
	CHECK(tb[CIFSD_A_RPC_DATA] && tb[CIFSD_A_RPC_MORE] &&
	      nla_get_u32(tb[CIFSD_A_RPC_MORE]) == 0);

	/* oversized data is refused before it reaches the engine */
	m = nlmsg_alloc_size(2 * CIFSD_RPC_DATA_MAX);
	{
		struct sockaddr_nl src = { .nl_family = AF_NETLINK };
		static uint8_t big[CIFSD_RPC_DATA_MAX + 1];	/* still < 64 KiB */

		genlmsg_put(m, 0, 0, FAKE_FAMILY, 0, 0, CIFSD_CMD_RPC,
			    CIFSD_GENL_VERSION);
		nlmsg_set_src(m, &src);
		nla_put_u32(m, CIFSD_A_HANDLE, 24);
		nla_put_u32(m, CIFSD_A_RPC_OP, CIFSD_RPC_WRITE);
		nla_put_u64(m, CIFSD_A_PIPE_ID, 5);
		nla_put(m, CIFSD_A_RPC_DATA, sizeof(big), big);
	}
	CHECK(!run(c, m, tb));

	m = request(CIFSD_CMD_RPC, 0);
	nla_put_u32(m, CIFSD_A_HANDLE, 25);
	nla_put_u32(m, CIFSD_A_RPC_OP, CIFSD_RPC_CLOSE);
	nla_put_u64(m, CIFSD_A_PIPE_ID, 5);
	CHECK(run(c, m, tb));
	m = request(CIFSD_CMD_RPC, 0);
	nla_put_u32(m, CIFSD_A_HANDLE, 26);
	nla_put_u32(m, CIFSD_A_RPC_OP, CIFSD_RPC_READ);
	nla_put_u64(m, CIFSD_A_PIPE_ID, 5);
	nla_put_u32(m, CIFSD_A_RPC_MAX_OUT, 4280);
	CHECK(run(c, m, tb));
	CHECK(nla_get_u32(tb[CIFSD_A_STATUS]) == CIFSD_STATUS_ERROR);
	rpc_close_all();
}

int main(void)
{
	char tmpl[] = "/tmp/cifsctl-nltest-XXXXXX", path[512];
	char *dir = mkdtemp(tmpl);
	struct daemon_state st = { 0 };
	struct nl_conn c = { 0 };
	struct nl_cb *cb;
	FILE *f;

	if (!dir)
		return 1;
	snprintf(path, sizeof(path), "%s/db", dir);
	f = fopen(path, "w");
	fputs("alice:pPScQGUQvcq2gk7nww/YUg==\n", f);
	fclose(f);
	if (userdb_load(&st.db, path) < 0)
		return 1;
	snprintf(path, sizeof(path), "%s/smb.conf", dir);
	f = fopen(path, "w");
	fputs("[global]\n", f);
	fclose(f);
	if (config_load(&st.cfg, path) < 0)
		return 1;
	c.sk = nl_socket_alloc();
	c.family = FAKE_FAMILY;
	c.st = &st;
	cb = nl_socket_get_cb(c.sk);
	nl_cb_overwrite_send(cb, capture);
	nl_cb_put(cb);

	test_login(&c);
	test_malformed(&c);
	test_share_tree(&c);
	test_rpc(&c);

	nl_socket_free(c.sk);
	config_free(&st.cfg);
	userdb_free(&st.db);
	unlink(path);
	snprintf(path, sizeof(path), "%s/db", dir);
	unlink(path);
	rmdir(dir);
	printf("%s\n", failures ? "FAIL" : "ok");
	return failures ? 1 : 0;
}
