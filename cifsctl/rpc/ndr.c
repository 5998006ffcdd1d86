// SPDX-License-Identifier: GPL-2.0-only
/* NDR 2.0 pull (bounds-checked, either byte order) and push (little-endian). */
#include "ndr.h"

#include <string.h>

void ndr_pull_init(struct ndr_pull *p, const uint8_t *buf, size_t len,
		   bool be)
{
	p->buf = buf;
	p->len = len;
	p->off = 0;
	p->be = be;
	p->err = false;
}

/* Claim n bytes at the current offset; NULL (and sticky error) if short. */
static const uint8_t *take(struct ndr_pull *p, size_t n)
{
	const uint8_t *d;

	if (p->err || n > p->len - p->off) {
		p->err = true;
		return NULL;
	}
	if (!n)
		return NULL;	/* nothing claimed; buf may be NULL */
	d = p->buf + p->off;
	p->off += n;
	return d;
}

void ndr_pull_align(struct ndr_pull *p, size_t n)
{
	size_t pad = (n - (p->off & (n - 1))) & (n - 1);

	take(p, pad);
}

uint8_t ndr_pull_u8(struct ndr_pull *p)
{
	const uint8_t *d = take(p, 1);

	return d ? d[0] : 0;
}

uint16_t ndr_pull_u16(struct ndr_pull *p)
{
	const uint8_t *d;

	ndr_pull_align(p, 2);
	d = take(p, 2);
	if (!d)
		return 0;
	return p->be ? (uint16_t)(d[0] << 8 | d[1]) :
		       (uint16_t)(d[1] << 8 | d[0]);
}

uint32_t ndr_pull_u32(struct ndr_pull *p)
{
	const uint8_t *d;

	ndr_pull_align(p, 4);
	d = take(p, 4);
	if (!d)
		return 0;
	if (p->be)
		return (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 |
		       (uint32_t)d[2] << 8 | d[3];
	return (uint32_t)d[3] << 24 | (uint32_t)d[2] << 16 |
	       (uint32_t)d[1] << 8 | d[0];
}

void ndr_pull_bytes(struct ndr_pull *p, uint8_t *dst, size_t n)
{
	const uint8_t *d = take(p, n);

	if (d)
		memcpy(dst, d, n);
	else
		memset(dst, 0, n);
}

uint32_t ndr_pull_ptr(struct ndr_pull *p)
{
	return ndr_pull_u32(p);
}

char *ndr_pull_string(struct ndr_pull *p)
{
	uint32_t max = ndr_pull_u32(p), ofs = ndr_pull_u32(p);
	uint32_t n = ndr_pull_u32(p);
	gunichar2 *u;
	char *s;

	if (p->err || ofs != 0 || n > max || n > NDR_STRING_MAX ||
	    (size_t)n * 2 > p->len - p->off) {
		p->err = true;
		return NULL;
	}
	u = g_new(gunichar2, n + 1);
	for (uint32_t i = 0; i < n; i++)
		u[i] = ndr_pull_u16(p);
	/* the string ends at its first NUL (the terminator, normally last) */
	for (uint32_t i = 0; i < n; i++) {
		if (!u[i]) {
			n = i;
			break;
		}
	}
	s = g_utf16_to_utf8(u, n, NULL, NULL, NULL);
	g_free(u);
	if (!s)
		p->err = true;
	return s;
}

char *ndr_pull_unique_string(struct ndr_pull *p, bool *present)
{
	uint32_t ref = ndr_pull_ptr(p);

	if (present)
		*present = ref != 0;
	if (!ref || p->err)
		return NULL;
	return ndr_pull_string(p);
}

bool ndr_pull_sid(struct ndr_pull *p, struct dom_sid *sid)
{
	uint32_t conf = ndr_pull_u32(p);

	memset(sid, 0, sizeof(*sid));
	sid->rev = ndr_pull_u8(p);
	sid->num = ndr_pull_u8(p);
	ndr_pull_bytes(p, sid->auth, sizeof(sid->auth));
	if (p->err || sid->rev != 1 || sid->num > SID_SUBAUTH_MAX ||
	    conf != sid->num) {
		p->err = true;
		return false;
	}
	for (int i = 0; i < sid->num; i++)
		sid->sub[i] = ndr_pull_u32(p);
	return !p->err;
}

void ndr_pull_handle(struct ndr_pull *p, uint8_t h[POLICY_HANDLE_LEN])
{
	ndr_pull_align(p, 4);
	/* context handles are opaque bytes: no byte swapping */
	ndr_pull_bytes(p, h, POLICY_HANDLE_LEN);
}

void ndr_pull_ustr_hdr(struct ndr_pull *p, struct ndr_ustr *u)
{
	ndr_pull_align(p, 4);
	u->len = ndr_pull_u16(p);
	u->max = ndr_pull_u16(p);
	u->ref = ndr_pull_ptr(p);
	if ((u->len & 1) || u->len > u->max)
		p->err = true;
}

char *ndr_pull_ustr_body(struct ndr_pull *p, const struct ndr_ustr *u)
{
	uint32_t max, ofs, n;
	gunichar2 *w;
	char *s;

	if (p->err)
		return NULL;
	if (!u->ref)
		return g_strdup("");
	max = ndr_pull_u32(p);
	ofs = ndr_pull_u32(p);
	n = ndr_pull_u32(p);
	if (p->err || ofs != 0 || n > max || (size_t)n * 2 != u->len ||
	    n > NDR_STRING_MAX || (size_t)n * 2 > p->len - p->off) {
		p->err = true;
		return NULL;
	}
	w = g_new(gunichar2, n + 1);
	for (uint32_t i = 0; i < n; i++)
		w[i] = ndr_pull_u16(p);
	s = g_utf16_to_utf8(w, n, NULL, NULL, NULL);
	for (uint32_t i = 0; s && i < n; i++)
		if (!w[i])
			s[0] = 0;	/* embedded NUL: names nothing */
	g_free(w);
	return s ? s : g_strdup("");
}

void ndr_push_init(struct ndr_push *p)
{
	p->b = g_byte_array_new();
	p->next_ref = 0x00020000;
}

GByteArray *ndr_push_steal(struct ndr_push *p)
{
	GByteArray *b = p->b;

	p->b = NULL;
	return b;
}

void ndr_push_free(struct ndr_push *p)
{
	if (p->b)
		g_byte_array_unref(p->b);
	p->b = NULL;
}

void ndr_push_bytes(struct ndr_push *p, const void *d, size_t n)
{
	g_byte_array_append(p->b, d, (guint)n);
}

void ndr_push_align(struct ndr_push *p, size_t n)
{
	static const uint8_t zero[8];
	size_t pad = (n - (p->b->len & (n - 1))) & (n - 1);

	ndr_push_bytes(p, zero, pad);
}

void ndr_push_u8(struct ndr_push *p, uint8_t v)
{
	ndr_push_bytes(p, &v, 1);
}

void ndr_push_u16(struct ndr_push *p, uint16_t v)
{
	uint8_t d[2] = { v & 0xff, v >> 8 };

	ndr_push_align(p, 2);
	ndr_push_bytes(p, d, 2);
}

void ndr_push_u32(struct ndr_push *p, uint32_t v)
{
	uint8_t d[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
			 v >> 24 };

	ndr_push_align(p, 4);
	ndr_push_bytes(p, d, 4);
}

void ndr_push_ptr(struct ndr_push *p, bool present)
{
	if (!present) {
		ndr_push_u32(p, 0);
		return;
	}
	ndr_push_u32(p, p->next_ref);
	p->next_ref += 4;
}

/* UTF-16 of s (at most NDR_STRING_MAX units); invalid UTF-8 -> "". */
static gunichar2 *to_utf16(const char *s, glong *n)
{
	gunichar2 *u = g_utf8_to_utf16(s ? s : "", -1, NULL, n, NULL);

	if (!u || *n > NDR_STRING_MAX) {
		g_free(u);
		*n = 0;
		return g_new0(gunichar2, 1);
	}
	return u;
}

size_t ndr_utf16_units(const char *s)
{
	glong n;
	gunichar2 *u = to_utf16(s, &n);

	g_free(u);
	return (size_t)n;
}

static void push_units(struct ndr_push *p, const gunichar2 *u, glong n)
{
	for (glong i = 0; i < n; i++)
		ndr_push_u16(p, u[i]);
}

void ndr_push_string(struct ndr_push *p, const char *s)
{
	glong n;
	gunichar2 *u = to_utf16(s, &n);

	ndr_push_u32(p, (uint32_t)n + 1);
	ndr_push_u32(p, 0);
	ndr_push_u32(p, (uint32_t)n + 1);
	push_units(p, u, n + 1);	/* includes the terminator */
	g_free(u);
}

void ndr_push_ustr_hdr(struct ndr_push *p, const char *s)
{
	size_t n = ndr_utf16_units(s);

	ndr_push_align(p, 4);	/* the structure holds a pointer */
	ndr_push_u16(p, (uint16_t)(n * 2));
	ndr_push_u16(p, (uint16_t)(n * 2));
	ndr_push_ptr(p, s != NULL);
}

void ndr_push_ustr_body(struct ndr_push *p, const char *s)
{
	glong n;
	gunichar2 *u;

	if (!s)
		return;
	u = to_utf16(s, &n);
	ndr_push_u32(p, (uint32_t)n);
	ndr_push_u32(p, 0);
	ndr_push_u32(p, (uint32_t)n);
	push_units(p, u, n);
	g_free(u);
}

void ndr_push_sid(struct ndr_push *p, const struct dom_sid *sid)
{
	ndr_push_u32(p, sid->num);
	ndr_push_u8(p, sid->rev);
	ndr_push_u8(p, sid->num);
	ndr_push_bytes(p, sid->auth, sizeof(sid->auth));
	for (int i = 0; i < sid->num; i++)
		ndr_push_u32(p, sid->sub[i]);
}
