// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netfuzz: DCE/RPC connection-oriented PDUs (C706 chapter 12, MS-RPCE
 * 2.2.2) for the named pipes: bind and alter_context to srvsvc, lsarpc,
 * samr, wkssvc and winreg, requests with NDR stubs for a few calls those
 * servers answer, random opnums and stubs, and mutated headers.
 */
#include "netfuzz.h"

#include <string.h>

struct iface {
	uint8_t uuid[16];	/* wire order */
	uint16_t major, minor;
};

/* UUIDs in wire order: data1..data3 little-endian, then 8 bytes. */
static const struct iface ifaces[] = {
	{ { 0xc8, 0x4f, 0x32, 0x4b, 0x70, 0x16, 0xd3, 0x01, 0x12, 0x78,
	    0x5a, 0x47, 0xbf, 0x6e, 0xe1, 0x88 }, 3, 0 },	/* srvsvc */
	{ { 0x78, 0x57, 0x34, 0x12, 0x34, 0x12, 0xcd, 0xab, 0xef, 0x00,
	    0x01, 0x23, 0x45, 0x67, 0x89, 0xab }, 0, 0 },	/* lsarpc */
	{ { 0x78, 0x57, 0x34, 0x12, 0x34, 0x12, 0xcd, 0xab, 0xef, 0x00,
	    0x01, 0x23, 0x45, 0x67, 0x89, 0xac }, 1, 0 },	/* samr */
	{ { 0x98, 0xd0, 0xff, 0x6b, 0x12, 0xa1, 0x10, 0x36, 0x98, 0x33,
	    0x46, 0xc3, 0xf8, 0x7e, 0x34, 0x5a }, 1, 0 },	/* wkssvc */
	{ { 0x01, 0xd0, 0x8c, 0x33, 0x44, 0x22, 0xf1, 0x31, 0xaa, 0xaa,
	    0x90, 0x00, 0x38, 0x00, 0x10, 0x03 }, 1, 0 },	/* winreg */
};

static const uint8_t ndr_uuid[16] = {
	0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8,
	0x08, 0x00, 0x2b, 0x10, 0x48, 0x60 };

static uint32_t call_id;

static void put_hdr(uint8_t *p, uint8_t type, size_t frag, uint32_t id)
{
	p[0] = 5;
	p[1] = 0;
	p[2] = type;
	p[3] = 0x03;		/* first and last fragment */
	p[4] = 0x10;		/* little-endian, ASCII, IEEE */
	p[5] = p[6] = p[7] = 0;
	smbc_put16(p + 8, (uint16_t)frag);
	smbc_put16(p + 10, 0);
	smbc_put32(p + 12, id);
}

static size_t gen_bind(struct rng *r, uint8_t *p, uint8_t type)
{
	unsigned int n = chance(r, 7, 8) ? 1 + rnd(r, 2) : rnd(r, 8), i;
	size_t pos = 28;

	smbc_put16(p + 16, 4280);
	smbc_put16(p + 18, 4280);
	smbc_put32(p + 20, chance(r, 7, 8) ? 0 : (uint32_t)rnd64(r));
	p[24] = (uint8_t)n;
	p[25] = p[26] = p[27] = 0;
	for (i = 0; i < n; i++) {
		const struct iface *f = &PICK(r, ifaces);
		unsigned int nts = chance(r, 7, 8) ? 1 : rnd(r, 4), k;

		smbc_put16(p + pos, (uint16_t)i);
		p[pos + 2] = (uint8_t)nts;
		p[pos + 3] = 0;
		memcpy(p + pos + 4, f->uuid, 16);
		smbc_put16(p + pos + 20, f->major);
		smbc_put16(p + pos + 22, f->minor);
		pos += 24;
		for (k = 0; k < nts; k++) {
			memcpy(p + pos, ndr_uuid, 16);
			smbc_put32(p + pos + 16, 2);
			if (chance(r, 1, 8))
				rnd_bytes(r, p + pos, 20);
			pos += 20;
		}
	}
	put_hdr(p, type, pos, ++call_id);
	return pos;
}

/* NDR [unique] wchar_t* "\\127.0.0.1" at @p; returns bytes written. */
static size_t ndr_server_name(uint8_t *p)
{
	static const char s[] = "\\\\127.0.0.1";
	size_t n = sizeof(s), i;		/* with the NUL */

	smbc_put32(p, 0x00020000);
	smbc_put32(p + 4, (uint32_t)n);
	smbc_put32(p + 8, 0);
	smbc_put32(p + 12, (uint32_t)n);
	for (i = 0; i < n; i++)
		smbc_put16(p + 16 + 2 * i, (uint8_t)s[i]);
	return (16 + 2 * n + 3) & ~(size_t)3;
}

/* A stub for one call we know; sets *opnum. */
static size_t known_stub(struct rng *r, uint8_t *p, uint16_t *opnum)
{
	size_t pos = ndr_server_name(p);

	switch (rnd(r, 5)) {
	case 0:					/* srvsvc NetShareEnumAll */
		*opnum = 15;
		smbc_put32(p + pos, 1);
		smbc_put32(p + pos + 4, 1);
		smbc_put32(p + pos + 8, 0x00020004);
		smbc_put32(p + pos + 12, 0);
		smbc_put32(p + pos + 16, 0);
		smbc_put32(p + pos + 20, 0xFFFFFFFF);
		smbc_put32(p + pos + 24, 0x00020008);
		smbc_put32(p + pos + 28, 0);
		return pos + 32;
	case 1:					/* srvsvc NetSrvGetInfo */
		*opnum = 21;
		smbc_put32(p + pos, PICK(r, ((const uint32_t[]){ 100, 101,
			   102, 503, 0 })));
		return pos + 4;
	case 2:					/* lsarpc OpenPolicy2 */
		*opnum = 44;
		memset(p + pos, 0, 24);
		smbc_put32(p + pos, 24);
		smbc_put32(p + pos + 24, 0x02000000);
		return pos + 28;
	case 3:					/* samr Connect2 */
		*opnum = 57;
		smbc_put32(p + pos, 0x02000000);
		return pos + 4;
	default:				/* samr Connect5 */
		*opnum = 64;
		smbc_put32(p + pos, 0x02000000);
		smbc_put32(p + pos + 4, 1);
		smbc_put32(p + pos + 8, 1);
		smbc_put32(p + pos + 12, 3);
		smbc_put32(p + pos + 16, 0);
		return pos + 20;
	}
}

static size_t gen_request(struct rng *r, uint8_t *p, size_t room)
{
	uint16_t opnum;
	size_t stub;

	if (chance(r, 1, 2)) {
		stub = known_stub(r, p + 24, &opnum);
	} else {
		opnum = (uint16_t)(chance(r, 3, 4) ? rnd(r, 80) : rnd64(r));
		stub = rnd(r, (uint32_t)(room - 24 > 1024 ? 1024 : room - 24));
		rnd_bytes(r, p + 24, stub);
		if (stub >= 4 && chance(r, 1, 2))
			smbc_put32(p + 24, 0x00020000);	/* a unique ptr */
	}
	smbc_put32(p + 16, (uint32_t)stub);	/* alloc_hint */
	smbc_put16(p + 20, (uint16_t)(chance(r, 7, 8) ? 0 : rnd(r, 4)));
	smbc_put16(p + 22, opnum);
	put_hdr(p, 0, 24 + stub, ++call_id);
	return 24 + stub;
}

/* Break one header field of the PDU. */
static void mutate_rpc(struct rng *r, uint8_t *p, size_t len)
{
	switch (rnd(r, 8)) {
	case 0: smbc_put16(p + 8, (uint16_t)interesting(r, 2)); break;
	case 1: smbc_put16(p + 10, (uint16_t)interesting(r, 2)); break;
	case 2: p[2] = (uint8_t)rnd(r, 21); break;
	case 3: p[3] = (uint8_t)rnd64(r); break;
	case 4: p[4] = (uint8_t)rnd64(r); break;
	case 5: p[0] = (uint8_t)rnd(r, 8); p[1] = (uint8_t)rnd(r, 3); break;
	case 6: if (len >= 20) smbc_put32(p + 16, (uint32_t)interesting(r, 4));
		break;
	default: if (len > 16) p[16 + rnd(r, (uint32_t)len - 16)] ^=
			(uint8_t)(1 + rnd(r, 255));
	}
}

size_t gen_rpc_pdu(struct rng *r, uint8_t *buf, size_t room)
{
	size_t n;

	if (room < 2048)
		return 0;
	switch (rnd(r, 6)) {
	case 0: n = gen_bind(r, buf, 11); break;
	case 1: n = gen_bind(r, buf, 14); break;
	case 2:
		n = 16 + rnd(r, 64);		/* any other type */
		rnd_bytes(r, buf + 16, n - 16);
		put_hdr(buf, (uint8_t)rnd(r, 21), n, ++call_id);
		break;
	default: n = gen_request(r, buf, room); break;
	}
	if (chance(r, 1, 4))
		mutate_rpc(r, buf, n);
	return n;
}
