// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Share-confined VFS helpers for the SMB2 file operations.
 */
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/nls.h>
#include <linux/falloc.h>
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/capability.h>
#include <linux/mnt_idmapping.h>
#include "compat.h"
#include "vfs.h"
#include "tree.h"
#include "wire/smb2pdu.h"
#include "wire/streamname.h"

static bool bad_name_char(u16 c, bool posix)
{
	if (posix)
		return c == 0;
	if (c < 0x20)
		return true;
	switch (c) {
	case '"': case '*': case '<': case '>': case '?': case '|': case '/':
		return true;
	}
	return false;
}

/*
 * Convert the wire name to UTF-8 and check its characters.  Returns the
 * kmalloc'ed string, or NULL with the reason in *status.
 */
static char *name_to_utf8(const u8 *uname, size_t len, bool posix,
			  __le32 *status)
{
	size_t n = len / 2, i;
	u16 *tmp;
	char *out;
	int olen;

	*status = STATUS_SUCCESS;
	if (len & 1) {
		*status = STATUS_INVALID_PARAMETER;
		return NULL;
	}
	if (n > CIFSD_MAX_PATH) {
		*status = STATUS_OBJECT_NAME_INVALID;
		return NULL;
	}
	tmp = kmalloc_array(n + 1, sizeof(u16), GFP_KERNEL);
	out = kmalloc(n * 3 + 1, GFP_KERNEL);
	if (!tmp || !out) {
		kfree(tmp);
		kfree(out);
		*status = STATUS_NO_MEMORY;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		tmp[i] = get_unaligned_le16(uname + 2 * i);
		/* a stream name (after ':') is checked by its parser */
		if (!posix && tmp[i] == ':')
			break;
		if (bad_name_char(tmp[i], posix))
			goto invalid;
	}
	for (; i < n; i++) {
		tmp[i] = get_unaligned_le16(uname + 2 * i);
		if (!tmp[i])
			goto invalid;
	}
	/* unpaired surrogates would be dropped silently: refuse them */
	for (i = 0; i < n; i++) {
		if ((tmp[i] & 0xFC00) == 0xD800) {
			if (i + 1 == n || (tmp[i + 1] & 0xFC00) != 0xDC00)
				goto invalid;
			i++;
		} else if ((tmp[i] & 0xFC00) == 0xDC00) {
			goto invalid;
		}
	}
	olen = n ? utf16s_to_utf8s(tmp, n, UTF16_HOST_ENDIAN, out, n * 3) : 0;
	if (olen < 0 || olen > CIFSD_MAX_PATH)
		goto invalid;
	out[olen] = '\0';
	kfree(tmp);
	return out;
invalid:
	*status = STATUS_OBJECT_NAME_INVALID;
	kfree(tmp);
	kfree(out);
	return NULL;
}

/*
 * Split the stream part off the name: "::$DATA" is the file itself; a
 * named stream is refused unless @vp (CIFSD_RESOLVE_STREAM), which then
 * gets it in vp->stream.
 */
static __le32 strip_stream(char *s, struct cifsd_vpath *vp)
{
	char *colon = strchr(s, ':');
	struct stream_name sn;

	if (!colon)
		return STATUS_SUCCESS;
	if (stream_name_parse(colon + 1, strlen(colon + 1), &sn))
		return STATUS_OBJECT_NAME_INVALID;
	if (sn.kind == STREAM_NAMED) {
		if (!vp)
			return STATUS_OBJECT_NAME_NOT_FOUND;
		vp->stream = kstrndup(sn.name, sn.len, GFP_KERNEL);
		if (!vp->stream)
			return STATUS_NO_MEMORY;
	} else if (vp) {
		vp->data_default = true;
	}
	*colon = '\0';
	return STATUS_SUCCESS;
}

/*
 * Check the components and turn the separator ('\\', or '/' for POSIX
 * names) into '/'.
 */
static __le32 check_components(char *s, bool posix)
{
	char sepc = posix ? '/' : '\\';
	char *p = s, *sep;
	size_t clen;

	if (*s == sepc)
		return posix ? STATUS_OBJECT_NAME_INVALID :
			       STATUS_INVALID_PARAMETER;
	if (!*s)
		return STATUS_SUCCESS;
	for (;;) {
		sep = strchr(p, sepc);
		clen = sep ? (size_t)(sep - p) : strlen(p);
		if (clen == 0)
			return STATUS_OBJECT_NAME_INVALID;
		if (clen > CIFSD_MAX_COMPONENT)
			return STATUS_OBJECT_NAME_INVALID;
		if ((clen == 1 && p[0] == '.') ||
		    (clen == 2 && p[0] == '.' && p[1] == '.'))
			return STATUS_OBJECT_NAME_INVALID;
		if (!sep)
			break;
		*sep = '/';
		p = sep + 1;
	}
	return STATUS_SUCCESS;
}

void cifsd_vpath_put(struct cifsd_vpath *vp)
{
	if (vp->dentry)
		dput(vp->dentry);
	if (vp->parent.dentry)
		path_put(&vp->parent);
	kfree(vp->name);
	kfree(vp->stream);
	memset(vp, 0, sizeof(*vp));
}

char *cifsd_vfs_wire_name(const u8 *uname, size_t len, __le32 *status)
{
	char *name = name_to_utf8(uname, len, false, status);

	if (!name)
		return NULL;
	*status = strip_stream(name, NULL);
	if (*status == STATUS_SUCCESS)
		*status = check_components(name, false);
	if (*status != STATUS_SUCCESS) {
		kfree(name);
		return NULL;
	}
	return name;
}

/* UTF-16 code units of a UTF-8 string (valid: it came from UTF-16). */
static size_t utf16_units(const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		u8 b = *s;

		if ((b & 0xC0) != 0x80)
			n += b >= 0xF0 ? 2 : 1;
	}
	return n;
}

/*
 * Look up one component of @len bytes at @comp (inside vp->name) in
 * vp->parent.  With @nocase, a name that does not exist as given is
 * looked for ignoring case; when found under another spelling, vp->name
 * is rebuilt with the name the directory holds and *@comp, *@len follow.
 */
static struct dentry *lookup_comp(struct cifsd_vpath *vp, char **comp,
				  int *len, bool nocase)
{
	struct dentry *d;
	char *real = NULL, *name;
	size_t pre, rlen, post;

	d = cifsd_lookup_unlocked(&vp->parent, *comp, *len);
	if (IS_ERR(d) || d_is_positive(d) || !nocase)
		return d;
	dput(d);
	d = cifsd_lookup_nocase(&vp->parent, *comp, *len, &real);
	if (IS_ERR_OR_NULL(d) || !real) {
		kfree(real);
		if (!d)	/* none: the negative dentry of the name as given */
			d = cifsd_lookup_unlocked(&vp->parent, *comp, *len);
		return d;
	}
	pre = *comp - vp->name;
	rlen = strlen(real);
	post = strlen(*comp + *len);
	name = kmalloc(pre + rlen + post + 1, GFP_KERNEL);
	if (!name) {
		kfree(real);
		dput(d);
		return ERR_PTR(-ENOMEM);
	}
	memcpy(name, vp->name, pre);
	memcpy(name + pre, real, rlen);
	memcpy(name + pre + rlen, *comp + *len, post + 1);
	kfree(real);
	kfree(vp->name);
	vp->name = name;
	*comp = name + pre;
	*len = rlen;
	return d;
}

/* A directory component is a symbolic link: the client must follow it. */
static __le32 stop_on_link(struct cifsd_vpath *vp, struct dentry *link,
			   char *comp, int len)
{
	char *rest = comp + len;	/* "/..." */

	vp->unparsed = min_t(size_t, utf16_units(rest) * 2, U16_MAX);
	*rest = '\0';
	vp->dentry = link;
	vp->last = comp;
	vp->last_len = len;
	return STATUS_STOPPED_ON_SYMLINK;
}

__le32 cifsd_vfs_resolve_flags(struct cifsd_tree *t, const u8 *uname,
			       size_t len, unsigned int flags,
			       struct cifsd_vpath *vp)
{
	bool posix = flags & CIFSD_RESOLVE_POSIX;
	bool nocase = !posix && cifsd_tree_case_insensitive(t);
	struct dentry *d;
	char *comp, *sep;
	int clen;
	__le32 st;

	memset(vp, 0, sizeof(*vp));
	vp->name = name_to_utf8(uname, len, posix, &st);
	if (!vp->name)
		return st;
	st = posix ? STATUS_SUCCESS :
	     strip_stream(vp->name, (flags & CIFSD_RESOLVE_STREAM) ? vp : NULL);
	if (st == STATUS_SUCCESS)
		st = check_components(vp->name, posix);
	if (st != STATUS_SUCCESS)
		goto fail;

	vp->parent = t->root;
	path_get(&vp->parent);
	if (!vp->name[0]) {
		/* the share root: parent and object are the root itself */
		vp->is_root = true;
		vp->last = vp->name;
		vp->dentry = dget(t->root.dentry);
		return STATUS_SUCCESS;
	}

	comp = vp->name;
	while ((sep = strchr(comp, '/')) != NULL) {
		clen = sep - comp;
		d = lookup_comp(vp, &comp, &clen, nocase);
		if (IS_ERR(d)) {
			st = PTR_ERR(d) == -ENOENT ? STATUS_OBJECT_PATH_NOT_FOUND :
			     cifsd_errno_to_status(PTR_ERR(d));
			goto fail;
		}
		if (d_is_symlink(d)) {
			if (flags & CIFSD_RESOLVE_KEEP_LINK)
				return stop_on_link(vp, d, comp, clen);
			dput(d);
			st = STATUS_STOPPED_ON_SYMLINK;
			goto fail;
		}
		if (d_is_negative(d) || !d_is_dir(d)) {
			dput(d);
			st = STATUS_OBJECT_PATH_NOT_FOUND;
			goto fail;
		}
		dput(vp->parent.dentry);
		vp->parent.dentry = d;
		comp += clen + 1;
	}
	clen = strlen(comp);

	/* paranoia: a concurrent local rename may have moved us out */
	if (!is_subdir(vp->parent.dentry, t->root.dentry)) {
		st = STATUS_ACCESS_DENIED;
		goto fail;
	}

	d = lookup_comp(vp, &comp, &clen,
			nocase && !(flags & CIFSD_RESOLVE_EXACT_LAST));
	if (IS_ERR(d)) {
		st = cifsd_errno_to_status(PTR_ERR(d));
		goto fail;
	}
	vp->dentry = d;
	vp->last = comp;
	vp->last_len = clen;
	return STATUS_SUCCESS;
fail:
	cifsd_vpath_put(vp);
	return st;
}

int cifsd_vfs_create(struct cifsd_vpath *vp, bool dir, umode_t mode)
{
	struct inode *pdir = d_inode(vp->parent.dentry);
	struct dentry *d;
	int err;

	if (vp->is_root)
		return -EEXIST;
	err = mnt_want_write(vp->parent.mnt);
	if (err)
		return err;
	inode_lock_nested(pdir, I_MUTEX_PARENT);
	d = cifsd_lookup_locked(&vp->parent, vp->last, vp->last_len);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		goto out;
	}
	if (d_is_positive(d))
		err = -EEXIST;
	else if (dir)
		err = compat_vfs_mkdir(vp->parent.mnt, pdir, d, mode);
	else
		err = compat_vfs_create(vp->parent.mnt, pdir, d, mode);
	if (!err && (d_is_negative(d) || d_unhashed(d))) {
		/* some file systems leave the dentry unused; look again */
		struct dentry *d2;

		d2 = cifsd_lookup_locked(&vp->parent, vp->last, vp->last_len);
		dput(d);
		d = d2;
		if (IS_ERR(d))
			err = PTR_ERR(d);
		else if (d_is_negative(d))
			err = -ENOENT;
	}
	if (!IS_ERR(d)) {
		dput(vp->dentry);
		vp->dentry = d;
	}
out:
	inode_unlock(pdir);
	mnt_drop_write(vp->parent.mnt);
	return err;
}

struct file *cifsd_vfs_open(const struct path *path, int flags)
{
	return dentry_open(path, flags | O_LARGEFILE, current_cred());
}

/* The sticky-directory rule of may_delete(): only owners may remove. */
static bool sticky_denies(const struct vfsmount *mnt, struct inode *dir,
			  struct inode *inode)
{
	cifsd_idmap_t *idmap = cifsd_mnt_idmap(mnt);
	kuid_t fsuid = current_fsuid();

	if (!(dir->i_mode & S_ISVTX))
		return false;
	if (vfsuid_eq_kuid(i_uid_into_vfsuid(idmap, inode), fsuid) ||
	    vfsuid_eq_kuid(i_uid_into_vfsuid(idmap, dir), fsuid))
		return false;
	return !capable_wrt_inode_uidgid(idmap, inode, CAP_FOWNER);
}

int cifsd_vfs_check_access(const struct path *path, struct dentry *parent,
			   u32 access)
{
	struct inode *inode = d_inode(path->dentry);
	int mask = 0, err;

	if (access & (FILE_READ_DATA | FILE_EXECUTE))
		mask |= d_is_dir(path->dentry) ? 0 : MAY_READ;
	if (access & FILE_READ_DATA && d_is_dir(path->dentry))
		mask |= MAY_READ;
	if (access & (FILE_WRITE_DATA | FILE_APPEND_DATA))
		mask |= MAY_WRITE;
	/* an append-only file takes appends only (like may_open()) */
	if (IS_APPEND(inode) && (access & FILE_WRITE_DATA) &&
	    !d_is_dir(path->dentry))
		return -EPERM;
	if (mask) {
		err = cifsd_inode_permission(path->mnt, inode, mask);
		if (err)
			return err;
	}
	if ((access & DELETE) && parent && parent != path->dentry) {
		err = cifsd_inode_permission(path->mnt, d_inode(parent),
					     MAY_WRITE | MAY_EXEC);
		if (err)
			return err;
		if (sticky_denies(path->mnt, d_inode(parent), inode))
			return -EACCES;
	}
	return 0;
}

u32 cifsd_vfs_max_access(const struct path *path, struct dentry *parent)
{
	struct inode *inode = d_inode(path->dentry);
	u32 a = FILE_READ_ATTRIBUTES | READ_CONTROL | SYNCHRONIZE |
		FILE_READ_EA;

	if (!cifsd_inode_permission(path->mnt, inode, MAY_READ))
		a |= FILE_GENERIC_READ | FILE_GENERIC_EXECUTE;
	if (!cifsd_inode_permission(path->mnt, inode, MAY_WRITE))
		a |= FILE_GENERIC_WRITE | FILE_DELETE_CHILD;
	if (inode_owner_or_capable(cifsd_mnt_idmap(path->mnt), inode))
		a |= FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA | WRITE_DAC |
		     WRITE_OWNER;
	if (parent && parent != path->dentry &&
	    !cifsd_inode_permission(path->mnt, d_inode(parent),
				    MAY_WRITE | MAY_EXEC) &&
	    !sticky_denies(path->mnt, d_inode(parent), inode))
		a |= DELETE;
	/* a read-only bind mount is not seen by inode_permission() */
	if (__mnt_is_readonly(path->mnt))
		a &= ~(FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_WRITE_EA |
		       FILE_WRITE_ATTRIBUTES | FILE_DELETE_CHILD | DELETE |
		       WRITE_DAC | WRITE_OWNER);
	return a;
}

int cifsd_vfs_getattr(const struct path *path, struct kstat *st)
{
	return vfs_getattr(path, st, STATX_BASIC_STATS | STATX_BTIME,
			   AT_STATX_SYNC_AS_STAT);
}

int cifsd_vfs_statfs(const struct path *path, struct kstatfs *st)
{
	return vfs_statfs(path, st);
}

int cifsd_vfs_truncate(struct file *filp, loff_t size)
{
	if (size < 0)
		return -EINVAL;
	return vfs_truncate(&filp->f_path, size);
}

int cifsd_vfs_allocate(struct file *filp, loff_t size)
{
	struct kstat st;
	int err;

	if (size < 0)
		return -EINVAL;
	err = cifsd_vfs_getattr(&filp->f_path, &st);
	if (err)
		return err;
	if (size < st.size)
		return cifsd_vfs_truncate(filp, size);
	if (!(filp->f_mode & FMODE_WRITE) || size == 0)
		return 0;
	err = vfs_fallocate(filp, FALLOC_FL_KEEP_SIZE, 0, size);
	/* preallocation is a hint: file systems without it are fine */
	if (err == -EOPNOTSUPP)
		err = 0;
	return err;
}

int cifsd_vfs_set_basic(struct file *filp, const struct timespec64 *atime,
			const struct timespec64 *mtime,
			const struct timespec64 *ctime, int readonly)
{
	struct dentry *d = filp->f_path.dentry;
	struct inode *inode = d_inode(d);
	struct iattr ia = {};
	int err;

	if (atime) {
		ia.ia_valid |= ATTR_ATIME | ATTR_ATIME_SET;
		ia.ia_atime = *atime;
	}
	if (mtime) {
		ia.ia_valid |= ATTR_MTIME | ATTR_MTIME_SET;
		ia.ia_mtime = *mtime;
	}
	if (ctime) {
		/* ctime cannot be set to a given value on Linux */
		ia.ia_valid |= ATTR_CTIME;
	}
	err = mnt_want_write(filp->f_path.mnt);
	if (err)
		return err;
	inode_lock(inode);
	if (readonly >= 0 && S_ISREG(inode->i_mode)) {
		umode_t m = inode->i_mode;
		bool ro = !(m & 0222);

		if (readonly && !ro) {
			ia.ia_valid |= ATTR_MODE;
			ia.ia_mode = m & ~0222;
		} else if (!readonly && ro) {
			ia.ia_valid |= ATTR_MODE;
			ia.ia_mode = m | 0200;
		}
	}
	err = ia.ia_valid ? cifsd_notify_change(filp->f_path.mnt, d, &ia) : 0;
	inode_unlock(inode);
	mnt_drop_write(filp->f_path.mnt);
	return err;
}

int cifsd_vfs_unlink(struct file *filp)
{
	return cifsd_vfs_remove(&filp->f_path);
}

int cifsd_vfs_remove(const struct path *path)
{
	struct dentry *d = path->dentry;
	struct vfsmount *mnt = path->mnt;
	struct dentry *parent;
	struct inode *pdir;
	int err;

	err = mnt_want_write(mnt);
	if (err)
		return err;
	parent = dget_parent(d);
	pdir = d_inode(parent);
	inode_lock_nested(pdir, I_MUTEX_PARENT);
	if (d->d_parent != parent || d_unhashed(d) || d_is_negative(d)) {
		err = -ENOENT;
	} else {
		dget(d);
		if (d_is_dir(d))
			err = compat_vfs_rmdir(mnt, pdir, d);
		else
			err = compat_vfs_unlink(mnt, pdir, d);
		dput(d);
	}
	inode_unlock(pdir);
	dput(parent);
	mnt_drop_write(mnt);
	return err;
}

struct empty_ctx {
	struct dir_context ctx;
	bool empty;
};

static bool empty_actor(struct dir_context *ctx, const char *name, int len,
			loff_t off, u64 ino, unsigned int type)
{
	struct empty_ctx *ec = container_of(ctx, struct empty_ctx, ctx);

	if ((len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	ec->empty = false;
	return false;
}

int cifsd_vfs_dir_empty(const struct path *path)
{
	struct empty_ctx ec = { .ctx.actor = empty_actor, .empty = true };
	struct file *f;
	int err;

	if (!d_is_dir(path->dentry))
		return 0;
	f = cifsd_vfs_open(path, O_RDONLY | O_DIRECTORY);
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = iterate_dir(f, &ec.ctx);
	fput(f);
	if (err)
		return err;
	return ec.empty ? 0 : -ENOTEMPTY;
}

int cifsd_vfs_rename(struct file *filp, struct cifsd_vpath *to, bool replace)
{
	struct vfsmount *mnt = filp->f_path.mnt;
	struct dentry *old = filp->f_path.dentry;
	struct dentry *old_dir, *new, *trap;
	struct renamedata rd = {};
	int err;

	if (to->is_root)
		return -EINVAL;
	if (to->parent.mnt != mnt)
		return -EXDEV;
	err = mnt_want_write(mnt);
	if (err)
		return err;
	old_dir = dget_parent(old);
	trap = cifsd_lock_rename(to->parent.dentry, old_dir);
	if (IS_ERR(trap)) {
		err = PTR_ERR(trap);
		goto out_dput;
	}
	if (old->d_parent != old_dir || d_unhashed(old)) {
		err = -ENOENT;
		goto out_unlock;
	}
	if (old == trap) {
		/* the target would be inside the source */
		err = -EINVAL;
		goto out_unlock;
	}
	new = cifsd_lookup_locked(&to->parent, to->last, to->last_len);
	if (IS_ERR(new)) {
		err = PTR_ERR(new);
		goto out_unlock;
	}
	if (new == trap) {
		err = -ENOTEMPTY;
		goto out_new;
	}
	if (new == old) {
		err = 0;	/* renaming onto itself */
		goto out_new;
	}
	if (d_is_positive(new)) {
		if (!replace) {
			err = -EEXIST;
			goto out_new;
		}
		if (d_is_dir(new)) {
			err = -EACCES;	/* Windows never replaces a directory */
			goto out_new;
		}
	}
	cifsd_renamedata_idmap(&rd, cifsd_mnt_idmap(mnt));
	rd.old_dir = d_inode(old_dir);
	rd.old_dentry = old;
	rd.new_dir = d_inode(to->parent.dentry);
	rd.new_dentry = new;
	rd.flags = 0;	/* the target was checked under the lock */
	err = vfs_rename(&rd);
out_new:
	dput(new);
out_unlock:
	unlock_rename(to->parent.dentry, old_dir);
out_dput:
	dput(old_dir);
	mnt_drop_write(mnt);
	return err;
}

u32 cifsd_stat_attrs(const struct kstat *st)
{
	u32 a;

	if (S_ISDIR(st->mode))
		return FILE_ATTRIBUTE_DIRECTORY;
	/* symbolic links and special files are reparse points */
	if (cifsd_mode_is_reparse(st->mode))
		return FILE_ATTRIBUTE_ARCHIVE | FILE_ATTRIBUTE_REPARSE_POINT;
	a = FILE_ATTRIBUTE_ARCHIVE;
	if (!(st->mode & 0222))
		a |= FILE_ATTRIBUTE_READONLY;
	return a;
}

__le32 cifsd_errno_to_status(int err)
{
	switch (err) {
	case 0:
		return STATUS_SUCCESS;
	case -ENOENT:
		return STATUS_OBJECT_NAME_NOT_FOUND;
	case -EEXIST:
		return STATUS_OBJECT_NAME_COLLISION;
	case -EACCES:
	case -EPERM:
	case -ELOOP:
		return STATUS_ACCESS_DENIED;
	case -ENOTEMPTY:
		return STATUS_DIRECTORY_NOT_EMPTY;
	case -ENOTDIR:
		return STATUS_OBJECT_PATH_NOT_FOUND;
	case -EISDIR:
		return STATUS_FILE_IS_A_DIRECTORY;
	case -ENOSPC:
	case -EDQUOT:
	case -EFBIG:
		return STATUS_DISK_FULL;
	case -EROFS:
		return STATUS_MEDIA_WRITE_PROTECTED;
	case -ENAMETOOLONG:
		return STATUS_NAME_TOO_LONG;
	case -ENOMEM:
		return STATUS_NO_MEMORY;
	case -ENOBUFS:		/* a per-connection or server memory limit */
		return STATUS_INSUFFICIENT_RESOURCES;
	case -EXDEV:
		return STATUS_NOT_SAME_DEVICE;
	case -EBUSY:
	case -ETXTBSY:
		return STATUS_SHARING_VIOLATION;
	case -EINVAL:
	case -EOVERFLOW:
		return STATUS_INVALID_PARAMETER;
	case -EMFILE:
	case -ENFILE:
		return STATUS_TOO_MANY_OPENED_FILES;
	case -EOPNOTSUPP:
		return STATUS_NOT_SUPPORTED;
	default:
		return STATUS_UNSUCCESSFUL;
	}
}
