// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NEGOTIATE (MS-SMB2 2.2.3, 2.2.4): the request with the 3.1.1
 * PREAUTH_INTEGRITY_CAPABILITIES (SHA-512) and SIGNING_CAPABILITIES
 * contexts, the response, and the start of the preauth hash (3.2.5.2).
 */
#include "smbc_int.h"
#include "cifsd_crypto.h"

#include <errno.h>
#include <string.h>

#define CLIENT_CAPS	0x00000007u	/* DFS, LEASING, LARGE_MTU */

/* Append one negotiate context to the last member, 8-aligned. */
static int add_ctx(struct smbc_msg *m, uint16_t type, const uint8_t *data,
		   uint16_t dlen)
{
	uint8_t h[8];

	while (smbc_member_pos(m) & 7)
		if (!smbc_append(m, NULL, 1))
			return -ENOMEM;
	smbc_put16(h, type);
	smbc_put16(h + 2, dlen);
	smbc_put32(h + 4, 0);
	if (!smbc_append(m, h, 8) || !smbc_append(m, data, dlen))
		return -ENOMEM;
	return 0;
}

static int add_contexts(struct smbc_msg *m)
{
	uint8_t pre[38], sig[6];
	uint8_t *body;
	size_t first;

	while (smbc_member_pos(m) & 7)
		if (!smbc_append(m, NULL, 1))
			return -ENOMEM;
	first = smbc_member_pos(m);
	smbc_put16(pre, 1);		/* HashAlgorithmCount */
	smbc_put16(pre + 2, 32);	/* SaltLength */
	smbc_put16(pre + 4, 0x0001);	/* SHA-512 */
	cifsd_random_bytes(pre + 6, 32);
	smbc_put16(sig, 2);
	smbc_put16(sig + 2, 0x0001);	/* AES-CMAC */
	smbc_put16(sig + 4, 0x0000);	/* HMAC-SHA256 */
	if (add_ctx(m, 0x0001, pre, sizeof(pre)) ||
	    add_ctx(m, 0x0008, sig, sizeof(sig)))
		return -ENOMEM;
	body = smbc_msg_hdr(m, m->n - 1) + SMBC_HDR_SIZE;
	smbc_put32(body + 28, (uint32_t)first);
	smbc_put16(body + 32, 2);
	return 0;
}

int smbc_add_negotiate(struct smbc *c, struct smbc_msg *m,
		       const uint16_t *dialects, unsigned int n)
{
	uint8_t *b = smbc_add(c, m, SMBC_NEGOTIATE, 36, 0);
	bool has311 = false;
	unsigned int i;

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 36);
	smbc_put16(b + 2, (uint16_t)n);
	smbc_put16(b + 4, 0x0001);		/* SIGNING_ENABLED */
	smbc_put32(b + 8, CLIENT_CAPS);
	memcpy(b + 12, c->client_guid, 16);
	for (i = 0; i < n; i++) {
		uint8_t d[2];

		smbc_put16(d, dialects[i]);
		if (!smbc_append(m, d, 2))
			return -ENOMEM;
		has311 |= dialects[i] == SMBC_D311;
	}
	return has311 ? add_contexts(m) : 0;
}

/* Negotiate contexts of the response: the signing algorithm chosen. */
static void parse_rsp_contexts(struct smbc *c, const struct smbc_pdu *p)
{
	size_t off = smbc_get32(p->body + 60), cnt = smbc_get16(p->body + 6);
	size_t i;

	for (i = 0; i < cnt && off + 8 <= p->len; i++) {
		const uint8_t *x = p->hdr + off;
		uint16_t type = smbc_get16(x), dlen = smbc_get16(x + 2);

		if (off + 8 + dlen > p->len)
			break;
		if (type == 0x0008 && dlen >= 4)
			c->sign_alg = smbc_get16(x + 10);
		off = (off + 8 + dlen + 7) & ~(size_t)7;
	}
}

static int parse_rsp(struct smbc *c, const struct smbc_pdu *p)
{
	if (p->status != SMBC_STATUS_SUCCESS)
		return -EPROTO;
	if (p->body_len < 64 || smbc_get16(p->body) != 65)
		return -EPROTO;
	c->server_sec_mode = smbc_get16(p->body + 2);
	c->dialect = smbc_get16(p->body + 4);
	memcpy(c->server_guid, p->body + 8, 16);
	c->server_caps = smbc_get32(p->body + 24);
	c->max_trans = smbc_get32(p->body + 28);
	c->max_read = smbc_get32(p->body + 32);
	c->max_write = smbc_get32(p->body + 36);
	c->sign_required = c->server_sec_mode & 0x0002;
	c->sign_alg = c->dialect >= SMBC_D300 ? 1 : 0;
	c->multi_credit = c->dialect != SMBC_D202 &&
			  (c->server_caps & 0x4);
	if (c->dialect == SMBC_D311)
		parse_rsp_contexts(c, p);
	switch (c->dialect) {
	case SMBC_D202: case SMBC_D210: case SMBC_D300: case SMBC_D302:
	case SMBC_D311:
		return 0;
	default:
		return -EPROTONOSUPPORT;
	}
}

int smbc_negotiate(struct smbc *c, uint16_t dialect)
{
	static const uint16_t all[] = { SMBC_D202, SMBC_D210, SMBC_D300,
					SMBC_D302, SMBC_D311 };
	struct smbc_msg m;
	struct smbc_rsp r;
	int rc;

	if (!c->client_guid[0] && !c->client_guid[15])
		cifsd_random_bytes(c->client_guid, 16);
	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	rc = dialect ? smbc_add_negotiate(c, &m, &dialect, 1) :
		       smbc_add_negotiate(c, &m, all, 5);
	if (!rc)
		rc = smbc_call(c, &m, &r);
	if (!rc && r.n != 1)
		rc = -EPROTO;
	if (!rc)
		rc = parse_rsp(c, &r.pdu[0]);
	if (!rc && c->dialect == SMBC_D311) {
		memset(c->preauth, 0, 64);
		smb311_preauth_update(c->preauth, m.buf, m.len);
		smb311_preauth_update(c->preauth, r.pdu[0].hdr, r.pdu[0].len);
	}
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	return rc;
}
