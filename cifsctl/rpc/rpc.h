/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DCE/RPC over the IPC$ named pipes: the daemon's side of CIFSD_CMD_RPC.
 *
 * The kernel relays pipe opens, writes, reads and closes; this module keeps
 * each pipe's state (keyed by the kernel's pipe id), reassembles PDUs from
 * the written bytes, answers them, and queues the response fragments.  A
 * read returns (part of) the oldest queued fragment: pipes are in message
 * mode, one fragment per message.
 */
#ifndef CIFSCTL_RPC_H
#define CIFSCTL_RPC_H

#include "../config.h"

#include <stddef.h>
#include <stdint.h>

#define RPC_MAX_PIPES 1024		/* open pipes in the daemon */
#define RPC_MAX_SESSION_PIPES 64	/* ... and per SMB session */

/*
 * 0; -ENOENT unknown pipe name; -EEXIST id in use; -ENFILE too many.
 * login_flags (CIFSD_LOGIN_F_GUEST, _ANONYMOUS) decide what the caller
 * may see: see rpc_int.h.
 */
int rpc_open_as(uint64_t id, const char *pipe, const char *account,
		uint32_t login_flags, uint64_t session_id);
/* The same for an authenticated user, or anonymous when account is "". */
int rpc_open(uint64_t id, const char *pipe, const char *account,
	     uint64_t session_id);
void rpc_close(uint64_t id);
/* Forget every pipe (daemon shutdown, tests). */
void rpc_close_all(void);
/*
 * Feed bytes written to the pipe; answers complete PDUs.  0; -EBADF
 * unknown id; -EPROTO the byte stream is not DCE/RPC (the pipe is broken
 * and should be closed by the client).
 */
int rpc_write(const struct config *cfg, uint64_t id, const uint8_t *data,
	      size_t len);
/*
 * Take up to max bytes of the oldest queued message.  *n bytes copied,
 * *more bytes of that message remain.  0 or -EBADF.
 */
int rpc_read(uint64_t id, uint8_t *out, size_t max, size_t *n, size_t *more);

#endif
