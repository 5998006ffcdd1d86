/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMB2 message signing (MS-SMB2 3.1.4.1, 3.1.5.1).
 */
#ifndef CIFSD_SIGN_H
#define CIFSD_SIGN_H

#include "smb2pdu.h"

/*
 * Compute the signature of the PDU [@pdu, @pdu + @len) (header included)
 * as if its Signature field were zero; @pdu is not modified.
 * @alg SMB2_SIGNING_HMAC_SHA256 (2.0.2/2.1: @key is the session key,
 * the HMAC is truncated to 16 bytes) or SMB2_SIGNING_AES_CMAC (3.x:
 * @key is the signing key).  Returns 0, -EINVAL (PDU shorter than the
 * header) or -EOPNOTSUPP (AES-GMAC and others).
 */
int smb2_sign_pdu(u16 alg, const u8 key[16], const u8 *pdu, size_t len,
		  u8 sig[16]);

/*
 * Check the Signature field of a received PDU in constant time.
 * Returns 0, -EACCES on mismatch, or an error of smb2_sign_pdu().
 */
int smb2_verify_pdu(u16 alg, const u8 key[16], const u8 *pdu, size_t len);

#endif /* CIFSD_SIGN_H */
