// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB 3.x encryption (transform header, AES-CCM/GCM) and AES-GMAC
 * signing.  Encryption vectors: the Microsoft Open Specifications posts
 * "Encryption in SMB 3.0: A protocol perspective" and "SMB 3.1.1
 * Encryption in Windows 10" (vectors_ms.h), seen from the server: it
 * decrypts the client's request and encrypts its response.
 */
#include "tcommon.h"
#include "transform.h"
#include "sign.h"
#include "cifsd_crypto.h"
#include "vectors_ms.h"

#define TF	SMB2_TRANSFORM_HDR_SIZE

/* Decrypt @tf_hex with @key_hex: it must give @plain_hex. */
static void check_decrypt(u16 cipher, const char *key_hex, const char *tf_hex,
			  const char *plain_hex, u64 want_sid)
{
	u8 key[32], msg[512], plain[512];
	size_t n = unhex(tf_hex, msg, sizeof(msg));
	size_t pn = unhex(plain_hex, plain, sizeof(plain));
	u64 sid = 0;

	unhex(key_hex, key, sizeof(key));
	CHECK_RC(smb2_transform_parse(msg, n, &sid), 0);
	CHECK(sid == want_sid);
	CHECK_RC(smb3_decrypt_msg(cipher, key, msg, n), 0);
	CHECK(n - TF == pn && !memcmp(msg + TF, plain, pn));
}

/* Encrypt @plain_hex with the Nonce field of @tf_hex: it must give it. */
static void check_encrypt(u16 cipher, const char *key_hex,
			  const char *plain_hex, const char *nonce_hex,
			  const char *tf_hex, u64 sid)
{
	u8 key[32], msg[512], want[512], nonce[16];
	size_t pn = unhex(plain_hex, msg + TF, sizeof(msg) - TF);
	size_t n = unhex(tf_hex, want, sizeof(want));

	unhex(key_hex, key, sizeof(key));
	unhex(nonce_hex, nonce, sizeof(nonce));
	CHECK_RC(smb3_encrypt_msg(cipher, key, nonce, sid, msg, pn), 0);
	CHECK(n == TF + pn && !memcmp(msg, want, n));
}

static void test_ms_vectors(void)
{
	u8 tf[512];

	/* 3.0, AES-128-CCM: the response's Nonce field is in its header */
	check_decrypt(SMB2_ENCRYPTION_AES128_CCM, ms_30e_c2s_key,
		      ms_30e_req_tf, ms_30e_req_plain, MS_30E_SESSION_ID);
	check_encrypt(SMB2_ENCRYPTION_AES128_CCM, ms_30e_c2s_key,
		      ms_30e_req_plain, ms_30e_req_nonce, ms_30e_req_tf,
		      MS_30E_SESSION_ID);
	unhex(ms_30e_rsp_tf, tf, sizeof(tf));
	check_decrypt(SMB2_ENCRYPTION_AES128_CCM, ms_30e_s2c_key,
		      ms_30e_rsp_tf, ms_30e_rsp_plain, MS_30E_SESSION_ID);
	check_encrypt(SMB2_ENCRYPTION_AES128_CCM, ms_30e_s2c_key,
		      ms_30e_rsp_plain, "86000000000000001100001400E40800",
		      ms_30e_rsp_tf, MS_30E_SESSION_ID);

	/* 3.1.1, AES-128-GCM */
	check_decrypt(SMB2_ENCRYPTION_AES128_GCM, ms_311e_c2s_key,
		      ms_311e_req_tf, ms_311e_req_plain, MS_311E_SESSION_ID);
	check_encrypt(SMB2_ENCRYPTION_AES128_GCM, ms_311e_c2s_key,
		      ms_311e_req_plain, ms_311e_req_nonce, ms_311e_req_tf,
		      MS_311E_SESSION_ID);
	check_decrypt(SMB2_ENCRYPTION_AES128_GCM, ms_311e_s2c_key,
		      ms_311e_rsp_tf, ms_311e_rsp_plain, MS_311E_SESSION_ID);
	check_encrypt(SMB2_ENCRYPTION_AES128_GCM, ms_311e_s2c_key,
		      ms_311e_rsp_plain, "E06831DD2E8EB7B40000000000000000",
		      ms_311e_rsp_tf, MS_311E_SESSION_ID);
}

/* Any change to the header's authenticated part or the data is caught. */
static void test_tamper(void)
{
	static const size_t at[] = { 4, 19, 20, 35, 36, 40, 42, 44, 51, 52,
				     100 };
	u8 key[16], orig[512], msg[512];
	size_t n = unhex(ms_311e_req_tf, orig, sizeof(orig)), i;
	u64 sid;

	unhex(ms_311e_c2s_key, key, sizeof(key));
	for (i = 0; i < ARRAY_SIZE(at); i++) {
		memcpy(msg, orig, n);
		msg[at[i]] ^= 0x01;
		CHECK_RC(smb3_decrypt_msg(SMB2_ENCRYPTION_AES128_GCM, key, msg,
					  n), -EBADMSG);
	}
	/* the wrong cipher or key fails too */
	memcpy(msg, orig, n);
	CHECK_RC(smb3_decrypt_msg(SMB2_ENCRYPTION_AES128_CCM, key, msg, n),
		 -EBADMSG);
	memcpy(msg, orig, n);
	key[0] ^= 1;
	CHECK_RC(smb3_decrypt_msg(SMB2_ENCRYPTION_AES128_GCM, key, msg, n),
		 -EBADMSG);
	CHECK_RC(smb3_decrypt_msg(0, key, msg, n), -EINVAL);
	CHECK_RC(smb3_decrypt_msg(5, key, msg, n), -EINVAL);

	/* header checks */
	memcpy(msg, orig, n);
	CHECK_RC(smb2_transform_parse(msg, n - 1, &sid), -EINVAL);
	CHECK_RC(smb2_transform_parse(msg, TF + 63, &sid), -EINVAL);
	msg[0] = 0xfe;
	CHECK_RC(smb2_transform_parse(msg, n, &sid), -EINVAL);
	memcpy(msg, orig, n);
	put_unaligned_le16(2, msg + 42);
	CHECK_RC(smb2_transform_parse(msg, n, &sid), -EINVAL);
	memcpy(msg, orig, n);
	put_unaligned_le32((u32)(n - TF + 1), msg + 36);
	CHECK_RC(smb2_transform_parse(msg, n, &sid), -EINVAL);
}

/* AES-256 and every cipher: encrypt, decrypt, compare. */
static void test_roundtrip(void)
{
	u16 c;
	u8 key[32], nonce[16] = { 1, 2, 3 }, msg[TF + 300], plain[300];
	size_t i;

	for (i = 0; i < sizeof(key); i++)
		key[i] = (u8)(i * 7);
	for (i = 0; i < sizeof(plain); i++)
		plain[i] = (u8)i;
	for (c = SMB2_ENCRYPTION_AES128_CCM; c <= SMB2_ENCRYPTION_AES256_GCM;
	     c++) {
		u64 sid = 0;

		memcpy(msg + TF, plain, sizeof(plain));
		CHECK_RC(smb3_encrypt_msg(c, key, nonce, 0x1122334455667788ULL,
					  msg, sizeof(plain)), 0);
		CHECK(memcmp(msg + TF, plain, sizeof(plain)));
		CHECK_RC(smb2_transform_parse(msg, sizeof(msg), &sid), 0);
		CHECK(sid == 0x1122334455667788ULL);
		CHECK_RC(smb3_decrypt_msg(c, key, msg, sizeof(msg)), 0);
		CHECK(!memcmp(msg + TF, plain, sizeof(plain)));
		/* a 256-bit cipher uses the whole key */
		if (cifsd_cipher_key_len(c) == 32) {
			CHECK_RC(smb3_encrypt_msg(c, key, nonce, 1, msg,
						  sizeof(plain)), 0);
			key[31] ^= 1;
			CHECK_RC(smb3_decrypt_msg(c, key, msg, sizeof(msg)),
				 -EBADMSG);
			key[31] ^= 1;
		}
	}
}

/* GMAC: GCM with nothing to encrypt (McGrew-Viega test case 1), nonces. */
static void test_gmac(void)
{
	u8 key[16] = { 0 }, nonce[12] = { 0 }, tag[16], pdu[200], sig[16];
	u8 want[12];

	CHECK_RC(cifsd_aead(SMB2_ENCRYPTION_AES128_GCM, true, key, nonce,
			    NULL, 0, NULL, 0, tag), 0);
	CHECK_HEX(tag, 16, "58e2fccefa7e3061367f1d57a4e7455a");

	/* nonce: MessageId, then bit 0 = from the server, bit 1 = CANCEL */
	memset(pdu, 0, sizeof(pdu));
	memcpy(pdu, "\xfeSMB", 4);
	put_unaligned_le64(0x0102030405060708ULL, pdu + 24);
	put_unaligned_le16(SMB2_READ, pdu + 12);
	smb2_gmac_nonce(pdu, nonce);
	unhex("080706050403020100000000", want, sizeof(want));
	CHECK(!memcmp(nonce, want, 12));
	put_unaligned_le32(1, pdu + 16);	/* SERVER_TO_REDIR */
	smb2_gmac_nonce(pdu, nonce);
	CHECK(nonce[8] == 1 && nonce[9] == 0);
	put_unaligned_le32(0, pdu + 16);
	put_unaligned_le16(SMB2_CANCEL, pdu + 12);
	smb2_gmac_nonce(pdu, nonce);
	CHECK(nonce[8] == 2);

	/* signing: verify accepts its own signature, catches changes */
	put_unaligned_le16(SMB2_READ, pdu + 12);
	CHECK_RC(smb2_sign_pdu(SMB2_SIGNING_AES_GMAC, key, pdu, sizeof(pdu),
			       sig), 0);
	memcpy(pdu + 48, sig, 16);
	CHECK_RC(smb2_verify_pdu(SMB2_SIGNING_AES_GMAC, key, pdu,
				 sizeof(pdu)), 0);
	pdu[150] ^= 1;
	CHECK_RC(smb2_verify_pdu(SMB2_SIGNING_AES_GMAC, key, pdu,
				 sizeof(pdu)), -EACCES);
	pdu[150] ^= 1;
	/* the same bytes answered by the server sign differently */
	put_unaligned_le32(1, pdu + 16);
	CHECK_RC(smb2_verify_pdu(SMB2_SIGNING_AES_GMAC, key, pdu,
				 sizeof(pdu)), -EACCES);
	/* GMAC is not CMAC */
	put_unaligned_le32(0, pdu + 16);
	CHECK_RC(smb2_verify_pdu(SMB2_SIGNING_AES_CMAC, key, pdu,
				 sizeof(pdu)), -EACCES);
	CHECK_RC(smb2_sign_pdu(3, key, pdu, sizeof(pdu), sig), -EOPNOTSUPP);
}

int main(void)
{
	test_ms_vectors();
	test_tamper();
	test_roundtrip();
	test_gmac();
	return t_done("test_transform");
}
