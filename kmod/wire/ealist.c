// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * EA list parsing and encoding (ealist.h).
 */
#include "ealist.h"

#define FEA_FIXED	8	/* NextEntryOffset, Flags, NameLength, ValueLength */
#define GEA_FIXED	5	/* NextEntryOffset, NameLength */

bool ea_name_valid(const char *name, u32 len)
{
	u32 i;

	if (len == 0 || len > EA_NAME_MAX)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = name[i];

		if (c < 0x20 || c >= 0x7f)
			return false;
		switch (c) {
		case '"': case '*': case '+': case ',': case '/': case ':':
		case ';': case '<': case '=': case '>': case '?': case '[':
		case '\\': case ']': case '|':
			return false;
		}
	}
	return true;
}

/* Decode the entry at @pos; its end must not pass @end. */
static int fea_at(const u8 *buf, u32 end, u32 pos, struct ea_entry *e,
		  u32 *next)
{
	u32 need;

	if (end - pos < FEA_FIXED)
		return -EINVAL;
	*next = get_unaligned_le32(buf + pos);
	e->flags = buf[pos + 4];
	e->name_len = buf[pos + 5];
	e->value_len = get_unaligned_le16(buf + pos + 6);
	need = FEA_FIXED + e->name_len + 1 + e->value_len;
	if (need > end - pos)
		return -EINVAL;
	if (*next && (*next < need || (*next & 3) || *next > end - pos))
		return -EINVAL;
	e->name = (const char *)buf + pos + FEA_FIXED;
	if (e->name[e->name_len] != '\0')
		return -EINVAL;
	e->value = buf + pos + FEA_FIXED + e->name_len + 1;
	return 0;
}

int ea_full_list_check(const u8 *buf, u32 len, u32 *bad_off)
{
	struct ea_entry e;
	u32 pos = 0, next;
	int n = 0, err = -EINVAL;

	if (len == 0)
		goto bad;
	for (;;) {
		if (fea_at(buf, len, pos, &e, &next) ||
		    (e.flags & ~FILE_NEED_EA))
			goto bad;
		if (!ea_name_valid(e.name, e.name_len)) {
			err = -EILSEQ;
			goto bad;
		}
		n++;
		if (!next)
			return n;
		pos += next;
	}
bad:
	if (bad_off)
		*bad_off = pos;
	return err;
}

int ea_full_list_next(const u8 *buf, u32 len, u32 *pos, struct ea_entry *e)
{
	u32 next;

	if (*pos >= len || fea_at(buf, len, *pos, e, &next))
		return 0;
	*pos = next ? *pos + next : len;
	return 1;
}

static int gea_at(const u8 *buf, u32 end, u32 pos, const char **name,
		  u8 *nlen, u32 *next)
{
	if (end - pos < GEA_FIXED)
		return -EINVAL;
	*next = get_unaligned_le32(buf + pos);
	*nlen = buf[pos + 4];
	if ((u32)GEA_FIXED + *nlen + 1 > end - pos)
		return -EINVAL;
	if (*next && (*next < (u32)GEA_FIXED + *nlen + 1 || (*next & 3) ||
		      *next > end - pos))
		return -EINVAL;
	*name = (const char *)buf + pos + GEA_FIXED;
	if ((*name)[*nlen] != '\0')
		return -EINVAL;
	return 0;
}

int ea_get_list_check(const u8 *buf, u32 len)
{
	const char *name;
	u32 pos = 0, next;
	u8 nlen;
	int n = 0;

	if (len == 0)
		return -EINVAL;
	for (;;) {
		if (gea_at(buf, len, pos, &name, &nlen, &next))
			return -EINVAL;
		if (!ea_name_valid(name, nlen))
			return -EINVAL;
		n++;
		if (!next)
			return n;
		pos += next;
	}
}

int ea_get_list_next(const u8 *buf, u32 len, u32 *pos, const char **name,
		     u8 *name_len)
{
	u32 next;

	if (*pos >= len || gea_at(buf, len, *pos, name, name_len, &next))
		return 0;
	*pos = next ? *pos + next : len;
	return 1;
}

int ea_full_put(u8 *out, size_t room, const char *name, u8 name_len,
		const u8 *value, u16 value_len)
{
	size_t need = FEA_FIXED + (size_t)name_len + 1 + value_len;

	if (need > room)
		return -ENOSPC;
	put_unaligned_le32(0, out);
	out[4] = 0;
	out[5] = name_len;
	put_unaligned_le16(value_len, out + 6);
	memcpy(out + FEA_FIXED, name, name_len);
	out[FEA_FIXED + name_len] = '\0';
	if (value_len)
		memcpy(out + FEA_FIXED + name_len + 1, value, value_len);
	return (int)need;
}
