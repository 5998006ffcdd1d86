// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host test of request validation and reply building (nl_requests.c):
 * requests are built in memory, replies are captured instead of sent.
 */
#include "netlink.h"
#include "rpc/rpc.h"
#include "util.h"

#include <glib.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FAKE_FAMILY 42

static int failures;
static uint8_t sent[65536];
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

static bool tb_tree_flags;

/* A TREE_CONNECT; flags < 0: no CIFSD_A_LOGIN_FLAGS.  The status. */
static uint32_t tree(struct nl_conn *c, const char *account,
		     const char *share, const char *addr, int64_t flags)
{
	struct nlattr *tb[CIFSD_A_MAX + 1];
	struct nl_msg *m = request(CIFSD_CMD_TREE_CONNECT, 0);

	nla_put_u32(m, CIFSD_A_HANDLE, 12);
	nla_put_string(m, CIFSD_A_ACCOUNT, account);
	nla_put_string(m, CIFSD_A_SHARE_NAME, share);
	if (addr)
		nla_put_string(m, CIFSD_A_CLIENT_ADDR, addr);
	nla_put_u64(m, CIFSD_A_SESSION_ID, 99);
	if (flags >= 0)
		nla_put_u32(m, CIFSD_A_LOGIN_FLAGS, (uint32_t)flags);
	if (!run(c, m, tb) || !tb[CIFSD_A_STATUS])
		return ~0u;
	tb_tree_flags = tb[CIFSD_A_TREE_FLAGS] != NULL;
	return nla_get_u32(tb[CIFSD_A_STATUS]);
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

	CHECK(tree(c, "alice", "nosuch", "192.0.2.1", 0) ==
	      CIFSD_STATUS_NO_SUCH_SHARE);
	CHECK(tb_tree_flags);
	CHECK(tree(c, "alice", "team", "192.0.2.1", 0) == CIFSD_STATUS_OK);
	/* no login flags: a guest, and [team] is not guest ok */
	CHECK(tree(c, "alice", "team", "192.0.2.1", -1) ==
	      CIFSD_STATUS_ACCESS_DENIED);
	/* hosts deny = 192.0.2.66, IPv4-mapped too */
	CHECK(tree(c, "alice", "team", "192.0.2.66", 0) ==
	      CIFSD_STATUS_ACCESS_DENIED);
	CHECK(tree(c, "alice", "IPC$", "::ffff:192.0.2.66", 0) ==
	      CIFSD_STATUS_ACCESS_DENIED);
	CHECK(tree(c, "alice", "IPC$", NULL, 0) == CIFSD_STATUS_ACCESS_DENIED);
	/* restrict anonymous = 2: an empty account is anonymous */
	CHECK(tree(c, "", "IPC$", "192.0.2.1", CIFSD_LOGIN_F_GUEST) ==
	      CIFSD_STATUS_ACCESS_DENIED);
	CHECK(tree(c, "alice", "IPC$", "192.0.2.1", 0) == CIFSD_STATUS_OK);
}

/* CIFSD_CMD_RPC: open, a bind through TRANSACT, a short READ, close. */
static const uint8_t srvsvc_bind[72] = {
	5, 0, 11, 3, 0x10, 0, 0, 0, 72, 0, 0, 0, 1, 0, 0, 0,
	0xb8, 0x10, 0xb8, 0x10, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0,
	0xc8, 0x4f, 0x32, 0x4b, 0x70, 0x16, 0xd3, 0x01,
	0x12, 0x78, 0x5a, 0x47, 0xbf, 0x6e, 0xe1, 0x88, 3, 0, 0, 0,
	0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11,
	0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60, 2, 0, 0, 0,
};

static void test_rpc(struct nl_conn *c)
{
	const uint8_t *bind = srvsvc_bind;
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
	nla_put(m, CIFSD_A_RPC_DATA, sizeof(srvsvc_bind), bind);
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

/* One CIFSD_CMD_RPC; the reply's status, its data in *data (if any). */
static uint32_t rpc_op(struct nl_conn *c, uint32_t op, uint64_t pipe,
		       const void *d, size_t n, GByteArray *data)
{
	struct nlattr *tb[CIFSD_A_MAX + 1];
	struct nl_msg *m = request(CIFSD_CMD_RPC, 0);

	nla_put_u32(m, CIFSD_A_HANDLE, 30);
	nla_put_u32(m, CIFSD_A_RPC_OP, op);
	nla_put_u64(m, CIFSD_A_PIPE_ID, pipe);
	if (d)
		nla_put(m, CIFSD_A_RPC_DATA, (int)n, d);
	nla_put_u32(m, CIFSD_A_RPC_MAX_OUT, 4280);
	if (!run(c, m, tb) || !tb[CIFSD_A_STATUS])
		return ~0u;
	if (data && tb[CIFSD_A_RPC_DATA])
		g_byte_array_append(data, nla_data(tb[CIFSD_A_RPC_DATA]),
				    (guint)nla_len(tb[CIFSD_A_RPC_DATA]));
	return nla_get_u32(tb[CIFSD_A_STATUS]);
}

/*
 * NetrShareGetInfo("IPC$", 2) on a srvsvc pipe opened with these login
 * flags (< 0: none sent): the WERROR, or ~0 on trouble.
 */
static uint32_t getinfo_level2(struct nl_conn *c, const char *account,
			       int64_t flags)
{
	static const uint8_t req[56] = {
		5, 0, 0, 3, 0x10, 0, 0, 0, 56, 0, 0, 0, 2, 0, 0, 0,
		32, 0, 0, 0, 0, 0, 16, 0,
		0, 0, 0, 0,			/* server: NULL */
		5, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0,
		'I', 0, 'P', 0, 'C', 0, '$', 0, 0, 0, 0, 0,
		2, 0, 0, 0,			/* level */
	};
	struct nlattr *tb[CIFSD_A_MAX + 1];
	GByteArray *out = g_byte_array_new();
	struct nl_msg *m = request(CIFSD_CMD_RPC, 0);
	uint32_t res = ~0u;

	nla_put_u32(m, CIFSD_A_HANDLE, 31);
	nla_put_u32(m, CIFSD_A_RPC_OP, CIFSD_RPC_OPEN);
	nla_put_u64(m, CIFSD_A_PIPE_ID, 9);
	nla_put_string(m, CIFSD_A_PIPE_NAME, "srvsvc");
	nla_put_string(m, CIFSD_A_ACCOUNT, account);
	if (flags >= 0)
		nla_put_u32(m, CIFSD_A_LOGIN_FLAGS, (uint32_t)flags);
	if (run(c, m, tb) && nla_get_u32(tb[CIFSD_A_STATUS]) == CIFSD_STATUS_OK &&
	    rpc_op(c, CIFSD_RPC_TRANSACT, 9, srvsvc_bind, sizeof(srvsvc_bind),
		   NULL) == CIFSD_STATUS_OK &&
	    rpc_op(c, CIFSD_RPC_TRANSACT, 9, req, sizeof(req), out) ==
	    CIFSD_STATUS_OK && out->len >= 28 && out->data[2] == 2) {
		const uint8_t *e = out->data + out->len - 4;

		res = e[0] | e[1] << 8 | e[2] << 16 | (uint32_t)e[3] << 24;
	}
	rpc_op(c, CIFSD_RPC_CLOSE, 9, NULL, 0, NULL);
	g_byte_array_unref(out);
	return res;
}

/* The login flags of an RPC OPEN reach the pipe; none means guest. */
static void test_rpc_flags(struct nl_conn *c)
{
	CHECK(getinfo_level2(c, "alice", 0) == 0);
	CHECK(getinfo_level2(c, "alice", -1) == 5);
	CHECK(getinfo_level2(c, "alice", CIFSD_LOGIN_F_GUEST) == 5);
	CHECK(getinfo_level2(c, "", 0) == 5);
	rpc_close_all();
}

/* START_SERVER and SET_CONFIG carry every limit and both hosts lists. */
static void test_settings(struct nl_conn *c, const char *dir)
{
	struct nlattr *tb[CIFSD_A_MAX + 1];
	struct config cfg;
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/limits.conf", dir);
	f = fopen(path, "w");
	fputs("[global]\nmax connections = 0\ndeadtime = 15\n"
	      "max connection memory = 1G\nsmb2 max credits = 512\n"
	      "hosts allow = 10. 192.168.1. EXCEPT 10.0.0.1\n"
	      "smb2 leases = no\noplock break timeout = 7\n"
	      "max locks per open = 100\n"
	      "max disconnected durable handles = 9\n", f);
	fclose(f);
	CHECK(config_load(&cfg, path) == 0);
	unlink(path);
	c->cb = nl_cb_alloc(NL_CB_DEFAULT);
	for (int start = 0; start < 2; start++) {
		sent_len = 0;
		/* no kernel: the ack never comes, the request is captured */
		CHECK((start ? nlc_start_server(c, &cfg) :
			       nlc_set_config(c, &cfg)) < 0);
		CHECK(sent_len > 0 && genlmsg_parse((struct nlmsghdr *)sent, 0,
						    tb, CIFSD_A_MAX, NULL) == 0);
		if (!sent_len)
			continue;
		CHECK(genlmsg_hdr((struct nlmsghdr *)sent)->cmd ==
		      (start ? CIFSD_CMD_START_SERVER : CIFSD_CMD_SET_CONFIG));
		CHECK(!start || (tb[CIFSD_A_PORT] && nla_get_u16(tb[CIFSD_A_PORT]) == 445));
		CHECK(start || !tb[CIFSD_A_PORT]);
		for (size_t i = 0; i < NLIMITS; i++)
			CHECK(tb[limit_keys[i].attr] &&
			      nla_len(tb[limit_keys[i].attr]) == 4);
		CHECK(nla_get_u32(tb[CIFSD_A_MAX_CONNECTIONS]) == 0);
		CHECK(nla_get_u32(tb[CIFSD_A_MAX_CONNECTIONS_PER_IP]) == 64);
		CHECK(nla_get_u32(tb[CIFSD_A_IDLE_TIMEOUT]) == 900);
		CHECK(nla_get_u32(tb[CIFSD_A_MAX_CONN_MEMORY]) == 1024 * 1024);
		CHECK(nla_get_u32(tb[CIFSD_A_MAX_CREDITS]) == 512);
		CHECK(nla_get_u32(tb[CIFSD_A_HANDSHAKE_TIMEOUT]) == 20);
		/* the open-state settings */
		CHECK(tb[CIFSD_A_SMB2_LEASES] &&
		      nla_len(tb[CIFSD_A_SMB2_LEASES]) == 4 &&
		      nla_get_u32(tb[CIFSD_A_SMB2_LEASES]) == 0);
		CHECK(nla_get_u32(tb[CIFSD_A_BREAK_TIMEOUT]) == 7);
		CHECK(nla_get_u32(tb[CIFSD_A_MAX_LOCKS]) == 100);
		CHECK(nla_get_u32(tb[CIFSD_A_MAX_ASYNC]) == 512);
		CHECK(nla_get_u32(tb[CIFSD_A_MAX_DURABLE]) == 9);
		CHECK(tb[CIFSD_A_HOSTS_ALLOW] &&
		      nla_len(tb[CIFSD_A_HOSTS_ALLOW]) ==
		      4 * (int)sizeof(struct cifsd_host_rule) &&
		      !memcmp(nla_data(tb[CIFSD_A_HOSTS_ALLOW]), cfg.hosts_allow.rules,
			      4 * sizeof(struct cifsd_host_rule)));
		CHECK(tb[CIFSD_A_HOSTS_DENY] && nla_len(tb[CIFSD_A_HOSTS_DENY]) == 0);
	}
	nl_cb_put(c->cb);
	c->cb = NULL;
	config_free(&cfg);
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
	fprintf(f, "[global]\nhosts deny = 192.0.2.66\nrestrict anonymous = 2\n"
		"[team]\npath = %s\n", dir);
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
	test_rpc_flags(&c);
	test_settings(&c, dir);

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
