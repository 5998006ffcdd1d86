// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Stream name parsing (streamname.h).
 */
#include "streamname.h"

static bool is_data_type(const char *t, size_t n)
{
	static const char data[] = "$DATA";
	size_t i;

	if (n != sizeof(data) - 1)
		return false;
	for (i = 0; i < n; i++) {
		char c = t[i];

		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c != data[i])
			return false;
	}
	return true;
}

int stream_name_parse(const char *s, size_t len, struct stream_name *out)
{
	size_t i, nlen = len;
	bool has_type = false;

	if (!s || !len)
		return STREAM_ERR_INVALID;
	for (i = 0; i < len; i++) {
		if (s[i] == ':') {
			nlen = i;
			has_type = true;
			break;
		}
		if (s[i] == '\\' || s[i] == '/' || s[i] == '\0')
			return STREAM_ERR_INVALID;
	}
	if (has_type && !is_data_type(s + nlen + 1, len - nlen - 1))
		return STREAM_ERR_INVALID;
	if (!nlen) {
		if (!has_type)
			return STREAM_ERR_INVALID;
		out->kind = STREAM_DEFAULT;
		out->name = s;
		out->len = 0;
		return 0;
	}
	if (nlen > STREAM_NAME_MAX)
		return STREAM_ERR_INVALID;
	out->kind = STREAM_NAMED;
	out->name = s;
	out->len = nlen;
	return 0;
}
