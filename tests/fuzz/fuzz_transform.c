// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz the SMB2 TRANSFORM_HEADER check and in-place decryption of a
 * received message, then encrypt/decrypt round trips of the same bytes.
 */
#include <stdlib.h>
#include "transform.h"
#include "cifsd_crypto.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const u8 key[32] = { 0x26, 0x1b, 0x72, 0x35, 0x05, 0x58 };
	u8 nonce[16] = { 0 };
	u16 cipher;
	u64 sid;
	u8 *m;

	if (size > 1 << 16)
		return 0;
	m = malloc(size + SMB2_TRANSFORM_HDR_SIZE + 1);
	if (!m)
		return 0;
	cipher = size ? (data[size - 1] & 3) + 1 : 1;
	memcpy(m, data, size);
	if (!smb2_transform_parse(m, size, &sid)) {
		if (size < SMB2_TRANSFORM_HDR_SIZE + SMB2_HDR_SIZE ||
		    get_unaligned_le32(m + 36) != size - SMB2_TRANSFORM_HDR_SIZE)
			__builtin_trap();
		/* random bytes never authenticate; the call must not crash */
		smb3_decrypt_msg(cipher, key, m, size);
	}
	/* what we encrypt we decrypt, with any cipher */
	memcpy(m + SMB2_TRANSFORM_HDR_SIZE, data, size);
	if (size >= 8)
		memcpy(nonce, data, 8);
	if (smb3_encrypt_msg(cipher, key, nonce, 7, m, size))
		__builtin_trap();
	if (size >= SMB2_HDR_SIZE &&
	    smb2_transform_parse(m, size + SMB2_TRANSFORM_HDR_SIZE, &sid))
		__builtin_trap();
	if (smb3_decrypt_msg(cipher, key, m, size + SMB2_TRANSFORM_HDR_SIZE) ||
	    memcmp(m + SMB2_TRANSFORM_HDR_SIZE, data, size))
		__builtin_trap();
	free(m);
	return 0;
}
