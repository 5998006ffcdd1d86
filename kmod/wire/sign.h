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
 * the HMAC is truncated to 16 bytes), SMB2_SIGNING_AES_CMAC (3.x: @key
 * is the signing key) or SMB2_SIGNING_AES_GMAC (3.1.1 when negotiated;
 * the nonce comes from the PDU's header, smb2_gmac_nonce()).  @pdu is
 * heap memory when longer than the header (cifsd_aead()).  Returns 0,
 * -EINVAL (PDU shorter than the header) or -EOPNOTSUPP (unknown @alg).
 */
int smb2_sign_pdu(u16 alg, const u8 key[16], const u8 *pdu, size_t len,
		  u8 sig[16]);

/*
 * The same for a PDU whose last bytes are elsewhere: [@pdu, @pdu + @len)
 * followed by the @ndata pieces v[3 .. 3 + @ndata); v[0..3) are filled
 * here.  Pieces longer than a few bytes must be heap or page memory.
 */
struct cifsd_vec;
int smb2_sign_pdu_vec(u16 alg, const u8 key[16], const u8 *pdu, size_t len,
		      struct cifsd_vec *v, int ndata, u8 sig[16]);

/*
 * The AES-GMAC nonce of a PDU (MS-SMB2 3.1.4.1): its MessageId, then a
 * 32-bit little-endian word with bit 0 set when the server sends it and
 * bit 1 set for a CANCEL request.
 */
void smb2_gmac_nonce(const u8 *pdu, u8 nonce[12]);

/*
 * Check the Signature field of a received PDU in constant time.
 * Returns 0, -EACCES on mismatch, or an error of smb2_sign_pdu().
 */
int smb2_verify_pdu(u16 alg, const u8 key[16], const u8 *pdu, size_t len);

#endif /* CIFSD_SIGN_H */
