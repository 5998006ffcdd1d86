/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The VFS layer under the SMB2 file operations.
 *
 * Every name from the wire goes through cifsd_vfs_resolve(), which
 * validates it and walks it one component at a time from the share root,
 * never following a symbolic link and never leaving the share (lookups do
 * not cross mount points).  A symbolic link met on the way stops the walk
 * with STATUS_STOPPED_ON_SYMLINK: the client resolves it (MS-SMB2
 * 2.2.2.2.1), the server never does.  All functions run with the session
 * user's credentials already installed by the dispatcher.
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
	/* STATUS_STOPPED_ON_SYMLINK: UTF-16 bytes of the path after the link */
	u16 unparsed;
	/* CIFSD_RESOLVE_STREAM: "name:stream" (kmalloc'ed), "name::$DATA" */
	char *stream;
	bool data_default;
};

/* cifsd_vfs_resolve_flags() */
/*
 * CIFSD_RESOLVE_POSIX: POSIX names: '/' separates, any other character
 * but NUL is a name character, case always matters.
 * CIFSD_RESOLVE_KEEP_LINK: see STATUS_STOPPED_ON_SYMLINK below.
 * CIFSD_RESOLVE_EXACT_LAST: the last component as given, even when the
 * share ignores case (the new name of a rename that only changes case).
 */
#define CIFSD_RESOLVE_POSIX	0x1
#define CIFSD_RESOLVE_KEEP_LINK	0x2
#define CIFSD_RESOLVE_EXACT_LAST 0x4
/*
 * CIFSD_RESOLVE_STREAM: a named stream ("file:name[:$DATA]") is resolved
 * to its file with the stream name in vp->stream; without the flag such
 * a name is STATUS_OBJECT_NAME_NOT_FOUND.
 */
#define CIFSD_RESOLVE_STREAM	0x8

/*
 * Validate and resolve a share-relative UTF-16LE name of @len bytes.
 * On success (STATUS_SUCCESS) @vp holds references the caller drops with
 * cifsd_vpath_put().  The final component may not exist (negative
 * dentry), or be of any type, symbolic links and special files included:
 * the caller decides what it may do with them.  STATUS_STOPPED_ON_SYMLINK
 * when a directory component is a symbolic link; with
 * CIFSD_RESOLVE_KEEP_LINK vp->dentry is then that link, vp->parent its
 * directory, vp->name the path up to it, vp->unparsed the rest, and the
 * caller answers with the symlink error response and drops @vp.  On any
 * other failure (and on that one without the flag) @vp is empty.  Names
 * are looked up ignoring case when the share says so
 * (cifsd_tree_case_insensitive()), unless CIFSD_RESOLVE_POSIX.
 */
__le32 cifsd_vfs_resolve_flags(struct cifsd_tree *t, const u8 *uname,
			       size_t len, unsigned int flags,
			       struct cifsd_vpath *vp);
static inline __le32 cifsd_vfs_resolve(struct cifsd_tree *t, const u8 *uname,
				       size_t len, struct cifsd_vpath *vp)
{
	return cifsd_vfs_resolve_flags(t, uname, len, 0, vp);
}
void cifsd_vpath_put(struct cifsd_vpath *vp);

/*
 * A name from the wire as cifsd_vfs_resolve() sees it (UTF-8, '/'
 * separated, share-relative), allocated; NULL with *status on error.
 */
char *cifsd_vfs_wire_name(const u8 *uname, size_t len, __le32 *status);

/*
 * Create the last component of @vp (a regular file, or a directory when
 * @dir) under the parent's lock.  Returns -EEXIST when it already exists
 * (whatever its type); in both cases vp->dentry is refreshed with what the
 * directory now holds.
 */
int cifsd_vfs_create(struct cifsd_vpath *vp, bool dir, umode_t mode);

/* What cifsd_vfs_make_special() turns an empty file or directory into. */
struct cifsd_special {
	/* S_IFLNK, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK, S_IFREG + bits */
	umode_t mode;
	dev_t dev;		/* devices */
	const char *target;	/* symbolic links: NUL-terminated */
};

/*
 * Replace the object @path refers to, which must still be linked in its
 * directory and be an empty regular file, an empty directory, a symbolic
 * link or a special file, by a symbolic link, FIFO, socket, device node
 * or empty regular file of the same name, under the directory's lock; if
 * the new object cannot be made, the old one is put back.  Device nodes
 * need CAP_MKNOD (vfs_mknod checks the session user's credentials).
 * -ENOTEMPTY for a file with data or a directory with entries, -ENOENT
 * when it was removed or renamed.
 */
int cifsd_vfs_make_special(const struct path *path,
			   const struct cifsd_special *sp);
/* The object now named like @path (its dentry may be stale): O_PATH. */
struct file *cifsd_vfs_reopen_path(const struct path *path);

/*
 * The target of the symbolic link @d, as a kmalloc'ed NUL-terminated
 * string, or an ERR_PTR.
 */
char *cifsd_vfs_readlink(struct dentry *d);

/* Hard link @old (not a directory) as the last component of @to. */
int cifsd_vfs_link(const struct path *old, struct cifsd_vpath *to,
		   bool replace);

/*
 * Find the entry of the directory @dir named @name (@len bytes) ignoring
 * case (vfs_case.c).  Returns its dentry with *@real the name as the
 * directory holds it (kmalloc'ed), NULL when there is none, or an ERR_PTR.
 */
extern unsigned int cifsd_case_scan_max;	/* parameter case_scan_max */
struct dentry *cifsd_lookup_nocase(const struct path *dir, const char *name,
				   int len, char **real);

/* MS-FSCC reparse tag of an object of mode @mode (0 when none). */
u32 cifsd_mode_reparse_tag(umode_t mode);
/* A symbolic link or special file: opened only as a reparse point. */
static inline bool cifsd_mode_is_reparse(umode_t mode)
{
	return !S_ISREG(mode) && !S_ISDIR(mode);
}

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
/* chown/chgrp/chmod (-1 = leave) of what @path refers to. */
int cifsd_vfs_set_owner_mode(const struct path *path, int uid, int gid,
			     int mode);
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
