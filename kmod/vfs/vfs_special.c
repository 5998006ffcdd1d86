// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Symbolic links, special files and hard links, inside the share.
 *
 * The server never follows a link: it creates, reads and removes links
 * as objects of their own, and answers a path that walks through one
 * with STATUS_STOPPED_ON_SYMLINK (vfs.c) so that the client resolves it.
 */
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/capability.h>
#include <linux/delayed_call.h>
#include <linux/mnt_idmapping.h>
#include <linux/cred.h>
#include "compat.h"
#include "vfs.h"
#include "wire/reparse.h"

u32 cifsd_mode_reparse_tag(umode_t mode)
{
	if (S_ISLNK(mode))
		return IO_REPARSE_TAG_SYMLINK;
	if (S_ISFIFO(mode) || S_ISSOCK(mode) || S_ISCHR(mode) ||
	    S_ISBLK(mode))
		return IO_REPARSE_TAG_NFS;
	return 0;
}

char *cifsd_vfs_readlink(struct dentry *d)
{
	DEFINE_DELAYED_CALL(done);
	const char *s;
	char *r;

	s = vfs_get_link(d, &done);
	if (IS_ERR(s))
		return ERR_CAST(s);
	r = kstrdup(s, GFP_KERNEL);
	do_delayed_call(&done);
	return r ? r : ERR_PTR(-ENOMEM);
}

static int make_one(const struct path *dir, struct dentry *d,
		    const struct cifsd_special *sp)
{
	cifsd_idmap_t *idmap = cifsd_mnt_idmap(dir->mnt);
	struct inode *pdir = d_inode(dir->dentry);

	if (S_ISLNK(sp->mode))
		return vfs_symlink(idmap, pdir, d, sp->target);
	if (S_ISREG(sp->mode))
		return compat_vfs_create(dir->mnt, pdir, d, sp->mode & 07777);
	if (S_ISDIR(sp->mode))
		return compat_vfs_mkdir(dir->mnt, pdir, d, sp->mode & 07777);
	return vfs_mknod(idmap, pdir, d, sp->mode, sp->dev);
}

/* What @d is, to put it back if its replacement cannot be made. */
static int describe(struct dentry *d, struct cifsd_special *old)
{
	struct inode *inode = d_inode(d);

	old->mode = inode->i_mode;
	old->dev = inode->i_rdev;
	old->target = NULL;
	if (d_is_dir(d) || d_is_reg(d)) {
		/* only an empty file or directory may be replaced */
		return d_is_reg(d) && i_size_read(inode) ? -ENOTEMPTY : 0;
	}
	if (d_is_symlink(d)) {
		char *t = cifsd_vfs_readlink(d);

		if (IS_ERR(t))
			return PTR_ERR(t);
		old->target = t;
	}
	return 0;
}

/* Under the parent's lock: remove @d, create @sp in its place */
static int replace_locked(const struct path *dir, struct dentry *d,
			  const struct cifsd_special *sp)
{
	struct inode *pdir = d_inode(dir->dentry);
	struct vfsmount *mnt = dir->mnt;
	struct cifsd_special old;
	struct dentry *nd;
	char *name;
	int len = d->d_name.len, err;

	err = describe(d, &old);
	if (err)
		return err;
	name = kmemdup(d->d_name.name, len, GFP_KERNEL);
	if (!name) {
		err = -ENOMEM;
		goto out;
	}
	dget(d);
	err = d_is_dir(d) ? compat_vfs_rmdir(mnt, pdir, d) :
			    compat_vfs_unlink(mnt, pdir, d);
	dput(d);
	if (err)
		goto out;
	nd = cifsd_lookup_locked(dir, name, len);
	if (IS_ERR(nd)) {
		err = PTR_ERR(nd);
		goto out;
	}
	err = d_is_negative(nd) ? make_one(dir, nd, sp) : -EEXIST;
	if (err && d_is_negative(nd))
		make_one(dir, nd, &old);	/* put back what was there */
	dput(nd);
out:
	kfree(name);
	kfree(old.target);
	return err;
}

int cifsd_vfs_make_special(const struct path *path,
			   const struct cifsd_special *sp)
{
	struct dentry *d = path->dentry;
	struct path dir = { .mnt = path->mnt };
	struct inode *pdir;
	int err;

	if ((S_ISCHR(sp->mode) || S_ISBLK(sp->mode)) && !capable(CAP_MKNOD))
		return -EPERM;
	if (S_ISDIR(sp->mode))
		return -EINVAL;
	err = mnt_want_write(path->mnt);
	if (err)
		return err;
	dir.dentry = dget_parent(d);
	pdir = d_inode(dir.dentry);
	inode_lock_nested(pdir, I_MUTEX_PARENT);
	if (d->d_parent != dir.dentry || d_unhashed(d) || d_is_negative(d))
		err = -ENOENT;
	else
		err = replace_locked(&dir, d, sp);
	inode_unlock(pdir);
	dput(dir.dentry);
	mnt_drop_write(path->mnt);
	return err;
}

/*
 * fs.protected_hardlinks as do_linkat() applies it (vfs_link does not):
 * only the owner, or someone who may read and write a plain file, links it.
 */
static bool may_link(const struct path *old)
{
	cifsd_idmap_t *idmap = cifsd_mnt_idmap(old->mnt);
	struct inode *inode = d_inode(old->dentry);
	umode_t mode = inode->i_mode;

	if (vfsuid_eq_kuid(i_uid_into_vfsuid(idmap, inode), current_fsuid()))
		return true;
	if (S_ISREG(mode) && !(mode & S_ISUID) &&
	    (mode & (S_ISGID | 0010)) != (S_ISGID | 0010) &&
	    !cifsd_inode_permission(old->mnt, inode, MAY_READ | MAY_WRITE))
		return true;
	return capable_wrt_inode_uidgid(idmap, inode, CAP_FOWNER);
}

struct file *cifsd_vfs_reopen_path(const struct path *path)
{
	struct path p = { .mnt = path->mnt };
	struct dentry *parent = dget_parent(path->dentry);
	struct path dir = { .mnt = path->mnt, .dentry = parent };
	struct name_snapshot name;
	struct file *f;

	take_dentry_name_snapshot(&name, path->dentry);
	p.dentry = cifsd_lookup_unlocked(&dir, name.name.name,
					 name.name.len);
	release_dentry_name_snapshot(&name);
	dput(parent);
	if (IS_ERR(p.dentry))
		return ERR_CAST(p.dentry);
	if (d_is_negative(p.dentry)) {
		dput(p.dentry);
		return ERR_PTR(-ENOENT);
	}
	f = cifsd_vfs_open(&p, O_PATH);
	dput(p.dentry);
	return f;
}

int cifsd_vfs_link(const struct path *old, struct cifsd_vpath *to,
		   bool replace)
{
	struct vfsmount *mnt = old->mnt;
	struct inode *pdir = d_inode(to->parent.dentry);
	struct dentry *new;
	int err;

	if (to->is_root)
		return -EINVAL;
	if (to->parent.mnt != mnt)
		return -EXDEV;
	if (d_is_dir(old->dentry))
		return -EPERM;
	if (!may_link(old))
		return -EPERM;
	err = mnt_want_write(mnt);
	if (err)
		return err;
	inode_lock_nested(pdir, I_MUTEX_PARENT);
	new = cifsd_lookup_locked(&to->parent, to->last, to->last_len);
	if (IS_ERR(new)) {
		err = PTR_ERR(new);
		goto out;
	}
	if (d_is_positive(new)) {
		if (d_inode(new) == d_inode(old->dentry))
			err = 0;	/* already a link to it */
		else if (!replace)
			err = -EEXIST;
		else if (d_is_dir(new))
			err = -EACCES;
		else
			err = compat_vfs_unlink(mnt, pdir, new);
		if (err || d_inode(new) == d_inode(old->dentry))
			goto out_dput;
		dput(new);
		new = cifsd_lookup_locked(&to->parent, to->last,
					  to->last_len);
		if (IS_ERR(new)) {
			err = PTR_ERR(new);
			goto out;
		}
		if (d_is_positive(new)) {
			err = -EEXIST;
			goto out_dput;
		}
	}
	err = vfs_link(old->dentry, cifsd_mnt_idmap(mnt), pdir, new, NULL);
out_dput:
	dput(new);
out:
	inode_unlock(pdir);
	mnt_drop_write(mnt);
	return err;
}

int cifsd_vfs_set_owner_mode(const struct path *path, int uid, int gid,
			     int mode)
{
	struct dentry *d = path->dentry;
	struct inode *inode = d_inode(d);
	struct iattr ia = {};
	int err;

	if (uid >= 0) {
		ia.ia_valid |= ATTR_UID;
		ia.ia_vfsuid = VFSUIDT_INIT(make_kuid(&init_user_ns, uid));
	}
	if (gid >= 0) {
		ia.ia_valid |= ATTR_GID;
		ia.ia_vfsgid = VFSGIDT_INIT(make_kgid(&init_user_ns, gid));
	}
	if (mode >= 0) {
		ia.ia_valid |= ATTR_MODE;
		ia.ia_mode = (inode->i_mode & S_IFMT) | (mode & 07777);
	}
	if (!ia.ia_valid)
		return 0;
	if ((uid >= 0 && !vfsuid_valid(ia.ia_vfsuid)) ||
	    (gid >= 0 && !vfsgid_valid(ia.ia_vfsgid)))
		return -EINVAL;
	err = mnt_want_write(path->mnt);
	if (err)
		return err;
	inode_lock(inode);
	err = cifsd_notify_change(path->mnt, d, &ia);
	inode_unlock(inode);
	mnt_drop_write(path->mnt);
	return err;
}
