// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Request builders for opened files: CREATE with create contexts
 * (MS-SMB2 2.2.13, 2.2.13.2), CLOSE, FLUSH, READ, WRITE, LOCK and the
 * OPLOCK_BREAK acknowledgment.
 */
#include "smbc_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void smbc_cc_init(struct smbc_cc *cc)
{
	memset(cc, 0, sizeof(*cc));
}

void smbc_cc_free(struct smbc_cc *cc)
{
	free(cc->buf);
	memset(cc, 0, sizeof(*cc));
}

static int cc_grow(struct smbc_cc *cc, size_t need)
{
	size_t cap = cc->cap ? cc->cap : 256;
	uint8_t *nb;

	if (cc->len + need <= cc->cap)
		return 0;
	while (cap < cc->len + need)
		cap *= 2;
	nb = realloc(cc->buf, cap);
	if (!nb)
		return -ENOMEM;
	cc->buf = nb;
	cc->cap = cap;
	return 0;
}

int smbc_cc_add(struct smbc_cc *cc, const char *name, size_t nlen,
		const void *data, size_t dlen)
{
	size_t pad = (8 - (cc->len & 7)) & 7, doff = (16 + nlen + 7) & ~7u;
	size_t at;
	uint8_t *p;

	if (nlen > 0xFFFF || dlen > 0xFFFFFF)
		return -EINVAL;
	if (cc_grow(cc, pad + doff + dlen))
		return -ENOMEM;
	memset(cc->buf + cc->len, 0, pad + doff + dlen);
	at = cc->len + pad;
	if (cc->n)
		smbc_put32(cc->buf + cc->last, (uint32_t)(at - cc->last));
	p = cc->buf + at;
	smbc_put16(p + 4, 16);
	smbc_put16(p + 6, (uint16_t)nlen);
	smbc_put16(p + 10, dlen ? (uint16_t)doff : 0);
	smbc_put32(p + 12, (uint32_t)dlen);
	memcpy(p + 16, name, nlen);
	if (dlen)
		memcpy(p + doff, data, dlen);
	cc->last = at;
	cc->len = at + (dlen ? doff + dlen : 16 + nlen);
	cc->n++;
	return 0;
}

static void put_fid(uint8_t *p, struct smbc_fid f)
{
	smbc_put64(p, f.persistent);
	smbc_put64(p + 8, f.volatile_);
}

int smbc_add_create(struct smbc *c, struct smbc_msg *m,
		    const struct smbc_create_args *a)
{
	uint8_t *b = smbc_add(c, m, SMBC_CREATE, 56, 0);
	size_t cc_off;
	long n;

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 57);
	b[3] = a->oplock;
	smbc_put32(b + 4, a->impersonation ? a->impersonation : 2);
	smbc_put32(b + 24, a->access);
	smbc_put32(b + 28, a->attrs);
	smbc_put32(b + 32, a->share);
	smbc_put32(b + 36, a->disposition);
	smbc_put32(b + 40, a->options);
	smbc_set_off16(m, 44);
	n = smbc_append_utf16(m, a->name ? a->name : "");
	if (n < 0)
		return (int)n;
	if (!n && !smbc_append(m, NULL, 1))	/* the Buffer's first byte */
		return -ENOMEM;
	b = smbc_msg_hdr(m, m->n - 1) + SMBC_HDR_SIZE;
	smbc_put16(b + 46, (uint16_t)n);
	if (!a->contexts || !a->contexts->len)
		return 0;
	while (smbc_member_pos(m) & 7)
		if (!smbc_append(m, NULL, 1))
			return -ENOMEM;
	cc_off = smbc_member_pos(m);
	if (!smbc_append(m, a->contexts->buf, a->contexts->len))
		return -ENOMEM;
	b = smbc_msg_hdr(m, m->n - 1) + SMBC_HDR_SIZE;
	smbc_put32(b + 48, (uint32_t)cc_off);
	smbc_put32(b + 52, (uint32_t)a->contexts->len);
	return 0;
}

int smbc_add_close(struct smbc *c, struct smbc_msg *m, struct smbc_fid f,
		   uint16_t flags)
{
	uint8_t *b = smbc_add(c, m, SMBC_CLOSE, 24, 0);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 24);
	smbc_put16(b + 2, flags);
	put_fid(b + 8, f);
	return 0;
}

int smbc_add_flush(struct smbc *c, struct smbc_msg *m, struct smbc_fid f)
{
	uint8_t *b = smbc_add(c, m, SMBC_FLUSH, 24, 0);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 24);
	put_fid(b + 8, f);
	return 0;
}

int smbc_add_read(struct smbc *c, struct smbc_msg *m, struct smbc_fid f,
		  uint64_t off, uint32_t len)
{
	uint8_t *b = smbc_add(c, m, SMBC_READ, 49, len);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 49);
	b[2] = 0x50;
	smbc_put32(b + 4, len);
	smbc_put64(b + 8, off);
	put_fid(b + 16, f);
	return 0;
}

int smbc_add_write(struct smbc *c, struct smbc_msg *m, struct smbc_fid f,
		   uint64_t off, const void *data, uint32_t len)
{
	uint8_t *b = smbc_add(c, m, SMBC_WRITE, 48, len);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 49);
	smbc_put16(b + 2, SMBC_HDR_SIZE + 48);
	smbc_put32(b + 4, len);
	smbc_put64(b + 8, off);
	put_fid(b + 16, f);
	if (!smbc_append(m, data, len ? len : 1))
		return -ENOMEM;
	return 0;
}

int smbc_add_lock(struct smbc *c, struct smbc_msg *m, struct smbc_fid f,
		  const struct smbc_lock *l, unsigned int n)
{
	uint8_t *b = smbc_add(c, m, SMBC_LOCK, 24, 0);
	unsigned int i;

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 48);
	smbc_put16(b + 2, (uint16_t)n);
	put_fid(b + 8, f);
	for (i = 0; i < n; i++) {
		uint8_t e[24] = { 0 };

		smbc_put64(e, l[i].off);
		smbc_put64(e + 8, l[i].len);
		smbc_put32(e + 16, l[i].flags);
		if (!smbc_append(m, e, 24))
			return -ENOMEM;
	}
	if (!n && !smbc_append(m, NULL, 24))
		return -ENOMEM;
	return 0;
}

int smbc_add_oplock_break(struct smbc *c, struct smbc_msg *m,
			  struct smbc_fid f, uint8_t level)
{
	uint8_t *b = smbc_add(c, m, SMBC_OPLOCK_BREAK, 24, 0);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 24);
	b[2] = level;
	put_fid(b + 8, f);
	return 0;
}
