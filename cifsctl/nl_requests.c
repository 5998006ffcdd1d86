// SPDX-License-Identifier: GPL-2.0-only
/* Validate a request from the kernel and send the reply. */
#include "netlink.h"
#include "rpc/rpc.h"
#include "util.h"

#include <cifsd_netlink.h>
#include <errno.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <stdio.h>
#include <string.h>

#define CLIENT_ADDR_MAX 128
#define HOSTS_ATTR_MAX (CIFSD_HOST_RULES_MAX * sizeof(struct cifsd_host_rule))

static struct nla_policy req_policy[CIFSD_A_MAX + 1] = {
	[CIFSD_A_HANDLE] = { .type = NLA_U32 },
	[CIFSD_A_ACCOUNT] = { .type = NLA_STRING, .maxlen = CIFSD_NAME_MAX },
	[CIFSD_A_DOMAIN] = { .type = NLA_STRING, .maxlen = CIFSD_NAME_MAX },
	[CIFSD_A_SHARE_NAME] = { .type = NLA_STRING, .maxlen = CIFSD_NAME_MAX },
	[CIFSD_A_CLIENT_ADDR] = { .type = NLA_STRING, .maxlen = CLIENT_ADDR_MAX },
	[CIFSD_A_SESSION_ID] = { .type = NLA_U64 },
	[CIFSD_A_LOGIN_FLAGS] = { .type = NLA_U32 },
	[CIFSD_A_PIPE_NAME] = { .type = NLA_STRING, .maxlen = CIFSD_PIPE_NAME_MAX },
	[CIFSD_A_PIPE_ID] = { .type = NLA_U64 },
	[CIFSD_A_RPC_OP] = { .type = NLA_U32 },
	[CIFSD_A_RPC_DATA] = { .type = NLA_UNSPEC, .maxlen = CIFSD_RPC_DATA_MAX },
	[CIFSD_A_RPC_MAX_OUT] = { .type = NLA_U32 },
	/* settings: cifsctl sends them, the kernel never does; listed so
	 * that the table covers the whole ABI */
	[CIFSD_A_MAX_CONNECTIONS] = { .type = NLA_U32 },
	[CIFSD_A_SERVER_ENCRYPT] = { .type = NLA_U32 },
	[CIFSD_A_SHARE_ENCRYPT] = { .type = NLA_U32 },
	[CIFSD_A_MAX_CONNECTIONS_PER_IP] = { .type = NLA_U32 },
	[CIFSD_A_MAX_REQUESTS] = { .type = NLA_U32 },
	[CIFSD_A_MAX_CONN_MEMORY] = { .type = NLA_U32 },
	[CIFSD_A_HANDSHAKE_TIMEOUT] = { .type = NLA_U32 },
	[CIFSD_A_SEND_TIMEOUT] = { .type = NLA_U32 },
	[CIFSD_A_MAX_SESSIONS] = { .type = NLA_U32 },
	[CIFSD_A_MAX_PENDING_SESSIONS] = { .type = NLA_U32 },
	[CIFSD_A_MAX_TREES] = { .type = NLA_U32 },
	[CIFSD_A_MAX_OPENS] = { .type = NLA_U32 },
	[CIFSD_A_MAX_CREDITS] = { .type = NLA_U32 },
	[CIFSD_A_IDLE_TIMEOUT] = { .type = NLA_U32 },
	[CIFSD_A_MAX_ASYNC] = { .type = NLA_U32 },
	[CIFSD_A_BREAK_TIMEOUT] = { .type = NLA_U32 },
	[CIFSD_A_SMB2_LEASES] = { .type = NLA_U32 },
	[CIFSD_A_DIR_LEASES] = { .type = NLA_U32 },
	[CIFSD_A_MAX_LOCKS] = { .type = NLA_U32 },
	[CIFSD_A_COPY_MAX_CHUNKS] = { .type = NLA_U32 },
	[CIFSD_A_COPY_MAX_CHUNK_KIB] = { .type = NLA_U32 },
	[CIFSD_A_COPY_MAX_KIB] = { .type = NLA_U32 },
	[CIFSD_A_MAX_DURABLE] = { .type = NLA_U32 },
	[CIFSD_A_HOSTS_ALLOW] = { .type = NLA_UNSPEC, .maxlen = HOSTS_ATTR_MAX },
	[CIFSD_A_HOSTS_DENY] = { .type = NLA_UNSPEC, .maxlen = HOSTS_ATTR_MAX },
};

/* libnl checks minimum sizes only; insist on exact ones and clean strings. */
static bool attrs_exact(struct nlattr **tb)
{
	for (int i = 1; i <= CIFSD_A_MAX; i++) {
		int len;

		if (!tb[i])
			continue;
		len = nla_len(tb[i]);
		switch (req_policy[i].type) {
		case NLA_U32:
			if (len != 4)
				return false;
			break;
		case NLA_U64:
			if (len != 8)
				return false;
			break;
		case NLA_STRING:
			if (len < 1 || (size_t)len > req_policy[i].maxlen ||
			    strnlen(nla_data(tb[i]), (size_t)len) != (size_t)len - 1)
				return false;
			break;
		default:
			if (req_policy[i].maxlen &&
			    (size_t)len > req_policy[i].maxlen)
				return false;
			break;
		}
	}
	return true;
}

static const char *str_attr(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_string(tb[type]) : NULL;
}

/* CIFSD_A_LOGIN_FLAGS, or "guest" when the kernel did not send them. */
static uint32_t login_flags(struct nlattr **tb, const char *account)
{
	return effective_login_flags(tb[CIFSD_A_LOGIN_FLAGS] != NULL,
				     tb[CIFSD_A_LOGIN_FLAGS] ?
				     nla_get_u32(tb[CIFSD_A_LOGIN_FLAGS]) : 0,
				     account);
}

static int put_login(struct nl_msg *m, const struct daemon_state *st,
		     struct nlattr **tb)
{
	const char *account = str_attr(tb, CIFSD_A_ACCOUNT);
	struct login_reply r;
	int err;

	if (!account)
		return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_ERROR);
	handle_login(st, account, &r);
	err = nla_put_u32(m, CIFSD_A_STATUS, r.status);
	if (err || r.status != CIFSD_STATUS_OK)
		return err;
	if (r.has_hash)
		err = nla_put(m, CIFSD_A_NT_HASH, CIFSD_NT_HASH_LEN, r.hash);
	memset(r.hash, 0, sizeof(r.hash));
	return err ? err :
	       nla_put_u32(m, CIFSD_A_UID, r.uid) ||
	       nla_put_u32(m, CIFSD_A_GID, r.gid) ||
	       nla_put_u32(m, CIFSD_A_LOGIN_FLAGS, r.flags);
}

static int put_share(struct nl_msg *m, const struct daemon_state *st,
		     struct nlattr **tb)
{
	const char *name = str_attr(tb, CIFSD_A_SHARE_NAME);
	struct share_reply r;
	int err;

	if (!name)
		return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_ERROR);
	handle_share_config(st, name, &r);
	err = nla_put_u32(m, CIFSD_A_STATUS, r.status);
	if (err || r.status != CIFSD_STATUS_OK)
		return err;
	return nla_put_string(m, CIFSD_A_SHARE_PATH, r.path) ||
	       nla_put_string(m, CIFSD_A_SHARE_COMMENT, r.comment) ||
	       nla_put_u32(m, CIFSD_A_SHARE_FLAGS, r.flags) ||
	       nla_put_u32(m, CIFSD_A_SHARE_ENCRYPT, r.encrypt);
}

static int put_tree(struct nl_msg *m, const struct daemon_state *st,
		    struct nlattr **tb)
{
	const char *account = str_attr(tb, CIFSD_A_ACCOUNT);
	const char *share = str_attr(tb, CIFSD_A_SHARE_NAME);
	const char *addr = str_attr(tb, CIFSD_A_CLIENT_ADDR);
	struct tree_reply r;
	uint32_t lflags;

	if (!account || !share)
		return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_ERROR);
	lflags = login_flags(tb, account);
	handle_tree_connect(st, account, share, lflags, addr, &r);
	if (r.status != CIFSD_STATUS_OK)
		fprintf(stderr, "cifsd: refused %s%s%s access to [%s]: %s\n",
			*account ? account : "(anonymous)",
			addr ? " from " : "", addr ? addr : "", share,
			r.why ? r.why : "access denied");
	return nla_put_u32(m, CIFSD_A_STATUS, r.status) ||
	       nla_put_u32(m, CIFSD_A_TREE_FLAGS, r.flags);
}

/* Named pipe traffic (CIFSD_CMD_RPC): see rpc/rpc.h. */
static int put_rpc(struct nl_msg *m, const struct daemon_state *st,
		   struct nlattr **tb)
{
	static uint8_t buf[CIFSD_RPC_DATA_MAX];
	const char *pipe = str_attr(tb, CIFSD_A_PIPE_NAME);
	const char *account = str_attr(tb, CIFSD_A_ACCOUNT);
	uint32_t op, max;
	size_t n = 0, more = 0;
	uint64_t id;
	int rc = 0;

	if (!tb[CIFSD_A_RPC_OP] || !tb[CIFSD_A_PIPE_ID])
		return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_ERROR);
	op = nla_get_u32(tb[CIFSD_A_RPC_OP]);
	id = nla_get_u64(tb[CIFSD_A_PIPE_ID]);
	switch (op) {
	case CIFSD_RPC_OPEN:
		if (!pipe)
			return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_ERROR);
		rc = rpc_open_as(id, pipe, account, login_flags(tb, account),
				 tb[CIFSD_A_SESSION_ID] ?
				 nla_get_u64(tb[CIFSD_A_SESSION_ID]) : 0);
		return nla_put_u32(m, CIFSD_A_STATUS,
				   rc == 0 ? CIFSD_STATUS_OK :
				   rc == -ENOENT ? CIFSD_STATUS_NO_SUCH_SHARE :
						   CIFSD_STATUS_ERROR);
	case CIFSD_RPC_CLOSE:
		rpc_close(id);
		return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_OK);
	case CIFSD_RPC_WRITE:
	case CIFSD_RPC_TRANSACT:
		if (tb[CIFSD_A_RPC_DATA])
			rc = rpc_write(&st->cfg, id, nla_data(tb[CIFSD_A_RPC_DATA]),
				       (size_t)nla_len(tb[CIFSD_A_RPC_DATA]));
		if (rc == -EPROTO)
			fprintf(stderr, "cifsd: pipe %llu: not DCE/RPC, closing it\n",
				(unsigned long long)id);
		if (rc)
			return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_ERROR);
		if (op == CIFSD_RPC_WRITE) {
			/* how much of a reply now waits: the kernel wakes a READ */
			rpc_read(id, buf, 0, &n, &more);
			return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_OK) ||
			       nla_put_u32(m, CIFSD_A_RPC_MORE,
					   more > UINT32_MAX ? UINT32_MAX :
							       (uint32_t)more);
		}
		/* fall through */
	case CIFSD_RPC_READ:
		max = tb[CIFSD_A_RPC_MAX_OUT] ? nla_get_u32(tb[CIFSD_A_RPC_MAX_OUT]) : 0;
		if (max > CIFSD_RPC_DATA_MAX)
			max = CIFSD_RPC_DATA_MAX;
		if (rpc_read(id, buf, max, &n, &more))
			return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_ERROR);
		return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_OK) ||
		       (n && nla_put(m, CIFSD_A_RPC_DATA, (int)n, buf)) ||
		       nla_put_u32(m, CIFSD_A_RPC_MORE,
				   more > UINT32_MAX ? UINT32_MAX : (uint32_t)more);
	default:
		return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_ERROR);
	}
}

static int build_reply(struct nl_msg *m, uint8_t cmd,
		       const struct daemon_state *st, struct nlattr **tb)
{
	switch (cmd) {
	case CIFSD_CMD_LOGIN:
		return put_login(m, st, tb);
	case CIFSD_CMD_SHARE_CONFIG:
		return put_share(m, st, tb);
	case CIFSD_CMD_TREE_CONNECT:
		return put_tree(m, st, tb);
	case CIFSD_CMD_RPC:
		return put_rpc(m, st, tb);
	default:
		return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_ERROR);
	}
}

int nlc_handle_request(struct nl_conn *c, struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[CIFSD_A_MAX + 1];
	struct genlmsghdr *gh;
	struct nl_msg *reply;
	uint32_t handle;
	int err;

	if (nlmsg_get_src(msg)->nl_pid != 0 || nlh->nlmsg_type != c->family ||
	    !genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;	/* not from the kernel's cifsd family */
	gh = genlmsg_hdr(nlh);
	if ((gh->cmd < CIFSD_CMD_LOGIN || gh->cmd > CIFSD_CMD_TREE_CONNECT) &&
	    gh->cmd != CIFSD_CMD_RPC) {
		fprintf(stderr, "cifsd: ignoring unexpected command %u\n", gh->cmd);
		return -EINVAL;
	}
	if (genlmsg_parse(nlh, 0, tb, CIFSD_A_MAX, req_policy) < 0 ||
	    !tb[CIFSD_A_HANDLE] || !attrs_exact(tb)) {
		fprintf(stderr, "cifsd: dropping malformed request (command %u)\n",
			gh->cmd);
		return -EINVAL;
	}
	handle = nla_get_u32(tb[CIFSD_A_HANDLE]);
	/* an RPC reply carries up to CIFSD_RPC_DATA_MAX bytes of data */
	reply = gh->cmd == CIFSD_CMD_RPC ?
		nlmsg_alloc_size(CIFSD_RPC_DATA_MAX + 4096) : nlmsg_alloc();
	if (!reply)
		return -ENOMEM;
	if (!genlmsg_put(reply, NL_AUTO_PORT, NL_AUTO_SEQ, c->family, 0, 0,
			 gh->cmd, CIFSD_GENL_VERSION) ||
	    nla_put_u32(reply, CIFSD_A_HANDLE, handle) ||
	    build_reply(reply, gh->cmd, c->st, tb)) {
		fprintf(stderr, "cifsd: reply to command %u does not fit\n", gh->cmd);
		nlmsg_free(reply);
		return -EMSGSIZE;
	}
	err = nl_send_auto(c->sk, reply);
	nlmsg_free(reply);
	if (err < 0)
		fprintf(stderr, "cifsd: cannot send reply: %s\n", nl_geterror(err));
	return err < 0 ? -EIO : 0;
}
