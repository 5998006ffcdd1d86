/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The VFS layer under the SMB2 file operations.
 *
 * Every name from the wire goes through cifsd_vfs_resolve(), which
 * validates it and walks it one component at a time from the share root,
 * never following a symbolic link and never leaving the share (lookups do
 * not cross mount points).  All functions run with the session user's
 * credentials already installed by the dispatcher.
 */
#ifndef CIFSD_VFS_H
#define CIFSD_VFS_H

#include <linux/fs.h>
#include <linux/path.h>
#include <linux/stat.h>
#include <linux/statfs.h>
#include "wire/ntstatus.h"

struct cifsd_tree;
struct cifsd_file;

/* Longest share-relative name we accept, in bytes of UTF-8. */
#define CIFSD_MAX_PATH		(PATH_MAX - 1)
#define CIFSD_MAX_COMPONENT	255

struct cifsd_vpath {
	struct path parent;	/* mnt + directory holding the last component */
	struct dentry *dentry;	/* final component; may be negative */
	char *name;		/* share-relative, '/' separated, "" = root */
	const char *last;	/* last component, inside @name */
	int last_len;
	bool is_root;
};

/*
 * Validate and resolve a share-relative UTF-16LE name of @len bytes.
 * On success (STATUS_SUCCESS) @vp holds references the caller drops with
 * cifsd_vpath_put().  The final component may not exist (negative dentry),
 * but is never a symlink or a special file.  On failure @vp is empty.
 */
/*
 * A name from the wire as cifsd_vfs_resolve() sees it (UTF-8, '/'
 * separated, share-relative), allocated; NULL with *status on error.
 */
char *cifsd_vfs_wire_name(const u8 *uname, size_t len, __le32 *status);
__le32 cifsd_vfs_resolve(struct cifsd_tree *t, const u8 *uname, size_t len,
			 struct cifsd_vpath *vp);
void cifsd_vpath_put(struct cifsd_vpath *vp);

/*
 * Create the last component of @vp (a regular file, or a directory when
 * @dir) under the parent's lock.  Returns -EEXIST when it already exists;
 * in both cases vp->dentry is refreshed with what the directory now holds.
 */
int cifsd_vfs_create(struct cifsd_vpath *vp, bool dir, umode_t mode);

/* Open @path with @flags (O_* incl. O_PATH) as the current user. */
struct file *cifsd_vfs_open(const struct path *path, int flags);

/*
 * Permission check for an access mask on an existing object.  Returns 0 or
 * -EACCES.  @parent is the containing directory (for DELETE).
 */
int cifsd_vfs_check_access(const struct path *path, struct dentry *parent,
			   u32 access);
/* Maximal access (MS-SMB2 2.2.13.1) the current user has on @path. */
u32 cifsd_vfs_max_access(const struct path *path, struct dentry *parent);

int cifsd_vfs_getattr(const struct path *path, struct kstat *st);
int cifsd_vfs_statfs(const struct path *path, struct kstatfs *st);
int cifsd_vfs_truncate(struct file *filp, loff_t size);
int cifsd_vfs_allocate(struct file *filp, loff_t size);
/* Set times (NULL = leave), and/or the read-only state (-1 = leave). */
int cifsd_vfs_set_basic(struct file *filp, const struct timespec64 *atime,
			const struct timespec64 *mtime,
			const struct timespec64 *ctime, int readonly);
/* Unlink (or rmdir) what @filp / @path refers to, if still linked. */
int cifsd_vfs_unlink(struct file *filp);
int cifsd_vfs_remove(const struct path *path);
/* 0 if the directory is empty, -ENOTEMPTY if not, or an error. */
int cifsd_vfs_dir_empty(const struct path *path);
/*
 * Rename what @filp refers to onto @to (resolved with cifsd_vfs_resolve,
 * in the same share).  -EEXIST when the target exists and !@replace.
 */
int cifsd_vfs_rename(struct file *filp, struct cifsd_vpath *to, bool replace);

/* MS-FSCC attributes for an object. */
u32 cifsd_stat_attrs(const struct kstat *st);
/* Map a negative errno from the VFS to an NTSTATUS. */
__le32 cifsd_errno_to_status(int err);

#endif /* CIFSD_VFS_H */
