// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB 3.x KDF and signing.  SMB 3.0 vectors: Microsoft Open Specifications
 * blog "SMB 2 and SMB 3 security in Windows 10: the anatomy of signing and
 * cryptographic keys" (session key 09921d44..., as also used by the smbj
 * project's tests).
 */
#include "tcommon.h"
#include "kdf.h"
#include "sign.h"
#include "cifsd_crypto.h"
#include "vectors_ms.h"

static void test_smb30_vectors(void)
{
	u8 sk[16], out[16];

	unhex("09921d4431b171b977370bf8910900f9", sk, 16);
	CHECK_RC(smb3_signing_key(SMB30_PROT_ID, sk, NULL, out), 0);
	CHECK_HEX(out, 16, "8f5a6907bce9ec89b8f89e560d4e2e18");
	CHECK_RC(smb3_signing_key(SMB302_PROT_ID, sk, NULL, out), 0);
	CHECK_HEX(out, 16, "8f5a6907bce9ec89b8f89e560d4e2e18");
	/* client EncryptionKey ("ServerIn ") = server DecryptionKey */
	CHECK_RC(smb3_derive_key(SMB30_PROT_ID, SMB3_KEY_SERVER_DEC, sk, NULL,
				 out, 16), 0);
	CHECK_HEX(out, 16, "858e8cba1f7068969e825b2b538830c4");
	CHECK_RC(smb3_derive_key(SMB30_PROT_ID, SMB3_KEY_SERVER_ENC, sk, NULL,
				 out, 16), 0);
	CHECK_HEX(out, 16, "df91d31ef09a01fd4d2a093c42deef46");
	CHECK_RC(smb3_derive_key(SMB30_PROT_ID, SMB3_KEY_SIGNING, sk, NULL,
				 out, 8), -EINVAL);
	/* not for 2.x, and 3.1.1 needs the preauth hash */
	CHECK_RC(smb3_signing_key(SMB21_PROT_ID, sk, NULL, out), -EINVAL);
	CHECK_RC(smb3_signing_key(SMB311_PROT_ID, sk, NULL, out), -EINVAL);
}

/* The KDF composed by hand from HMAC-SHA256 (structure check). */
static void test_kdf_structure(void)
{
	u8 ki[16], h[64], a[64], b[32];
	static const u8 msg_311[] =
		"\x00\x00\x00\x01SMBSigningKey\x00\x00";
	struct cifsd_vec v[3];
	u8 l[4] = { 0, 0, 0, 128 };
	int i;

	for (i = 0; i < 16; i++)
		ki[i] = i;
	for (i = 0; i < 64; i++)
		h[i] = 0xa0 ^ i;
	v[0].base = msg_311;
	v[0].len = 4 + 14 + 1;
	v[1].base = h;
	v[1].len = 64;
	v[2].base = l;
	v[2].len = 4;
	CHECK_RC(cifsd_hmac_sha256(ki, 16, v, 3, b), 0);
	CHECK_RC(smb3_signing_key(SMB311_PROT_ID, ki, h, a), 0);
	CHECK(!memcmp(a, b, 16));
	/* two output blocks: L = 512, counters 1 and 2 */
	CHECK_RC(smb3_kdf(ki, 16, (const u8 *)"L", 2, h, 64, a, 64), 0);
	{
		u8 m[4 + 2 + 1];

		memcpy(m, "\x00\x00\x00\x02L\x00\x00", 7);
		l[2] = 2;
		l[3] = 0;
		v[0].base = m;
		v[0].len = 7;
		CHECK_RC(cifsd_hmac_sha256(ki, 16, v, 3, b), 0);
		CHECK(!memcmp(a + 32, b, 32));
	}
	CHECK_RC(smb3_kdf(ki, 16, h, 1, h, 1, a, 0), -EINVAL);
	CHECK_RC(smb3_kdf(ki, 16, h, 1, h, 1, a, 65), -EINVAL);
}

static void test_preauth(void)
{
	u8 h[64], want[64];
	struct cifsd_vec v[2];
	static const u8 zero[64];

	memset(h, 0, sizeof(h));
	CHECK_RC(smb311_preauth_update(h, (const u8 *)"abc", 3), 0);
	v[0].base = zero;
	v[0].len = 64;
	v[1].base = "abc";
	v[1].len = 3;
	CHECK_RC(cifsd_sha512(v, 2, want), 0);
	CHECK(!memcmp(h, want, 64));
}

static void test_sign(void)
{
	u8 pdu[64 + 40], copy[sizeof(pdu)], sig[16], mac[32], key[16];
	struct cifsd_vec v;
	size_t i;

	for (i = 0; i < sizeof(pdu); i++)
		pdu[i] = (u8)(i * 7);
	memcpy(pdu, "\xfeSMB", 4);
	for (i = 0; i < 16; i++)
		key[i] = 0x30 + i;
	memcpy(copy, pdu, sizeof(pdu));
	memset(copy + 48, 0, 16);

	/* HMAC-SHA256 over the PDU with a zero Signature, truncated */
	CHECK_RC(smb2_sign_pdu(SMB2_SIGNING_HMAC_SHA256, key, pdu,
			       sizeof(pdu), sig), 0);
	v.base = copy;
	v.len = sizeof(copy);
	CHECK_RC(cifsd_hmac_sha256(key, 16, &v, 1, mac), 0);
	CHECK(!memcmp(sig, mac, 16));
	CHECK(!memcmp(pdu + 64, copy + 64, 40));	/* unmodified */
	CHECK(pdu[48] == (u8)(48 * 7));
	memcpy(pdu + 48, sig, 16);
	CHECK_RC(smb2_verify_pdu(SMB2_SIGNING_HMAC_SHA256, key, pdu,
				 sizeof(pdu)), 0);
	pdu[70] ^= 1;
	CHECK_RC(smb2_verify_pdu(SMB2_SIGNING_HMAC_SHA256, key, pdu,
				 sizeof(pdu)), -EACCES);
	pdu[70] ^= 1;

	/* AES-CMAC */
	CHECK_RC(smb2_sign_pdu(SMB2_SIGNING_AES_CMAC, key, pdu, sizeof(pdu),
			       sig), 0);
	CHECK_RC(cifsd_aes_cmac(key, &v, 1, mac), 0);
	CHECK(!memcmp(sig, mac, 16));
	memcpy(pdu + 48, sig, 16);
	CHECK_RC(smb2_verify_pdu(SMB2_SIGNING_AES_CMAC, key, pdu,
				 sizeof(pdu)), 0);
	pdu[50] ^= 1;
	CHECK_RC(smb2_verify_pdu(SMB2_SIGNING_AES_CMAC, key, pdu,
				 sizeof(pdu)), -EACCES);
	key[0] ^= 1;
	pdu[50] ^= 1;
	CHECK_RC(smb2_verify_pdu(SMB2_SIGNING_AES_CMAC, key, pdu,
				 sizeof(pdu)), -EACCES);

	/* AES-GMAC is tested in test_transform.c; unknown ids fail */
	CHECK_RC(smb2_sign_pdu(SMB2_SIGNING_AES_GMAC + 1, key, pdu,
			       sizeof(pdu), sig), -EOPNOTSUPP);
	CHECK_RC(smb2_sign_pdu(SMB2_SIGNING_AES_CMAC, key, pdu, 63, sig),
		 -EINVAL);
	/* a header-only PDU (e.g. an empty compound tail) can be signed */
	CHECK_RC(smb2_sign_pdu(SMB2_SIGNING_AES_CMAC, key, pdu, 64, sig), 0);
}

/*
 * A reply whose payload is elsewhere (READ data in pages): the signature
 * over the head plus the pieces is the signature of the whole PDU, for
 * every algorithm, however the payload is cut.
 */
static void test_sign_vec(void)
{
	static const u16 algs[] = { SMB2_SIGNING_HMAC_SHA256,
				    SMB2_SIGNING_AES_CMAC,
				    SMB2_SIGNING_AES_GMAC };
	u8 pdu[80 + 3000], whole[16], split[16], key[16];
	struct cifsd_vec v[3 + 3];
	size_t i, a;

	for (i = 0; i < sizeof(pdu); i++)
		pdu[i] = (u8)(i * 13 + 1);
	memcpy(pdu, "\xfeSMB", 4);
	for (i = 0; i < 16; i++)
		key[i] = 0x51 ^ (u8)i;
	for (a = 0; a < sizeof(algs) / sizeof(algs[0]); a++) {
		CHECK_RC(smb2_sign_pdu(algs[a], key, pdu, sizeof(pdu), whole),
			 0);
		/* head of 80 bytes, then 1000 + 1 + 1999 bytes of payload */
		v[3].base = pdu + 80;
		v[3].len = 1000;
		v[4].base = pdu + 1080;
		v[4].len = 1;
		v[5].base = pdu + 1081;
		v[5].len = sizeof(pdu) - 1081;
		CHECK_RC(smb2_sign_pdu_vec(algs[a], key, pdu, 80, v, 3, split),
			 0);
		CHECK(!memcmp(whole, split, 16));
		/* no payload pieces: the same as smb2_sign_pdu of the head */
		CHECK_RC(smb2_sign_pdu(algs[a], key, pdu, 80, whole), 0);
		CHECK_RC(smb2_sign_pdu_vec(algs[a], key, pdu, 80, v, 0, split),
			 0);
		CHECK(!memcmp(whole, split, 16));
		/* a changed payload byte changes the signature */
		pdu[2000] ^= 1;
		CHECK_RC(smb2_sign_pdu_vec(algs[a], key, pdu, 80, v, 3, split),
			 0);
		pdu[2000] ^= 1;
		CHECK_RC(smb2_sign_pdu(algs[a], key, pdu, sizeof(pdu), whole),
			 0);
		CHECK(memcmp(whole, split, 16));
	}
}

/* The 3.1.1 preauth exchange of the Microsoft blog, step by step. */
static void test_ms_preauth_vector(void)
{
	static const char *const msgs[] = { ms_neg_req, ms_neg_rsp,
					     ms_ss_req1, ms_ss_rsp1,
					     ms_ss_req2 };
	static const char *const hashes[] = { ms_pae_1, ms_pae_2, ms_pae_3,
					      ms_pae_4, ms_pae_5 };
	u8 h[64], m[1024], sk[16], out[16];
	size_t i, n;

	memset(h, 0, sizeof(h));
	for (i = 0; i < ARRAY_SIZE(msgs); i++) {
		n = unhex(msgs[i], m, sizeof(m));
		CHECK_RC(smb311_preauth_update(h, m, n), 0);
		CHECK_HEX(h, 64, hashes[i]);
	}
	unhex(ms_311_session_key, sk, 16);
	CHECK_RC(smb3_signing_key(SMB311_PROT_ID, sk, h, out), 0);
	CHECK_HEX(out, 16, ms_311_signing_key);

	/* 3.1.1 encryption blog: the client's EncryptionKey */
	unhex(ms_311e_session_key, sk, 16);
	unhex(ms_311e_preauth, h, 64);
	CHECK_RC(smb3_derive_key(SMB311_PROT_ID, SMB3_KEY_SERVER_DEC, sk, h,
				 out, 16), 0);
	CHECK_HEX(out, 16, ms_311e_c2s_key);

	/* 3.0 encryption blog: both directions */
	unhex(ms_30e_session_key, sk, 16);
	CHECK_RC(smb3_derive_key(SMB30_PROT_ID, SMB3_KEY_SERVER_DEC, sk, NULL,
				 out, 16), 0);
	CHECK_HEX(out, 16, ms_30e_c2s_key);
	CHECK_RC(smb3_derive_key(SMB30_PROT_ID, SMB3_KEY_SERVER_ENC, sk, NULL,
				 out, 16), 0);
	CHECK_HEX(out, 16, ms_30e_s2c_key);
}

int main(void)
{
	test_ms_preauth_vector();
	test_smb30_vectors();
	test_kdf_structure();
	test_preauth();
	test_sign();
	test_sign_vec();
	return t_done("test_kdf");
}
