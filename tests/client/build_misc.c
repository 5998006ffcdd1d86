// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Request builders: IOCTL, ECHO, CANCEL, QUERY_DIRECTORY, CHANGE_NOTIFY,
 * QUERY_INFO and SET_INFO (MS-SMB2 2.2.28 - 2.2.39).
 */
#include "smbc_int.h"

#include <errno.h>
#include <string.h>

static void put_fid(uint8_t *p, struct smbc_fid f)
{
	smbc_put64(p, f.persistent);
	smbc_put64(p + 8, f.volatile_);
}

static uint8_t *body_of(struct smbc_msg *m)
{
	return smbc_msg_hdr(m, m->n - 1) + SMBC_HDR_SIZE;
}

int smbc_add_ioctl(struct smbc *c, struct smbc_msg *m, struct smbc_fid f,
		   uint32_t ctl, const void *in, uint32_t in_len,
		   uint32_t max_out, uint32_t flags)
{
	uint8_t *b = smbc_add(c, m, SMBC_IOCTL, 56,
			      in_len > max_out ? in_len : max_out);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 57);
	smbc_put32(b + 4, ctl);
	put_fid(b + 8, f);
	smbc_put32(b + 24, SMBC_HDR_SIZE + 56);
	smbc_put32(b + 28, in_len);
	smbc_put32(b + 44, max_out);
	smbc_put32(b + 48, flags);
	if (in_len && !smbc_append(m, in, in_len))
		return -ENOMEM;
	return 0;
}

int smbc_add_echo(struct smbc *c, struct smbc_msg *m)
{
	uint8_t *b = smbc_add(c, m, SMBC_ECHO, 4, 0);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 4);
	return 0;
}

int smbc_add_cancel(struct smbc *c, struct smbc_msg *m, uint64_t mid,
		    uint64_t async_id)
{
	uint8_t *b = smbc_add_hdr(c, m, SMBC_CANCEL, 4, 0, false);
	uint8_t *h;

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 4);
	h = b - SMBC_HDR_SIZE;
	smbc_put64(h + SMBC_HO_MID, mid);
	if (async_id) {
		smbc_put32(h + SMBC_HO_FLAGS, SMBC_FLAG_ASYNC);
		smbc_put64(h + SMBC_HO_ASYNCID, async_id);
	}
	return 0;
}

int smbc_add_query_directory(struct smbc *c, struct smbc_msg *m,
			     struct smbc_fid f, uint8_t klass, uint8_t flags,
			     const char *pattern, uint32_t out_len)
{
	uint8_t *b = smbc_add(c, m, SMBC_QUERY_DIRECTORY, 32, out_len);
	long n;

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 33);
	b[2] = klass;
	b[3] = flags;
	put_fid(b + 8, f);
	smbc_put32(b + 28, out_len);
	smbc_set_off16(m, 24);
	n = smbc_append_utf16(m, pattern ? pattern : "*");
	if (n < 0)
		return (int)n;
	if (!n && !smbc_append(m, NULL, 1))
		return -ENOMEM;
	smbc_put16(body_of(m) + 26, (uint16_t)n);
	return 0;
}

int smbc_add_change_notify(struct smbc *c, struct smbc_msg *m,
			   struct smbc_fid f, uint16_t flags,
			   uint32_t filter, uint32_t out_len)
{
	uint8_t *b = smbc_add(c, m, SMBC_CHANGE_NOTIFY, 32, out_len);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 32);
	smbc_put16(b + 2, flags);
	smbc_put32(b + 4, out_len);
	put_fid(b + 8, f);
	smbc_put32(b + 24, filter);
	return 0;
}

int smbc_add_query_info(struct smbc *c, struct smbc_msg *m,
			struct smbc_fid f, uint8_t type, uint8_t klass,
			uint32_t out_len, uint32_t addl, const void *in,
			uint32_t in_len)
{
	uint8_t *b = smbc_add(c, m, SMBC_QUERY_INFO, 40,
			      in_len > out_len ? in_len : out_len);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 41);
	b[2] = type;
	b[3] = klass;
	smbc_put32(b + 4, out_len);
	smbc_put32(b + 16, addl);
	put_fid(b + 24, f);
	if (!in_len)
		return smbc_append(m, NULL, 1) ? 0 : -ENOMEM;
	smbc_put16(b + 8, SMBC_HDR_SIZE + 40);
	smbc_put32(b + 12, in_len);
	return smbc_append(m, in, in_len) ? 0 : -ENOMEM;
}

int smbc_add_set_info(struct smbc *c, struct smbc_msg *m, struct smbc_fid f,
		      uint8_t type, uint8_t klass, uint32_t addl,
		      const void *data, uint32_t len)
{
	uint8_t *b = smbc_add(c, m, SMBC_SET_INFO, 32, len);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 33);
	b[2] = type;
	b[3] = klass;
	smbc_put32(b + 4, len);
	smbc_put16(b + 8, SMBC_HDR_SIZE + 32);
	smbc_put32(b + 12, addl);
	put_fid(b + 16, f);
	return smbc_append(m, data, len ? len : 1) ? 0 : -ENOMEM;
}
