// SPDX-License-Identifier: GPL-2.0-only
/* Validate a request from the kernel and send the reply. */
#include "netlink.h"
#include "util.h"

#include <cifsd_netlink.h>
#include <errno.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <stdio.h>
#include <string.h>

#define CLIENT_ADDR_MAX 128

static struct nla_policy req_policy[CIFSD_A_MAX + 1] = {
	[CIFSD_A_HANDLE] = { .type = NLA_U32 },
	[CIFSD_A_ACCOUNT] = { .type = NLA_STRING, .maxlen = CIFSD_NAME_MAX },
	[CIFSD_A_DOMAIN] = { .type = NLA_STRING, .maxlen = CIFSD_NAME_MAX },
	[CIFSD_A_SHARE_NAME] = { .type = NLA_STRING, .maxlen = CIFSD_NAME_MAX },
	[CIFSD_A_CLIENT_ADDR] = { .type = NLA_STRING, .maxlen = CLIENT_ADDR_MAX },
	[CIFSD_A_SESSION_ID] = { .type = NLA_U64 },
	[CIFSD_A_LOGIN_FLAGS] = { .type = NLA_U32 },
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
			break;
		}
	}
	return true;
}

static const char *str_attr(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_string(tb[type]) : NULL;
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
	       nla_put_u32(m, CIFSD_A_SHARE_FLAGS, r.flags);
}

static int put_tree(struct nl_msg *m, const struct daemon_state *st,
		    struct nlattr **tb)
{
	const char *account = str_attr(tb, CIFSD_A_ACCOUNT);
	const char *share = str_attr(tb, CIFSD_A_SHARE_NAME);
	uint32_t lflags = tb[CIFSD_A_LOGIN_FLAGS] ?
			  nla_get_u32(tb[CIFSD_A_LOGIN_FLAGS]) : 0;
	const char *addr = str_attr(tb, CIFSD_A_CLIENT_ADDR);
	struct tree_reply r;

	if (!account || !share)
		return nla_put_u32(m, CIFSD_A_STATUS, CIFSD_STATUS_ERROR);
	handle_tree_connect(st, account, share, lflags, &r);
	if (r.status != CIFSD_STATUS_OK)
		fprintf(stderr, "cifsd: refused %s%s%s access to [%s]: %s\n",
			*account ? account : "(anonymous)",
			addr ? " from " : "", addr ? addr : "", share,
			r.status == CIFSD_STATUS_NO_SUCH_SHARE ? "no such share" :
								 "access denied");
	return nla_put_u32(m, CIFSD_A_STATUS, r.status) ||
	       nla_put_u32(m, CIFSD_A_TREE_FLAGS, r.flags);
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
	if (gh->cmd < CIFSD_CMD_LOGIN || gh->cmd > CIFSD_CMD_TREE_CONNECT) {
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
	reply = nlmsg_alloc();
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
