// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Receiving responses: splitting a frame into its PDUs (NextCommand),
 * granted credits, signature checks (MS-SMB2 3.2.5.1.3) and waiting for
 * the final responses of a sent message.
 */
#include "smbc_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void smbc_rsp_init(struct smbc_rsp *r)
{
	memset(r, 0, sizeof(*r));
}

void smbc_rsp_reset(struct smbc_rsp *r)
{
	r->len = 0;
	r->n = 0;
	r->frames = 0;
}

void smbc_rsp_free(struct smbc_rsp *r)
{
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

bool smbc_pdu_is_interim(const struct smbc_pdu *p)
{
	return (p->flags & SMBC_FLAG_ASYNC) &&
	       p->status == SMBC_STATUS_PENDING;
}

static bool sig_ok(struct smbc *c, const uint8_t *h, size_t len)
{
	const u8 *key = c->dialect >= SMBC_D300 ? c->signing_key :
			c->session_key;

	return smb2_verify_pdu(c->sign_alg, key, h, len) == 0;
}

/* Re-point the PDUs after r->buf moved from address @old. */
static void rebase(struct smbc_rsp *r, uintptr_t old)
{
	unsigned int i;

	for (i = 0; i < r->n; i++) {
		r->pdu[i].hdr = r->buf + ((uintptr_t)r->pdu[i].hdr - old);
		r->pdu[i].body = r->pdu[i].hdr + SMBC_HDR_SIZE;
	}
}

static int keep_frame(struct smbc_rsp *r, const uint8_t *f, size_t len,
		      size_t *at)
{
	if (r->len + len > r->cap) {
		size_t cap = r->cap ? r->cap : 65536;
		uintptr_t old = (uintptr_t)r->buf;
		uint8_t *nb;

		while (cap < r->len + len)
			cap *= 2;
		nb = realloc(r->buf, cap);
		if (!nb)
			return -ENOMEM;
		r->buf = nb;
		r->cap = cap;
		if (old && (uintptr_t)nb != old)
			rebase(r, old);
	}
	memcpy(r->buf + r->len, f, len);
	*at = r->len;
	r->len += len;
	return 0;
}

static void add_pdu(struct smbc *c, struct smbc_rsp *r, const uint8_t *h,
		    size_t len)
{
	struct smbc_pdu *p = &r->pdu[r->n++];

	p->hdr = h;
	p->len = len;
	p->command = smbc_get16(h + SMBC_HO_COMMAND);
	p->status = smbc_get32(h + SMBC_HO_STATUS);
	p->flags = smbc_get32(h + SMBC_HO_FLAGS);
	p->mid = smbc_get64(h + SMBC_HO_MID);
	p->credits = smbc_get16(h + SMBC_HO_CREDITS);
	p->body = h + SMBC_HDR_SIZE;
	p->body_len = len - SMBC_HDR_SIZE;
	p->sig_bad = false;
	c->credits += p->credits;
	c->recv_pdus++;
	if ((p->flags & SMBC_FLAG_SIGNED) && c->session_valid &&
	    c->dialect && !sig_ok(c, h, len)) {
		p->sig_bad = true;
		c->bad_signatures++;
	}
}

int smbc_recv(struct smbc *c, struct smbc_rsp *r, int timeout_ms)
{
	size_t len, at, pos = 0;
	uint32_t next;
	int rc;

	rc = smbc_recv_frame(c, &len, timeout_ms);
	if (rc)
		return rc;
	rc = keep_frame(r, c->rbuf, len, &at);
	if (rc)
		return rc;
	r->frames++;
	for (;;) {
		const uint8_t *h = r->buf + at + pos;
		size_t left = len - pos, plen;

		if (left < SMBC_HDR_SIZE || memcmp(h, "\xfeSMB", 4))
			return pos ? 0 : -EPROTO;
		if (r->n >= SMBC_MAX_MEMBERS)
			return -E2BIG;
		next = smbc_get32(h + SMBC_HO_NEXT);
		plen = next && next < left ? next : left;
		if (next && plen < SMBC_HDR_SIZE)
			return -EPROTO;
		add_pdu(c, r, h, plen);
		if (!next || next >= left)
			return 0;
		pos += next;
	}
}

const struct smbc_pdu *smbc_rsp_find(const struct smbc_rsp *r, uint64_t mid)
{
	unsigned int i;

	for (i = 0; i < r->n; i++)
		if (r->pdu[i].mid == mid && !smbc_pdu_is_interim(&r->pdu[i]))
			return &r->pdu[i];
	return NULL;
}

/* True when every member of @m that expects a reply has a final one. */
static bool all_answered(const struct smbc_msg *m, const struct smbc_rsp *r)
{
	unsigned int i;

	for (i = 0; i < m->n; i++) {
		const uint8_t *h = m->buf + m->off[i];

		if (smbc_get16(h + SMBC_HO_COMMAND) == SMBC_CANCEL)
			continue;
		if (!smbc_rsp_find(r, smbc_msg_mid(m, i)))
			return false;
	}
	return true;
}

int smbc_wait(struct smbc *c, const struct smbc_msg *m, struct smbc_rsp *r)
{
	int rc;

	while (!all_answered(m, r)) {
		rc = smbc_recv(c, r, -1);
		if (rc)
			return rc;
	}
	return 0;
}
