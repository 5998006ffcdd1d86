// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NEGOTIATE parsing (MS-SMB2 2.2.3, 3.3.5.4), response contexts, and the
 * SMB1 NEGOTIATE upgrade path (MS-SMB2 3.3.5.3).
 */
#include "tcommon.h"
#include "negotiate.h"
#include "posix.h"
#include "smb2_validate.h"
#include "smb2_build.h"
#include "vectors_ms.h"

static const u8 preauth[] = {
	1, 0, 32, 0, 1, 0,		/* SHA-512, 32-byte salt */
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
};
static const u8 enc[] = { 3, 0, 2, 0, 1, 0, 0x99, 0 };	/* GCM, CCM, ? */
static const u8 sign[] = { 2, 0, 1, 0, 0, 0 };		/* CMAC, HMAC */
static const u8 netname[] = { 'S', 0, 'R', 0, 'V', 0 };

static const u16 all[] = { 0x0202, 0x0210, 0x0300, 0x0302, 0x0311 };

static void test_full(void)
{
	struct smb2_negotiate_info ni;
	u8 c[256], p[512];
	size_t cl = 0, len;
	u16 d[] = { 0x0202, 0x0210, 0x0210, 0x0300, 0x0302, 0x0311, 0x02ff,
		    0x0222 };

	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, preauth,
	      sizeof(preauth));
	t_ctx(c, &cl, SMB2_ENCRYPTION_CAPABILITIES, enc, sizeof(enc));
	t_ctx(c, &cl, SMB2_NETNAME_NEGOTIATE_CONTEXT_ID, netname,
	      sizeof(netname));
	t_ctx(c, &cl, SMB2_SIGNING_CAPABILITIES, sign, sizeof(sign));
	t_ctx(c, &cl, SMB2_POSIX_EXTENSIONS_AVAILABLE, smb2_posix_guid,
	      SMB2_POSIX_GUID_SIZE);
	len = t_negotiate(p, d, ARRAY_SIZE(d), c, cl, 5);
	CHECK_RC(smb2_validate_req(p, len), 0);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), 0);
	CHECK(ni.count == 5 && ni.dialects[4] == 0x0311);
	CHECK(ni.offered_smb2_wildcard && ni.dialect_count_raw == 8);
	CHECK(ni.security_mode == 1 && ni.capabilities == 0x7f);
	CHECK(ni.client_guid[0] == 0xab && ni.client_guid[15] == 0xab);
	CHECK(ni.has_preauth_ctx && ni.has_preauth);
	CHECK(ni.has_encryption_ctx && ni.cipher_count == 2);
	CHECK(ni.ciphers[0] == 2 && ni.ciphers[1] == 1);
	CHECK(ni.has_signing_ctx && ni.signing_count == 2);
	CHECK(ni.signing_algs[0] == 1 && ni.signing_algs[1] == 0);
	CHECK(ni.has_posix_ctx);
	/* a POSIX context with another GUID is not ours */
	cl = 0;
	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, preauth,
	      sizeof(preauth));
	t_ctx(c, &cl, SMB2_POSIX_EXTENSIONS_AVAILABLE, preauth, 16);
	len = t_negotiate(p, d, ARRAY_SIZE(d), c, cl, 2);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), 0);
	CHECK(!ni.has_posix_ctx);
	cl = 0;
	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, preauth,
	      sizeof(preauth));
	t_ctx(c, &cl, SMB2_POSIX_EXTENSIONS_AVAILABLE, smb2_posix_guid, 15);
	len = t_negotiate(p, d, ARRAY_SIZE(d), c, cl, 2);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), 0);
	CHECK(!ni.has_posix_ctx);
	cl = 0;
	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, preauth,
	      sizeof(preauth));
	t_ctx(c, &cl, SMB2_ENCRYPTION_CAPABILITIES, enc, sizeof(enc));
	t_ctx(c, &cl, SMB2_NETNAME_NEGOTIATE_CONTEXT_ID, netname,
	      sizeof(netname));
	t_ctx(c, &cl, SMB2_SIGNING_CAPABILITIES, sign, sizeof(sign));
	t_ctx(c, &cl, SMB2_POSIX_EXTENSIONS_AVAILABLE, smb2_posix_guid,
	      SMB2_POSIX_GUID_SIZE);
	len = t_negotiate(p, d, ARRAY_SIZE(d), c, cl, 5);
	/* truncated anywhere: an error, never a crash */
	{
		size_t l;

		for (l = 64 + 36 + 16; l < len; l++)
			CHECK(smb2_parse_negotiate(p, l, &ni) < 0);
	}
}

static void test_errors(void)
{
	struct smb2_negotiate_info ni;
	u8 c[256], p[512], bad[64];
	size_t cl, len;

	/* DialectCount 0 */
	len = t_negotiate(p, all, 0, NULL, 0, 0);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), -EINVAL);
	/* no 3.1.1: contexts are not looked at */
	len = t_negotiate(p, all, 4, NULL, 0, 0);
	put_unaligned_le32(0xffffffff, p + 64 + 28);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), 0);
	CHECK(ni.count == 4 && !ni.has_preauth_ctx);
	/* 3.1.1 without contexts: preauth missing */
	len = t_negotiate(p, all, 5, NULL, 0, 0);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), -EINVAL);
	/* duplicate preauth / encryption / signing */
	cl = 0;
	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, preauth,
	      sizeof(preauth));
	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, preauth,
	      sizeof(preauth));
	len = t_negotiate(p, all, 5, c, cl, 2);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), -EINVAL);
	cl = 0;
	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, preauth,
	      sizeof(preauth));
	t_ctx(c, &cl, SMB2_ENCRYPTION_CAPABILITIES, enc, sizeof(enc));
	t_ctx(c, &cl, SMB2_ENCRYPTION_CAPABILITIES, enc, sizeof(enc));
	len = t_negotiate(p, all, 5, c, cl, 3);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), -EINVAL);
	/* HashAlgorithmCount 0 */
	memcpy(bad, preauth, sizeof(preauth));
	bad[0] = 0;
	cl = 0;
	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, bad,
	      sizeof(preauth));
	len = t_negotiate(p, all, 5, c, cl, 1);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), -EINVAL);
	/* salt longer than DataLength */
	bad[0] = 1;
	bad[2] = 33;
	cl = 0;
	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, bad,
	      sizeof(preauth));
	len = t_negotiate(p, all, 5, c, cl, 1);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), -EINVAL);
	/* preauth without SHA-512: parsed, has_preauth false */
	bad[2] = 32;
	bad[4] = 2;
	cl = 0;
	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, bad,
	      sizeof(preauth));
	len = t_negotiate(p, all, 5, c, cl, 1);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), 0);
	CHECK(ni.has_preauth_ctx && !ni.has_preauth);
	/* CipherCount larger than DataLength allows; CipherCount 0 */
	cl = 0;
	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, preauth,
	      sizeof(preauth));
	t_ctx(c, &cl, SMB2_ENCRYPTION_CAPABILITIES,
	      (const u8 *)"\x04\0\x01\0\x02\0", 6);
	len = t_negotiate(p, all, 5, c, cl, 2);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), -EINVAL);
	cl = 0;
	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, preauth,
	      sizeof(preauth));
	t_ctx(c, &cl, SMB2_SIGNING_CAPABILITIES, (const u8 *)"\0\0", 2);
	len = t_negotiate(p, all, 5, c, cl, 2);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), -EINVAL);
	/* more contexts claimed than present */
	cl = 0;
	t_ctx(c, &cl, SMB2_PREAUTH_INTEGRITY_CAPABILITIES, preauth,
	      sizeof(preauth));
	len = t_negotiate(p, all, 5, c, cl, 2);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), -ERANGE);
	/* context DataLength past the end */
	len = t_negotiate(p, all, 5, c, cl, 1);
	CHECK_RC(smb2_parse_negotiate(p, len - 1, &ni), -ERANGE);
	/* misaligned, overlapping the dialects, beyond the PDU */
	len = t_negotiate(p, all, 5, c, cl, 1);
	put_unaligned_le32(get_unaligned_le32(p + 92) + 2, p + 92);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), -EINVAL);
	put_unaligned_le32(104, p + 92);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), -EINVAL);
	put_unaligned_le32(0xfffffff8, p + 92);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), -ERANGE);
	/* dialects past the end */
	len = t_negotiate(p, all, 5, NULL, 0, 0);
	CHECK_RC(smb2_parse_negotiate(p, len - 2, &ni), -ERANGE);
}

static void test_build_ctx(void)
{
	u8 b[256], salt[32];
	size_t len, l;
	u16 n;
	struct smb2_neg_ctx_out o = {
		.preauth_alg = 1, .salt = salt, .cipher_ctx = true,
		.cipher = 2, .signing_ctx = true, .signing_alg = 1,
	};
	struct smb2_neg_ctx_out none = { .preauth_alg = 1, .salt = salt };
	struct smb2_neg_ctx_out nocipher = {
		.preauth_alg = 1, .salt = salt, .cipher_ctx = true,
	};

	memset(salt, 0x11, sizeof(salt));
	CHECK_RC(smb2_build_negotiate_contexts(b, sizeof(b), &o, &len, &n), 0);
	CHECK(n == 3);
	/* preauth at 0 (8 + 38), encryption at 48 (8 + 4), signing at 64 */
	CHECK(len == 64 + 12);
	CHECK(get_unaligned_le16(b) == 1 && get_unaligned_le16(b + 2) == 38);
	CHECK(get_unaligned_le16(b + 8) == 1 && get_unaligned_le16(b + 10) ==
	      32 && get_unaligned_le16(b + 12) == 1 && b[14] == 0x11);
	CHECK(b[46] == 0 && b[47] == 0);
	CHECK(get_unaligned_le16(b + 48) == 2 &&
	      get_unaligned_le16(b + 50) == 4 &&
	      get_unaligned_le16(b + 56) == 1 &&
	      get_unaligned_le16(b + 58) == 2);
	CHECK(!memcmp(b + 60, "\0\0\0\0", 4));
	CHECK(get_unaligned_le16(b + 64) == 8 &&
	      get_unaligned_le16(b + 72) == 1 &&
	      get_unaligned_le16(b + 74) == 1);
	CHECK_RC(smb2_build_negotiate_contexts(b, sizeof(b), &none, &len, &n),
		 0);
	CHECK(n == 1 && len == 46);
	/* no cipher in common: the context says 0 */
	CHECK_RC(smb2_build_negotiate_contexts(b, sizeof(b), &nocipher, &len,
					       &n), 0);
	CHECK(n == 2 && len == 60);
	CHECK(get_unaligned_le16(b + 48) == 2 &&
	      get_unaligned_le16(b + 56) == 1 &&
	      get_unaligned_le16(b + 58) == 0);
	for (l = 0; l < 76; l++)
		CHECK_RC(smb2_build_negotiate_contexts(b, l, &o, &len, &n),
			 -ENOSPC);
}

static size_t smb1_neg(u8 *m, const char *const *d, int n)
{
	size_t pos = 35;
	int i;

	memset(m, 0, 35);
	memcpy(m, "\xffSMB\x72", 5);
	for (i = 0; i < n; i++) {
		m[pos++] = 2;
		memcpy(m + pos, d[i], strlen(d[i]) + 1);
		pos += strlen(d[i]) + 1;
	}
	put_unaligned_le16(pos - 35, m + 33);
	return pos;
}

static void test_smb1(void)
{
	static const char *const d[] = { "PC NETWORK PROGRAM 1.0",
					 "NT LM 0.12", "SMB 2.002",
					 "SMB 2.???" };
	bool a, w;
	u8 m[256];
	size_t len, l;

	len = smb1_neg(m, d, 4);
	CHECK_RC(smb1_parse_negotiate(m, len, &a, &w), 0);
	CHECK(a && w);
	len = smb1_neg(m, d, 2);
	CHECK_RC(smb1_parse_negotiate(m, len, &a, &w), 0);
	CHECK(!a && !w);
	len = smb1_neg(m, d + 3, 1);
	CHECK_RC(smb1_parse_negotiate(m, len, &a, &w), 0);
	CHECK(!a && w);
	/* missing terminator, ByteCount past the end, bad buffer format */
	len = smb1_neg(m, d, 4);
	for (l = 0; l < len; l++)
		CHECK(smb1_parse_negotiate(m, l, &a, &w) < 0);
	put_unaligned_le16(get_unaligned_le16(m + 33) - 1, m + 33);
	CHECK_RC(smb1_parse_negotiate(m, len, &a, &w), -EINVAL);
	len = smb1_neg(m, d, 4);
	m[35] = 3;
	CHECK_RC(smb1_parse_negotiate(m, len, &a, &w), -EINVAL);
	len = smb1_neg(m, d, 4);
	m[32] = 1;		/* WordCount */
	CHECK_RC(smb1_parse_negotiate(m, len, &a, &w), -EINVAL);
	m[32] = 0;
	m[4] = 0x73;
	CHECK_RC(smb1_parse_negotiate(m, len, &a, &w), -EINVAL);
	m[4] = 0x72;
	m[0] = 0xfe;
	CHECK_RC(smb1_parse_negotiate(m, len, &a, &w), -EINVAL);
	len = smb1_neg(m, d, 0);
	CHECK_RC(smb1_parse_negotiate(m, len, &a, &w), -EINVAL);
}

/* The Windows 10 NEGOTIATE request of the Microsoft preauth blog. */
static void test_ms_request(void)
{
	struct smb2_negotiate_info ni;
	u8 p[512];
	size_t len = unhex(ms_neg_req, p, sizeof(p)), pl;

	CHECK_RC(smb2_check_hdr(p, len, 0, &pl), 0);
	CHECK(pl == len);
	CHECK_RC(smb2_validate_req(p, len), 0);
	CHECK_RC(smb2_parse_negotiate(p, len, &ni), 0);
	CHECK(ni.count == 5 && ni.dialects[0] == 0x0202 &&
	      ni.dialects[4] == 0x0311);
	CHECK(ni.has_preauth && ni.has_encryption_ctx && !ni.has_signing_ctx);
	CHECK(ni.cipher_count == 2 && ni.ciphers[0] == 2 && ni.ciphers[1] == 1);
	CHECK(ni.security_mode == 0 && ni.capabilities == 0x3f);
}

int main(void)
{
	test_ms_request();
	test_full();
	test_errors();
	test_build_ctx();
	test_smb1();
	return t_done("test_negotiate");
}
