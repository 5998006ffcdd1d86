// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 CREATE contexts (create_ctx.h).
 */
#include "create_ctx.h"

/* 2.2.13.2: the context header */
#define CTX_HDR_SIZE	16

/* SMB 3.1.1 POSIX extensions create context name */
static const u8 posix_name[16] = {
	0x93, 0xAD, 0x25, 0x50, 0x9C, 0xB4, 0x11, 0xE7,
	0xB4, 0x23, 0x83, 0xDE, 0x96, 0x8B, 0xCD, 0x7C,
};

/* SVHDX_OPEN_DEVICE_CONTEXT-style GUID name of AppInstanceId (2.2.13.2.13) */
static const u8 appid_name[16] = {
	0x45, 0xBC, 0xA6, 0x6A, 0xEF, 0xA7, 0xF7, 0x4A,
	0x90, 0x08, 0xFA, 0x46, 0x2E, 0x14, 0x4D, 0x74,
};

struct ctx_name {
	const char *tag;		/* 4-byte names */
	const u8 *guid;			/* 16-byte names */
	size_t off;			/* field in struct smb2_create_ctxs */
};

#define CTX(t, f) { t, NULL, offsetof(struct smb2_create_ctxs, f) }

static const struct ctx_name ctx_names[] = {
	CTX("MxAc", mxac), CTX("QFid", qfid), CTX("RqLs", rqls),
	CTX("DHnQ", dhnq), CTX("DHnC", dhnc), CTX("DH2Q", dh2q),
	CTX("DH2C", dh2c), CTX("ExtA", exta), CTX("SecD", secd),
	CTX("AlSi", alsi), CTX("TWrp", twrp),
	{ NULL, posix_name, offsetof(struct smb2_create_ctxs, posix) },
	{ NULL, appid_name, offsetof(struct smb2_create_ctxs, appid) },
};

static struct smb2_ctx_data *ctx_slot(struct smb2_create_ctxs *out,
				      const u8 *name, u16 nlen)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ctx_names); i++) {
		const struct ctx_name *n = &ctx_names[i];

		if ((n->tag && nlen == 4 && !memcmp(name, n->tag, 4)) ||
		    (n->guid && nlen == 16 && !memcmp(name, n->guid, 16)))
			return (struct smb2_ctx_data *)((u8 *)out + n->off);
	}
	return NULL;
}

int smb2_parse_create_contexts(const u8 *buf, u32 len,
			       struct smb2_create_ctxs *out)
{
	u32 pos = 0;

	memset(out, 0, sizeof(*out));
	if (!len)
		return 0;
	for (;;) {
		const u8 *c = buf + pos;
		u32 next, size, doff, dlen;
		u16 noff, nlen;
		struct smb2_ctx_data *slot;

		if (len - pos < CTX_HDR_SIZE)
			return -EINVAL;
		next = get_unaligned_le32(c);
		noff = get_unaligned_le16(c + 4);
		nlen = get_unaligned_le16(c + 6);
		doff = get_unaligned_le16(c + 10);
		dlen = get_unaligned_le32(c + 12);
		if (next && ((next & 7) || next < CTX_HDR_SIZE ||
			     next > len - pos))
			return -EINVAL;
		size = next ? next : len - pos;
		if (nlen < 4 || !wire_range_ok(size, noff, nlen))
			return -EINVAL;
		if (dlen && !wire_range_ok(size, doff, dlen))
			return -EINVAL;
		slot = ctx_slot(out, c + noff, nlen);
		if (!slot)
			out->unknown++;
		else if (!slot->present) {
			slot->present = true;
			slot->p = dlen ? c + doff : NULL;
			slot->len = dlen;
		}
		if (!next)
			return 0;
		pos += next;
	}
}

int smb2_parse_lease_ctx(const struct smb2_ctx_data *d,
			 struct smb2_lease_req *out)
{
	memset(out, 0, sizeof(*out));
	if (!d->present || (d->len != 32 && d->len != 52))
		return -EINVAL;
	memcpy(out->key, d->p, 16);
	out->state = get_unaligned_le32(d->p + 16);
	out->flags = get_unaligned_le32(d->p + 20);
	out->version = 1;
	if (d->len == 52) {
		memcpy(out->parent_key, d->p + 32, 16);
		out->epoch = get_unaligned_le16(d->p + 48);
		out->version = 2;
	}
	return 0;
}

/* 2.2.13.2.11: Timeout, Flags, Reserved (8), CreateGuid */
int smb2_parse_dh2q(const struct smb2_ctx_data *d,
		    struct smb2_durable_req *out)
{
	memset(out, 0, sizeof(*out));
	if (!d->present || d->len != 32)
		return -EINVAL;
	out->timeout_ms = get_unaligned_le32(d->p);
	out->flags = get_unaligned_le32(d->p + 4);
	memcpy(out->create_guid, d->p + 16, 16);
	return 0;
}

/* 2.2.13.2.4: FileId (16) */
int smb2_parse_dhnc(const struct smb2_ctx_data *d,
		    struct smb2_durable_req *out)
{
	memset(out, 0, sizeof(*out));
	if (!d->present || d->len != 16)
		return -EINVAL;
	out->persistent_id = get_unaligned_le64(d->p);
	out->volatile_id = get_unaligned_le64(d->p + 8);
	return 0;
}

/* 2.2.13.2.12: FileId (16), CreateGuid (16), Flags (4) */
int smb2_parse_dh2c(const struct smb2_ctx_data *d,
		    struct smb2_durable_req *out)
{
	memset(out, 0, sizeof(*out));
	if (!d->present || d->len != 36)
		return -EINVAL;
	out->persistent_id = get_unaligned_le64(d->p);
	out->volatile_id = get_unaligned_le64(d->p + 8);
	memcpy(out->create_guid, d->p + 16, 16);
	out->flags = get_unaligned_le32(d->p + 32);
	return 0;
}
