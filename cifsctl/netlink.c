// SPDX-License-Identifier: GPL-2.0-only
/* Socket, family lookup, START/STOP and acks. */
#include "netlink.h"
#include "util.h"

#include <cifsd_netlink.h>
#include <errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define ACK_TIMEOUT_S 5
#define RCVBUF_BYTES (1024 * 1024)
/* START_SERVER / SET_CONFIG: two full hosts lists and the rest */
#define SETTINGS_MSG_BYTES (2 * CIFSD_HOST_RULES_MAX * \
			    sizeof(struct cifsd_host_rule) + 4096)

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nl_conn *c = arg;

	if (c->st)
		nlc_handle_request(c, msg);
	return NL_SKIP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct nl_conn *c = arg;

	if (nlmsg_hdr(msg)->nlmsg_seq == c->ack_seq) {
		c->acked = true;
		c->ack_err = 0;
	}
	return NL_SKIP;
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nl_conn *c = arg;

	(void)who;
	if (e->msg.nlmsg_seq == c->ack_seq && !c->acked) {
		c->acked = true;
		c->ack_err = e->error > 0 ? -e->error : e->error;
	} else if (e->error) {
		fprintf(stderr, "cifsd: kernel rejected a reply: %s\n",
			strerror(e->error < 0 ? -e->error : e->error));
	}
	return NL_SKIP;
}

static int no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

int nlc_open(struct nl_conn *c)
{
	struct timeval tv = { .tv_sec = ACK_TIMEOUT_S };
	int err;

	memset(c, 0, sizeof(*c));
	c->sk = nl_socket_alloc();
	c->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!c->sk || !c->cb) {
		err_msg("out of memory");
		nlc_close(c);
		return -ENOMEM;
	}
	nl_cb_set(c->cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, c);
	nl_cb_set(c->cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, c);
	nl_cb_set(c->cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, c);
	nl_cb_err(c->cb, NL_CB_CUSTOM, on_error, c);
	err = genl_connect(c->sk);
	if (err < 0) {
		err_msg("cannot open a generic netlink socket: %s", nl_geterror(err));
		nlc_close(c);
		return -EIO;
	}
	nl_socket_set_buffer_size(c->sk, RCVBUF_BYTES, RCVBUF_BYTES);
	/* RPC requests exceed a page: size each read to the message */
	nl_socket_enable_msg_peek(c->sk);
	setsockopt(nl_socket_get_fd(c->sk), SOL_SOCKET, SO_RCVTIMEO, &tv,
		   sizeof(tv));
	return 0;
}

void nlc_close(struct nl_conn *c)
{
	if (c->sk)
		nl_socket_free(c->sk);
	if (c->cb)
		nl_cb_put(c->cb);
	c->sk = NULL;
	c->cb = NULL;
}

int nlc_resolve(struct nl_conn *c, int wait_ms)
{
	struct timespec pause = { .tv_nsec = 100 * 1000 * 1000 };

	for (int waited = 0;; waited += 100) {
		int id = genl_ctrl_resolve(c->sk, CIFSD_GENL_NAME);

		if (id > 0) {
			c->family = id;
			return 0;
		}
		if (waited >= wait_ms)
			return -ENOENT;
		nanosleep(&pause, NULL);
	}
}

int nlc_fd(const struct nl_conn *c)
{
	return nl_socket_get_fd(c->sk);
}

/* Send msg (consumed) and process incoming messages until its ack. */
static int send_and_wait(struct nl_conn *c, struct nl_msg *msg)
{
	int err = nl_send_auto(c->sk, msg);

	if (err < 0) {
		nlmsg_free(msg);
		return -EIO;
	}
	c->ack_seq = nlmsg_hdr(msg)->nlmsg_seq;
	c->acked = false;
	nlmsg_free(msg);
	while (!c->acked) {
		err = nl_recvmsgs(c->sk, c->cb);
		if (err == -NLE_AGAIN)
			return -ETIMEDOUT;
		if (err < 0 && !c->acked)
			return -EIO;
	}
	return c->ack_err;
}

static struct nl_msg *new_request(struct nl_conn *c, uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc_size(SETTINGS_MSG_BYTES);

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, c->family, 0,
			 NLM_F_ACK, cmd, CIFSD_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* A hosts list; empty when not set, which clears the kernel's. */
static int put_hosts(struct nl_msg *msg, int attr, const struct host_list *l)
{
	if (!hosts_set(l))
		return nla_put(msg, attr, 0, NULL);
	return nla_put(msg, attr, (int)(l->n * sizeof(*l->rules)), l->rules);
}

/* What START_SERVER and SET_CONFIG share: limits, smb2 leases, hosts lists. */
static int put_settings(struct nl_msg *msg, const struct config *cfg)
{
	for (size_t i = 0; i < NLIMITS; i++) {
		const struct limit_key *k = &limit_keys[i];

		if (nla_put_u32(msg, k->attr, limit_wire(k, cfg->limits[k->id])))
			return -EMSGSIZE;
	}
	if (nla_put_u32(msg, CIFSD_A_SMB2_LEASES, cfg->smb2_leases) ||
	    nla_put_u32(msg, CIFSD_A_DIR_LEASES, cfg->dir_leases))
		return -EMSGSIZE;
	if (put_hosts(msg, CIFSD_A_HOSTS_ALLOW, &cfg->hosts_allow) ||
	    put_hosts(msg, CIFSD_A_HOSTS_DENY, &cfg->hosts_deny) ||
	    nla_put_u32(msg, CIFSD_A_SERVER_ENCRYPT, cfg->encrypt))
		return -EMSGSIZE;
	return 0;
}

int nlc_set_config(struct nl_conn *c, const struct config *cfg)
{
	struct nl_msg *msg = new_request(c, CIFSD_CMD_SET_CONFIG);

	if (!msg)
		return -ENOMEM;
	if (put_settings(msg, cfg)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return send_and_wait(c, msg);
}

int nlc_start_server(struct nl_conn *c, const struct config *cfg)
{
	struct nl_msg *msg = new_request(c, CIFSD_CMD_START_SERVER);

	if (!msg)
		return -ENOMEM;
	if (nla_put_u16(msg, CIFSD_A_PORT, cfg->port) ||
	    nla_put_string(msg, CIFSD_A_NETBIOS_NAME, cfg->netbios_name) ||
	    nla_put_string(msg, CIFSD_A_SERVER_STRING, cfg->server_string) ||
	    nla_put_string(msg, CIFSD_A_WORKGROUP, cfg->workgroup) ||
	    nla_put_u16(msg, CIFSD_A_MIN_DIALECT, cfg->min_dialect) ||
	    nla_put_u16(msg, CIFSD_A_MAX_DIALECT, cfg->max_dialect) ||
	    nla_put_u32(msg, CIFSD_A_SIGNING, cfg->signing) ||
	    nla_put_u32(msg, CIFSD_A_MAP_TO_GUEST, cfg->map_to_guest) ||
	    nla_put_string(msg, CIFSD_A_GUEST_ACCOUNT, cfg->guest_account) ||
	    put_settings(msg, cfg)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return send_and_wait(c, msg);
}

int nlc_stop_server(struct nl_conn *c)
{
	struct nl_msg *msg = new_request(c, CIFSD_CMD_STOP_SERVER);

	if (!msg)
		return -ENOMEM;
	return send_and_wait(c, msg);
}

int nlc_receive(struct nl_conn *c)
{
	int err = nl_recvmsgs(c->sk, c->cb);

	if (err >= 0 || err == -NLE_AGAIN)
		return 0;
	if (err == -NLE_NOMEM) {	/* ENOBUFS: requests were dropped */
		fprintf(stderr, "cifsd: netlink receive buffer overflowed, requests lost\n");
		return 0;
	}
	if (err == -NLE_DUMP_INTR || err == -NLE_MSG_TRUNC || err == -NLE_MSG_TOOSHORT) {
		fprintf(stderr, "cifsd: dropped a malformed netlink message: %s\n",
			nl_geterror(err));
		return 0;
	}
	fprintf(stderr, "cifsd: netlink receive failed: %s\n", nl_geterror(err));
	return -1;
}
