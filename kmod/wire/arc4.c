// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Minimal RC4 for the NTLMSSP key exchange.
 */
#include "arc4.h"

void cifsd_arc4(const u8 *key, size_t klen, const u8 *in, u8 *out,
		size_t len)
{
	u8 s[256];
	unsigned int i, j;
	size_t n;
	u8 t;

	if (!klen)
		return;
	for (i = 0; i < 256; i++)
		s[i] = i;
	for (i = 0, j = 0; i < 256; i++) {
		j = (j + s[i] + key[i % klen]) & 0xff;
		t = s[i];
		s[i] = s[j];
		s[j] = t;
	}
	i = 0;
	j = 0;
	for (n = 0; n < len; n++) {
		i = (i + 1) & 0xff;
		j = (j + s[i]) & 0xff;
		t = s[i];
		s[i] = s[j];
		s[j] = t;
		out[n] = in[n] ^ s[(s[i] + s[j]) & 0xff];
	}
	memset(s, 0, sizeof(s));
}
