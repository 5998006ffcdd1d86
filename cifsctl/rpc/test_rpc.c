// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host test of the DCE/RPC engine: PDUs built by hand in both byte
 * orders, answers decoded with the NDR puller, malformed input refused.
 */
#include "ndr.h"
#include "rpc.h"

#include <cifsd_netlink.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, \
			__LINE__, #cond); \
		failures++; \
	} \
} while (0)

/* ---- a little PDU writer in either byte order ---- */

struct wbuf {
	uint8_t d[70000];
	size_t n;
	bool be;
};

static void w8(struct wbuf *b, uint8_t v)
{
	b->d[b->n++] = v;
}

static void walign(struct wbuf *b, size_t base, size_t a)
{
	while ((b->n - base) % a)
		w8(b, 0);
}

/* integers are aligned to their size (NDR), relative to the buffer */
static void w16(struct wbuf *b, uint16_t v)
{
	walign(b, 0, 2);
	if (b->be) {
		w8(b, v >> 8);
		w8(b, v & 0xff);
	} else {
		w8(b, v & 0xff);
		w8(b, v >> 8);
	}
}

static void w32(struct wbuf *b, uint32_t v)
{
	walign(b, 0, 4);
	if (b->be) {
		w16(b, v >> 16);
		w16(b, v & 0xffff);
	} else {
		w16(b, v & 0xffff);
		w16(b, v >> 16);
	}
}

static void wuuid(struct wbuf *b, uint32_t a, uint16_t x, uint16_t y,
		  const uint8_t d[8])
{
	w32(b, a);
	w16(b, x);
	w16(b, y);
	memcpy(b->d + b->n, d, 8);
	b->n += 8;
}

static void hdr(struct wbuf *b, uint8_t type, uint8_t flags, uint32_t call)
{
	w8(b, 5);
	w8(b, 0);
	w8(b, type);
	w8(b, flags);
	w8(b, b->be ? 0x00 : 0x10);
	w8(b, 0);
	w8(b, 0);
	w8(b, 0);
	w16(b, 0);	/* frag_length, patched */
	w16(b, 0);
	w32(b, call);
}

static void patch_len(struct wbuf *b, size_t start)
{
	size_t len = b->n - start;

	if (b->be) {
		b->d[start + 8] = (uint8_t)(len >> 8);
		b->d[start + 9] = (uint8_t)len;
	} else {
		b->d[start + 8] = (uint8_t)len;
		b->d[start + 9] = (uint8_t)(len >> 8);
	}
}

static const uint8_t srvsvc_d[8] = { 0x12, 0x78, 0x5a, 0x47, 0xbf, 0x6e, 0xe1, 0x88 };
static const uint8_t lsa_d[8] = { 0xef, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab };
static const uint8_t ndr_d[8] = { 0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60 };

static void bind_pdu(struct wbuf *b, uint32_t a, uint16_t x, uint16_t y,
		     const uint8_t *d, uint16_t major, uint16_t max_recv)
{
	size_t s = b->n;

	hdr(b, 11, 3, 1);
	w16(b, 4280);
	w16(b, max_recv);
	w32(b, 0);
	w8(b, 1);
	w8(b, 0);
	w16(b, 0);
	w16(b, 0);		/* context id */
	w8(b, 1);
	w8(b, 0);
	wuuid(b, a, x, y, d);
	w32(b, major);
	wuuid(b, 0x8a885d04, 0x1ceb, 0x11c9, ndr_d);
	w32(b, 2);
	patch_len(b, s);
}

static struct config cfg;
static struct share shares[3];

static void setup_config(void)
{
	shares[0] = (struct share){ .name = "public", .path = "/srv/public",
				    .comment = "Public files",
				    .browseable = true };
	shares[1] = (struct share){ .name = "hidden", .path = "/srv/hidden",
				    .comment = "Not listed",
				    .browseable = false };
	shares[2] = (struct share){ .name = "docs", .path = "/srv/docs",
				    .comment = "", .browseable = true };
	cfg.netbios_name = "TESTSRV";
	cfg.server_string = "Test server";
	cfg.workgroup = "WG";
	cfg.shares = shares;
	cfg.nshares = 3;
}

/* Read every queued message; reassemble the response stub. */
static GByteArray *collect(uint64_t id, uint8_t *type, uint32_t *status)
{
	GByteArray *stub = g_byte_array_new();
	uint8_t m[70000];
	size_t n, more;

	*type = 0xff;
	*status = 0;
	for (;;) {
		if (rpc_read(id, m, sizeof(m), &n, &more) || !n)
			break;
		CHECK(more == 0);
		CHECK(n >= 16 && m[0] == 5 && m[4] == 0x10);
		CHECK((size_t)(m[8] | m[9] << 8) == n);
		*type = m[2];
		if (m[2] == 2)
			g_byte_array_append(stub, m + 24, (guint)(n - 24));
		else if (m[2] == 3)
			*status = (uint32_t)(m[24] | m[25] << 8 | m[26] << 16 |
					     (uint32_t)m[27] << 24);
		else
			g_byte_array_append(stub, m, (guint)n);
		if (m[3] & 2)
			break;
	}
	return stub;
}

static void do_bind(uint64_t id, bool be, uint32_t a, uint16_t x, uint16_t y,
		    const uint8_t *d, uint16_t major, uint16_t max_recv,
		    uint16_t want_result)
{
	static struct wbuf b;
	GByteArray *ack;
	uint8_t type;
	uint32_t st;
	size_t off;

	b.n = 0;
	b.be = be;
	bind_pdu(&b, a, x, y, d, major, max_recv);
	CHECK(rpc_write(&cfg, id, b.d, b.n) == 0);
	ack = collect(id, &type, &st);
	CHECK(type == 12);
	if (ack->len > 28) {
		/* sec_addr at 24, then align 4, then results */
		off = 26 + (size_t)(ack->data[24] | ack->data[25] << 8);
		off = (off + 3) & ~(size_t)3;
		CHECK(off + 8 <= ack->len && ack->data[off] == 1);
		if (off + 8 <= ack->len)
			CHECK((ack->data[off + 4] | ack->data[off + 5] << 8) ==
			      want_result);
	}
	g_byte_array_unref(ack);
}

/* A request whose stub is split into fragments of at most frag bytes. */
static GByteArray *call(uint64_t id, bool be, uint16_t opnum,
			const struct wbuf *stub, size_t frag, uint8_t *type,
			uint32_t *st)
{
	static struct wbuf b;
	size_t off = 0;

	do {
		size_t n = stub->n - off < frag ? stub->n - off : frag;
		size_t s;

		b.n = 0;
		b.be = be;
		s = b.n;
		hdr(&b, 0, (off ? 0 : 1) | (off + n == stub->n ? 2 : 0), 7);
		w32(&b, (uint32_t)(stub->n - off));
		w16(&b, 0);
		w16(&b, opnum);
		memcpy(b.d + b.n, stub->d + off, n);
		b.n += n;
		patch_len(&b, s);
		CHECK(rpc_write(&cfg, id, b.d, b.n) == 0);
		off += n;
	} while (off < stub->n);
	return collect(id, type, st);
}

static void wstring(struct wbuf *b, const char *s)
{
	size_t n = strlen(s) + 1;

	walign(b, 0, 4);
	w32(b, (uint32_t)n);
	w32(b, 0);
	w32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		w16(b, (uint8_t)s[i]);
}

/* NetrShareEnum level 1: names, types and comments. */
static void test_share_enum(bool be, size_t frag, uint16_t max_recv)
{
	static struct wbuf s;
	struct ndr_pull p;
	GByteArray *r;
	uint8_t type;
	uint32_t st, count, ptrs[8][3] = { { 0 } };
	uint64_t id = be ? 11 : 10;

	CHECK(rpc_open(id, "SRVSVC", "alice", 1) == 0);
	do_bind(id, be, 0x4b324fc8, 0x1670, 0x01d3, srvsvc_d, 3, max_recv, 0);
	s.n = 0;
	s.be = be;
	w32(&s, 0x20000);
	wstring(&s, "\\\\127.0.0.1");
	w32(&s, 1);
	w32(&s, 1);
	w32(&s, 0x20004);
	w32(&s, 0);
	w32(&s, 0);
	w32(&s, 0xffffffff);
	w32(&s, 0x20008);
	w32(&s, 0);
	r = call(id, be, 15, &s, frag, &type, &st);
	CHECK(type == 2);
	ndr_pull_init(&p, r->data, r->len, false);
	CHECK(ndr_pull_u32(&p) == 1);
	CHECK(ndr_pull_u32(&p) == 1);
	CHECK(ndr_pull_ptr(&p) != 0);
	count = ndr_pull_u32(&p);
	CHECK(count == 3);		/* IPC$, public, docs; not hidden */
	CHECK(ndr_pull_ptr(&p) != 0);
	CHECK(ndr_pull_u32(&p) == count);
	for (uint32_t i = 0; i < count && i < 8; i++) {
		ptrs[i][0] = ndr_pull_ptr(&p);
		ptrs[i][1] = ndr_pull_u32(&p);
		ptrs[i][2] = ndr_pull_ptr(&p);
	}
	CHECK(ptrs[0][1] == 0x80000003);
	CHECK(ptrs[1][1] == 0);
	for (uint32_t i = 0; i < count && i < 8; i++) {
		char *name = ndr_pull_string(&p);
		char *comment = ndr_pull_string(&p);

		CHECK(name && comment);
		if (i == 0)
			CHECK(name && !strcmp(name, "IPC$"));
		if (i == 1)
			CHECK(name && !strcmp(name, "public") &&
			      !strcmp(comment, "Public files"));
		CHECK(name && strcmp(name, "hidden"));
		g_free(name);
		g_free(comment);
	}
	CHECK(ndr_pull_u32(&p) == count);	/* TotalEntries */
	CHECK(ndr_pull_ptr(&p) != 0);
	CHECK(ndr_pull_u32(&p) == count);
	CHECK(ndr_pull_u32(&p) == 0);		/* WERR_OK */
	CHECK(ndr_pull_ok(&p) && p.off == p.len);
	g_byte_array_unref(r);

	/* NetrShareGetInfo finds the hidden share, level 502 */
	s.n = 0;
	w32(&s, 0);
	wstring(&s, "hidden");
	w32(&s, 502);
	r = call(id, be, 16, &s, frag, &type, &st);
	CHECK(type == 2);
	ndr_pull_init(&p, r->data, r->len, false);
	CHECK(ndr_pull_u32(&p) == 502);
	CHECK(ndr_pull_ptr(&p) != 0);
	for (int i = 0; i < 10; i++)
		ndr_pull_u32(&p);
	{
		char *n = ndr_pull_string(&p), *c = ndr_pull_string(&p);
		char *path = ndr_pull_string(&p);

		CHECK(n && !strcmp(n, "hidden"));
		CHECK(path && !strcmp(path, "C:\\srv\\hidden"));
		g_free(n);
		g_free(c);
		g_free(path);
	}
	CHECK(ndr_pull_u32(&p) == 0);
	CHECK(ndr_pull_ok(&p) && p.off == p.len);
	g_byte_array_unref(r);

	/* unknown share */
	s.n = 0;
	w32(&s, 0);
	wstring(&s, "nosuch");
	w32(&s, 1);
	r = call(id, be, 16, &s, frag, &type, &st);
	CHECK(type == 2 && r->len == 12);
	CHECK(r->len == 12 && r->data[8] == 0x06 && r->data[9] == 0x09);
	g_byte_array_unref(r);

	/* NetrServerGetInfo 101 */
	s.n = 0;
	w32(&s, 0);
	w32(&s, 101);
	r = call(id, be, 21, &s, frag, &type, &st);
	CHECK(type == 2);
	ndr_pull_init(&p, r->data, r->len, false);
	CHECK(ndr_pull_u32(&p) == 101);
	CHECK(ndr_pull_ptr(&p) != 0);
	CHECK(ndr_pull_u32(&p) == 500);
	ndr_pull_ptr(&p);
	CHECK(ndr_pull_u32(&p) == 10);
	CHECK(ndr_pull_u32(&p) == 0);
	CHECK(ndr_pull_u32(&p) == 0x9003);
	ndr_pull_ptr(&p);
	{
		char *n = ndr_pull_string(&p), *c = ndr_pull_string(&p);

		CHECK(n && !strcmp(n, "TESTSRV"));
		CHECK(c && !strcmp(c, "Test server"));
		g_free(n);
		g_free(c);
	}
	CHECK(ndr_pull_u32(&p) == 0 && ndr_pull_ok(&p) && p.off == p.len);
	g_byte_array_unref(r);

	/* unknown opnum: a fault */
	s.n = 0;
	r = call(id, be, 200, &s, frag, &type, &st);
	CHECK(type == 3 && st == 0x1C010002);
	g_byte_array_unref(r);

	/* a truncated stub: fault, no crash */
	s.n = 0;
	w32(&s, 0);
	r = call(id, be, 16, &s, frag, &type, &st);
	CHECK(type == 3 && st == 0x6F7);
	g_byte_array_unref(r);
	rpc_close(id);
}

/* The last 4 bytes of a response stub: the WERROR/NTSTATUS. */
static uint32_t result_of(const GByteArray *r)
{
	const uint8_t *d = r->data + r->len - 4;

	return r->len < 4 ? 0xffffffffu :
	       (uint32_t)(d[0] | d[1] << 8 | d[2] << 16 | (uint32_t)d[3] << 24);
}

/* NetrShareEnum (15) or ...Sticky (36) at a level: the WERROR. */
static uint32_t enum_result(uint64_t id, int op, uint32_t level)
{
	static struct wbuf s;
	GByteArray *r;
	uint8_t type;
	uint32_t st, res;

	s.n = 0;
	s.be = false;
	w32(&s, 0);
	w32(&s, level);
	w32(&s, level);
	w32(&s, 0x20000);
	w32(&s, 0);
	w32(&s, 0);
	w32(&s, 0xffffffff);
	w32(&s, 0);
	r = call(id, false, (uint16_t)op, &s, 4096, &type, &st);
	CHECK(type == 2);
	res = result_of(r);
	g_byte_array_unref(r);
	return res;
}

/* NetrShareGetInfo (16), NetrServerGetInfo (21), NetrShareCheck (20). */
static uint32_t srvsvc_result(uint64_t id, int op, const char *arg,
			      uint32_t level)
{
	static struct wbuf s;
	GByteArray *r;
	uint8_t type;
	uint32_t st, res;

	s.n = 0;
	s.be = false;
	w32(&s, 0);
	if (arg)
		wstring(&s, arg);
	if (op != 20)
		w32(&s, level);
	r = call(id, false, (uint16_t)op, &s, 4096, &type, &st);
	CHECK(type == 2);
	res = result_of(r);
	CHECK(op != 20 || r->len == 8);
	g_byte_array_unref(r);
	return res;
}

#define ANON (CIFSD_LOGIN_F_GUEST | CIFSD_LOGIN_F_ANONYMOUS)

/*
 * srvsvc by who is calling: levels with paths and NetrShareCheck need a
 * user that is not a guest; restrict anonymous >= 1 keeps guests and null
 * sessions from enumerating and from NetrServerGetInfo.
 */
static void test_srvsvc_more(void)
{
	static const struct { const char *acct; uint32_t flags; } who[3] = {
		{ "", ANON }, { "visitor", CIFSD_LOGIN_F_GUEST }, { "alice", 0 },
	};

	for (uint32_t ra = 0; ra <= 2; ra++) {
		cfg.restrict_anonymous = ra;
		for (int w = 0; w < 3; w++) {
			bool user = who[w].flags == 0;
			uint32_t list = ra && !user ? 5u : 0u;

			CHECK(rpc_open_as(40, "srvsvc", who[w].acct,
					  who[w].flags, 2) == 0);
			do_bind(40, false, 0x4b324fc8, 0x1670, 0x01d3,
				srvsvc_d, 3, 4280, 0);
			for (int op = 15; op <= 36; op += 21) {
				CHECK(enum_result(40, op, 1) == list);
				CHECK(enum_result(40, op, 2) == (user ? 0u : 5u));
				CHECK(enum_result(40, op, 502) == (user ? 0u : 5u));
				CHECK(enum_result(40, op, 501) ==
				      (op == 36 ? 124u : list));
			}
			CHECK(srvsvc_result(40, 21, NULL, 101) == list);
			CHECK(srvsvc_result(40, 16, "public", 1) == 0);
			CHECK(srvsvc_result(40, 16, "public", 1005) == 0);
			CHECK(srvsvc_result(40, 16, "public", 2) == (user ? 0u : 5u));
			CHECK(srvsvc_result(40, 16, "hidden", 502) == (user ? 0u : 5u));
			CHECK(srvsvc_result(40, 16, "nosuch", 502) == 2310);
			CHECK(srvsvc_result(40, 20, "c:\\SRV\\PUB", 0) ==
			      (user ? 0u : 5u));
			CHECK(srvsvc_result(40, 20, "D:\\", 0) ==
			      (user ? 2311u : 5u));
			rpc_close(40);
		}
	}
	cfg.restrict_anonymous = 0;
	/* rpc_open(): "" is a null session, a name an authenticated user */
	CHECK(rpc_open(40, "srvsvc", "", 2) == 0);
	do_bind(40, false, 0x4b324fc8, 0x1670, 0x01d3, srvsvc_d, 3, 4280, 0);
	CHECK(enum_result(40, 15, 2) == 5);
	rpc_close(40);
	CHECK(rpc_open(40, "srvsvc", "bob", 2) == 0);
	do_bind(40, false, 0x4b324fc8, 0x1670, 0x01d3, srvsvc_d, 3, 4280, 0);
	CHECK(enum_result(40, 15, 2) == 0);
	rpc_close(40);
}

static void test_lsa(bool be)
{
	static struct wbuf s;
	struct ndr_pull p;
	GByteArray *r;
	uint8_t type, h[20];
	uint32_t st;
	uint64_t id = 20;

	CHECK(rpc_open(id, "lsarpc", "alice", 1) == 0);
	do_bind(id, be, 0x12345778, 0x1234, 0xabcd, lsa_d, 0, 4280, 0);
	s.n = 0;
	s.be = be;
	w32(&s, 0);
	r = call(id, be, 44, &s, 4096, &type, &st);	/* OpenPolicy2 */
	CHECK(type == 2 && r->len == 24);
	if (r->len == 24)
		memcpy(h, r->data, 20);
	g_byte_array_unref(r);

	/* LookupSids2 of S-1-22-1-0, S-1-22-2-0, S-1-1-0, S-1-5-21-1 */
	s.n = 0;
	memcpy(s.d, h, 20);
	s.n = 20;
	w32(&s, 4);
	w32(&s, 0x20000);
	w32(&s, 4);
	for (int i = 0; i < 4; i++)
		w32(&s, 0x20004 + 4 * i);
	{
		static const struct { uint8_t auth; uint8_t n; uint32_t a, b; }
			sids[4] = { { 22, 2, 1, 0 }, { 22, 2, 2, 0 },
				    { 1, 1, 0, 0 }, { 5, 2, 21, 1 } };

		for (int i = 0; i < 4; i++) {
			w32(&s, sids[i].n);
			w8(&s, 1);
			w8(&s, sids[i].n);
			for (int k = 0; k < 5; k++)
				w8(&s, 0);
			w8(&s, sids[i].auth);
			w32(&s, sids[i].a);
			if (sids[i].n > 1)
				w32(&s, sids[i].b);
		}
	}
	w32(&s, 0);
	w32(&s, 0);
	w16(&s, 1);
	w32(&s, 0);
	w32(&s, 2);
	r = call(id, be, 57, &s, 4096, &type, &st);
	CHECK(type == 2);
	ndr_pull_init(&p, r->data, r->len, false);
	CHECK(ndr_pull_ptr(&p) != 0);
	CHECK(ndr_pull_u32(&p) == 3);		/* Unix User, Unix Group, "" */
	ndr_pull_ptr(&p);
	ndr_pull_u32(&p);
	CHECK(ndr_pull_u32(&p) == 3);
	for (int i = 0; i < 3; i++) {
		ndr_pull_u16(&p);
		ndr_pull_u16(&p);
		ndr_pull_ptr(&p);
		ndr_pull_ptr(&p);
	}
	for (int i = 0; i < 3; i++) {
		struct dom_sid sid;
		uint32_t max = ndr_pull_u32(&p);

		ndr_pull_u32(&p);
		CHECK(ndr_pull_u32(&p) == max);
		for (uint32_t k = 0; k < max; k++)
			ndr_pull_u16(&p);
		CHECK(ndr_pull_sid(&p, &sid));
		if (i == 0)
			CHECK(sid.auth[5] == 22 && sid.num == 1 &&
			      sid.sub[0] == 1 && max == 9);
	}
	CHECK(ndr_pull_u32(&p) == 4);
	ndr_pull_ptr(&p);
	CHECK(ndr_pull_u32(&p) == 4);
	for (int i = 0; i < 4; i++) {
		uint16_t use = ndr_pull_u16(&p);

		ndr_pull_u16(&p);
		ndr_pull_u16(&p);
		ndr_pull_ptr(&p);
		CHECK(ndr_pull_u32(&p) == (i == 3 ? 0xffffffffu : (uint32_t)i));
		ndr_pull_u32(&p);
		CHECK(use == (i == 0 ? 1 : i == 1 ? 2 : i == 2 ? 5 : 8));
	}
	{
		char *root = NULL;
		uint32_t max = ndr_pull_u32(&p);

		ndr_pull_u32(&p);
		ndr_pull_u32(&p);
		if (max == 4) {
			root = g_malloc(5);
			for (int k = 0; k < 4; k++)
				root[k] = (char)ndr_pull_u16(&p);
			root[4] = 0;
		}
		CHECK(root && !strcmp(root, "root"));
		g_free(root);
		for (int i = 0; i < 2; i++) {	/* group name, Everyone */
			max = ndr_pull_u32(&p);
			ndr_pull_u32(&p);
			ndr_pull_u32(&p);
			for (uint32_t k = 0; k < max; k++)
				ndr_pull_u16(&p);
		}
	}
	CHECK(ndr_pull_u32(&p) == 3);			/* MappedCount */
	CHECK(ndr_pull_u32(&p) == 0x00000107);		/* SOME_NOT_MAPPED */
	CHECK(ndr_pull_ok(&p) && p.off == p.len);
	g_byte_array_unref(r);

	/* Close, then the handle is gone */
	s.n = 0;
	memcpy(s.d, h, 20);
	s.n = 20;
	r = call(id, be, 0, &s, 4096, &type, &st);
	CHECK(type == 2 && r->len == 24 && r->data[20] == 0);
	g_byte_array_unref(r);
	r = call(id, be, 0, &s, 4096, &type, &st);
	CHECK(type == 2 && r->len == 24 && r->data[23] == 0xC0);
	g_byte_array_unref(r);
	rpc_close(id);
}

/* ---- lsarpc QueryInformationPolicy, LookupNames; samr domains ---- */

static const uint8_t samr_d[8] = { 0xef, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89,
				  0xac };

static void wustr_hdr(struct wbuf *b, const char *s, uint32_t ref)
{
	walign(b, 0, 4);
	w16(b, (uint16_t)(strlen(s) * 2));
	w16(b, (uint16_t)(strlen(s) * 2));
	w32(b, ref);
}

static void wustr_body(struct wbuf *b, const char *s)
{
	w32(b, (uint32_t)strlen(s));
	w32(b, 0);
	w32(b, (uint32_t)strlen(s));
	for (size_t i = 0; s[i]; i++)
		w16(b, (uint8_t)s[i]);
}

static void wsid(struct wbuf *b, uint8_t auth, uint8_t n, const uint32_t *sub)
{
	w32(b, n);
	w8(b, 1);
	w8(b, n);
	for (int k = 0; k < 5; k++)
		w8(b, 0);
	w8(b, auth);
	for (int i = 0; i < n; i++)
		w32(b, sub[i]);
}

/* A deferred RPC_UNICODE_STRING body whose header was skipped. */
static char *pull_ustr_body_only(struct ndr_pull *p)
{
	uint32_t max = ndr_pull_u32(p), ofs = ndr_pull_u32(p);
	uint32_t n = ndr_pull_u32(p);
	struct ndr_ustr u = { (uint16_t)(n * 2), (uint16_t)(max * 2), 1 };

	(void)ofs;
	p->off -= 12;
	return ndr_pull_ustr_body(p, &u);
}

/* Every proper prefix of the stub, presented as complete, faults. */
static void check_truncations(uint64_t id, bool be, uint16_t op,
			      const struct wbuf *s)
{
	static struct wbuf t;

	for (size_t cut = 0; cut < s->n; cut++) {
		GByteArray *r;
		uint8_t type;
		uint32_t st;

		memcpy(t.d, s->d, cut);
		t.n = cut;
		t.be = be;
		r = call(id, be, op, &t, 4096, &type, &st);
		CHECK(type == 3 && st == 0x6F7);
		g_byte_array_unref(r);
	}
}

/* LsarOpenPolicy2: the handle in h, the status returned. */
static uint32_t open_policy2(uint64_t id, bool be, uint8_t h[20])
{
	static struct wbuf s;
	GByteArray *r;
	uint8_t type;
	uint32_t st, res;

	s.n = 0;
	s.be = be;
	w32(&s, 0);
	r = call(id, be, 44, &s, 4096, &type, &st);
	CHECK(type == 2 && r->len == 24);
	memset(h, 0, 20);
	if (r->len == 24)
		memcpy(h, r->data, 20);
	res = result_of(r);
	g_byte_array_unref(r);
	return res;
}

static void test_lsa_query(bool be)
{
	static struct wbuf s;
	struct ndr_pull p;
	struct dom_sid sid, first = { 0 };
	GByteArray *r;
	uint8_t type, h[20];
	uint32_t st;
	uint64_t id = 21;
	struct ndr_ustr uh;
	char *n;

	CHECK(rpc_open(id, "lsarpc", "alice", 1) == 0);
	do_bind(id, be, 0x12345778, 0x1234, 0xabcd, lsa_d, 0, 4280, 0);
	open_policy2(id, be, h);
	for (int round = 0; round < 2; round++) {
		/* account domain: the NetBIOS name and a stable S-1-5-21 SID */
		s.n = 0;
		s.be = be;
		memcpy(s.d, h, 20);
		s.n = 20;
		w16(&s, 5);
		r = call(id, be, round ? 7 : 46, &s, 4096, &type, &st);
		CHECK(type == 2);
		ndr_pull_init(&p, r->data, r->len, false);
		CHECK(ndr_pull_ptr(&p) != 0);
		CHECK(ndr_pull_u16(&p) == 5);
		ndr_pull_ustr_hdr(&p, &uh);
		CHECK(ndr_pull_ptr(&p) != 0);
		n = ndr_pull_ustr_body(&p, &uh);
		CHECK(n && !strcmp(n, "TESTSRV"));
		g_free(n);
		CHECK(ndr_pull_sid(&p, &sid));
		CHECK(sid.num == 4 && sid.auth[5] == 5 && sid.sub[0] == 21);
		if (!round)
			first = sid;
		else
			CHECK(!memcmp(&first, &sid, sizeof(sid)));
		CHECK(ndr_pull_u32(&p) == 0);
		CHECK(ndr_pull_ok(&p) && p.off == p.len);
		g_byte_array_unref(r);
	}
	/* primary domain: the workgroup, no SID */
	s.n = 20;
	w16(&s, 3);
	r = call(id, be, 7, &s, 4096, &type, &st);
	CHECK(type == 2);
	ndr_pull_init(&p, r->data, r->len, false);
	CHECK(ndr_pull_ptr(&p) != 0);
	CHECK(ndr_pull_u16(&p) == 3);
	ndr_pull_ustr_hdr(&p, &uh);
	CHECK(ndr_pull_ptr(&p) == 0);
	n = ndr_pull_ustr_body(&p, &uh);
	CHECK(n && !strcmp(n, "WG"));
	g_free(n);
	CHECK(ndr_pull_u32(&p) == 0);
	CHECK(ndr_pull_ok(&p) && p.off == p.len);
	g_byte_array_unref(r);
	/* DNS domain: the workgroup, NULL names, zero GUID, no SID */
	s.n = 20;
	w16(&s, 12);
	r = call(id, be, 46, &s, 4096, &type, &st);
	CHECK(type == 2);
	ndr_pull_init(&p, r->data, r->len, false);
	CHECK(ndr_pull_ptr(&p) != 0);
	CHECK(ndr_pull_u16(&p) == 12);
	{
		struct ndr_ustr u[3];
		uint8_t guid[16], zero[16] = { 0 };

		for (int i = 0; i < 3; i++)
			ndr_pull_ustr_hdr(&p, &u[i]);
		CHECK(u[0].ref && !u[1].ref && !u[2].ref);
		ndr_pull_bytes(&p, guid, 16);
		CHECK(!memcmp(guid, zero, 16));
		CHECK(ndr_pull_ptr(&p) == 0);
		n = ndr_pull_ustr_body(&p, &u[0]);
		CHECK(n && !strcmp(n, "WG"));
		g_free(n);
	}
	CHECK(ndr_pull_u32(&p) == 0);
	CHECK(ndr_pull_ok(&p) && p.off == p.len);
	g_byte_array_unref(r);
	/* other class: INVALID_PARAMETER; bad handle: INVALID_HANDLE */
	s.n = 20;
	w16(&s, 2);
	r = call(id, be, 7, &s, 4096, &type, &st);
	CHECK(type == 2 && r->len == 8 && result_of(r) == 0xC000000D);
	g_byte_array_unref(r);
	s.d[10] ^= 0xff;
	s.n = 20;
	w16(&s, 5);
	r = call(id, be, 7, &s, 4096, &type, &st);
	CHECK(type == 2 && r->len == 8 && result_of(r) == 0xC0000008);
	g_byte_array_unref(r);
	check_truncations(id, be, 46, &s);
	rpc_close(id);
}

/* LookupNames (14) and LookupNames3 (68) stubs for the names given. */
static void names_stub(struct wbuf *s, bool be, const uint8_t h[20],
		       bool v3, const char *const *names, uint32_t n)
{
	s->n = 0;
	s->be = be;
	memcpy(s->d, h, 20);
	s->n = 20;
	w32(s, n);
	w32(s, n);
	for (uint32_t i = 0; i < n; i++)
		wustr_hdr(s, names[i], 0x20000 + 4 * i);
	for (uint32_t i = 0; i < n; i++)
		wustr_body(s, names[i]);
	w32(s, 0);
	w32(s, 0);
	w16(s, 1);
	w32(s, 0);
	if (v3) {
		w32(s, 0);
		w32(s, 2);
	}
}

/* Skip a referenced domain list; its number of domains. */
static uint32_t skip_domains(struct ndr_pull *p, struct dom_sid *sids,
			     uint32_t max)
{
	uint32_t nd;

	CHECK(ndr_pull_ptr(p) != 0);
	nd = ndr_pull_u32(p);
	ndr_pull_ptr(p);
	ndr_pull_u32(p);
	if (!nd)
		return 0;
	CHECK(ndr_pull_u32(p) == nd && nd <= max);
	for (uint32_t i = 0; i < nd && i < max; i++) {
		struct ndr_ustr u;

		ndr_pull_ustr_hdr(p, &u);
		ndr_pull_ptr(p);
	}
	for (uint32_t i = 0; i < nd && i < max; i++) {
		g_free(pull_ustr_body_only(p));
		CHECK(ndr_pull_sid(p, &sids[i]));
	}
	return nd;
}

static void test_lsa_names(bool be)
{
	static const char *const names[] = { "root", "Unix Group\\root",
					     "nosuchuser-xyz", "BUILTIN\\Users",
					     "Unix User\\4242" };
	static struct wbuf s;
	struct dom_sid doms[8];
	struct ndr_pull p;
	GByteArray *r;
	uint8_t type, h[20];
	uint32_t st, nd;
	uint64_t id = 22;

	CHECK(rpc_open(id, "lsarpc", "alice", 1) == 0);
	do_bind(id, be, 0x12345778, 0x1234, 0xabcd, lsa_d, 0, 4280, 0);
	open_policy2(id, be, h);

	names_stub(&s, be, h, false, names, 5);
	r = call(id, be, 14, &s, 4096, &type, &st);
	CHECK(type == 2);
	ndr_pull_init(&p, r->data, r->len, false);
	nd = skip_domains(&p, doms, 8);
	CHECK(nd == 3);		/* Unix User, Unix Group, BUILTIN */
	CHECK(ndr_pull_u32(&p) == 5);
	CHECK(ndr_pull_ptr(&p) != 0);
	CHECK(ndr_pull_u32(&p) == 5);
	{
		static const uint16_t use[5] = { 1, 2, 8, 4, 1 };
		static const uint32_t rid[5] = { 0, 0, 0, 545, 4242 };
		static const uint32_t dom[5] = { 0, 1, ~0u, 2, 0 };

		for (int i = 0; i < 5; i++) {
			CHECK(ndr_pull_u16(&p) == use[i]);
			CHECK(ndr_pull_u32(&p) == rid[i]);
			CHECK(ndr_pull_u32(&p) == dom[i]);
		}
	}
	CHECK(nd == 3 && doms[0].num == 1 && doms[0].auth[5] == 22 &&
	      doms[0].sub[0] == 1 && doms[2].num == 1 && doms[2].sub[0] == 32);
	CHECK(ndr_pull_u32(&p) == 4);			/* MappedCount */
	CHECK(ndr_pull_u32(&p) == 0x107);
	CHECK(ndr_pull_ok(&p) && p.off == p.len);
	g_byte_array_unref(r);
	check_truncations(id, be, 14, &s);

	/* LookupNames3: whole SIDs */
	names_stub(&s, be, h, true, names, 2);
	r = call(id, be, 68, &s, 4096, &type, &st);
	CHECK(type == 2);
	ndr_pull_init(&p, r->data, r->len, false);
	nd = skip_domains(&p, doms, 8);
	CHECK(nd == 2);
	CHECK(ndr_pull_u32(&p) == 2);
	ndr_pull_ptr(&p);
	CHECK(ndr_pull_u32(&p) == 2);
	for (uint32_t i = 0; i < 2; i++) {
		CHECK(ndr_pull_u16(&p) == i + 1);
		CHECK(ndr_pull_ptr(&p) != 0);
		CHECK(ndr_pull_u32(&p) == i);
		CHECK(ndr_pull_u32(&p) == 0);
	}
	for (uint32_t i = 0; i < 2; i++) {
		struct dom_sid sid;

		CHECK(ndr_pull_sid(&p, &sid));
		CHECK(sid.num == 2 && sid.auth[5] == 22 &&
		      sid.sub[0] == i + 1 && sid.sub[1] == 0);
	}
	CHECK(ndr_pull_u32(&p) == 2);
	CHECK(ndr_pull_u32(&p) == 0);
	CHECK(ndr_pull_ok(&p) && p.off == p.len);
	g_byte_array_unref(r);
	check_truncations(id, be, 68, &s);

	/* none mapped */
	names_stub(&s, be, h, true, names + 2, 1);
	r = call(id, be, 58, &s, 4096, &type, &st);
	CHECK(type == 2 && result_of(r) == 0xC0000073);
	g_byte_array_unref(r);

	/* malformed: counts disagree, too many, odd length, length vs body */
	names_stub(&s, be, h, false, names, 1);
	s.d[be ? 27 : 24] = 2;		/* conformance 2, Count 1 */
	r = call(id, be, 14, &s, 4096, &type, &st);
	CHECK(type == 3 && st == 0x6F7);
	g_byte_array_unref(r);
	names_stub(&s, be, h, false, names, 1);
	s.n = 20;
	w32(&s, 1001);
	w32(&s, 1001);
	r = call(id, be, 14, &s, 4096, &type, &st);
	CHECK(type == 3 && st == 0x6F7);
	g_byte_array_unref(r);
	names_stub(&s, be, h, false, names, 1);
	s.d[be ? 29 : 28] = 7;		/* Length 7 */
	r = call(id, be, 14, &s, 4096, &type, &st);
	CHECK(type == 3 && st == 0x6F7);
	g_byte_array_unref(r);
	names_stub(&s, be, h, false, names, 1);
	s.d[be ? 29 : 28] = 6;		/* Length 6, body of 4 units */
	r = call(id, be, 14, &s, 4096, &type, &st);
	CHECK(type == 3 && st == 0x6F7);
	g_byte_array_unref(r);
	/* SIDs on input are refused */
	names_stub(&s, be, h, false, names, 1);
	s.d[be ? 63 : 60] = 1;		/* TranslatedSids.Sids != NULL */
	r = call(id, be, 14, &s, 4096, &type, &st);
	CHECK(type == 3 && st == 0x6F7);
	g_byte_array_unref(r);
	rpc_close(id);
}

static void test_samr(bool be)
{
	static struct wbuf s;
	static const uint32_t builtin[1] = { 32 };
	struct ndr_pull p;
	GByteArray *r;
	uint8_t type, sh[20] = { 0 }, dh[20] = { 0 };
	uint32_t st;
	uint64_t id = 23;
	char *n;

	CHECK(rpc_open(id, "samr", "alice", 1) == 0);
	do_bind(id, be, 0x12345778, 0x1234, 0xabcd, samr_d, 1, 4280, 0);
	s.n = 0;
	s.be = be;
	w32(&s, 0);
	w32(&s, 0x30);
	r = call(id, be, 57, &s, 4096, &type, &st);	/* Connect2 */
	CHECK(type == 2 && r->len == 24);
	if (r->len == 24)
		memcpy(sh, r->data, 20);
	g_byte_array_unref(r);

	/* EnumerateDomains */
	s.n = 0;
	memcpy(s.d, sh, 20);
	s.n = 20;
	w32(&s, 0);
	w32(&s, 0xffffffff);
	r = call(id, be, 6, &s, 4096, &type, &st);
	CHECK(type == 2);
	ndr_pull_init(&p, r->data, r->len, false);
	CHECK(ndr_pull_u32(&p) == 2);
	CHECK(ndr_pull_ptr(&p) != 0);
	CHECK(ndr_pull_u32(&p) == 2);
	CHECK(ndr_pull_ptr(&p) != 0);
	CHECK(ndr_pull_u32(&p) == 2);
	{
		struct ndr_ustr u[2];

		for (int i = 0; i < 2; i++) {
			CHECK(ndr_pull_u32(&p) == 0);
			ndr_pull_ustr_hdr(&p, &u[i]);
		}
		for (int i = 0; i < 2; i++) {
			n = ndr_pull_ustr_body(&p, &u[i]);
			CHECK(n && !strcmp(n, i ? "Builtin" : "TESTSRV"));
			g_free(n);
		}
	}
	CHECK(ndr_pull_u32(&p) == 2);
	CHECK(ndr_pull_u32(&p) == 0);
	CHECK(ndr_pull_ok(&p) && p.off == p.len);
	g_byte_array_unref(r);
	check_truncations(id, be, 6, &s);

	/* LookupDomain */
	for (int i = 0; i < 3; i++) {
		static const char *const dn[3] = { "builtin", "testsrv", "X" };
		struct dom_sid sid;

		s.n = 20;
		wustr_hdr(&s, dn[i], 0x20000);
		wustr_body(&s, dn[i]);
		r = call(id, be, 5, &s, 4096, &type, &st);
		CHECK(type == 2);
		ndr_pull_init(&p, r->data, r->len, false);
		CHECK((ndr_pull_ptr(&p) != 0) == (i < 2));
		if (i < 2) {
			CHECK(ndr_pull_sid(&p, &sid));
			CHECK(sid.num == (i ? 4 : 1) && sid.auth[5] == 5);
		}
		CHECK(ndr_pull_u32(&p) == (i < 2 ? 0 : 0xC00000DF));
		CHECK(ndr_pull_ok(&p) && p.off == p.len);
		g_byte_array_unref(r);
	}
	check_truncations(id, be, 5, &s);

	/* OpenDomain Builtin */
	s.n = 20;
	w32(&s, 0x200);
	wsid(&s, 5, 1, builtin);
	r = call(id, be, 7, &s, 4096, &type, &st);
	CHECK(type == 2 && r->len == 24 && result_of(r) == 0);
	if (r->len == 24)
		memcpy(dh, r->data, 20);
	g_byte_array_unref(r);
	check_truncations(id, be, 7, &s);

	/* LookupIds 544, 545, 1000 */
	s.n = 0;
	memcpy(s.d, dh, 20);
	s.n = 20;
	w32(&s, 3);
	w32(&s, 1000);
	w32(&s, 0);
	w32(&s, 3);
	w32(&s, 544);
	w32(&s, 545);
	w32(&s, 1000);
	r = call(id, be, 18, &s, 4096, &type, &st);
	CHECK(type == 2);
	ndr_pull_init(&p, r->data, r->len, false);
	CHECK(ndr_pull_u32(&p) == 3);
	CHECK(ndr_pull_ptr(&p) != 0);
	CHECK(ndr_pull_u32(&p) == 3);
	{
		struct ndr_ustr u[3];

		for (int i = 0; i < 3; i++)
			ndr_pull_ustr_hdr(&p, &u[i]);
		for (int i = 0; i < 3; i++) {
			n = ndr_pull_ustr_body(&p, &u[i]);
			CHECK(n && !strcmp(n, i == 0 ? "Administrators" :
					      i == 1 ? "Users" : ""));
			g_free(n);
		}
	}
	CHECK(ndr_pull_u32(&p) == 3);
	CHECK(ndr_pull_ptr(&p) != 0);
	CHECK(ndr_pull_u32(&p) == 3);
	CHECK(ndr_pull_u32(&p) == 4);
	CHECK(ndr_pull_u32(&p) == 4);
	CHECK(ndr_pull_u32(&p) == 8);
	CHECK(ndr_pull_u32(&p) == 0x107);
	CHECK(ndr_pull_ok(&p) && p.off == p.len);
	g_byte_array_unref(r);
	check_truncations(id, be, 18, &s);
	/* the server handle is not a domain handle */
	memcpy(s.d, sh, 20);
	r = call(id, be, 18, &s, 4096, &type, &st);
	CHECK(type == 2 && result_of(r) == 0xC0000008);
	g_byte_array_unref(r);
	/* too many ids */
	memcpy(s.d, dh, 20);
	s.n = 20;
	w32(&s, 1001);
	w32(&s, 1001);
	w32(&s, 0);
	w32(&s, 1001);
	r = call(id, be, 18, &s, 4096, &type, &st);
	CHECK(type == 3 && st == 0x6F7);
	g_byte_array_unref(r);
	/* unknown opnum */
	s.n = 0;
	r = call(id, be, 99, &s, 4096, &type, &st);
	CHECK(type == 3 && st == 0x1C010002);
	g_byte_array_unref(r);
	rpc_close(id);
}

/* LsarGetUserName: the pipe's account, with and without DomainName. */
static void test_lsa_user(bool be)
{
	static struct wbuf s;
	struct ndr_pull p;
	struct ndr_ustr u;
	GByteArray *r;
	uint8_t type;
	uint32_t st;
	uint64_t id = 24;
	char *n;

	CHECK(rpc_open(id, "lsarpc", "alice", 1) == 0);
	do_bind(id, be, 0x12345778, 0x1234, 0xabcd, lsa_d, 0, 4280, 0);
	for (int dom = 0; dom < 2; dom++) {
		s.n = 0;
		s.be = be;
		w32(&s, 0x20000);
		wstring(&s, "\\\\srv");
		w32(&s, 0);			/* *UserName = NULL */
		w32(&s, dom ? 0x20004 : 0);	/* DomainName */
		if (dom)
			w32(&s, 0);
		r = call(id, be, 45, &s, 4096, &type, &st);
		CHECK(type == 2);
		ndr_pull_init(&p, r->data, r->len, false);
		CHECK(ndr_pull_ptr(&p) != 0);
		ndr_pull_ustr_hdr(&p, &u);
		n = ndr_pull_ustr_body(&p, &u);
		CHECK(n && !strcmp(n, "alice"));
		g_free(n);
		CHECK((ndr_pull_ptr(&p) != 0) == dom);
		if (dom) {
			CHECK(ndr_pull_ptr(&p) != 0);
			ndr_pull_ustr_hdr(&p, &u);
			n = ndr_pull_ustr_body(&p, &u);
			CHECK(n && !strcmp(n, "TESTSRV"));
			g_free(n);
		}
		CHECK(ndr_pull_u32(&p) == 0);
		CHECK(ndr_pull_ok(&p) && p.off == p.len);
		g_byte_array_unref(r);
		check_truncations(id, be, 45, &s);
	}
	rpc_close(id);
}

/* The whole answer of a refused lookup: 4 empty fields, the status. */
static bool lookup_denied(const GByteArray *r)
{
	static const uint8_t want[20] = { [16] = 0x22, [19] = 0xC0 };

	return r->len == sizeof(want) && !memcmp(r->data, want, sizeof(want));
}

/* LookupSids (15), 2 (57) or 3 (76: no handle) of S-1-22-1-0. */
static void sids_stub(struct wbuf *s, bool be, const uint8_t h[20], int op)
{
	static const uint32_t sub[2] = { 1, 0 };

	s->n = 0;
	s->be = be;
	if (op != 76) {
		memcpy(s->d, h, 20);
		s->n = 20;
	}
	w32(s, 1);
	w32(s, 0x20000);
	w32(s, 1);
	w32(s, 0x20004);
	wsid(s, 22, 2, sub);
	w32(s, 0);
	w32(s, 0);
	w16(s, 1);
	w32(s, 0);
	if (op != 15) {
		w32(s, 0);
		w32(s, 2);
	}
}

/* A null session never translates SIDs or names, whatever the setting. */
static void test_lsa_anonymous(bool be)
{
	static const char *const names[] = { "root" };
	static struct wbuf s;
	uint8_t type, h[20];
	uint32_t st;
	GByteArray *r;

	for (uint32_t ra = 0; ra <= 2; ra++) {
		cfg.restrict_anonymous = ra;
		CHECK(rpc_open_as(25, "lsarpc", "", ANON, 3) == 0);
		do_bind(25, be, 0x12345778, 0x1234, 0xabcd, lsa_d, 0, 4280, 0);
		/* no policy handle, so no QueryInformationPolicy */
		CHECK(open_policy2(25, be, h) == 0xC0000022);
		CHECK(!memcmp(h, (const uint8_t[20]){ 0 }, 20));
		s.n = 0;
		s.be = be;
		memcpy(s.d, h, 20);
		s.n = 20;
		w16(&s, 5);
		r = call(25, be, 7, &s, 4096, &type, &st);
		CHECK(type == 2 && result_of(r) == 0xC0000008);
		g_byte_array_unref(r);
		/* a handle of a user's pipe does not help either */
		CHECK(rpc_open(27, "lsarpc", "alice", 4) == 0);
		do_bind(27, be, 0x12345778, 0x1234, 0xabcd, lsa_d, 0, 4280, 0);
		CHECK(open_policy2(27, be, h) == 0);
		rpc_close(27);
		for (int op = 15; op <= 76; op = op == 15 ? 57 : op + 19) {
			sids_stub(&s, be, h, op);
			r = call(25, be, (uint16_t)op, &s, 4096, &type, &st);
			CHECK(type == 2 && lookup_denied(r));
			g_byte_array_unref(r);
		}
		for (int v3 = 0; v3 < 2; v3++) {
			names_stub(&s, be, h, v3, names, 1);
			if (v3) {	/* LookupNames4 has no handle */
				memmove(s.d, s.d + 20, s.n - 20);
				s.n -= 20;
			}
			r = call(25, be, v3 ? 77 : 14, &s, 4096, &type, &st);
			CHECK(type == 2 && lookup_denied(r));
			g_byte_array_unref(r);
		}
		for (int op = 58; op <= 68; op += 10) {
			names_stub(&s, be, h, true, names, 1);
			r = call(25, be, (uint16_t)op, &s, 4096, &type, &st);
			CHECK(type == 2 && lookup_denied(r));
			g_byte_array_unref(r);
		}
		rpc_close(25);
	}
	/* a guest that is not anonymous may */
	CHECK(rpc_open_as(25, "lsarpc", "visitor", CIFSD_LOGIN_F_GUEST, 3) == 0);
	do_bind(25, be, 0x12345778, 0x1234, 0xabcd, lsa_d, 0, 4280, 0);
	CHECK(open_policy2(25, be, h) == 0);
	sids_stub(&s, be, h, 57);
	r = call(25, be, 57, &s, 4096, &type, &st);
	CHECK(type == 2 && result_of(r) == 0);
	g_byte_array_unref(r);
	rpc_close(25);
	cfg.restrict_anonymous = 0;
}

/* samr Connect2; the handle (zero when refused) and the status. */
static uint32_t samr_connect2(uint64_t id, bool be, uint8_t h[20])
{
	static struct wbuf s;
	GByteArray *r;
	uint8_t type;
	uint32_t st, res;

	s.n = 0;
	s.be = be;
	w32(&s, 0);
	w32(&s, 0x30);
	r = call(id, be, 57, &s, 4096, &type, &st);
	CHECK(type == 2 && r->len == 24);
	memset(h, 0, 20);
	if (r->len == 24)
		memcpy(h, r->data, 20);
	res = result_of(r);
	g_byte_array_unref(r);
	return res;
}

/*
 * samr: restrict anonymous >= 1 refuses the connect to guests and null
 * sessions; a null session never names RIDs.
 */
static void test_samr_anonymous(bool be)
{
	static const uint32_t builtin[1] = { 32 };
	static const uint8_t zero[20];
	static const struct { const char *acct; uint32_t flags; } who[3] = {
		{ "", ANON }, { "visitor", CIFSD_LOGIN_F_GUEST }, { "alice", 0 },
	};
	static struct wbuf s;
	uint8_t type, sh[20], dh[20] = { 0 };
	uint32_t st;
	GByteArray *r;

	for (uint32_t ra = 0; ra <= 2; ra++) {
		cfg.restrict_anonymous = ra;
		for (int w = 0; w < 3; w++) {
			bool refused = ra && who[w].flags;

			CHECK(rpc_open_as(26, "samr", who[w].acct, who[w].flags,
					  4) == 0);
			do_bind(26, be, 0x12345778, 0x1234, 0xabcd, samr_d, 1,
				4280, 0);
			st = samr_connect2(26, be, sh);
			CHECK(st == (refused ? 0xC0000022u : 0u));
			CHECK(!refused || !memcmp(sh, zero, 20));
			if (refused) {
				rpc_close(26);
				continue;
			}
			s.n = 0;
			s.be = be;
			memcpy(s.d, sh, 20);
			s.n = 20;
			w32(&s, 0x200);
			wsid(&s, 5, 1, builtin);
			r = call(26, be, 7, &s, 4096, &type, &st);
			CHECK(type == 2 && r->len == 24 && result_of(r) == 0);
			if (r->len == 24)
				memcpy(dh, r->data, 20);
			g_byte_array_unref(r);
			s.n = 0;
			memcpy(s.d, dh, 20);
			s.n = 20;
			w32(&s, 1);
			w32(&s, 1000);
			w32(&s, 0);
			w32(&s, 1);
			w32(&s, 544);
			r = call(26, be, 18, &s, 4096, &type, &st);
			CHECK(type == 2);
			if (who[w].flags & CIFSD_LOGIN_F_ANONYMOUS)
				CHECK(lookup_denied(r));
			else
				CHECK(result_of(r) == 0);
			g_byte_array_unref(r);
			rpc_close(26);
		}
	}
	cfg.restrict_anonymous = 0;
}

static void test_misc(void)
{
	static const uint8_t junk[16] = { 1, 2, 3, 4, 0x10, 0, 0, 0, 16, 0 };
	static struct wbuf b;
	uint8_t m[8192], type;
	size_t n, more;
	uint32_t st;
	GByteArray *r;

	CHECK(rpc_open(30, "nosuchpipe", "", 0) == -ENOENT);
	CHECK(rpc_open(30, "wkssvc", "", 0) == 0);
	CHECK(rpc_open(30, "wkssvc", "", 0) == -EEXIST);
	CHECK(rpc_write(&cfg, 31, junk, sizeof(junk)) == -EBADF);
	CHECK(rpc_write(&cfg, 30, junk, sizeof(junk)) == -EPROTO);
	/* srvsvc is not served on wkssvc: abstract syntax rejected */
	do_bind(30, false, 0x4b324fc8, 0x1670, 0x01d3, srvsvc_d, 3, 4280, 2);
	/* requests on an unaccepted context fault */
	b.n = 0;
	b.be = false;
	r = call(30, false, 0, &b, 4096, &type, &st);
	CHECK(type == 3 && st == 0x1C00001A);
	g_byte_array_unref(r);
	/* a short read leaves the rest of the message */
	b.n = 0;
	bind_pdu(&b, 0x4b324fc8, 0x1670, 0x01d3, srvsvc_d, 3, 4280);
	CHECK(rpc_write(&cfg, 30, b.d, b.n) == 0);
	CHECK(rpc_read(30, m, 10, &n, &more) == 0 && n == 10 && more > 0);
	CHECK(rpc_read(30, m, sizeof(m), &n, &more) == 0 && more == 0);
	CHECK(rpc_read(30, m, sizeof(m), &n, &more) == 0 && n == 0);
	/* every truncation of a PDU, presented as complete: no crash */
	for (size_t cut = 16; cut < b.n; cut++) {
		static struct wbuf t;

		memcpy(t.d, b.d, cut);
		t.n = cut;
		t.be = false;
		patch_len(&t, 0);
		rpc_write(&cfg, 30, t.d, t.n);
		while (rpc_read(30, m, sizeof(m), &n, &more) == 0 && n)
			;
	}
	/* a PDU split over several writes */
	b.n = 0;
	bind_pdu(&b, 0x6bffd098, 0xa112, 0x3610,
		 (const uint8_t[8]){ 0x98, 0x33, 0x46, 0xc3, 0xf8, 0x7e, 0x34,
				     0x5a }, 1, 4280);
	CHECK(rpc_write(&cfg, 30, b.d, 5) == 0);
	CHECK(rpc_read(30, m, sizeof(m), &n, &more) == 0 && n == 0);
	CHECK(rpc_write(&cfg, 30, b.d + 5, b.n - 5) == 0);
	CHECK(rpc_read(30, m, sizeof(m), &n, &more) == 0 && n > 0 &&
	      m[2] == 12);
	rpc_close(30);
	CHECK(rpc_read(30, m, sizeof(m), &n, &more) == -EBADF);
}

int main(void)
{
	setup_config();
	test_share_enum(false, 4096, 4280);
	test_share_enum(true, 4096, 4280);
	/* fragmented requests and responses */
	test_share_enum(false, 8, 1432);
	test_share_enum(true, 16, 1432);
	test_srvsvc_more();
	test_lsa(false);
	test_lsa(true);
	for (int be = 0; be < 2; be++) {
		test_lsa_query(be);
		test_lsa_names(be);
		test_samr(be);
		test_lsa_user(be);
		test_lsa_anonymous(be);
		test_samr_anonymous(be);
	}
	test_misc();
	rpc_close_all();
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("rpc: all checks passed\n");
	return 0;
}
