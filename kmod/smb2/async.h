/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Asynchronous requests (MS-SMB2 3.3.4.2, 3.3.5.16).
 *
 * A request that has to wait (a pipe READ with no data yet, a blocking
 * byte-range lock, a CHANGE_NOTIFY, a CREATE waiting for an oplock or
 * lease break) does not hold its worker: its handler calls
 * smb2_go_async(), the member is answered at once with an interim
 * STATUS_PENDING reply carrying a fresh AsyncId, and the request is
 * parked in a struct cifsd_async.  Whatever it waits for calls
 * cifsd_async_complete() later, from any context; the final reply is then
 * built in a worker by ops->complete(), through the response writer, as
 * if the request had just arrived (with the ASYNC header and no credits).
 *
 * Ownership and lifetime.  The connection's async table (conn->async)
 * holds one reference from smb2_go_async() until the request is
 * finished; the handler gets a second one to register the request with
 * what it waits on (a pipe, a lock list, a watch), which that owner drops
 * when it lets go.  Exactly one party moves the request from PENDING to
 * FINISHING (cmpxchg): completion, CANCEL, or a teardown.  Only that
 * party removes it from conn->async and queues the final reply.
 *
 * The request holds references on its connection, session and tree.
 * Teardown of any of them cancels its pending requests first
 * (cifsd_async_cancel_matching), and the connection waits for the final
 * replies to be built (they count in conn->in_flight) before it tears
 * its sessions down.  No async request is added once the connection is
 * EXITING or its table is dead.
 */
#ifndef CIFSD_ASYNC_H
#define CIFSD_ASYNC_H

#include <linux/refcount.h>
#include <linux/workqueue.h>
#include "wire/ntstatus.h"

struct cifsd_work;
struct cifsd_conn;
struct cifsd_session;
struct cifsd_tree;
struct cifsd_async;

struct cifsd_async_ops {
	/*
	 * Build the final reply for w->async (in a worker, with w->sess,
	 * w->tree and the session's credentials set, the request PDU at
	 * w->req).  Called only when the request completed with
	 * STATUS_SUCCESS; otherwise the reply is an ERROR with the status.
	 */
	int (*complete)(struct cifsd_work *w);
	/*
	 * Detach the request from whatever it waits on, after it was
	 * cancelled (it will not be completed through that any more).
	 * Called once, in process context, by the party that cancelled.
	 */
	void (*cancel)(struct cifsd_async *a);
	/* Free a->priv; called with the last reference. */
	void (*release)(struct cifsd_async *a);
	/*
	 * The status of the final reply when the open, tree or session the
	 * request belongs to goes away; STATUS_CANCELLED when 0.
	 */
	__le32 gone_status;
};

enum cifsd_async_state {
	CIFSD_ASYNC_PENDING,
	CIFSD_ASYNC_FINISHING,
};

struct cifsd_async {
	refcount_t refs;
	struct cifsd_conn *conn;	/* counted */
	struct cifsd_session *sess;	/* counted */
	struct cifsd_tree *tree;	/* counted, may be NULL */
	u64 async_id;
	u64 message_id;
	int state;			/* enum cifsd_async_state, cmpxchg */
	unsigned long flags;		/* async.c */
	struct list_head wnode;		/* the parking work's w->parked */
	__le32 status;			/* the final status */
	const struct cifsd_async_ops *ops;
	void *priv;			/* command-specific, ops->release */
	void *owner;			/* for cancel_matching (an open) */
	u8 *pdu;			/* copy of the request member */
	size_t pdu_len;
	struct work_struct work;	/* builds the final reply */
};

/*
 * From a handler: answer the current member with STATUS_PENDING and park
 * it.  Returns the request with a reference for the caller, or NULL after
 * setting an error reply (STATUS_INSUFFICIENT_RESOURCES over the limit of
 * pending requests, or when out of memory).  @owner is what
 * cifsd_async_cancel_matching() compares (e.g. the open it waits on).
 */
struct cifsd_async *smb2_go_async(struct cifsd_work *w,
				  const struct cifsd_async_ops *ops,
				  void *priv, void *owner);

/*
 * The request is done: send its final reply with @status (built by
 * ops->complete when @status is STATUS_SUCCESS).  False when someone else
 * finished it first.  Any context but hard IRQ.
 */
bool cifsd_async_complete(struct cifsd_async *a, __le32 status);

void cifsd_async_get(struct cifsd_async *a);
void cifsd_async_put(struct cifsd_async *a);

/* CANCEL: by AsyncId when @is_async, else by MessageId. */
void cifsd_async_cancel(struct cifsd_conn *conn, u64 id, bool is_async,
			u64 session_id);

/*
 * Cancel every pending request of @conn that matches: a NULL argument
 * matches anything.  The final replies carry @status, or for
 * STATUS_SUCCESS what each command says when its open, tree or session
 * goes away (ops->gone_status).
 */
void cifsd_async_cancel_matching(struct cifsd_conn *conn,
				 struct cifsd_session *sess,
				 struct cifsd_tree *tree, void *owner,
				 __le32 status);

/* Pending requests of a connection now. */
u32 cifsd_async_count(struct cifsd_conn *conn);

/* Per-connection table (conn.c). */
void cifsd_async_table_init(struct cifsd_conn *conn);
/* Connection teardown: refuse new ones, cancel all. */
void cifsd_async_table_kill(struct cifsd_conn *conn);

/* Build the final reply of @a (smb2_dispatch.c). */
void smb2_process_async(struct cifsd_work *w);

/* Is @fn the function of final-reply works (klease.h)? */
bool cifsd_is_async_work(work_func_t fn);

#endif /* CIFSD_ASYNC_H */
