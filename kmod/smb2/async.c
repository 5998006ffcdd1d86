// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Asynchronous requests: parking, completion, cancel (async.h).
 *
 * The final reply must not overtake the interim one: a request completed
 * while the worker that parked it has not sent its interim reply yet is
 * only marked; the worker queues the final reply once the interim one is
 * on its way (ASYNC_INTERIM / ASYNC_FINISH / ASYNC_QUEUED bits).
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>

#include "async.h"
#include "conn.h"
#include "server.h"
#include "session.h"
#include "stats.h"
#include "tree.h"
#include "work.h"

/* cifsd_async.flags */
enum {
	ASYNC_INTERIM,		/* the interim reply was handed to the conn */
	ASYNC_FINISH,		/* the request finished: send the final reply */
	ASYNC_QUEUED,		/* the final reply's work was queued */
};

static void async_free(struct cifsd_async *a)
{
	if (a->ops && a->ops->release)
		a->ops->release(a);
	if (a->tree)
		cifsd_tree_put(a->tree);
	if (a->sess)
		cifsd_session_put(a->sess);
	kvfree(a->pdu);
	cifsd_conn_put(a->conn);
	kfree(a);
}

void cifsd_async_get(struct cifsd_async *a)
{
	refcount_inc(&a->refs);
}

void cifsd_async_put(struct cifsd_async *a)
{
	if (refcount_dec_and_test(&a->refs))
		async_free(a);
}

void cifsd_async_table_init(struct cifsd_conn *conn)
{
	xa_init_flags(&conn->async, XA_FLAGS_ALLOC1);
	conn->async_next = 1;
}

u32 cifsd_async_count(struct cifsd_conn *conn)
{
	return READ_ONCE(conn->nr_async);
}

/* The work that builds and sends the final reply (in a worker). */
static void async_final_fn(struct work_struct *ws)
{
	struct cifsd_async *a = container_of(ws, struct cifsd_async, work);

	/* takes over the reference of the connection's table */
	cifsd_work_run_async(a);
}

bool cifsd_is_async_work(work_func_t fn)
{
	return fn == async_final_fn;
}

static void async_queue_final(struct cifsd_async *a)
{
	if (test_and_set_bit(ASYNC_QUEUED, &a->flags))
		return;
	/* the connection waits for this reply before it tears down */
	atomic_inc(&a->conn->in_flight);
	atomic_inc(&cifsd_srv.in_flight);
	queue_work(cifsd_srv.wq, &a->work);
}

/* Both the interim reply and the end of the request are there: go. */
static void async_maybe_queue(struct cifsd_async *a)
{
	/* order our set_bit before reading the other party's bit */
	smp_mb__after_atomic();
	if (test_bit(ASYNC_INTERIM, &a->flags) &&
	    test_bit(ASYNC_FINISH, &a->flags))
		async_queue_final(a);
}

/*
 * PENDING -> FINISHING for the caller, who then owns the table's
 * reference (passed on to the final reply).  False: someone else won.
 */
static bool async_take(struct cifsd_async *a, __le32 status)
{
	struct cifsd_conn *conn = a->conn;

	if (cmpxchg(&a->state, CIFSD_ASYNC_PENDING, CIFSD_ASYNC_FINISHING) !=
	    CIFSD_ASYNC_PENDING)
		return false;
	a->status = status;
	xa_lock(&conn->async);
	if (__xa_erase(&conn->async, (unsigned long)a->async_id) == a)
		conn->nr_async--;
	xa_unlock(&conn->async);
	return true;
}

static void async_finish(struct cifsd_async *a)
{
	set_bit(ASYNC_FINISH, &a->flags);
	async_maybe_queue(a);
}

bool cifsd_async_complete(struct cifsd_async *a, __le32 status)
{
	if (!async_take(a, status))
		return false;
	async_finish(a);
	return true;
}

static void async_cancel_one(struct cifsd_async *a, __le32 status)
{
	if (status == STATUS_SUCCESS)
		status = a->ops && a->ops->gone_status ? a->ops->gone_status :
							  STATUS_CANCELLED;
	if (!async_take(a, status))
		return;
	if (a->ops->cancel)
		a->ops->cancel(a);
	async_finish(a);
}

/*
 * The final reply of a parked request found it must wait again (a CREATE
 * whose rerun meets a new break): back into the table under the same
 * AsyncId, nothing is sent now.  The client already has the interim
 * reply, so the next completion sends the final one at once.
 */
static struct cifsd_async *async_repark(struct cifsd_work *w,
					const struct cifsd_async_ops *ops,
					void *priv, void *owner)
{
	struct cifsd_async *a = w->async;
	struct cifsd_conn *conn = a->conn;
	u8 *pdu;
	int err;

	pdu = kvmemdup(w->req, w->req_len, GFP_KERNEL);
	if (!pdu) {
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return NULL;
	}
	/* the previous wait is over: its state goes */
	if (a->ops && a->ops->release)
		a->ops->release(a);
	a->ops = NULL;
	a->priv = NULL;
	kvfree(a->pdu);
	a->pdu = pdu;
	a->pdu_len = w->req_len;
	a->status = STATUS_SUCCESS;
	clear_bit(ASYNC_FINISH, &a->flags);
	clear_bit(ASYNC_QUEUED, &a->flags);
	a->ops = ops;
	a->priv = priv;
	a->owner = owner;

	xa_lock(&conn->async);
	a->state = CIFSD_ASYNC_PENDING;
	err = conn->async_dead ? -ESHUTDOWN :
	      __xa_insert(&conn->async, a->async_id, a, GFP_KERNEL);
	if (!err && conn->async_dead) {
		__xa_erase(&conn->async, a->async_id);
		err = -ESHUTDOWN;
	}
	if (!err)
		conn->nr_async++;
	else
		a->state = CIFSD_ASYNC_FINISHING;
	xa_unlock(&conn->async);
	if (err) {
		/* never visible: @priv stays the caller's */
		a->ops = NULL;
		a->priv = NULL;
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return NULL;
	}
	/* the work's reference goes back to the table; one for the caller */
	w->async = NULL;
	cifsd_async_get(a);
	w->no_response = true;
	return a;
}

/*
 * Under the async lock: was @mid cancelled before it went asynchronous?
 * The entry is used up.
 */
static bool mid_was_cancelled(struct cifsd_conn *conn, u64 mid)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(conn->cancelled_mids); i++) {
		if (conn->cancelled_mids[i] == mid + 1) {
			conn->cancelled_mids[i] = 0;
			return true;
		}
	}
	return false;
}

struct cifsd_async *smb2_go_async(struct cifsd_work *w,
				  const struct cifsd_async_ops *ops,
				  void *priv, void *owner)
{
	struct cifsd_conn *conn = w->conn;
	u32 max = cifsd_limit(max_async);
	struct smb2_hdr *rsp;
	struct cifsd_async *a;
	bool cancelled = false;
	u32 id;
	int err;

	if (w->async)
		return async_repark(w, ops, priv, owner);

	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		goto nomem;
	a->pdu = kvmemdup(smb2_req_hdr(w), w->pdu_len, GFP_KERNEL);
	if (!a->pdu) {
		kfree(a);
		goto nomem;
	}
	/* the connection's table, the caller, and this worker */
	refcount_set(&a->refs, 3);
	a->pdu_len = w->pdu_len;
	a->conn = cifsd_conn_get(conn);
	a->sess = cifsd_session_get(w->sess);
	a->tree = w->tree ? cifsd_tree_get(w->tree) : NULL;
	a->message_id = le64_to_cpu(smb2_req_hdr(w)->MessageId);
	a->state = CIFSD_ASYNC_PENDING;
	a->ops = ops;
	a->priv = priv;
	a->owner = owner;
	INIT_WORK(&a->work, async_final_fn);

	xa_lock(&conn->async);
	if (conn->async_dead)
		err = -ESHUTDOWN;
	else if (max && conn->nr_async >= max)
		err = -EUSERS;
	else
		err = __xa_alloc_cyclic(&conn->async, &id, a,
					XA_LIMIT(1, U32_MAX), &conn->async_next,
					GFP_KERNEL);
	/* __xa_alloc_cyclic may drop the lock to allocate: look again */
	if (err >= 0 && conn->async_dead) {
		__xa_erase(&conn->async, id);
		err = -ESHUTDOWN;
	}
	if (err >= 0) {
		a->async_id = id;
		conn->nr_async++;
		err = 0;
		cancelled = mid_was_cancelled(conn, a->message_id);
	}
	xa_unlock(&conn->async);
	if (err) {
		a->ops = NULL;	/* @priv stays the caller's */
		refcount_set(&a->refs, 1);
		cifsd_async_put(a);
		if (err == -EUSERS)
			cifsd_stat_inc(CIFSD_STAT_LIMIT_ERRORS);
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return NULL;
	}

	/* 3.3.4.2: the interim reply, same header with ASYNC and AsyncId */
	smb2_set_error(w, STATUS_PENDING);
	rsp = smb2_rsp_hdr(w);
	rsp->Flags |= SMB2_FLAGS_ASYNC_COMMAND;
	rsp->id.AsyncId = cpu_to_le64(a->async_id);
	list_add_tail(&a->wnode, &w->parked);
	/* its CANCEL overtook it: cancelled before it waits at all */
	if (cancelled)
		async_cancel_one(a, STATUS_CANCELLED);
	return a;
nomem:
	smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
	return NULL;
}

void cifsd_work_interims_sent(struct cifsd_work *w)
{
	struct cifsd_async *a, *tmp;

	list_for_each_entry_safe(a, tmp, &w->parked, wnode) {
		list_del(&a->wnode);
		set_bit(ASYNC_INTERIM, &a->flags);
		async_maybe_queue(a);
		cifsd_async_put(a);	/* this worker's */
	}
}

/* The next pending request of @conn at index >= *idx matching, referenced. */
static struct cifsd_async *async_next(struct cifsd_conn *conn,
				      unsigned long *idx,
				      struct cifsd_session *sess,
				      struct cifsd_tree *tree, void *owner)
{
	struct cifsd_async *a;

	xa_lock(&conn->async);
	xa_for_each_start(&conn->async, *idx, a, *idx) {
		if ((!sess || a->sess == sess) && (!tree || a->tree == tree) &&
		    (!owner || a->owner == owner)) {
			cifsd_async_get(a);
			xa_unlock(&conn->async);
			return a;
		}
	}
	xa_unlock(&conn->async);
	return NULL;
}

void cifsd_async_cancel_matching(struct cifsd_conn *conn,
				 struct cifsd_session *sess,
				 struct cifsd_tree *tree, void *owner,
				 __le32 status)
{
	struct cifsd_async *a;
	unsigned long idx = 0;

	while ((a = async_next(conn, &idx, sess, tree, owner))) {
		async_cancel_one(a, status);
		cifsd_async_put(a);
		idx++;
	}
}

void cifsd_async_cancel(struct cifsd_conn *conn, u64 id, bool is_async,
			u64 session_id)
{
	struct cifsd_async *a = NULL, *it;
	unsigned long idx;

	xa_lock(&conn->async);
	if (is_async) {
		if (id && id <= U32_MAX)
			a = xa_load(&conn->async, (unsigned long)id);
	} else {
		xa_for_each(&conn->async, idx, it) {
			if (it->message_id == id) {
				a = it;
				break;
			}
		}
	}
	/* 3.3.5.16: only the session that sent the request cancels it */
	if (a && a->sess->id != session_id)
		a = NULL;
	if (a) {
		cifsd_async_get(a);
	} else if (!is_async) {
		/* remembered (mid + 1: 0 is free) for when it goes async */
		conn->cancelled_mids[conn->cancelled_next++ %
				     ARRAY_SIZE(conn->cancelled_mids)] = id + 1;
	}
	xa_unlock(&conn->async);
	if (!a)
		return;
	async_cancel_one(a, STATUS_CANCELLED);
	cifsd_async_put(a);
}

void cifsd_async_table_kill(struct cifsd_conn *conn)
{
	xa_lock(&conn->async);
	conn->async_dead = true;
	xa_unlock(&conn->async);
	cifsd_async_cancel_matching(conn, NULL, NULL, NULL, STATUS_CANCELLED);
}
