/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Windows metadata that Linux file systems do not keep, stored in extended
 * attributes (vfs/xattr_meta.c), and the one place that computes what
 * CREATE, CLOSE, QUERY_INFO and QUERY_DIRECTORY report for an object.
 *
 * Where it lives (see also cifsd.conf(5), "FILE METADATA"):
 *
 *   trusted.cifsd.dos     DOS attributes, creation time and an explicitly
 *                         set change time (struct cifsd_dos_xattr)
 *   trusted.cifsd.ntacl   the NT security descriptor as the client set it
 *                         (smb2/smb2_security.c)
 *   user.<NAME>           extended attribute NAME (FILE_FULL_EA_INFORMATION)
 *   user.cifsd.stream.*   named streams (vfs/streams.c); hidden from the
 *                         EA list
 *
 * trusted.* can only be written with CAP_SYS_ADMIN, so a local user cannot
 * forge the attributes or the ACL an SMB client sees.  All of these are
 * read and written with the server's own credentials
 * (cifsd_meta_creds_begin()), after the SMB-level access check of the
 * request (FILE_WRITE_ATTRIBUTES, FILE_WRITE_EA, WRITE_DAC, ...) passed.
 */
#ifndef CIFSD_META_H
#define CIFSD_META_H

#include <linux/fs.h>
#include <linux/path.h>
#include <linux/stat.h>

#define CIFSD_XATTR_DOS		"trusted.cifsd.dos"
#define CIFSD_XATTR_NTACL	"trusted.cifsd.ntacl"
#define CIFSD_XATTR_USER	"user."
#define CIFSD_XATTR_RESERVED	"user.cifsd."	/* not an EA */

/* DOS attributes a client can set (MS-FSA 2.1.5.14.2). */
#define CIFSD_DOS_SETTABLE	(FILE_ATTRIBUTE_READONLY | \
				 FILE_ATTRIBUTE_HIDDEN | \
				 FILE_ATTRIBUTE_SYSTEM | \
				 FILE_ATTRIBUTE_ARCHIVE | \
				 FILE_ATTRIBUTE_TEMPORARY | \
				 FILE_ATTRIBUTE_OFFLINE | \
				 FILE_ATTRIBUTE_NOT_CONTENT_INDEXED)

/* What is reported for one object. */
struct cifsd_finfo {
	struct kstat st;
	u64 create_nt;
	u64 access_nt;
	u64 write_nt;
	u64 change_nt;
	u64 alloc;		/* 0 for directories */
	u64 eof;		/* 0 for directories */
	u32 attrs;		/* FILE_ATTRIBUTE_* */
	u32 ea_size;		/* FILE_FULL_EA_INFORMATION size, 0 = none */
};

int cifsd_meta_init(void);
void cifsd_meta_exit(void);

/* Run with the server's own credentials (full capabilities). */
const struct cred *cifsd_meta_creds_begin(void);
void cifsd_meta_creds_end(const struct cred *old);

/* xattr access with the server's credentials; negative errno on error. */
ssize_t cifsd_xattr_get(struct dentry *d, const char *name, void *buf,
			size_t size);
/* Allocating get: *out is kvmalloc'ed (kvfree it); returns its length. */
ssize_t cifsd_xattr_get_alloc(struct dentry *d, const char *name,
			      void **out, size_t max);
int cifsd_xattr_set(const struct path *p, const char *name, const void *v,
		    size_t size, int flags);
int cifsd_xattr_remove(const struct path *p, const char *name);
/* The NUL-separated name list; *out is kvmalloc'ed. */
ssize_t cifsd_xattr_list(struct dentry *d, char **out);

/* Everything reported about @p (times, sizes, attributes, EA size). */
int cifsd_vfs_finfo(const struct path *p, struct cifsd_finfo *fi);

/*
 * SET_INFO FileBasicInformation / CREATE: store DOS attributes and times
 * that Linux does not keep.  NULL leaves a value as it is.  @attrs is
 * what the client gave (already validated); READONLY on a file is also
 * mapped to the write permission bits.
 */
int cifsd_vfs_set_dos(const struct path *p, const u32 *attrs,
		      const u64 *create_nt, const u64 *change_nt);
/*
 * The same, keeping a ChangeTime set earlier through the same handle
 * when @keep_change (MS-FSA: a handle that set a time explicitly stops
 * updating it).
 */
int cifsd_vfs_set_dos_keep(const struct path *p, const u32 *attrs,
			   const u64 *create_nt, const u64 *change_nt,
			   bool keep_change);

/* Size of the EA list as FileEaInformation reports it (0 = none). */
u32 cifsd_ea_size(struct dentry *d);

/*
 * FSCTL_SET_SPARSE: the sparse flag, kept with the DOS attributes (SET_INFO
 * neither sets nor clears it), reported as FILE_ATTRIBUTE_SPARSE_FILE.
 */
bool cifsd_vfs_is_sparse(struct dentry *d);
int cifsd_vfs_set_sparse(const struct path *p, bool on);

#endif /* CIFSD_META_H */
