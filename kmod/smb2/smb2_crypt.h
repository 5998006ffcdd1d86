/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMB 3.x encryption of whole messages (MS-SMB2 3.1.4.3, 3.3.5.2.1.1,
 * 3.3.4.1.4): a received transformed message is decrypted in place
 * before any of its members is looked at; a reply is encrypted as a
 * whole (a compound in one transform) just before it is sent.
 *
 * Which replies are encrypted: every reply to an encrypted request; the
 * replies of a session with Session.EncryptData ("server smb encrypt =
 * desired/required") and of a tree connect to a share that encrypts,
 * except the SESSION_SETUP replies that establish the session.
 * w->enc_sess is the session whose key encrypts the reply (counted).
 */
#ifndef CIFSD_SMB2_CRYPT_H
#define CIFSD_SMB2_CRYPT_H

#include <linux/types.h>

struct cifsd_work;
struct cifsd_conn;
struct cifsd_session;
struct cifsd_tree;

/* Bytes a reply buffer keeps free for the transform header. */
#define CIFSD_RSP_HEADROOM	52

/*
 * The session has its key: derive its encryption keys when the
 * connection negotiated a cipher, and decide (from "server smb encrypt")
 * whether it encrypts.  0, or -EACCES when encryption is required and
 * this session cannot have it (guest, anonymous, no cipher).
 */
int smb2_session_crypt_setup(struct cifsd_conn *conn,
			     struct cifsd_session *sess);

/*
 * A transformed message arrived (w->req starts with 0xFD 'S' 'M' 'B'):
 * check it, find its session, decrypt it and leave the plain message in
 * w->req.  Non-zero: the connection must be dropped (3.3.5.2.1.1).
 */
int smb2_decrypt_req(struct cifsd_work *w);

/* The reply of the current message must be encrypted with @sess's key. */
void smb2_encrypt_with(struct cifsd_work *w, struct cifsd_session *sess);

/*
 * Encrypt the reply in w->rsp (RFC 1002 header not written yet) in place
 * into one transformed message; w->rsp_len grows by the header.
 * Non-zero: nothing can be sent, drop the connection.
 */
int smb2_encrypt_rsp(struct cifsd_work *w);

/* Are the replies of @sess encrypted even to unencrypted requests? */
bool smb2_session_encrypts(const struct cifsd_session *sess);

#endif /* CIFSD_SMB2_CRYPT_H */
