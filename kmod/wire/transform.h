/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMB 3.x encrypted messages: the SMB2 TRANSFORM_HEADER (MS-SMB2 2.2.41)
 * and encryption/decryption of what follows it (3.1.4.3, 3.3.5.2.1.1).
 *
 * A transformed message is the 52-byte header followed by the encrypted
 * SMB2 message (a single PDU or a whole compound chain).  The cipher
 * authenticates the header from Nonce to SessionId (32 bytes) with the
 * data and puts its tag in Signature.
 */
#ifndef CIFSD_TRANSFORM_H
#define CIFSD_TRANSFORM_H

#include "smb2pdu.h"

#define SMB2_TRANSFORM_HDR_SIZE		52
#define SMB2_TRANSFORM_NONCE_SIZE	16
#define SMB2_TRANSFORM_FLAG_ENCRYPTED	0x0001

/*
 * Check the header of a received transformed message of @len bytes
 * (without the RFC 1002 header): ProtocolId 0xFD 'S' 'M' 'B', Flags
 * 0x0001, and OriginalMessageSize equal to what follows the header and
 * large enough for an SMB2 header.  Returns 0 and the SessionId, or
 * -EINVAL (MS-SMB2 3.3.5.2.1.1: the connection is dropped).
 */
int smb2_transform_parse(const u8 *msg, size_t len, u64 *sess_id);

/*
 * Encrypt in place: @msg holds SMB2_TRANSFORM_HDR_SIZE bytes of room and
 * then the @len-byte plaintext.  Fills the header (@nonce is the whole
 * 16-byte Nonce field: 11 bytes of CCM nonce or 12 of GCM nonce, then
 * zeros) and encrypts with @cipher (SMB2_ENCRYPTION_*) and @key.
 * @msg is heap memory (cifsd_aead()).  0 or a negative errno.
 */
int smb3_encrypt_msg(u16 cipher, const u8 *key, const u8 nonce[16],
		     u64 sess_id, u8 *msg, size_t len);

/*
 * Decrypt in place a message whose header smb2_transform_parse()
 * accepted: afterwards the plaintext is at @msg + SMB2_TRANSFORM_HDR_SIZE,
 * @len - SMB2_TRANSFORM_HDR_SIZE bytes.  -EBADMSG when the tag does not
 * match (the data is then garbage).
 */
int smb3_decrypt_msg(u16 cipher, const u8 *key, u8 *msg, size_t len);

#endif /* CIFSD_TRANSFORM_H */
