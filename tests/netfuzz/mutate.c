// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netfuzz mutations: structure-aware (header fields, the offset/length
 * fields of each request body, StructureSize) and byte-level havoc (bit
 * flips, random bytes, truncation, extension), plus frame-level
 * NextCommand damage.
 */
#include "netfuzz.h"

#include <string.h>

struct field {
	uint8_t off, width;
};

/* Offset/length/count fields of each request body (MS-SMB2 2.2.x). */
static const struct field body_fields[SMBC_NR_COMMANDS][6] = {
	[SMBC_NEGOTIATE] = { { 2, 2 }, { 28, 4 }, { 32, 2 }, { 4, 2 } },
	[SMBC_SESSION_SETUP] = { { 12, 2 }, { 14, 2 }, { 2, 1 },
				 { 16, 8 } },
	[SMBC_TREE_CONNECT] = { { 4, 2 }, { 6, 2 }, { 2, 2 } },
	[SMBC_CREATE] = { { 44, 2 }, { 46, 2 }, { 48, 4 }, { 52, 4 },
			  { 3, 1 }, { 36, 4 } },
	[SMBC_CLOSE] = { { 2, 2 }, { 8, 8 }, { 16, 8 } },
	[SMBC_FLUSH] = { { 8, 8 }, { 16, 8 } },
	[SMBC_READ] = { { 4, 4 }, { 8, 8 }, { 44, 2 }, { 46, 2 }, { 32, 4 },
			{ 2, 1 } },
	[SMBC_WRITE] = { { 2, 2 }, { 4, 4 }, { 8, 8 }, { 40, 2 }, { 42, 2 },
			 { 44, 4 } },
	[SMBC_LOCK] = { { 2, 2 }, { 4, 4 }, { 24, 8 }, { 32, 8 },
			{ 40, 4 } },
	[SMBC_IOCTL] = { { 24, 4 }, { 28, 4 }, { 32, 4 }, { 36, 4 },
			 { 40, 4 }, { 44, 4 } },
	[SMBC_CANCEL] = { { 2, 2 } },
	[SMBC_ECHO] = { { 2, 2 } },
	[SMBC_QUERY_DIRECTORY] = { { 24, 2 }, { 26, 2 }, { 28, 4 }, { 2, 1 },
				   { 3, 1 }, { 4, 4 } },
	[SMBC_CHANGE_NOTIFY] = { { 4, 4 }, { 2, 2 }, { 24, 4 } },
	[SMBC_QUERY_INFO] = { { 4, 4 }, { 8, 2 }, { 12, 4 }, { 2, 1 },
			      { 3, 1 }, { 16, 4 } },
	[SMBC_SET_INFO] = { { 4, 4 }, { 8, 2 }, { 2, 1 }, { 3, 1 },
			    { 12, 4 } },
	[SMBC_OPLOCK_BREAK] = { { 2, 1 }, { 8, 8 } },
};

static const struct field hdr_fields[] = {
	{ SMBC_HO_STRUCTSIZE, 2 }, { SMBC_HO_CHARGE, 2 },
	{ SMBC_HO_STATUS, 4 }, { SMBC_HO_COMMAND, 2 },
	{ SMBC_HO_CREDITS, 2 }, { SMBC_HO_FLAGS, 4 }, { SMBC_HO_MID, 8 },
	{ SMBC_HO_PID, 4 }, { SMBC_HO_TID, 4 }, { SMBC_HO_ASYNCID, 8 },
	{ SMBC_HO_SID, 8 }, { SMBC_HO_SIG, 8 },
};

static void put_width(uint8_t *p, int width, uint64_t v)
{
	switch (width) {
	case 1: p[0] = (uint8_t)v; break;
	case 2: smbc_put16(p, (uint16_t)v); break;
	case 4: smbc_put32(p, (uint32_t)v); break;
	default: smbc_put64(p, v); break;
	}
}

static uint64_t get_width(const uint8_t *p, int width)
{
	switch (width) {
	case 1: return p[0];
	case 2: return smbc_get16(p);
	case 4: return smbc_get32(p);
	default: return smbc_get64(p);
	}
}

/* A new value for a field: interesting, off by a little, or random. */
static uint64_t new_value(struct rng *r, uint64_t old, int width)
{
	switch (rnd(r, 4)) {
	case 0: return old + 1 + rnd(r, 8);
	case 1: return old - 1 - rnd(r, 8);
	case 2: return old ^ (1ull << rnd(r, (uint32_t)width * 8));
	default: return interesting(r, width);
	}
}

static void mutate_field(struct rng *r, uint8_t *p, size_t room,
			 struct field f)
{
	if ((size_t)f.off + f.width > room)
		return;
	put_width(p + f.off, f.width,
		  new_value(r, get_width(p + f.off, f.width), f.width));
}

static void mutate_header(struct rng *r, uint8_t *h)
{
	struct field f = PICK(r, hdr_fields);

	/* a bad header StructureSize ends the connection: keep it rare */
	if (f.off == SMBC_HO_STRUCTSIZE && !chance(r, 1, 8))
		f = (struct field){ SMBC_HO_CREDITS, 2 };

	if (f.off == SMBC_HO_FLAGS && chance(r, 3, 4)) {
		smbc_put32(h + f.off, smbc_get32(h + f.off) ^
			   PICK(r, ((const uint32_t[]){ 1, 2, 4, 8, 0x70,
				0x10000000, 0x20000000, 0x80000000 })));
		return;
	}
	mutate_field(r, h, SMBC_HDR_SIZE, f);
}

/* Bit flips and random bytes inside [p, p + len). */
static void havoc_in_place(struct rng *r, uint8_t *p, size_t len)
{
	unsigned int n = 1 + rnd(r, 8), i;

	if (!len)
		return;
	for (i = 0; i < n; i++) {
		size_t at = rnd(r, (uint32_t)len);

		if (chance(r, 1, 2))
			p[at] ^= (uint8_t)(1u << rnd(r, 8));
		else
			p[at] = (uint8_t)rnd64(r);
	}
}

static size_t member_len(const struct smbc_msg *m, unsigned int i)
{
	return (i + 1 < m->n ? m->off[i + 1] : m->len) - m->off[i];
}

void mutate_member(struct rng *r, struct smbc_msg *m, unsigned int i)
{
	uint8_t *h = m->buf + m->off[i];
	size_t len = member_len(m, i);
	uint16_t cmd = smbc_get16(h + SMBC_HO_COMMAND);
	const struct field *bf;
	unsigned int nb = 0;

	if (len < SMBC_HDR_SIZE)
		return;
	if (cmd < SMBC_NR_COMMANDS)
		for (bf = body_fields[cmd]; nb < 6 && bf[nb].width; nb++)
			;
	switch (rnd(r, 10)) {
	case 0: case 1:
		mutate_header(r, h);
		break;
	case 2: case 3: case 4:
		if (nb)
			mutate_field(r, h + SMBC_HDR_SIZE, len - SMBC_HDR_SIZE,
				     body_fields[cmd][rnd(r, nb)]);
		break;
	case 5:				/* body StructureSize */
		mutate_field(r, h + SMBC_HDR_SIZE, len - SMBC_HDR_SIZE,
			     (struct field){ 0, 2 });
		break;
	case 6: case 7:			/* havoc in the body */
		havoc_in_place(r, h + SMBC_HDR_SIZE, len - SMBC_HDR_SIZE);
		break;
	case 8:				/* havoc in the header too */
		if (chance(r, 1, 8))
			havoc_in_place(r, h + 4, len - 4);
		else
			havoc_in_place(r, h + 24, len - 24);
		break;
	default:			/* change the length (last only) */
		if (i + 1 != m->n)
			break;
		if (chance(r, 1, 2)) {
			size_t keep = chance(r, 1, 8) ? 0 : SMBC_HDR_SIZE;

			m->len = m->off[i] + keep +
				 rnd(r, (uint32_t)(len - keep) + 1);
		} else {
			size_t add = rnd(r, 256);
			uint8_t *p = smbc_append(m, NULL, add);

			if (p)
				rnd_bytes(r, p, add);
		}
	}
}

void link_frame(struct smbc_msg *m)
{
	unsigned int i;

	for (i = 0; i < m->n; i++) {
		if (member_len(m, i) < SMBC_HDR_SIZE)
			continue;
		smbc_put32(m->buf + m->off[i] + SMBC_HO_NEXT, i + 1 < m->n ?
			   (uint32_t)member_len(m, i) : 0);
	}
}

void mutate_frame(struct rng *r, struct smbc_msg *m)
{
	unsigned int i = rnd(r, m->n);
	uint8_t *h = m->buf + m->off[i];

	link_frame(m);
	m->no_link = true;
	if (member_len(m, i) < SMBC_HDR_SIZE)
		return;
	switch (rnd(r, 4)) {
	case 0:
		smbc_put32(h + SMBC_HO_NEXT, (uint32_t)interesting(r, 4));
		break;
	case 1:
		smbc_put32(h + SMBC_HO_NEXT, smbc_get32(h + SMBC_HO_NEXT) +
			   (uint32_t)(8 * rnd(r, 4)) - 8);
		break;
	case 2:		/* misaligned: not a multiple of 8 */
		smbc_put32(h + SMBC_HO_NEXT, smbc_get32(h + SMBC_HO_NEXT) +
			   1 + rnd(r, 7));
		break;
	default:	/* truncate the frame inside a member */
		m->len = m->off[i] + rnd(r, (uint32_t)member_len(m, i));
		m->n = i + 1;
		break;
	}
}
