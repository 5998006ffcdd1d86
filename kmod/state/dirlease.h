/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Directory leases (MS-SMB2 3.3.1.4, 3.3.5.9.11; SMB 3.x with
 * SMB2_GLOBAL_CAP_DIRECTORY_LEASING): a client may cache a directory's
 * listing (R) and keep its handle open (H).  R goes when an entry is
 * added, removed or renamed, or the directory itself changes, whoever
 * did it: SMB clients, local processes, nfsd.  The server sees every such
 * change through an fsnotify mark on the directory's inode, held while
 * any lease is granted on it.
 *
 * Objects: one struct cifsd_dirlease_mark per leased directory, owned by
 * its cifsd_inode (ci->dl, under ci->lock) from the first lease granted on
 * the directory until the last of its leases retires.  The fsnotify
 * handler runs in the context of whoever changed the directory (with its
 * i_rwsem held): it only queues the mark's work, which breaks the leases
 * under ci->lock.  A queued work holds a reference on the mark's memory
 * (freed when fsnotify and every queued work have let go); the mark
 * points at its cifsd_inode only while attached (cleared under a
 * spinlock at detach, before the inode's state can go).
 */
#ifndef CIFSD_DIRLEASE_H
#define CIFSD_DIRLEASE_H

#include <linux/types.h>

struct cifsd_inode;
struct inode;
struct cifsd_dirlease_mark;

/*
 * Under ci->lock: make sure changes to directory @dir reach @ci's leases.
 * 0, or an error (then grant no lease on the directory).
 */
int cifsd_dirlease_attach(struct cifsd_inode *ci, struct inode *dir);
/* Under ci->lock: the last lease of @ci went; stop watching. */
void cifsd_dirlease_detach(struct cifsd_inode *ci);

int cifsd_dirlease_init(void);
void cifsd_dirlease_exit(void);

#endif /* CIFSD_DIRLEASE_H */
