// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB 3.x encryption: session keys, decrypting requests, encrypting
 * replies (smb2_crypt.h).
 */

#include <linux/mm.h>
#include <linux/random.h>

#include "work.h"
#include "conn.h"
#include "server.h"
#include "session.h"
#include "stats.h"
#include "debug.h"
#include "smb2_crypt.h"
#include "uapi/cifsd_netlink.h"
#include "wire/kdf.h"
#include "wire/transform.h"
#include "wire/netbios.h"
#include "wire/cifsd_crypto.h"

int smb2_session_crypt_setup(struct cifsd_conn *conn,
			     struct cifsd_session *sess)
{
	u32 mode = READ_ONCE(cifsd_srv.cfg.encrypt);
	size_t klen = cifsd_cipher_key_len(conn->cipher);
	bool can = klen && sess->keyed;

	/* 3.3.5.5: a client that cannot encrypt gets no session at all */
	if (mode == CIFSD_ENCRYPT_REQUIRED && !can)
		return -EACCES;
	if (!can)
		return 0;
	if (smb3_derive_key(conn->dialect, SMB3_KEY_SERVER_ENC,
			    sess->session_key, sess->preauth_hash,
			    sess->enc_key, klen) ||
	    smb3_derive_key(conn->dialect, SMB3_KEY_SERVER_DEC,
			    sess->session_key, sess->preauth_hash,
			    sess->dec_key, klen))
		return -EIO;
	get_random_bytes(sess->nonce_salt, sizeof(sess->nonce_salt));
	atomic64_set(&sess->nonce_next, get_random_u64());
	sess->cipher = conn->cipher;
	sess->encrypt_data = mode == CIFSD_ENCRYPT_DESIRED ||
			     mode == CIFSD_ENCRYPT_REQUIRED;
	sess->encrypt_required = mode == CIFSD_ENCRYPT_REQUIRED;
	return 0;
}

bool smb2_session_encrypts(const struct cifsd_session *sess)
{
	return sess->cipher &&
	       (sess->encrypt_data || READ_ONCE(sess->client_encrypts));
}

int smb2_decrypt_req(struct cifsd_work *w)
{
	struct cifsd_conn *conn = w->conn;
	struct cifsd_session *sess;
	u64 id;
	int rc;

	if (READ_ONCE(conn->state) != CIFSD_CONN_NEGOTIATED || !conn->cipher ||
	    w->tf_sess || smb2_transform_parse(w->req, w->req_len, &id))
		return -EPROTO;
	sess = cifsd_session_lookup(conn, id);
	if (!sess)
		return -ENOENT;
	/* no key yet (still authenticating), or a guest/anonymous one */
	if (!sess->cipher || sess->cipher != conn->cipher) {
		cifsd_session_put(sess);
		return -EACCES;
	}
	rc = smb3_decrypt_msg(sess->cipher, sess->dec_key, w->req, w->req_len);
	if (rc) {
		cifsd_dbg(SMB2, "%s: an encrypted message does not decrypt (%d), closing\n",
			  conn->peer_str, rc);
		cifsd_session_put(sess);
		return rc;
	}
	memmove(w->req, w->req + SMB2_TRANSFORM_HDR_SIZE,
		w->req_len - SMB2_TRANSFORM_HDR_SIZE);
	w->req_len -= SMB2_TRANSFORM_HDR_SIZE;
	cifsd_conn_uncharge(conn, SMB2_TRANSFORM_HDR_SIZE);
	WRITE_ONCE(sess->client_encrypts, true);
	w->tf_sess = sess;		/* the work's reference */
	smb2_encrypt_with(w, sess);
	return 0;
}

void smb2_encrypt_with(struct cifsd_work *w, struct cifsd_session *sess)
{
	if (w->enc_sess || !sess->cipher)
		return;
	w->enc_sess = cifsd_session_get(sess);
}

/* A nonce never used before under the session's key. */
static void smb2_next_nonce(struct cifsd_session *sess, u8 nonce[16])
{
	u64 n = (u64)atomic64_inc_return(&sess->nonce_next);

	memset(nonce, 0, SMB2_TRANSFORM_NONCE_SIZE);
	put_unaligned_le64(n, nonce);
	/* 11 bytes of CCM nonce, 12 of GCM nonce; the rest stays zero */
	memcpy(nonce + 8, sess->nonce_salt,
	       cifsd_cipher_nonce_len(sess->cipher) - 8);
}

int smb2_encrypt_rsp(struct cifsd_work *w)
{
	struct cifsd_session *sess = w->enc_sess;
	size_t len = w->rsp_len - NB_HDR_SIZE;
	u8 nonce[SMB2_TRANSFORM_NONCE_SIZE];
	u8 *msg = w->rsp + NB_HDR_SIZE;
	int rc;

	/* cifsd_work_alloc_rsp() kept the headroom behind rsp_cap */
	memmove(msg + SMB2_TRANSFORM_HDR_SIZE, msg, len);
	smb2_next_nonce(sess, nonce);
	rc = smb3_encrypt_msg(sess->cipher, sess->enc_key, nonce, sess->id,
			      msg, len);
	if (rc) {
		cifsd_dbg(SMB2, "%s: cannot encrypt a reply (%d), closing\n",
			  w->conn->peer_str, rc);
		return rc;
	}
	w->rsp_len += SMB2_TRANSFORM_HDR_SIZE;
	return 0;
}
