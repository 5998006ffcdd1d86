/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CIFSCTL_DAEMON_H
#define CIFSCTL_DAEMON_H

#include "handlers.h"
#include "netlink.h"

/* Block the signals the daemon handles (call before talking to the kernel). */
int daemon_block_signals(void);
/*
 * Serve kernel requests on c until SIGINT/SIGTERM.  SIGHUP re-reads the
 * configuration and the user database.  0, or -1 on a fatal error.
 */
int daemon_serve(struct daemon_state *st, struct nl_conn *c);

#endif
