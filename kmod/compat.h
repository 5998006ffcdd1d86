/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel version differences, kept in one place.
 *
 * Target: 6.12.  Also 6.1 (Debian 12), where the VFS takes a
 * struct user_namespace * where 6.12 takes a struct mnt_idmap *, netlink
 * range policies point to non-const data and kvmemdup() does not exist.
 */
#ifndef CIFSD_COMPAT_H
#define CIFSD_COMPAT_H

#include <linux/version.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/cred.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/netlink.h>

/* get_unaligned_le16() and friends moved to <linux/unaligned.h> in 6.12. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
typedef struct mnt_idmap cifsd_idmap_t;

static inline cifsd_idmap_t *cifsd_mnt_idmap(const struct vfsmount *mnt)
{
	return mnt_idmap(mnt);
}

static inline void cifsd_renamedata_idmap(struct renamedata *rd,
					  cifsd_idmap_t *idmap)
{
	rd->old_mnt_idmap = idmap;
	rd->new_mnt_idmap = idmap;
}
#else
typedef struct user_namespace cifsd_idmap_t;

static inline cifsd_idmap_t *cifsd_mnt_idmap(const struct vfsmount *mnt)
{
	return mnt_user_ns(mnt);
}

static inline void cifsd_renamedata_idmap(struct renamedata *rd,
					  cifsd_idmap_t *idmap)
{
	rd->old_mnt_userns = idmap;
	rd->new_mnt_userns = idmap;
}
#endif

/* Lookup of one component, no permission bypass, caller holds no lock. */
static inline struct dentry *cifsd_lookup_unlocked(const struct path *at,
						   const char *name, int len)
{
	return lookup_one_unlocked(cifsd_mnt_idmap(at->mnt), name, at->dentry,
				   len);
}

/* Same, with the parent's i_rwsem held by the caller. */
static inline struct dentry *cifsd_lookup_locked(const struct path *at,
						 const char *name, int len)
{
	return lookup_one(cifsd_mnt_idmap(at->mnt), name, at->dentry, len);
}

static inline int cifsd_inode_permission(const struct vfsmount *mnt,
					 struct inode *inode, int mask)
{
	return inode_permission(cifsd_mnt_idmap(mnt), inode, mask);
}

static inline int compat_vfs_create(const struct vfsmount *mnt,
				    struct inode *dir, struct dentry *d,
				    umode_t mode)
{
	return vfs_create(cifsd_mnt_idmap(mnt), dir, d, mode, true);
}

/* 6.15 returns a dentry from vfs_mkdir; 6.1..6.14 an int. */
static inline int compat_vfs_mkdir(const struct vfsmount *mnt,
				   struct inode *dir, struct dentry *d,
				   umode_t mode)
{
	return vfs_mkdir(cifsd_mnt_idmap(mnt), dir, d, mode);
}

static inline int compat_vfs_unlink(const struct vfsmount *mnt,
				    struct inode *dir, struct dentry *d)
{
	return vfs_unlink(cifsd_mnt_idmap(mnt), dir, d, NULL);
}

static inline int compat_vfs_rmdir(const struct vfsmount *mnt,
				   struct inode *dir, struct dentry *d)
{
	return vfs_rmdir(cifsd_mnt_idmap(mnt), dir, d);
}

static inline int cifsd_notify_change(const struct vfsmount *mnt,
				      struct dentry *d, struct iattr *ia)
{
	return notify_change(cifsd_mnt_idmap(mnt), d, ia, NULL);
}

/*
 * lock_rename() returns ERR_PTR(-EXDEV) since 6.7 when the two parents are
 * on different file systems; before that it could not fail.
 */
static inline struct dentry *cifsd_lock_rename(struct dentry *p1,
					       struct dentry *p2)
{
	return lock_rename(p1, p2);
}

/*
 * sysfs bin attributes: 6.1 .. 6.12 have a non-const ->read() and
 * attribute_group.bin_attrs; 6.13 added const variants (read_new,
 * bin_attrs_new) that later kernels switch to.
 */
#define CIFSD_BIN_ATTRS bin_attrs

/* inode_get_mtime() appeared in 6.7; before, i_mtime was a field. */
static inline struct timespec64 cifsd_inode_mtime(const struct inode *inode)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	return inode_get_mtime(inode);
#else
	return inode->i_mtime;
#endif
}

/* override_creds() stopped taking a reference in 6.14. */
static inline const struct cred *cifsd_override_creds(const struct cred *c)
{
	return override_creds(c);
}

static inline void cifsd_revert_creds(const struct cred *old)
{
	revert_creds(old);
}

/*
 * A POSIX lock request on @filp for @owner: struct file_lock has its
 * common fields in ->c since 6.9.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#include <linux/filelock.h>
#endif
#include <linux/fsnotify_backend.h>

/* An fsnotify mark on a super block: the object argument changed in 6.5. */
static inline int cifsd_fsnotify_add_sb_mark(struct fsnotify_mark *mark,
					     struct super_block *sb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
	return fsnotify_add_mark(mark, sb, FSNOTIFY_OBJ_TYPE_SB, 0);
#else
	return fsnotify_add_mark(mark, &sb->s_fsnotify_marks,
				 FSNOTIFY_OBJ_TYPE_SB, 0, NULL);
#endif
}

/* Kernel delegations (state/klease.c): struct file_lease since 6.9. */
#define CIFSD_HAVE_WRITE_DELEG \
	(LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0))
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
typedef struct file_lease cifsd_klease_lock_t;

static inline void *cifsd_klease_owner(cifsd_klease_lock_t *fl)
{
	return fl->c.flc_owner;
}

static inline unsigned int cifsd_klease_flags(cifsd_klease_lock_t *fl)
{
	return fl->c.flc_flags;
}

static inline cifsd_klease_lock_t *
cifsd_klease_alloc(struct file *filp, int type, void *owner,
		   const struct lease_manager_operations *ops)
{
	struct file_lease *fl = locks_alloc_lease();

	if (!fl)
		return NULL;
	fl->fl_lmops = ops;
	fl->c.flc_flags = FL_DELEG;
	fl->c.flc_type = type;
	fl->c.flc_owner = owner;
	fl->c.flc_pid = current->tgid;
	fl->c.flc_file = filp;
	return fl;
}

static inline void cifsd_klease_free(cifsd_klease_lock_t *fl)
{
	locks_free_lease(fl);
}
#else
/* Before 6.9 leases share struct lock_manager_operations with locks. */
#define lease_manager_operations lock_manager_operations
typedef struct file_lock cifsd_klease_lock_t;

static inline void *cifsd_klease_owner(cifsd_klease_lock_t *fl)
{
	return fl->fl_owner;
}

static inline unsigned int cifsd_klease_flags(cifsd_klease_lock_t *fl)
{
	return fl->fl_flags;
}

static inline cifsd_klease_lock_t *
cifsd_klease_alloc(struct file *filp, int type, void *owner,
		   const struct lease_manager_operations *ops)
{
	struct file_lock *fl = locks_alloc_lock();

	if (!fl)
		return NULL;
	fl->fl_lmops = ops;
	fl->fl_flags = FL_DELEG;
	fl->fl_type = type;
	fl->fl_end = OFFSET_MAX;
	fl->fl_owner = owner;
	fl->fl_pid = current->tgid;
	fl->fl_file = filp;
	return fl;
}

static inline void cifsd_klease_free(cifsd_klease_lock_t *fl)
{
	locks_free_lock(fl);
}
#endif

static inline int cifsd_posix_setlk(struct file *filp, void *owner,
				    unsigned char type, loff_t start,
				    loff_t end)
{
	struct file_lock fl;
	int err;

	locks_init_lock(&fl);
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	fl.c.flc_flags = FL_POSIX;
	fl.c.flc_type = type;
	fl.c.flc_owner = owner;
	fl.c.flc_file = filp;
#else
	fl.fl_flags = FL_POSIX;
	fl.fl_type = type;
	fl.fl_owner = owner;
	fl.fl_file = filp;
#endif
	fl.fl_start = start;
	fl.fl_end = end;
	err = vfs_lock_file(filp, F_SETLK, &fl, NULL);
	locks_release_private(&fl);
	return err;
}

/* kvmemdup() appeared in 6.3. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 3, 0)
static inline void *kvmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kvmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}
#endif

/*
 * nla_policy.range became a pointer to const in 6.4.  Before that the
 * kernel still only reads through it, so the policies keep their const
 * range tables and the pointer is cast for the older field type.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 4, 0)
#undef NLA_POLICY_FULL_RANGE
#define NLA_POLICY_FULL_RANGE(tp, _range) {				\
	.type = NLA_ENSURE_UINT_OR_BINARY_TYPE(tp),			\
	.validation_type = NLA_VALIDATE_RANGE_PTR,			\
	.range = (struct netlink_range_validation *)(_range),		\
}
#endif

/* Shrinkers are allocated by the core since 6.7. */
#include <linux/shrinker.h>
typedef unsigned long (*cifsd_shrink_fn)(struct shrinker *,
					 struct shrink_control *);
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
static inline struct shrinker *cifsd_shrinker_new(const char *name,
						  cifsd_shrink_fn count,
						  cifsd_shrink_fn scan)
{
	struct shrinker *s = shrinker_alloc(0, "%s", name);

	if (!s)
		return NULL;
	s->count_objects = count;
	s->scan_objects = scan;
	s->seeks = DEFAULT_SEEKS;
	shrinker_register(s);
	return s;
}

static inline void cifsd_shrinker_free(struct shrinker *s)
{
	shrinker_free(s);
}
#else
static inline struct shrinker *cifsd_shrinker_new(const char *name,
						  cifsd_shrink_fn count,
						  cifsd_shrink_fn scan)
{
	struct shrinker *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	s->count_objects = count;
	s->scan_objects = scan;
	s->seeks = DEFAULT_SEEKS;
	if (register_shrinker(s, "%s", name)) {
		kfree(s);
		return NULL;
	}
	return s;
}

static inline void cifsd_shrinker_free(struct shrinker *s)
{
	if (!s)
		return;
	unregister_shrinker(s);
	kfree(s);
}
#endif

#endif /* CIFSD_COMPAT_H */
