/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers that build SMB2 request PDUs for the tests. */
#ifndef CIFSD_SMB2_BUILD_H
#define CIFSD_SMB2_BUILD_H

#include "smb2pdu.h"

static inline void t_hdr(u8 *p, u16 cmd, u32 next)
{
	memset(p, 0, SMB2_HDR_SIZE);
	memcpy(p, "\xfeSMB", 4);
	put_unaligned_le16(64, p + 4);
	put_unaligned_le16(cmd, p + 12);
	put_unaligned_le32(next, p + 20);
}

/*
 * A NEGOTIATE request with @n dialects and the contexts in @ctx
 * (@ctx_len bytes, @ctx_count contexts) placed 8-aligned after them.
 */
static inline size_t t_negotiate(u8 *p, const u16 *d, u16 n,
				 const u8 *ctx, size_t ctx_len,
				 u16 ctx_count)
{
	size_t pos = 64 + 36 + 2 * (size_t)n;
	u16 i;

	t_hdr(p, SMB2_NEGOTIATE, 0);
	memset(p + 64, 0, 36);
	put_unaligned_le16(36, p + 64);
	put_unaligned_le16(n, p + 66);
	put_unaligned_le16(1, p + 68);
	put_unaligned_le32(0x7f, p + 72);
	memset(p + 76, 0xab, 16);
	for (i = 0; i < n; i++)
		put_unaligned_le16(d[i], p + 100 + 2 * i);
	if (!ctx_count)
		return pos;
	while (pos & 7)
		p[pos++] = 0;
	put_unaligned_le32(pos, p + 64 + 28);
	put_unaligned_le16(ctx_count, p + 64 + 32);
	memcpy(p + pos, ctx, ctx_len);
	return pos + ctx_len;
}

/* Append one negotiate context at c[*pos] (8-aligned first). */
static inline void t_ctx(u8 *c, size_t *pos, u16 type, const u8 *data,
			 u16 dlen)
{
	while (*pos & 7)
		c[(*pos)++] = 0;
	put_unaligned_le16(type, c + *pos);
	put_unaligned_le16(dlen, c + *pos + 2);
	put_unaligned_le32(0, c + *pos + 4);
	memcpy(c + *pos + 8, data, dlen);
	*pos += 8 + dlen;
}

#endif /* CIFSD_SMB2_BUILD_H */
