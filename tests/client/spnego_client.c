// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Client SPNEGO tokens (RFC 4178, DER): the initial NegTokenInit carrying
 * the NTLMSSP NEGOTIATE, and the NegTokenResp carrying the AUTHENTICATE.
 * Decoding the server's tokens uses the server's own parser (spnego.c).
 */
#include "smbc_int.h"
#include "spnego.h"

#include <errno.h>
#include <string.h>

static const uint8_t oid_spnego[] = { 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05,
				      0x05, 0x02 };
static const uint8_t oid_ntlmssp[] = { 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04,
				       0x01, 0x82, 0x37, 0x02, 0x02, 0x0a };

/* Size of a DER tag + length for content of @n bytes. */
static size_t hdr_len(size_t n)
{
	return n < 0x80 ? 2 : n < 0x100 ? 3 : 4;
}

static uint8_t *put_hdr(uint8_t *p, uint8_t tag, size_t n)
{
	*p++ = tag;
	if (n < 0x80) {
		*p++ = (uint8_t)n;
	} else if (n < 0x100) {
		*p++ = 0x81;
		*p++ = (uint8_t)n;
	} else {
		*p++ = 0x82;
		*p++ = (uint8_t)(n >> 8);
		*p++ = (uint8_t)n;
	}
	return p;
}

long smbc_spnego_init(uint8_t *out, size_t room, const uint8_t *tok,
		      size_t len)
{
	size_t mt_seq = sizeof(oid_ntlmssp);
	size_t mt = hdr_len(mt_seq) + mt_seq;		/* SEQUENCE OF OID */
	size_t a0 = hdr_len(mt) + mt;			/* [0] mechTypes */
	size_t oct = hdr_len(len) + len;		/* OCTET STRING */
	size_t a2 = hdr_len(oct) + oct;			/* [2] mechToken */
	size_t seq = a0 + a2;
	size_t body = hdr_len(seq) + seq;		/* NegTokenInit */
	size_t ctx0 = hdr_len(body) + body;		/* [0] */
	size_t app = sizeof(oid_spnego) + ctx0;
	size_t total = hdr_len(app) + app;
	uint8_t *p = out;

	if (total > room || len > 0xFFF0)
		return -ENOSPC;
	p = put_hdr(p, 0x60, app);
	memcpy(p, oid_spnego, sizeof(oid_spnego));
	p += sizeof(oid_spnego);
	p = put_hdr(p, 0xa0, body);
	p = put_hdr(p, 0x30, seq);
	p = put_hdr(p, 0xa0, mt);
	p = put_hdr(p, 0x30, mt_seq);
	memcpy(p, oid_ntlmssp, sizeof(oid_ntlmssp));
	p += sizeof(oid_ntlmssp);
	p = put_hdr(p, 0xa2, oct);
	p = put_hdr(p, 0x04, len);
	memcpy(p, tok, len);
	return (long)total;
}

long smbc_spnego_resp(uint8_t *out, size_t room, const uint8_t *tok,
		      size_t len)
{
	size_t oct = hdr_len(len) + len;
	size_t a2 = hdr_len(oct) + oct;
	size_t seq = hdr_len(a2) + a2;
	size_t total = hdr_len(seq) + seq;
	uint8_t *p = out;

	if (total > room || len > 0xFFF0)
		return -ENOSPC;
	p = put_hdr(p, 0xa1, seq);
	p = put_hdr(p, 0x30, a2);
	p = put_hdr(p, 0xa2, oct);
	p = put_hdr(p, 0x04, len);
	memcpy(p, tok, len);
	return (long)total;
}

int smbc_spnego_token(const uint8_t *buf, size_t len, const uint8_t **tok,
		      size_t *tok_len)
{
	struct spnego_token t;
	size_t i;

	memset(&t, 0, sizeof(t));
	if (!spnego_parse(buf, len, &t) && t.token_len) {
		*tok = t.token;
		*tok_len = t.token_len;
		return 0;
	}
	/* not a form the parser takes: look for the NTLMSSP signature */
	for (i = 0; i + 8 <= len; i++) {
		if (!memcmp(buf + i, "NTLMSSP", 8)) {
			*tok = buf + i;
			*tok_len = len - i;
			return 0;
		}
	}
	return -EPROTO;
}
