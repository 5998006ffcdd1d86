// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reparse data buffers, the symbolic link error response and the WSL
 * extended attributes (see reparse.h).
 */
#include "reparse.h"

#define NFS_TYPE_SIZE	8
#define LX_SYMLINK_VERSION	2
#define EA_FIXED	8	/* NextEntryOffset, Flags, NameLength, ValueLength */

u32 reparse_buf_tag(const u8 *buf, size_t len)
{
	return len >= 4 ? get_unaligned_le32(buf) : 0;
}

static int parse_symlink(const u8 *d, size_t dlen, struct reparse_data *out)
{
	u16 soff, slen;

	if (dlen < REPARSE_SYMLINK_FIXED)
		return -EINVAL;
	soff = get_unaligned_le16(d);
	slen = get_unaligned_le16(d + 2);
	/* the print name is for display only: it must merely be inside */
	if (!wire_range_ok(dlen - REPARSE_SYMLINK_FIXED, soff, slen) ||
	    !wire_range_ok(dlen - REPARSE_SYMLINK_FIXED,
			   get_unaligned_le16(d + 4),
			   get_unaligned_le16(d + 6)))
		return -EINVAL;
	if (!slen || (slen & 1))
		return -EINVAL;
	out->kind = REPARSE_KIND_SYMLINK;
	out->target = d + REPARSE_SYMLINK_FIXED + soff;
	out->target_len = slen;
	out->relative = get_unaligned_le32(d + 8) & SYMLINK_FLAG_RELATIVE;
	return 0;
}

static int parse_nfs(const u8 *d, size_t dlen, struct reparse_data *out)
{
	size_t rest;
	u64 type;

	if (dlen < NFS_TYPE_SIZE)
		return -EINVAL;
	type = get_unaligned_le64(d);
	rest = dlen - NFS_TYPE_SIZE;
	d += NFS_TYPE_SIZE;
	switch (type) {
	case NFS_SPECFILE_LNK:
		if (!rest || (rest & 1))
			return -EINVAL;
		out->kind = REPARSE_KIND_SYMLINK;
		out->target = d;
		out->target_len = rest;
		out->posix_target = true;
		return 0;
	case NFS_SPECFILE_CHR:
	case NFS_SPECFILE_BLK:
		if (rest != 8)
			return -EINVAL;
		out->kind = type == NFS_SPECFILE_CHR ? REPARSE_KIND_CHR :
						       REPARSE_KIND_BLK;
		out->has_dev = true;
		out->major = get_unaligned_le32(d);
		out->minor = get_unaligned_le32(d + 4);
		return 0;
	case NFS_SPECFILE_FIFO:
	case NFS_SPECFILE_SOCK:
		if (rest)
			return -EINVAL;
		out->kind = type == NFS_SPECFILE_FIFO ? REPARSE_KIND_FIFO :
							REPARSE_KIND_SOCK;
		return 0;
	}
	return -EOPNOTSUPP;
}

static int parse_lx(u32 tag, const u8 *d, size_t dlen,
		    struct reparse_data *out)
{
	if (tag == IO_REPARSE_TAG_LX_SYMLINK) {
		if (dlen <= 4 || get_unaligned_le32(d) != LX_SYMLINK_VERSION)
			return -EINVAL;
		out->kind = REPARSE_KIND_SYMLINK;
		out->target = d + 4;
		out->target_len = dlen - 4;
		out->target_utf8 = true;
		out->posix_target = true;
		return 0;
	}
	if (dlen)
		return -EINVAL;
	switch (tag) {
	case IO_REPARSE_TAG_LX_FIFO:
		out->kind = REPARSE_KIND_FIFO;
		break;
	case IO_REPARSE_TAG_AF_UNIX:
		out->kind = REPARSE_KIND_SOCK;
		break;
	case IO_REPARSE_TAG_LX_CHR:
		out->kind = REPARSE_KIND_CHR;
		break;
	default:
		out->kind = REPARSE_KIND_BLK;
	}
	return 0;
}

int reparse_parse(const u8 *buf, size_t len, struct reparse_data *out)
{
	size_t dlen;
	u32 tag;

	memset(out, 0, sizeof(*out));
	if (len < REPARSE_HDR_SIZE || len > REPARSE_MAX_SIZE)
		return -EINVAL;
	tag = get_unaligned_le32(buf);
	dlen = get_unaligned_le16(buf + 4);
	/* MS-FSA 2.1.5.10.37: the data length must account for the buffer */
	if (dlen != len - REPARSE_HDR_SIZE)
		return -EINVAL;
	out->tag = tag;
	buf += REPARSE_HDR_SIZE;
	switch (tag) {
	case IO_REPARSE_TAG_SYMLINK:
		return parse_symlink(buf, dlen, out);
	case IO_REPARSE_TAG_NFS:
		return parse_nfs(buf, dlen, out);
	case IO_REPARSE_TAG_LX_SYMLINK:
	case IO_REPARSE_TAG_LX_FIFO:
	case IO_REPARSE_TAG_LX_CHR:
	case IO_REPARSE_TAG_LX_BLK:
	case IO_REPARSE_TAG_AF_UNIX:
		return parse_lx(tag, buf, dlen, out);
	}
	return -EOPNOTSUPP;
}

int reparse_build_symlink(u8 *out, size_t room, const u8 *target,
			  size_t tlen, bool relative)
{
	size_t total = REPARSE_HDR_SIZE + REPARSE_SYMLINK_FIXED + 2 * tlen;

	if (!tlen || (tlen & 1) || total > REPARSE_MAX_SIZE)
		return -EINVAL;
	if (total > room)
		return -ENOSPC;
	put_unaligned_le32(IO_REPARSE_TAG_SYMLINK, out);
	put_unaligned_le16(total - REPARSE_HDR_SIZE, out + 4);
	put_unaligned_le16(0, out + 6);
	put_unaligned_le16(0, out + 8);			/* substitute */
	put_unaligned_le16(tlen, out + 10);
	put_unaligned_le16(tlen, out + 12);		/* print */
	put_unaligned_le16(tlen, out + 14);
	put_unaligned_le32(relative ? SYMLINK_FLAG_RELATIVE : 0, out + 16);
	memcpy(out + 20, target, tlen);
	memcpy(out + 20 + tlen, target, tlen);
	return total;
}

int reparse_build_nfs(u8 *out, size_t room, enum reparse_kind kind,
		      u32 major, u32 minor)
{
	size_t total = REPARSE_HDR_SIZE + NFS_TYPE_SIZE;
	u64 type;

	switch (kind) {
	case REPARSE_KIND_FIFO:
		type = NFS_SPECFILE_FIFO;
		break;
	case REPARSE_KIND_SOCK:
		type = NFS_SPECFILE_SOCK;
		break;
	case REPARSE_KIND_CHR:
		type = NFS_SPECFILE_CHR;
		total += 8;
		break;
	case REPARSE_KIND_BLK:
		type = NFS_SPECFILE_BLK;
		total += 8;
		break;
	default:
		return -EINVAL;
	}
	if (total > room)
		return -ENOSPC;
	put_unaligned_le32(IO_REPARSE_TAG_NFS, out);
	put_unaligned_le16(total - REPARSE_HDR_SIZE, out + 4);
	put_unaligned_le16(0, out + 6);
	put_unaligned_le64(type, out + 8);
	if (total > REPARSE_HDR_SIZE + NFS_TYPE_SIZE) {
		put_unaligned_le32(major, out + 16);
		put_unaligned_le32(minor, out + 20);
	}
	return total;
}

int smb2_build_symlink_error(u8 *out, size_t room, const u8 *target,
			     size_t tlen, u16 unparsed, bool relative,
			     bool ctx311)
{
	size_t hdr = ctx311 ? ERROR_CTX_HDR_SIZE : 0;
	size_t names = 2 * tlen, sym, total;
	u8 *s;

	if (!tlen || (tlen & 1) || tlen > 0x7FFF)
		return -EINVAL;
	/* the print name is optional: drop it when both do not fit */
	if (hdr + SYMLINK_ERR_FIXED + names > room)
		names = tlen;
	sym = SYMLINK_ERR_FIXED + names;
	total = hdr + sym;
	if (ctx311)
		total = ALIGN(total, 8);
	if (total > room)
		return -ENOSPC;
	memset(out, 0, total);
	if (ctx311) {
		put_unaligned_le32(sym, out);	/* ErrorDataLength */
		put_unaligned_le32(0, out + 4);	/* SMB2_ERROR_ID_DEFAULT */
	}
	s = out + hdr;
	put_unaligned_le32(sym - 4, s);			/* SymLinkLength */
	put_unaligned_le32(SYMLINK_ERROR_TAG, s + 4);
	put_unaligned_le32(IO_REPARSE_TAG_SYMLINK, s + 8);
	put_unaligned_le16(sym - 16, s + 12);		/* ReparseDataLength */
	put_unaligned_le16(unparsed, s + 14);
	put_unaligned_le16(0, s + 16);			/* substitute */
	put_unaligned_le16(tlen, s + 18);
	put_unaligned_le16(names > tlen ? tlen : 0, s + 20);	/* print */
	put_unaligned_le16(names > tlen ? tlen : 0, s + 22);
	put_unaligned_le32(relative ? SYMLINK_FLAG_RELATIVE : 0, s + 24);
	memcpy(s + SYMLINK_ERR_FIXED, target, tlen);
	if (names > tlen)
		memcpy(s + SYMLINK_ERR_FIXED + tlen, target, tlen);
	return total;
}

static bool ea_name_is(const u8 *name, u8 nlen, const char *want)
{
	return nlen == strlen(want) && !memcmp(name, want, nlen);
}

static int wsl_pick(const u8 *name, u8 nlen, const u8 *v, u16 vlen,
		    struct wsl_eas *out)
{
	u32 *dst = NULL;
	bool *flag = NULL;

	if (ea_name_is(name, nlen, "$LXDEV")) {
		if (vlen != 8)
			return -EINVAL;
		out->major = get_unaligned_le32(v);
		out->minor = get_unaligned_le32(v + 4);
		out->has_dev = true;
		return 0;
	}
	if (ea_name_is(name, nlen, "$LXMOD")) {
		dst = &out->mode;
		flag = &out->has_mode;
	} else if (ea_name_is(name, nlen, "$LXUID")) {
		dst = &out->uid;
		flag = &out->has_uid;
	} else if (ea_name_is(name, nlen, "$LXGID")) {
		dst = &out->gid;
		flag = &out->has_gid;
	} else {
		return 0;
	}
	if (vlen != 4)
		return -EINVAL;
	*dst = get_unaligned_le32(v);
	*flag = true;
	return 0;
}

int wsl_parse_eas(const u8 *buf, size_t len, struct wsl_eas *out)
{
	size_t pos = 0, size;
	u32 next;
	u16 vlen;
	u8 nlen;
	int rc;

	memset(out, 0, sizeof(*out));
	for (;;) {
		if (!wire_range_ok(len, pos, EA_FIXED))
			return -EINVAL;
		next = get_unaligned_le32(buf + pos);
		nlen = buf[pos + 5];
		vlen = get_unaligned_le16(buf + pos + 6);
		if (next & 3)
			return -EINVAL;
		size = next ? next : len - pos;
		if (next && next > len - pos)
			return -EINVAL;
		/* name, its NUL, the value: all inside this entry */
		if ((size_t)EA_FIXED + nlen + 1 + vlen > size)
			return -EINVAL;
		if (buf[pos + EA_FIXED + nlen] != 0)
			return -EINVAL;
		rc = wsl_pick(buf + pos + EA_FIXED, nlen,
			      buf + pos + EA_FIXED + nlen + 1, vlen, out);
		if (rc)
			return rc;
		if (!next)
			return 0;
		pos += next;
	}
}
