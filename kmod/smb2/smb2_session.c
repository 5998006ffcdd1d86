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
#include "smb2_crypt.h"
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

/* The outcome of one authentication, given to the session on success. */
struct smb2_auth {
	const struct cred *cred;
	bool guest;
	bool anonymous;
	u8 key[16];		/* exported session key (users only) */
};

/* Ask the daemon about the account: who the session would run as. */
static __le32 smb2_lookup_account(const struct cifsd_login *l, u8 nt_hash[16],
				  struct smb2_auth *au)
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
	au->guest = flags & CIFSD_LOGIN_F_GUEST;
	if (!au->guest) {
		if (!r.attrs[CIFSD_A_NT_HASH])
			goto out;
		memcpy(nt_hash, nla_data(r.attrs[CIFSD_A_NT_HASH]), 16);
	}
	uid = nla_get_u32(r.attrs[CIFSD_A_UID]);
	gid = nla_get_u32(r.attrs[CIFSD_A_GID]);
	au->cred = cifsd_make_cred(uid, gid);
	if (au->cred)
		status = STATUS_SUCCESS;
out:
	cifsd_ipc_reply_free(&r);
	return status;
}

/* The first authentication with a key: the session's signing keys. */
static __le32 smb2_sess_keys(struct cifsd_work *w, struct cifsd_session *sess,
			     const u8 key[16])
{
	struct cifsd_conn *conn = w->conn;

	memcpy(sess->session_key, key, sizeof(sess->session_key));
	if (conn->dialect >= SMB30_PROT_ID) {
		if (smb3_signing_key(conn->dialect, sess->session_key,
				     sess->preauth_hash, sess->signing_key))
			return STATUS_INTERNAL_ERROR;
	} else {
		memcpy(sess->signing_key, sess->session_key, 16);
	}
	sess->signing_required = conn->signing_required ||
		cifsd_srv.cfg.signing == CIFSD_SIGNING_MANDATORY;
	sess->keyed = true;
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

static bool smb2_same_identity(const struct cifsd_session *sess,
			       const struct smb2_auth *au,
			       const struct cifsd_login *l)
{
	return sess->cred && uid_eq(sess->cred->fsuid, au->cred->fsuid) &&
	       gid_eq(sess->cred->fsgid, au->cred->fsgid) &&
	       sess->guest == au->guest && sess->anonymous == au->anonymous &&
	       !strcmp(sess->account, l->account) &&
	       !strcmp(sess->domain, l->domain);
}

/*
 * Who the session runs as from now on.  A re-authentication (3.3.5.5.2)
 * may change it while other requests still use the old identity: the
 * old credentials and names stay with the session (sess->retired) until
 * it is freed, at most CIFSD_MAX_RETIRED times per session.
 */
static int smb2_sess_set_identity(struct cifsd_session *sess,
				  struct smb2_auth *au,
				  const struct cifsd_login *l)
{
	struct cifsd_retired *old = NULL;
	char *account, *domain;

	if (smb2_same_identity(sess, au, l))
		return 0;
	if (sess->cred && sess->nr_retired >= CIFSD_MAX_RETIRED)
		return -EUSERS;
	account = kstrdup(l->account, GFP_KERNEL);
	domain = kstrdup(l->domain, GFP_KERNEL);
	if (sess->cred)
		old = kzalloc(sizeof(*old), GFP_KERNEL);
	if (!account || !domain || (sess->cred && !old)) {
		kfree(account);
		kfree(domain);
		kfree(old);
		return -ENOMEM;
	}
	if (old) {
		old->cred = sess->cred;
		old->account = sess->account;
		old->domain = sess->domain;
		old->next = sess->retired;
		sess->retired = old;
		sess->nr_retired++;
	}
	WRITE_ONCE(sess->cred, au->cred);
	au->cred = NULL;
	WRITE_ONCE(sess->account, account);
	WRITE_ONCE(sess->domain, domain);
	WRITE_ONCE(sess->guest, au->guest);
	WRITE_ONCE(sess->anonymous, au->anonymous);
	return 0;
}

/*
 * The final SPNEGO answer.  When this authentication has a key and the
 * client protects the negotiation (it sent a mechListMIC, or an NTLMSSP
 * MIC that makes it expect one), check its mechListMIC and send ours
 * (RFC 4178 5).
 */
static int smb2_sess_final_reply(struct cifsd_work *w,
				 struct cifsd_session *sess,
				 const struct smb2_auth *au,
				 const struct ntlmssp_auth *a,
				 const struct spnego_token *t)
{
	struct ntlmssp_server_state *st = sess->ntlmssp;
	u8 mic[SPNEGO_MIC_SIZE];

	if (au->guest || au->anonymous || t->raw || !st->mech_types_len ||
	    (!t->mech_list_mic_len && !a->mic_present))
		return smb2_sess_reply(w, SPNEGO_ACCEPT_COMPLETED, NULL, 0,
				       false);
	if (t->mech_list_mic_len &&
	    ntlmssp_gss_verify_mic(au->key, a->flags, false, 0,
				   st->mech_types, st->mech_types_len,
				   t->mech_list_mic, t->mech_list_mic_len))
		return -EACCES;
	if (ntlmssp_gss_mic(au->key, a->flags, true, 0,
			    st->mech_types, st->mech_types_len, mic))
		return -EIO;
	return smb2_sess_reply_mic(w, SPNEGO_ACCEPT_COMPLETED, NULL, 0, false,
				   mic, sizeof(mic));
}

/* Check the AUTHENTICATE message: who it is, and its key for a user. */
static __le32 smb2_ntlm_check(struct ntlmssp_server_state *st,
			      const struct ntlmssp_auth *a,
			      const struct spnego_token *t,
			      struct cifsd_login *l, struct smb2_auth *au)
{
	u8 nt_hash[16], base_key[16];
	__le32 status;

	if (smb2_names(a, l))
		return STATUS_LOGON_FAILURE;
	if (a->anonymous)
		l->account[0] = '\0';
	status = smb2_lookup_account(l, nt_hash, au);
	if (status != STATUS_SUCCESS)
		return status;
	if (a->anonymous) {
		au->anonymous = true;
		au->guest = false;
	} else if (!au->guest) {
		int rc = ntlmv2_verify(nt_hash, a, st->challenge, base_key);

		status = rc == -EBADMSG ? STATUS_INVALID_PARAMETER :
					  STATUS_LOGON_FAILURE;
		if (rc || ntlmssp_exported_key(base_key, a, au->key))
			goto out;
		if (a->mic && ntlmssp_verify_mic(au->key, st->neg, st->neg_len,
						 st->chal, st->chal_len,
						 t->token, t->token_len))
			goto out;
		status = STATUS_SUCCESS;
	}
out:
	memzero_explicit(nt_hash, sizeof(nt_hash));
	memzero_explicit(base_key, sizeof(base_key));
	return status;
}

/*
 * Leg 2: AUTHENTICATE_MESSAGE.  A new session gets its keys from this
 * authentication; a re-authentication (@reauth) keeps the keys it has and
 * only changes who the session runs as.
 */
static __le32 smb2_ntlm_authenticate(struct cifsd_work *w,
				     struct cifsd_session *sess,
				     const struct spnego_token *t, bool reauth)
{
	const struct smb2_sess_setup_req *req = smb2_req_body(w);
	struct ntlmssp_server_state *st = sess->ntlmssp;
	struct smb2_sess_setup_rsp *rsp;
	struct smb2_auth au = { };
	struct ntlmssp_auth a;
	struct cifsd_login *l;
	__le32 status;

	if (!st || ntlmssp_parse_authenticate(t->token, t->token_len, &a))
		return STATUS_INVALID_PARAMETER;
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return STATUS_NO_MEMORY;
	status = smb2_ntlm_check(st, &a, t, l, &au);
	if (status != STATUS_SUCCESS)
		goto out;
	/*
	 * An unknown user mapped to guest ("map to guest = bad user") does
	 * not re-authenticate a session, nor does anyone a session that
	 * began without keys.  A null login on a user's session does, as on
	 * Windows and Samba: the session runs as anonymous (fewer rights)
	 * until the client authenticates again; its keys stay those of its
	 * first login, so only that client can do either.
	 */
	if (reauth && (au.guest != sess->guest ||
		       (au.anonymous != sess->anonymous && !sess->keyed))) {
		status = STATUS_LOGON_FAILURE;
		goto out;
	}
	if (!reauth && !au.guest && !au.anonymous) {
		status = smb2_sess_keys(w, sess, au.key);
		if (status != STATUS_SUCCESS)
			goto out;
	}
	if (smb2_sess_set_identity(sess, &au, l)) {
		status = reauth ? STATUS_REQUEST_NOT_ACCEPTED :
				  STATUS_NO_MEMORY;
		goto out;
	}
	/* guests and anonymous get no key: refused if encryption is required */
	if (!reauth && smb2_session_crypt_setup(w->conn, sess)) {
		status = STATUS_ACCESS_DENIED;
		goto out;
	}
	if (smb2_sess_final_reply(w, sess, &au, &a, t)) {
		status = STATUS_LOGON_FAILURE;
		goto out;
	}
	rsp = smb2_rsp_body(w);
	if (au.guest)
		rsp->SessionFlags = SMB2_SESSION_FLAG_IS_GUEST;
	else if (au.anonymous)
		rsp->SessionFlags = SMB2_SESSION_FLAG_IS_NULL;
	else if (sess->encrypt_data)
		rsp->SessionFlags = SMB2_SESSION_FLAG_ENCRYPT_DATA;
	if (!reauth) {
		if (!cifsd_session_set_valid(sess)) {
			status = STATUS_USER_SESSION_DELETED;
			goto out;
		}
		cifsd_stat_inc(CIFSD_STAT_SESSIONS_TOTAL);
		/* 3.3.5.5.3: a session reconnect replaces the previous one */
		cifsd_session_replace(sess, le64_to_cpu(req->PreviousSessionId));
	}
	status = STATUS_SUCCESS;
out:
	cifsd_dbg(AUTH, "%s: %s of user '%s'%s: %s (0x%08x)\n",
		  w->conn->peer_str, reauth ? "re-authentication" :
		  "session setup", l->account, au.guest ? " as guest" : "",
		  status == STATUS_SUCCESS ? "success" : "failed",
		  le32_to_cpu(status));
	if (au.cred)
		put_cred(au.cred);
	memzero_explicit(au.key, sizeof(au.key));
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

static __le32 smb2_sess_step(struct cifsd_work *w, struct cifsd_session *sess,
			     bool reauth)
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
		return smb2_ntlm_authenticate(w, sess, &t, reauth);
	default:
		return STATUS_LOGON_FAILURE;
	}
}

/*
 * 3.3.5.5.2: SESSION_SETUP on a valid session re-authenticates it.  The
 * session stays valid meanwhile; an encrypted session only takes it
 * encrypted, and its replies are signed with the key it has.
 */
static bool smb2_reauth_allowed(struct cifsd_work *w,
				struct cifsd_session *sess)
{
	if (w->tf_sess ? w->tf_sess != sess : sess->encrypt_required)
		return false;
	w->setup_reauth = true;
	return true;
}

static struct cifsd_session *smb2_setup_session(struct cifsd_work *w, u64 id)
{
	struct cifsd_session *sess;

	if (!id) {
		sess = cifsd_session_new(w->conn);
		if (IS_ERR(sess)) {
			smb2_set_error(w, PTR_ERR(sess) == -ENOMEM ?
				       STATUS_INSUFFICIENT_RESOURCES :
				       STATUS_REQUEST_NOT_ACCEPTED);
			return NULL;
		}
	} else {
		sess = cifsd_session_lookup(w->conn, id);
		if (!sess) {
			smb2_set_error(w, STATUS_USER_SESSION_DELETED);
			return NULL;
		}
	}
	if (w->sess)
		cifsd_session_put(w->sess);
	w->sess = sess;		/* the work's reference */
	smb2_rsp_hdr(w)->SessionId = cpu_to_le64(sess->id);
	return sess;
}

int smb2_session_setup(struct cifsd_work *w)
{
	struct smb2_sess_setup_req *req = smb2_req_body(w);
	struct smb2_hdr *hdr = smb2_req_hdr(w);
	struct cifsd_session *sess;
	bool reauth;
	__le32 status;

	if (req->Flags & SMB2_SESSION_REQ_FLAG_BINDING) {
		smb2_set_error(w, STATUS_REQUEST_NOT_ACCEPTED);
		return 0;
	}
	/* 3.3.5.5 steps 1 and 2: encryption required, and this client cannot */
	if (READ_ONCE(cifsd_srv.cfg.encrypt) == CIFSD_ENCRYPT_REQUIRED &&
	    !w->conn->cipher) {
		smb2_set_error(w, STATUS_ACCESS_DENIED);
		return 0;
	}
	sess = smb2_setup_session(w, le64_to_cpu(hdr->SessionId));
	if (!sess)
		return 0;

	mutex_lock(&sess->setup_lock);
	reauth = READ_ONCE(sess->state) == CIFSD_SESS_VALID;
	if (READ_ONCE(sess->state) == CIFSD_SESS_EXPIRED ||
	    (reauth && !smb2_reauth_allowed(w, sess))) {
		mutex_unlock(&sess->setup_lock);
		smb2_set_error(w, reauth ? STATUS_ACCESS_DENIED :
				  STATUS_USER_SESSION_DELETED);
		return 0;
	}
	/* a re-authentication derives no keys: the hash is not needed */
	if (w->conn->dialect == SMB311_PROT_ID && !reauth)
		smb2_preauth_update(sess->preauth_hash, hdr, w->pdu_len);
	status = smb2_sess_step(w, sess, reauth);
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
	/* a failed login, or re-authentication, ends the session */
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
