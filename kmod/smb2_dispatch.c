// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 message processing: compound chains, header checks, session and
 * tree resolution, signing, credits, and the command table.
 */

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/cred.h>

#include "work.h"
#include "conn.h"
#include "server.h"
#include "session.h"
#include "tree.h"
#include "smb2_cmds.h"
#include "debug.h"
#include "smb2_fileops.h"
#include "stats.h"
#include "wire/netbios.h"
#include "wire/smb2_validate.h"
#include "wire/sign.h"

#define CIFSD_MAX_COMPOUND	128

/* What the dispatcher must provide before the handler runs. */
#define NEED_SESSION	0x1
#define NEED_TREE	0x2
#define AS_USER		0x4	/* run with the session user's credentials */

struct smb2_cmd_desc {
	int (*fn)(struct cifsd_work *w);
	u8 flags;
};

static const struct smb2_cmd_desc smb2_cmds[SMB2_NR_COMMANDS] = {
	[SMB2_NEGOTIATE]	= { smb2_negotiate, 0 },
	[SMB2_SESSION_SETUP]	= { smb2_session_setup, 0 },
	[SMB2_LOGOFF]		= { smb2_logoff, NEED_SESSION },
	[SMB2_TREE_CONNECT]	= { smb2_tree_connect, NEED_SESSION },
	[SMB2_TREE_DISCONNECT]	= { smb2_tree_disconnect,
				    NEED_SESSION | NEED_TREE },
	[SMB2_CREATE]		= { smb2_create,
				    NEED_SESSION | NEED_TREE | AS_USER },
	[SMB2_CLOSE]		= { smb2_close,
				    NEED_SESSION | NEED_TREE | AS_USER },
	[SMB2_FLUSH]		= { smb2_flush,
				    NEED_SESSION | NEED_TREE | AS_USER },
	[SMB2_READ]		= { smb2_read,
				    NEED_SESSION | NEED_TREE | AS_USER },
	[SMB2_WRITE]		= { smb2_write,
				    NEED_SESSION | NEED_TREE | AS_USER },
	[SMB2_LOCK]		= { smb2_lock,
				    NEED_SESSION | NEED_TREE | AS_USER },
	[SMB2_IOCTL]		= { smb2_ioctl,
				    NEED_SESSION | NEED_TREE | AS_USER },
	[SMB2_CANCEL]		= { smb2_cancel, 0 },
	[SMB2_ECHO]		= { smb2_echo, 0 },
	[SMB2_QUERY_DIRECTORY]	= { smb2_query_directory,
				    NEED_SESSION | NEED_TREE | AS_USER },
	[SMB2_CHANGE_NOTIFY]	= { smb2_change_notify,
				    NEED_SESSION | NEED_TREE },
	[SMB2_QUERY_INFO]	= { smb2_query_info,
				    NEED_SESSION | NEED_TREE | AS_USER },
	[SMB2_SET_INFO]		= { smb2_set_info,
				    NEED_SESSION | NEED_TREE | AS_USER },
	[SMB2_OPLOCK_BREAK]	= { smb2_oplock_break,
				    NEED_SESSION | NEED_TREE },
};

void smb2_set_error(struct cifsd_work *w, __le32 status)
{
	struct smb2_err_rsp *e = smb2_rsp_body(w);

	smb2_rsp_hdr(w)->Status = status;
	memset(e, 0, sizeof(*e));
	e->StructureSize = cpu_to_le16(9);
	w->rsp_body_len = sizeof(*e);
}

bool smb2_resolve_fid(struct cifsd_work *w, u64 *pfid, u64 *vfid)
{
	if (!(smb2_req_hdr(w)->Flags & SMB2_FLAGS_RELATED_OPERATIONS) ||
	    *vfid != U64_MAX)
		return true;
	if (!w->compound_fid_valid) {
		smb2_set_error(w, w->compound_status != STATUS_SUCCESS ?
				  w->compound_status : STATUS_INVALID_PARAMETER);
		return false;
	}
	*pfid = w->compound_pfid;
	*vfid = w->compound_vfid;
	return true;
}

/* Upper bound of a command's response body, for sizing the buffer. */
static size_t smb2_rsp_bound(struct cifsd_conn *conn, const u8 *pdu,
			     size_t len)
{
	const struct smb2_hdr *h = (const void *)pdu;
	const u8 *body = pdu + SMB2_HDR_SIZE;

	if (smb2_validate_req(pdu, len))
		return 16;
	switch (le16_to_cpu(h->Command)) {
	case SMB2_READ:
		return 16 + min_t(u32, get_unaligned_le32(body + 4),
				  conn->max_read_size);
	case SMB2_QUERY_DIRECTORY:
		return 8 + min_t(u32, get_unaligned_le32(body + 28),
				 conn->max_trans_size);
	case SMB2_QUERY_INFO:
		return 8 + min_t(u32, get_unaligned_le32(body + 4),
				 conn->max_trans_size);
	case SMB2_IOCTL:
		return 48 + min_t(u32, get_unaligned_le32(body + 44),
				  conn->max_trans_size);
	case SMB2_NEGOTIATE:
	case SMB2_SESSION_SETUP:
	case SMB2_CREATE:
		return 1024;
	default:
		return 128;
	}
}

/* 3.3.1.2: charge the request, grant what was asked within our limit. */
static void smb2_credits(struct cifsd_work *w, const struct smb2_hdr *req,
			 struct smb2_hdr *rsp)
{
	struct cifsd_conn *conn = w->conn;
	u32 charge = max_t(u32, le16_to_cpu(req->CreditCharge), 1);
	u32 ask = max_t(u32, le16_to_cpu(req->CreditRequest), 1);
	u32 grant;

	spin_lock(&conn->credits_lock);
	conn->credits_granted -= min(charge, conn->credits_granted);
	grant = min_t(u32, ask, CIFSD_MAX_CREDITS - conn->credits_granted);
	if (!grant && !conn->credits_granted)
		grant = 1;	/* never leave the client without a credit */
	conn->credits_granted += grant;
	spin_unlock(&conn->credits_lock);
	rsp->CreditRequest = cpu_to_le16(grant);
}

/* 3.3.5.2.5: a multi-credit request must be paid for. */
static bool smb2_charge_ok(struct cifsd_work *w, u16 cmd)
{
	const struct smb2_hdr *h = smb2_req_hdr(w);
	const u8 *body = smb2_req_body(w);
	u32 payload, charge;

	if (!(w->conn->capabilities & SMB2_GLOBAL_CAP_LARGE_MTU))
		return true;
	switch (cmd) {
	case SMB2_READ:
		payload = get_unaligned_le32(body + 4);
		break;
	case SMB2_WRITE:
		payload = get_unaligned_le32(body + 4);
		break;
	case SMB2_QUERY_DIRECTORY:
		payload = get_unaligned_le32(body + 28);
		break;
	default:
		return true;
	}
	charge = max_t(u32, le16_to_cpu(h->CreditCharge), 1);
	return !payload || charge >= (payload - 1) / 65536 + 1;
}

static bool smb2_should_sign(struct cifsd_work *w, u16 cmd)
{
	struct cifsd_session *sess = w->sess;

	if (!sess || sess->guest || sess->anonymous || cmd == SMB2_NEGOTIATE)
		return false;
	/* LOGOFF has just expired its session; its reply is still signed. */
	if (sess->state != CIFSD_SESS_VALID &&
	    !(cmd == SMB2_LOGOFF && smb2_rsp_hdr(w)->Status == STATUS_SUCCESS))
		return false;
	/*
	 * 3.3.5.5.3: the final SESSION_SETUP response proves the key; SMB 3.x
	 * clients verify it, so sign it whenever there is a key.
	 */
	if (cmd == SMB2_SESSION_SETUP)
		return smb2_rsp_hdr(w)->Status == STATUS_SUCCESS &&
		       (cifsd_conn_is_smb3(w->conn) || sess->signing_required ||
			(smb2_req_hdr(w)->Flags & SMB2_FLAGS_SIGNED));
	if (smb2_rsp_hdr(w)->Status == STATUS_ACCESS_DENIED &&
	    !(smb2_req_hdr(w)->Flags & SMB2_FLAGS_SIGNED) &&
	    sess->signing_required)
		return false;
	return sess->signing_required ||
	       (smb2_req_hdr(w)->Flags & SMB2_FLAGS_SIGNED);
}

void smb2_sign_rsp(struct cifsd_work *w, size_t len)
{
	struct smb2_hdr *rsp = smb2_rsp_hdr(w);
	u8 sig[SMB2_SIGNATURE_SIZE];

	rsp->Flags |= SMB2_FLAGS_SIGNED;
	memset(rsp->Signature, 0, sizeof(rsp->Signature));
	if (smb2_sign_pdu(w->conn->signing_algorithm, w->sess->signing_key,
			  (u8 *)rsp, len, sig))
		return;
	memcpy(rsp->Signature, sig, sizeof(sig));
}

/* Resolve the session of the current member; false sets the error. */
static bool smb2_find_session(struct cifsd_work *w, bool related)
{
	struct smb2_hdr *req = smb2_req_hdr(w);
	struct cifsd_session *sess;

	if (related && w->sess)
		sess = w->sess;
	else
		sess = cifsd_session_lookup(w->conn,
					    le64_to_cpu(req->SessionId));
	if (!sess) {
		smb2_set_error(w, STATUS_USER_SESSION_DELETED);
		return false;
	}
	if (sess != w->sess) {
		if (w->sess)
			cifsd_session_put(w->sess);
		w->sess = sess;
	}
	if (sess->state != CIFSD_SESS_VALID) {
		smb2_set_error(w, STATUS_USER_SESSION_DELETED);
		return false;
	}
	/* 3.3.5.2.4: verify the signature, or insist on one. */
	if (req->Flags & SMB2_FLAGS_SIGNED) {
		if (!sess->guest && !sess->anonymous &&
		    smb2_verify_pdu(w->conn->signing_algorithm,
				    sess->signing_key, (u8 *)req,
				    w->pdu_len)) {
			smb2_set_error(w, STATUS_ACCESS_DENIED);
			return false;
		}
	} else if (sess->signing_required &&
		   le16_to_cpu(req->Command) != SMB2_ECHO) {
		smb2_set_error(w, STATUS_ACCESS_DENIED);
		return false;
	}
	return true;
}

static bool smb2_find_tree(struct cifsd_work *w, bool related)
{
	struct smb2_hdr *req = smb2_req_hdr(w);
	struct cifsd_tree *tree;

	if (related && w->tree)
		return true;
	tree = cifsd_tree_lookup(w->sess, le32_to_cpu(req->id.sync.TreeId));
	if (!tree) {
		smb2_set_error(w, STATUS_NETWORK_NAME_DELETED);
		return false;
	}
	if (w->tree)
		cifsd_tree_put(w->tree);
	w->tree = tree;
	return true;
}

static void smb2_run_handler(struct cifsd_work *w,
			     const struct smb2_cmd_desc *d)
{
	const struct cred *old = NULL;
	int err;

	if ((d->flags & AS_USER) && w->sess->cred)
		old = override_creds(w->sess->cred);
	err = d->fn(w);
	if (old)
		revert_creds(old);
	if (err < 0)
		w->disconnect = true;
}

/* Process the current member; its header is already in the response. */
static void smb2_process_one(struct cifsd_work *w, bool first)
{
	struct smb2_hdr *req = smb2_req_hdr(w);
	u16 cmd = le16_to_cpu(req->Command);
	bool related = req->Flags & SMB2_FLAGS_RELATED_OPERATIONS;
	const struct smb2_cmd_desc *d;

	if (!related || first) {
		if (w->tree)
			cifsd_tree_put(w->tree);
		w->tree = NULL;
		if (w->sess)
			cifsd_session_put(w->sess);
		w->sess = NULL;
		w->compound_fid_valid = false;
		w->compound_status = STATUS_SUCCESS;
	}
	if (cmd >= SMB2_NR_COMMANDS) {
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return;
	}
	if (READ_ONCE(w->conn->state) != CIFSD_CONN_NEGOTIATED &&
	    cmd != SMB2_NEGOTIATE) {
		w->disconnect = true;
		return;
	}
	if (smb2_validate_req((u8 *)req, w->pdu_len) ||
	    (first && related)) {
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return;
	}
	d = &smb2_cmds[cmd];
	if ((d->flags & NEED_SESSION) && !smb2_find_session(w, related))
		return;
	if ((d->flags & NEED_TREE) && !smb2_find_tree(w, related))
		return;
	if (!smb2_charge_ok(w, cmd)) {
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return;
	}
	smb2_run_handler(w, d);
}

static void smb2_begin_rsp(struct cifsd_work *w)
{
	struct smb2_hdr *req = smb2_req_hdr(w);
	struct smb2_hdr *rsp = smb2_rsp_hdr(w);
	size_t room = smb2_rsp_body_room(w);

	memset(rsp, 0, SMB2_HDR_SIZE);
	memset(smb2_rsp_body(w), 0, min_t(size_t, room, 256));
	rsp->ProtocolId = SMB2_PROTO_NUMBER;
	rsp->StructureSize = cpu_to_le16(SMB2_HDR_SIZE);
	rsp->CreditCharge = req->CreditCharge;
	rsp->Command = req->Command;
	rsp->Flags = SMB2_FLAGS_SERVER_TO_REDIR |
		     (req->Flags & SMB2_FLAGS_RELATED_OPERATIONS);
	rsp->MessageId = req->MessageId;
	rsp->id.sync.ProcessId = req->id.sync.ProcessId;
	rsp->id.sync.TreeId = req->id.sync.TreeId;
	rsp->SessionId = req->SessionId;
	w->rsp_body_len = 0;
	w->no_response = false;
}

/*
 * 3.1.1 preauth integrity: the NEGOTIATE response goes into the
 * connection's hash, interim SESSION_SETUP responses into the session's.
 */
static void smb2_preauth_rsp(struct cifsd_work *w, u16 cmd, size_t len)
{
	struct smb2_hdr *rsp = smb2_rsp_hdr(w);

	if (w->conn->dialect != SMB311_PROT_ID)
		return;
	if (cmd == SMB2_NEGOTIATE && rsp->Status == STATUS_SUCCESS)
		smb2_preauth_update(w->conn->preauth_hash, rsp, len);
	else if (cmd == SMB2_SESSION_SETUP && w->sess &&
		 rsp->Status == STATUS_MORE_PROCESSING_REQUIRED)
		smb2_preauth_update(w->sess->preauth_hash, rsp, len);
}

/* Close the current response member: credits, length, signature. */
static void smb2_end_rsp(struct cifsd_work *w, bool last)
{
	struct smb2_hdr *rsp = smb2_rsp_hdr(w);
	u16 cmd = le16_to_cpu(rsp->Command);
	size_t len;

	if (!w->rsp_body_len)	/* a handler that forgot its body */
		smb2_set_error(w, STATUS_INTERNAL_ERROR);
	smb2_credits(w, smb2_req_hdr(w), rsp);
	len = SMB2_HDR_SIZE + w->rsp_body_len;
	if (!last) {
		size_t padded = ALIGN(len, 8);

		memset((u8 *)rsp + len, 0, padded - len);
		len = padded;
		rsp->NextCommand = cpu_to_le32(len);
	}
	if (rsp->Status != STATUS_SUCCESS &&
	    rsp->Status != STATUS_MORE_PROCESSING_REQUIRED &&
	    rsp->Status != STATUS_BUFFER_OVERFLOW)
		w->compound_status = rsp->Status;
	if (rsp->Status != STATUS_SUCCESS)
		cifsd_dbg(SMB2, "%s: command %u mid %llu status 0x%08x\n",
			  w->conn->peer_str, cmd, le64_to_cpu(rsp->MessageId),
			  le32_to_cpu(rsp->Status));
	if (smb2_should_sign(w, cmd))
		smb2_sign_rsp(w, len);
	smb2_preauth_rsp(w, cmd, len);
	w->rsp_len = w->rsp_pdu_off + len;
}

static void smb2_process(struct cifsd_work *w)
{
	size_t off, pdu_len, cap = NB_HDR_SIZE, budget;
	int n = 0;

	/*
	 * Pass 1: every header of the chain must be sound; size the reply.
	 * One message gets at most one maximal READ's worth of response
	 * buffer, however many members ask for more; a member that does not
	 * fit the room left fails on its own.
	 */
	budget = max(w->conn->max_read_size, w->conn->max_trans_size) +
		 CIFSD_MSG_OVERHEAD;
	for (off = 0; off < w->req_len; off += pdu_len) {
		size_t bound;

		if (smb2_check_hdr(w->req, w->req_len, off, &pdu_len) ||
		    ++n > CIFSD_MAX_COMPOUND) {
			w->disconnect = true;
			return;
		}
		bound = smb2_rsp_bound(w->conn, w->req + off, pdu_len);
		bound = min(bound, max_t(size_t, budget, 128));
		budget -= min(budget, bound);
		cap = NB_HDR_SIZE + ALIGN(cap - NB_HDR_SIZE, 8) + SMB2_HDR_SIZE +
		      bound;
	}
	w->rsp = kvmalloc(cap, GFP_KERNEL);
	if (!w->rsp) {
		w->disconnect = true;
		return;
	}
	w->rsp_cap = cap;
	w->rsp_len = NB_HDR_SIZE;

	/* Pass 2: run each member in order. */
	for (off = 0; off < w->req_len; off += pdu_len) {
		smb2_check_hdr(w->req, w->req_len, off, &pdu_len);
		w->pdu_off = off;
		w->pdu_len = pdu_len;
		/* Members are 8-byte aligned from the start of the message. */
		w->rsp_pdu_off = NB_HDR_SIZE + ALIGN(w->rsp_len - NB_HDR_SIZE, 8);
		smb2_begin_rsp(w);
		cifsd_stat_inc(CIFSD_STAT_REQUESTS);	/* per PDU */
		smb2_process_one(w, off == 0);
		if (w->disconnect)
			return;
		if (w->no_response)	/* CANCEL */
			continue;
		smb2_end_rsp(w, off + pdu_len >= w->req_len);
	}
}

void cifsd_process_message(struct cifsd_work *w)
{
	__le32 proto;

	if (w->req_len < sizeof(proto)) {
		w->disconnect = true;
		return;
	}
	memcpy(&proto, w->req, sizeof(proto));
	if (proto == SMB2_PROTO_NUMBER)
		smb2_process(w);
	else if (proto == SMB1_PROTO_NUMBER &&
		 READ_ONCE(w->conn->state) == CIFSD_CONN_NEW)
		smb1_negotiate(w);
	else
		w->disconnect = true;	/* encrypted or unknown: not spoken */
}
