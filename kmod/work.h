/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One received SMB message and the response being built for it.
 *
 * Lifetime: allocated by the connection's receive thread, owned by exactly
 * one worker while it runs, freed by cifsd_work_free() after the response
 * has been sent.  It holds a reference on its connection, and on the
 * session and tree of the PDU being processed (dropped between compound
 * members unless the next member is related).
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
 * appended 8-byte aligned.  The buffer was sized by the dispatcher from the
 * request (READ Length, OutputBufferLength, ...), so a handler only needs
 * smb2_rsp_body_room() to know how much it may write.
 */
#ifndef CIFSD_WORK_H
#define CIFSD_WORK_H

#include <linux/workqueue.h>
#include "wire/smb2pdu.h"
#include "wire/ntstatus.h"

struct cifsd_conn;
struct cifsd_session;
struct cifsd_tree;

struct cifsd_work {
	struct cifsd_conn *conn;
	struct work_struct entry;

	u8 *req;
	size_t req_len;
	size_t pdu_off;
	size_t pdu_len;

	u8 *rsp;
	size_t rsp_cap;
	size_t rsp_len;		/* includes the 4-byte RFC1002 header */
	size_t rsp_pdu_off;	/* current response header */
	size_t rsp_body_len;	/* body length set by the handler */

	struct cifsd_session *sess;
	struct cifsd_tree *tree;

	/* state inherited by related compound members (3.3.5.2.7.2) */
	u64 compound_pfid;
	u64 compound_vfid;
	__le32 compound_status;
	bool compound_fid_valid;

	/* set by a handler that must not get a response (CANCEL) */
	bool no_response;
	/* set by a handler when the connection must be dropped */
	bool disconnect;
};

struct cifsd_work *cifsd_work_alloc(struct cifsd_conn *conn, u8 *buf,
				    size_t len);

/* Process a whole message (smb2_dispatch.c). */
void cifsd_process_message(struct cifsd_work *w);

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

static inline void *smb2_rsp_body(struct cifsd_work *w)
{
	return w->rsp + w->rsp_pdu_off + SMB2_HDR_SIZE;
}

/* Bytes a handler may write at smb2_rsp_body(). */
static inline size_t smb2_rsp_body_room(struct cifsd_work *w)
{
	return w->rsp_cap - w->rsp_pdu_off - SMB2_HDR_SIZE;
}

/* A handler finishes a successful response by saying how long its body is. */
static inline void smb2_rsp_set_body_len(struct cifsd_work *w, size_t len)
{
	w->rsp_body_len = len;
}

/* Build an ERROR response (2.2.2) with @status for the current PDU. */
void smb2_set_error(struct cifsd_work *w, __le32 status);

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

#endif /* CIFSD_WORK_H */
