/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The channel to the cifsctl daemon (generic netlink family "cifsd").
 *
 * cifsd_ipc_call() sends a request to the daemon and sleeps until the
 * reply with the same handle arrives, the daemon goes away, or a timeout
 * passes.  A reply keeps a reference on the netlink message it came in, so
 * its attributes stay valid until cifsd_ipc_reply_free().
 */
#ifndef CIFSD_IPC_H
#define CIFSD_IPC_H

#include <net/genetlink.h>
#include "uapi/cifsd_netlink.h"

struct cifsd_ipc_reply {
	struct sk_buff *skb;
	struct nlattr *attrs[CIFSD_A_MAX + 1];
};

/* Adds the request's attributes (not the handle) to @msg. */
typedef int (*cifsd_ipc_fill_t)(struct sk_buff *msg, const void *arg);

int cifsd_ipc_call(u8 cmd, cifsd_ipc_fill_t fill, const void *arg,
		   struct cifsd_ipc_reply *reply);
/* Same, for requests larger than NLMSG_GOODSIZE: @size bytes of payload. */
int cifsd_ipc_call_size(u8 cmd, size_t size, cifsd_ipc_fill_t fill,
			const void *arg, struct cifsd_ipc_reply *reply);
void cifsd_ipc_reply_free(struct cifsd_ipc_reply *reply);

/* Status attribute of a reply, CIFSD_STATUS_ERROR when absent. */
u32 cifsd_ipc_status(const struct cifsd_ipc_reply *reply);

int cifsd_netlink_init(void);
void cifsd_netlink_exit(void);

#endif /* CIFSD_IPC_H */
