// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Request works: one per received message, run on the server workqueue.
 */

#include <linux/slab.h>
#include <linux/mm.h>

#include "work.h"
#include "conn.h"
#include "session.h"
#include "tree.h"
#include "async.h"
#include "smb2_crypt.h"
#include "wire/netbios.h"
#include "pages.h"
#include "rxpool.h"

static void cifsd_work_free(struct cifsd_work *w)
{
	struct cifsd_conn *conn = w->conn;

	if (w->tree)
		cifsd_tree_put(w->tree);
	if (w->sess)
		cifsd_session_put(w->sess);
	if (w->tf_sess)
		cifsd_session_put(w->tf_sess);
	if (w->enc_sess)
		cifsd_session_put(w->enc_sess);
	if (w->async)
		cifsd_async_put(w->async);
	if (w->rsp) {
		cifsd_conn_uncharge(conn, w->rsp_cap + CIFSD_RSP_HEADROOM);
		kvfree(w->rsp);
	}
	cifsd_pages_free(conn, w->rsp_data);
	cifsd_conn_uncharge(conn, w->req_len);
	cifsd_rxbuf_put(conn, w->req, w->req_size);
	kfree(w);
}

/* The buffer keeps CIFSD_RSP_HEADROOM bytes past rsp_cap for encryption. */
bool cifsd_work_alloc_rsp(struct cifsd_work *w, size_t cap)
{
	w->rsp = kvmalloc(cap + CIFSD_RSP_HEADROOM, GFP_KERNEL);
	if (!w->rsp)
		return false;
	w->rsp_cap = cap;
	cifsd_conn_charge(w->conn, cap + CIFSD_RSP_HEADROOM);
	return true;
}

bool cifsd_work_alloc_rsp_lazy(struct cifsd_work *w, size_t small,
			       size_t cap)
{
	if (small >= cap)
		return cifsd_work_alloc_rsp(w, cap);
	if (!cifsd_work_alloc_rsp(w, small))
		return false;
	w->rsp_lazy = true;
	w->rsp_full = cap;
	return true;
}

bool cifsd_work_grow_rsp(struct cifsd_work *w)
{
	u8 *p;

	if (!w->rsp_lazy)
		return true;
	p = kvmalloc(w->rsp_full + CIFSD_RSP_HEADROOM, GFP_KERNEL);
	if (!p)
		return false;
	memcpy(p, w->rsp, w->rsp_cap);
	cifsd_conn_uncharge(w->conn, w->rsp_cap + CIFSD_RSP_HEADROOM);
	kvfree(w->rsp);
	w->rsp = p;
	w->rsp_cap = w->rsp_full;
	cifsd_conn_charge(w->conn, w->rsp_cap + CIFSD_RSP_HEADROOM);
	w->rsp_lazy = false;
	return true;
}

static void cifsd_work_run(struct cifsd_work *w)
{
	struct cifsd_conn *conn = w->conn;
	size_t data_len;

	cifsd_process_message(w);
	/* encryption covers the data: it goes into the reply buffer first */
	if (w->rsp && w->rsp_len > NB_HDR_SIZE && !w->no_response &&
	    !w->disconnect && w->enc_sess &&
	    (!smb2_rsp_flatten(w) || smb2_encrypt_rsp(w)))
		w->disconnect = true;
	if (w->rsp && w->rsp_len > NB_HDR_SIZE && !w->no_response &&
	    !w->disconnect) {
		data_len = w->rsp_data ? w->rsp_data->len : 0;
		nb_put_hdr(w->rsp, w->rsp_len - NB_HDR_SIZE + data_len);
		/* the connection owns the reply buffer and data from here on */
		cifsd_conn_send_msg(conn, w->rsp, w->rsp_len,
				    w->rsp_cap + CIFSD_RSP_HEADROOM,
				    w->rsp_data);
		w->rsp = NULL;
		w->rsp_data = NULL;
	}
	/* final replies of requests parked by this message may go now */
	cifsd_work_interims_sent(w);
	if (w->disconnect)
		cifsd_conn_shutdown(conn);
	cifsd_work_free(w);
	/* Last: after this the connection may be torn down. */
	cifsd_conn_work_done(conn);
	cifsd_conn_put(conn);
}

static void cifsd_work_fn(struct work_struct *ws)
{
	cifsd_work_run(container_of(ws, struct cifsd_work, entry));
}

bool cifsd_is_request_work(work_func_t fn)
{
	return fn == cifsd_work_fn;
}

/*
 * The final reply of a parked request, in a worker.  Takes over the
 * reference the connection's async table held; conn->in_flight was
 * counted when this was queued.
 */
void cifsd_work_run_async(struct cifsd_async *a)
{
	struct cifsd_conn *conn = a->conn;
	struct cifsd_work *w;

	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w) {
		/* no reply can be built: the client times the request out */
		cifsd_async_put(a);
		cifsd_conn_work_done(conn);
		return;
	}
	w->conn = cifsd_conn_get(conn);
	w->req = a->pdu;
	w->req_len = a->pdu_len;
	a->pdu = NULL;		/* only the final reply uses it */
	cifsd_conn_charge(conn, w->req_len);
	w->async = a;
	w->compound_status = STATUS_SUCCESS;
	INIT_LIST_HEAD(&w->parked);
	cifsd_work_run(w);
}

/* @buf (@len bytes, already counted in conn->mem) is owned by the work. */
struct cifsd_work *cifsd_work_alloc(struct cifsd_conn *conn, u8 *buf,
				    size_t len)
{
	struct cifsd_work *w;

	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return NULL;
	w->conn = cifsd_conn_get(conn);
	w->req = buf;
	w->req_len = len;
	w->compound_status = STATUS_SUCCESS;
	INIT_LIST_HEAD(&w->parked);
	INIT_WORK(&w->entry, cifsd_work_fn);
	return w;
}
