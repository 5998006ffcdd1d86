// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NTLMSSP signing with extended session security (MS-NLMP 3.4.4.2),
 * used for the SPNEGO mechListMIC.
 */
#include "ntlmssp.h"
#include "arc4.h"
#include "cifsd_crypto.h"

/* The magic constants include their terminating NUL (MS-NLMP 3.4.5). */
static const char sign_c2s[] =
	"session key to client-to-server signing key magic constant";
static const char sign_s2c[] =
	"session key to server-to-client signing key magic constant";
static const char seal_c2s[] =
	"session key to client-to-server sealing key magic constant";
static const char seal_s2c[] =
	"session key to server-to-client sealing key magic constant";

static int md5_2(const u8 *a, size_t alen, const char *b, u8 out[16])
{
	struct cifsd_vec v[2];

	v[0].base = a;
	v[0].len = alen;
	v[1].base = b;
	v[1].len = strlen(b) + 1;
	return cifsd_md5(v, 2, out);
}

int ntlmssp_sign_keys(const u8 exported_key[16], u32 flags,
		      bool server_to_client, u8 sign_key[16],
		      u8 seal_key[16])
{
	size_t klen;
	int rc;

	if (!(flags & NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY))
		return -EOPNOTSUPP;
	rc = md5_2(exported_key, 16, server_to_client ? sign_s2c : sign_c2s,
		   sign_key);
	if (rc)
		return rc;
	if (flags & NTLMSSP_NEGOTIATE_128)
		klen = 16;
	else if (flags & NTLMSSP_NEGOTIATE_56)
		klen = 7;
	else
		klen = 5;
	return md5_2(exported_key, klen, server_to_client ? seal_s2c :
		     seal_c2s, seal_key);
}

int ntlmssp_gss_mic(const u8 exported_key[16], u32 flags,
		    bool server_to_client, u32 seqnum, const u8 *msg,
		    size_t len, u8 sig[NTLMSSP_SIGNATURE_SIZE])
{
	u8 sign_key[16], seal_key[16], mac[16], seq[4];
	struct cifsd_vec v[2];
	int rc;

	rc = ntlmssp_sign_keys(exported_key, flags, server_to_client,
			       sign_key, seal_key);
	if (rc)
		goto out;
	put_unaligned_le32(seqnum, seq);
	v[0].base = seq;
	v[0].len = 4;
	v[1].base = msg;
	v[1].len = len;
	rc = cifsd_hmac_md5(sign_key, 16, v, 2, mac);
	if (rc)
		goto out;
	put_unaligned_le32(1, sig);
	if (flags & NTLMSSP_NEGOTIATE_KEY_EXCH)
		cifsd_arc4(seal_key, 16, mac, sig + 4, 8);
	else
		memcpy(sig + 4, mac, 8);
	memcpy(sig + 12, seq, 4);
out:
	memset(sign_key, 0, sizeof(sign_key));
	memset(seal_key, 0, sizeof(seal_key));
	memset(mac, 0, sizeof(mac));
	return rc;
}

int ntlmssp_gss_verify_mic(const u8 exported_key[16], u32 flags,
			   bool server_to_client, u32 seqnum, const u8 *msg,
			   size_t len, const u8 *sig, size_t sig_len)
{
	u8 want[NTLMSSP_SIGNATURE_SIZE];
	int rc;

	if (sig_len != NTLMSSP_SIGNATURE_SIZE)
		return -EACCES;
	rc = ntlmssp_gss_mic(exported_key, flags, server_to_client, seqnum,
			     msg, len, want);
	if (rc)
		return rc;
	if (crypto_memneq(want, sig, NTLMSSP_SIGNATURE_SIZE))
		rc = -EACCES;
	memset(want, 0, sizeof(want));
	return rc;
}
