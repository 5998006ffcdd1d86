// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Client side of NTLMSSP with NTLMv2 (MS-NLMP 2.2.1.1, 2.2.1.3, 3.1.5.1.2,
 * 3.3.2): the NEGOTIATE message, parsing the CHALLENGE, the NTLMv2
 * response and the session key.  The primitives (HMAC-MD5, RC4, UTF-16)
 * are the server's own wire code built for userspace.
 */
#include "smbc_int.h"
#include "ntlmssp.h"
#include "utf16.h"
#include "arc4.h"
#include "cifsd_crypto.h"
#include "md4.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CLIENT_FLAGS (NTLMSSP_NEGOTIATE_UNICODE | NTLMSSP_REQUEST_TARGET | \
	NTLMSSP_NEGOTIATE_SIGN | NTLMSSP_NEGOTIATE_NTLM | \
	NTLMSSP_NEGOTIATE_ALWAYS_SIGN | \
	NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY | \
	NTLMSSP_NEGOTIATE_VERSION | NTLMSSP_NEGOTIATE_128 | \
	NTLMSSP_NEGOTIATE_KEY_EXCH | NTLMSSP_NEGOTIATE_56)

#define AUTH_PAYLOAD	72	/* fixed part with Version, no MIC */
#define WORKSTATION	"SMBC"

static void put_version(uint8_t *p)
{
	/* ProductMajor 10, Minor 0, Build 0, NTLMRevisionCurrent 15 */
	memset(p, 0, 8);
	p[0] = 10;
	p[7] = 15;
}

void smbc_ntlm_negotiate(struct smbc_ntlm *n)
{
	uint8_t *p = n->negotiate;

	memset(p, 0, 40);
	memcpy(p, "NTLMSSP", 8);
	smbc_put32(p + 8, NTLMSSP_NEGOTIATE);
	smbc_put32(p + 12, CLIENT_FLAGS);
	smbc_put32(p + 20, 40);		/* empty domain at the end */
	smbc_put32(p + 28, 40);		/* empty workstation */
	put_version(p + 32);
	n->negotiate_len = 40;
	n->flags = CLIENT_FLAGS;
}

void smbc_ntlm_free(struct smbc_ntlm *n)
{
	free(n->auth);
	n->auth = NULL;
	n->auth_len = 0;
}

struct chal {
	uint32_t flags;
	const uint8_t *challenge;
	const uint8_t *info;
	size_t info_len;
	uint64_t timestamp;	/* MsvAvTimestamp, 0 if absent */
};

static int parse_challenge(const uint8_t *m, size_t len, struct chal *c)
{
	size_t off, n, i;

	if (len < 48 || memcmp(m, "NTLMSSP", 8) ||
	    smbc_get32(m + 8) != NTLMSSP_CHALLENGE)
		return -EPROTO;
	c->flags = smbc_get32(m + 20);
	c->challenge = m + 24;
	n = smbc_get16(m + 40);
	off = smbc_get32(m + 44);
	if (off > len || n > len - off)
		return -EPROTO;
	c->info = m + off;
	c->info_len = n;
	c->timestamp = 0;
	for (i = 0; i + 4 <= n;) {
		uint16_t id = smbc_get16(c->info + i);
		uint16_t l = smbc_get16(c->info + i + 2);

		if (id == MSV_AV_EOL || i + 4 + l > n)
			break;
		if (id == MSV_AV_TIMESTAMP && l == 8)
			c->timestamp = smbc_get64(c->info + i + 4);
		i += 4 + (size_t)l;
	}
	return 0;
}

static uint64_t filetime_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((uint64_t)ts.tv_sec + 11644473600ull) * 10000000ull +
	       (uint64_t)ts.tv_nsec / 100;
}

/* NTOWFv2 = HMAC_MD5(MD4(UTF16(pass)), UTF16(UPPER(user)) || UTF16(dom)) */
static int ntowfv2(const char *user, const char *dom, const char *pass,
		   uint8_t out[16])
{
	uint8_t pw[512], u[512], d[512], nt[16];
	struct cifsd_vec v[2];
	int pl, ul, dl, i;

	pl = utf8_to_utf16le(pass, strlen(pass), pw, sizeof(pw));
	ul = utf8_to_utf16le(user, strlen(user), u, sizeof(u));
	dl = utf8_to_utf16le(dom, strlen(dom), d, sizeof(d));
	if ((pl < 0 && *pass) || (ul < 0 && *user) || (dl < 0 && *dom))
		return -EINVAL;
	pl = pl < 0 ? 0 : pl;
	ul = ul < 0 ? 0 : ul;
	dl = dl < 0 ? 0 : dl;
	md4(pw, (size_t)pl, nt);
	for (i = 0; i < ul; i += 2)
		smbc_put16(u + i, utf16_toupper(smbc_get16(u + i)));
	v[0].base = u;
	v[0].len = (size_t)ul;
	v[1].base = d;
	v[1].len = (size_t)dl;
	return cifsd_hmac_md5(nt, 16, v, 2, out);
}

/* Append one payload field and fill its 8-byte descriptor at @at. */
static size_t put_field(uint8_t *msg, size_t at, size_t pos,
			const void *data, size_t len)
{
	smbc_put16(msg + at, (uint16_t)len);
	smbc_put16(msg + at + 2, (uint16_t)len);
	smbc_put32(msg + at + 4, (uint32_t)pos);
	if (len)
		memcpy(msg + pos, data, len);
	return pos + len;
}

/* The NTLMv2 response (NTProofStr || temp) and the session base key. */
static int ntlmv2_response(const uint8_t ntowf[16], const struct chal *ch,
			   uint8_t *resp, size_t *resp_len,
			   uint8_t base_key[16])
{
	struct cifsd_vec v[2];
	uint8_t *t = resp + 16;
	size_t tl = 28 + ch->info_len + 4;
	int rc;

	memset(t, 0, tl);
	t[0] = 1;
	t[1] = 1;
	smbc_put64(t + 8, ch->timestamp ? ch->timestamp : filetime_now());
	cifsd_random_bytes(t + 16, 8);
	memcpy(t + 28, ch->info, ch->info_len);
	v[0].base = ch->challenge;
	v[0].len = 8;
	v[1].base = t;
	v[1].len = tl;
	rc = cifsd_hmac_md5(ntowf, 16, v, 2, resp);
	if (rc)
		return rc;
	v[0].base = resp;
	v[0].len = 16;
	rc = cifsd_hmac_md5(ntowf, 16, v, 1, base_key);
	*resp_len = 16 + tl;
	return rc;
}

int smbc_ntlm_authenticate(struct smbc_ntlm *n, const uint8_t *chal,
			   size_t chal_len, const char *user,
			   const char *domain, const char *pass)
{
	uint8_t ntowf[16], base[16], enc[16], u[512], d[512], w[32];
	uint8_t *resp = NULL, *msg = NULL;
	static const uint8_t lm[24];
	size_t rlen = 0, pos;
	struct chal ch;
	int rc, ul, dl, wl;

	rc = parse_challenge(chal, chal_len, &ch);
	if (rc)
		return rc;
	n->flags = CLIENT_FLAGS & ch.flags;
	n->flags |= NTLMSSP_NEGOTIATE_UNICODE;
	ul = utf8_to_utf16le(user, strlen(user), u, sizeof(u));
	dl = utf8_to_utf16le(domain, strlen(domain), d, sizeof(d));
	wl = utf8_to_utf16le(WORKSTATION, strlen(WORKSTATION), w, sizeof(w));
	ul = ul < 0 ? 0 : ul;
	dl = dl < 0 ? 0 : dl;
	resp = calloc(1, 16 + 28 + ch.info_len + 4);
	msg = calloc(1, AUTH_PAYLOAD + 24 + 16 + 28 + ch.info_len + 4 +
		     (size_t)ul + (size_t)dl + (size_t)wl + 16);
	if (!resp || !msg) {
		rc = -ENOMEM;
		goto out;
	}
	if (!*user) {
		/* anonymous: empty user and NT response, LM Z(1) */
		n->flags = (n->flags & ~NTLMSSP_NEGOTIATE_KEY_EXCH) |
			   NTLMSSP_ANONYMOUS;
		memset(base, 0, 16);
	} else {
		rc = ntowfv2(user, domain, pass, ntowf);
		if (!rc)
			rc = ntlmv2_response(ntowf, &ch, resp, &rlen, base);
		if (rc)
			goto out;
	}
	if (n->flags & NTLMSSP_NEGOTIATE_KEY_EXCH) {
		cifsd_random_bytes(n->session_key, 16);
		cifsd_arc4(base, 16, n->session_key, enc, 16);
	} else {
		memcpy(n->session_key, base, 16);
	}
	memcpy(msg, "NTLMSSP", 8);
	smbc_put32(msg + 8, NTLMSSP_AUTH);
	pos = put_field(msg, 12, AUTH_PAYLOAD, lm, *user ? sizeof(lm) : 1);
	pos = put_field(msg, 20, pos, resp, rlen);
	pos = put_field(msg, 28, pos, d, (size_t)dl);
	pos = put_field(msg, 36, pos, u, (size_t)ul);
	pos = put_field(msg, 44, pos, w, wl < 0 ? 0 : (size_t)wl);
	pos = put_field(msg, 52, pos, enc, n->flags &
			NTLMSSP_NEGOTIATE_KEY_EXCH ? 16 : 0);
	smbc_put32(msg + 60, n->flags);
	put_version(msg + 64);
	free(n->auth);
	n->auth = msg;
	n->auth_len = pos;
	msg = NULL;
out:
	free(resp);
	free(msg);
	memset(ntowf, 0, sizeof(ntowf));
	memset(base, 0, sizeof(base));
	return rc;
}
