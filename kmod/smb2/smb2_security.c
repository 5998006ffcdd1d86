// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NT security descriptors on files (smb2_security.h).
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/cred.h>
#include <linux/uidgid.h>
#include <linux/mount.h>
#include <linux/version.h>
#include "compat.h"
#include "work.h"
#include "file.h"
#include "vfs.h"
#include "meta.h"
#include "smb2_fileops.h"
#include "smb2_security.h"
#include "wire/secdesc.h"

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define cifsd_iattr_set_uid(ia, u)	((ia)->ia_vfsuid = VFSUIDT_INIT(u))
#define cifsd_iattr_set_gid(ia, g)	((ia)->ia_vfsgid = VFSGIDT_INIT(g))
#else
#define cifsd_iattr_set_uid(ia, u)	((ia)->ia_uid = (u))
#define cifsd_iattr_set_gid(ia, g)	((ia)->ia_gid = (g))
#endif

#ifndef STATUS_INVALID_OWNER
#define STATUS_INVALID_OWNER		NT(0xC000005A)
#endif
#ifndef STATUS_INVALID_SECURITY_DESCR
#define STATUS_INVALID_SECURITY_DESCR	NT(0xC0000079)
#endif

#define TOKEN_MAX	40
#define SECINFO_ALL	(SECINFO_OWNER | SECINFO_GROUP | SECINFO_DACL | \
			 SECINFO_SACL)

static const u32 sub_everyone[] = { 0 };		/* S-1-1-0 */
static const u32 sub_auth_users[] = { 11 };		/* S-1-5-11 */
static const u32 sub_creator_owner[] = { 0 };		/* S-1-3-0 */
static const u32 sub_creator_group[] = { 1 };		/* S-1-3-1 */

static void unix_sid(struct sid *s, u32 kind, u32 id)
{
	u32 sub[2] = { kind, id };

	sid_make(s, 22, sub, 2);
}

/* The SIDs of the user the request runs as. */
static int current_token(struct sid *sids)
{
	const struct cred *c = current_cred();
	struct group_info *gi = c->group_info;
	int n = 0, i;

	unix_sid(&sids[n++], 1, from_kuid_munged(&init_user_ns, c->fsuid));
	unix_sid(&sids[n++], 2, from_kgid_munged(&init_user_ns, c->fsgid));
	sid_make(&sids[n++], 1, sub_everyone, 1);
	sid_make(&sids[n++], 5, sub_auth_users, 1);
	for (i = 0; gi && i < gi->ngroups && n < TOKEN_MAX; i++)
		unix_sid(&sids[n++], 2,
			 from_kgid_munged(&init_user_ns, gi->gid[i]));
	return n;
}

/* Rights of one mode triplet (rwx) as an ACE mask. */
static u32 rwx_mask(umode_t bits)
{
	u32 m = READ_CONTROL | SYNCHRONIZE | FILE_READ_ATTRIBUTES |
		FILE_READ_EA;

	if (bits & 4)
		m |= FILE_GENERIC_READ;
	if (bits & 2)
		m |= FILE_GENERIC_WRITE | DELETE | FILE_DELETE_CHILD;
	if (bits & 1)
		m |= FILE_GENERIC_EXECUTE;
	return m;
}

/* A descriptor for an object without an NT ACL, from its mode. */
static int synth_sd(const struct kstat *st, u8 *out, size_t room)
{
	u8 acl[ACL_HDR_SIZE + 3 * (8 + SID_MAX_SIZE)];
	u8 osid[SID_MAX_SIZE], gsid[SID_MAX_SIZE];
	struct sid owner, group, everyone;
	struct sd_view v = {};

	unix_sid(&owner, 1, from_kuid_munged(&init_user_ns, st->uid));
	unix_sid(&group, 2, from_kgid_munged(&init_user_ns, st->gid));
	sid_make(&everyone, 1, sub_everyone, 1);
	acl_init(acl);
	acl_add_ace(acl, sizeof(acl), ACE_ACCESS_ALLOWED, 0,
		    rwx_mask(st->mode >> 6) | WRITE_DAC | WRITE_OWNER |
		    FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA, &owner);
	acl_add_ace(acl, sizeof(acl), ACE_ACCESS_ALLOWED, 0,
		    rwx_mask(st->mode >> 3), &group);
	acl_add_ace(acl, sizeof(acl), ACE_ACCESS_ALLOWED, 0,
		    rwx_mask(st->mode), &everyone);
	v.control = SD_SELF_RELATIVE | SD_DACL_PRESENT;
	v.owner = osid;
	v.owner_len = sid_put(osid, sizeof(osid), &owner);
	v.group = gsid;
	v.group_len = sid_put(gsid, sizeof(gsid), &group);
	v.dacl = acl;
	v.dacl_len = get_unaligned_le16(acl + 2);
	return sd_build(out, room, &v, SECINFO_ALL);
}

/*
 * The stored NT ACL of @d (validated), kvmalloc'ed in *buf.  Returns its
 * length, 0 if there is none (or it is unusable), or a negative errno.
 */
static int load_ntacl(struct dentry *d, u8 **buf, struct sd_view *v)
{
	ssize_t len;

	len = cifsd_xattr_get_alloc(d, CIFSD_XATTR_NTACL, (void **)buf,
				    SD_MAX_SIZE);
	if (len == -ENODATA || len == -EOPNOTSUPP || len == -E2BIG)
		return 0;
	if (len < 0)
		return len;
	if (sd_parse(*buf, len, v)) {
		kvfree(*buf);
		*buf = NULL;
		return 0;	/* damaged: as if there were none */
	}
	return len;
}

/* The object's descriptor, stored or derived; kvfree(*buf). */
static int load_sd(const struct path *p, u8 **buf, struct sd_view *v)
{
	struct kstat st;
	int len, err;

	len = load_ntacl(p->dentry, buf, v);
	if (len)
		return len;
	err = cifsd_vfs_getattr(p, &st);
	if (err)
		return err;
	*buf = kvmalloc(1024, GFP_KERNEL);
	if (!*buf)
		return -ENOMEM;
	len = synth_sd(&st, *buf, 1024);
	if (len < 0 || sd_parse(*buf, len, v)) {
		kvfree(*buf);
		*buf = NULL;
		return -EINVAL;
	}
	return len;
}

void smb2_query_security(struct cifsd_file *f, u32 info, u8 *buf,
			 size_t cap, size_t *len, size_t *need,
			 __le32 *status)
{
	struct sd_view v;
	u8 *sd = NULL, *out;
	int n;

	*len = 0;
	if ((info & SECINFO_SACL) && !(f->access & ACCESS_SYSTEM_SECURITY)) {
		*status = STATUS_ACCESS_DENIED;
		return;
	}
	if ((info & (SECINFO_OWNER | SECINFO_GROUP | SECINFO_DACL)) &&
	    !(f->access & READ_CONTROL)) {
		*status = STATUS_ACCESS_DENIED;
		return;
	}
	n = load_sd(&f->filp->f_path, &sd, &v);
	if (n < 0) {
		*status = cifsd_errno_to_status(n);
		return;
	}
	out = kvmalloc(n + SD_HDR_SIZE, GFP_KERNEL);
	if (!out) {
		kvfree(sd);
		*status = STATUS_NO_MEMORY;
		return;
	}
	n = sd_build(out, n + SD_HDR_SIZE, &v, info & SECINFO_ALL);
	kvfree(sd);
	if (n < 0) {
		*status = STATUS_NO_MEMORY;
	} else if (n > cap) {
		*status = STATUS_BUFFER_TOO_SMALL;
		*need = n;
	} else {
		memcpy(buf, out, n);
		*len = n;
		*status = STATUS_SUCCESS;
	}
	kvfree(out);
}

/* Rights the DACL gives one SID (and everybody), as rwx bits. */
static umode_t dacl_rwx(const struct sd_view *v, const struct sid *who)
{
	struct sid tok[3];
	int n = 0;
	u32 m;

	if (who)
		tok[n++] = *who;
	sid_make(&tok[n++], 1, sub_everyone, 1);
	sid_make(&tok[n++], 5, sub_auth_users, 1);
	m = sd_access_granted(v, tok, n);
	return ((m & FILE_READ_DATA) ? 4 : 0) |
	       ((m & FILE_WRITE_DATA) ? 2 : 0) |
	       ((m & FILE_EXECUTE) ? 1 : 0);
}

/* Owner and group to chown, the DACL to mode bits (server creds). */
static int apply_to_inode(const struct path *p, const struct sd_view *v,
			  u32 info)
{
	struct inode *inode = d_inode(p->dentry);
	struct iattr ia = {};
	struct sid owner, group;
	bool have_owner = false, have_group = false;
	int err;

	if (v->owner && sid_parse(v->owner, v->owner_len, &owner) > 0)
		have_owner = true;
	if (v->group && sid_parse(v->group, v->group_len, &group) > 0)
		have_group = true;
	if ((info & SECINFO_OWNER) && have_owner && owner.num_subauth == 2 &&
	    owner.authority[5] == 22 && owner.sub_auth[0] == 1) {
		kuid_t u = make_kuid(&init_user_ns, owner.sub_auth[1]);

		if (uid_valid(u)) {
			ia.ia_valid |= ATTR_UID;
			cifsd_iattr_set_uid(&ia, u);
		}
	}
	if ((info & SECINFO_GROUP) && have_group && group.num_subauth == 2 &&
	    group.authority[5] == 22 && group.sub_auth[0] == 2) {
		kgid_t g = make_kgid(&init_user_ns, group.sub_auth[1]);

		if (gid_valid(g)) {
			ia.ia_valid |= ATTR_GID;
			cifsd_iattr_set_gid(&ia, g);
		}
	}
	if ((info & SECINFO_DACL) && v->dacl) {
		umode_t m = inode->i_mode & ~0777;

		m |= dacl_rwx(v, have_owner ? &owner : NULL) << 6;
		m |= dacl_rwx(v, have_group ? &group : NULL) << 3;
		m |= dacl_rwx(v, NULL);
		if (m != inode->i_mode) {
			ia.ia_valid |= ATTR_MODE;
			ia.ia_mode = m;
		}
	}
	if (!ia.ia_valid)
		return 0;
	err = mnt_want_write(p->mnt);
	if (err)
		return err;
	inode_lock(inode);
	err = cifsd_notify_change(p->mnt, p->dentry, &ia);
	inode_unlock(inode);
	mnt_drop_write(p->mnt);
	return err;
}

static bool owner_allowed(const u8 *osid, u32 olen)
{
	struct sid *tok, s;
	bool ok = false;
	int n, i;

	if (uid_eq(current_fsuid(), GLOBAL_ROOT_UID))
		return true;
	if (sid_parse(osid, olen, &s) < 0)
		return false;
	tok = kmalloc_array(TOKEN_MAX, sizeof(*tok), GFP_KERNEL);
	if (!tok)
		return false;
	n = current_token(tok);
	for (i = 0; i < n && !ok; i++)
		ok = sid_equal(&tok[i], &s);
	kfree(tok);
	return ok;
}

/* Store @v (all parts) as the NT ACL of @p and apply it to the inode. */
static __le32 store_sd(const struct path *p, const struct sd_view *v,
		       u32 info)
{
	const struct cred *old;
	u8 *out;
	int n, err;

	n = v->owner_len + v->group_len + v->sacl_len + v->dacl_len +
	    SD_HDR_SIZE;
	if (n > SD_MAX_SIZE)
		return STATUS_INVALID_SECURITY_DESCR;
	out = kvmalloc(n, GFP_KERNEL);
	if (!out)
		return STATUS_NO_MEMORY;
	n = sd_build(out, n, v, SECINFO_ALL);
	err = n < 0 ? -EINVAL :
	      cifsd_xattr_set(p, CIFSD_XATTR_NTACL, out, n, 0);
	kvfree(out);
	if (!err) {
		old = cifsd_meta_creds_begin();
		err = apply_to_inode(p, v, info);
		cifsd_meta_creds_end(old);
	}
	return cifsd_errno_to_status(err);
}

__le32 smb2_set_security(struct cifsd_file *f, u32 info, const u8 *buf,
			 u32 len)
{
	const struct path *p = &f->filp->f_path;
	struct sd_view nv, ov, m;
	u8 *old = NULL;
	__le32 st;
	int n;

	if (info & ~(SECINFO_ALL | SECINFO_LABEL))
		return STATUS_INVALID_PARAMETER;
	if ((info & SECINFO_SACL) && !(f->access & ACCESS_SYSTEM_SECURITY))
		return STATUS_ACCESS_DENIED;
	if ((info & (SECINFO_OWNER | SECINFO_GROUP)) &&
	    !(f->access & WRITE_OWNER))
		return STATUS_ACCESS_DENIED;
	if ((info & SECINFO_DACL) && !(f->access & WRITE_DAC))
		return STATUS_ACCESS_DENIED;
	if (sd_parse(buf, len, &nv))
		return STATUS_INVALID_SECURITY_DESCR;
	if ((info & SECINFO_OWNER) &&
	    (!nv.owner || !owner_allowed(nv.owner, nv.owner_len)))
		return STATUS_INVALID_OWNER;
	n = load_sd(p, &old, &ov);
	if (n < 0)
		return cifsd_errno_to_status(n);
	m = ov;
	if ((info & SECINFO_OWNER) && nv.owner) {
		m.owner = nv.owner;
		m.owner_len = nv.owner_len;
	}
	if ((info & SECINFO_GROUP) && nv.group) {
		m.group = nv.group;
		m.group_len = nv.group_len;
	}
	if (info & SECINFO_DACL) {
		m.dacl = nv.dacl;
		m.dacl_len = nv.dacl_len;
		m.control &= ~(SD_DACL_PRESENT | SD_DACL_DEFAULTED |
			       SD_DACL_AUTO_INHERITED | SD_DACL_PROTECTED);
		m.control |= nv.control & (SD_DACL_PRESENT |
			SD_DACL_DEFAULTED | SD_DACL_AUTO_INHERITED |
			SD_DACL_PROTECTED);
	}
	if (info & SECINFO_SACL) {
		m.sacl = nv.sacl;
		m.sacl_len = nv.sacl_len;
		m.control &= ~(SD_SACL_PRESENT | SD_SACL_DEFAULTED |
			       SD_SACL_AUTO_INHERITED | SD_SACL_PROTECTED);
		m.control |= nv.control & (SD_SACL_PRESENT |
			SD_SACL_DEFAULTED | SD_SACL_AUTO_INHERITED |
			SD_SACL_PROTECTED);
	}
	st = store_sd(p, &m, info);
	kvfree(old);
	return st;
}

bool smb2_ntacl_access(const struct path *p, u32 *granted)
{
	struct sid *tok;
	struct sd_view v;
	u8 *buf = NULL;
	int n;

	n = load_ntacl(p->dentry, &buf, &v);
	if (n <= 0)
		return false;
	tok = kmalloc_array(TOKEN_MAX, sizeof(*tok), GFP_KERNEL);
	/* no memory for the token: nothing is granted */
	*granted = tok ? sd_access_granted(&v, tok, current_token(tok)) : 0;
	kfree(tok);
	kvfree(buf);
	return true;
}

__le32 smb2_secd_check(const u8 *buf, u32 len)
{
	struct sd_view v;

	if (sd_parse(buf, len, &v))
		return STATUS_INVALID_SECURITY_DESCR;
	if (v.sacl)
		return STATUS_PRIVILEGE_NOT_HELD;
	if (v.owner && !owner_allowed(v.owner, v.owner_len))
		return STATUS_INVALID_OWNER;
	return STATUS_SUCCESS;
}

/* Add the ACE @a of the parent as a child @dir inherits it. */
static int inherit_ace(u8 *acl, size_t room, const struct ace_view *a,
		       bool dir, const struct sid *owner,
		       const struct sid *group)
{
	struct sid creator_owner, creator_group;
	const struct sid *eff = &a->sid;
	bool creator = false, propagate;
	u8 keep = a->flags & (ACE_OBJECT_INHERIT | ACE_CONTAINER_INHERIT);
	int err = 0;

	sid_make(&creator_owner, 3, sub_creator_owner, 1);
	sid_make(&creator_group, 3, sub_creator_group, 1);
	if (sid_equal(&a->sid, &creator_owner)) {
		eff = owner;
		creator = true;
	} else if (sid_equal(&a->sid, &creator_group)) {
		eff = group;
		creator = true;
	}
	if (!dir) {
		if (!(a->flags & ACE_OBJECT_INHERIT))
			return 0;
		return acl_add_ace(acl, room, a->type, ACE_INHERITED,
				   sd_map_generic(a->mask), eff);
	}
	propagate = !(a->flags & ACE_NO_PROPAGATE);
	if (a->flags & ACE_CONTAINER_INHERIT) {
		/* effective on the directory itself */
		if (creator || !propagate) {
			err = acl_add_ace(acl, room, a->type, ACE_INHERITED,
					  sd_map_generic(a->mask), eff);
			if (!err && creator && propagate)
				err = acl_add_ace(acl, room, a->type,
						  ACE_INHERITED |
						  ACE_INHERIT_ONLY | keep,
						  a->mask, &a->sid);
			return err;
		}
		return acl_add_ace(acl, room, a->type, ACE_INHERITED | keep,
				   a->mask, &a->sid);
	}
	/* object-inherit only: passed on to files below, not used here */
	if (!propagate)
		return 0;
	return acl_add_ace(acl, room, a->type,
			   ACE_INHERITED | ACE_INHERIT_ONLY | keep, a->mask,
			   &a->sid);
}

/* The DACL a new object inherits from @pv; 0 if nothing is inherited. */
static int inherited_dacl(const struct sd_view *pv, bool dir,
			  const struct sid *owner, const struct sid *group,
			  u8 *acl, size_t room)
{
	struct ace_view a;
	u32 pos = ACL_HDR_SIZE, left;

	acl_init(acl);
	if (!pv->dacl)
		return 0;
	left = get_unaligned_le16(pv->dacl + 4);
	while (acl_next_ace(pv->dacl, pv->dacl_len, &pos, &left, &a)) {
		if (!a.has_sid ||
		    (a.type != ACE_ACCESS_ALLOWED &&
		     a.type != ACE_ACCESS_DENIED))
			continue;
		if (inherit_ace(acl, room, &a, dir, owner, group))
			return -ENOSPC;
	}
	return get_unaligned_le16(acl + 4) ? get_unaligned_le16(acl + 2) : 0;
}

__le32 smb2_new_object_security(const struct path *p, const struct path *dir,
				const u8 *secd, u32 secd_len)
{
	u8 osid[SID_MAX_SIZE], gsid[SID_MAX_SIZE];
	struct sd_view nv = {}, pv, m = {};
	struct sid owner, group;
	u8 *pbuf = NULL, *acl = NULL;
	bool is_dir = d_is_dir(p->dentry);
	__le32 st = STATUS_SUCCESS;
	int n;

	if (secd && sd_parse(secd, secd_len, &nv))
		return STATUS_INVALID_SECURITY_DESCR;
	n = load_ntacl(dir->dentry, &pbuf, &pv);
	if (n < 0)
		return cifsd_errno_to_status(n);
	if (!secd && !n)
		return STATUS_SUCCESS;	/* POSIX rules, as before */

	unix_sid(&owner, 1, from_kuid_munged(&init_user_ns, current_fsuid()));
	unix_sid(&group, 2, from_kgid_munged(&init_user_ns, current_fsgid()));
	m.control = SD_SELF_RELATIVE;
	m.owner = nv.owner;
	m.owner_len = nv.owner_len;
	if (!m.owner) {
		m.owner = osid;
		m.owner_len = sid_put(osid, sizeof(osid), &owner);
	} else {
		sid_parse(nv.owner, nv.owner_len, &owner);
	}
	m.group = nv.group;
	m.group_len = nv.group_len;
	if (!m.group) {
		m.group = gsid;
		m.group_len = sid_put(gsid, sizeof(gsid), &group);
	}
	if (nv.dacl) {
		m.dacl = nv.dacl;
		m.dacl_len = nv.dacl_len;
		m.control |= nv.control & (SD_DACL_PRESENT |
			SD_DACL_AUTO_INHERITED | SD_DACL_PROTECTED);
	} else if (n) {
		acl = kvmalloc(SD_MAX_SIZE, GFP_KERNEL);
		if (!acl) {
			st = STATUS_NO_MEMORY;
			goto out;
		}
		n = inherited_dacl(&pv, is_dir, &owner, &group, acl,
				   SD_MAX_SIZE / 2);
		if (n < 0) {
			st = STATUS_INVALID_SECURITY_DESCR;
			goto out;
		}
		if (!n && !secd)
			goto out;	/* nothing inheritable */
		if (n) {
			m.dacl = acl;
			m.dacl_len = n;
			m.control |= SD_DACL_PRESENT |
				     (pv.control & SD_DACL_AUTO_INHERITED);
		}
	}
	if (!m.dacl) {
		/* a descriptor without a DACL: keep what the mode says */
		goto out;
	}
	st = store_sd(p, &m, SECINFO_DACL);
out:
	kvfree(acl);
	kvfree(pbuf);
	return st;
}
