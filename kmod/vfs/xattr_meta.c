// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DOS attributes, creation time and change time kept in an xattr, and
 * what every reply reports about an object (meta.h).
 */
#include <linux/fs.h>
#include <linux/xattr.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/mount.h>
#include <linux/version.h>
#include "compat.h"
#include "vfs.h"
#include "meta.h"
#include "ntime.h"
#include "streams.h"
#include "wire/smb2pdu.h"

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define META_IDMAP(mnt)	((mnt) ? mnt_idmap(mnt) : &nop_mnt_idmap)
#else
#define META_IDMAP(mnt)	((mnt) ? mnt_user_ns(mnt) : &init_user_ns)
#endif

/* trusted.cifsd.dos, version 1: little-endian, 40 bytes. */
struct cifsd_dos_xattr {
	u8 version;
	u8 valid;
	__le16 reserved;
	__le32 attrs;		/* FILE_ATTRIBUTE_*, CIFSD_DOS_SETTABLE */
	__le64 create_nt;	/* CreationTime */
	__le64 change_nt;	/* ChangeTime as set by a client ... */
	__le64 stamp_sec;	/* ... valid while ctime is still this */
	__le32 stamp_nsec;
	__le32 reserved2;
} __packed;

#define DOS_XATTR_V1	1
#define DOS_V_ATTRS	0x01
#define DOS_V_CREATE	0x02
#define DOS_V_CHANGE	0x04
#define DOS_V_SPARSE	0x08	/* FILE_ATTRIBUTE_SPARSE_FILE (FSCTL_SET_SPARSE) */

static const struct cred *meta_cred;

int cifsd_meta_init(void)
{
	struct cred *c = prepare_kernel_cred(&init_task);

	if (!c)
		return -ENOMEM;
	meta_cred = c;
	cifsd_streams_init();
	return 0;
}

void cifsd_meta_exit(void)
{
	if (meta_cred)
		put_cred(meta_cred);
	meta_cred = NULL;
}

const struct cred *cifsd_meta_creds_begin(void)
{
	return cifsd_override_creds(meta_cred);
}

void cifsd_meta_creds_end(const struct cred *old)
{
	cifsd_revert_creds(old);
}

ssize_t cifsd_xattr_get(struct dentry *d, const char *name, void *buf,
			size_t size)
{
	const struct cred *old = cifsd_meta_creds_begin();
	ssize_t r;

	r = vfs_getxattr(META_IDMAP(NULL), d, name, buf, size);
	cifsd_meta_creds_end(old);
	return r;
}

ssize_t cifsd_xattr_get_alloc(struct dentry *d, const char *name,
			      void **out, size_t max)
{
	ssize_t r, len;
	void *buf;

	*out = NULL;
	len = cifsd_xattr_get(d, name, NULL, 0);
	if (len < 0)
		return len;
	if (len > max)
		return -E2BIG;
	buf = kvmalloc(len ? len : 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	r = cifsd_xattr_get(d, name, buf, len);
	if (r < 0) {
		kvfree(buf);
		return r == -ERANGE ? -EAGAIN : r;
	}
	*out = buf;
	return r;
}

int cifsd_xattr_set(const struct path *p, const char *name, const void *v,
		    size_t size, int flags)
{
	const struct cred *old;
	int err;

	err = mnt_want_write(p->mnt);
	if (err)
		return err;
	old = cifsd_meta_creds_begin();
	err = vfs_setxattr(META_IDMAP(p->mnt), p->dentry, name, v, size,
			   flags);
	cifsd_meta_creds_end(old);
	mnt_drop_write(p->mnt);
	return err;
}

int cifsd_xattr_remove(const struct path *p, const char *name)
{
	const struct cred *old;
	int err;

	err = mnt_want_write(p->mnt);
	if (err)
		return err;
	old = cifsd_meta_creds_begin();
	err = vfs_removexattr(META_IDMAP(p->mnt), p->dentry, name);
	cifsd_meta_creds_end(old);
	mnt_drop_write(p->mnt);
	return err;
}

ssize_t cifsd_xattr_list(struct dentry *d, char **out)
{
	const struct cred *old;
	ssize_t len, r;
	char *buf;
	int tries;

	*out = NULL;
	old = cifsd_meta_creds_begin();
	for (tries = 0; tries < 3; tries++) {
		len = vfs_listxattr(d, NULL, 0);
		if (len <= 0) {
			r = len;
			goto out;
		}
		buf = kvmalloc(len, GFP_KERNEL);
		if (!buf) {
			r = -ENOMEM;
			goto out;
		}
		r = vfs_listxattr(d, buf, len);
		if (r >= 0) {
			*out = buf;
			goto out;
		}
		kvfree(buf);
		if (r != -ERANGE)
			goto out;
	}
	r = -EAGAIN;
out:
	cifsd_meta_creds_end(old);
	/* a file system without xattrs has no EAs and no streams */
	if (r == -EOPNOTSUPP)
		r = 0;
	return r;
}

static bool read_dos(struct dentry *d, struct cifsd_dos_xattr *x)
{
	ssize_t r = cifsd_xattr_get(d, CIFSD_XATTR_DOS, x, sizeof(*x));

	if (r != sizeof(*x) || x->version != DOS_XATTR_V1) {
		memset(x, 0, sizeof(*x));
		return false;
	}
	return true;
}

u32 cifsd_ea_size(struct dentry *d)
{
	char *list, *n;
	ssize_t len, v;
	u32 size = 0, last = 0;

	len = cifsd_xattr_list(d, &list);
	if (len <= 0)
		return 0;
	for (n = list; n < list + len; n += strlen(n) + 1) {
		size_t nl;

		if (strncmp(n, CIFSD_XATTR_USER, sizeof(CIFSD_XATTR_USER) - 1) ||
		    !strncmp(n, CIFSD_XATTR_RESERVED,
			     sizeof(CIFSD_XATTR_RESERVED) - 1))
			continue;
		nl = strlen(n) - (sizeof(CIFSD_XATTR_USER) - 1);
		if (!nl || nl > 255)
			continue;
		v = cifsd_xattr_get(d, n, NULL, 0);
		if (v < 0 || v > 0xffff)
			continue;
		/* FILE_FULL_EA_INFORMATION entries, 4-byte aligned */
		size = ALIGN(size, 4);
		last = 8 + nl + 1 + v;
		size += last;
	}
	kvfree(list);
	return size;
}

static u64 pick_create(const struct kstat *st)
{
	struct timespec64 t = st->mtime;

	if ((st->result_mask & STATX_BTIME) && st->btime.tv_sec)
		return cifsd_ts_to_nt(st->btime);
	if (timespec64_compare(&st->ctime, &t) < 0)
		t = st->ctime;
	return cifsd_ts_to_nt(t);
}

int cifsd_vfs_finfo(const struct path *p, struct cifsd_finfo *fi)
{
	struct kstat *st = &fi->st;
	struct cifsd_dos_xattr x;
	bool dir;
	u32 a;
	int err;

	err = vfs_getattr(p, st, STATX_BASIC_STATS | STATX_BTIME,
			  AT_STATX_SYNC_AS_STAT);
	if (err)
		return err;
	dir = S_ISDIR(st->mode);
	read_dos(p->dentry, &x);

	fi->create_nt = (x.valid & DOS_V_CREATE) ?
			le64_to_cpu(x.create_nt) : pick_create(st);
	fi->access_nt = cifsd_ts_to_nt(st->atime);
	fi->write_nt = cifsd_ts_to_nt(st->mtime);
	fi->change_nt = cifsd_ts_to_nt(st->ctime);
	if ((x.valid & DOS_V_CHANGE) &&
	    le64_to_cpu(x.stamp_sec) == (u64)st->ctime.tv_sec &&
	    le32_to_cpu(x.stamp_nsec) == (u32)st->ctime.tv_nsec)
		fi->change_nt = le64_to_cpu(x.change_nt);

	a = cifsd_stat_attrs(st);
	if (x.valid & DOS_V_ATTRS) {
		a &= ~(FILE_ATTRIBUTE_ARCHIVE | FILE_ATTRIBUTE_NORMAL);
		a |= le32_to_cpu(x.attrs) & CIFSD_DOS_SETTABLE;
		if (dir)
			a &= ~FILE_ATTRIBUTE_TEMPORARY;
		/* for a file the permission bits decide READONLY */
		else if (st->mode & 0222)
			a &= ~FILE_ATTRIBUTE_READONLY;
		else
			a |= FILE_ATTRIBUTE_READONLY;
	}
	if ((x.valid & DOS_V_SPARSE) && !dir) {
		a &= ~FILE_ATTRIBUTE_NORMAL;
		a |= FILE_ATTRIBUTE_SPARSE_FILE;
	}
	if (!a)
		a = FILE_ATTRIBUTE_NORMAL;
	fi->attrs = a;
	fi->eof = dir ? 0 : st->size;
	fi->alloc = dir ? 0 : (u64)st->blocks << 9;
	fi->ea_size = cifsd_ea_size(p->dentry);
	return 0;
}

/* Make the file read-only or writable again through its mode bits. */
static int set_readonly(const struct path *p, bool ro)
{
	struct inode *inode = d_inode(p->dentry);
	struct iattr ia = { .ia_valid = ATTR_MODE };
	umode_t m;
	int err;

	err = mnt_want_write(p->mnt);
	if (err)
		return err;
	inode_lock(inode);
	m = inode->i_mode;
	if (ro && (m & 0222))
		ia.ia_mode = m & ~0222;
	else if (!ro && !(m & 0222))
		ia.ia_mode = m | 0200;
	else
		ia.ia_valid = 0;
	err = ia.ia_valid ? cifsd_notify_change(p->mnt, p->dentry, &ia) : 0;
	inode_unlock(inode);
	mnt_drop_write(p->mnt);
	return err;
}

static int write_dos(const struct path *p, struct cifsd_dos_xattr *x)
{
	struct kstat st;
	int err, i;

	x->version = DOS_XATTR_V1;
	for (i = 0; i < 3; i++) {
		err = cifsd_xattr_set(p, CIFSD_XATTR_DOS, x, sizeof(*x), 0);
		if (err || !(x->valid & DOS_V_CHANGE))
			return err;
		/*
		 * Writing the xattr changed ctime: remember the ctime it left,
		 * so the stored ChangeTime is reported until the next change.
		 */
		err = vfs_getattr(p, &st, STATX_CTIME, AT_STATX_SYNC_AS_STAT);
		if (err)
			return err;
		if (le64_to_cpu(x->stamp_sec) == (u64)st.ctime.tv_sec &&
		    le32_to_cpu(x->stamp_nsec) == (u32)st.ctime.tv_nsec)
			return 0;
		x->stamp_sec = cpu_to_le64(st.ctime.tv_sec);
		x->stamp_nsec = cpu_to_le32(st.ctime.tv_nsec);
	}
	return 0;
}

int cifsd_vfs_set_dos(const struct path *p, const u32 *attrs,
		      const u64 *create_nt, const u64 *change_nt)
{
	return cifsd_vfs_set_dos_keep(p, attrs, create_nt, change_nt, false);
}

int cifsd_vfs_set_dos_keep(const struct path *p, const u32 *attrs,
			   const u64 *create_nt, const u64 *change_nt,
			   bool keep_change)
{
	u64 kept;
	struct cifsd_dos_xattr x;
	const struct cred *old;
	int err = 0;

	if (!attrs && !create_nt && !change_nt && !keep_change)
		return 0;
	read_dos(p->dentry, &x);
	if (!attrs && !create_nt && !change_nt && !(x.valid & DOS_V_CHANGE))
		return 0;
	if (attrs) {
		if (!d_is_dir(p->dentry)) {
			old = cifsd_meta_creds_begin();
			err = set_readonly(p, *attrs & FILE_ATTRIBUTE_READONLY);
			cifsd_meta_creds_end(old);
			if (err)
				return err;
		}
		x.attrs = cpu_to_le32(*attrs & CIFSD_DOS_SETTABLE);
		x.valid |= DOS_V_ATTRS;
	}
	if (create_nt) {
		x.create_nt = cpu_to_le64(*create_nt);
		x.valid |= DOS_V_CREATE;
	}
	/* a change time set earlier is superseded by this change ... */
	if (!change_nt && keep_change && (x.valid & DOS_V_CHANGE)) {
		/* ... unless this handle set it and keeps it */
		kept = le64_to_cpu(x.change_nt);
		change_nt = &kept;
	}
	x.valid &= ~DOS_V_CHANGE;
	if (change_nt) {
		struct timespec64 now = current_time(d_inode(p->dentry));

		x.change_nt = cpu_to_le64(*change_nt);
		x.stamp_sec = cpu_to_le64(now.tv_sec);
		x.stamp_nsec = cpu_to_le32(now.tv_nsec);
		x.valid |= DOS_V_CHANGE;
	}
	err = write_dos(p, &x);
	/* a file system without xattrs keeps what the mode bits can say */
	if (err == -EOPNOTSUPP)
		err = 0;
	return err;
}

bool cifsd_vfs_is_sparse(struct dentry *d)
{
	struct cifsd_dos_xattr x;

	return read_dos(d, &x) && (x.valid & DOS_V_SPARSE);
}

int cifsd_vfs_set_sparse(const struct path *p, bool on)
{
	struct cifsd_dos_xattr x;

	read_dos(p->dentry, &x);
	if (!!(x.valid & DOS_V_SPARSE) == on)
		return 0;
	if (on)
		x.valid |= DOS_V_SPARSE;
	else
		x.valid &= ~DOS_V_SPARSE;
	return write_dos(p, &x);
}
