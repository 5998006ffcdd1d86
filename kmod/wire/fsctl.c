// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * FSCTL input buffers (fsctl.h).
 */
#include "fsctl.h"

#define FSCTL_S64_MAX	((u64)0x7fffffffffffffffULL)

/* Both values non-negative as signed 64-bit, and off + len <= S64_MAX. */
static bool range_ok(u64 off, u64 len)
{
	return off <= FSCTL_S64_MAX && len <= FSCTL_S64_MAX - off;
}

int fsctl_parse_copychunk(const u8 *buf, size_t len,
			  struct fsctl_copychunk *cc)
{
	u32 count;

	if (len < FSCTL_COPYCHUNK_HDR_SIZE)
		return -EINVAL;
	count = get_unaligned_le32(buf + FSCTL_RESUME_KEY_SIZE);
	/* u64: count * 24 cannot wrap */
	if ((u64)count * FSCTL_COPYCHUNK_ENTRY_SIZE >
	    len - FSCTL_COPYCHUNK_HDR_SIZE)
		return -EINVAL;
	cc->key = buf;
	cc->count = count;
	cc->chunks = buf + FSCTL_COPYCHUNK_HDR_SIZE;
	return 0;
}

void fsctl_copychunk_get(const struct fsctl_copychunk *cc, u32 i,
			 struct fsctl_chunk *c)
{
	const u8 *p = cc->chunks + (size_t)i * FSCTL_COPYCHUNK_ENTRY_SIZE;

	c->src = get_unaligned_le64(p);
	c->dst = get_unaligned_le64(p + 8);
	c->len = get_unaligned_le32(p + 16);
}

int fsctl_copychunk_check(const struct fsctl_copychunk *cc, u32 max_chunks,
			  u32 max_chunk, u64 max_total)
{
	struct fsctl_chunk c;
	u64 total = 0;
	u32 i;

	if (cc->count > max_chunks)
		return -EINVAL;
	for (i = 0; i < cc->count; i++) {
		fsctl_copychunk_get(cc, i, &c);
		if (!c.len || c.len > max_chunk)
			return -EINVAL;
		total += c.len;	/* at most 2^32 entries of < 2^32: no wrap */
		if (total > max_total)
			return -EINVAL;
	}
	return 0;
}

int fsctl_parse_zero_data(const u8 *buf, size_t len, u64 *off, u64 *end)
{
	u64 o, e;

	if (len < 16)
		return -EINVAL;
	o = get_unaligned_le64(buf);
	e = get_unaligned_le64(buf + 8);
	if (o > FSCTL_S64_MAX || e > FSCTL_S64_MAX || o > e)
		return -EINVAL;
	*off = o;
	*end = e;
	return 0;
}

int fsctl_parse_range(const u8 *buf, size_t len, u64 *off, u64 *length)
{
	u64 o, l;

	if (len < FSCTL_RANGE_SIZE)
		return -EINVAL;
	o = get_unaligned_le64(buf);
	l = get_unaligned_le64(buf + 8);
	if (!range_ok(o, l))
		return -EINVAL;
	*off = o;
	*length = l;
	return 0;
}

void fsctl_put_range(u8 *p, u64 off, u64 length)
{
	put_unaligned_le64(off, p);
	put_unaligned_le64(length, p + 8);
}

int fsctl_parse_trim(const u8 *buf, size_t len, struct fsctl_trim *t)
{
	u32 count;

	if (len < FSCTL_TRIM_HDR_SIZE)
		return -EINVAL;
	count = get_unaligned_le32(buf + 4);
	if ((u64)count * FSCTL_RANGE_SIZE > len - FSCTL_TRIM_HDR_SIZE)
		return -EINVAL;
	t->count = count;
	t->ranges = buf + FSCTL_TRIM_HDR_SIZE;
	return 0;
}

int fsctl_trim_get(const struct fsctl_trim *t, u32 i, u64 *off, u64 *len)
{
	const u8 *p = t->ranges + (size_t)i * FSCTL_RANGE_SIZE;

	*off = get_unaligned_le64(p);
	*len = get_unaligned_le64(p + 8);
	return range_ok(*off, *len) ? 0 : -EINVAL;
}

int fsctl_parse_dup_extents(const u8 *buf, size_t len,
			    struct fsctl_dup_extents *d)
{
	if (len < FSCTL_DUP_EXTENTS_SIZE)
		return -EINVAL;
	d->pfid = get_unaligned_le64(buf);
	d->vfid = get_unaligned_le64(buf + 8);
	d->src = get_unaligned_le64(buf + 16);
	d->dst = get_unaligned_le64(buf + 24);
	d->len = get_unaligned_le64(buf + 32);
	if (!range_ok(d->src, d->len) || !range_ok(d->dst, d->len))
		return -EINVAL;
	return 0;
}

bool fsctl_parse_set_sparse(const u8 *buf, size_t len)
{
	return !len || buf[0] != 0;
}

int fsctl_parse_compression(const u8 *buf, size_t len, u16 *format)
{
	if (len < 2)
		return -EINVAL;
	*format = get_unaligned_le16(buf);
	return 0;
}
