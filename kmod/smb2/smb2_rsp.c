// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The response writer (work.h): the only way handlers write a reply
 * body, always within the budget the dispatcher gave their member.
 */

#include <linux/bug.h>
#include <linux/string.h>

#include "work.h"

static u8 *rsp_body(struct cifsd_work *w)
{
	return w->rsp + w->rsp_pdu_off + SMB2_HDR_SIZE;
}

/* Reserve and zero @need bytes; NULL after an error reply. */
static void *rsp_reserve(struct cifsd_work *w, size_t fixed, size_t need)
{
	u8 *body = rsp_body(w);

	if (need > w->rsp_budget) {
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return NULL;
	}
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
	return w->rsp_budget - w->rsp_fixed;
}

u8 *smb2_rsp_buf(struct cifsd_work *w)
{
	return rsp_body(w) + w->rsp_fixed;
}

void smb2_rsp_end(struct cifsd_work *w, size_t var_len)
{
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
	struct smb2_err_rsp *e = (struct smb2_err_rsp *)rsp_body(w);
	size_t fixed = offsetof(struct smb2_err_rsp, ErrorData);

	/* the dispatcher guarantees SMB2_RSP_MIN_BUDGET to every member */
	if (fixed + max_t(size_t, len, 1) > w->rsp_budget)
		len = 0;
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
