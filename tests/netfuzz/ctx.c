// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netfuzz: CREATE contexts (MS-SMB2 2.2.13.2): DHnQ, DHnC, DH2Q, DH2C,
 * MxAc, QFid, RqLs (v1 and v2), AlSi, TWrp, ExtA, SecD, the app instance
 * contexts, and garbage names and sizes.
 */
#include "netfuzz.h"

#include <string.h>

enum { DHNQ, DHNC, DH2Q, DH2C, MXAC, QFID, RQLS1, RQLS2, ALSI, TWRP, EXTA,
       SECD, APPID, APPVER, POSIX, GARBAGE, NR_KINDS };

static const uint8_t app_instance_id[16] = {
	0x45, 0xBC, 0xA6, 0x6A, 0xEF, 0xA7, 0xF7, 0x4A,
	0x90, 0x08, 0xFA, 0x46, 0x2E, 0x14, 0x4D, 0x74 };
static const uint8_t app_instance_ver[16] = {
	0xB9, 0x82, 0xD0, 0xB7, 0x3B, 0x56, 0x07, 0x4F,
	0xA0, 0x7B, 0x52, 0x4A, 0x81, 0x16, 0xA0, 0x10 };
static const uint8_t posix_ctx[16] = {
	0x93, 0xAD, 0x25, 0x50, 0x9C, 0xB4, 0x11, 0xE7,
	0xB4, 0x23, 0x83, 0xDE, 0x96, 0x8B, 0xCD, 0x7C };

/* Data of one context of @kind into @d; returns its length. */
static size_t ctx_data(struct rng *r, int kind, uint8_t *d,
		       const struct fz *f)
{
	struct smbc_fid fid = f->nfiles ? f->files[rnd(r, (uint32_t)f->nfiles)] :
			      (struct smbc_fid){ rnd64(r), rnd64(r) };

	switch (kind) {
	case DHNQ:
		memset(d, 0, 16);
		return 16;
	case DHNC:
		smbc_put64(d, fid.persistent);
		smbc_put64(d + 8, fid.volatile_);
		return 16;
	case DH2Q:
		smbc_put32(d, (uint32_t)interesting(r, 4));	/* Timeout */
		smbc_put32(d + 4, rnd(r, 4));			/* Flags */
		memset(d + 8, 0, 8);
		rnd_bytes(r, d + 16, 16);			/* CreateGuid */
		return 32;
	case DH2C:
		smbc_put64(d, fid.persistent);
		smbc_put64(d + 8, fid.volatile_);
		rnd_bytes(r, d + 16, 16);
		smbc_put32(d + 32, rnd(r, 4));
		return 36;
	case MXAC:
		if (chance(r, 1, 2))
			return 0;
		smbc_put64(d, interesting(r, 8));
		return 8;
	case QFID:
		return 0;
	case RQLS1: case RQLS2:
		rnd_bytes(r, d, 16);				/* LeaseKey */
		smbc_put32(d + 16, rnd(r, 8));			/* State */
		smbc_put32(d + 20, rnd(r, 8));			/* Flags */
		smbc_put64(d + 24, 0);
		if (kind == RQLS1)
			return 32;
		rnd_bytes(r, d + 32, 16);			/* Parent */
		smbc_put16(d + 48, (uint16_t)rnd64(r));	/* Epoch */
		smbc_put16(d + 50, 0);
		return 52;
	case ALSI: case TWRP:
		smbc_put64(d, chance(r, 1, 2) ? rnd(r, 1 << 24) :
			   interesting(r, 8));
		return 8;
	case EXTA:
		return gen_ea_list(r, d, 2048);
	case SECD:
		return gen_security_descriptor(r, d, 2048);
	case APPID: case APPVER:
		smbc_put16(d, 20);
		smbc_put16(d + 2, 0);
		rnd_bytes(r, d + 4, 20);
		return kind == APPID ? 20 : 24;
	case POSIX:
		smbc_put32(d, (uint32_t)rnd(r, 0x10000));
		return 4;
	default: {
		size_t n = rnd(r, 64);

		rnd_bytes(r, d, n);
		return n;
	}
	}
}

static const char *const tags[] = { "DHnQ", "DHnC", "DH2Q", "DH2C", "MxAc",
				    "QFid", "RqLs", "RqLs", "AlSi", "TWrp",
				    "ExtA", "SecD" };

void gen_create_contexts(struct rng *r, struct smbc_cc *cc,
			 const struct fz *f)
{
	unsigned int n = 1 + rnd(r, chance(r, 1, 8) ? 12 : 3), i;
	uint8_t data[4096], name[32];

	for (i = 0; i < n; i++) {
		int kind = (int)rnd(r, NR_KINDS);
		size_t nl = 4, dl = ctx_data(r, kind, data, f);

		if (kind < APPID) {
			memcpy(name, tags[kind], 4);
		} else if (kind == APPID || kind == APPVER || kind == POSIX) {
			memcpy(name, kind == APPID ? app_instance_id :
			       kind == APPVER ? app_instance_ver : posix_ctx,
			       16);
			nl = 16;
		} else {
			nl = rnd(r, chance(r, 1, 2) ? 5 : sizeof(name));
			rnd_bytes(r, name, nl);
		}
		if (chance(r, 1, 16) && dl)
			dl = rnd(r, (uint32_t)dl);	/* short data */
		smbc_cc_add(cc, (const char *)name, nl, data, dl);
	}
	/* now and then break the chain's own fields */
	if (cc->len >= 16 && chance(r, 1, 8)) {
		size_t at = rnd(r, (uint32_t)(cc->len - 3));

		smbc_put32(cc->buf + at, (uint32_t)interesting(r, 4));
	}
}
