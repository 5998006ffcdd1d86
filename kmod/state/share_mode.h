/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Share modes (MS-SMB2 3.3.5.9, MS-FSA 2.1.5.1.2) and delete-pending,
 * checked against the opens of one file across the whole server (the
 * file's cifsd_inode, inode.h).  An open is added to and removed from a
 * file's opens by cifsd_open_attach()/cifsd_open_detach() (oplock.h),
 * which check share modes and breaks in one step.
 */
#ifndef CIFSD_SHARE_MODE_H
#define CIFSD_SHARE_MODE_H

#include <linux/types.h>
#include "wire/smb2pdu.h"

struct cifsd_file;
struct cifsd_inode;
struct inode;
struct dentry;

/* The access bits that take part in share mode checks. */
#define SHARE_DATA_ACCESS	(FILE_READ_DATA | FILE_EXECUTE | \
				 FILE_WRITE_DATA | FILE_APPEND_DATA | DELETE)

/* Under ci->lock: would an open with @access and @share conflict? */
bool cifsd_share_conflicts(struct cifsd_inode *ci, u32 access, u32 share);
/* Set or clear the delete-pending flag of the file @f is an open of. */
void cifsd_share_set_delete_pending(struct cifsd_file *f, bool pending);
/*
 * Would an open of @inode asking @access with @share conflict with its
 * current opens?  STATUS_SUCCESS or STATUS_SHARING_VIOLATION.
 */
__le32 cifsd_share_check(struct inode *inode, u32 access, u32 share);
/*
 * Is any open's dentry strictly below the directory @dir?  Directory opens
 * held with a lease (cached listings) do not count.
 */
bool cifsd_share_open_below(struct dentry *dir);

#endif /* CIFSD_SHARE_MODE_H */
