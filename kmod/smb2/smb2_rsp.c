// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The response writer (work.h): the only way handlers write a reply
 * body, always within the budget the dispatcher gave their member.
 */

#include <linux/bug.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <linux/fs.h>

#include "work.h"
#include "conn.h"
#include "session.h"
#include "pages.h"

/*
 * Smallest READ that goes to attached pages: below it a copy into the
 * reply buffer costs less than allocating and sending pages.
 */
#define RSP_DATA_PAGES_MIN	(8 * 1024)

static u8 *rsp_body(struct cifsd_work *w)
{
	return w->rsp + w->rsp_pdu_off + SMB2_HDR_SIZE;
}

/* Body bytes the reply buffer holds now for the current member. */
static size_t rsp_have(struct cifsd_work *w)
{
	size_t at = w->rsp_pdu_off + SMB2_HDR_SIZE;

	return w->rsp_cap > at ? w->rsp_cap - at : 0;
}

static void rsp_drop_data(struct cifsd_work *w)
{
	cifsd_pages_free(w->conn, w->rsp_data);
	w->rsp_data = NULL;
}

/* Reserve and zero @need bytes; NULL after an error reply. */
static void *rsp_reserve(struct cifsd_work *w, size_t fixed, size_t need)
{
	u8 *body;

	rsp_drop_data(w);
	if (need > w->rsp_budget ||
	    (w->rsp_lazy && !cifsd_work_grow_rsp(w))) {
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return NULL;
	}
	body = rsp_body(w);
	memset(body, 0, need);
	w->rsp_fixed = fixed;
	w->rsp_body_len = need;
	return body;
}

void *smb2_rsp_fixed(struct cifsd_work *w, size_t size)
{
	return rsp_reserve(w, size, size);
}

void *smb2_rsp_begin(struct cifsd_work *w, size_t fixed)
{
	/* StructureSize counts one byte of the variable buffer */
	return rsp_reserve(w, fixed, fixed + 1);
}

void *smb2_rsp_body(struct cifsd_work *w)
{
	WARN_ON_ONCE(!w->rsp_body_len);
	return rsp_body(w);
}

size_t smb2_rsp_room(struct cifsd_work *w)
{
	if (WARN_ON_ONCE(w->rsp_fixed > w->rsp_budget))
		return 0;
	/* the variable part goes to the pages, through the iterator */
	if (w->rsp_data || WARN_ON_ONCE(w->rsp_lazy))
		return 0;
	return w->rsp_budget - w->rsp_fixed;
}

u8 *smb2_rsp_buf(struct cifsd_work *w)
{
	return rsp_body(w) + w->rsp_fixed;
}

/* The variable part of a data reply, where smb2_rsp_begin_data put it. */
static bool rsp_use_pages(struct cifsd_work *w, size_t fixed, size_t len)
{
	/* one member, nothing to encrypt, not a parked request's reply */
	if (w->pdu_off || w->pdu_len != w->req_len || w->async ||
	    w->enc_sess || w->tf_sess || len < RSP_DATA_PAGES_MIN)
		return false;
	/* the fixed part (and the byte StructureSize counts) fit as is */
	return fixed + 1 <= rsp_have(w);
}

void *smb2_rsp_begin_data(struct cifsd_work *w, size_t fixed, size_t len,
			  struct iov_iter *iter)
{
	u8 *body;

	rsp_drop_data(w);
	if (fixed + 1 > w->rsp_budget || len > w->rsp_budget - fixed) {
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return NULL;
	}
	if (rsp_use_pages(w, fixed, len)) {
		w->rsp_data = cifsd_pages_alloc(w->conn, len);
		if (w->rsp_data) {
			body = rsp_body(w);
			memset(body, 0, fixed + 1);
			w->rsp_fixed = fixed;
			w->rsp_body_len = fixed + 1;
			cifsd_pages_iter(w->rsp_data, iter, len);
			return body;
		}
	}
	body = smb2_rsp_begin(w, fixed);
	if (!body)
		return NULL;
	w->rsp_kvec.iov_base = smb2_rsp_buf(w);
	w->rsp_kvec.iov_len = len;
	iov_iter_kvec(iter, ITER_DEST, &w->rsp_kvec, 1, len);
	return body;
}

/* Will the reply be signed (smb2_should_sign)?  Errs on the yes side. */
static bool rsp_may_sign(struct cifsd_work *w)
{
	return w->sess && (w->sess->signing_required ||
			   (smb2_req_hdr(w)->Flags & SMB2_FLAGS_SIGNED));
}

void *smb2_rsp_begin_file(struct cifsd_work *w, size_t fixed,
			  struct file *filp, loff_t *pos, size_t len,
			  ssize_t *got)
{
	struct iov_iter it;
	size_t done = 0;
	ssize_t n = 0;
	u8 *body;
	int err;

	rsp_drop_data(w);
	if (fixed + 1 > w->rsp_budget || len > w->rsp_budget - fixed) {
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return NULL;
	}
	/*
	 * The page cache pages themselves, when nothing signs or encrypts
	 * them: what TCP sends is what they hold then.
	 */
	if (rsp_use_pages(w, fixed, len) && !rsp_may_sign(w)) {
		w->rsp_data = cifsd_pages_splice(w->conn, filp, pos, len, &err);
		if (w->rsp_data || err != -EOPNOTSUPP) {
			body = rsp_body(w);
			memset(body, 0, fixed + 1);
			w->rsp_fixed = fixed;
			w->rsp_body_len = fixed + 1;
			*got = w->rsp_data ? (ssize_t)w->rsp_data->len : err;
			return body;
		}
	}
	body = smb2_rsp_begin_data(w, fixed, len, &it);
	if (!body)
		return NULL;
	while (done < len) {
		n = vfs_iter_read(filp, &it, pos, 0);
		if (n <= 0)
			break;
		done += n;
	}
	*got = n < 0 && !done ? n : (ssize_t)done;
	return body;
}

bool smb2_rsp_flatten(struct cifsd_work *w)
{
	struct cifsd_pages *p = w->rsp_data;
	size_t at = w->rsp_pdu_off + SMB2_HDR_SIZE + w->rsp_body_len;

	if (!p)
		return true;
	if (w->rsp_lazy && !cifsd_work_grow_rsp(w))
		return false;
	/* the budget covers the data, so the full buffer does */
	if (WARN_ON_ONCE(at + p->len > w->rsp_cap))
		return false;
	cifsd_pages_copy_out(p, w->rsp + at);
	w->rsp_body_len += p->len;
	if (w->rsp_len >= at)
		w->rsp_len += p->len;
	rsp_drop_data(w);
	return true;
}

void smb2_rsp_end(struct cifsd_work *w, size_t var_len)
{
	struct cifsd_pages *p = w->rsp_data;

	if (p) {
		if (WARN_ON_ONCE(var_len > p->cap)) {
			smb2_set_error(w, STATUS_INTERNAL_ERROR);
			return;
		}
		cifsd_pages_trim(w->conn, p, var_len);
		w->rsp_body_len = w->rsp_fixed + (var_len ? 0 : 1);
		if (!var_len) {
			rsp_drop_data(w);
			rsp_body(w)[w->rsp_fixed] = 0;
		}
		return;
	}
	/* a handler that wrote more than its room is a server bug */
	if (WARN_ON_ONCE(var_len > smb2_rsp_room(w))) {
		smb2_set_error(w, STATUS_INTERNAL_ERROR);
		return;
	}
	w->rsp_body_len = w->rsp_fixed + max_t(size_t, var_len, 1);
	if (!var_len)
		rsp_body(w)[w->rsp_fixed] = 0;
}

void smb2_set_error_data(struct cifsd_work *w, __le32 status,
			 const void *data, size_t len)
{
	size_t fixed = offsetof(struct smb2_err_rsp, ErrorData);
	struct smb2_err_rsp *e;

	rsp_drop_data(w);
	/* the dispatcher guarantees SMB2_RSP_MIN_BUDGET to every member */
	if (fixed + max_t(size_t, len, 1) > w->rsp_budget)
		len = 0;
	/* a lazy buffer always holds the minimum budget */
	if (fixed + max_t(size_t, len, 1) > rsp_have(w) &&
	    !cifsd_work_grow_rsp(w))
		len = 0;
	e = (struct smb2_err_rsp *)rsp_body(w);
	smb2_rsp_hdr(w)->Status = status;
	memset(e, 0, fixed + 1);
	e->StructureSize = cpu_to_le16(9);
	e->ByteCount = cpu_to_le32(len);
	if (len)
		memcpy(e->ErrorData, data, len);
	w->rsp_fixed = fixed;
	w->rsp_body_len = fixed + max_t(size_t, len, 1);
}

size_t smb2_rsp_error_room(struct cifsd_work *w)
{
	size_t fixed = offsetof(struct smb2_err_rsp, ErrorData);

	return w->rsp_budget > fixed ? w->rsp_budget - fixed : 0;
}

void smb2_set_error(struct cifsd_work *w, __le32 status)
{
	smb2_set_error_data(w, status, NULL, 0);
}
