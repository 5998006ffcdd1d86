/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A TCP connection from one client, and its thread.
 *
 * One kernel thread per connection does all of the connection's socket
 * I/O, without ever blocking in the socket: it receives requests and
 * queues them to the workers, and it sends the replies that did not fit
 * into the socket when a worker finished them (conn_io.c).  Workers never
 * wait for the peer: a reply goes out at once when the socket has room, or
 * joins the connection's send queue.  A peer that stops reading its
 * replies stops being read (its requests wait in TCP) and is disconnected
 * after the send timeout; the requests and bytes a connection may hold are
 * bounded (struct cifsd_limits), so no peer can tie up the workers or the
 * memory of the server.
 *
 * Ownership.  The connection thread owns the connection: it holds the
 * reference taken at creation, and every queued or running work holds one
 * more.  The connection is complete (socket callbacks, peer address,
 * accounting) before its thread is started, and the listener does not
 * touch it afterwards.
 *
 * Teardown (client hangs up, protocol error, timeout, server stop), all
 * done by the connection thread, in this order:
 *   1. state EXITING: nothing more is received or queued to workers, and
 *      replies of works still running are dropped;
 *   2. socket callbacks restored: no softirq looks at the connection;
 *   3. wait until in_flight drops to zero: no worker still uses a session,
 *      tree or open of the connection;
 *   4. parked requests cancelled (the async table is dead first, so none
 *      is added), and in_flight waited for again: their final replies,
 *      dropped unsent, are built by then;
 *   5. sessions torn down (their trees and opens with them);
 *   6. send queue and partial receive freed; unlinked from the server
 *      list; the thread's reference dropped.  The socket is released with
 *      the last reference.
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
#include "credits.h"

struct sock;
struct cifsd_peer;

enum cifsd_conn_state {
	CIFSD_CONN_NEW,		/* waiting for NEGOTIATE */
	CIFSD_CONN_NEGOTIATED,
	CIFSD_CONN_EXITING,
};

/* Bits of cifsd_conn.events, set by socket callbacks and workers. */
enum {
	CIFSD_EV_RX,		/* data or EOF may be readable */
	CIFSD_EV_TX,		/* the socket has room again */
	CIFSD_EV_CHECK,		/* re-evaluate limits and deadlines */
};

struct cifsd_conn {
	struct kref ref;
	struct list_head node;		/* cifsd_srv.conns */
	struct socket *sock;
	struct sockaddr_storage peer;	/* IPv4-mapped addresses as IPv4 */
	char peer_str[64];		/* address without port */
	struct cifsd_peer *peer_slot;	/* per-address count (admit.c) */

	enum cifsd_conn_state state;
	unsigned long events;		/* CIFSD_EV_* */
	wait_queue_head_t io_wq;	/* the connection thread sleeps here */
	void (*saved_data_ready)(struct sock *sk);
	void (*saved_write_space)(struct sock *sk);
	void (*saved_state_change)(struct sock *sk);

	/* receive side: the connection thread only */
	u8 rx_hdr[4];
	u32 rx_hdr_got;
	u8 *rx_buf;			/* message being received */
	u32 rx_len;
	u32 rx_got;
	unsigned long last_rx;		/* jiffies of the last byte received */
	unsigned long created;		/* jiffies */
	unsigned long unauth_since;	/* jiffies; 0 while a session is valid */
	bool rx_throttled;		/* a limit stopped the receiving */
	size_t rx_size;			/* rx_buf's size (rxpool.h), 0: none */
	/* a receive buffer kept for the next large message (rxpool.h) */
	spinlock_t rx_spare_lock;
	void *rx_spare;
	size_t rx_spare_size;
	unsigned long rx_spare_since;	/* jiffies it was put back */

	/* send side */
	struct mutex tx_lock;		/* the socket's send side and tx_queue */
	struct list_head tx_queue;	/* struct cifsd_tx, in send order */
	size_t tx_queued;		/* bytes in tx_queue */
	unsigned long tx_progress;	/* jiffies of the last progress */
	size_t tx_since;		/* bytes sent since then */

	/* what the connection holds, for the limits */
	atomic_t in_flight;		/* works queued or running */
	atomic_long_t mem;		/* request, reply and queued bytes */
	atomic_long_t state_mem;	/* buffers kept between requests */
	atomic_t nr_sessions;		/* sessions in the table */
	atomic_t nr_pending_sessions;	/* of them not yet valid */
	atomic_t nr_valid_sessions;	/* of them valid */
	atomic_t nr_opens;		/* opens of all its sessions */

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
	u16 cipher;			/* SMB2_ENCRYPTION_*, 0: no encryption */
	bool posix_ctx_offered;		/* 3.1.1 client offered POSIX extensions */
	u8 preauth_hash[SMB2_PREAUTH_HASH_SIZE];
	u32 max_trans_size;
	u32 max_read_size;
	u32 max_write_size;

	/* MessageId window and credits (credits.c) */
	struct cifsd_credits credits;

	/*
	 * Sessions of this connection: id -> struct cifsd_session.
	 * sessions_dead is set under the xarray lock at teardown; no session
	 * is added after that.
	 */
	struct xarray sessions;
	bool sessions_dead;

	/*
	 * Parked (asynchronous) requests: AsyncId -> struct cifsd_async
	 * (smb2/async.h); nr_async and async_dead under its lock.
	 */
	struct xarray async;
	u32 async_next;
	u32 nr_async;
	bool async_dead;
	/*
	 * CANCELs by MessageId that found nothing: the request may still be
	 * on its way to going asynchronous (requests run concurrently).
	 */
	u64 cancelled_mids[8];
	u32 cancelled_next;
};

struct cifsd_conn *cifsd_conn_get(struct cifsd_conn *conn);
/*
 * The oldest live connection (with a session) of the client @guid,
 * referenced, or NULL: where a lease break goes (leases belong to the
 * client, whichever connection opened the file).
 */
struct cifsd_conn *cifsd_conn_find_client(const u8 *guid);
void cifsd_conn_put(struct cifsd_conn *conn);

/* Ask the connection to go away (any context but hard IRQ). */
void cifsd_conn_shutdown(struct cifsd_conn *conn);

/* A new accepted socket: admit it and start its thread, or refuse it. */
int cifsd_conn_create(struct socket *sock);

/* Shut every connection of the server down (server stop). */
void cifsd_conn_shutdown_all(void);

/*
 * Send a reply: @buf (kvmalloc'ed, @len bytes with its RFC1002 header,
 * @charge bytes counted in conn->mem) is consumed in every case.  Never
 * blocks on the peer; what the socket cannot take now is queued.
 */
void cifsd_conn_send_buf(struct cifsd_conn *conn, void *buf, size_t len,
			 size_t charge);
/*
 * The same, with file data sent after @buf (pages.h); @data (may be
 * NULL) is consumed in every case too, and the RFC1002 header in @buf
 * counts its bytes.
 */
struct cifsd_pages;
void cifsd_conn_send_msg(struct cifsd_conn *conn, void *buf, size_t len,
			 size_t charge, struct cifsd_pages *data);

/* A worker is done with one message of @conn (before its conn put). */
void cifsd_conn_work_done(struct cifsd_conn *conn);

/* Wake the connection thread to look at its deadlines again. */
void cifsd_conn_kick(struct cifsd_conn *conn);

/* Bytes held by the connection (conn->mem and the server's total). */
void cifsd_conn_charge(struct cifsd_conn *conn, long bytes);
void cifsd_conn_uncharge(struct cifsd_conn *conn, long bytes);

/*
 * Memory an open keeps between requests (directory listing state):
 * false, and nothing counted, when it would take the connection over
 * max connection memory or the server over its memory limit.
 */
bool cifsd_conn_state_charge(struct cifsd_conn *conn, long bytes);
void cifsd_conn_state_uncharge(struct cifsd_conn *conn, long bytes);

static inline bool cifsd_conn_is_smb3(const struct cifsd_conn *conn)
{
	return conn->dialect >= SMB30_PROT_ID;
}

/* conn_io.c: the connection thread. */
int cifsd_conn_thread(void *arg);
void cifsd_conn_install_callbacks(struct cifsd_conn *conn);
void cifsd_conn_restore_callbacks(struct cifsd_conn *conn);
void cifsd_conn_tx_purge(struct cifsd_conn *conn);

#endif /* CIFSD_CONN_H */
