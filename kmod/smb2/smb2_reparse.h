/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reparse points: symbolic links and special files as clients see them
 * (smb2_reparse.c).  Contract of the handlers: see smb2_fileops.h.
 */
#ifndef CIFSD_SMB2_REPARSE_H
#define CIFSD_SMB2_REPARSE_H

#include <linux/types.h>

struct cifsd_work;
struct dentry;

/* FSCTL_SET/GET/DELETE_REPARSE_POINT (cases of smb2_ioctl) */
int smb2_fsctl_set_reparse(struct cifsd_work *w);
int smb2_fsctl_get_reparse(struct cifsd_work *w);
int smb2_fsctl_delete_reparse(struct cifsd_work *w);

/*
 * Answer STATUS_STOPPED_ON_SYMLINK with the Symbolic Link Error Response
 * for the link @link, @unparsed UTF-16 bytes of the path after it
 * (MS-SMB2 2.2.2.2.1); @posix: the client uses POSIX names ('/').
 */
void smb2_stopped_on_symlink(struct cifsd_work *w, struct dentry *link,
			     u16 unparsed, bool posix);

#endif /* CIFSD_SMB2_REPARSE_H */
