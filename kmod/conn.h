/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A TCP connection from one client, and its receive thread.
 *
 * Owner: the server's connection list holds one reference; each queued or
 * running work holds one.  Teardown (client hangs up, protocol error,
 * server stop), in this order:
 *   1. mark EXITING: the receive thread queues no new work;
 *   2. shut the socket down: a blocked receive returns;
 *   3. wait until in_flight drops to zero: no worker still uses a session,
 *      tree or open of this connection;
 *   4. tear down the sessions (which close their trees and opens);
 *   5. unlink from the server list and drop the list's reference; the
 *      socket is released with the last reference.
 */
#ifndef CIFSD_CONN_H
#define CIFSD_CONN_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/xarray.h>
#include <linux/wait.h>
#include "wire/smb2pdu.h"

enum cifsd_conn_state {
	CIFSD_CONN_NEW,		/* waiting for NEGOTIATE */
	CIFSD_CONN_NEGOTIATED,
	CIFSD_CONN_EXITING,
};

struct cifsd_conn {
	struct kref ref;
	struct list_head node;		/* server->conns */
	struct socket *sock;
	struct task_struct *rx_thread;
	struct sockaddr_storage peer;
	char peer_str[64];

	enum cifsd_conn_state state;
	struct mutex send_lock;		/* one response on the wire at a time */
	atomic_t in_flight;		/* works queued or running */
	wait_queue_head_t drain_wq;

	/* negotiated (written once by NEGOTIATE, read afterwards) */
	u16 dialect;
	u32 capabilities;		/* server caps granted */
	u16 client_security_mode;
	u32 client_capabilities;
	u8 client_guid[SMB2_CLIENT_GUID_SIZE];
	u16 client_dialects[16];
	u16 client_dialect_count;
	u16 signing_algorithm;		/* SMB2_SIGNING_* */
	bool signing_required;		/* negotiated SIGNING_REQUIRED */
	bool signing_ctx_offered;	/* 3.1.1 client sent a signing ctx */
	bool cipher_offered;		/* 3.1.1 client sent an encryption ctx */
	u8 preauth_hash[SMB2_PREAUTH_HASH_SIZE];
	u32 max_trans_size;
	u32 max_read_size;
	u32 max_write_size;

	/* credits (3.3.1.2) */
	spinlock_t credits_lock;
	u32 credits_granted;		/* credits the client holds now */

	/* sessions of this connection: id -> struct cifsd_session */
	struct xarray sessions;
};

struct cifsd_conn *cifsd_conn_get(struct cifsd_conn *conn);
void cifsd_conn_put(struct cifsd_conn *conn);

/* Send a response (with its RFC1002 header) on the connection. */
int cifsd_conn_send(struct cifsd_conn *conn, const void *buf, size_t len);

/* Ask the connection to go away (process context). */
void cifsd_conn_shutdown(struct cifsd_conn *conn);

/* Accept a new connection: start its receive thread. */
int cifsd_conn_create(struct socket *sock);

/* Shut every connection of the server down (server stop). */
void cifsd_conn_shutdown_all(void);

/* A worker is done with one message of @conn (before its conn put). */
void cifsd_conn_work_done(struct cifsd_conn *conn);

static inline bool cifsd_conn_is_smb3(const struct cifsd_conn *conn)
{
	return conn->dialect >= SMB30_PROT_ID;
}

#endif /* CIFSD_CONN_H */
