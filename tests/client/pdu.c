// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Building a frame of one or more requests: headers, MessageId and
 * CreditCharge allocation, compound linking (MS-SMB2 3.2.4.1.4), signing
 * (3.2.4.1.1) and sending.
 */
#include "smbc_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const struct smbc_fid SMBC_FID_RELATED = { UINT64_MAX, UINT64_MAX };

void smbc_msg_init(struct smbc_msg *m)
{
	memset(m, 0, sizeof(*m));
}

void smbc_msg_reset(struct smbc_msg *m)
{
	uint8_t *buf = m->buf;
	size_t cap = m->cap;

	memset(m, 0, sizeof(*m));
	m->buf = buf;
	m->cap = cap;
}

void smbc_msg_free(struct smbc_msg *m)
{
	free(m->buf);
	memset(m, 0, sizeof(*m));
}

int smbc_reserve(struct smbc_msg *m, size_t extra)
{
	size_t need = m->len + extra, cap = m->cap ? m->cap : 1024;
	uint8_t *nb;

	if (need <= m->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	nb = realloc(m->buf, cap);
	if (!nb)
		return -ENOMEM;
	m->buf = nb;
	m->cap = cap;
	return 0;
}

uint8_t *smbc_msg_hdr(struct smbc_msg *m, unsigned int i)
{
	return i < m->n ? m->buf + m->off[i] : NULL;
}

uint64_t smbc_msg_mid(const struct smbc_msg *m, unsigned int i)
{
	return i < m->n ? smbc_get64(m->buf + m->off[i] + SMBC_HO_MID) : 0;
}

void smbc_msg_relate(struct smbc_msg *m)
{
	uint8_t *h;

	if (!m->n)
		return;
	h = m->buf + m->off[m->n - 1];
	smbc_put32(h + SMBC_HO_FLAGS,
		   smbc_get32(h + SMBC_HO_FLAGS) | SMBC_FLAG_RELATED);
}

uint16_t smbc_charge(const struct smbc *c, uint32_t payload)
{
	if (c->dialect == SMBC_D202)
		return 0;
	if (!c->multi_credit || !payload)
		return 1;
	return (uint16_t)((payload - 1) / 65536 + 1);
}

/* Start a new member at an 8-byte boundary. */
static int new_member(struct smbc_msg *m, size_t need)
{
	size_t pad = m->n ? (8 - (m->len & 7)) & 7 : 0;

	if (m->n >= SMBC_MAX_MEMBERS)
		return -E2BIG;
	if (smbc_reserve(m, pad + need))
		return -ENOMEM;
	memset(m->buf + m->len, 0, pad + need);
	m->len += pad;
	m->off[m->n++] = m->len;
	m->len += need;
	return 0;
}

uint8_t *smbc_add_hdr(struct smbc *c, struct smbc_msg *m, uint16_t cmd,
		      size_t body_len, uint32_t payload, bool take_mid)
{
	uint16_t charge = smbc_charge(c, payload);
	uint8_t *h;

	if (new_member(m, SMBC_HDR_SIZE + body_len))
		return NULL;
	h = m->buf + m->off[m->n - 1];
	memcpy(h, "\xfeSMB", 4);
	smbc_put16(h + SMBC_HO_STRUCTSIZE, SMBC_HDR_SIZE);
	smbc_put16(h + SMBC_HO_CHARGE, charge);
	smbc_put16(h + SMBC_HO_COMMAND, cmd);
	smbc_put16(h + SMBC_HO_CREDITS, c->credit_request ?
		   c->credit_request : 1);
	smbc_put32(h + SMBC_HO_PID, c->pid);
	smbc_put32(h + SMBC_HO_TID, c->tree_id);
	smbc_put64(h + SMBC_HO_SID, c->session_id);
	if (take_mid) {
		smbc_put64(h + SMBC_HO_MID, c->next_mid);
		c->next_mid += charge ? charge : 1;
	}
	return h + SMBC_HDR_SIZE;
}

uint8_t *smbc_add(struct smbc *c, struct smbc_msg *m, uint16_t cmd,
		  size_t body_len, uint32_t payload)
{
	return smbc_add_hdr(c, m, cmd, body_len, payload, true);
}

uint8_t *smbc_append(struct smbc_msg *m, const void *data, size_t len)
{
	uint8_t *p;

	if (smbc_reserve(m, len))
		return NULL;
	p = m->buf + m->len;
	if (data)
		memcpy(p, data, len);
	else
		memset(p, 0, len);
	m->len += len;
	return p;
}

size_t smbc_member_pos(const struct smbc_msg *m)
{
	return m->n ? m->len - m->off[m->n - 1] : 0;
}

int smbc_add_raw(struct smbc_msg *m, const void *data, size_t len)
{
	if (m->n >= SMBC_MAX_MEMBERS || smbc_reserve(m, len))
		return -ENOMEM;
	m->off[m->n++] = m->len;
	memcpy(m->buf + m->len, data, len);
	m->len += len;
	return 0;
}

/* Length of member @i: to the next member, or to the end. */
static size_t member_len(const struct smbc_msg *m, unsigned int i)
{
	return (i + 1 < m->n ? m->off[i + 1] : m->len) - m->off[i];
}

static void link_members(struct smbc_msg *m)
{
	unsigned int i;

	for (i = 0; i < m->n; i++) {
		uint8_t *h = m->buf + m->off[i];

		if (member_len(m, i) < SMBC_HDR_SIZE)
			continue;
		smbc_put32(h + SMBC_HO_NEXT, i + 1 < m->n ?
			   (uint32_t)member_len(m, i) : 0);
	}
}

int smbc_sign_member(struct smbc *c, uint8_t *h, size_t len, bool corrupt)
{
	u8 sig[16];
	int rc;

	smbc_put32(h + SMBC_HO_FLAGS,
		   smbc_get32(h + SMBC_HO_FLAGS) | SMBC_FLAG_SIGNED);
	rc = smb2_sign_pdu(c->sign_alg, c->dialect >= SMBC_D300 ?
			   c->signing_key : c->session_key, h, len, sig);
	if (rc)
		return rc;
	if (corrupt)
		sig[len % 16] ^= 0x01;
	memcpy(h + SMBC_HO_SIG, sig, 16);
	return 0;
}

static void count_credits(struct smbc *c, const struct smbc_msg *m)
{
	unsigned int i;

	for (i = 0; i < m->n; i++) {
		const uint8_t *h = m->buf + m->off[i];
		uint16_t ch;

		if (member_len(m, i) < SMBC_HDR_SIZE ||
		    smbc_get16(h + SMBC_HO_COMMAND) == SMBC_CANCEL)
			continue;
		ch = smbc_get16(h + SMBC_HO_CHARGE);
		c->credits -= ch ? ch : 1;
	}
}

int smbc_send(struct smbc *c, struct smbc_msg *m)
{
	unsigned int i;
	int rc;

	if (!m->no_link)
		link_members(m);
	if (c->signing && c->session_valid && !m->no_sign) {
		for (i = 0; i < m->n; i++) {
			if (member_len(m, i) < SMBC_HDR_SIZE)
				continue;
			rc = smbc_sign_member(c, m->buf + m->off[i],
					      member_len(m, i), m->bad_sign);
			if (rc)
				return rc;
		}
	}
	count_credits(c, m);
	rc = smbc_send_frame(c, m->buf, m->len);
	if (!rc)
		c->sent_pdus += m->n;
	return rc;
}

int smbc_call(struct smbc *c, struct smbc_msg *m, struct smbc_rsp *r)
{
	int rc = smbc_send(c, m);

	return rc ? rc : smbc_wait(c, m, r);
}
