/* SPDX-License-Identifier: GPL-2.0-only */
/* The generic netlink side of cifsctl: family "cifsd" (cifsd_netlink.h). */
#ifndef CIFSCTL_NETLINK_H
#define CIFSCTL_NETLINK_H

#include "config.h"
#include "handlers.h"

#include <stdbool.h>
#include <stdint.h>

struct nl_sock;
struct nl_cb;
struct nl_msg;

struct nl_conn {
	struct nl_sock *sk;
	struct nl_cb *cb;
	int family;		/* genl family id, 0 = not resolved */
	uint32_t ack_seq;	/* sequence of the request awaiting its ack */
	bool acked;
	int ack_err;		/* errno from the kernel's ack (<= 0) */
	const struct daemon_state *st;	/* answers requests when set */
};

/* Connect a generic netlink socket.  0 or -errno (reported). */
int nlc_open(struct nl_conn *c);
void nlc_close(struct nl_conn *c);
/* Resolve the "cifsd" family, retrying for up to wait_ms.  0 or -ENOENT. */
int nlc_resolve(struct nl_conn *c, int wait_ms);
/* Send START_SERVER/STOP_SERVER and wait for the ack: 0 or -errno. */
int nlc_start_server(struct nl_conn *c, const struct config *cfg);
int nlc_stop_server(struct nl_conn *c);
/*
 * Send SET_CONFIG (limits and hosts lists, as with START_SERVER) and wait
 * for the ack: 0 or -errno (-EOPNOTSUPP from a module without it).
 */
int nlc_set_config(struct nl_conn *c, const struct config *cfg);

int nlc_fd(const struct nl_conn *c);
/* Read and answer whatever the kernel sent.  0, or -1 on a fatal error. */
int nlc_receive(struct nl_conn *c);

/* Build and send the reply to one request (nl_requests.c). */
int nlc_handle_request(struct nl_conn *c, struct nl_msg *msg);

#endif
