// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netfuzz: QUERY_INFO / SET_INFO over every FileInformationClass and
 * FsInformationClass (MS-FSCC 2.4, 2.5), security and quota, with
 * structured and random buffers; QUERY_DIRECTORY classes and patterns;
 * IOCTL with the FSCTL codes of MS-FSCC 2.3 and MS-SMB2 2.2.31.
 */
#include "netfuzz.h"

#include <string.h>

static uint8_t buf[65536];

/* A SID S-1-5-21-a-b-c-rid or a well-known one; returns its length. */
static size_t put_sid(struct rng *r, uint8_t *p)
{
	unsigned int n = chance(r, 1, 2) ? 5 : rnd(r, 16), i;

	p[0] = 1;
	p[1] = (uint8_t)n;
	memset(p + 2, 0, 6);
	p[7] = chance(r, 7, 8) ? 5 : (uint8_t)rnd(r, 256);
	for (i = 0; i < n; i++)
		smbc_put32(p + 8 + 4 * i, i == 0 ? (chance(r, 1, 2) ? 21 : 32) :
			   (uint32_t)(chance(r, 1, 2) ? rnd(r, 1100) :
			   rnd64(r)));
	return 8 + 4 * (size_t)n;
}

size_t gen_security_descriptor(struct rng *r, uint8_t *p, size_t room)
{
	size_t pos = 20, acl, n, i;
	unsigned int aces;

	if (room < 1024)
		return 0;
	memset(p, 0, 20);
	p[0] = 1;
	smbc_put16(p + 2, (uint16_t)(chance(r, 3, 4) ? 0x8004 :
		   rnd64(r)));
	if (chance(r, 3, 4)) {
		smbc_put32(p + 4, (uint32_t)pos);		/* owner */
		pos += put_sid(r, p + pos);
	}
	if (chance(r, 3, 4)) {
		smbc_put32(p + 8, (uint32_t)pos);		/* group */
		pos += put_sid(r, p + pos);
	}
	acl = pos;
	aces = rnd(r, 6);
	p[pos] = 2;
	pos += 8;
	for (i = 0; i < aces && pos + 80 < room; i++) {
		size_t at = pos;

		p[at] = (uint8_t)(chance(r, 3, 4) ? rnd(r, 2) : rnd(r, 20));
		p[at + 1] = (uint8_t)rnd(r, 32);
		smbc_put32(p + at + 4, chance(r, 1, 2) ? 0x001F01FF :
			   (uint32_t)rnd64(r));
		n = 8 + put_sid(r, p + at + 8);
		smbc_put16(p + at + 2, (uint16_t)(chance(r, 7, 8) ? n :
			   interesting(r, 2)));
		pos += n;
	}
	smbc_put16(p + acl + 2, (uint16_t)(pos - acl));
	smbc_put16(p + acl + 4, (uint16_t)aces);
	smbc_put32(p + 16, (uint32_t)acl);			/* DACL */
	if (chance(r, 1, 8))
		smbc_put32(p + 4 * (1 + rnd(r, 4)), (uint32_t)interesting(r, 4));
	return pos;
}

size_t gen_ea_list(struct rng *r, uint8_t *p, size_t room)
{
	unsigned int n = 1 + rnd(r, 4), i;
	size_t pos = 0, last = 0;

	for (i = 0; i < n && pos + 300 < room; i++) {
		uint8_t nl = (uint8_t)(chance(r, 7, 8) ? 1 + rnd(r, 12) :
				       rnd(r, 256));
		uint16_t vl = (uint16_t)rnd(r, 64);
		size_t len = 8 + nl + 1 + vl;

		last = pos;
		memset(p + pos, 0, 8);
		p[pos + 4] = (uint8_t)(chance(r, 7, 8) ? 0 : 0x80);
		p[pos + 5] = nl;
		smbc_put16(p + pos + 6, vl);
		memset(p + pos + 8, 'A' + (int)i, nl);
		p[pos + 8 + nl] = 0;
		rnd_bytes(r, p + pos + 9 + nl, vl);
		len = (len + 3) & ~(size_t)3;
		if (i + 1 < n)
			smbc_put32(p + pos, (uint32_t)(chance(r, 15, 16) ? len :
				   interesting(r, 4)));
		pos += len;
	}
	(void)last;
	return pos;
}

/* A FILE_RENAME_INFORMATION / FILE_LINK_INFORMATION (SMB2 form). */
static size_t rename_info(struct rng *r, uint8_t *p)
{
	long n;

	memset(p, 0, 20);
	p[0] = (uint8_t)rnd(r, 2);
	n = smbc_utf16(fz_name(r), p + 20, 1024);
	if (n < 0)
		n = 0;
	smbc_put32(p + 16, (uint32_t)(chance(r, 7, 8) ? (uint32_t)n :
		   interesting(r, 4)));
	if (chance(r, 1, 16))
		smbc_put64(p + 8, rnd64(r));		/* RootDirectory */
	return 20 + (size_t)n;
}

/* A buffer for SET_INFO of file class @k. */
static size_t file_set_buffer(struct rng *r, uint8_t k, uint8_t *p)
{
	size_t i;

	switch (k) {
	case 4:					/* Basic */
		for (i = 0; i < 4; i++)
			smbc_put64(p + 8 * i, chance(r, 1, 2) ? 0 :
				   interesting(r, 8));
		smbc_put32(p + 32, (uint32_t)(chance(r, 1, 2) ?
			   PICK(r, ((const uint32_t[]){ 0x80, 0x20, 1, 2,
				0x10 })) : rnd64(r)));
		smbc_put32(p + 36, 0);
		return 40;
	case 10: case 11: case 65: case 72:	/* Rename, Link, ...Ex */
		return rename_info(r, p);
	case 13: case 64:			/* Disposition (Ex) */
		smbc_put32(p, (uint32_t)rnd(r, 0x20));
		return k == 13 ? 1 : 4;
	case 14: case 19: case 20: case 39:	/* Position, Allocation,
						 * EndOfFile, ValidDataLength */
		smbc_put64(p, chance(r, 2, 3) ? rnd(r, 1 << 20) :
			   interesting(r, 8));
		return 8;
	case 16:				/* Mode */
		smbc_put32(p, (uint32_t)interesting(r, 4));
		return 4;
	case 15:				/* FullEa */
		return gen_ea_list(r, p, 4096);
	case 40:				/* ShortName */
		smbc_put32(p, 8);
		memcpy(p + 4, "S\0H\0O\0R\0", 8);
		return 12;
	default:
		i = rnd(r, 128);
		rnd_bytes(r, p, i);
		return i;
	}
}

static uint8_t pick_file_class(struct rng *r)
{
	return (uint8_t)(chance(r, 15, 16) ? rnd(r, 80) : rnd(r, 256));
}

int gen_query_info(struct fz *f, struct smbc_fid fid, bool related)
{
	uint8_t type = (uint8_t)(chance(&f->r, 15, 16) ? 1 + rnd(&f->r, 4) :
				 rnd(&f->r, 256));
	uint8_t klass = type == 2 ? (uint8_t)rnd(&f->r, 16) :
			pick_file_class(&f->r);
	uint32_t out = chance(&f->r, 3, 4) ? PICK(&f->r, ((const uint32_t[])
		{ 0, 1, 7, 8, 24, 40, 64, 100, 1024, 4096, 65536 })) :
		(uint32_t)interesting(&f->r, 4);
	uint32_t addl = 0, in_len = 0;

	(void)related;
	if (type == 3)
		addl = chance(&f->r, 3, 4) ? rnd(&f->r, 0x80) :
		       (uint32_t)rnd64(&f->r);
	if (type == 1 && klass == 15 && chance(&f->r, 1, 2)) {
		/* FILE_GET_EA_INFORMATION list */
		buf[0] = buf[1] = buf[2] = buf[3] = 0;
		buf[4] = 3;
		memcpy(buf + 5, "AAA", 4);
		in_len = 9;
	} else if (type == 4) {
		/* SMB2_QUERY_QUOTA_INFO with a SID list */
		memset(buf, 0, 16);
		buf[0] = (uint8_t)rnd(&f->r, 2);
		buf[1] = (uint8_t)rnd(&f->r, 2);
		smbc_put32(buf + 16, 0);
		in_len = 16 + 8 + (uint32_t)put_sid(&f->r, buf + 24);
		smbc_put32(buf + 4, in_len - 16);
		smbc_put32(buf + 20, in_len - 24);
		if (chance(&f->r, 1, 4))
			smbc_put32(buf + 4 * rnd(&f->r, 4),
				   (uint32_t)interesting(&f->r, 4));
	} else if (chance(&f->r, 1, 16)) {
		in_len = rnd(&f->r, 256);
		rnd_bytes(&f->r, buf, in_len);
	}
	if (smbc_add_query_info(&f->c, &f->m, fid, type, klass, out, addl,
				buf, in_len))
		return -1;
	if (chance(&f->r, 1, 8))	/* Flags: RESTART_SCAN etc. */
		smbc_put32(smbc_msg_hdr(&f->m, f->m.n - 1) + 64 + 20,
			   rnd(&f->r, 8));
	return 0;
}

int gen_set_info(struct fz *f, struct smbc_fid fid)
{
	uint8_t type = (uint8_t)(chance(&f->r, 15, 16) ? 1 + rnd(&f->r, 4) :
				 rnd(&f->r, 256));
	uint8_t klass = type == 2 ? (uint8_t)rnd(&f->r, 16) :
			pick_file_class(&f->r);
	uint32_t addl = 0;
	size_t len;

	if (type == 1) {
		len = file_set_buffer(&f->r, klass, buf);
	} else if (type == 3) {
		addl = chance(&f->r, 3, 4) ? rnd(&f->r, 16) :
		       (uint32_t)rnd64(&f->r);
		len = gen_security_descriptor(&f->r, buf, sizeof(buf));
	} else {
		len = rnd(&f->r, 256);
		rnd_bytes(&f->r, buf, len);
	}
	if (chance(&f->r, 1, 8))
		len = rnd(&f->r, (uint32_t)len + 16);
	return smbc_add_set_info(&f->c, &f->m, fid, type, klass, addl, buf,
				 (uint32_t)len);
}

int gen_query_directory(struct fz *f, struct smbc_fid fid)
{
	static const char *const pat[] = { "*", "*.txt", "a*", "?.txt",
					   "<", ">", "\"", "a.txt", "", "nope",
					   "*.*", "d1", "..", "\\", "**" };
	uint8_t klass = (uint8_t)(chance(&f->r, 3, 4) ?
				  PICK(&f->r, ((const uint8_t[]){ 1, 2, 3, 12,
				       37, 38, 60, 63, 50 })) :
				  pick_file_class(&f->r));
	uint32_t out = chance(&f->r, 3, 4) ? PICK(&f->r, ((const uint32_t[])
		{ 0, 1, 64, 100, 4096, 65536, 1 << 20 })) :
		(uint32_t)interesting(&f->r, 4);

	if (f->ndirs && chance(&f->r, 3, 4) && fid.persistent != UINT64_MAX)
		fid = f->dirs[rnd(&f->r, (uint32_t)f->ndirs)];
	if (smbc_add_query_directory(&f->c, &f->m, fid, klass,
				     (uint8_t)(chance(&f->r, 3, 4) ?
				     rnd(&f->r, 0x20) : rnd64(&f->r)),
				     PICK(&f->r, pat), out))
		return -1;
	if (chance(&f->r, 1, 8))
		smbc_put32(smbc_msg_hdr(&f->m, f->m.n - 1) + 64 + 4,
			   (uint32_t)interesting(&f->r, 4));	/* FileIndex */
	return 0;
}

static const uint32_t fsctls[] = {
	0x00060194, 0x000601B0, 0x0009003C, 0x00090060, 0x00090064,
	0x00090073, 0x00090098, 0x0009009C, 0x000900A0, 0x000900A4,
	0x000900A8, 0x000900AC, 0x000900BC, 0x000900C0, 0x000900C4,
	0x000900D7, 0x000900DB, 0x000900EB, 0x000900EF, 0x000900FC,
	0x00090100, 0x00090117, 0x0009013C, 0x00090138, 0x00090194,
	0x000901B4, 0x0009027C, 0x00090284, 0x000902D8, 0x00090300,
	0x00090304, 0x00090350, 0x00090364, 0x00090380, 0x000903D3,
	0x0009042B, 0x00090440, 0x0009002C, 0x0009008F, 0x00090058,
	0x000940CF, 0x00094264, 0x000980C8, 0x00098134, 0x00098208,
	0x00098268, 0x00098344, 0x000983E8, 0x0009C040, 0x0009C280,
	0x0011400C, 0x00110018, 0x0011C017, 0x00140078, 0x001400EC,
	0x001401D4, 0x001401FC, 0x00140204, 0x00144064, 0x001440F2,
	0x001441BB, 0x001480F2,
};

/* Input for the FSCTLs whose input has a structure we know. */
static size_t ioctl_input(struct fz *f, uint32_t ctl, uint8_t *p)
{
	size_t n, i;

	switch (ctl) {
	case 0x00140204:			/* VALIDATE_NEGOTIATE_INFO */
		/* what we negotiated (a mismatch ends the connection) */
		smbc_put32(p, 0x7);
		memcpy(p + 4, f->c.client_guid, 16);
		smbc_put16(p + 20, 1);
		smbc_put16(p + 22, 1);
		smbc_put16(p + 24, f->c.dialect);
		if (chance(&f->r, 7, 8))
			return 26;
		n = rnd(&f->r, 6);
		smbc_put16(p + 22, (uint16_t)(chance(&f->r, 7, 8) ? n :
			   interesting(&f->r, 2)));
		for (i = 0; i < n; i++)
			smbc_put16(p + 24 + 2 * i, PICK(&f->r, ((const uint16_t[])
				   { 0x202, 0x210, 0x300, 0x302, 0x311 })));
		return 24 + 2 * n;
	case 0x001440F2: case 0x001480F2: {	/* SRV_COPYCHUNK(_WRITE) */
		rnd_bytes(&f->r, p, 24);	/* SourceKey */
		n = rnd(&f->r, 20);
		smbc_put32(p + 24, (uint32_t)(chance(&f->r, 7, 8) ? n :
			   interesting(&f->r, 4)));
		smbc_put32(p + 28, 0);
		for (i = 0; i < n; i++) {
			smbc_put64(p + 32 + 24 * i, interesting(&f->r, 8) & 0xFFFFF);
			smbc_put64(p + 40 + 24 * i, rnd(&f->r, 1 << 20));
			smbc_put32(p + 48 + 24 * i, (uint32_t)interesting(&f->r, 4));
			smbc_put32(p + 52 + 24 * i, 0);
		}
		return 32 + 24 * n;
	}
	case 0x000980C8: case 0x000940CF:	/* SET_ZERO_DATA, ranges */
		smbc_put64(p, interesting(&f->r, 8));
		smbc_put64(p + 8, interesting(&f->r, 8));
		return 16;
	case 0x000900C4:			/* SET_SPARSE */
		p[0] = (uint8_t)rnd(&f->r, 3);
		return rnd(&f->r, 2);
	case 0x0011C017:			/* PIPE_TRANSCEIVE */
		return gen_rpc_pdu(&f->r, p, 4096);
	case 0x00060194: case 0x000601B0: {	/* DFS referrals */
		long l;

		smbc_put16(p, (uint16_t)rnd(&f->r, 5));
		l = smbc_utf16("\\127.0.0.1\\share\\nf", p + 2, 200);
		return 2 + (size_t)(l < 0 ? 0 : l) + 2;
	}
	default:
		n = chance(&f->r, 1, 2) ? 0 : rnd(&f->r, 512);
		rnd_bytes(&f->r, p, n);
		return n;
	}
}

int gen_ioctl(struct fz *f, struct smbc_fid fid)
{
	uint32_t ctl = chance(&f->r, 7, 8) ? PICK(&f->r, fsctls) :
		       (uint32_t)rnd64(&f->r);
	uint32_t out = chance(&f->r, 3, 4) ? PICK(&f->r, ((const uint32_t[])
		{ 0, 8, 24, 1024, 4096, 65536, 65535 })) :
		(uint32_t)interesting(&f->r, 4);
	size_t in;

	/* 3.1.1 must not send it at all: the server disconnects */
	while (ctl == 0x00140204 && f->c.dialect == SMBC_D311 &&
	       !chance(&f->r, 1, 16))
		ctl = PICK(&f->r, fsctls);
	if (ctl == 0x0011C017 && f->npipes && chance(&f->r, 3, 4)) {
		fid = f->pipes[rnd(&f->r, (uint32_t)f->npipes)];
		f->c.tree_id = f->tid_ipc;
	}
	if (ctl == 0x00140204 || ctl == 0x001401FC)
		fid = (struct smbc_fid){ UINT64_MAX, UINT64_MAX };
	in = ioctl_input(f, ctl, buf);
	return smbc_add_ioctl(&f->c, &f->m, fid, ctl, buf, (uint32_t)in, out,
			      chance(&f->r, 15, 16) ? 1 : (uint32_t)rnd64(&f->r));
}
