// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Security descriptors, ACLs, ACEs and SIDs (secdesc.h).
 */
#include "secdesc.h"
#include "smb2pdu.h"

#define ACE_HDR_SIZE	4
#define ACE_BASIC_MIN	(ACE_HDR_SIZE + 4 + 8)	/* header, mask, empty SID */

int sid_parse(const u8 *buf, size_t len, struct sid *s)
{
	u32 i, size;

	if (len < 8)
		return -EINVAL;
	s->revision = buf[0];
	s->num_subauth = buf[1];
	if (s->revision != 1 || s->num_subauth > SID_MAX_SUB_AUTH)
		return -EINVAL;
	size = sid_size(s);
	if (size > len)
		return -EINVAL;
	memcpy(s->authority, buf + 2, 6);
	for (i = 0; i < s->num_subauth; i++)
		s->sub_auth[i] = get_unaligned_le32(buf + 8 + 4 * i);
	return (int)size;
}

int sid_put(u8 *out, size_t room, const struct sid *s)
{
	u32 i, size = sid_size(s);

	if (size > room)
		return -ENOSPC;
	out[0] = s->revision;
	out[1] = s->num_subauth;
	memcpy(out + 2, s->authority, 6);
	for (i = 0; i < s->num_subauth; i++)
		put_unaligned_le32(s->sub_auth[i], out + 8 + 4 * i);
	return (int)size;
}

bool sid_equal(const struct sid *a, const struct sid *b)
{
	u32 i;

	if (a->revision != b->revision || a->num_subauth != b->num_subauth ||
	    memcmp(a->authority, b->authority, 6))
		return false;
	for (i = 0; i < a->num_subauth; i++)
		if (a->sub_auth[i] != b->sub_auth[i])
			return false;
	return true;
}

void sid_make(struct sid *s, u8 auth, const u32 *subs, int n)
{
	int i;

	memset(s, 0, sizeof(*s));
	s->revision = 1;
	s->num_subauth = n > SID_MAX_SUB_AUTH ? SID_MAX_SUB_AUTH : n;
	s->authority[5] = auth;
	for (i = 0; i < s->num_subauth; i++)
		s->sub_auth[i] = subs[i];
}

static bool basic_ace(u8 type)
{
	return type == ACE_ACCESS_ALLOWED || type == ACE_ACCESS_DENIED ||
	       type == ACE_SYSTEM_AUDIT || type == ACE_SYSTEM_ALARM;
}

/* Decode the ACE at @p (@room bytes up to the end of the ACL). */
static int ace_at(const u8 *p, u32 room, struct ace_view *a)
{
	int n;

	if (room < ACE_HDR_SIZE)
		return -EINVAL;
	a->type = p[0];
	a->flags = p[1];
	a->size = get_unaligned_le16(p + 2);
	a->has_sid = false;
	a->mask = 0;
	if (a->size < ACE_HDR_SIZE || a->size > room || (a->size & 3))
		return -EINVAL;
	if (!basic_ace(a->type))
		return 0;	/* object and callback ACEs: kept, not used */
	if (a->size < ACE_BASIC_MIN)
		return -EINVAL;
	a->mask = get_unaligned_le32(p + 4);
	n = sid_parse(p + 8, a->size - 8, &a->sid);
	if (n < 0)
		return -EINVAL;
	a->has_sid = true;
	return 0;
}

int acl_check(const u8 *buf, size_t len)
{
	struct ace_view a;
	u32 size, count, pos = ACL_HDR_SIZE, i;

	if (len < ACL_HDR_SIZE)
		return -EINVAL;
	if (buf[0] != 2 && buf[0] != 4)
		return -EINVAL;
	size = get_unaligned_le16(buf + 2);
	count = get_unaligned_le16(buf + 4);
	if (size < ACL_HDR_SIZE || size > len)
		return -EINVAL;
	/* each ACE takes at least 4 bytes: a cheap bound on the loop */
	if (count > (size - ACL_HDR_SIZE) / ACE_HDR_SIZE)
		return -EINVAL;
	for (i = 0; i < count; i++) {
		if (ace_at(buf + pos, size - pos, &a))
			return -EINVAL;
		pos += a.size;
	}
	return (int)size;
}

int acl_next_ace(const u8 *acl, u32 acl_size, u32 *pos, u32 *left,
		 struct ace_view *a)
{
	if (!*left || *pos >= acl_size)
		return 0;
	if (ace_at(acl + *pos, acl_size - *pos, a))
		return 0;
	*pos += a->size;
	(*left)--;
	return 1;
}

static int part_sid(const u8 *buf, size_t len, u32 off, const u8 **p,
		    u32 *plen)
{
	struct sid s;
	int n;

	*p = NULL;
	*plen = 0;
	if (!off)
		return 0;
	if (off < SD_HDR_SIZE || off >= len)
		return -EINVAL;
	n = sid_parse(buf + off, len - off, &s);
	if (n < 0)
		return n;
	*p = buf + off;
	*plen = n;
	return 0;
}

static int part_acl(const u8 *buf, size_t len, u32 off, const u8 **p,
		    u32 *plen)
{
	int n;

	*p = NULL;
	*plen = 0;
	if (!off)
		return 0;
	if (off < SD_HDR_SIZE || off >= len)
		return -EINVAL;
	n = acl_check(buf + off, len - off);
	if (n < 0)
		return n;
	*p = buf + off;
	*plen = n;
	return 0;
}

int sd_parse(const u8 *buf, size_t len, struct sd_view *v)
{
	memset(v, 0, sizeof(*v));
	if (len < SD_HDR_SIZE || len > SD_MAX_SIZE || buf[0] != 1)
		return -EINVAL;
	v->control = get_unaligned_le16(buf + 2);
	if (!(v->control & SD_SELF_RELATIVE))
		return -EINVAL;
	if (part_sid(buf, len, get_unaligned_le32(buf + 4), &v->owner,
		     &v->owner_len) ||
	    part_sid(buf, len, get_unaligned_le32(buf + 8), &v->group,
		     &v->group_len) ||
	    part_acl(buf, len, get_unaligned_le32(buf + 12), &v->sacl,
		     &v->sacl_len) ||
	    part_acl(buf, len, get_unaligned_le32(buf + 16), &v->dacl,
		     &v->dacl_len))
		return -EINVAL;
	/* an ACL given without its PRESENT bit does not count */
	if (!(v->control & SD_SACL_PRESENT)) {
		v->sacl = NULL;
		v->sacl_len = 0;
	}
	if (!(v->control & SD_DACL_PRESENT)) {
		v->dacl = NULL;
		v->dacl_len = 0;
	}
	return 0;
}

static int put_part(u8 *out, size_t room, u32 *pos, const u8 *p, u32 len,
		    u32 hdr_off)
{
	if (!p)
		return 0;
	if (len > room - *pos)
		return -ENOSPC;
	memcpy(out + *pos, p, len);
	put_unaligned_le32(*pos, out + hdr_off);
	*pos += len;
	return 0;
}

int sd_build(u8 *out, size_t room, const struct sd_view *v, u32 secinfo)
{
	u16 control = (v->control | SD_SELF_RELATIVE);
	u32 pos = SD_HDR_SIZE;

	if (room < SD_HDR_SIZE)
		return -ENOSPC;
	memset(out, 0, SD_HDR_SIZE);
	out[0] = 1;
	if (!(secinfo & SECINFO_SACL))
		control &= ~(SD_SACL_PRESENT | SD_SACL_DEFAULTED |
			     SD_SACL_AUTO_INHERITED | SD_SACL_PROTECTED);
	if (!(secinfo & SECINFO_DACL))
		control &= ~(SD_DACL_PRESENT | SD_DACL_DEFAULTED |
			     SD_DACL_AUTO_INHERITED | SD_DACL_PROTECTED);
	if (!(secinfo & SECINFO_OWNER))
		control &= ~SD_OWNER_DEFAULTED;
	if (!(secinfo & SECINFO_GROUP))
		control &= ~SD_GROUP_DEFAULTED;
	put_unaligned_le16(control, out + 2);
	if (((secinfo & SECINFO_OWNER) &&
	     put_part(out, room, &pos, v->owner, v->owner_len, 4)) ||
	    ((secinfo & SECINFO_GROUP) &&
	     put_part(out, room, &pos, v->group, v->group_len, 8)) ||
	    ((secinfo & SECINFO_SACL) &&
	     put_part(out, room, &pos, v->sacl, v->sacl_len, 12)) ||
	    ((secinfo & SECINFO_DACL) &&
	     put_part(out, room, &pos, v->dacl, v->dacl_len, 16)))
		return -ENOSPC;
	return (int)pos;
}

void acl_init(u8 *acl)
{
	memset(acl, 0, ACL_HDR_SIZE);
	acl[0] = 2;
	put_unaligned_le16(ACL_HDR_SIZE, acl + 2);
}

int acl_add_ace(u8 *acl, size_t room, u8 type, u8 flags, u32 mask,
		const struct sid *sid)
{
	u32 size = get_unaligned_le16(acl + 2);
	u32 count = get_unaligned_le16(acl + 4);
	u32 asize = 8 + sid_size(sid);

	if (size > room || asize > room - size || size + asize > 0xffff)
		return -ENOSPC;
	acl[size] = type;
	acl[size + 1] = flags;
	put_unaligned_le16(asize, acl + size + 2);
	put_unaligned_le32(mask, acl + size + 4);
	sid_put(acl + size + 8, asize - 8, sid);
	put_unaligned_le16(size + asize, acl + 2);
	put_unaligned_le16(count + 1, acl + 4);
	return 0;
}

u32 sd_map_generic(u32 a)
{
	if (a & GENERIC_READ)
		a |= FILE_GENERIC_READ;
	if (a & GENERIC_WRITE)
		a |= FILE_GENERIC_WRITE;
	if (a & GENERIC_EXECUTE)
		a |= FILE_GENERIC_EXECUTE;
	if (a & GENERIC_ALL)
		a |= FILE_ALL_ACCESS;
	return a & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE |
		     GENERIC_ALL);
}

static bool in_token(const struct sid *s, const struct sid *sids, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (sid_equal(s, &sids[i]))
			return true;
	return false;
}

u32 sd_access_granted(const struct sd_view *v, const struct sid *sids,
		      int nsids)
{
	struct ace_view a;
	struct sid owner;
	u32 granted = 0, denied = 0, pos = ACL_HDR_SIZE, left;

	if (!v->dacl)
		return FILE_ALL_ACCESS | ACCESS_SYSTEM_SECURITY;
	if (v->owner && sid_parse(v->owner, v->owner_len, &owner) > 0 &&
	    in_token(&owner, sids, nsids))
		granted |= READ_CONTROL | WRITE_DAC;
	left = get_unaligned_le16(v->dacl + 4);
	while (acl_next_ace(v->dacl, v->dacl_len, &pos, &left, &a)) {
		u32 m;

		if (!a.has_sid || (a.flags & ACE_INHERIT_ONLY) ||
		    !in_token(&a.sid, sids, nsids))
			continue;
		m = sd_map_generic(a.mask);
		if (a.type == ACE_ACCESS_ALLOWED)
			granted |= m & ~denied;
		else if (a.type == ACE_ACCESS_DENIED)
			denied |= m & ~granted;
	}
	return granted;
}
