// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * UTF-16LE and UTF-8 conversion without allocation.
 */
#include "utf16.h"

static int put_utf8(u32 cp, char *out, size_t room, size_t *pos)
{
	size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	u8 *o;

	if (!wire_range_ok(room, *pos, n))
		return -ENOSPC;
	o = (u8 *)out + *pos;
	switch (n) {
	case 1:
		o[0] = cp;
		break;
	case 2:
		o[0] = 0xc0 | (cp >> 6);
		o[1] = 0x80 | (cp & 0x3f);
		break;
	case 3:
		o[0] = 0xe0 | (cp >> 12);
		o[1] = 0x80 | ((cp >> 6) & 0x3f);
		o[2] = 0x80 | (cp & 0x3f);
		break;
	default:
		o[0] = 0xf0 | (cp >> 18);
		o[1] = 0x80 | ((cp >> 12) & 0x3f);
		o[2] = 0x80 | ((cp >> 6) & 0x3f);
		o[3] = 0x80 | (cp & 0x3f);
		break;
	}
	*pos += n;
	return 0;
}

int utf16le_to_utf8(const u8 *in, size_t in_bytes, char *out, size_t room)
{
	size_t i = 0, pos = 0;
	u32 cp, lo;
	int rc;

	if (in_bytes & 1)
		return -EINVAL;
	while (i < in_bytes) {
		cp = get_unaligned_le16(in + i);
		i += 2;
		if (cp == 0)
			return -EINVAL;
		if (cp >= 0xdc00 && cp <= 0xdfff)
			return -EINVAL;
		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (i >= in_bytes)
				return -EINVAL;
			lo = get_unaligned_le16(in + i);
			if (lo < 0xdc00 || lo > 0xdfff)
				return -EINVAL;
			i += 2;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		}
		rc = put_utf8(cp, out, room, &pos);
		if (rc)
			return rc;
	}
	if (pos >= room)
		return -ENOSPC;
	out[pos] = '\0';
	return (int)pos;
}

/* Decode one UTF-8 sequence at in[*i]; returns the code point or -EINVAL. */
static s32 get_utf8(const u8 *in, size_t len, size_t *i)
{
	static const u32 min_cp[4] = { 0, 0x80, 0x800, 0x10000 };
	u8 c = in[*i];
	size_t n, k;
	u32 cp;

	if (c < 0x80) {
		n = 0;
		cp = c;
	} else if ((c & 0xe0) == 0xc0) {
		n = 1;
		cp = c & 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		n = 2;
		cp = c & 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		n = 3;
		cp = c & 0x07;
	} else {
		return -EINVAL;
	}
	if (!wire_range_ok(len, *i + 1, n))
		return -EINVAL;
	for (k = 1; k <= n; k++) {
		c = in[*i + k];
		if ((c & 0xc0) != 0x80)
			return -EINVAL;
		cp = (cp << 6) | (c & 0x3f);
	}
	if (cp < min_cp[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -EINVAL;
	*i += n + 1;
	return (s32)cp;
}

int utf8_to_utf16le(const char *in, size_t in_len, u8 *out, size_t room)
{
	const u8 *s = (const u8 *)in;
	size_t i = 0, pos = 0;
	s32 cp;

	while (i < in_len) {
		cp = get_utf8(s, in_len, &i);
		if (cp <= 0)
			return -EINVAL;
		if (cp >= 0x10000) {
			if (!wire_range_ok(room, pos, 4))
				return -ENOSPC;
			cp -= 0x10000;
			put_unaligned_le16(0xd800 | (cp >> 10), out + pos);
			put_unaligned_le16(0xdc00 | (cp & 0x3ff), out + pos + 2);
			pos += 4;
		} else {
			if (!wire_range_ok(room, pos, 2))
				return -ENOSPC;
			put_unaligned_le16((u16)cp, out + pos);
			pos += 2;
		}
	}
	return (int)pos;
}

u16 utf16_toupper(u16 c)
{
	if (c >= 'a' && c <= 'z')
		return c - 0x20;
	if (c < 0xe0)
		return c;
	if (c <= 0xfe)
		return c == 0xf7 ? c : c - 0x20;
	if (c == 0xff)
		return 0x178;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
		return (c & 1) ? c - 1 : c;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return (c & 1) ? c : c - 1;
	if (c >= 0x3b1 && c <= 0x3cb && c != 0x3c2)
		return c - 0x20;
	if (c >= 0x430 && c <= 0x44f)
		return c - 0x20;
	if (c >= 0x450 && c <= 0x45f)
		return c - 0x50;
	return c;
}
