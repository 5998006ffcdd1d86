/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Byte-range locks (MS-SMB2 3.3.5.14, MS-FSA 2.1.5.7).
 *
 * The locks of a file live in its cifsd_inode (inode.h), under ci->lock:
 * one struct cifsd_brl per granted lock, owned by the open that took it
 * (locks stack: the same range may be locked several times, and an unlock
 * removes exactly one lock with the same offset and length).
 *
 * Conflicts: an exclusive lock excludes every overlapping lock of other
 * opens and the exclusive ones of its own open; a shared lock excludes
 * overlapping exclusive locks of other opens.  READ conflicts with other
 * opens' exclusive locks, WRITE with other opens' exclusive locks and
 * with every shared lock (its own too).  Zero-length locks overlap
 * nothing.
 *
 * Unless the share says "posix locking = no", every granted lock is also
 * a POSIX lock of the open's struct file, with the open as its owner, so
 * local processes and nfsd see it and their locks block ours.  The POSIX
 * view of an open is kept equal to the union of its SMB locks: an unlock
 * drops the range and puts back what the open's other locks still cover.
 *
 * A lock that must wait (no FAIL_IMMEDIATELY) is parked asynchronously
 * on ci->lock_waiters and retried whenever a lock of the file goes away.
 */
#ifndef CIFSD_BRLOCK_H
#define CIFSD_BRLOCK_H

#include <linux/list.h>
#include <linux/types.h>

struct cifsd_file;
struct cifsd_inode;
struct cifsd_work;
struct cifsd_async_ops;
struct cifsd_async;

struct cifsd_brl {
	struct list_head node;		/* ci->locks */
	struct cifsd_file *f;		/* not counted: removed before it goes */
	u64 start;
	u64 len;
	bool excl;
};

/*
 * Lock [start, start + len) for @f.  STATUS_SUCCESS,
 * STATUS_LOCK_NOT_GRANTED (a conflict; *may_wait says whether only other
 * SMB locks are in the way, so waiting may help), STATUS_INVALID_LOCK_RANGE,
 * STATUS_INSUFFICIENT_RESOURCES.  On STATUS_LOCK_NOT_GRANTED with
 * *may_wait, *seq is the value to give cifsd_brl_park().
 */
__le32 cifsd_brl_lock(struct cifsd_file *f, u64 start, u64 len, bool excl,
		      bool *may_wait, u32 *seq);
/* Remove one lock of @f with exactly this range: or STATUS_RANGE_NOT_LOCKED. */
__le32 cifsd_brl_unlock(struct cifsd_file *f, u64 start, u64 len);
/* The open goes: drop all its locks (and POSIX locks), wake waiters. */
void cifsd_brl_release(struct cifsd_file *f);
/* Would a READ (@write false) or WRITE of this range by @f conflict? */
bool cifsd_brl_conflicts_io(struct cifsd_file *f, u64 start, u64 len,
			    bool write);

/* Park a blocking LOCK until a lock of the file goes (then rerun). */
void cifsd_brl_park(struct cifsd_work *w, struct cifsd_file *f, u32 seq,
		    const struct cifsd_async_ops *ops);

#endif /* CIFSD_BRLOCK_H */
