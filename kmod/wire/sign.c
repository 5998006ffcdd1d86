// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 signatures over a PDU whose Signature field counts as zero.
 */
#include "sign.h"
#include "cifsd_crypto.h"

#define SIG_OFF	48

void smb2_gmac_nonce(const u8 *pdu, u8 nonce[12])
{
	u32 role = 0;

	/* MessageId, then the sender's role and whether it is a CANCEL */
	memcpy(nonce, pdu + 24, 8);
	if (get_unaligned_le32(pdu + 16) & 0x00000001)	/* SERVER_TO_REDIR */
		role |= 1;
	if (get_unaligned_le16(pdu + 12) == SMB2_CANCEL)
		role |= 2;
	put_unaligned_le32(role, nonce + 8);
}

int smb2_sign_pdu_vec(u16 alg, const u8 key[16], const u8 *pdu, size_t len,
		      struct cifsd_vec *v, int ndata, u8 sig[16])
{
	static const u8 zero[SMB2_SIGNATURE_SIZE];
	int n = 3 + ndata;
	u8 mac[32];
	int rc;

	if (len < SMB2_HDR_SIZE)
		return -EINVAL;
	v[0].base = pdu;
	v[0].len = SIG_OFF;
	v[1].base = zero;
	v[1].len = SMB2_SIGNATURE_SIZE;
	v[2].base = pdu + SMB2_HDR_SIZE;
	v[2].len = len - SMB2_HDR_SIZE;
	switch (alg) {
	case SMB2_SIGNING_HMAC_SHA256:
		rc = cifsd_hmac_sha256(key, 16, v, n, mac);
		break;
	case SMB2_SIGNING_AES_CMAC:
		rc = cifsd_aes_cmac(key, v, n, mac);
		break;
	case SMB2_SIGNING_AES_GMAC: {
		u8 nonce[12];

		smb2_gmac_nonce(pdu, nonce);
		rc = cifsd_aead(SMB2_ENCRYPTION_AES128_GCM, true, key, nonce,
				v, n, NULL, 0, mac);
		break;
	}
	default:
		return -EOPNOTSUPP;
	}
	if (!rc)
		memcpy(sig, mac, SMB2_SIGNATURE_SIZE);
	memset(mac, 0, sizeof(mac));
	return rc;
}

int smb2_sign_pdu(u16 alg, const u8 key[16], const u8 *pdu, size_t len,
		  u8 sig[16])
{
	struct cifsd_vec v[3];

	return smb2_sign_pdu_vec(alg, key, pdu, len, v, 0, sig);
}

int smb2_verify_pdu(u16 alg, const u8 key[16], const u8 *pdu, size_t len)
{
	u8 sig[SMB2_SIGNATURE_SIZE];
	int rc;

	rc = smb2_sign_pdu(alg, key, pdu, len, sig);
	if (rc)
		return rc;
	if (crypto_memneq(sig, pdu + SIG_OFF, SMB2_SIGNATURE_SIZE))
		rc = -EACCES;
	memset(sig, 0, sizeof(sig));
	return rc;
}
