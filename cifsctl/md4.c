// SPDX-License-Identifier: GPL-2.0-only
/* MD4 as specified in RFC 1320; written for cifsctl. */
#include "md4.h"

#include <string.h>

#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define F(x, y, z) (((x) & (y)) | (~(x) & (z)))
#define G(x, y, z) (((x) & (y)) | ((x) & (z)) | ((y) & (z)))
#define H(x, y, z) ((x) ^ (y) ^ (z))

static void md4_block(uint32_t st[4], const uint8_t blk[64])
{
	static const int r1[4] = { 3, 7, 11, 19 };
	static const int r2[4] = { 3, 5, 9, 13 };
	static const int r3[4] = { 3, 9, 11, 15 };
	static const int o3[16] = { 0, 8, 4, 12, 2, 10, 6, 14,
				    1, 9, 5, 13, 3, 11, 7, 15 };
	uint32_t x[16], a = st[0], b = st[1], c = st[2], d = st[3], t;
	int i;

	for (i = 0; i < 16; i++)
		x[i] = (uint32_t)blk[4 * i] | (uint32_t)blk[4 * i + 1] << 8 |
		       (uint32_t)blk[4 * i + 2] << 16 |
		       (uint32_t)blk[4 * i + 3] << 24;

	/* Each round: a = rotl(a + f(b,c,d) + x[k] + K, s), then rotate
	 * the roles (a,b,c,d) -> (d,a,b,c). */
	for (i = 0; i < 16; i++) {
		t = a + F(b, c, d) + x[i];
		t = ROTL(t, r1[i % 4]);
		a = d; d = c; c = b; b = t;
	}
	for (i = 0; i < 16; i++) {
		t = a + G(b, c, d) + x[(i % 4) * 4 + i / 4] + 0x5a827999u;
		t = ROTL(t, r2[i % 4]);
		a = d; d = c; c = b; b = t;
	}
	for (i = 0; i < 16; i++) {
		t = a + H(b, c, d) + x[o3[i]] + 0x6ed9eba1u;
		t = ROTL(t, r3[i % 4]);
		a = d; d = c; c = b; b = t;
	}
	st[0] += a;
	st[1] += b;
	st[2] += c;
	st[3] += d;
}

void md4(const void *data, size_t len, uint8_t out[MD4_DIGEST_LEN])
{
	uint32_t st[4] = { 0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u };
	const uint8_t *p = data;
	uint8_t tail[128];
	uint64_t bits = (uint64_t)len * 8;
	size_t rest, tlen;

	while (len >= 64) {
		md4_block(st, p);
		p += 64;
		len -= 64;
	}
	rest = len;
	memset(tail, 0, sizeof(tail));
	if (rest)
		memcpy(tail, p, rest);
	tail[rest] = 0x80;
	tlen = rest < 56 ? 64 : 128;
	for (int i = 0; i < 8; i++)
		tail[tlen - 8 + i] = (uint8_t)(bits >> (8 * i));
	md4_block(st, tail);
	if (tlen == 128)
		md4_block(st, tail + 64);
	for (int i = 0; i < 4; i++) {
		out[4 * i] = (uint8_t)st[i];
		out[4 * i + 1] = (uint8_t)(st[i] >> 8);
		out[4 * i + 2] = (uint8_t)(st[i] >> 16);
		out[4 * i + 3] = (uint8_t)(st[i] >> 24);
	}
}
