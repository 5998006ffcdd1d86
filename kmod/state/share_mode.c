// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Share modes and delete-pending (share_mode.h).
 */
#include <linux/fs.h>
#include <linux/dcache.h>
#include "wire/smb2pdu.h"
#include "wire/ntstatus.h"
#include "file.h"
#include "inode.h"
#include "share_mode.h"

#define SHARE_READ_BITS		(FILE_READ_DATA | FILE_EXECUTE)
#define SHARE_WRITE_BITS	(FILE_WRITE_DATA | FILE_APPEND_DATA)

/* Does @share (FILE_SHARE_*) let another open have @access? */
static bool share_allows(u32 share, u32 access)
{
	if ((access & SHARE_READ_BITS) && !(share & FILE_SHARE_READ))
		return false;
	if ((access & SHARE_WRITE_BITS) && !(share & FILE_SHARE_WRITE))
		return false;
	if ((access & DELETE) && !(share & FILE_SHARE_DELETE))
		return false;
	return true;
}

/* Opens without data access (attributes, sync, ACL) never conflict. */
bool cifsd_share_conflicts(struct cifsd_inode *ci, u32 access, u32 share)
{
	const struct cifsd_file *o;

	if (!(access & SHARE_DATA_ACCESS))
		return false;
	list_for_each_entry(o, &ci->opens, ci_node) {
		if (!(o->access & SHARE_DATA_ACCESS))
			continue;
		if (!share_allows(o->share_access, access) ||
		    !share_allows(share, o->access))
			return true;
	}
	return false;
}

void cifsd_share_set_delete_pending(struct cifsd_file *f, bool pending)
{
	struct cifsd_inode *ci = f->ci;

	if (!ci)
		return;
	mutex_lock(&ci->lock);
	ci->delete_pending = pending;
	mutex_unlock(&ci->lock);
}

__le32 cifsd_share_check(struct inode *inode, u32 access, u32 share)
{
	struct cifsd_inode *ci = cifsd_inode_find(inode);
	bool conflict;

	if (!ci)
		return STATUS_SUCCESS;
	mutex_lock(&ci->lock);
	conflict = cifsd_share_conflicts(ci, access, share);
	mutex_unlock(&ci->lock);
	cifsd_inode_put(ci);
	return conflict ? STATUS_SHARING_VIOLATION : STATUS_SUCCESS;
}

/* Under ci->opens_lock (cifsd_inode_for_each). */
static bool open_below(struct cifsd_inode *ci, void *arg)
{
	struct dentry *dir = arg, *d;
	struct cifsd_file *o;

	list_for_each_entry(o, &ci->opens, ci_node) {
		/* a client caching a listing (directory lease) keeps no file */
		if (o->is_dir && READ_ONCE(o->lease))
			continue;
		d = o->filp->f_path.dentry;
		if (d != dir && is_subdir(d, dir))
			return true;
	}
	return false;
}

bool cifsd_share_open_below(struct dentry *dir)
{
	return cifsd_inode_for_each(open_below, dir);
}
