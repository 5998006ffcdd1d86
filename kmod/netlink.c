// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Generic netlink family "cifsd": configuration from cifsctl, and the
 * request/reply channel through which the kernel asks the daemon for
 * accounts, shares and tree-connect decisions.
 *
 * Every message the kernel accepts is validated against cifsd_policy
 * (strict validation: unknown attributes and wrong lengths are refused),
 * and replies are only taken from the port that registered as the daemon.
 */

#include <linux/module.h>
#include <linux/xarray.h>
#include <linux/completion.h>
#include <linux/notifier.h>
#include <linux/netlink.h>
#include <net/genetlink.h>

#include "ipc.h"
#include "debug.h"
#include "server.h"
#include "admit.h"
#include "compat.h"

#define CIFSD_IPC_TIMEOUT	(10 * HZ)

/* KiB per connection: 1 MiB .. 4 GiB */
static const struct netlink_range_validation conn_mem_range = {
	.min = 1024, .max = 4U << 20,
};
static const struct netlink_range_validation day_range = { .max = 86400 };
/* NLA_POLICY_MAX/RANGE keep their bounds in an s16: these do not fit */
static const struct netlink_range_validation u16_range = { .max = 65535 };
static const struct netlink_range_validation credits_range = {
	.min = 1, .max = CIFSD_CREDITS_CEILING,
};
static const struct netlink_range_validation break_range = {
	.min = 1, .max = 3600,
};
static const struct netlink_range_validation rpc_out_range = {
	.max = CIFSD_RPC_DATA_MAX,
};
static const struct netlink_range_validation copy_chunks_range = {
	.min = 1, .max = 65535,
};
static const struct netlink_range_validation copy_chunk_range = {
	.min = 1, .max = 16 * 1024,
};
static const struct netlink_range_validation copy_total_range = {
	.min = 1, .max = 1024 * 1024,
};
static const struct netlink_range_validation year_range = {
	.max = 86400 * 366,
};

static const struct nla_policy cifsd_policy[CIFSD_A_MAX + 1] = {
	[CIFSD_A_HANDLE]	= { .type = NLA_U32 },
	[CIFSD_A_STATUS]	= NLA_POLICY_MAX(NLA_U32, CIFSD_STATUS_ERROR),
	[CIFSD_A_PORT]		= NLA_POLICY_MIN(NLA_U16, 1),
	[CIFSD_A_NETBIOS_NAME]	= { .type = NLA_NUL_STRING, .len = 15 },
	[CIFSD_A_SERVER_STRING]	= { .type = NLA_NUL_STRING, .len = 127 },
	[CIFSD_A_WORKGROUP]	= { .type = NLA_NUL_STRING, .len = 63 },
	[CIFSD_A_MIN_DIALECT]	= NLA_POLICY_RANGE(NLA_U16, 0x0202, 0x0311),
	[CIFSD_A_MAX_DIALECT]	= NLA_POLICY_RANGE(NLA_U16, 0x0202, 0x0311),
	[CIFSD_A_SIGNING]	= NLA_POLICY_MAX(NLA_U32, CIFSD_SIGNING_MANDATORY),
	[CIFSD_A_MAP_TO_GUEST]	= NLA_POLICY_MAX(NLA_U32, CIFSD_MAP_GUEST_BAD_USER),
	[CIFSD_A_GUEST_ACCOUNT]	= { .type = NLA_NUL_STRING, .len = 63 },
	[CIFSD_A_MAX_CONNECTIONS] = { .type = NLA_U32 },
	[CIFSD_A_ACCOUNT]	= { .type = NLA_NUL_STRING, .len = CIFSD_NAME_MAX - 1 },
	[CIFSD_A_DOMAIN]	= { .type = NLA_NUL_STRING, .len = CIFSD_NAME_MAX - 1 },
	[CIFSD_A_NT_HASH]	= NLA_POLICY_EXACT_LEN(CIFSD_NT_HASH_LEN),
	[CIFSD_A_UID]		= { .type = NLA_U32 },
	[CIFSD_A_GID]		= { .type = NLA_U32 },
	[CIFSD_A_LOGIN_FLAGS]	= { .type = NLA_U32 },
	[CIFSD_A_SHARE_NAME]	= { .type = NLA_NUL_STRING, .len = CIFSD_NAME_MAX - 1 },
	[CIFSD_A_SHARE_PATH]	= { .type = NLA_NUL_STRING, .len = CIFSD_PATH_MAX - 1 },
	[CIFSD_A_SHARE_COMMENT]	= { .type = NLA_NUL_STRING, .len = CIFSD_COMMENT_MAX - 1 },
	[CIFSD_A_SHARE_FLAGS]	= { .type = NLA_U32 },
	[CIFSD_A_CLIENT_ADDR]	= { .type = NLA_NUL_STRING, .len = 63 },
	[CIFSD_A_SESSION_ID]	= { .type = NLA_U64 },
	[CIFSD_A_TREE_FLAGS]	= { .type = NLA_U32 },
	[CIFSD_A_PIPE_NAME]	= { .type = NLA_NUL_STRING, .len = CIFSD_PIPE_NAME_MAX - 1 },
	[CIFSD_A_PIPE_ID]	= { .type = NLA_U64 },
	[CIFSD_A_RPC_OP]	= NLA_POLICY_MAX(NLA_U32, CIFSD_RPC_TRANSACT),
	[CIFSD_A_RPC_DATA]	= { .type = NLA_BINARY, .len = CIFSD_RPC_DATA_MAX },
	[CIFSD_A_RPC_MAX_OUT]	= NLA_POLICY_FULL_RANGE(NLA_U32, &rpc_out_range),
	[CIFSD_A_RPC_MORE]	= { .type = NLA_U32 },
	[CIFSD_A_MAX_CONNECTIONS_PER_IP] = { .type = NLA_U32 },
	[CIFSD_A_MAX_REQUESTS]	= NLA_POLICY_FULL_RANGE(NLA_U32, &u16_range),
	[CIFSD_A_MAX_CONN_MEMORY] = NLA_POLICY_FULL_RANGE(NLA_U32, &conn_mem_range),
	[CIFSD_A_HANDSHAKE_TIMEOUT] = NLA_POLICY_FULL_RANGE(NLA_U32, &day_range),
	[CIFSD_A_SEND_TIMEOUT]	= NLA_POLICY_FULL_RANGE(NLA_U32, &day_range),
	[CIFSD_A_IDLE_TIMEOUT]	= NLA_POLICY_FULL_RANGE(NLA_U32, &year_range),
	[CIFSD_A_MAX_SESSIONS]	= NLA_POLICY_FULL_RANGE(NLA_U32, &u16_range),
	[CIFSD_A_MAX_PENDING_SESSIONS] = NLA_POLICY_FULL_RANGE(NLA_U32, &u16_range),
	[CIFSD_A_MAX_TREES]	= NLA_POLICY_FULL_RANGE(NLA_U32, &u16_range),
	[CIFSD_A_MAX_OPENS]	= NLA_POLICY_FULL_RANGE(NLA_U32, &u16_range),
	[CIFSD_A_MAX_CREDITS]	= NLA_POLICY_FULL_RANGE(NLA_U32, &credits_range),
	[CIFSD_A_MAX_ASYNC]	= NLA_POLICY_FULL_RANGE(NLA_U32, &u16_range),
	[CIFSD_A_BREAK_TIMEOUT]	= NLA_POLICY_FULL_RANGE(NLA_U32, &break_range),
	[CIFSD_A_SMB2_LEASES]	= NLA_POLICY_MAX(NLA_U32, 1),
	[CIFSD_A_DIR_LEASES]	= NLA_POLICY_MAX(NLA_U32, 1),
	[CIFSD_A_MAX_LOCKS]	= NLA_POLICY_FULL_RANGE(NLA_U32, &u16_range),
	[CIFSD_A_COPY_MAX_CHUNKS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &copy_chunks_range),
	[CIFSD_A_COPY_MAX_CHUNK_KIB] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &copy_chunk_range),
	[CIFSD_A_COPY_MAX_KIB]	= NLA_POLICY_FULL_RANGE(NLA_U32, &copy_total_range),
	[CIFSD_A_SERVER_ENCRYPT] = NLA_POLICY_MAX(NLA_U32, CIFSD_ENCRYPT_REQUIRED),
	[CIFSD_A_SHARE_ENCRYPT]	= NLA_POLICY_MAX(NLA_U32, CIFSD_ENCRYPT_REQUIRED),
	[CIFSD_A_MAX_DURABLE]	= { .type = NLA_U32 },
	[CIFSD_A_HOSTS_ALLOW]	= { .type = NLA_BINARY,
				    .len = CIFSD_HOST_RULES_MAX *
					   sizeof(struct cifsd_host_rule) },
	[CIFSD_A_HOSTS_DENY]	= { .type = NLA_BINARY,
				    .len = CIFSD_HOST_RULES_MAX *
					   sizeof(struct cifsd_host_rule) },
};

/* A request waiting for the daemon's reply. */
struct cifsd_ipc_pending {
	struct completion done;
	int err;
	struct cifsd_ipc_reply *reply;
};

static DEFINE_XARRAY_ALLOC1(cifsd_pending);
static u32 cifsd_next_handle;

/* Port id of the registered daemon; 0 when there is none. */
static DEFINE_SPINLOCK(cifsd_daemon_lock);
static u32 cifsd_daemon_portid;

static struct genl_family cifsd_family;

static void cifsd_daemon_gone_fn(struct work_struct *w);
static DECLARE_WORK(cifsd_daemon_gone_work, cifsd_daemon_gone_fn);

static u32 cifsd_daemon(void)
{
	u32 portid;

	spin_lock(&cifsd_daemon_lock);
	portid = cifsd_daemon_portid;
	spin_unlock(&cifsd_daemon_lock);
	return portid;
}

/* Fail every pending request: the daemon went away. */
static void cifsd_ipc_fail_all(int err)
{
	struct cifsd_ipc_pending *p;
	unsigned long idx;

	xa_for_each(&cifsd_pending, idx, p) {
		if (xa_erase(&cifsd_pending, idx) == p) {
			p->err = err;
			complete(&p->done);
		}
	}
}

int cifsd_ipc_call(u8 cmd, cifsd_ipc_fill_t fill, const void *arg,
		   struct cifsd_ipc_reply *reply)
{
	return cifsd_ipc_call_size(cmd, NLMSG_GOODSIZE, fill, arg, reply);
}

int cifsd_ipc_call_size(u8 cmd, size_t size, cifsd_ipc_fill_t fill,
			const void *arg, struct cifsd_ipc_reply *reply)
{
	struct cifsd_ipc_pending p;
	struct sk_buff *msg;
	u32 handle, portid;
	void *hdr;
	int err;

	memset(reply, 0, sizeof(*reply));
	portid = cifsd_daemon();
	if (!portid) {
		cifsd_dbg(IPC, "request %u: no daemon\n", cmd);
		return -ENOTCONN;
	}

	init_completion(&p.done);
	p.err = 0;
	p.reply = reply;
	err = xa_alloc_cyclic(&cifsd_pending, &handle, &p, xa_limit_32b,
			      &cifsd_next_handle, GFP_KERNEL);
	if (err < 0)
		return err;

	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto out_erase;
	}
	hdr = genlmsg_put(msg, 0, 0, &cifsd_family, 0, cmd);
	if (!hdr || nla_put_u32(msg, CIFSD_A_HANDLE, handle)) {
		err = -EMSGSIZE;
		goto out_free;
	}
	err = fill(msg, arg);
	if (err)
		goto out_free;
	genlmsg_end(msg, hdr);

	/* genlmsg_unicast() consumes the message in every case. */
	err = genlmsg_unicast(&init_net, msg, portid);
	if (err)
		goto out_erase;

	if (!wait_for_completion_timeout(&p.done, CIFSD_IPC_TIMEOUT)) {
		/*
		 * Whoever erases the entry owns its completion.  If the reply
		 * handler got there first it is about to complete: wait.
		 */
		if (xa_erase(&cifsd_pending, handle) == &p) {
			cifsd_dbg(IPC, "request %u handle %u: daemon did not answer in time\n",
				  cmd, handle);
			return -ETIMEDOUT;
		}
		wait_for_completion(&p.done);
	}
	return p.err;

out_free:
	nlmsg_free(msg);
out_erase:
	cifsd_dbg(IPC, "request %u: cannot send to the daemon: %d\n", cmd, err);
	/* If the daemon-gone path erased it first, it will complete it. */
	if (xa_erase(&cifsd_pending, handle) != &p)
		wait_for_completion(&p.done);
	return err;
}

void cifsd_ipc_reply_free(struct cifsd_ipc_reply *reply)
{
	if (reply->skb)
		consume_skb(reply->skb);
	reply->skb = NULL;
}

u32 cifsd_ipc_status(const struct cifsd_ipc_reply *reply)
{
	if (!reply->attrs[CIFSD_A_STATUS])
		return CIFSD_STATUS_ERROR;
	return nla_get_u32(reply->attrs[CIFSD_A_STATUS]);
}

/* A reply from the daemon: hand it to the waiting request. */
static int cifsd_nl_reply(struct sk_buff *skb, struct genl_info *info)
{
	struct cifsd_ipc_pending *p;
	u32 handle;

	if (info->snd_portid != cifsd_daemon())
		return -EPERM;
	if (GENL_REQ_ATTR_CHECK(info, CIFSD_A_HANDLE) ||
	    GENL_REQ_ATTR_CHECK(info, CIFSD_A_STATUS))
		return -EINVAL;
	handle = nla_get_u32(info->attrs[CIFSD_A_HANDLE]);
	p = xa_erase(&cifsd_pending, handle);
	if (!p)
		return -ENOENT;	/* timed out already */

	/* The attribute pointers point into @skb: keep it alive. */
	p->reply->skb = skb_get(skb);
	memcpy(p->reply->attrs, info->attrs, sizeof(p->reply->attrs));
	p->err = 0;
	complete(&p->done);
	return 0;
}

static void cifsd_copy_str(char *dst, size_t size, const struct nlattr *a,
			   const char *dflt)
{
	strscpy(dst, a ? nla_data(a) : dflt, size);
}

/* Limits from @a over the current ones; absent attributes keep theirs. */
static void cifsd_nl_limits(struct nlattr **a, struct cifsd_limits *l)
{
	static const struct {
		int attr;
		size_t off;
	} map[] = {
		{ CIFSD_A_MAX_CONNECTIONS,
		  offsetof(struct cifsd_limits, max_connections) },
		{ CIFSD_A_MAX_CONNECTIONS_PER_IP,
		  offsetof(struct cifsd_limits, max_connections_per_ip) },
		{ CIFSD_A_MAX_REQUESTS,
		  offsetof(struct cifsd_limits, max_requests) },
		{ CIFSD_A_MAX_CONN_MEMORY,
		  offsetof(struct cifsd_limits, max_conn_memory_kib) },
		{ CIFSD_A_HANDSHAKE_TIMEOUT,
		  offsetof(struct cifsd_limits, handshake_timeout) },
		{ CIFSD_A_SEND_TIMEOUT,
		  offsetof(struct cifsd_limits, send_timeout) },
		{ CIFSD_A_IDLE_TIMEOUT,
		  offsetof(struct cifsd_limits, idle_timeout) },
		{ CIFSD_A_MAX_SESSIONS,
		  offsetof(struct cifsd_limits, max_sessions) },
		{ CIFSD_A_MAX_PENDING_SESSIONS,
		  offsetof(struct cifsd_limits, max_pending_sessions) },
		{ CIFSD_A_MAX_TREES, offsetof(struct cifsd_limits, max_trees) },
		{ CIFSD_A_MAX_OPENS, offsetof(struct cifsd_limits, max_opens) },
		{ CIFSD_A_MAX_CREDITS,
		  offsetof(struct cifsd_limits, max_credits) },
		{ CIFSD_A_MAX_ASYNC, offsetof(struct cifsd_limits, max_async) },
		{ CIFSD_A_BREAK_TIMEOUT,
		  offsetof(struct cifsd_limits, break_timeout) },
		{ CIFSD_A_SMB2_LEASES,
		  offsetof(struct cifsd_limits, smb2_leases) },
		{ CIFSD_A_DIR_LEASES,
		  offsetof(struct cifsd_limits, dir_leases) },
		{ CIFSD_A_MAX_LOCKS, offsetof(struct cifsd_limits, max_locks) },
		{ CIFSD_A_COPY_MAX_CHUNKS,
		  offsetof(struct cifsd_limits, copy_max_chunks) },
		{ CIFSD_A_COPY_MAX_CHUNK_KIB,
		  offsetof(struct cifsd_limits, copy_max_chunk_kib) },
		{ CIFSD_A_COPY_MAX_KIB,
		  offsetof(struct cifsd_limits, copy_max_kib) },
		{ CIFSD_A_MAX_DURABLE,
		  offsetof(struct cifsd_limits, max_durable) },
	};
	size_t i;

	*l = cifsd_srv.limits;
	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (a[map[i].attr])
			*(u32 *)((u8 *)l + map[i].off) =
				nla_get_u32(a[map[i].attr]);
}

/* The hosts lists, when the message carries them. */
static int cifsd_nl_hosts(struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	int err;

	err = cifsd_hosts_set(true, a[CIFSD_A_HOSTS_ALLOW]);
	if (!err)
		err = cifsd_hosts_set(false, a[CIFSD_A_HOSTS_DENY]);
	if (err)
		NL_SET_ERR_MSG(info->extack, "invalid hosts allow/deny rules");
	return err;
}

static int cifsd_nl_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct cifsd_limits l;
	int err;

	if (info->snd_portid != cifsd_daemon())
		return -EPERM;
	err = cifsd_nl_hosts(info);
	if (err)
		return err;
	cifsd_nl_limits(info->attrs, &l);
	cifsd_server_set_limits(&l);
	/* new sessions and tree connects follow it; negotiated ones keep theirs */
	if (info->attrs[CIFSD_A_SERVER_ENCRYPT])
		WRITE_ONCE(cifsd_srv.cfg.encrypt,
			   nla_get_u32(info->attrs[CIFSD_A_SERVER_ENCRYPT]));
	return 0;
}

static int cifsd_nl_start(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct cifsd_server_config *cfg;
	struct cifsd_limits l;
	int err;

	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	cfg->port = a[CIFSD_A_PORT] ? nla_get_u16(a[CIFSD_A_PORT]) :
		    CIFSD_DEFAULT_PORT;
	cfg->min_dialect = a[CIFSD_A_MIN_DIALECT] ?
			   nla_get_u16(a[CIFSD_A_MIN_DIALECT]) : 0x0202;
	cfg->max_dialect = a[CIFSD_A_MAX_DIALECT] ?
			   nla_get_u16(a[CIFSD_A_MAX_DIALECT]) : 0x0311;
	if (cfg->min_dialect > cfg->max_dialect) {
		NL_SET_ERR_MSG(info->extack, "min dialect above max dialect");
		kfree(cfg);
		return -EINVAL;
	}
	cfg->signing = a[CIFSD_A_SIGNING] ? nla_get_u32(a[CIFSD_A_SIGNING]) :
		       CIFSD_SIGNING_AUTO;
	cfg->map_to_guest = a[CIFSD_A_MAP_TO_GUEST] ?
			    nla_get_u32(a[CIFSD_A_MAP_TO_GUEST]) : 0;
	cfg->encrypt = a[CIFSD_A_SERVER_ENCRYPT] ?
		       nla_get_u32(a[CIFSD_A_SERVER_ENCRYPT]) :
		       CIFSD_ENCRYPT_IF_REQUIRED;
	cifsd_copy_str(cfg->netbios_name, sizeof(cfg->netbios_name),
		       a[CIFSD_A_NETBIOS_NAME], "CIFSD");
	cifsd_copy_str(cfg->workgroup, sizeof(cfg->workgroup),
		       a[CIFSD_A_WORKGROUP], "WORKGROUP");
	cifsd_copy_str(cfg->server_string, sizeof(cfg->server_string),
		       a[CIFSD_A_SERVER_STRING], "CIFSD");
	cifsd_copy_str(cfg->guest_account, sizeof(cfg->guest_account),
		       a[CIFSD_A_GUEST_ACCOUNT], "nobody");

	spin_lock(&cifsd_daemon_lock);
	if (cifsd_daemon_portid && cifsd_daemon_portid != info->snd_portid) {
		spin_unlock(&cifsd_daemon_lock);
		kfree(cfg);
		NL_SET_ERR_MSG(info->extack, "a cifsd daemon is already running");
		return -EBUSY;
	}
	cifsd_daemon_portid = info->snd_portid;
	spin_unlock(&cifsd_daemon_lock);

	err = cifsd_nl_hosts(info);
	if (!err) {
		cifsd_nl_limits(a, &l);
		err = cifsd_server_start(cfg, &l);
	}
	kfree(cfg);
	if (err) {
		spin_lock(&cifsd_daemon_lock);
		if (cifsd_daemon_portid == info->snd_portid)
			cifsd_daemon_portid = 0;
		spin_unlock(&cifsd_daemon_lock);
		if (err == -EADDRINUSE)
			NL_SET_ERR_MSG(info->extack, "port already in use");
	}
	return err;
}

static void cifsd_daemon_forget(void)
{
	spin_lock(&cifsd_daemon_lock);
	cifsd_daemon_portid = 0;
	spin_unlock(&cifsd_daemon_lock);
	cifsd_ipc_fail_all(-ESHUTDOWN);
}

static int cifsd_nl_stop(struct sk_buff *skb, struct genl_info *info)
{
	/*
	 * Forget the daemon first: workers waiting for its answers fail at
	 * once instead of timing out while it waits for this very reply.
	 */
	cifsd_daemon_forget();
	return cifsd_server_stop();
}

static const struct genl_small_ops cifsd_ops[] = {
	{
		.cmd = CIFSD_CMD_START_SERVER,
		.doit = cifsd_nl_start,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CIFSD_CMD_STOP_SERVER,
		.doit = cifsd_nl_stop,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CIFSD_CMD_LOGIN,
		.doit = cifsd_nl_reply,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CIFSD_CMD_SHARE_CONFIG,
		.doit = cifsd_nl_reply,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CIFSD_CMD_TREE_CONNECT,
		.doit = cifsd_nl_reply,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CIFSD_CMD_RPC,
		.doit = cifsd_nl_reply,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = CIFSD_CMD_SET_CONFIG,
		.doit = cifsd_nl_set_config,
		.flags = GENL_ADMIN_PERM,
	},
};

static struct genl_family cifsd_family __ro_after_init = {
	.name = CIFSD_GENL_NAME,
	.version = CIFSD_GENL_VERSION,
	.maxattr = CIFSD_A_MAX,
	.policy = cifsd_policy,
	.netnsok = false,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.small_ops = cifsd_ops,
	.n_small_ops = ARRAY_SIZE(cifsd_ops),
};

/* The daemon died without saying STOP: stop serving. */
static void cifsd_daemon_gone_fn(struct work_struct *w)
{
	pr_info("cifsd: daemon went away, stopping the server\n");
	cifsd_server_stop();
}

static int cifsd_nl_notify(struct notifier_block *nb, unsigned long state,
			   void *ptr)
{
	struct netlink_notify *n = ptr;
	bool gone = false;

	if (state != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !net_eq(n->net, &init_net))
		return NOTIFY_DONE;

	spin_lock(&cifsd_daemon_lock);
	if (cifsd_daemon_portid && n->portid == cifsd_daemon_portid) {
		cifsd_daemon_portid = 0;
		gone = true;
	}
	spin_unlock(&cifsd_daemon_lock);

	if (gone) {
		cifsd_ipc_fail_all(-ESHUTDOWN);
		schedule_work(&cifsd_daemon_gone_work);
	}
	return NOTIFY_DONE;
}

static struct notifier_block cifsd_nl_notifier = {
	.notifier_call = cifsd_nl_notify,
};

int cifsd_netlink_init(void)
{
	int err;

	err = genl_register_family(&cifsd_family);
	if (err)
		return err;
	err = netlink_register_notifier(&cifsd_nl_notifier);
	if (err)
		genl_unregister_family(&cifsd_family);
	return err;
}

void cifsd_netlink_exit(void)
{
	netlink_unregister_notifier(&cifsd_nl_notifier);
	genl_unregister_family(&cifsd_family);
	cancel_work_sync(&cifsd_daemon_gone_work);
	cifsd_daemon_forget();
}
