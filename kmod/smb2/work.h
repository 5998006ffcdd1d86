/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One received SMB message and the response being built for it.
 *
 * Lifetime: allocated by the connection thread, owned by exactly one
 * worker while it runs, freed by cifsd_work_free() once its reply has been
 * handed to the connection (cifsd_conn_send_buf takes the reply buffer).
 * It holds a reference on its connection, and on the session and tree of
 * the PDU being processed (dropped between compound members unless the
 * next member is related).  The request bytes and the reply buffer are
 * counted in conn->mem while the work holds them.
 *
 * Request layout: req[0..req_len) is the SMB message without the 4-byte
 * RFC1002 header.  The current PDU of a compound is
 * req[pdu_off .. pdu_off + pdu_len).  Before a handler runs the dispatcher
 * has checked the SMB2 header, the body's StructureSize and that every
 * offset/length pair in the fixed body lies inside the PDU
 * (wire/smb2_validate.c), so handlers may use them; semantic checks remain
 * the handler's job.
 *
 * Response layout: rsp[0..4) is the RFC1002 header; each response PDU is
 * appended 8-byte aligned.  Every member gets its own budget of body bytes
 * (rsp_budget), decided before any member runs; the buffer holds every
 * member's budget, so a member that stays within its own can never write
 * past the buffer or into a later member.  Handlers write their body only
 * through the response writer below, which enforces the budget: no
 * handler computes room itself.
 *
 * A message of one READ (the common case) does not get its whole budget
 * allocated up front: rsp holds the header and a small body (rsp_lazy,
 * rsp_full is what the budget needs), the file data goes into pages
 * attached to the reply (rsp_data, transport/pages.h) and is sent after
 * rsp without a copy.  The writer grows rsp to rsp_full before it hands
 * out any pointer into the body beyond the small part, so a handler never
 * sees the difference.
 */
#ifndef CIFSD_WORK_H
#define CIFSD_WORK_H

#include <linux/workqueue.h>
#include <linux/uio.h>
#include "wire/smb2pdu.h"
#include "wire/ntstatus.h"

struct cifsd_conn;
struct cifsd_session;
struct cifsd_tree;
struct cifsd_async;

/* Smallest member budget: any fixed reply and an ERROR reply fit. */
#define SMB2_RSP_MIN_BUDGET	128

struct cifsd_work {
	struct cifsd_conn *conn;
	struct work_struct entry;

	u8 *req;
	size_t req_len;
	size_t req_size;	/* req came from cifsd_rxbuf_get (rxpool.h) */
	size_t pdu_off;
	size_t pdu_len;

	u8 *rsp;
	size_t rsp_cap;
	size_t rsp_len;		/* includes the 4-byte RFC1002 header */
	size_t rsp_pdu_off;	/* current response header */
	/* the response writer's state for the current member */
	size_t rsp_budget;	/* body bytes this member may write */
	u32 rsp_max_io;		/* largest READ/transact, fixed in pass 1 */
	size_t rsp_fixed;	/* fixed part declared by the handler */
	size_t rsp_body_len;	/* body length, set by the writer */
	bool rsp_lazy;		/* rsp is small until the writer grows it */
	size_t rsp_full;	/* the cap the budgets need (rsp_lazy) */
	/* file data sent after rsp, counted in its length (pages.h) */
	struct cifsd_pages *rsp_data;
	struct kvec rsp_kvec;	/* smb2_rsp_begin_data() into rsp */

	struct cifsd_session *sess;
	struct cifsd_tree *tree;
	/* the message came encrypted with this session's key (counted) */
	struct cifsd_session *tf_sess;
	/* the reply goes encrypted with this session's key (smb2_crypt.h) */
	struct cifsd_session *enc_sess;
	/* SESSION_SETUP on a session that has keys: its replies are signed */
	bool setup_reauth;

	/* state inherited by related compound members (3.3.5.2.7.2) */
	u64 compound_pfid;
	u64 compound_vfid;
	__le32 compound_status;
	bool compound_fid_valid;
	/* the first member was marked related: it and those related fail */
	bool compound_invalid;

	/* the final reply of a parked request (async.h), counted */
	struct cifsd_async *async;
	/* requests this message parked; their interims go with its reply */
	struct list_head parked;

	/* set by a handler that must not get a response (CANCEL) */
	bool no_response;
	/* set by a handler when the connection must be dropped */
	bool disconnect;
};

struct cifsd_work *cifsd_work_alloc(struct cifsd_conn *conn, u8 *buf,
				    size_t len);

/* Process a whole message (smb2_dispatch.c). */
void cifsd_process_message(struct cifsd_work *w);

/* Build and send the final reply of a parked request (async.c). */
void cifsd_work_run_async(struct cifsd_async *a);
/* The reply carrying this work's interims was handed to the connection. */
void cifsd_work_interims_sent(struct cifsd_work *w);

/* Allocate the reply buffer (counted in conn->mem); false on failure. */
bool cifsd_work_alloc_rsp(struct cifsd_work *w, size_t cap);
/*
 * The same for a one-member message whose budget is @cap: only @small
 * bytes now, the rest when the writer needs them (rsp_lazy).
 */
bool cifsd_work_alloc_rsp_lazy(struct cifsd_work *w, size_t small,
			       size_t cap);
/* The capacity the budgets were given (rsp_full while rsp_lazy). */
static inline size_t cifsd_work_rsp_cap(const struct cifsd_work *w)
{
	return w->rsp_lazy ? w->rsp_full : w->rsp_cap;
}
/* Give rsp its full capacity; false (nothing changed) without memory. */
bool cifsd_work_grow_rsp(struct cifsd_work *w);

static inline struct smb2_hdr *smb2_req_hdr(struct cifsd_work *w)
{
	return (struct smb2_hdr *)(w->req + w->pdu_off);
}

static inline void *smb2_req_body(struct cifsd_work *w)
{
	return w->req + w->pdu_off + SMB2_HDR_SIZE;
}

static inline size_t smb2_req_body_len(struct cifsd_work *w)
{
	return w->pdu_len - SMB2_HDR_SIZE;
}

static inline struct smb2_hdr *smb2_rsp_hdr(struct cifsd_work *w)
{
	return (struct smb2_hdr *)(w->rsp + w->rsp_pdu_off);
}

/*
 * The response writer.
 *
 *   rsp = smb2_rsp_fixed(w, sizeof(*rsp));
 *	A reply that is exactly its fixed structure (CLOSE, ECHO, ...).
 *   rsp = smb2_rsp_begin(w, sizeof(*rsp));
 *	A reply with a variable buffer after the fixed part.  Its
 *	StructureSize counts one byte of the buffer, so at least that byte
 *	is sent (zero) even when the buffer is empty.
 *   room = smb2_rsp_room(w);	variable bytes the member may still write
 *   buf = smb2_rsp_buf(w);	where the variable part starts
 *   smb2_rsp_end(w, var_len);	the reply is done; var_len <= room
 *
 *   rsp = smb2_rsp_begin_data(w, sizeof(*rsp), len, &iter);
 *	A reply whose variable part is up to @len bytes the handler
 *	writes through @iter (e.g. vfs_iter_read), then smb2_rsp_end(w, n)
 *	with the n bytes it wrote.  The writer checks @len against the
 *	member's room (STATUS_INSUFFICIENT_RESOURCES, NULL, when it does
 *	not fit) and decides where the bytes go: pages attached to the
 *	reply and sent without a copy (a lone member that is neither
 *	encrypted nor asynchronous), or the reply buffer.
 *   rsp = smb2_rsp_begin_file(w, sizeof(*rsp), filp, &pos, len, &got);
 *	The same, the writer reading up to @len bytes of @filp at @pos
 *	itself; *got is the bytes read or the error of a read that got
 *	none.  A reply that is not signed may send the page cache pages
 *	themselves (splice), without any copy.
 *
 * smb2_rsp_fixed() and smb2_rsp_begin() return the zeroed fixed part, or
 * NULL after answering STATUS_INSUFFICIENT_RESOURCES when the member's
 * budget cannot hold it (the handler then returns 0).  A handler may call
 * smb2_set_error() at any point instead; that replaces whatever it wrote.
 */
void *smb2_rsp_fixed(struct cifsd_work *w, size_t size);
void *smb2_rsp_begin(struct cifsd_work *w, size_t fixed);
size_t smb2_rsp_room(struct cifsd_work *w);
u8 *smb2_rsp_buf(struct cifsd_work *w);
void smb2_rsp_end(struct cifsd_work *w, size_t var_len);
struct iov_iter;
void *smb2_rsp_begin_data(struct cifsd_work *w, size_t fixed, size_t len,
			  struct iov_iter *iter);
struct file;
void *smb2_rsp_begin_file(struct cifsd_work *w, size_t fixed,
			  struct file *filp, loff_t *pos, size_t len,
			  ssize_t *got);
/*
 * Before the reply is encrypted: move attached data into the reply
 * buffer.  False (the connection must go) without memory.
 */
bool smb2_rsp_flatten(struct cifsd_work *w);
/* The fixed part reserved by smb2_rsp_fixed() or smb2_rsp_begin(). */
void *smb2_rsp_body(struct cifsd_work *w);

/* Build an ERROR response (2.2.2) with @status for the current PDU. */
void smb2_set_error(struct cifsd_work *w, __le32 status);
/* An ERROR response carrying @len bytes of ErrorData (e.g. a size). */
void smb2_set_error_data(struct cifsd_work *w, __le32 status,
			 const void *data, size_t len);
/* The most ErrorData bytes an ERROR response of this member can carry. */
size_t smb2_rsp_error_room(struct cifsd_work *w);

/*
 * Resolve a FileId from a request body: for a related compound member the
 * all-ones FileId means "the one the previous member used or created".
 * Returns false (and sets STATUS_INVALID_PARAMETER / FILE_CLOSED) when the
 * related FileId is not available.
 */
bool smb2_resolve_fid(struct cifsd_work *w, u64 *pfid, u64 *vfid);

/* Remember the FileId a member used, for later related members. */
static inline void smb2_set_compound_fid(struct cifsd_work *w, u64 pfid,
					 u64 vfid)
{
	w->compound_pfid = pfid;
	w->compound_vfid = vfid;
	w->compound_fid_valid = true;
}

/* Is @fn the function of request works (klease.h: who is the server)? */
bool cifsd_is_request_work(work_func_t fn);

#endif /* CIFSD_WORK_H */
