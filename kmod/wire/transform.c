// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 TRANSFORM_HEADER and in-place AES-CCM/GCM of SMB 3.x messages.
 */
#include "transform.h"
#include "cifsd_crypto.h"

/* Field offsets of the transform header (2.2.41). */
#define TF_SIG		4
#define TF_NONCE	20
#define TF_ORIG_SIZE	36
#define TF_FLAGS	42
#define TF_SESSION	44
#define TF_AAD_LEN	(SMB2_TRANSFORM_HDR_SIZE - TF_NONCE)

int smb2_transform_parse(const u8 *msg, size_t len, u64 *sess_id)
{
	u32 orig;

	if (len < SMB2_TRANSFORM_HDR_SIZE + SMB2_HDR_SIZE)
		return -EINVAL;
	if (get_unaligned_le32(msg) != le32_to_cpu(SMB2_TRANSFORM_PROTO_NUM))
		return -EINVAL;
	if (get_unaligned_le16(msg + TF_FLAGS) !=
	    SMB2_TRANSFORM_FLAG_ENCRYPTED)
		return -EINVAL;
	orig = get_unaligned_le32(msg + TF_ORIG_SIZE);
	if (orig != len - SMB2_TRANSFORM_HDR_SIZE)
		return -EINVAL;
	*sess_id = get_unaligned_le64(msg + TF_SESSION);
	return 0;
}

static int transform_crypt(u16 cipher, bool encrypt, const u8 *key,
			   u8 *msg, size_t len)
{
	struct cifsd_vec aad = {
		.base = msg + TF_NONCE, .len = TF_AAD_LEN,
	};

	if (!cifsd_cipher_key_len(cipher))
		return -EINVAL;
	return cifsd_aead(cipher, encrypt, key, msg + TF_NONCE, &aad, 1,
			  msg + SMB2_TRANSFORM_HDR_SIZE, len, msg + TF_SIG);
}

int smb3_encrypt_msg(u16 cipher, const u8 *key, const u8 nonce[16],
		     u64 sess_id, u8 *msg, size_t len)
{
	if (len > U32_MAX)
		return -EINVAL;
	put_unaligned_le32(le32_to_cpu(SMB2_TRANSFORM_PROTO_NUM), msg);
	memset(msg + TF_SIG, 0, SMB2_SIGNATURE_SIZE);
	memcpy(msg + TF_NONCE, nonce, SMB2_TRANSFORM_NONCE_SIZE);
	put_unaligned_le32((u32)len, msg + TF_ORIG_SIZE);
	put_unaligned_le16(0, msg + TF_FLAGS - 2);
	put_unaligned_le16(SMB2_TRANSFORM_FLAG_ENCRYPTED, msg + TF_FLAGS);
	put_unaligned_le64(sess_id, msg + TF_SESSION);
	return transform_crypt(cipher, true, key, msg, len);
}

int smb3_decrypt_msg(u16 cipher, const u8 *key, u8 *msg, size_t len)
{
	if (len < SMB2_TRANSFORM_HDR_SIZE)
		return -EINVAL;
	return transform_crypt(cipher, false, key, msg,
			       len - SMB2_TRANSFORM_HDR_SIZE);
}
