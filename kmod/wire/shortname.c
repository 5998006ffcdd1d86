// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * 8.3 short names (shortname.h).
 */
#include "shortname.h"

static bool legal_83(u16 c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return true;
	switch (c) {
	case '$': case '%': case '\'': case '-': case '_': case '@': case '~':
	case '`': case '!': case '(': case ')': case '{': case '}': case '^':
	case '#': case '&':
		return true;
	}
	return false;
}

static u16 up83(u16 c)
{
	return (c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c;
}

bool shortname_is_8_3(const u8 *name, size_t bytes)
{
	size_t n = bytes / 2, i, dot = n, base, ext;

	if (n == 0 || (bytes & 1))
		return false;
	for (i = 0; i < n; i++) {
		u16 c = get_unaligned_le16(name + 2 * i);

		if (c == '.') {
			if (dot != n)
				return false;	/* two dots */
			dot = i;
		} else if (!legal_83(c)) {
			return false;
		}
	}
	base = dot;
	ext = dot == n ? 0 : n - dot - 1;
	if (base == 0 || base > 8 || ext > 3)
		return false;
	return dot == n || ext > 0;
}

static void put_ascii(u8 *out, int *len, u16 c)
{
	put_unaligned_le16(c, out + *len);
	*len += 2;
}

int shortname_make(const u8 *name, size_t bytes, u8 *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = bytes / 2, i, last_dot = n;
	u32 hash = 2166136261u;	/* FNV-1a over the code units */
	int len = 0, got = 0;

	if (n == 0 || (n == 1 && get_unaligned_le16(name) == '.') ||
	    (n == 2 && get_unaligned_le16(name) == '.' &&
	     get_unaligned_le16(name + 2) == '.'))
		return 0;
	if (shortname_is_8_3(name, bytes))
		return 0;
	for (i = 0; i < n; i++) {
		u16 c = get_unaligned_le16(name + 2 * i);

		hash = (hash ^ (c & 0xff)) * 16777619u;
		hash = (hash ^ (c >> 8)) * 16777619u;
		if (c == '.')
			last_dot = i;
	}
	/* a leading dot does not start an extension */
	if (last_dot == 0)
		last_dot = n;
	for (i = 0; i < last_dot && got < 2; i++) {
		u16 c = get_unaligned_le16(name + 2 * i);

		if (c == '.' || c == ' ')
			continue;
		put_ascii(out, &len, legal_83(c) ? up83(c) : '_');
		got++;
	}
	for (i = 0; i < 4; i++)
		put_ascii(out, &len, hex[(hash >> (12 - 4 * i)) & 0xf]);
	put_ascii(out, &len, '~');
	put_ascii(out, &len, '1');
	if (last_dot < n) {
		int e = 0;

		for (i = last_dot + 1; i < n && e < 3; i++) {
			u16 c = get_unaligned_le16(name + 2 * i);

			if (c == ' ')
				continue;
			if (!e)
				put_ascii(out, &len, '.');
			put_ascii(out, &len, legal_83(c) ? up83(c) : '_');
			e++;
		}
	}
	return len;
}
