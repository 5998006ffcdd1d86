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
#include "async.h"
#include "smb2_oplock.h"
#include "smb2_crypt.h"
#include "wire/netbios.h"
#include "wire/smb2_validate.h"
#include "wire/sign.h"
#include "wire/cifsd_crypto.h"
#include "pages.h"

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

/*
 * Upper bound of a command's reply body, for its budget: the fixed part
 * plus what the request asks to get back (at least the one byte that
 * StructureSize counts), within the negotiated maximum @max_io.
 */
static size_t smb2_rsp_bound(const u8 *pdu, size_t len, u32 max_io)
{
	const struct smb2_hdr *h = (const void *)pdu;
	const u8 *body = pdu + SMB2_HDR_SIZE;
	size_t fixed, want;

	if (smb2_validate_req(pdu, len))
		return SMB2_RSP_MIN_BUDGET;
	switch (le16_to_cpu(h->Command)) {
	case SMB2_READ:
		fixed = 16;
		want = get_unaligned_le32(body + 4);
		break;
	case SMB2_QUERY_DIRECTORY:
		fixed = 8;
		want = get_unaligned_le32(body + 28);
		break;
	case SMB2_QUERY_INFO:
		fixed = 8;
		want = get_unaligned_le32(body + 4);
		break;
	case SMB2_IOCTL:
		fixed = 48;
		want = get_unaligned_le32(body + 44);
		break;
	case SMB2_CHANGE_NOTIFY:
		fixed = 8;
		want = get_unaligned_le32(body + 4);
		break;
	case SMB2_NEGOTIATE:
	case SMB2_SESSION_SETUP:
		return 1024;
	case SMB2_CREATE:
		/* room for a symbolic link error response (smb2_reparse.c) */
		return 4096;
	default:
		return SMB2_RSP_MIN_BUDGET;
	}
	want = clamp_t(size_t, want, 1, max_io);
	return max_t(size_t, fixed + want, SMB2_RSP_MIN_BUDGET);
}

/*
 * The budget of one member: its bound, within what is left of the
 * message's total (one maximal READ's worth), and never less than
 * SMB2_RSP_MIN_BUDGET.  Pass 1 and pass 2 of smb2_process() call this
 * with the same inputs in the same order, so they agree.
 */
static size_t smb2_member_budget(struct cifsd_work *w, size_t off,
				 size_t len, size_t *left)
{
	size_t b = smb2_rsp_bound(w->req + off, len, w->rsp_max_io);

	b = min(b, max_t(size_t, *left, SMB2_RSP_MIN_BUDGET));
	*left -= min(*left, b);
	return b;
}

/* 3.3.1.2: grant what was asked, within the connection's limit. */
static void smb2_grant_credits(struct cifsd_work *w,
			       const struct smb2_hdr *req,
			       struct smb2_hdr *rsp)
{
	u32 ask = max_t(u32, le16_to_cpu(req->CreditRequest), 1);

	rsp->CreditRequest =
		cpu_to_le16(cifsd_credits_grant(&w->conn->credits, ask,
						cifsd_limit(max_credits)));
}

/*
 * 3.3.5.2.3: the MessageIds of a request must be in the window; they are
 * used up.  CANCEL uses none.  False: the connection must go.
 */
static bool smb2_use_message_ids(struct cifsd_work *w, u16 cmd)
{
	const struct smb2_hdr *h = smb2_req_hdr(w);
	u32 charge = 1;

	if (cmd == SMB2_CANCEL)
		return true;
	if (w->conn->capabilities & SMB2_GLOBAL_CAP_LARGE_MTU)
		charge = max_t(u32, le16_to_cpu(h->CreditCharge), 1);
	if (cifsd_credits_consume(&w->conn->credits,
				  le64_to_cpu(h->MessageId), charge))
		return true;
	cifsd_stat_inc(CIFSD_STAT_CREDIT_ERRORS);
	cifsd_dbg(SMB2, "%s: MessageId %llu (charge %u) outside the window, closing\n",
		  w->conn->peer_str, le64_to_cpu(h->MessageId), charge);
	return false;
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

	if (!sess || !sess->keyed || cmd == SMB2_NEGOTIATE)
		return false;
	/* an encrypted reply is authenticated by its cipher (3.3.4.1.1) */
	if (w->tf_sess || w->enc_sess)
		return false;
	/* re-authentication: every reply, a failure too, as the request */
	if (cmd == SMB2_SESSION_SETUP && w->setup_reauth)
		return sess->signing_required ||
		       (smb2_req_hdr(w)->Flags & SMB2_FLAGS_SIGNED);
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

/* The signature of a reply with attached data covers the data too. */
static int smb2_sign_with_data(struct cifsd_work *w, const u8 *pdu,
			       size_t len, u8 *sig)
{
	struct cifsd_pages *p = w->rsp_data;
	struct cifsd_vec *v;
	size_t left = p->len;
	unsigned int i;
	int rc;

	v = kvmalloc_array(3 + p->nr, sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	/* the pages are the server's or page cache pages: never highmem */
	for (i = 0; i < p->nr && left; i++) {
		v[3 + i].base = page_address(p->bv[i].bv_page) +
				p->bv[i].bv_offset;
		v[3 + i].len = min_t(size_t, left, p->bv[i].bv_len);
		left -= v[3 + i].len;
	}
	rc = smb2_sign_pdu_vec(w->conn->signing_algorithm,
			       w->sess->signing_key, pdu, len, v, i, sig);
	kvfree(v);
	return rc;
}

void smb2_sign_rsp(struct cifsd_work *w, size_t len)
{
	struct smb2_hdr *rsp = smb2_rsp_hdr(w);
	u8 sig[SMB2_SIGNATURE_SIZE];
	int rc;

	rsp->Flags |= SMB2_FLAGS_SIGNED;
	memset(rsp->Signature, 0, sizeof(rsp->Signature));
	if (w->rsp_data && w->rsp_data->len)
		rc = smb2_sign_with_data(w, (u8 *)rsp, len, sig);
	else
		rc = smb2_sign_pdu(w->conn->signing_algorithm,
				   w->sess->signing_key, (u8 *)rsp, len, sig);
	if (rc)
		return;
	memcpy(rsp->Signature, sig, sizeof(sig));
}

/*
 * 3.3.5.2.4 and 3.3.5.2.9: an encrypted message may only carry its own
 * session's requests; a session that requires encryption takes nothing
 * else; otherwise verify the signature, or insist on one.
 */
static bool smb2_check_protection(struct cifsd_work *w,
				  struct cifsd_session *sess)
{
	struct smb2_hdr *req = smb2_req_hdr(w);

	if (w->tf_sess) {
		if (sess != w->tf_sess) {
			smb2_set_error(w, STATUS_ACCESS_DENIED);
			return false;
		}
		return true;
	}
	if (smb2_session_encrypts(sess))
		smb2_encrypt_with(w, sess);
	if (sess->encrypt_required) {
		smb2_set_error(w, STATUS_ACCESS_DENIED);
		return false;
	}
	if (req->Flags & SMB2_FLAGS_SIGNED) {
		if (sess->keyed &&
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
		/* a related member without a session to inherit (Windows) */
		smb2_set_error(w, related ? STATUS_INVALID_PARAMETER :
				  STATUS_USER_SESSION_DELETED);
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
	return smb2_check_protection(w, sess);
}

static bool smb2_check_tree_crypt(struct cifsd_work *w,
				  struct cifsd_tree *tree);

static bool smb2_find_tree(struct cifsd_work *w, bool related)
{
	struct smb2_hdr *req = smb2_req_hdr(w);
	struct cifsd_tree *tree;

	if (related && w->tree) {
		/* a related member after TREE_DISCONNECT: the tree is gone */
		if (READ_ONCE(w->tree->dead)) {
			smb2_set_error(w, STATUS_NETWORK_NAME_DELETED);
			return false;
		}
		return smb2_check_tree_crypt(w, w->tree);
	}
	tree = cifsd_tree_lookup(w->sess, le32_to_cpu(req->id.sync.TreeId));
	if (!tree) {
		smb2_set_error(w, STATUS_NETWORK_NAME_DELETED);
		return false;
	}
	if (w->tree)
		cifsd_tree_put(w->tree);
	w->tree = tree;
	return smb2_check_tree_crypt(w, tree);
}

/* 3.3.5.2.11: a share that encrypts, unless the message was encrypted. */
static bool smb2_check_tree_crypt(struct cifsd_work *w,
				  struct cifsd_tree *tree)
{
	if (!tree->encrypt_data || w->tf_sess)
		return true;
	smb2_encrypt_with(w, w->sess);
	if (tree->encrypt_required) {
		smb2_set_error(w, STATUS_ACCESS_DENIED);
		return false;
	}
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
		/* a related first member fails, and the members related to it */
		w->compound_invalid = related;
	}
	if (!smb2_use_message_ids(w, cmd)) {
		w->disconnect = true;
		return;
	}
	if (cmd >= SMB2_NR_COMMANDS) {
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return;
	}
	if (READ_ONCE(w->conn->state) != CIFSD_CONN_NEGOTIATED &&
	    cmd != SMB2_NEGOTIATE) {
		cifsd_stat_inc(CIFSD_STAT_PROTOCOL_ERRORS);
		w->disconnect = true;
		return;
	}
	/* 3.3.5.2.7.2: a first member marked related fails its chain */
	if (smb2_validate_req((u8 *)req, w->pdu_len) || w->compound_invalid) {
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

	memset(rsp, 0, SMB2_HDR_SIZE);
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
	w->rsp_fixed = 0;
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
	else if (cmd == SMB2_SESSION_SETUP && w->sess && !w->setup_reauth &&
		 rsp->Status == STATUS_MORE_PROCESSING_REQUIRED)
		smb2_preauth_update(w->sess->preauth_hash, rsp, len);
}

/* An interim reply (3.3.4.2): the member went asynchronous. */
static bool smb2_rsp_is_interim(struct smb2_hdr *rsp)
{
	return rsp->Status == STATUS_PENDING &&
	       (rsp->Flags & SMB2_FLAGS_ASYNC_COMMAND);
}

/* Close the current response member: credits, length, signature. */
static void smb2_end_rsp(struct cifsd_work *w, bool last)
{
	struct smb2_hdr *rsp = smb2_rsp_hdr(w);
	u16 cmd = le16_to_cpu(rsp->Command);
	bool interim;
	size_t len;

	if (!w->rsp_body_len)	/* a handler that forgot its body */
		smb2_set_error(w, STATUS_INTERNAL_ERROR);
	interim = smb2_rsp_is_interim(rsp);
	/*
	 * 3.3.4.3: the final reply of an async request grants nothing; the
	 * members deferred behind it (smb2_defer_rest) are answered as usual
	 */
	if (w->async && !w->pdu_off)
		rsp->CreditRequest = 0;
	else
		smb2_grant_credits(w, smb2_req_hdr(w), rsp);
	len = SMB2_HDR_SIZE + w->rsp_body_len;
	/*
	 * Members of a compound reply are 8-byte aligned; Windows pads the
	 * last one too (smbtorture compound-padding checks it).
	 */
	if (!last || w->pdu_off) {
		size_t padded = ALIGN(len, 8);

		memset((u8 *)rsp + len, 0, padded - len);
		len = padded;
		if (!last)
			rsp->NextCommand = cpu_to_le32(len);
	}
	if (rsp->Status != STATUS_SUCCESS &&
	    rsp->Status != STATUS_MORE_PROCESSING_REQUIRED &&
	    rsp->Status != STATUS_BUFFER_OVERFLOW && !interim)
		w->compound_status = rsp->Status;
	if (rsp->Status != STATUS_SUCCESS)
		cifsd_dbg(SMB2, "%s: command %u mid %llu status 0x%08x\n",
			  w->conn->peer_str, cmd, le64_to_cpu(rsp->MessageId),
			  le32_to_cpu(rsp->Status));
	/* 3.3.4.2: an interim reply is not signed */
	if (!interim && smb2_should_sign(w, cmd))
		smb2_sign_rsp(w, len);
	smb2_preauth_rsp(w, cmd, len);
	w->rsp_len = w->rsp_pdu_off + len;
}

/*
 * A CREATE that is not the last member of a compound went asynchronous
 * (it waits for an oplock or lease break): the members after it run when
 * it is done, with the FileId it opened, and are answered together with
 * its final reply (MS-SMB2 3.3.5.2.7 allows failing them; Windows and
 * Samba wait, and clients such as smbtorture compound-break expect it).
 * They travel with the parked request: its copy of the message grows by
 * the rest of the chain, at most CIFSD_DEFER_MAX bytes (parked requests
 * are bounded by "max async", so is what they hold).  False (a longer
 * rest, or out of memory): the rest runs now, as if nothing waited.
 */
#define CIFSD_DEFER_MAX		(64 * 1024)

static bool smb2_defer_rest(struct cifsd_work *w, size_t next)
{
	struct cifsd_async *a;
	size_t rest = w->req_len - next;
	u8 *p;

	if (list_empty(&w->parked) || rest > CIFSD_DEFER_MAX)
		return false;
	/* the final reply is not built before our interim one is sent */
	a = list_last_entry(&w->parked, struct cifsd_async, wnode);
	p = kvmalloc(a->pdu_len + rest, GFP_KERNEL);
	if (!p)
		return false;
	memcpy(p, a->pdu, a->pdu_len);
	memcpy(p + a->pdu_len, w->req + next, rest);
	kvfree(a->pdu);
	a->pdu = p;
	a->pdu_len += rest;
	return true;
}

/*
 * The reply buffer for pass 2.  A lone READ sends its data from pages
 * (smb2_rsp_begin_data), so its buffer starts with the header and the
 * minimum budget and grows only if the writer falls back to a copy.
 */
#define CIFSD_RSP_LAZY_MIN	(8 * 1024)

static bool smb2_alloc_rsp(struct cifsd_work *w, int n, size_t cap)
{
	size_t small = NB_HDR_SIZE + ALIGN(SMB2_HDR_SIZE + SMB2_RSP_MIN_BUDGET,
					   8);

	if (n == 1 && cap >= small + CIFSD_RSP_LAZY_MIN &&
	    smb2_req_hdr(w)->Command == cpu_to_le16(SMB2_READ))
		return cifsd_work_alloc_rsp_lazy(w, small, cap);
	return cifsd_work_alloc_rsp(w, cap);
}

static void smb2_process(struct cifsd_work *w)
{
	size_t off, pdu_len, cap = NB_HDR_SIZE, left, total;
	int n = 0;

	/*
	 * Pass 1: every header of the chain must be sound; give each member
	 * its budget and size the reply to hold all of them.  One message
	 * gets at most one maximal READ's worth of reply in all, however
	 * many members ask for more; a member left with too little fails on
	 * its own (the writer answers STATUS_INSUFFICIENT_RESOURCES).
	 */
	w->rsp_max_io = max(w->conn->max_read_size, w->conn->max_trans_size);
	total = w->rsp_max_io + CIFSD_MSG_OVERHEAD;
	left = total;
	for (off = 0; off < w->req_len; off += pdu_len) {
		if (smb2_check_hdr(w->req, w->req_len, off, &pdu_len) ||
		    ++n > CIFSD_MAX_COMPOUND) {
			cifsd_stat_inc(CIFSD_STAT_PROTOCOL_ERRORS);
			w->disconnect = true;
			return;
		}
		cap += ALIGN(SMB2_HDR_SIZE +
			     smb2_member_budget(w, off, pdu_len, &left), 8);
	}
	if (!smb2_alloc_rsp(w, n, cap)) {
		w->disconnect = true;
		return;
	}
	w->rsp_len = NB_HDR_SIZE;

	/* Pass 2: run each member in order, each within its own budget. */
	left = total;
	for (off = 0; off < w->req_len; off += pdu_len) {
		smb2_check_hdr(w->req, w->req_len, off, &pdu_len);
		w->pdu_off = off;
		w->pdu_len = pdu_len;
		w->rsp_budget = smb2_member_budget(w, off, pdu_len, &left);
		/* Members are 8-byte aligned from the start of the message. */
		w->rsp_pdu_off = NB_HDR_SIZE + ALIGN(w->rsp_len - NB_HDR_SIZE, 8);
		if (WARN_ON_ONCE(w->rsp_pdu_off + SMB2_HDR_SIZE + w->rsp_budget >
				 cifsd_work_rsp_cap(w))) {
			w->disconnect = true;
			return;
		}
		smb2_begin_rsp(w);
		cifsd_stat_inc(CIFSD_STAT_REQUESTS);	/* per PDU */
		smb2_process_one(w, off == 0);
		if (w->disconnect)
			return;
		if (w->no_response)	/* CANCEL */
			continue;
		if (off + pdu_len < w->req_len &&
		    smb2_rsp_is_interim(smb2_rsp_hdr(w)) &&
		    smb2_req_hdr(w)->Command == cpu_to_le16(SMB2_CREATE) &&
		    smb2_defer_rest(w, off + pdu_len)) {
			smb2_end_rsp(w, true);
			return;
		}
		smb2_end_rsp(w, off + pdu_len >= w->req_len);
	}
}

/* The members deferred behind a parked CREATE, after its final reply. */
static void smb2_process_rest(struct cifsd_work *w, size_t off, size_t left)
{
	size_t pdu_len;

	for (; off < w->req_len; off += pdu_len) {
		if (smb2_check_hdr(w->req, w->req_len, off, &pdu_len)) {
			w->disconnect = true;	/* checked when received */
			return;
		}
		w->pdu_off = off;
		w->pdu_len = pdu_len;
		w->rsp_budget = smb2_member_budget(w, off, pdu_len, &left);
		w->rsp_pdu_off = NB_HDR_SIZE + ALIGN(w->rsp_len - NB_HDR_SIZE, 8);
		if (WARN_ON_ONCE(w->rsp_pdu_off + SMB2_HDR_SIZE + w->rsp_budget >
				 cifsd_work_rsp_cap(w))) {
			w->disconnect = true;
			return;
		}
		smb2_begin_rsp(w);
		cifsd_stat_inc(CIFSD_STAT_REQUESTS);
		smb2_process_one(w, false);
		if (w->disconnect)
			return;
		if (w->no_response)
			continue;
		smb2_end_rsp(w, off + pdu_len >= w->req_len);
	}
}

/*
 * The final reply of a parked request: the request PDU as it came, the
 * ASYNC header, the status it finished with; then the members of its
 * compound that were deferred behind it, if any (smb2_defer_rest).
 */
void smb2_process_async(struct cifsd_work *w)
{
	struct cifsd_async *a = w->async;
	const struct cred *old = NULL;
	struct smb2_hdr *rsp;
	size_t left, budget, total, cap, off, len, first;
	u32 next = le32_to_cpu(((struct smb2_hdr *)w->req)->NextCommand);

	/* a member parked without deferring keeps its NextCommand */
	first = next && next < w->req_len ? next : w->req_len;
	w->rsp_max_io = max(w->conn->max_read_size, w->conn->max_trans_size);
	total = w->rsp_max_io + CIFSD_MSG_OVERHEAD;
	left = total;
	budget = smb2_member_budget(w, 0, first, &left);
	cap = NB_HDR_SIZE + ALIGN(SMB2_HDR_SIZE + budget, 8);
	for (off = first; off < w->req_len; off += len) {
		if (smb2_check_hdr(w->req, w->req_len, off, &len)) {
			w->req_len = off;	/* cannot happen: checked before */
			break;
		}
		cap += ALIGN(SMB2_HDR_SIZE +
			     smb2_member_budget(w, off, len, &left), 8);
	}
	if (!cifsd_work_alloc_rsp(w, cap))
		return;
	left = total;
	budget = smb2_member_budget(w, 0, first, &left);
	w->pdu_off = 0;
	w->pdu_len = first;
	w->rsp_budget = budget;
	w->rsp_pdu_off = NB_HDR_SIZE;
	w->rsp_len = NB_HDR_SIZE;
	w->sess = cifsd_session_get(a->sess);
	w->tree = a->tree ? cifsd_tree_get(a->tree) : NULL;
	if (smb2_session_encrypts(w->sess) ||
	    (w->tree && w->tree->encrypt_data))
		smb2_encrypt_with(w, w->sess);
	smb2_begin_rsp(w);
	rsp = smb2_rsp_hdr(w);
	rsp->Flags = (rsp->Flags & ~SMB2_FLAGS_RELATED_OPERATIONS) |
		     SMB2_FLAGS_ASYNC_COMMAND;
	rsp->id.AsyncId = cpu_to_le64(a->async_id);
	if (a->status != STATUS_SUCCESS) {
		smb2_set_error(w, a->status);
	} else {
		if (w->sess->cred)
			old = override_creds(w->sess->cred);
		if (a->ops->complete(w) < 0)
			w->disconnect = true;
		if (old)
			revert_creds(old);
		if (w->no_response)	/* parked again (async.c) */
			return;
	}
	smb2_end_rsp(w, first >= w->req_len);
	if (first < w->req_len && !w->disconnect)
		smb2_process_rest(w, first, left);
}

void cifsd_process_message(struct cifsd_work *w)
{
	__le32 proto;

	if (w->async) {
		smb2_process_async(w);
		return;
	}
	if (w->req_len < sizeof(proto)) {
		w->disconnect = true;
		return;
	}
	memcpy(&proto, w->req, sizeof(proto));
	if (proto == SMB2_TRANSFORM_PROTO_NUM) {
		/* 3.3.5.2.1.1: anything wrong with it drops the connection */
		if (smb2_decrypt_req(w)) {
			cifsd_stat_inc(CIFSD_STAT_PROTOCOL_ERRORS);
			w->disconnect = true;
			return;
		}
		memcpy(&proto, w->req, sizeof(proto));
		if (proto != SMB2_PROTO_NUMBER) {
			cifsd_stat_inc(CIFSD_STAT_PROTOCOL_ERRORS);
			w->disconnect = true;
			return;
		}
	}
	if (proto == SMB2_PROTO_NUMBER)
		smb2_process(w);
	else if (proto == SMB1_PROTO_NUMBER &&
		 READ_ONCE(w->conn->state) == CIFSD_CONN_NEW)
		smb1_negotiate(w);
	else {
		cifsd_stat_inc(CIFSD_STAT_PROTOCOL_ERRORS);
		w->disconnect = true;	/* unknown: not spoken */
	}
}
