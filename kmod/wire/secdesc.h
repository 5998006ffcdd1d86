/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Security descriptors (MS-DTYP 2.4.6, self-relative), ACLs (2.4.5),
 * ACEs (2.4.4) and SIDs (2.4.2.2): validation, walking, building, and the
 * access check of MS-DTYP 2.5.3.2 over one DACL.
 *
 * Everything here reads untrusted bytes: every offset, size and count is
 * checked against the buffer before it is used.
 */
#ifndef CIFSD_SECDESC_H
#define CIFSD_SECDESC_H

#include "wire.h"

#define SID_MAX_SUB_AUTH	15
#define SID_MAX_SIZE		(8 + 4 * SID_MAX_SUB_AUTH)
#define SD_HDR_SIZE		20
#define ACL_HDR_SIZE		8
#define SD_MAX_SIZE		65536	/* what we store and accept */

/* SECURITY_INFORMATION bits (MS-DTYP 2.4.7) */
#define SECINFO_OWNER		0x00000001
#define SECINFO_GROUP		0x00000002
#define SECINFO_DACL		0x00000004
#define SECINFO_SACL		0x00000008
#define SECINFO_LABEL		0x00000010

/* SECURITY_DESCRIPTOR Control (2.4.6) */
#define SD_OWNER_DEFAULTED	0x0001
#define SD_GROUP_DEFAULTED	0x0002
#define SD_DACL_PRESENT		0x0004
#define SD_DACL_DEFAULTED	0x0008
#define SD_SACL_PRESENT		0x0010
#define SD_SACL_DEFAULTED	0x0020
#define SD_DACL_AUTO_INHERITED	0x0400
#define SD_SACL_AUTO_INHERITED	0x0800
#define SD_DACL_PROTECTED	0x1000
#define SD_SACL_PROTECTED	0x2000
#define SD_SELF_RELATIVE	0x8000

/* ACE types and flags (2.4.4.1) */
#define ACE_ACCESS_ALLOWED	0x00
#define ACE_ACCESS_DENIED	0x01
#define ACE_SYSTEM_AUDIT	0x02
#define ACE_SYSTEM_ALARM	0x03
#define ACE_OBJECT_INHERIT	0x01
#define ACE_CONTAINER_INHERIT	0x02
#define ACE_NO_PROPAGATE	0x04
#define ACE_INHERIT_ONLY	0x08
#define ACE_INHERITED		0x10

struct sid {
	u8 revision;
	u8 num_subauth;
	u8 authority[6];
	u32 sub_auth[SID_MAX_SUB_AUTH];
};

/* A parsed self-relative SD: pointers into the caller's buffer. */
struct sd_view {
	u16 control;
	const u8 *owner;	/* raw SID or NULL */
	u32 owner_len;
	const u8 *group;
	u32 group_len;
	const u8 *sacl;		/* raw ACL (AclSize bytes) or NULL */
	u32 sacl_len;
	const u8 *dacl;
	u32 dacl_len;
};

struct ace_view {
	u8 type;
	u8 flags;
	u16 size;
	u32 mask;
	struct sid sid;
	bool has_sid;	/* one of the four basic types, SID decoded */
};

/* Parse a SID at the start of @buf; returns its size or -EINVAL. */
int sid_parse(const u8 *buf, size_t len, struct sid *s);
static inline u32 sid_size(const struct sid *s)
{
	return 8 + 4 * (u32)s->num_subauth;
}
/* Encode @s at @out; returns its size or -ENOSPC. */
int sid_put(u8 *out, size_t room, const struct sid *s);
bool sid_equal(const struct sid *a, const struct sid *b);
/* S-1-<auth>-<sub>... with @n sub-authorities from @subs. */
void sid_make(struct sid *s, u8 auth, const u32 *subs, int n);

/*
 * Check a whole ACL at @buf (@len bytes available): revision 2 or 4,
 * AclSize within @len, every ACE inside AclSize, 4-byte aligned sizes,
 * SIDs of the basic types valid.  Returns AclSize or -EINVAL.
 */
int acl_check(const u8 *buf, size_t len);
/* Next ACE of a checked ACL; *pos starts at ACL_HDR_SIZE, *left at
 * AceCount.  Returns 1 with @a filled, 0 at the end. */
int acl_next_ace(const u8 *acl, u32 acl_size, u32 *pos, u32 *left,
		 struct ace_view *a);

/*
 * Check and parse a self-relative SD of @len bytes: header, the four
 * offsets inside the buffer, each SID and ACL valid.  -EINVAL if not.
 */
int sd_parse(const u8 *buf, size_t len, struct sd_view *v);

/*
 * Build a self-relative SD at @out from the parts of @v selected by
 * @secinfo (the others are left out, their offsets 0).  Returns the
 * length, or -ENOSPC.
 */
int sd_build(u8 *out, size_t room, const struct sd_view *v, u32 secinfo);

/* Append one basic ACE to an ACL being built at @acl (header first). */
void acl_init(u8 *acl);
int acl_add_ace(u8 *acl, size_t room, u8 type, u8 flags, u32 mask,
		const struct sid *sid);

/* GENERIC_* bits of an ACE mask mapped to file rights (MS-SMB2 2.2.13.1). */
u32 sd_map_generic(u32 mask);

/*
 * MS-DTYP 2.5.3.2 over the DACL of @v for a token holding @sids: the
 * rights granted (all file rights if there is no DACL).  The owner (a
 * token SID equal to the SD's owner) always gets READ_CONTROL and
 * WRITE_DAC.
 */
u32 sd_access_granted(const struct sd_view *v, const struct sid *sids,
		      int nsids);

#endif /* CIFSD_SECDESC_H */
