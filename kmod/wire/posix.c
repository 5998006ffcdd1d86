// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB 3.1.1 POSIX extensions: create context and information level 100
 * encoding (see posix.h).
 */
#include "posix.h"

#ifndef U32_MAX
#define U32_MAX	0xFFFFFFFFu
#endif

const u8 smb2_posix_guid[SMB2_POSIX_GUID_SIZE] = {
	0x93, 0xAD, 0x25, 0x50, 0x9C, 0xB4, 0x11, 0xE7,
	0xB4, 0x23, 0x83, 0xDE, 0x96, 0x8B, 0xCD, 0x7C,
};

#define MODE_TYPE_SHIFT	12
#define PERM_MASK	07777u

u32 posix_mode_to_wire(u32 st_mode)
{
	u32 type;

	switch (st_mode & 0170000) {
	case 0040000:
		type = 1;
		break;
	case 0120000:
		type = 2;
		break;
	case 0020000:
		type = 3;
		break;
	case 0060000:
		type = 4;
		break;
	case 0010000:
		type = 5;
		break;
	case 0140000:
		type = 6;
		break;
	default:
		type = 0;
	}
	return (st_mode & PERM_MASK) | (type << MODE_TYPE_SHIFT);
}

int posix_parse_create_ctx(const u8 *data, size_t len, u32 *mode)
{
	u32 m;

	if (len < 4)
		return -EINVAL;
	m = get_unaligned_le32(data);
	*mode = (m & ~PERM_MASK) ? U32_MAX : m;
	return 0;
}

static void put_sid(u8 *p, u32 kind, u32 id)
{
	p[0] = 1;		/* revision */
	p[1] = 2;		/* sub-authorities */
	memset(p + 2, 0, 5);
	p[7] = 22;		/* S-1-22: Unix users and groups */
	put_unaligned_le32(kind, p + 8);
	put_unaligned_le32(id, p + 12);
}

/* HardLinks, ReparseTag, Mode, owner and group SIDs */
static void put_cc(u8 *p, const struct posix_attrs *a)
{
	put_unaligned_le32(a->nlink, p);
	put_unaligned_le32(a->reparse_tag, p + 4);
	put_unaligned_le32(posix_mode_to_wire(a->mode), p + 8);
	put_sid(p + 12, 1, a->uid);
	put_sid(p + 12 + POSIX_SID_SIZE, 2, a->gid);
}

int posix_build_cc_rsp(u8 *out, size_t room, const struct posix_attrs *a)
{
	if (room < POSIX_CC_RSP_SIZE)
		return -ENOSPC;
	put_cc(out, a);
	return POSIX_CC_RSP_SIZE;
}

/* The 80 bytes from CreationTime to Zero, then the context part */
static void put_info(u8 *p, const struct posix_attrs *a)
{
	put_unaligned_le64(a->ctime_nt, p);
	put_unaligned_le64(a->atime_nt, p + 8);
	put_unaligned_le64(a->mtime_nt, p + 16);
	put_unaligned_le64(a->chtime_nt, p + 24);
	put_unaligned_le64(a->size, p + 32);
	put_unaligned_le64(a->alloc, p + 40);
	put_unaligned_le32(a->attributes, p + 48);
	put_unaligned_le64(a->ino, p + 52);
	put_unaligned_le32(a->dev, p + 60);
	put_unaligned_le32(0, p + 64);
	put_cc(p + 68, a);
}

int posix_build_info(u8 *out, size_t room, const struct posix_attrs *a)
{
	size_t total = POSIX_INFO_FIXED - 12 + POSIX_CC_RSP_SIZE;

	if (room < total)
		return -ENOSPC;
	put_info(out, a);
	return total;
}

int posix_build_dirent(u8 *out, size_t room, const struct posix_attrs *a,
		       const u8 *name, size_t nbytes)
{
	size_t info = POSIX_INFO_FIXED - 12 + POSIX_CC_RSP_SIZE;
	size_t total = 8 + info + 4 + nbytes;

	if (!nbytes || room < total)
		return -ENOSPC;
	put_unaligned_le32(0, out);
	put_unaligned_le32(0, out + 4);
	put_info(out + 8, a);
	put_unaligned_le32(nbytes, out + 8 + info);
	memcpy(out + 12 + info, name, nbytes);
	return total;
}

#define SD_HDR_SIZE	20
#define SID_MIN_SIZE	8
#define ACL_HDR_SIZE	8
#define ACE_HDR_SIZE	8

/* Size of the SID at @off, or -EINVAL when it does not fit. */
static int sid_size(const u8 *b, size_t len, size_t off)
{
	size_t n;

	if (!wire_range_ok(len, off, SID_MIN_SIZE) || b[off] != 1)
		return -EINVAL;
	n = SID_MIN_SIZE + 4 * (size_t)b[off + 1];
	if (b[off + 1] > 15 || !wire_range_ok(len, off, n))
		return -EINVAL;
	return n;
}

/* S-1-<auth>-<sub0>-...: authority @auth with @n sub-authorities? */
static bool sid_is(const u8 *s, u8 auth, u8 n)
{
	return s[1] == n && !s[2] && !s[3] && !s[4] && !s[5] && !s[6] &&
	       s[7] == auth;
}

/*
 * A Unix SID: S-1-22-@kind-id (Samba's), or S-1-5-88-@kind-id (what the
 * cifs client sends with "idsfromsid"): its id in *@id.
 */
static int unix_sid(const u8 *b, size_t len, size_t off, u32 kind, u32 *id)
{
	const u8 *s = b + off;
	int n = sid_size(b, len, off);

	if (n < 0)
		return n;
	if (sid_is(s, 22, 2) && get_unaligned_le32(s + 8) == kind) {
		*id = get_unaligned_le32(s + 12);
		return 0;
	}
	if (sid_is(s, 5, 3) && get_unaligned_le32(s + 8) == 88 &&
	    get_unaligned_le32(s + 12) == kind) {
		*id = get_unaligned_le32(s + 16);
		return 0;
	}
	return -EOPNOTSUPP;
}

static int parse_dacl(const u8 *b, size_t len, size_t off,
		      struct posix_sd *out)
{
	size_t size, pos, asz;
	u16 count, i;
	int n;

	if (!wire_range_ok(len, off, ACL_HDR_SIZE))
		return -EINVAL;
	size = get_unaligned_le16(b + off + 2);
	count = get_unaligned_le16(b + off + 4);
	if (size < ACL_HDR_SIZE || !wire_range_ok(len, off, size))
		return -EINVAL;
	len = off + size;	/* the ACEs stay inside the ACL */
	pos = off + ACL_HDR_SIZE;
	for (i = 0; i < count; i++) {
		if (!wire_range_ok(len, pos, ACE_HDR_SIZE))
			return -EINVAL;
		asz = get_unaligned_le16(b + pos + 2);
		if (asz < ACE_HDR_SIZE + SID_MIN_SIZE ||
		    !wire_range_ok(len, pos, asz))
			return -EINVAL;
		n = sid_size(b, pos + asz, pos + ACE_HDR_SIZE);
		if (n < 0)
			return n;
		/* S-1-5-88-3-mode: the mode of the cifs client's chmod */
		if (sid_is(b + pos + ACE_HDR_SIZE, 5, 3) &&
		    get_unaligned_le32(b + pos + 16) == 88 &&
		    get_unaligned_le32(b + pos + 20) == 3) {
			out->mode = get_unaligned_le32(b + pos + 24) & PERM_MASK;
			out->has_mode = true;
		}
		pos += asz;
	}
	return 0;
}

int posix_parse_sd(const u8 *sd, size_t len, u32 secinfo,
		   struct posix_sd *out)
{
	u32 off;
	int rc;

	memset(out, 0, sizeof(*out));
	if (len < SD_HDR_SIZE || sd[0] != 1)
		return -EINVAL;
	off = get_unaligned_le32(sd + 4);
	if ((secinfo & SECINFO_OWNER_BIT) && off) {
		rc = unix_sid(sd, len, off, 1, &out->uid);
		if (rc)
			return rc;
		out->has_uid = true;
	}
	off = get_unaligned_le32(sd + 8);
	if ((secinfo & SECINFO_GROUP_BIT) && off) {
		rc = unix_sid(sd, len, off, 2, &out->gid);
		if (rc)
			return rc;
		out->has_gid = true;
	}
	off = get_unaligned_le32(sd + 16);
	/* SE_DACL_PRESENT (0x0004) in Control, and a DACL to read */
	if ((secinfo & SECINFO_DACL_BIT) && off &&
	    (get_unaligned_le16(sd + 2) & 0x0004))
		return parse_dacl(sd, len, off, out);
	return 0;
}
