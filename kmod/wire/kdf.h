/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMB 3.x key derivation (MS-SMB2 3.1.4.2: SP800-108 counter mode with
 * HMAC-SHA256) and the 3.1.1 preauth integrity hash (MS-SMB2 3.3.5.4,
 * 3.3.5.5).
 */
#ifndef CIFSD_KDF_H
#define CIFSD_KDF_H

#include "wire.h"

/*
 * out = KDF(Ki, Label, Context) with r = 32 and L = @out_len * 8:
 * K(i) = HMAC-SHA256(Ki, i || Label || 0x00 || Context || L), 32-bit
 * big-endian i and L.  SMB labels and 3.0 contexts include their
 * terminating NUL in @label_len / @ctx_len.  @out_len at most 64.
 */
int smb3_kdf(const u8 *ki, size_t ki_len, const u8 *label, size_t label_len,
	     const u8 *ctx, size_t ctx_len, u8 *out, size_t out_len);

enum smb3_key_kind {
	SMB3_KEY_SIGNING,
	SMB3_KEY_SERVER_ENC,	/* server -> client (Session.EncryptionKey) */
	SMB3_KEY_SERVER_DEC,	/* client -> server (Session.DecryptionKey) */
	SMB3_KEY_APPLICATION,
};

/*
 * Derive one session key for @dialect (0x0300, 0x0302, 0x0311) as
 * MS-SMB2 3.3.5.5.3 lists them.  @out_len is 16, or 32 for the
 * AES-256 cipher keys of 3.1.1 (L = 256).  @preauth_hash is used for
 * 3.1.1 only (may be NULL otherwise).  Returns 0 or -EINVAL.
 */
int smb3_derive_key(u16 dialect, enum smb3_key_kind kind,
		    const u8 session_key[16], const u8 preauth_hash[64],
		    u8 *out, size_t out_len);

/* The signing key: smb3_derive_key(dialect, SMB3_KEY_SIGNING, ...). */
int smb3_signing_key(u16 dialect, const u8 session_key[16],
		     const u8 preauth_hash[64], u8 out[16]);

/* hash = SHA-512(hash || msg), the 3.1.1 preauth integrity update. */
int smb311_preauth_update(u8 hash[64], const u8 *msg, size_t len);

#endif /* CIFSD_KDF_H */
