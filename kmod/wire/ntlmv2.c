// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NTLMv2 response verification and session key derivation
 * (MS-NLMP 3.3.2, 3.4.5.1, 3.1.5.1.2).
 */
#include "ntlmssp.h"
#include "utf16.h"
#include "arc4.h"
#include "cifsd_crypto.h"

static const u8 zero16[16];

/* NTProofStr for one NTOWFv2 candidate; 0 when it matches. */
static int try_domain(const u8 nt_hash[16], const u8 *user, size_t ulen,
		      const u8 *dom, size_t dlen, const struct ntlmssp_auth *a,
		      const u8 chal[8], u8 key[16])
{
	struct cifsd_vec v[2];
	u8 ntowf[16], proof[16];
	int rc;

	v[0].base = user;
	v[0].len = ulen;
	v[1].base = dom;
	v[1].len = dlen;
	rc = cifsd_hmac_md5(nt_hash, 16, v, 2, ntowf);
	if (rc)
		goto out;
	v[0].base = chal;
	v[0].len = 8;
	v[1].base = a->nt_resp + 16;
	v[1].len = a->nt_resp_len - 16;
	rc = cifsd_hmac_md5(ntowf, 16, v, 2, proof);
	if (rc)
		goto out;
	if (crypto_memneq(proof, a->nt_resp, 16)) {
		rc = -EACCES;
		goto out;
	}
	v[0].base = proof;
	v[0].len = 16;
	rc = cifsd_hmac_md5(ntowf, 16, v, 1, key);
out:
	memset(ntowf, 0, sizeof(ntowf));
	memset(proof, 0, sizeof(proof));
	return rc;
}

/*
 * The AV pairs of the client's blob (MS-NLMP 2.2.2.7, 2.2.2.1): each one
 * inside the blob, the list ended by MsvAvEOL.  Anything after the EOL
 * (padding) is not looked at.
 */
static bool av_pairs_ok(const u8 *p, size_t len)
{
	size_t pos = 0;
	u16 id, alen;

	while (pos + 4 <= len) {
		id = get_unaligned_le16(p + pos);
		alen = get_unaligned_le16(p + pos + 2);
		if (!wire_range_ok(len, pos + 4, alen))
			return false;
		if (id == 0)		/* MsvAvEOL */
			return true;
		pos += 4 + alen;
	}
	return false;
}

int ntlmv2_verify(const u8 nt_hash[16], const struct ntlmssp_auth *a,
		  const u8 server_challenge[8], u8 session_base_key[16])
{
	u8 user[NTLMSSP_MAX_NAME];
	size_t i;
	int rc;

	if (a->anonymous || !a->nt_resp || a->nt_resp_len <= NTLMV2_RESP_MIN)
		return -EACCES;
	if ((a->user_len & 1) || (a->domain_len & 1) ||
	    a->user_len > NTLMSSP_MAX_NAME || a->domain_len > NTLMSSP_MAX_NAME)
		return -EINVAL;
	if (!av_pairs_ok(a->nt_resp + NTLMV2_RESP_MIN,
			 a->nt_resp_len - NTLMV2_RESP_MIN))
		return -EBADMSG;
	for (i = 0; i < a->user_len; i += 2)
		put_unaligned_le16(utf16_toupper(get_unaligned_le16(a->user +
								    i)),
				   user + i);
	rc = try_domain(nt_hash, user, a->user_len, a->domain, a->domain_len,
			a, server_challenge, session_base_key);
	if (rc == -EACCES && a->domain_len)
		rc = try_domain(nt_hash, user, a->user_len, zero16, 0, a,
				server_challenge, session_base_key);
	memset(user, 0, sizeof(user));
	return rc;
}

int ntlmssp_exported_key(const u8 base_key[16], const struct ntlmssp_auth *a,
			 u8 out[16])
{
	if (!(a->flags & NTLMSSP_NEGOTIATE_KEY_EXCH)) {
		memcpy(out, base_key, 16);
		return 0;
	}
	if (a->enc_session_key_len != 16 || !a->enc_session_key)
		return -EINVAL;
	cifsd_arc4(base_key, 16, a->enc_session_key, out, 16);
	return 0;
}

int ntlmssp_verify_mic(const u8 exported_key[16], const u8 *neg,
		       size_t neg_len, const u8 *chal, size_t chal_len,
		       const u8 *auth, size_t auth_len)
{
	const size_t end = NTLMSSP_AUTH_MIC_OFF + NTLMSSP_MIC_SIZE;
	struct cifsd_vec v[5];
	u8 mic[16];
	int rc;

	if (auth_len < end)
		return -EINVAL;
	v[0].base = neg;
	v[0].len = neg_len;
	v[1].base = chal;
	v[1].len = chal_len;
	v[2].base = auth;
	v[2].len = NTLMSSP_AUTH_MIC_OFF;
	v[3].base = zero16;
	v[3].len = NTLMSSP_MIC_SIZE;
	v[4].base = auth + end;
	v[4].len = auth_len - end;
	rc = cifsd_hmac_md5(exported_key, 16, v, 5, mic);
	if (rc)
		return rc;
	rc = crypto_memneq(mic, auth + NTLMSSP_AUTH_MIC_OFF, 16) ? -EACCES : 0;
	memset(mic, 0, sizeof(mic));
	return rc;
}
