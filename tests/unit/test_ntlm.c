// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NTLMSSP and NTLMv2: primitives (RFC 2202, RFC 4231, RFC 4493,
 * FIPS 180-2, RC4), the MS-NLMP 4.2.4 NTLMv2 example, CHALLENGE encoding
 * and AUTHENTICATE bounds checks.
 */
#include "tcommon.h"
#include "ntlmssp.h"
#include "utf16.h"
#include "arc4.h"
#include "cifsd_crypto.h"

static void test_primitives(void)
{
	u8 key[32], msg[64], out[64];
	struct cifsd_vec v[3];
	size_t n;

	/* RFC 2202 test case 1 (HMAC-MD5) */
	memset(key, 0x0b, 16);
	v[0].base = "Hi There";
	v[0].len = 8;
	CHECK_RC(cifsd_hmac_md5(key, 16, v, 1, out), 0);
	CHECK_HEX(out, 16, "9294727a3638bb1c13f48ef8158bfc9d");
	/* RFC 2202 test case 2, split over three pieces */
	v[0].base = "what do ya ";
	v[0].len = 11;
	v[1].base = "";
	v[1].len = 0;
	v[2].base = "want for nothing?";
	v[2].len = 17;
	CHECK_RC(cifsd_hmac_md5((const u8 *)"Jefe", 4, v, 3, out), 0);
	CHECK_HEX(out, 16, "750c783e6ab0b503eaa86e310a5db738");
	/* RFC 4231 test cases 1 and 2 (HMAC-SHA256) */
	memset(key, 0x0b, 20);
	v[0].base = "Hi There";
	v[0].len = 8;
	CHECK_RC(cifsd_hmac_sha256(key, 20, v, 1, out), 0);
	CHECK_HEX(out, 32, "b0344c61d8db38535ca8afceaf0bf12b"
		  "881dc200c9833da726e9376c2e32cff7");
	v[0].base = "what do ya want for nothing?";
	v[0].len = 28;
	CHECK_RC(cifsd_hmac_sha256((const u8 *)"Jefe", 4, v, 1, out), 0);
	CHECK_HEX(out, 32, "5bdcc146bf60754e6a042426089575c7"
		  "5a003f089d2739839dec58b964ec3843");
	/* RFC 4493 AES-CMAC examples 1-4 */
	unhex("2b7e151628aed2a6abf7158809cf4f3c", key, 16);
	n = unhex("6bc1bee22e409f96e93d7e117393172a"
		  "ae2d8a571e03ac9c9eb76fac45af8e51"
		  "30c81c46a35ce411e5fbc1191a0a52ef"
		  "f69f2445df4f9b17ad2b417be66c3710", msg, sizeof(msg));
	CHECK(n == 64);
	v[0].base = msg;
	v[0].len = 0;
	CHECK_RC(cifsd_aes_cmac(key, v, 1, out), 0);
	CHECK_HEX(out, 16, "bb1d6929e95937287fa37d129b756746");
	v[0].len = 16;
	CHECK_RC(cifsd_aes_cmac(key, v, 1, out), 0);
	CHECK_HEX(out, 16, "070a16b46b4d4144f79bdd9dd04a287c");
	v[0].len = 40;
	CHECK_RC(cifsd_aes_cmac(key, v, 1, out), 0);
	CHECK_HEX(out, 16, "dfa66747de9ae63030ca32611497c827");
	v[0].len = 7;
	v[1].base = msg + 7;
	v[1].len = 57;
	CHECK_RC(cifsd_aes_cmac(key, v, 2, out), 0);
	CHECK_HEX(out, 16, "51f0bebf7e3b9d92fc49741779363cfe");
	/* FIPS 180-2 SHA-512("abc") */
	v[0].base = "abc";
	v[0].len = 3;
	CHECK_RC(cifsd_sha512(v, 1, out), 0);
	CHECK_HEX(out, 64, "ddaf35a193617abacc417349ae204131"
		  "12e6fa4e89a97ea20a9eeee64b55d39a"
		  "2192992a274fc1a836ba3c23a3feebbd"
		  "454d4423643ce80e2a9ac94fa54ca49f");
	/* RC4 ("Key", "Plaintext"), a widely published vector */
	cifsd_arc4((const u8 *)"Key", 3, (const u8 *)"Plaintext", out, 9);
	CHECK_HEX(out, 9, "bbf316e8d940af0ad3");
}

/* UTF-16LE of an ASCII string. */
static size_t u16s(const char *s, u8 *out)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		out[2 * i] = (u8)s[i];
		out[2 * i + 1] = 0;
	}
	return 2 * i;
}

struct auth_in {
	const char *user, *domain, *ws;
	const u8 *lm, *nt, *key;
	size_t lm_len, nt_len, key_len;
	u32 flags;
};

static void set_field(u8 *msg, size_t at, size_t len, size_t off)
{
	put_unaligned_le16(len, msg + at);
	put_unaligned_le16(len, msg + at + 2);
	put_unaligned_le32(off, msg + at + 4);
}

/* Build an AUTHENTICATE message; payload starts at 72 (after Version). */
static size_t build_auth(u8 *msg, const struct auth_in *in)
{
	size_t pos = 72, n;

	memset(msg, 0, 72);
	memcpy(msg, "NTLMSSP\0", 8);
	put_unaligned_le32(3, msg + 8);
	memcpy(msg + pos, in->lm, in->lm_len);
	set_field(msg, 12, in->lm_len, pos);
	pos += in->lm_len;
	memcpy(msg + pos, in->nt, in->nt_len);
	set_field(msg, 20, in->nt_len, pos);
	pos += in->nt_len;
	n = u16s(in->domain, msg + pos);
	set_field(msg, 28, n, pos);
	pos += n;
	n = u16s(in->user, msg + pos);
	set_field(msg, 36, n, pos);
	pos += n;
	n = u16s(in->ws, msg + pos);
	set_field(msg, 44, n, pos);
	pos += n;
	memcpy(msg + pos, in->key, in->key_len);
	set_field(msg, 52, in->key_len, pos);
	pos += in->key_len;
	put_unaligned_le32(in->flags, msg + 60);
	return pos;
}

/* MS-NLMP 4.2.4: the NTLMv2 example. */
static void test_nlmp_424(void)
{
	u8 nt_hash[16], chal[8], nt[256], lm[24], ek[16], msg[1024];
	u8 base[16], exp[16], ntowf[16], proof[16];
	struct ntlmssp_auth a;
	struct auth_in in;
	struct cifsd_vec v[2];
	size_t nt_len, len;

	/* NTOWFv1("Password") = MD4(UTF-16LE("Password")) */
	unhex("a4f49c406510bdcab6824ee7c30fd852", nt_hash, 16);
	unhex("0123456789abcdef", chal, 8);
	/*
	 * 4.2.4.1.3 / 4.2.4.2.2: temp = Responserversion 1, HiResponser-
	 * version 1, Z(6), Time (0), ClientChallenge (aa * 8), Z(4),
	 * ServerName (the CHALLENGE's AV pairs: NbDomainName "Domain",
	 * NbComputerName "Server", EOL), Z(4).
	 */
	nt_len = unhex("68cd0ab851e51c96aabc927bebef6a1c"
		       "0101000000000000"
		       "0000000000000000"
		       "aaaaaaaaaaaaaaaa"
		       "00000000"
		       "02000c0044006f006d00610069006e00"
		       "01000c005300650072007600650072000000"
		       "0000"
		       "00000000", nt, sizeof(nt));
	unhex("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa", lm, 24);
	/* 4.2.4.2.3 EncryptedSessionKey = RC4(SessionBaseKey, 0x55 * 16) */
	unhex("c5dad2544fc9799094ce1ce90bc9d03e", ek, 16);

	memset(&in, 0, sizeof(in));
	in.user = "User";
	in.domain = "Domain";
	in.ws = "COMPUTER";
	in.lm = lm;
	in.lm_len = 24;
	in.nt = nt;
	in.nt_len = nt_len;
	in.key = ek;
	in.key_len = 16;
	in.flags = 0xe28a8233;	/* incl. KEY_EXCH, UNICODE */
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK(!a.anonymous && !a.mic_present && a.mic == NULL);
	CHECK(a.user_len == 8 && a.domain_len == 12 && a.nt_resp_len == nt_len);
	CHECK(a.workstation_len == 16 && a.enc_session_key_len == 16);

	/* NTOWFv2 computed independently of ntlmv2.c */
	v[0].base = "U\0S\0E\0R\0";
	v[0].len = 8;
	v[1].base = "D\0o\0m\0a\0i\0n\0";
	v[1].len = 12;
	CHECK_RC(cifsd_hmac_md5(nt_hash, 16, v, 2, ntowf), 0);
	CHECK_HEX(ntowf, 16, "0c868a403bfd7a93a3001ef22ef02e3f");
	v[0].base = chal;
	v[0].len = 8;
	v[1].base = nt + 16;
	v[1].len = nt_len - 16;
	CHECK_RC(cifsd_hmac_md5(ntowf, 16, v, 2, proof), 0);
	CHECK_HEX(proof, 16, "68cd0ab851e51c96aabc927bebef6a1c");

	memset(base, 0, sizeof(base));
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), 0);
	CHECK_HEX(base, 16, "8de40ccadbc14a82f15cb0ad0de95ca3");
	CHECK_RC(ntlmssp_exported_key(base, &a, exp), 0);
	CHECK_HEX(exp, 16, "55555555555555555555555555555555");

	/* the user name is upper-cased: "user" gives the same NTOWFv2 */
	in.user = "user";
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), 0);

	/* wrong password, wrong challenge, tampered blob: rejected */
	nt_hash[0] ^= 1;
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), -EACCES);
	nt_hash[0] ^= 1;
	chal[7] ^= 1;
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), -EACCES);
	chal[7] ^= 1;
	msg[72 + 24 + 30] ^= 1;		/* inside the blob */
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), -EACCES);
	msg[72 + 24 + 30] ^= 1;
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), 0);

	/* the domain is case-sensitive ... */
	in.domain = "DOMAIN";
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), -EACCES);

	/* without KEY_EXCH the exported key is the base key */
	in.domain = "Domain";
	in.flags = NTLMSSP_NEGOTIATE_UNICODE;
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), 0);
	CHECK_RC(ntlmssp_exported_key(base, &a, exp), 0);
	CHECK(!memcmp(exp, base, 16));
	/* KEY_EXCH with a 5-byte key */
	in.flags = NTLMSSP_NEGOTIATE_UNICODE | NTLMSSP_NEGOTIATE_KEY_EXCH;
	in.key_len = 5;
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK_RC(ntlmssp_exported_key(base, &a, exp), -EINVAL);
	in.key_len = 16;

	/* NTLMv1 (24-byte NT response) and a short blob: -EACCES */
	in.nt_len = 24;
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), -EACCES);
	in.nt_len = 44;
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), -EACCES);
	/* AV pairs cut short or without MsvAvEOL: malformed (-EBADMSG) */
	in.nt_len = 44 + 3;
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), -EBADMSG);
	in.nt_len = 44 + 16 + 4 + 10;	/* the second pair is cut */
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), -EBADMSG);
	in.nt_len = nt_len;
	nt[44 + 2] = 0xff;		/* first pair's length past the end */
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), -EBADMSG);
	nt[44 + 2] = 0x0c;
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), 0);
}

/* A client that computed the response with an empty domain. */
static void test_empty_domain_fallback(void)
{
	u8 nt_hash[16], chal[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	u8 nt[64], ntowf[16], msg[512], base[16], want[16];
	struct cifsd_vec v[2];
	struct ntlmssp_auth a;
	struct auth_in in;
	size_t len;

	unhex("a4f49c406510bdcab6824ee7c30fd852", nt_hash, 16);
	memset(nt, 0, sizeof(nt));
	nt[16] = 1;
	nt[17] = 1;
	memset(nt + 32, 0x42, 8);
	v[0].base = "A\0L\0I\0C\0E\0";
	v[0].len = 10;
	v[1].base = "";
	v[1].len = 0;
	CHECK_RC(cifsd_hmac_md5(nt_hash, 16, v, 2, ntowf), 0);
	v[0].base = chal;
	v[0].len = 8;
	v[1].base = nt + 16;
	v[1].len = 48;
	CHECK_RC(cifsd_hmac_md5(ntowf, 16, v, 2, nt), 0);
	v[0].base = nt;
	v[0].len = 16;
	CHECK_RC(cifsd_hmac_md5(ntowf, 16, v, 1, want), 0);

	memset(&in, 0, sizeof(in));
	in.user = "alice";
	in.domain = "WORKGROUP";
	in.ws = "";
	in.lm = nt;
	in.nt = nt;
	in.nt_len = 64;
	in.key = nt;
	in.flags = NTLMSSP_NEGOTIATE_UNICODE;
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK_RC(ntlmv2_verify(nt_hash, &a, chal, base), 0);
	CHECK(!memcmp(base, want, 16));
}

static void test_parse_auth_bounds(void)
{
	u8 msg[256], nt[64];
	struct ntlmssp_auth a;
	struct auth_in in;
	size_t len, l;
	static const size_t fields[] = { 12, 20, 28, 36, 44, 52 };
	unsigned int i;

	memset(nt, 0x11, sizeof(nt));
	memset(&in, 0, sizeof(in));
	in.user = "bob";
	in.domain = "D";
	in.ws = "W";
	in.lm = nt;
	in.lm_len = 24;
	in.nt = nt;
	in.nt_len = 60;
	in.key = nt;
	in.key_len = 16;
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	/* every truncation fails cleanly */
	for (l = 0; l < len; l++)
		CHECK(ntlmssp_parse_authenticate(msg, l, &a) < 0);
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		u8 m[256];

		memcpy(m, msg, len);
		/* offset past the end */
		put_unaligned_le32(len, m + fields[i] + 4);
		CHECK_RC(ntlmssp_parse_authenticate(m, len, &a), -ERANGE);
		/* offset + length wraps a 32-bit value */
		put_unaligned_le32(0xfffffff0, m + fields[i] + 4);
		CHECK_RC(ntlmssp_parse_authenticate(m, len, &a), -ERANGE);
		/* pointing into the fixed header */
		put_unaligned_le32(8, m + fields[i] + 4);
		CHECK_RC(ntlmssp_parse_authenticate(m, len, &a), -EINVAL);
		/* length one past the end */
		memcpy(m, msg, len);
		put_unaligned_le16(len - get_unaligned_le32(m + fields[i] + 4)
				   + 1, m + fields[i]);
		CHECK_RC(ntlmssp_parse_authenticate(m, len, &a), -ERANGE);
	}
	/* bad signature / type */
	msg[0] = 'X';
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), -EINVAL);
	msg[0] = 'N';
	msg[8] = 2;
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), -EINVAL);
	msg[8] = 3;

	/* anonymous: empty user and NT response, 1-byte LM */
	in.user = "";
	in.domain = "";
	in.nt_len = 0;
	in.lm_len = 1;
	in.key_len = 0;
	len = build_auth(msg, &in);
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK(a.anonymous);
	CHECK_RC(ntlmv2_verify(nt, &a, nt, nt), -EACCES);
}

/* MsvAvFlags with the MIC bit: MIC located and checked. */
static void test_mic(void)
{
	u8 neg[40], chal[100], msg[300], nt[80], key[16], mic[16];
	struct cifsd_vec v[3];
	struct ntlmssp_auth a;
	size_t len = 88, ntl = 16 + 28 + 8 + 4;

	memset(neg, 1, sizeof(neg));
	memset(chal, 2, sizeof(chal));
	memset(key, 7, sizeof(key));
	memset(nt, 0, sizeof(nt));
	nt[16] = 1;
	nt[17] = 1;
	put_unaligned_le16(MSV_AV_FLAGS, nt + 44);
	put_unaligned_le16(4, nt + 46);
	put_unaligned_le32(MSV_AV_FLAG_MIC_PRESENT, nt + 48);
	/* EOL at 52 */
	memset(msg, 0, sizeof(msg));
	memcpy(msg, "NTLMSSP\0", 8);
	put_unaligned_le32(3, msg + 8);
	memcpy(msg + len, nt, ntl);
	set_field(msg, 20, ntl, len);
	len += ntl;
	CHECK_RC(ntlmssp_parse_authenticate(msg, len, &a), 0);
	CHECK(a.mic_present && a.mic == msg + 72);
	v[0].base = neg;
	v[0].len = sizeof(neg);
	v[1].base = chal;
	v[1].len = sizeof(chal);
	v[2].base = msg;
	v[2].len = len;
	CHECK_RC(cifsd_hmac_md5(key, 16, v, 3, mic), 0);
	memcpy(msg + 72, mic, 16);
	CHECK_RC(ntlmssp_verify_mic(key, neg, sizeof(neg), chal, sizeof(chal),
				    msg, len), 0);
	msg[100] ^= 1;
	CHECK_RC(ntlmssp_verify_mic(key, neg, sizeof(neg), chal, sizeof(chal),
				    msg, len), -EACCES);
	msg[100] ^= 1;
	/* MIC flagged but the payload overlaps the MIC field */
	set_field(msg, 20, ntl, 72);
	memcpy(msg + 72, nt, ntl);
	CHECK_RC(ntlmssp_parse_authenticate(msg, 72 + ntl, &a), -EINVAL);
}

static void test_challenge(void)
{
	struct ntlmssp_target t = { "DOMAIN", "SERVER", "example.com",
				    "server.example.com" };
	u8 buf[512], chal[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	char name[64];
	u32 f, cf, client;
	size_t len, l, off, ti_off, ti_len, pos;
	u16 id, alen;
	int seen = 0;

	client = NTLMSSP_NEGOTIATE_UNICODE | NTLMSSP_REQUEST_TARGET |
		 NTLMSSP_NEGOTIATE_SIGN | NTLMSSP_NEGOTIATE_NTLM |
		 NTLMSSP_NEGOTIATE_ALWAYS_SIGN |
		 NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY |
		 NTLMSSP_NEGOTIATE_VERSION | NTLMSSP_NEGOTIATE_128 |
		 NTLMSSP_NEGOTIATE_KEY_EXCH | NTLMSSP_NEGOTIATE_56 |
		 NTLM_NEGOTIATE_OEM | NTLMSSP_NEGOTIATE_LM_KEY;
	CHECK_RC(ntlmssp_build_challenge(buf, sizeof(buf), &t, client, chal,
					 0x01d0000000000000ULL, &f, &len), 0);
	CHECK(!memcmp(buf, "NTLMSSP\0\x02\0\0\0", 12));
	cf = get_unaligned_le32(buf + 20);
	CHECK(cf == f);
	CHECK(f & NTLMSSP_NEGOTIATE_UNICODE);
	CHECK(f & NTLMSSP_NEGOTIATE_TARGET_INFO);
	CHECK(f & NTLMSSP_NEGOTIATE_KEY_EXCH);
	CHECK(f & NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY);
	CHECK(!(f & NTLM_NEGOTIATE_OEM));
	CHECK(!(f & NTLMSSP_NEGOTIATE_LM_KEY));
	CHECK(!memcmp(buf + 24, chal, 8));
	CHECK(buf[48] == 6 && buf[55] == 0x0f);
	l = get_unaligned_le16(buf + 12);
	off = get_unaligned_le32(buf + 16);
	CHECK(off == 56 && l == 12);
	CHECK_RC(utf16le_to_utf8(buf + off, l, name, sizeof(name)), 6);
	CHECK(!strcmp(name, "DOMAIN"));
	ti_len = get_unaligned_le16(buf + 40);
	ti_off = get_unaligned_le32(buf + 44);
	CHECK(ti_off + ti_len == len);
	for (pos = ti_off; pos + 4 <= ti_off + ti_len; pos += 4 + alen) {
		id = get_unaligned_le16(buf + pos);
		alen = get_unaligned_le16(buf + pos + 2);
		if (id == MSV_AV_EOL) {
			CHECK(alen == 0 && pos + 4 == len);
			seen |= 1 << id;
			break;
		}
		seen |= 1 << id;
		if (id == MSV_AV_TIMESTAMP)
			CHECK(alen == 8 && get_unaligned_le64(buf + pos + 4) ==
			      0x01d0000000000000ULL);
		if (id == MSV_AV_DNS_COMPUTER_NAME) {
			CHECK(utf16le_to_utf8(buf + pos + 4, alen, name,
					      sizeof(name)) == 18);
			CHECK(!strcmp(name, "server.example.com"));
		}
	}
	CHECK(seen == 0x9f);	/* EOL, 1-4, 7 */
	/* every short buffer: -ENOSPC, nothing written past room */
	for (l = 0; l < len; l++) {
		u8 b2[512];

		memset(b2, 0xcc, sizeof(b2));
		CHECK_RC(ntlmssp_build_challenge(b2, l, &t, client, chal,
						 0x01d0000000000000ULL, &f,
						 &pos), -ENOSPC);
		CHECK(b2[l] == 0xcc);
	}
	/* time 0: no MsvAvTimestamp, 12 bytes shorter */
	CHECK_RC(ntlmssp_build_challenge(buf, sizeof(buf), &t, client, chal, 0,
					 &f, &pos), 0);
	CHECK(pos == len - 12);
	CHECK(get_unaligned_le16(buf + 40) == ti_len - 12);
	CHECK(!memcmp(buf + pos - 4, "\0\0\0\0", 4));
	for (l = 0; l < pos; l++)
		CHECK_RC(ntlmssp_build_challenge(buf, l, &t, client, chal, 0,
						 &f, &off), -ENOSPC);
	/* no Unicode: refused; no VERSION asked: zero version */
	CHECK_RC(ntlmssp_build_challenge(buf, sizeof(buf), &t,
					 NTLM_NEGOTIATE_OEM, chal, 0, &f,
					 &len), -EOPNOTSUPP);
	CHECK_RC(ntlmssp_build_challenge(buf, sizeof(buf), &t,
					 NTLMSSP_NEGOTIATE_UNICODE, chal, 0,
					 &f, &len), 0);
	CHECK(!(f & NTLMSSP_NEGOTIATE_VERSION) && buf[48] == 0);

	/* NEGOTIATE parsing */
	memset(buf, 0, 40);
	memcpy(buf, "NTLMSSP\0\x01\0\0\0", 12);
	put_unaligned_le32(client, buf + 12);
	CHECK_RC(ntlmssp_parse_negotiate(buf, 40, &f), 0);
	CHECK(f == client);
	CHECK_RC(ntlmssp_parse_negotiate(buf, 15, &f), -EINVAL);
	buf[8] = 3;
	CHECK_RC(ntlmssp_parse_negotiate(buf, 40, &f), -EINVAL);
}

/*
 * MS-NLMP 4.2.4.4 (GSS_WrapEx, NTLMv2, ESS + KEY_EXCH): sealing
 * "Plaintext" (UTF-16LE) and signing it with sequence number 0 on the
 * client-to-server keys derived from RandomSessionKey 0x55 * 16.
 */
static void test_nlmp_424_wrap(void)
{
	u8 key[16], sk[16], ek[16], buf[32], mac[16], sig[16], want[16];
	static const u8 pt[] = "P\0l\0a\0i\0n\0t\0e\0x\0t\0";
	const u32 flags = 0xe28a8233;
	struct cifsd_vec v[2];
	u8 seq[4] = { 0 };

	memset(key, 0x55, sizeof(key));
	CHECK_RC(ntlmssp_sign_keys(key, flags, false, sk, ek), 0);
	v[0].base = seq;
	v[0].len = 4;
	v[1].base = pt;
	v[1].len = 18;
	CHECK_RC(cifsd_hmac_md5(sk, 16, v, 2, mac), 0);
	/* one RC4 stream seals the message, then the checksum */
	memcpy(buf, pt, 18);
	memcpy(buf + 18, mac, 8);
	cifsd_arc4(ek, 16, buf, buf, 26);
	CHECK_HEX(buf, 18, "54e50165bf1936dc996020c1811b0f06fb5f");
	CHECK_HEX(buf + 18, 8, "7fb38ec5c55d4976");

	/* GSS_GetMIC: the same checksum, fresh RC4 handle */
	CHECK_RC(ntlmssp_gss_mic(key, flags, false, 0, pt, 18, sig), 0);
	memcpy(want, "\x01\0\0\0", 4);
	cifsd_arc4(ek, 16, mac, want + 4, 8);
	memset(want + 12, 0, 4);
	CHECK(!memcmp(sig, want, 16));
	CHECK_RC(ntlmssp_gss_verify_mic(key, flags, false, 0, pt, 18, sig, 16),
		 0);
	CHECK_RC(ntlmssp_gss_verify_mic(key, flags, true, 0, pt, 18, sig, 16),
		 -EACCES);
	CHECK_RC(ntlmssp_gss_verify_mic(key, flags, false, 1, pt, 18, sig, 16),
		 -EACCES);
	CHECK_RC(ntlmssp_gss_verify_mic(key, flags, false, 0, pt, 18, sig, 15),
		 -EACCES);
	sig[5] ^= 1;
	CHECK_RC(ntlmssp_gss_verify_mic(key, flags, false, 0, pt, 18, sig, 16),
		 -EACCES);
	/* without KEY_EXCH the checksum is not encrypted */
	CHECK_RC(ntlmssp_gss_mic(key, flags & ~NTLMSSP_NEGOTIATE_KEY_EXCH,
				 true, 7, pt, 18, sig), 0);
	CHECK_RC(ntlmssp_sign_keys(key, flags, true, sk, ek), 0);
	seq[0] = 7;
	CHECK_RC(cifsd_hmac_md5(sk, 16, v, 2, mac), 0);
	CHECK(!memcmp(sig + 4, mac, 8) && sig[12] == 7 && sig[0] == 1);
	/* no extended session security: not supported */
	CHECK_RC(ntlmssp_gss_mic(key, NTLMSSP_NEGOTIATE_UNICODE, false, 0, pt,
				 18, sig), -EOPNOTSUPP);
}

int main(void)
{
	test_nlmp_424_wrap();
	test_primitives();
	test_nlmp_424();
	test_empty_domain_fallback();
	test_parse_auth_bounds();
	test_mic();
	test_challenge();
	return t_done("test_ntlm");
}
