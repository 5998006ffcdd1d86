// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SP800-108 counter-mode KDF and SMB 3.x session keys.
 */
#include "kdf.h"
#include "cifsd_crypto.h"
#include "smb2pdu.h"

int smb3_kdf(const u8 *ki, size_t ki_len, const u8 *label, size_t label_len,
	     const u8 *ctx, size_t ctx_len, u8 *out, size_t out_len)
{
	static const u8 sep;
	struct cifsd_vec v[5];
	u8 ib[4], lb[4], k[32];
	size_t done = 0, n;
	u32 i;
	int rc = 0;

	if (!out_len || out_len > 64)
		return -EINVAL;
	put_unaligned_be32((u32)out_len * 8, lb);
	v[0].base = ib;
	v[0].len = 4;
	v[1].base = label;
	v[1].len = label_len;
	v[2].base = &sep;
	v[2].len = 1;
	v[3].base = ctx;
	v[3].len = ctx_len;
	v[4].base = lb;
	v[4].len = 4;
	for (i = 1; done < out_len; i++) {
		put_unaligned_be32(i, ib);
		rc = cifsd_hmac_sha256(ki, ki_len, v, 5, k);
		if (rc)
			break;
		n = min_t(size_t, 32, out_len - done);
		memcpy(out + done, k, n);
		done += n;
	}
	memset(k, 0, sizeof(k));
	return rc;
}

/* sizeof() includes the NUL, which the labels carry on the wire. */
#define L(s)	{ s, sizeof(s) }

static const struct {
	const char *s;
	size_t n;
} smb30_lbl[] = {
	[SMB3_KEY_SIGNING] = L("SMB2AESCMAC"),
	[SMB3_KEY_SERVER_ENC] = L("SMB2AESCCM"),
	[SMB3_KEY_SERVER_DEC] = L("SMB2AESCCM"),
	[SMB3_KEY_APPLICATION] = L("SMB2APP"),
}, smb30_ctx[] = {
	[SMB3_KEY_SIGNING] = L("SmbSign"),
	[SMB3_KEY_SERVER_ENC] = L("ServerOut"),
	[SMB3_KEY_SERVER_DEC] = L("ServerIn "),
	[SMB3_KEY_APPLICATION] = L("SmbRpc"),
}, smb311_lbl[] = {
	[SMB3_KEY_SIGNING] = L("SMBSigningKey"),
	[SMB3_KEY_SERVER_ENC] = L("SMBS2CCipherKey"),
	[SMB3_KEY_SERVER_DEC] = L("SMBC2SCipherKey"),
	[SMB3_KEY_APPLICATION] = L("SMBAppKey"),
};

int smb3_derive_key(u16 dialect, enum smb3_key_kind kind,
		    const u8 session_key[16], const u8 preauth_hash[64],
		    u8 *out, size_t out_len)
{
	if ((unsigned int)kind > SMB3_KEY_APPLICATION ||
	    (out_len != 16 && out_len != 32))
		return -EINVAL;
	switch (dialect) {
	case SMB30_PROT_ID:
	case SMB302_PROT_ID:
		return smb3_kdf(session_key, 16,
				(const u8 *)smb30_lbl[kind].s,
				smb30_lbl[kind].n,
				(const u8 *)smb30_ctx[kind].s,
				smb30_ctx[kind].n, out, out_len);
	case SMB311_PROT_ID:
		if (!preauth_hash)
			return -EINVAL;
		return smb3_kdf(session_key, 16,
				(const u8 *)smb311_lbl[kind].s,
				smb311_lbl[kind].n, preauth_hash,
				SMB2_PREAUTH_HASH_SIZE, out, out_len);
	default:
		return -EINVAL;
	}
}

int smb3_signing_key(u16 dialect, const u8 session_key[16],
		     const u8 preauth_hash[64], u8 out[16])
{
	return smb3_derive_key(dialect, SMB3_KEY_SIGNING, session_key,
			       preauth_hash, out, 16);
}

int smb311_preauth_update(u8 hash[64], const u8 *msg, size_t len)
{
	struct cifsd_vec v[2];

	v[0].base = hash;
	v[0].len = 64;
	v[1].base = msg;
	v[1].len = len;
	return cifsd_sha512(v, 2, hash);
}
