// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SESSION_SETUP (MS-SMB2 3.3.5.5) with SPNEGO/NTLMSSP, and LOGOFF.
 *
 * Leg 1: the client's NTLMSSP NEGOTIATE -> our CHALLENGE, with
 * STATUS_MORE_PROCESSING_REQUIRED.  Leg 2: the AUTHENTICATE message is
 * checked against the NT hash the daemon returns for the account; on
 * success the session gets its keys and becomes valid.  Any failure takes
 * the session out of service.
 */

#include <linux/slab.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/sched.h>
#include <linux/uidgid.h>

#include "work.h"
#include "conn.h"
#include "server.h"
#include "session.h"
#include "stats.h"
#include "ipc.h"
#include "debug.h"
#include "smb2_cmds.h"
#include "wire/spnego.h"
#include "wire/ntlmssp.h"
#include "wire/utf16.h"
#include "wire/kdf.h"
#include "wire/cifsd_crypto.h"

#define NTLMSSP_MSG_MAX		1024
#define SEC_BLOB_MAX		1024

/* Per-session NTLMSSP state, alive between the two legs. */
struct ntlmssp_server_state {
	u8 challenge[8];
	u32 flags;
	size_t neg_len;
	size_t chal_len;
	size_t mech_types_len;
	u8 neg[NTLMSSP_MSG_MAX];	/* kept for the NTLMSSP MIC */
	u8 chal[NTLMSSP_MSG_MAX];
	u8 mech_types[128];		/* kept for the SPNEGO mechListMIC */
};

#define SPNEGO_MIC_SIZE		16

struct cifsd_login {
	char account[CIFSD_NAME_MAX];
	char domain[CIFSD_NAME_MAX];
};

static int cifsd_fill_login(struct sk_buff *m, const void *arg)
{
	const struct cifsd_login *l = arg;

	if (nla_put_string(m, CIFSD_A_ACCOUNT, l->account) ||
	    nla_put_string(m, CIFSD_A_DOMAIN, l->domain))
		return -EMSGSIZE;
	return 0;
}

/* The credentials the session's file operations run with. */
static const struct cred *cifsd_make_cred(u32 uid, u32 gid)
{
	kuid_t ku = make_kuid(&init_user_ns, uid);
	kgid_t kg = make_kgid(&init_user_ns, gid);
	struct cred *c;

	if (!uid_valid(ku) || !gid_valid(kg))
		return NULL;
	c = prepare_kernel_cred(&init_task);
	if (!c)
		return NULL;
	c->uid = c->euid = c->suid = c->fsuid = ku;
	c->gid = c->egid = c->sgid = c->fsgid = kg;
	if (uid != 0) {
		/* An ordinary user gets an ordinary user's rights. */
		c->cap_effective = CAP_EMPTY_SET;
		c->cap_permitted = CAP_EMPTY_SET;
		c->cap_inheritable = CAP_EMPTY_SET;
		c->cap_bset = CAP_EMPTY_SET;
		c->cap_ambient = CAP_EMPTY_SET;
	}
	return c;
}

static int smb2_sess_reply_mic(struct cifsd_work *w, int state,
			       const u8 *tok, size_t tok_len, bool with_mech,
			       const u8 *mic, size_t mic_len)
{
	struct smb2_sess_setup_rsp *rsp = smb2_rsp_begin(w, sizeof(*rsp));
	size_t room, len;
	int err;

	if (!rsp)
		return -ENOSPC;
	room = smb2_rsp_room(w);

	if (w->sess->raw_ntlmssp) {
		/* The client spoke bare NTLMSSP: answer the same way. */
		if (tok_len > room)
			return -ENOSPC;
		if (tok_len)
			memcpy(rsp->Buffer, tok, tok_len);
		len = tok_len;
	} else {
		err = spnego_build_resp_mic(rsp->Buffer, room, state,
					    with_mech, tok, tok_len, mic,
					    mic_len, &len);
		if (err)
			return err;
	}
	rsp->StructureSize = cpu_to_le16(9);
	rsp->SecurityBufferOffset = cpu_to_le16(SMB2_HDR_SIZE + sizeof(*rsp));
	rsp->SecurityBufferLength = cpu_to_le16(len);
	smb2_rsp_end(w, len);
	return 0;
}

static int smb2_sess_reply(struct cifsd_work *w, int state,
			   const u8 *tok, size_t tok_len, bool with_mech)
{
	return smb2_sess_reply_mic(w, state, tok, tok_len, with_mech, NULL, 0);
}

/* Leg 1: NEGOTIATE_MESSAGE in, CHALLENGE_MESSAGE out. */
static __le32 smb2_ntlm_challenge(struct cifsd_work *w,
				  struct cifsd_session *sess,
				  const struct spnego_token *t)
{
	const u8 *tok = t->token;
	size_t tok_len = t->token_len;
	const struct cifsd_server_config *cfg = &cifsd_srv.cfg;
	struct ntlmssp_target tgt = {
		.netbios_domain = cfg->workgroup,
		.netbios_computer = cfg->netbios_name,
		.dns_domain = cfg->workgroup,
		.dns_computer = cfg->netbios_name,
	};
	struct ntlmssp_server_state *st;
	u32 client_flags;


	if (tok_len > NTLMSSP_MSG_MAX ||
	    ntlmssp_parse_negotiate(tok, tok_len, &client_flags))
		return STATUS_INVALID_PARAMETER;
	st = sess->ntlmssp;
	if (!st) {
		st = kzalloc(sizeof(*st), GFP_KERNEL);
		if (!st)
			return STATUS_NO_MEMORY;
		sess->ntlmssp = st;
	}
	memcpy(st->neg, tok, tok_len);
	st->neg_len = tok_len;
	/* The mechListMIC of the last leg covers the client's MechTypeList. */
	if (t->mech_types && t->mech_types_len <= sizeof(st->mech_types)) {
		memcpy(st->mech_types, t->mech_types, t->mech_types_len);
		st->mech_types_len = t->mech_types_len;
	}
	cifsd_random_bytes(st->challenge, sizeof(st->challenge));
	if (ntlmssp_build_challenge(st->chal, sizeof(st->chal), &tgt,
				    client_flags, st->challenge,
				    cifsd_nt_time_now(), &st->flags,
				    &st->chal_len))
		return STATUS_INTERNAL_ERROR;
	if (smb2_sess_reply(w, SPNEGO_ACCEPT_INCOMPLETE, st->chal,
			    st->chal_len, true))
		return STATUS_INTERNAL_ERROR;
	return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Ask the daemon about the account; fill in who the session runs as. */
static __le32 smb2_lookup_account(struct cifsd_session *sess,
				  const struct cifsd_login *l, u8 nt_hash[16])
{
	struct cifsd_ipc_reply r;
	u32 flags = 0, uid, gid;
	__le32 status = STATUS_LOGON_FAILURE;

	if (cifsd_ipc_call(CIFSD_CMD_LOGIN, cifsd_fill_login, l, &r))
		return STATUS_LOGON_FAILURE;
	if (cifsd_ipc_status(&r) != CIFSD_STATUS_OK ||
	    !r.attrs[CIFSD_A_UID] || !r.attrs[CIFSD_A_GID])
		goto out;
	if (r.attrs[CIFSD_A_LOGIN_FLAGS])
		flags = nla_get_u32(r.attrs[CIFSD_A_LOGIN_FLAGS]);
	/* A disabled account fails like a wrong password: no oracle. */
	if (flags & CIFSD_LOGIN_F_DISABLED)
		goto out;
	sess->guest = flags & CIFSD_LOGIN_F_GUEST;
	if (!sess->guest) {
		if (!r.attrs[CIFSD_A_NT_HASH])
			goto out;
		memcpy(nt_hash, nla_data(r.attrs[CIFSD_A_NT_HASH]), 16);
	}
	uid = nla_get_u32(r.attrs[CIFSD_A_UID]);
	gid = nla_get_u32(r.attrs[CIFSD_A_GID]);
	sess->cred = cifsd_make_cred(uid, gid);
	if (sess->cred)
		status = STATUS_SUCCESS;
out:
	cifsd_ipc_reply_free(&r);
	return status;
}

static __le32 smb2_sess_keys(struct cifsd_work *w, struct cifsd_session *sess)
{
	struct cifsd_conn *conn = w->conn;

	if (conn->dialect >= SMB30_PROT_ID) {
		if (smb3_signing_key(conn->dialect, sess->session_key,
				     sess->preauth_hash, sess->signing_key))
			return STATUS_INTERNAL_ERROR;
	} else {
		memcpy(sess->signing_key, sess->session_key, 16);
	}
	sess->signing_required = conn->signing_required ||
		cifsd_srv.cfg.signing == CIFSD_SIGNING_MANDATORY;
	return STATUS_SUCCESS;
}

static int smb2_names(const struct ntlmssp_auth *a, struct cifsd_login *l)
{
	if (utf16le_to_utf8(a->user, a->user_len, l->account,
			    sizeof(l->account)) < 0 ||
	    utf16le_to_utf8(a->domain, a->domain_len, l->domain,
			    sizeof(l->domain)) < 0)
		return -EINVAL;
	return 0;
}

/* Leg 2: AUTHENTICATE_MESSAGE. */
/*
 * The final SPNEGO answer.  When the session has a key and the client
 * protects the negotiation (it sent a mechListMIC, or an NTLMSSP MIC that
 * makes it expect one), check its mechListMIC and send ours (RFC 4178 5).
 */
static int smb2_sess_final_reply(struct cifsd_work *w,
				 struct cifsd_session *sess,
				 const struct ntlmssp_auth *a,
				 const struct spnego_token *t)
{
	struct ntlmssp_server_state *st = sess->ntlmssp;
	u8 mic[SPNEGO_MIC_SIZE];

	if (sess->guest || sess->anonymous || t->raw || !st->mech_types_len ||
	    (!t->mech_list_mic_len && !a->mic_present))
		return smb2_sess_reply(w, SPNEGO_ACCEPT_COMPLETED, NULL, 0,
				       false);
	if (t->mech_list_mic_len &&
	    ntlmssp_gss_verify_mic(sess->session_key, a->flags, false, 0,
				   st->mech_types, st->mech_types_len,
				   t->mech_list_mic, t->mech_list_mic_len))
		return -EACCES;
	if (ntlmssp_gss_mic(sess->session_key, a->flags, true, 0,
			    st->mech_types, st->mech_types_len, mic))
		return -EIO;
	return smb2_sess_reply_mic(w, SPNEGO_ACCEPT_COMPLETED, NULL, 0, false,
				   mic, sizeof(mic));
}

static __le32 smb2_ntlm_authenticate(struct cifsd_work *w,
				     struct cifsd_session *sess,
				     const struct spnego_token *t)
{
	const u8 *tok = t->token;
	size_t tok_len = t->token_len;
	const struct smb2_sess_setup_req *req = smb2_req_body(w);
	struct smb2_sess_setup_rsp *rsp;
	struct ntlmssp_server_state *st = sess->ntlmssp;
	struct ntlmssp_auth a;
	struct cifsd_login *l;
	u8 nt_hash[16], base_key[16];
	__le32 status;

	if (!st || ntlmssp_parse_authenticate(tok, tok_len, &a))
		return STATUS_INVALID_PARAMETER;
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return STATUS_NO_MEMORY;
	if (smb2_names(&a, l)) {
		status = STATUS_LOGON_FAILURE;
		goto out;
	}
	if (a.anonymous)
		l->account[0] = '\0';
	status = smb2_lookup_account(sess, l, nt_hash);
	if (status != STATUS_SUCCESS)
		goto out;
	if (a.anonymous) {
		sess->anonymous = true;
		sess->guest = false;
	} else if (!sess->guest) {
		status = STATUS_LOGON_FAILURE;
		if (ntlmv2_verify(nt_hash, &a, st->challenge, base_key) ||
		    ntlmssp_exported_key(base_key, &a, sess->session_key))
			goto out;
		if (a.mic && ntlmssp_verify_mic(sess->session_key, st->neg,
						st->neg_len, st->chal,
						st->chal_len, tok, tok_len))
			goto out;
		status = smb2_sess_keys(w, sess);
		if (status != STATUS_SUCCESS)
			goto out;
	}
	sess->account = kstrdup(l->account, GFP_KERNEL);
	sess->domain = kstrdup(l->domain, GFP_KERNEL);
	if (!sess->account || !sess->domain) {
		status = STATUS_NO_MEMORY;
		goto out;
	}
	if (smb2_sess_final_reply(w, sess, &a, t)) {
		status = STATUS_LOGON_FAILURE;
		goto out;
	}
	rsp = smb2_rsp_body(w);
	if (sess->guest)
		rsp->SessionFlags = SMB2_SESSION_FLAG_IS_GUEST;
	else if (sess->anonymous)
		rsp->SessionFlags = SMB2_SESSION_FLAG_IS_NULL;
	if (!cifsd_session_set_valid(sess)) {
		status = STATUS_USER_SESSION_DELETED;
		goto out;
	}
	/* 3.3.5.5.3: a session reconnect replaces the previous session */
	cifsd_session_replace(sess, le64_to_cpu(req->PreviousSessionId));
	cifsd_stat_inc(CIFSD_STAT_SESSIONS_TOTAL);
	status = STATUS_SUCCESS;
out:
	cifsd_dbg(AUTH, "%s: session setup of user '%s'%s: %s (0x%08x)\n",
		  w->conn->peer_str, l->account, sess->guest ? " as guest" : "",
		  status == STATUS_SUCCESS ? "success" : "failed",
		  le32_to_cpu(status));
	memzero_explicit(nt_hash, sizeof(nt_hash));
	memzero_explicit(base_key, sizeof(base_key));
	kfree(l);
	return status;
}

/*
 * The client's preferred mechanism is not NTLMSSP (typically Kerberos):
 * answer with NTLMSSP as the supported mechanism and no token, and the
 * client starts NTLMSSP in its next leg (RFC 4178 3.2).
 */
static __le32 smb2_spnego_counter(struct cifsd_work *w,
				  struct cifsd_session *sess,
				  const struct spnego_token *t)
{
	struct ntlmssp_server_state *st = sess->ntlmssp;

	if (!t->mech_types || t->mech_types_len > sizeof(st->mech_types))
		return STATUS_LOGON_FAILURE;
	if (!st) {
		st = kzalloc(sizeof(*st), GFP_KERNEL);
		if (!st)
			return STATUS_NO_MEMORY;
		sess->ntlmssp = st;
	}
	memcpy(st->mech_types, t->mech_types, t->mech_types_len);
	st->mech_types_len = t->mech_types_len;
	if (smb2_sess_reply(w, SPNEGO_ACCEPT_INCOMPLETE, NULL, 0, true))
		return STATUS_INTERNAL_ERROR;
	return STATUS_MORE_PROCESSING_REQUIRED;
}

static __le32 smb2_sess_step(struct cifsd_work *w, struct cifsd_session *sess)
{
	struct smb2_sess_setup_req *req = smb2_req_body(w);
	const u8 *blob = (u8 *)smb2_req_hdr(w) +
			 le16_to_cpu(req->SecurityBufferOffset);
	size_t blob_len = le16_to_cpu(req->SecurityBufferLength);
	struct spnego_token t;

	if (!blob_len)
		return STATUS_INVALID_PARAMETER;
	if (spnego_parse(blob, blob_len, &t) || !t.token)
		return STATUS_LOGON_FAILURE;
	sess->raw_ntlmssp = t.raw;
	if (!t.is_resp && !t.raw && !t.ntlm_is_first)
		return smb2_spnego_counter(w, sess, &t);
	if (t.token_len < 12 || memcmp(t.token, "NTLMSSP", 8))
		return STATUS_LOGON_FAILURE;
	switch (get_unaligned_le32(t.token + 8)) {
	case NTLMSSP_NEGOTIATE:
		return smb2_ntlm_challenge(w, sess, &t);
	case NTLMSSP_AUTH:
		return smb2_ntlm_authenticate(w, sess, &t);
	default:
		return STATUS_LOGON_FAILURE;
	}
}

int smb2_session_setup(struct cifsd_work *w)
{
	struct smb2_sess_setup_req *req = smb2_req_body(w);
	struct smb2_hdr *hdr = smb2_req_hdr(w);
	u64 id = le64_to_cpu(hdr->SessionId);
	struct cifsd_session *sess;
	__le32 status;

	if (req->Flags & SMB2_SESSION_REQ_FLAG_BINDING) {
		smb2_set_error(w, STATUS_REQUEST_NOT_ACCEPTED);
		return 0;
	}
	if (!id) {
		sess = cifsd_session_new(w->conn);
		if (IS_ERR(sess)) {
			smb2_set_error(w, PTR_ERR(sess) == -ENOMEM ?
				       STATUS_INSUFFICIENT_RESOURCES :
				       STATUS_REQUEST_NOT_ACCEPTED);
			return 0;
		}
	} else {
		sess = cifsd_session_lookup(w->conn, id);
		if (!sess) {
			smb2_set_error(w, STATUS_USER_SESSION_DELETED);
			return 0;
		}
	}
	if (w->sess)
		cifsd_session_put(w->sess);
	w->sess = sess;		/* the work's reference */
	smb2_rsp_hdr(w)->SessionId = cpu_to_le64(sess->id);

	mutex_lock(&sess->setup_lock);
	if (sess->state != CIFSD_SESS_IN_PROGRESS) {
		/* Re-authentication is not supported yet. */
		mutex_unlock(&sess->setup_lock);
		smb2_set_error(w, STATUS_REQUEST_NOT_ACCEPTED);
		return 0;
	}
	if (w->conn->dialect == SMB311_PROT_ID)
		smb2_preauth_update(sess->preauth_hash, hdr, w->pdu_len);
	status = smb2_sess_step(w, sess);
	if (status == STATUS_SUCCESS || status == STATUS_MORE_PROCESSING_REQUIRED) {
		smb2_rsp_hdr(w)->Status = status;
		if (status == STATUS_SUCCESS) {
			kfree(sess->ntlmssp);
			sess->ntlmssp = NULL;
		}
		mutex_unlock(&sess->setup_lock);
		return 0;
	}
	mutex_unlock(&sess->setup_lock);
	smb2_set_error(w, status);
	cifsd_session_destroy(sess);
	return 0;
}

int smb2_logoff(struct cifsd_work *w)
{
	struct smb2_simple_rsp *rsp;

	cifsd_session_destroy(w->sess);
	rsp = smb2_rsp_fixed(w, sizeof(*rsp));
	if (rsp)
		rsp->StructureSize = cpu_to_le16(4);
	return 0;
}
