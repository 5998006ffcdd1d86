// SPDX-License-Identifier: GPL-2.0-or-later
/* SPNEGO (RFC 4178 / MS-SPNG) encoding and token extraction. */
#include "tcommon.h"
#include "spnego.h"
#include "ntlmssp.h"
#include "utf16.h"
#include "smb2_validate.h"
#include "vectors_ms.h"

static const char ntlm_oid[] = "060a2b0601040182370202 0a";
static const char krb_oid[] = "06092a864886f712010202";	/* 1.2.840.113554.1.2.2 */

static size_t mk(u8 *b, const char *hex)
{
	return unhex(hex, b, 512);
}

static void test_build_init(void)
{
	u8 b[64];
	size_t len, l;

	CHECK_RC(spnego_build_init(b, sizeof(b), &len), 0);
	CHECK_HEX(b, len, "601c 06062b0601050502 a012 3010 a00e 300c "
		  "060a2b06010401823702020a");
	for (l = 0; l < len; l++)
		CHECK_RC(spnego_build_init(b, l, &len), -ENOSPC);
}

static void test_get_token(void)
{
	u8 b[512], big[400];
	const u8 *tok;
	size_t tl, len, l;
	bool first;
	char hex[1200];

	(void)ntlm_oid;
	/* NegTokenInit, NTLMSSP only, mechToken "NTLMSSP\0\1\0\0\0" */
	len = mk(b, "6028 06062b0601050502 a01e 301c"
		 " a00e 300c 060a2b06010401823702020a"
		 " a20a 0408 4e544c4d53535000");
	CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first), 0);
	CHECK(first && tl == 8 && tok == b + len - 8);
	/* every truncation fails */
	for (l = 0; l < len; l++)
		CHECK(spnego_get_mech_token(b, l, &tok, &tl, &first) < 0);
	/* Kerberos first, NTLMSSP second: -ENOPROTOOPT */
	snprintf(hex, sizeof(hex), "6033 06062b0601050502 a029 3027"
		 " a019 3017 %s 060a2b06010401823702020a"
		 " a20a 0408 4e544c4d53535000", krb_oid);
	len = mk(b, hex);
	CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first),
		 -ENOPROTOOPT);
	CHECK(!first);
	/* Kerberos only: -EOPNOTSUPP */
	snprintf(hex, sizeof(hex), "6027 06062b0601050502 a01d 301b"
		 " a00d 300b %s a20a 0408 4e544c4d53535000", krb_oid);
	len = mk(b, hex);
	CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first),
		 -EOPNOTSUPP);
	/* NegTokenInit without mechToken */
	len = mk(b, "601c 06062b0601050502 a012 3010 a00e 300c "
		 "060a2b06010401823702020a");
	CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first), -EINVAL);
	/* wrong outer OID */
	len = mk(b, "6028 06062b0601050503 a01e 301c"
		 " a00e 300c 060a2b06010401823702020a"
		 " a20a 0408 4e544c4d53535000");
	CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first),
		 -EOPNOTSUPP);
	/* indefinite length and 5 length bytes are refused */
	len = mk(b, "6080 06062b0601050502 0000");
	CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first), -EINVAL);
	len = mk(b, "6085 0000000008 06062b0601050502");
	CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first), -EINVAL);
	/* inner length larger than the outer */
	len = mk(b, "6028 06062b0601050502 a07e 301c"
		 " a00e 300c 060a2b06010401823702020a"
		 " a20a 0408 4e544c4d53535000");
	CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first), -EINVAL);
	/* huge length */
	len = mk(b, "6084ffffffff 06062b0601050502");
	CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first), -EINVAL);

	/* raw NTLMSSP passes through */
	len = mk(b, "4e544c4d5353500003000000");
	CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first), 0);
	CHECK(tok == b && tl == len && first);

	/* NegTokenResp round trip with a long token (2-byte length) */
	memset(big, 0x5a, sizeof(big));
	memcpy(big, "NTLMSSP\0", 8);
	CHECK_RC(spnego_build_resp(b, sizeof(b), SPNEGO_ACCEPT_INCOMPLETE,
				   true, big, sizeof(big), &len), 0);
	CHECK(b[0] == 0xa1 && b[1] == 0x82);
	CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first), 0);
	CHECK(tl == sizeof(big) && !memcmp(tok, big, tl));
	for (l = 0; l < len; l++)
		CHECK_RC(spnego_build_resp(b, l, SPNEGO_ACCEPT_INCOMPLETE,
					   true, big, sizeof(big), &tl),
			 -ENOSPC);
	/* accept-completed without token, and reject */
	CHECK_RC(spnego_build_resp(b, sizeof(b), SPNEGO_ACCEPT_COMPLETED,
				   false, NULL, 0, &len), 0);
	CHECK_HEX(b, len, "a107 3005 a0030a0100");
	CHECK_RC(spnego_build_resp(b, sizeof(b), SPNEGO_REJECT, false, NULL,
				   0, &len), 0);
	CHECK_HEX(b, len, "a107 3005 a0030a0102");
	CHECK_RC(spnego_build_resp(b, sizeof(b), SPNEGO_ACCEPT_INCOMPLETE,
				   true, NULL, 0, &len), 0);
	CHECK_HEX(b, len, "a115 3013 a0030a0101 a10c 060a2b06010401823702020a");
	CHECK_RC(spnego_build_resp(b, sizeof(b), 3, false, NULL, 0, &len),
		 -EINVAL);
	/* mechListMIC: built, then found again */
	{
		struct spnego_token t;
		u8 mic[16];

		memset(mic, 0x3c, sizeof(mic));
		CHECK_RC(spnego_build_resp_mic(b, sizeof(b),
					       SPNEGO_ACCEPT_COMPLETED, false,
					       NULL, 0, mic, 16, &len), 0);
		CHECK_HEX(b, len, "a11b 3019 a0030a0100 a312 0410"
			  "3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c");
		CHECK_RC(spnego_parse(b, len, &t), 0);
		CHECK(t.is_resp && !t.token && t.mech_list_mic == b + 13 &&
		      t.mech_list_mic_len == 16);
		CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first),
			 -EINVAL);
		CHECK_RC(spnego_build_resp_mic(b, sizeof(b),
					       SPNEGO_ACCEPT_INCOMPLETE, true,
					       big, 100, mic, 16, &len), 0);
		CHECK_RC(spnego_parse(b, len, &t), 0);
		CHECK(t.token_len == 100 && t.mech_list_mic_len == 16);
		for (l = 0; l < len; l++)
			CHECK_RC(spnego_build_resp_mic(b, l, 1, true, big, 100,
						       mic, 16, &tl), -ENOSPC);
		/* mechListMIC that is not an OCTET STRING */
		len = mk(b, "a10e 300c a0030a0101 a305 0203010203");
		CHECK_RC(spnego_parse(b, len, &t), -EINVAL);
	}
	/* a NegTokenResp without responseToken */
	len = mk(b, "a107 3005 a0030a0101");
	CHECK_RC(spnego_get_mech_token(b, len, &tok, &tl, &first), -EINVAL);
}

/* The SESSION_SETUP requests of the Microsoft preauth blog (Windows 10). */
static void test_ms_session_setup(void)
{
	struct ntlmssp_auth a;
	u8 p[1024];
	const u8 *tok;
	size_t len, tl;
	char s[64];
	bool first;
	u32 f;

	len = unhex(ms_ss_req1, p, sizeof(p));
	CHECK_RC(smb2_validate_req(p, len), 0);
	CHECK(get_unaligned_le16(p + 64 + 12) == 0x58);
	CHECK_RC(spnego_get_mech_token(p + 0x58, get_unaligned_le16(p + 78),
				       &tok, &tl, &first), 0);
	CHECK(first && tl == 40);
	CHECK_RC(ntlmssp_parse_negotiate(tok, tl, &f), 0);
	CHECK(f == 0xe2088297);
	{
		struct spnego_token t;

		CHECK_RC(spnego_parse(p + 0x58, get_unaligned_le16(p + 78), &t),
			 0);
		CHECK(!t.is_resp && !t.raw && t.token == tok);
		CHECK_HEX(t.mech_types, t.mech_types_len,
			  "300c060a2b06010401823702020a");
		CHECK(!t.mech_list_mic);
	}

	len = unhex(ms_ss_req2, p, sizeof(p));
	CHECK_RC(smb2_validate_req(p, len), 0);
	CHECK_RC(spnego_get_mech_token(p + 0x58, get_unaligned_le16(p + 78),
				       &tok, &tl, &first), 0);
	CHECK(tl == 0x1a6);
	CHECK_RC(ntlmssp_parse_authenticate(tok, tl, &a), 0);
	CHECK(a.flags == 0xe2888215 && a.mic_present && a.mic == tok + 72);
	CHECK(a.nt_resp_len == 0xee && a.lm_resp_len == 0x18);
	CHECK(a.enc_session_key_len == 16 && !a.anonymous);
	CHECK_RC(utf16le_to_utf8(a.user, a.user_len, s, sizeof(s)), 13);
	CHECK(!strcmp(s, "administrator"));
	CHECK_RC(utf16le_to_utf8(a.domain, a.domain_len, s, sizeof(s)), 6);
	CHECK(!strcmp(s, "SUT311"));
	CHECK_RC(utf16le_to_utf8(a.workstation, a.workstation_len, s,
				 sizeof(s)), 9);
	CHECK(!strcmp(s, "DRIVER311"));
}

int main(void)
{
	test_ms_session_setup();
	test_build_init();
	test_get_token();
	return t_done("test_spnego");
}
