/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Share modes (MS-SMB2 3.3.5.9, MS-FSA 2.1.5.1.2): the opens of one inode,
 * across every session and connection of the server.
 *
 * A global hash table, keyed by the struct inode, holds one share state
 * per inode that has opens.  A state is owned by its list of opens: it is
 * created by the first cifsd_share_add() for its inode and freed by the
 * cifsd_share_remove() that takes its last open out.  The inode pointer is
 * not counted: every open in the list pins the inode through its
 * struct file, and the state is gone before the last such file is put.
 *
 * Locking: one spinlock per hash bucket protects the bucket's chain, the
 * open lists of its states and their delete-pending flags.  It is taken by
 * CREATE, by the last put of an open, by rename and by the delete
 * disposition; never on the read/write path.
 *
 * An open is in a state (f->share != NULL) from a successful
 * cifsd_share_add() until cifsd_share_remove(), which the last put of the
 * open calls (file.c) before it releases the struct file.
 */
#ifndef CIFSD_SHARE_MODE_H
#define CIFSD_SHARE_MODE_H

#include <linux/types.h>

struct cifsd_file;
struct inode;
struct dentry;

/*
 * Check @f (f->filp, f->access and f->share_access set) against the other
 * opens of its inode and, when it is compatible, add it to them.  Returns
 * STATUS_SUCCESS, STATUS_DELETE_PENDING, STATUS_SHARING_VIOLATION or
 * STATUS_NO_MEMORY; on failure @f is not in any state.
 */
__le32 cifsd_share_add(struct cifsd_file *f);
/* Take @f out of its state (no-op when it is in none); may free the state. */
void cifsd_share_remove(struct cifsd_file *f);
/* Set or clear the delete-pending flag of the file @f is an open of. */
void cifsd_share_set_delete_pending(struct cifsd_file *f, bool pending);
/*
 * Would an open of @inode asking @access with @share conflict with its
 * current opens?  STATUS_SUCCESS or STATUS_SHARING_VIOLATION.
 */
__le32 cifsd_share_check(struct inode *inode, u32 access, u32 share);
/* Is any open's dentry strictly below the directory @dir? */
bool cifsd_share_open_below(struct dentry *dir);

#endif /* CIFSD_SHARE_MODE_H */
